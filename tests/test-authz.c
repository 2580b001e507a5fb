/* The district API's authorisation matrix: every endpoint the server has
 * (src/district/yi-district-handler.c: health, enrol, push, pull, and any
 * other method on a centre's changes) against no credential, a malformed
 * one, a revoked device, another centre's device and the right device.
 * Each gets the status docs/sync-protocol.md §2 gives it; a refused
 * request changes nothing in the district's databases (a digest of every
 * table, the centres' copies included) and its answer holds nothing of the
 * centre. */

#include "config.h"

#include "yi-ids.h"
#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"
#include "yi-sync-codec.h"
#include "yi-sync-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#define ELDER_ID   "01890a5d-ac96-774b-bcce-b302099a8057"
#define ELDER_NAME "张桂英"
#define CENTRE_A_NAME "东城日间照料中心"

typedef struct {
  char        *dir;
  char        *ddb;
  char        *url;
  GSubprocess *server;
  char        *centre_a;
  char        *centre_b;
  char        *kiosk_a;       /* centre A's device that recorded the elder */
  char        *kiosk_right;   /* another device of centre A: the right one */
  char        *kiosk_revoked; /* centre A, revoked */
  char        *kiosk_b;       /* centre B */
  SoupSession *session;
} Fixture;

typedef enum {
  CRED_NONE,
  CRED_MALFORMED,
  CRED_REVOKED,
  CRED_OTHER_CENTRE,
  CRED_RIGHT,
  N_CREDS
} Cred;

static const char *cred_names[] = { "none", "malformed", "revoked", "other-centre", "right" };

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

static char *
token_of (const char *db)
{
  g_autofree char *path = yi_sync_token_path (db);
  char *token = NULL;

  g_assert_true (g_file_get_contents (path, &token, NULL, NULL));
  return g_strstrip (token);
}

static char *
device_of (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (db, &error);

  g_assert_no_error (error);
  return g_strdup (yi_store_get_device_id (store));
}

/* Kiosk A records an elder and sends it, so the district holds data of
 * centre A that a refused request must not see. */
static void
record_and_sync (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (db, &error);
  g_autoptr(JsonObject) elder = json_object_new ();
  g_autoptr(YiSyncClient) client = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (elder, "name", ELDER_NAME);
  json_object_set_string_member (elder, "gender", "F");
  json_object_set_string_member (elder, "birth_date", "1948-03-02");
  json_object_set_string_member (elder, "phone", "13900000002");
  g_assert_true (yi_store_put_entity (store, "elders", ELDER_ID, elder, &error));
  client = yi_sync_client_new (store, &error);
  g_assert_no_error (error);
  g_assert_true (yi_sync_client_run_round (client, NULL, &error));
  g_assert_no_error (error);
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autofree char *revoked_device = NULL;
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("yiyang-authz-XXXXXX", NULL);
  f->ddb = g_build_filename (f->dir, "district.db", NULL);
  f->centre_a = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", CENTRE_A_NAME, NULL);
  f->centre_b = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", "西城日间照料中心", NULL);
  g_assert_nonnull (f->centre_a);
  g_assert_nonnull (f->centre_b);
  f->server = yi_test_spawn_url (&f->url, district_bin, "--db", f->ddb, "--listen", "127.0.0.1:0", NULL);
  g_assert_nonnull (f->server);
  f->kiosk_a = enrol_kiosk (f, f->centre_a, "a.db");
  f->kiosk_right = enrol_kiosk (f, f->centre_a, "right.db");
  f->kiosk_revoked = enrol_kiosk (f, f->centre_a, "revoked.db");
  f->kiosk_b = enrol_kiosk (f, f->centre_b, "b.db");
  record_and_sync (f->kiosk_a);
  revoked_device = device_of (f->kiosk_revoked);
  out = yi_test_run (NULL, district_bin, "--db", f->ddb, "revoke-device", revoked_device, NULL);
  g_assert_nonnull (out);
  f->session = soup_session_new ();
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
  yi_test_kill (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->session);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->ddb);
  g_free (f->url);
  g_free (f->centre_a);
  g_free (f->centre_b);
  g_free (f->kiosk_a);
  g_free (f->kiosk_right);
  g_free (f->kiosk_revoked);
  g_free (f->kiosk_b);
}

/* A digest of every row of every table of one SQLite file. */
static void
digest_database (const char *path,
                 GChecksum  *sum)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
      sqlite3_stmt *rows = NULL;
      guint n = 0;

      g_checksum_update (sum, (const guchar *) table, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              int type = sqlite3_column_type (rows, c);
              const void *blob = sqlite3_column_blob (rows, c);

              g_checksum_update (sum, (const guchar *) &type, sizeof type);
              if (blob != NULL)
                g_checksum_update (sum, blob, sqlite3_column_bytes (rows, c));
            }
          n++;
        }
      g_checksum_update (sum, (const guchar *) &n, sizeof n);
      if (g_getenv ("YI_AUTHZ_DEBUG"))
        {
          g_autoptr(GChecksum) copy = g_checksum_copy (sum);
          g_printerr ("%s %s %u %s\n", path, table, n, g_checksum_get_string (copy));
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The district database and every centre's copy beside it. */
static char *
digest_district (Fixture *f)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *mirrors = g_build_filename (f->dir, "centres", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir;
  const char *name;

  digest_database (f->ddb, sum);
  if ((dir = g_dir_open (mirrors, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".db"))
          g_ptr_array_add (names, g_build_filename (mirrors, name, NULL));
      g_dir_close (dir);
    }
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    digest_database (g_ptr_array_index (names, i), sum);
  return g_strdup (g_checksum_get_string (sum));
}

static gint64
query_int (const char *path,
           const char *sql,
           const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            value = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return value;
}

/* An accepted push is applied to the centre's copy by the district's
 * background thread; wait until the copy has reached the log's end, so that
 * the next refused request is judged against a district at rest. */
static void
wait_for_copy (Fixture    *f,
               const char *centre_id)
{
  g_autofree char *file = g_strconcat (centre_id, ".db", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "centres", file, NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 end = query_int (f->ddb, "SELECT max(seq) FROM changes WHERE centre_id = ?", centre_id);

  while (query_int (copy, "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = ?", "district_seq") < end)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The district did not bring the centre's copy up to change %" G_GINT64_FORMAT " in 60 s", end);
      g_usleep (20 * 1000);
    }
}

typedef struct {
  guint  status;
  char  *body;
  char  *error_code;
} Reply;

static void
reply_clear (Reply *r)
{
  g_free (r->body);
  g_free (r->error_code);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
send_request (Fixture    *f,
              const char *method,
              const char *path,
              const char *authorization,
              const char *body,
              Reply      *reply)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  soup_message_headers_replace (h, YI_SYNC_PROTOCOL_HEADER, "1");
  if (authorization != NULL)
    soup_message_headers_replace (h, "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  data = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  if (reply->status != 200)
    {
      g_autoptr(GError) parsed = NULL;

      g_assert_true (yi_sync_error_parse (reply->body, -1, &parsed));
      reply->error_code = g_strdup (yi_sync_error_code_to_string (parsed->code));
    }
}

/* A refused answer is an error object and nothing else. */
static void
assert_holds_nothing (Fixture     *f,
                      const Reply *r,
                      const char  *what)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  g_assert_true (json_parser_load_from_data (parser, r->body, -1, NULL));
  obj = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, "error") != 0 && g_strcmp0 (l->data, "server_time") != 0 &&
        g_strcmp0 (l->data, "protocol") != 0)
      g_error ("%s: the refusal carries a member “%s”: %s", what, (const char *) l->data, r->body);
  g_assert_null (strstr (r->body, f->centre_a));
  g_assert_null (strstr (r->body, ELDER_ID));
  g_assert_null (strstr (r->body, ELDER_NAME));
  g_assert_null (strstr (r->body, CENTRE_A_NAME));
  g_assert_null (strstr (r->body, "13900000002"));
}

/* A push body naming @device_db's device, with one new change of its own. */
static char *
push_body (const char *device_db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (device_db, &error);
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_new ();
  g_autoptr(JsonObject) edit = json_object_new ();
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *batch = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (edit, "name", ELDER_NAME);
  json_object_set_string_member (edit, "gender", "F");
  json_object_set_string_member (edit, "birth_date", "1948-03-02");
  json_object_set_string_member (edit, "address", "和平路12号");
  g_assert_true (yi_store_put_entity (store, "elders", ELDER_ID, edit, &error));
  pending = yi_store_outbox_pending (store, 500, &error);
  g_assert_no_error (error);
  req->batch_id = yi_uuid_v7_new ();
  req->device_id = g_strdup (yi_store_get_device_id (store));
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (req->changes, yi_sync_change_copy (g_ptr_array_index (pending, i)));
  return yi_sync_push_request_to_json (req);
}

static char *
bearer (const char *token)
{
  return g_strconcat ("Bearer ", token, NULL);
}

static GStrv
malformed_credentials (const char *right_token)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *upper = g_ascii_strup (right_token, -1);
  g_autofree char *short_token = g_strndup (right_token, 63);
  g_autofree char *longer = g_strconcat (right_token, "0", NULL);
  g_autofree char *flipped = g_strdup (right_token);

  flipped[10] = flipped[10] == '0' ? '1' : '0';
  g_strv_builder_add (b, "Bearer");
  g_strv_builder_add (b, "Bearer ");
  g_strv_builder_add (b, "Bearer not-a-token");
  g_strv_builder_add (b, "Basic dXNlcjpwYXNzd29yZA==");
  const char *variants[] = { upper, short_token, longer, flipped };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *auth = bearer (variants[i]);
      g_strv_builder_add (b, auth);
    }
  g_strv_builder_add (b, right_token);  /* no scheme */
  {
    g_autofree char *injection = g_strdup_printf ("Bearer %s' OR '1'='1", short_token);
    g_strv_builder_add (b, injection);
  }
  return g_strv_builder_end (b);
}

typedef struct {
  const char *method;
  const char *route;   /* "push", "pull", "other" */
  guint       expected[N_CREDS];
} Endpoint;

/* docs/sync-protocol.md §2: 401/401/401/403/2xx. */
static const Endpoint centre_endpoints[] = {
  { "POST",   "push",  { 401, 401, 401, 403, 200 } },
  { "GET",    "pull",  { 401, 401, 401, 403, 200 } },
  { "PUT",    "other", { 401, 401, 401, 403, 404 } },
  { "DELETE", "other", { 401, 401, 401, 403, 404 } },
  { "PATCH",  "other", { 401, 401, 401, 403, 404 } },
};

static void
check_refused (Fixture    *f,
               const char *method,
               const char *path,
               const char *authorization,
               const char *body,
               guint       expected,
               const char *what)
{
  g_autofree char *before = digest_district (f);
  g_autofree char *after = NULL;
  g_auto(Reply) r = { 0, };

  send_request (f, method, path, authorization, body, &r);
  g_test_message ("%s → %u %s", what, r.status, r.error_code ? r.error_code : "");
  if (r.status != expected)
    g_error ("%s: expected %u, got %u: %s", what, expected, r.status, r.body);
  assert_holds_nothing (f, &r, what);
  after = digest_district (f);
  if (g_strcmp0 (before, after) != 0)
    g_error ("%s: the refused request changed the district's databases", what);
}

static void
test_centre_endpoints (Fixture *f, gconstpointer data)
{
  g_autofree char *token_a = token_of (f->kiosk_right);
  g_autofree char *token_revoked = token_of (f->kiosk_revoked);
  g_autofree char *token_b = token_of (f->kiosk_b);
  g_autofree char *path = g_strdup_printf ("v1/centres/%s/changes", f->centre_a);
  g_autofree char *pull_path = g_strdup_printf ("%s?since=0&limit=1000", path);
  g_auto(GStrv) malformed = malformed_credentials (token_a);

  for (guint e = 0; e < G_N_ELEMENTS (centre_endpoints); e++)
    {
      const Endpoint *ep = &centre_endpoints[e];
      const char *target = strcmp (ep->route, "pull") == 0 ? pull_path : path;
      g_autofree char *body_a = strcmp (ep->route, "push") == 0 ? push_body (f->kiosk_right) : NULL;

      for (Cred c = CRED_NONE; c < N_CREDS; c++)
        {
          g_autofree char *what = g_strdup_printf ("%s %s with %s credentials", ep->method, ep->route, cred_names[c]);

          switch (c)
            {
            case CRED_NONE:
              check_refused (f, ep->method, target, NULL, body_a, ep->expected[c], what);
              break;
            case CRED_MALFORMED:
              for (guint m = 0; malformed[m] != NULL; m++)
                check_refused (f, ep->method, target, malformed[m], body_a, ep->expected[c], what);
              break;
            case CRED_REVOKED:
              {
                g_autofree char *auth = bearer (token_revoked);
                g_autofree char *own = strcmp (ep->route, "push") == 0 ? push_body (f->kiosk_revoked) : NULL;
                check_refused (f, ep->method, target, auth, own ? own : body_a, ep->expected[c], what);
              }
              break;
            case CRED_OTHER_CENTRE:
              {
                g_autofree char *auth = bearer (token_b);
                g_autofree char *own = strcmp (ep->route, "push") == 0 ? push_body (f->kiosk_b) : NULL;
                /* Its own batch, and kiosk A's batch passed on. */
                check_refused (f, ep->method, target, auth, own, ep->expected[c], what);
                if (body_a != NULL)
                  check_refused (f, ep->method, target, auth, body_a, ep->expected[c], what);
              }
              break;
            case CRED_RIGHT:
              {
                g_autofree char *auth = bearer (token_a);
                g_auto(Reply) r = { 0, };

                if (ep->expected[c] != 200)
                  {
                    check_refused (f, ep->method, target, auth, body_a, ep->expected[c], what);
                    break;
                  }
                send_request (f, ep->method, target, auth, body_a, &r);
                if (r.status != 200)
                  g_error ("%s: expected 200, got %u: %s", what, r.status, r.body);
                if (strcmp (ep->route, "push") == 0)
                  {
                    g_assert_nonnull (strstr (r.body, "\"accepted\""));
                    wait_for_copy (f, f->centre_a);
                  }
                else
                  /* The right device reads what the others could not. */
                  g_assert_nonnull (strstr (r.body, ELDER_ID));
              }
              break;
            case N_CREDS:
              g_assert_not_reached ();
            }
        }
    }
}

/* Another centre's device pulling its own centre sees nothing of centre A. */
static void
test_other_centre_pull (Fixture *f, gconstpointer data)
{
  g_autofree char *token_b = token_of (f->kiosk_b);
  g_autofree char *auth = bearer (token_b);
  g_autofree char *path = g_strdup_printf ("v1/centres/%s/changes?since=0", f->centre_b);
  g_auto(Reply) r = { 0, };

  send_request (f, "GET", path, auth, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_null (strstr (r.body, ELDER_ID));
  g_assert_null (strstr (r.body, ELDER_NAME));
}

/* Enrolment's credential is the one-time code: none, malformed, spent (as
 * good as revoked), another centre's code for a device of this centre,
 * and a right one. */
static void
test_enrol (Fixture *f, gconstpointer data)
{
  g_autofree char *device_a = device_of (f->kiosk_a);
  g_autofree char *spent = NULL;
  g_autofree char *code_b = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre_b, NULL);
  g_autofree char *code_a = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre_a, NULL);
  const char *fresh_device = "01890a5d-ac96-774b-bcce-b30209900777";
  struct {
    const char *what;
    const char *code;
    const char *device;
    guint       expected;
  } cases[] = {
    { "no code", "", fresh_device, 401 },
    { "malformed code", "!!!!-%%%%-''''", fresh_device, 401 },
    { "malformed code (too long)", "ABCD-EFGH-JKMN-PQRS", fresh_device, 401 },
    { "spent code", NULL, fresh_device, 401 },
    { "another centre's code for a device of centre A", code_b, device_a, 409 },
  };

  /* A code spent by enrolling a device. */
  spent = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre_a, NULL);
  {
    g_autofree char *db = g_build_filename (f->dir, "spender.db", NULL);
    g_autofree char *out = yi_test_run (NULL, admin_bin, "--db", db, "enrol", f->url, spent, NULL);
    g_assert_nonnull (out);
  }
  cases[3].code = spent;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YiSyncEnrolRequest req = { (char *) cases[i].code, (char *) cases[i].device, (char *) "kiosk" };
      g_autofree char *body = yi_sync_enrol_request_to_json (&req);

      check_refused (f, "POST", "v1/enrol", NULL, body, cases[i].expected, cases[i].what);
    }

  /* The right code enrols, and only once. */
  {
    YiSyncEnrolRequest req = { code_a, (char *) fresh_device, (char *) "kiosk" };
    g_autofree char *body = yi_sync_enrol_request_to_json (&req);
    g_auto(Reply) r = { 0, };

    send_request (f, "POST", "v1/enrol", NULL, body, &r);
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_nonnull (strstr (r.body, "device_token"));
    check_refused (f, "POST", "v1/enrol", NULL, body, 401, "the same code again");
  }
  /* GET is no way to enrol. */
  check_refused (f, "GET", "v1/enrol", NULL, NULL, 404, "GET enrol");
}

/* Health needs no credential and says nothing about any centre. */
static void
test_health (Fixture *f, gconstpointer data)
{
  g_autofree char *token_a = token_of (f->kiosk_a);
  g_autofree char *auth = bearer (token_a);
  const char *creds[] = { NULL, "Bearer not-a-token", auth };

  for (guint i = 0; i < G_N_ELEMENTS (creds); i++)
    {
      g_autofree char *before = digest_district (f);
      g_autofree char *after = NULL;
      g_auto(Reply) r = { 0, };

      send_request (f, "GET", "v1/health", creds[i], NULL, &r);
      g_assert_cmpuint (r.status, ==, 200);
      g_assert_nonnull (strstr (r.body, "\"status\":\"ok\""));
      g_assert_null (strstr (r.body, f->centre_a));
      g_assert_null (strstr (r.body, CENTRE_A_NAME));
      after = digest_district (f);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A path that is no endpoint: 404 before any credential is looked at. */
static void
test_unknown_paths (Fixture *f, gconstpointer data)
{
  g_autofree char *token_a = token_of (f->kiosk_a);
  g_autofree char *auth = bearer (token_a);
  g_autofree char *elders = g_strdup_printf ("v1/centres/%s/elders", f->centre_a);
  g_autofree char *deeper = g_strdup_printf ("v1/centres/%s/changes/1", f->centre_a);
  const char *paths[] = { "v1/centres", "v2/health", "v1/../v1/health/x", elders, deeper };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      check_refused (f, "GET", paths[i], NULL, NULL, 404, paths[i]);
      check_refused (f, "GET", paths[i], auth, NULL, 404, paths[i]);
    }
  /* An empty centre is still a centre's changes: the credential decides. */
  check_refused (f, "GET", "v1/centres//changes", NULL, NULL, 401, "empty centre");
  check_refused (f, "GET", "v1/centres//changes", auth, NULL, 403, "empty centre");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  district_bin = yi_test_program ("YI_DISTRICT");
  admin_bin = yi_test_program ("YI_ADMIN");
  g_test_add ("/authz/centre-endpoints", Fixture, NULL, setup, test_centre_endpoints, teardown);
  g_test_add ("/authz/other-centre-pull", Fixture, NULL, setup, test_other_centre_pull, teardown);
  g_test_add ("/authz/enrol", Fixture, NULL, setup, test_enrol, teardown);
  g_test_add ("/authz/health", Fixture, NULL, setup, test_health, teardown);
  g_test_add ("/authz/unknown-paths", Fixture, NULL, setup, test_unknown_paths, teardown);
  return g_test_run ();
}
