/* The kiosk trusts the district only over verified TLS.  A throw-away
 * certificate authority and server certificates are made with openssl for
 * each run; the real district server presents them on loopback and the
 * kiosk's sync client (yi_sync_enrol / yi_sync_client) connects:
 *
 * - the district's own CA in sync_ca_file: enrolment and sync work;
 * - no CA file (the system's trust store) or another CA: refused;
 * - an expired certificate, or one made for another address: refused;
 * - a CA file that cannot be read: refused with a message saying so;
 * - plain http to another machine without allow-plain-http: refused before
 *   anything is sent.
 *
 * Every refusal says why in words staff can pass on, sends nothing (the
 * district has no device afterwards and the code still works), and leaves
 * the kiosk unenrolled. */

#include "config.h"

#include "yi-settings.h"
#include "yi-store.h"
#include "yi-sync-client.h"
#include "yi-sync-codec.h"
#include "yi-sync-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static const char *district_bin;

typedef struct {
  char *dir;
  char *ddb;
  char *centre;
  char *ca;          /* the district's CA */
  char *other_ca;    /* somebody else's */
} Fixture;

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
openssl (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "openssl");
  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  proc = yi_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                        (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("openssl %s failed: %s", first, err);
}

/* A CA: NAME.key and NAME.crt. */
static char *
make_ca (Fixture    *f,
         const char *name,
         const char *subject)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", f->dir, name);
  char *crt = g_strdup_printf ("%s/%s.crt", f->dir, name);

  openssl ("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", subject,
           "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
           "-keyout", key, "-out", crt, NULL);
  return crt;
}

/* A server certificate NAME.crt (key NAME.key) signed by @ca_name, for
 * @san, valid for @days (negative: already expired). */
static void
make_server_cert (Fixture    *f,
                  const char *name,
                  const char *ca_name,
                  const char *san,
                  const char *days)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", f->dir, name);
  g_autofree char *csr = g_strdup_printf ("%s/%s.csr", f->dir, name);
  g_autofree char *crt = g_strdup_printf ("%s/%s.crt", f->dir, name);
  g_autofree char *ext = g_strdup_printf ("%s/%s.ext", f->dir, name);
  g_autofree char *ca_key = g_strdup_printf ("%s/%s.key", f->dir, ca_name);
  g_autofree char *ca_crt = g_strdup_printf ("%s/%s.crt", f->dir, ca_name);
  g_autofree char *ext_text = g_strdup_printf ("subjectAltName=%s\nbasicConstraints=CA:FALSE\n"
                                               "extendedKeyUsage=serverAuth\n", san);
  static int serial = 100;
  g_autofree char *serial_text = g_strdup_printf ("%d", serial++);

  g_assert_true (g_file_set_contents (ext, ext_text, -1, NULL));
  openssl ("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=yiyang-district",
           "-keyout", key, "-out", csr, NULL);
  openssl ("x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-set_serial", serial_text,
           "-days", days, "-extfile", ext, "-out", crt, NULL);
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("yiyang-tls-XXXXXX", NULL);
  f->ddb = path_in (f, "district.db");
  f->centre = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", "南城日间照料中心", NULL);
  g_assert_nonnull (f->centre);
  f->ca = make_ca (f, "district-ca", "/CN=Yiyang test district CA");
  f->other_ca = make_ca (f, "other-ca", "/CN=Somebody else's CA");
  make_server_cert (f, "good", "district-ca", "IP:127.0.0.1", "2");
  make_server_cert (f, "expired", "district-ca", "IP:127.0.0.1", "-1");
  make_server_cert (f, "wrong-name", "district-ca", "DNS:district.example.cn", "2");
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->ddb);
  g_free (f->centre);
  g_free (f->ca);
  g_free (f->other_ca);
}

static GSubprocess *
serve (Fixture     *f,
       const char  *cert_name,
       char       **url)
{
  g_autofree char *crt = g_strdup_printf ("%s/%s.crt", f->dir, cert_name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", f->dir, cert_name);
  GSubprocess *server = yi_test_spawn_url (url, district_bin, "--db", f->ddb, "--listen", "127.0.0.1:0",
                                           "--tls-cert", crt, "--tls-key", key, NULL);

  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (*url, "https://127.0.0.1:"));
  return server;
}

static YiStore *
new_kiosk (Fixture    *f,
           const char *name,
           const char *ca_file)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;
  YiStore *store = yi_store_open (path, &error);

  g_assert_no_error (error);
  /* Set as such, not through yi_settings_check: one case names a missing file. */
  g_settings_set_string (yi_settings_get_default (), YI_SETTING_DISTRICT_CA_FILE, ca_file ? ca_file : "");
  return store;
}

static gint64
enrolled_devices (Fixture *f)
{
  g_autofree char *list = yi_test_run (NULL, district_bin, "--db", f->ddb, "list-devices", NULL);
  gint64 n = 0;

  g_assert_nonnull (list);
  for (const char *p = list; *p; p++)
    n += *p == '\n';
  /* A header line, then one line per device (the output comes stripped). */
  return n;
}

static char *
new_code (Fixture *f)
{
  char *code = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre, NULL);

  g_assert_nonnull (code);
  return code;
}

/* Enrolment must fail with YI_SYNC_ERROR_INSECURE and @words in the
 * message, send nothing, and leave the kiosk unenrolled. */
static void
assert_refused (Fixture    *f,
                YiStore    *kiosk,
                const char *url,
                const char *code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  gint64 before = enrolled_devices (f);
  g_autofree char *token_path = yi_sync_token_path (yi_store_get_path (kiosk));

  g_assert_false (yi_sync_enrol (kiosk, url, code, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpint (enrolled_devices (f), ==, before);
  g_assert_false (g_file_test (token_path, G_FILE_TEST_EXISTS));
}

static void
test_district_ca (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = serve (f, "good", &url);
  g_autoptr(YiStore) kiosk = new_kiosk (f, "kiosk.db", f->ca);
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = new_code (f);

  g_assert_true (yi_sync_enrol (kiosk, url, code, NULL, &error));
  g_assert_no_error (error);
  client = yi_sync_client_new (kiosk, &error);
  g_assert_no_error (error);
  g_assert_true (yi_sync_client_run_round (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (enrolled_devices (f), ==, 1);
  yi_test_kill (server);
}

static void
test_untrusted (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = serve (f, "good", &url);
  g_autofree char *code = new_code (f);
  g_autoptr(GError) error = NULL;

  {
    /* The system's trust store does not know a district's own CA. */
    g_autoptr(YiStore) kiosk = new_kiosk (f, "system-store.db", NULL);
    assert_refused (f, kiosk, url, code, "not trusted");
  }
  {
    g_autoptr(YiStore) kiosk = new_kiosk (f, "other-ca.db", f->other_ca);
    assert_refused (f, kiosk, url, code, "not issued by the district's certificate authority");
  }
  {
    g_autofree char *missing = path_in (f, "no-such-ca.pem");
    g_autoptr(YiStore) kiosk = new_kiosk (f, "missing-ca.db", missing);

    g_assert_false (yi_sync_enrol (kiosk, url, code, NULL, &error));
    g_assert_nonnull (strstr (error->message, "certificate authority file cannot be read"));
    g_clear_error (&error);
    g_assert_cmpint (enrolled_devices (f), ==, 0);
  }
  {
    /* The same code still works with the right CA: nothing was spent. */
    g_autoptr(YiStore) kiosk = new_kiosk (f, "right.db", f->ca);
    g_assert_true (yi_sync_enrol (kiosk, url, code, NULL, &error));
    g_assert_no_error (error);
  }
  yi_test_kill (server);
}

static void
test_expired (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = serve (f, "expired", &url);
  g_autoptr(YiStore) kiosk = new_kiosk (f, "kiosk.db", f->ca);
  g_autofree char *code = new_code (f);

  assert_refused (f, kiosk, url, code, "expired");
  yi_test_kill (server);
}

static void
test_wrong_name (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = serve (f, "wrong-name", &url);
  g_autoptr(YiStore) kiosk = new_kiosk (f, "kiosk.db", f->ca);
  g_autofree char *code = new_code (f);

  assert_refused (f, kiosk, url, code, "made for another address");
  yi_test_kill (server);
}

/* An enrolled kiosk whose district suddenly shows an untrusted
 * certificate sends nothing, token included. */
static void
test_sync_refuses_swapped_certificate (Fixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = serve (f, "good", &url);
  g_autoptr(YiStore) kiosk = new_kiosk (f, "kiosk.db", f->ca);
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = new_code (f);

  g_assert_true (yi_sync_enrol (kiosk, url, code, NULL, &error));
  g_assert_no_error (error);
  yi_test_kill (server);
  g_clear_object (&server);

  /* Another CA's certificate where the district was. */
  make_server_cert (f, "impostor", "other-ca", "IP:127.0.0.1", "2");
  {
    g_autofree char *impostor_url = NULL;
    g_autoptr(GSubprocess) impostor = serve (f, "impostor", &impostor_url);

    g_assert_true (yi_store_set_meta (kiosk, YI_SYNC_META_URL, impostor_url, &error));
    client = yi_sync_client_new (kiosk, &error);
    g_assert_no_error (error);
    g_assert_false (yi_sync_client_run_round (client, NULL, &error));
    g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE);
    g_assert_nonnull (strstr (error->message, "not issued by the district's certificate authority"));
    yi_test_kill (impostor);
  }
}

/* Plain http leaves this machine only when the administrator says so.  The
 * address is TEST-NET (RFC 5737); the refusal comes before any connection. */
static void
test_plain_http (Fixture *f, gconstpointer data)
{
  g_autoptr(YiStore) kiosk = new_kiosk (f, "kiosk.db", NULL);
  g_autoptr(GError) error = NULL;
  const char *urls[] = { "http://192.0.2.1:8787/", "http://district.example.cn/", "HTTP://192.0.2.1/" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_assert_false (yi_sync_enrol (kiosk, urls[i], "AAAA-BBBB-CCCC", NULL, &error));
      g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE);
      g_assert_nonnull (strstr (error->message, "allow-plain-http"));
      g_clear_error (&error);
    }
  /* Other schemes are no way around it. */
  g_assert_false (yi_sync_enrol (kiosk, "ftp://192.0.2.1/", "AAAA-BBBB-CCCC", NULL, &error));
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);

  /* Loopback plain http is allowed (a TLS proxy on the same machine). */
  {
    g_autofree char *url = NULL;
    g_autoptr(GSubprocess) server = yi_test_spawn_url (&url, district_bin, "--db", f->ddb,
                                                       "--listen", "127.0.0.1:0", NULL);
    g_autofree char *code = new_code (f);

    g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
    g_assert_true (yi_sync_enrol (kiosk, url, code, NULL, &error));
    g_assert_no_error (error);
    yi_test_kill (server);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  district_bin = yi_test_program ("YI_DISTRICT");
  g_test_add ("/tls/district-ca", Fixture, NULL, setup, test_district_ca, teardown);
  g_test_add ("/tls/untrusted", Fixture, NULL, setup, test_untrusted, teardown);
  g_test_add ("/tls/expired", Fixture, NULL, setup, test_expired, teardown);
  g_test_add ("/tls/wrong-name", Fixture, NULL, setup, test_wrong_name, teardown);
  g_test_add ("/tls/swapped-certificate", Fixture, NULL, setup, test_sync_refuses_swapped_certificate, teardown);
  g_test_add ("/tls/plain-http", Fixture, NULL, setup, test_plain_http, teardown);
  return g_test_run ();
}
