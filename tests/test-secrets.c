/* Secrets stay secret.  A whole flow runs with the real programs: a
 * district server logging every request (-v) to a file, two kiosks
 * enrolled with one-time codes, staff added with PINs, elders imported
 * from a spreadsheet and published from the district's registry, both
 * with ID numbers, syncs both ways, and the administrator's reporting
 * commands.  Then:
 *
 * - no device token, enrolment code, PIN or ID number (whole, its middle
 *   14 digits, or the 10 digits a masked number hides) appears in anything
 *   any program printed or the server logged (the only output left out is
 *   `enrolment-code`'s, whose job is to print the code);
 * - the district's files (database, WAL, the centres' copies) hold neither
 *   tokens nor codes, only their hashes;
 * - each kiosk's token file is readable by its user only;
 * - PINs are stored as Argon2id strings, and the PINs themselves nowhere;
 * - no audit_log summary holds an ID number. */

#define _GNU_SOURCE
#include "config.h"

#include "yi-idcard.h"
#include "yi-store.h"
#include "yi-sync-client.h"
#include "yi-sync-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

static const char *district_bin;
static const char *admin_bin;

static const char *pins[] = { "73915046", "4820613795" };

typedef struct {
  char      *dir;
  GString   *output;     /* everything every program printed */
  GPtrArray *needles;    /* secrets that must appear nowhere */
} Flow;

static char *
run (Flow       *flow,
     gboolean    capture,
     const char *input,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = yi_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE |
                        (input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0),
                        (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, NULL);
  g_test_message ("%s %s", first, (const char *) argv->pdata[3]);
  if (capture)
    {
      g_string_append (flow->output, out);
      g_string_append (flow->output, err);
    }
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("%s %s failed: %s%s", first, (const char *) argv->pdata[3], out, err);
  return g_strdup (g_strstrip (out));
}

static void
add_needle (Flow       *flow,
            const char *secret)
{
  g_ptr_array_add (flow->needles, g_strdup (secret));
}

/* An ID number in every form that must stay hidden. */
static void
add_id_number (Flow       *flow,
               const char *number)
{
  add_needle (flow, number);
  g_ptr_array_add (flow->needles, g_strndup (number + 2, 14));
  g_ptr_array_add (flow->needles, g_strndup (number + 4, 10));
}

static char *
id_number (const char *region_birth_seq)
{
  return g_strdup_printf ("%s%c", region_birth_seq, yi_idcard_check_digit (region_birth_seq));
}

static gboolean
contains (const char *haystack,
          gsize       len,
          const char *needle)
{
  return memmem (haystack, len, needle, strlen (needle)) != NULL;
}

static void
assert_nowhere (Flow       *flow,
                const char *haystack,
                gsize       len,
                const char *where)
{
  for (guint i = 0; i < flow->needles->len; i++)
    {
      const char *needle = g_ptr_array_index (flow->needles, i);

      if (contains (haystack, len, needle))
        g_error ("A secret (%zu characters, starting %.2s) appears in %s", strlen (needle), needle, where);
    }
}

static char *
token_of (const char *db)
{
  g_autofree char *path = yi_sync_token_path (db);
  char *token = NULL;
  struct stat st;

  g_assert_true (g_file_get_contents (path, &token, NULL, NULL));
  /* Readable and writable by the kiosk's user only. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return g_strstrip (token);
}

/* A kiosk gone wrong: ID numbers where they do not belong, in a body the
 * district refuses.  The refusal may tell the kiosk what it sent; the log
 * must not keep it. */
static void
send_misplaced_id_numbers (const char  *url,
                           const char  *centre,
                           const char  *token,
                           const char  *device,
                           char       **ids)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%sv1/centres/%s/changes", url, centre);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *bad_hlc = g_strdup_printf ("{\"batch_id\":\"01890a5d-ac96-774b-bcce-b30209900001\",\"device_id\":\"%s\","
                                              "\"changes\":[{\"change_id\":\"01890a5d-ac96-774b-bcce-b30209900002\","
                                              "\"table\":\"elders\",\"record_id\":\"01890a5d-ac96-774b-bcce-b30209900003\","
                                              "\"kind\":\"entity\",\"hlc\":\"%s\",\"at\":\"%s\","
                                              "\"payload\":{\"name\":\"甲\"}}]}", device, ids[0], ids[1]);
  g_autofree char *bad_table = g_strdup_printf ("{\"batch_id\":\"01890a5d-ac96-774b-bcce-b30209900004\",\"device_id\":\"%s\","
                                                "\"changes\":[{\"change_id\":\"01890a5d-ac96-774b-bcce-b30209900005\","
                                                "\"table\":\"%s\",\"record_id\":\"01890a5d-ac96-774b-bcce-b30209900006\","
                                                "\"kind\":\"entity\",\"hlc\":\"x\",\"at\":\"x\","
                                                "\"payload\":{\"name\":\"甲\"}}]}", device, ids[2]);
  g_autofree char *bad_json = g_strdup_printf ("{\"batch_id\": %s %s", ids[3], ids[4]);
  const char *bodies[] = { bad_hlc, bad_table, bad_json };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) body = g_bytes_new (bodies[i], strlen (bodies[i]));
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Yiyang-Protocol", "1");
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
    }
}

static GSubprocess *
start_server (Flow        *flow,
              const char  *ddb,
              const char  *log_path,
              char       **url)
{
  g_autofree char *out_path = g_build_filename (flow->dir, "server.out", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *server;

  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  server = g_subprocess_launcher_spawn (launcher, &error, district_bin, "--db", ddb,
                                        "--listen", "127.0.0.1:0", "-v", "serve", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (out_path, &text, NULL, NULL) && strchr (text, '\n') != NULL)
        {
          *url = g_strndup (text, strcspn (text, "\n"));
          return server;
        }
      g_usleep (50 * 1000);
    }
  g_error ("The district server did not start");
  return NULL;
}

static void
check_files (Flow       *flow,
             const char *dir,
             const char *what)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *bytes = NULL;
      g_autofree char *where = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          check_files (flow, path, what);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
      where = g_strdup_printf ("%s file %s", what, name);
      assert_nowhere (flow, bytes, len, where);
    }
  g_dir_close (d);
}

static void
check_store (Flow       *flow,
             const char *path,
             gint64      expected_staff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  /* Every PIN an Argon2id string. */
  g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM staff WHERE pin_hash IS NOT NULL", NULL), ==, expected_staff);
  g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM staff WHERE pin_hash LIKE '$argon2id$v=19$m=%'", NULL), ==, expected_staff);

  /* The audit trail says what changed, never whose ID number. */
  stmt = yi_store_prepare (store, "SELECT coalesce(summary, '') FROM audit_log", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM audit_log", NULL), >, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *summary = (const char *) sqlite3_column_text (stmt, 0);
      assert_nowhere (flow, summary, strlen (summary), "an audit_log summary");
    }
}

static void
test_no_secret_escapes (void)
{
  Flow flow = { 0, };
  g_autofree char *ddb = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *kiosk1 = NULL;
  g_autofree char *kiosk2 = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *code1 = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *unused_code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *registry = NULL;
  g_autofree char *report = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *reg_json = NULL;
  g_autofree char *pin1 = g_strconcat (pins[0], "\n", NULL);
  g_autofree char *pin2 = g_strconcat (pins[1], "\n", NULL);
  g_autofree char *log = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *out = NULL;
  g_autofree char *district_dir = NULL;
  g_autofree char *kiosk1_dir = NULL;
  g_autofree char *kiosk2_dir = NULL;
  g_autofree char *mirror = NULL;
  g_autoptr(GPtrArray) hashed_only = g_ptr_array_new_with_free_func (g_free);
  char *ids[6];
  gsize log_len;

  flow.dir = g_dir_make_tmp ("yiyang-secrets-XXXXXX", NULL);
  flow.output = g_string_new (NULL);
  flow.needles = g_ptr_array_new_with_free_func (g_free);
  district_dir = g_build_filename (flow.dir, "district", NULL);
  kiosk1_dir = g_build_filename (flow.dir, "kiosk1", NULL);
  kiosk2_dir = g_build_filename (flow.dir, "kiosk2", NULL);
  g_mkdir (district_dir, 0700);
  g_mkdir (kiosk1_dir, 0700);
  g_mkdir (kiosk2_dir, 0700);
  ddb = g_build_filename (district_dir, "district.db", NULL);
  log_path = g_build_filename (flow.dir, "district.log", NULL);
  kiosk1 = g_build_filename (kiosk1_dir, "yiyang.db", NULL);
  kiosk2 = g_build_filename (kiosk2_dir, "yiyang.db", NULL);
  csv = g_build_filename (flow.dir, "elders.csv", NULL);
  registry = g_build_filename (flow.dir, "registry.json", NULL);
  report = g_build_filename (flow.dir, "report.csv", NULL);

  ids[0] = id_number ("37010219491231002");
  ids[1] = id_number ("37010219380105011");
  ids[2] = id_number ("37010219560620024");
  ids[3] = id_number ("11010519400307123");
  ids[4] = id_number ("11010519450512004");
  /* A mistyped one: the check digit is wrong. */
  ids[5] = g_strdup_printf ("%.17s%c", ids[2], ids[2][17] == '0' ? '1' : '0');
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_id_number (&flow, ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (pins); i++)
    add_needle (&flow, pins[i]);

  /* The spreadsheet: three good rows, one repeating a number, one mistyped. */
  sheet = g_strdup_printf ("姓名,性别,身份证号,联系电话,住址\n"
                           "张桂英,女,%s,13800001111,和平路12号\n"
                           "王德明,男,%s,13800002222,文化东路3号\n"
                           "刘秀兰,女,%s,,花园路8号\n"
                           "刘秀兰,女,%s,,花园路8号\n"
                           "赵大爷,男,%s,,\n",
                           ids[0], ids[1], ids[2], ids[2], ids[5]);
  g_assert_true (g_file_set_contents (csv, sheet, -1, NULL));
  reg_json = g_strdup_printf ("[{\"id_number\":\"%s\",\"name\":\"孙玉珍\"},{\"id_number\":\"%s\",\"name\":\"周建国\"}]",
                              ids[3], ids[4]);
  g_assert_true (g_file_set_contents (registry, reg_json, -1, NULL));

  /* The district. */
  centre = run (&flow, TRUE, NULL, district_bin, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  code1 = run (&flow, FALSE, NULL, district_bin, "--db", ddb, "enrolment-code", centre, NULL);
  code2 = run (&flow, FALSE, NULL, district_bin, "--db", ddb, "enrolment-code", centre, NULL);
  unused_code = run (&flow, FALSE, NULL, district_bin, "--db", ddb, "enrolment-code", centre, "1", NULL);
  {
    const char *codes[] = { code1, code2, unused_code };

    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      {
        g_autofree char *bare = g_strdup (codes[i]);
        g_autofree char *lower = g_ascii_strdown (codes[i], -1);
        char *w = bare;

        for (const char *r = codes[i]; *r; r++)
          if (*r != '-')
            *w++ = *r;
        *w = '\0';
        add_needle (&flow, codes[i]);
        add_needle (&flow, bare);
        add_needle (&flow, lower);
        g_ptr_array_add (hashed_only, g_strdup (codes[i]));
        g_ptr_array_add (hashed_only, g_strdup (bare));
      }
  }
  out = run (&flow, TRUE, NULL, district_bin, "--db", ddb, "load-registry", centre, registry, NULL);
  server = start_server (&flow, ddb, log_path, &url);

  /* The first kiosk: staff, elders, sync, reports. */
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "init", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "enrol", url, code1, NULL));
  g_free (run (&flow, TRUE, pin1, admin_bin, "--db", kiosk1, "add-staff", "王芳", "admin", NULL));
  g_free (run (&flow, TRUE, pin2, admin_bin, "--db", kiosk1, "add-staff", "李师傅", "kitchen", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "import-elders", csv, "--skip-bad", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "sync", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "sync-status", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "summary", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "report", "--period", "last-month",
               "--format", "csv", "--output", report, NULL));

  /* The second kiosk receives it all, PIN hashes and ID numbers included. */
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk2, "init", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk2, "enrol", url, code2, NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk2, "sync", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk2, "sync-status", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk2, "summary", NULL));
  g_free (run (&flow, TRUE, NULL, admin_bin, "--db", kiosk1, "sync", NULL));

  token1 = token_of (kiosk1);
  token2 = token_of (kiosk2);
  add_needle (&flow, token1);
  add_needle (&flow, token2);
  g_ptr_array_add (hashed_only, g_strdup (token1));
  g_ptr_array_add (hashed_only, g_strdup (token2));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YiStore) store = yi_store_open (kiosk1, &error);

    g_assert_no_error (error);
    send_misplaced_id_numbers (url, centre, token1, yi_store_get_device_id (store), ids);
  }

  g_subprocess_send_signal (server, SIGTERM);
  g_assert_true (g_subprocess_wait_check (server, NULL, NULL));

  /* The flow really happened: the data arrived where it should. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YiStore) store = yi_store_open (kiosk2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM elders WHERE id_number IS NOT NULL", NULL), ==, 5);
    g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM staff", NULL), ==, 2);
  }

  /* Everything printed and logged. */
  g_assert_true (g_file_get_contents (log_path, &log, &log_len, NULL));
  g_assert_nonnull (strstr (log, "push"));   /* -v logged the requests */
  g_assert_nonnull (strstr (log, "pull"));
  assert_nowhere (&flow, log, log_len, "the district server's log");
  assert_nowhere (&flow, flow.output->str, flow.output->len, "the programs' output");

  /* The district keeps hashes only: no token or code in any of its files. */
  g_ptr_array_set_size (flow.needles, 0);
  for (guint i = 0; i < hashed_only->len; i++)
    add_needle (&flow, g_ptr_array_index (hashed_only, i));
  check_files (&flow, district_dir, "the district's");

  /* PINs nowhere in plain, not on the kiosks, not at the district. */
  g_ptr_array_set_size (flow.needles, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pins); i++)
    add_needle (&flow, pins[i]);
  check_files (&flow, district_dir, "the district's");
  check_files (&flow, kiosk1_dir, "the first kiosk's");
  check_files (&flow, kiosk2_dir, "the second kiosk's");

  /* Audit summaries hold no ID number, at the kiosks or the district. */
  g_ptr_array_set_size (flow.needles, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    add_id_number (&flow, ids[i]);
  check_store (&flow, kiosk1, 2);
  check_store (&flow, kiosk2, 2);
  mirror = g_strdup_printf ("%s%scentres%s%s.db", district_dir, G_DIR_SEPARATOR_S, G_DIR_SEPARATOR_S, centre);
  check_store (&flow, mirror, 2);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
  g_string_free (flow.output, TRUE);
  g_ptr_array_unref (flow.needles);
  g_free (flow.dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  district_bin = yi_test_program ("YI_DISTRICT");
  admin_bin = yi_test_program ("YI_ADMIN");
  g_test_add_func ("/secrets/no-secret-escapes", test_no_secret_escapes);
  return g_test_run ();
}
