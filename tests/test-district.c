/* The district server as a kiosk or an attacker meets it: the real
 * yiyang-district on a loopback port, spoken to over HTTP. */

#include "config.h"

#include "yi-clock.h"
#include "yi-demo.h"
#include "yi-report.h"
#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"
#include "yi-sync-codec.h"
#include "yi-sync-test-util.h"
#include "yi-settings.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char        *dir;
  char        *ddb;
  char        *url;
  GSubprocess *server;
  char        *centre_a;
  char        *centre_b;
  char        *kiosk_a;   /* database paths of enrolled kiosks */
  char        *kiosk_b;
  SoupSession *session;
} Fixture;

static const char *district_bin;
static const char *admin_bin;

static char *
enrol_kiosk (Fixture    *f,
             const char *centre,
             const char *name)
{
  g_autofree char *code = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", centre, NULL);
  char *db = g_build_filename (f->dir, name, NULL);
  g_autofree char *out = NULL;

  g_assert_nonnull (code);
  out = yi_test_run (NULL, admin_bin, "--db", db, "enrol", f->url, code, NULL);
  g_assert_nonnull (out);
  return db;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("yiyang-district-XXXXXX", NULL);
  f->ddb = g_build_filename (f->dir, "district.db", NULL);
  f->centre_a = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", "东城日间照料中心", NULL);
  f->centre_b = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", "西城日间照料中心", NULL);
  g_assert_nonnull (f->centre_a);
  g_assert_nonnull (f->centre_b);
  f->server = yi_test_spawn_url (&f->url, district_bin, "--db", f->ddb, "--listen", "127.0.0.1:0", NULL);
  g_assert_nonnull (f->server);
  f->kiosk_a = enrol_kiosk (f, f->centre_a, "a.db");
  f->kiosk_b = enrol_kiosk (f, f->centre_b, "b.db");
  f->session = soup_session_new ();
}

static void
teardown (Fixture *f, gconstpointer data)
{
  yi_test_kill (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->session);
  g_free (f->dir);
  g_free (f->ddb);
  g_free (f->url);
  g_free (f->centre_a);
  g_free (f->centre_b);
  g_free (f->kiosk_a);
  g_free (f->kiosk_b);
}

static char *
token_of (const char *db)
{
  g_autofree char *path = yi_sync_token_path (db);
  char *token = NULL;

  g_assert_true (g_file_get_contents (path, &token, NULL, NULL));
  return token;
}

typedef struct {
  guint   status;
  char   *body;
  gsize   body_len;
  char   *error_code;
  char   *content_encoding;
} Reply;

static void
reply_clear (Reply *r)
{
  g_free (r->body);
  g_free (r->error_code);
  g_free (r->content_encoding);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
send_raw (Fixture    *f,
          const char *method,
          const char *path,
          const char *token,
          const char *protocol,
          GBytes     *body,
          const char *encoding,
          Reply      *reply)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  if (protocol)
    soup_message_headers_replace (h, YI_SYNC_PROTOCOL_HEADER, protocol);
  soup_message_headers_replace (h, "Accept-Encoding", "gzip");
  if (token)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (h, "Authorization", bearer);
    }
  if (encoding)
    soup_message_headers_replace (h, "Content-Encoding", encoding);
  if (body)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  data = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->body = g_malloc0 (g_bytes_get_size (data) + 1);
  memcpy (reply->body, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  reply->body_len = g_bytes_get_size (data);
  reply->content_encoding = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                    "Content-Encoding"));
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg), YI_SYNC_SERVER_TIME_HEADER));
  if (reply->status != 200)
    {
      g_autoptr(GError) parsed = NULL;
      g_assert_true (yi_sync_error_parse (reply->body, -1, &parsed));
      reply->error_code = g_strdup (yi_sync_error_code_to_string (parsed->code));
      g_test_message ("%u %s: %s", reply->status, reply->error_code, parsed->message);
    }
}

static GBytes *
gzip (gconstpointer data,
      gsize         size)
{
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (mem, G_CONVERTER (gz));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >=, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
changes_path (const char *centre)
{
  return g_strdup_printf ("v1/centres/%s/changes", centre);
}

static gint64
district_changes (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->ddb, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM changes) * 1000 + (SELECT count(*) FROM batches)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A valid push body for kiosk @db holding one new check-in. */
static char *
push_body (const char *db_path,
           const char *batch_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (db_path, &error);
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_new ();
  g_autoptr(JsonObject) elder = json_object_new ();
  g_autofree char *elder_id = g_strdup ("01890a5d-ac96-774b-bcce-b302099a8057");
  g_autoptr(GPtrArray) pending = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (elder, "name", "张桂英");
  json_object_set_string_member (elder, "gender", "F");
  json_object_set_string_member (elder, "birth_date", "1948-03-02");
  yi_store_put_entity (store, "elders", elder_id, elder, &error);
  g_assert_no_error (error);
  pending = yi_store_outbox_pending (store, 500, &error);
  g_assert_no_error (error);
  req->batch_id = g_strdup (batch_id);
  req->device_id = g_strdup (yi_store_get_device_id (store));
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (req->changes, yi_sync_change_copy (g_ptr_array_index (pending, i)));
  return yi_sync_push_request_to_json (req);
}

static void
test_isolation (Fixture *f, gconstpointer data)
{
  g_autofree char *token_a = token_of (f->kiosk_a);
  g_autofree char *path_b = changes_path (f->centre_b);
  g_autofree char *body = push_body (f->kiosk_a, "01890a5d-ac96-774b-bcce-b30209900001");
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  gint64 before = district_changes (f);

  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "GET", path_b, token_a, "1", NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 403);
    g_assert_cmpstr (r.error_code, ==, "forbidden");
  }
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "POST", path_b, token_a, "1", bytes, NULL, &r);
    g_assert_cmpuint (r.status, ==, 403);
  }
  g_assert_cmpint (district_changes (f), ==, before);

  /* A record of centre A cannot be written through centre B's device. */
  {
    g_autofree char *path_a = changes_path (f->centre_a);
    g_auto(Reply) r = { 0, };
    send_raw (f, "POST", path_a, token_a, "1", bytes, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YiStore) b = yi_store_open (f->kiosk_b, &error);
    g_autoptr(JsonObject) edit = json_object_new ();
    g_autoptr(YiSyncClient) client = NULL;
    g_autoptr(YiSyncStatus) status = NULL;

    json_object_set_string_member (edit, "name", "冒名");
    json_object_set_string_member (edit, "gender", "M");
    json_object_set_string_member (edit, "birth_date", "1950-01-01");
    yi_store_put_entity (b, "elders", "01890a5d-ac96-774b-bcce-b302099a8057", edit, &error);
    g_assert_no_error (error);
    client = yi_sync_client_new (b, &error);
    g_assert_no_error (error);
    g_assert_true (yi_sync_client_run_round (client, NULL, &error));
    g_assert_no_error (error);
    /* Refused, and kept with its reason for staff to see. */
    status = yi_sync_status_load (b);
    g_assert_cmpint (status->rejected, ==, 1);
    g_assert_cmpint (status->pending, ==, 0);
    g_assert_cmpint (yi_store_count (b, "SELECT count(*) FROM outbox WHERE state = 'rejected' "
                                        "AND reject_reason LIKE '%another centre%'", NULL), ==, 1);
  }
}

static void
test_revoked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) a = yi_store_open (f->kiosk_a, &error);
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(YiSyncStatus) status = NULL;
  g_autofree char *out = NULL;
  g_autofree char *path = changes_path (f->centre_a);
  g_autofree char *token = token_of (f->kiosk_a);
  g_auto(Reply) r = { 0, };

  out = yi_test_run (NULL, district_bin, "--db", f->ddb, "revoke-device", yi_store_get_device_id (a), NULL);
  g_assert_nonnull (out);
  send_raw (f, "GET", path, token, "1", NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.error_code, ==, "revoked");

  client = yi_sync_client_new (a, &error);
  g_assert_no_error (error);
  g_assert_false (yi_sync_client_run_round (client, NULL, &error));
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_REVOKED);
  status = yi_sync_status_load (a);
  g_assert_true (status->revoked);
  g_assert_nonnull (strstr (status->last_error, "switched off this kiosk"));
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autofree char *token = token_of (f->kiosk_a);
  g_autofree char *path = changes_path (f->centre_a);
  gint64 before = district_changes (f);

  {
    g_auto(Reply) r = { 0, };
    g_autoptr(GBytes) junk = g_bytes_new_static ("{\"batch_id\": [", 14);
    send_raw (f, "POST", path, token, "1", junk, NULL, &r);
    g_assert_cmpuint (r.status, ==, 400);
    g_assert_cmpstr (r.error_code, ==, "malformed");
    g_assert_nonnull (strstr (r.body, "not valid JSON"));
  }
  {
    g_auto(Reply) r = { 0, };
    g_autoptr(GBytes) wrong = g_bytes_new_static ("{\"batch_id\":\"x\",\"device_id\":\"y\",\"changes\":[]}", 45);
    send_raw (f, "POST", path, token, "1", wrong, NULL, &r);
    g_assert_cmpuint (r.status, ==, 400);
    g_assert_nonnull (strstr (r.body, "batch id"));
  }
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "GET", path, token, "7", NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 400);
    g_assert_cmpstr (r.error_code, ==, "unsupported_protocol");
  }
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "GET", path, token, NULL, NULL, NULL, &r);
    g_assert_cmpstr (r.error_code, ==, "unsupported_protocol");
  }
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "GET", path, "0000000000000000000000000000000000000000000000000000000000000000", "1", NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 401);
    g_assert_cmpstr (r.error_code, ==, "unauthorized");
  }
  {
    /* 17 MiB: refused from its headers, before the body is read. */
    gsize size = 17 * 1024 * 1024;
    g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (size), size);
    g_auto(Reply) r = { 0, };
    send_raw (f, "POST", path, token, "1", big, NULL, &r);
    g_assert_cmpuint (r.status, ==, 413);
  }
  {
    /* A small gzip body that would unpack to 32 MiB. */
    gsize size = 32 * 1024 * 1024;
    g_autofree char *zeros = g_malloc0 (size);
    g_autoptr(GBytes) bomb = gzip (zeros, size);
    g_auto(Reply) r = { 0, };

    g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
    send_raw (f, "POST", path, token, "1", bomb, "gzip", &r);
    g_assert_cmpuint (r.status, ==, 413);
  }
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "GET", "v1/centres/x/y/z", token, "1", NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 404);
  }
  g_assert_cmpint (district_changes (f), ==, before);
}

static void
test_idempotent_batch (Fixture *f, gconstpointer data)
{
  g_autofree char *token = token_of (f->kiosk_a);
  g_autofree char *path = changes_path (f->centre_a);
  g_autofree char *body = push_body (f->kiosk_a, "01890a5d-ac96-774b-bcce-b30209900002");
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(YiSyncPushResponse) first = NULL;
  g_autoptr(YiSyncPushResponse) second = NULL;
  gint64 after_first;

  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "POST", path, token, "1", bytes, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
    first = yi_sync_push_response_parse (r.body, -1, NULL);
  }
  after_first = district_changes (f);
  {
    g_auto(Reply) r = { 0, };
    send_raw (f, "POST", path, token, "1", bytes, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
    second = yi_sync_push_response_parse (r.body, -1, NULL);
  }
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpuint (first->results->len, ==, 1);
  g_assert_cmpuint (second->results->len, ==, 1);
  g_assert_cmpint (((YiSyncResult *) g_ptr_array_index (first->results, 0))->status, ==, YI_SYNC_RESULT_ACCEPTED);
  g_assert_cmpint (((YiSyncResult *) g_ptr_array_index (second->results, 0))->status, ==, YI_SYNC_RESULT_ACCEPTED);
  g_assert_cmpint (district_changes (f), ==, after_first);

  /* The same changes in a new batch are duplicates, not new records. */
  {
    g_autofree char *again = push_body (f->kiosk_a, "01890a5d-ac96-774b-bcce-b30209900003");
    g_autoptr(GBytes) again_bytes = g_bytes_new (again, strlen (again));
    g_autoptr(YiSyncPushResponse) third = NULL;
    g_auto(Reply) r = { 0, };

    send_raw (f, "POST", path, token, "1", again_bytes, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
    third = yi_sync_push_response_parse (r.body, -1, NULL);
    g_assert_cmpint (((YiSyncResult *) g_ptr_array_index (third->results, 0))->status, ==, YI_SYNC_RESULT_DUPLICATE);
  }
}

static void
test_gzip_and_enrolment (Fixture *f, gconstpointer data)
{
  g_autofree char *code = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre_a, NULL);
  g_autofree char *db1 = g_build_filename (f->dir, "c1.db", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "c2.db", NULL);
  g_autofree char *token = token_of (f->kiosk_a);
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) s1 = yi_store_open (db1, &error);
  g_autoptr(YiStore) s2 = yi_store_open (db2, &error);
  g_auto(Reply) r = { 0, };
  int status;

  g_assert_true (yi_sync_enrol (s1, f->url, code, NULL, &error));
  g_assert_no_error (error);
  /* One-time: the same code does not enrol a second kiosk. */
  g_assert_false (yi_sync_enrol (s2, f->url, code, NULL, &error));
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "enrolment code"));
  g_clear_error (&error);

  /* The district keeps only the token's hash. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM devices WHERE token_hash = '%s'", hash);
    g_autofree char *n = yi_test_run (&status, "sqlite3", f->ddb, sql, NULL);
    g_autofree char *raw = g_strdup_printf ("SELECT count(*) FROM devices WHERE token_hash = '%s'", token);
    g_autofree char *m = yi_test_run (&status, "sqlite3", f->ddb, raw, NULL);
    g_assert_cmpstr (n, ==, "1");
    g_assert_cmpstr (m, ==, "0");
  }
  /* Token file readable by its owner only. */
  {
    g_autofree char *tp = yi_sync_token_path (db1);
    GStatBuf st;
    g_assert_cmpint (g_stat (tp, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Big answers come gzip-compressed to a client that accepts it. */
  path = g_strdup_printf ("v1/centres/%s/changes?since=0", f->centre_a);
  {
    g_autofree char *body = push_body (f->kiosk_a, "01890a5d-ac96-774b-bcce-b30209900004");
    g_autoptr(GBytes) packed = gzip (body, strlen (body));
    g_autofree char *push_path = changes_path (f->centre_a);
    g_auto(Reply) p = { 0, };

    g_assert_no_error (error);
    send_raw (f, "POST", push_path, token, "1", packed, "gzip", &p);
    g_assert_cmpuint (p.status, ==, 200);
  }
  {
    /* Without libsoup's decoder, to see the wire. */
    g_autofree char *db1_token = token_of (db1);
    g_autoptr(GBytes) plain = NULL;
    g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    g_autoptr(GInputStream) mem = NULL;
    g_autoptr(GInputStream) conv = NULL;
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    soup_session_remove_feature_by_type (f->session, SOUP_TYPE_CONTENT_DECODER);
    send_raw (f, "GET", path, db1_token, "1", NULL, NULL, &r);
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_cmpstr (r.content_encoding, ==, "gzip");
    mem = g_memory_input_stream_new_from_data (r.body, r.body_len, NULL);
    conv = g_converter_input_stream_new (mem, G_CONVERTER (gunzip));
    g_assert_cmpint (g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
    plain = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "张桂英"));
  }
}

static void
test_sigterm (Fixture *f, gconstpointer data)
{
  g_subprocess_send_signal (f->server, SIGTERM);
  g_assert_true (g_subprocess_wait (f->server, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (f->server));
  g_assert_cmpint (g_subprocess_get_exit_status (f->server), ==, 0);
}

/* TLS from certificate and key files; the kiosk verifies the server with
 * the district's CA file and refuses it without. */
static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yiyang-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "district.crt", NULL);
  g_autofree char *key = g_build_filename (dir, "district.key", NULL);
  g_autofree char *ddb = g_build_filename (dir, "district.db", NULL);
  g_autofree char *kdb = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *url = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *code = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(YiStore) kiosk = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  made = yi_test_run (&status, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                      "-keyout", key, "-out", cert, NULL);
  g_assert_cmpint (status, ==, 0);
  centre = yi_test_run (NULL, district_bin, "--db", ddb, "add-centre", "南城", NULL);
  code = yi_test_run (NULL, district_bin, "--db", ddb, "enrolment-code", centre, NULL);
  server = yi_test_spawn_url (&url, district_bin, "--db", ddb, "--listen", "127.0.0.1:0",
                              "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (url, "https://"));

  kiosk = yi_store_open (kdb, &error);
  g_assert_no_error (error);
  g_assert_false (yi_sync_enrol (kiosk, url, code, NULL, &error));
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE);
  g_clear_error (&error);

  g_assert_true (yi_settings_set_from_text (yi_settings_get_default (), YI_SETTING_DISTRICT_CA_FILE, cert, &error));
  g_assert_true (yi_sync_enrol (kiosk, url, code, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(YiSyncClient) client = yi_sync_client_new (kiosk, &error);
    g_assert_no_error (error);
    g_assert_true (yi_sync_client_run_round (client, NULL, &error));
    g_assert_no_error (error);
  }
  g_settings_reset (yi_settings_get_default (), YI_SETTING_DISTRICT_CA_FILE);
  yi_test_kill (server);
}

/* Plain http goes only to this machine unless explicitly allowed. */
static void
test_plain_http_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yiyang-http-XXXXXX", NULL);
  g_autofree char *kdb = g_build_filename (dir, "kiosk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) kiosk = yi_store_open (kdb, &error);

  g_assert_no_error (error);
  g_assert_false (yi_sync_enrol (kiosk, "http://192.0.2.1:8787/", "AAAA-BBBB-CCCC", NULL, &error));
  g_assert_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE);
}

/* The district answers a push once the changes are in its change log and
 * brings the centre's copy up to date in the background; whatever it has
 * acknowledged must still be what a report or another kiosk reads at once. */
static void
test_acknowledged_is_visible (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) a = yi_store_open (f->kiosk_a, &error);
  g_autofree char *a2_path = enrol_kiosk (f, f->centre_a, "a2.db");
  g_autoptr(YiStore) a2 = yi_store_open (a2_path, &error);
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(YiSyncClient) client2 = NULL;
  g_autoptr(YiReport) local = NULL;
  g_autoptr(JsonNode) local_json = NULL;
  g_autoptr(JsonNode) district_json = NULL;
  g_autofree char *token = token_of (f->kiosk_a);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autofree char *to = yi_clock_local_date (yi_clock_now_us (), tz);
  g_autofree char *from = NULL;
  g_autofree char *path = NULL;
  g_auto(Reply) r = { 0, };
  gint64 made;

  g_assert_no_error (error);
  g_assert_true (yi_demo_generate (a, 60, 45, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  made = yi_store_outbox_count_state (a, "pending");
  g_assert_cmpint (made, >, 2000);
  client = yi_sync_client_new (a, &error);
  g_assert_no_error (error);
  g_assert_true (yi_sync_client_run_round (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_outbox_count_state (a, "accepted"), ==, made);

  /* A report asked for the moment the push was answered counts all of it. */
  from = g_strdup_printf ("%.4d-01-01", atoi (to) - 1);
  path = g_strdup_printf ("v1/centres/%s/report?from=%s&to=%s", f->centre_a, from, to);
  send_raw (f, "GET", path, token, "1", NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  district_json = json_from_string (r.body, &error);
  g_assert_no_error (error);
  local = yi_report_compute (a, from, to, &error);
  g_assert_no_error (error);
  local_json = yi_report_to_json (local);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (local_json), "tables"),
                                  json_object_get_member (json_node_get_object (district_json), "tables")));
  g_assert_cmpint (yi_report_get_value (local, "attendance_summary", "total", "visits"), >, 0);

  /* Another kiosk of the centre receives every record. */
  client2 = yi_sync_client_new (a2, &error);
  g_assert_no_error (error);
  g_assert_true (yi_sync_client_run_round (client2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (a2, "SELECT count(*) FROM attendance", NULL), ==,
                   yi_store_count (a, "SELECT count(*) FROM attendance", NULL));
  g_assert_cmpint (yi_store_count (a2, "SELECT count(*) FROM meals_served", NULL), ==,
                   yi_store_count (a, "SELECT count(*) FROM meals_served", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  district_bin = yi_test_program ("YI_DISTRICT");
  admin_bin = yi_test_program ("YI_ADMIN");
  g_test_add ("/district/isolation", Fixture, NULL, setup, test_isolation, teardown);
  g_test_add ("/district/revoked", Fixture, NULL, setup, test_revoked, teardown);
  g_test_add ("/district/bad-input", Fixture, NULL, setup, test_bad_input, teardown);
  g_test_add ("/district/idempotent-batch", Fixture, NULL, setup, test_idempotent_batch, teardown);
  g_test_add ("/district/gzip-and-enrolment", Fixture, NULL, setup, test_gzip_and_enrolment, teardown);
  g_test_add ("/district/sigterm", Fixture, NULL, setup, test_sigterm, teardown);
  g_test_add ("/district/acknowledged-is-visible", Fixture, NULL, setup, test_acknowledged_is_visible, teardown);
  g_test_add_func ("/district/tls", test_tls);
  g_test_add_func ("/district/plain-http-refused", test_plain_http_refused);
  return g_test_run ();
}
