/* The kiosk's sync engine against the real district server. */

#include "config.h"

#include "yi-clock.h"
#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"
#include "yi-sync-engine.h"
#include "yi-sync-reader.h"
#include "yi-sync-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char        *dir;
  char        *ddb;
  char        *url;
  char        *centre;
  char        *mirror;
  GSubprocess *server;
  YiStore     *a;
  YiStore     *b;
} Fixture;

static const char *district_bin;
static const char *admin_bin;

static YiStore *
enrolled_kiosk (Fixture    *f,
                const char *name)
{
  g_autofree char *code = yi_test_run (NULL, district_bin, "--db", f->ddb, "enrolment-code", f->centre, NULL);
  g_autofree char *db = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  YiStore *store = yi_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (yi_sync_enrol (store, f->url, code, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("yiyang-sync-XXXXXX", NULL);
  f->ddb = g_build_filename (f->dir, "district.db", NULL);
  f->centre = yi_test_run (NULL, district_bin, "--db", f->ddb, "add-centre", "幸福里日间照料中心", NULL);
  g_assert_nonnull (f->centre);
  f->mirror = g_strdup_printf ("%s/centres/%s.db", f->dir, f->centre);
  f->server = yi_test_spawn_url (&f->url, district_bin, "--db", f->ddb, "--listen", "127.0.0.1:0", NULL);
  g_assert_nonnull (f->server);
  f->a = enrolled_kiosk (f, "a.db");
  f->b = enrolled_kiosk (f, "b.db");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  yi_test_kill (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  yi_clock_set_offset (0);
  g_free (f->dir);
  g_free (f->ddb);
  g_free (f->url);
  g_free (f->centre);
  g_free (f->mirror);
}

static void
sync_round (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiSyncClient) client = yi_sync_client_new (store, &error);

  g_assert_no_error (error);
  g_assert_true (yi_sync_client_run_round (client, NULL, &error));
  g_assert_no_error (error);
}

static void
put (YiStore    *store,
     const char *table,
     const char *id,
     const char *first_field,
     ...)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *name = first_field;
  va_list args;

  va_start (args, first_field);
  while (name != NULL)
    {
      json_object_set_string_member (fields, name, va_arg (args, const char *));
      name = va_arg (args, const char *);
    }
  va_end (args);
  g_assert_true (yi_store_put_entity (store, table, id, fields, &error));
  g_assert_no_error (error);
}

/* Waits until the district's background apply has brought the centre's
 * copy up to its change log (the server answers before that). */
static void
wait_for_mirror (Fixture *f,
                 YiStore *store)
{
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS m; ATTACH '%s' AS d", f->mirror, f->ddb);
  g_autofree char *behind = g_strdup_printf (
      "SELECT count(*) FROM d.changes WHERE centre_id = '%s' AND seq > "
      "coalesce((SELECT CAST(value AS INTEGER) FROM m.sync_state WHERE key = 'district_seq'), 0)", f->centre);
  gint64 n = -1;

  g_assert_cmpint (sqlite3_exec (yi_store_get_db (store), attach, NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 500 && n != 0; i++)
    {
      if (n > 0)
        g_usleep (20 * 1000);
      n = yi_store_count (store, behind, NULL);
    }
  sqlite3_exec (yi_store_get_db (store), "DETACH m; DETACH d", NULL, NULL, NULL);
  g_assert_cmpint (n, ==, 0);
}

/* Counts rows of @sql run on @store with the mirror attached as "m". */
static gint64
count_with_mirror (Fixture    *f,
                   YiStore    *store,
                   const char *sql)
{
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS m", f->mirror);
  gint64 n;

  wait_for_mirror (f, store);
  g_assert_cmpint (sqlite3_exec (yi_store_get_db (store), attach, NULL, NULL, NULL), ==, SQLITE_OK);
  n = yi_store_count (store, sql, NULL);
  sqlite3_exec (yi_store_get_db (store), "DETACH m", NULL, NULL, NULL);
  return n;
}

#define ELDER "01890a5d-ac96-774b-bcce-b302099a8057"

static void
test_field_for_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) vital = json_object_new ();
  g_autofree char *vital_id = NULL;
  g_autofree char *void_id = NULL;
  const char *tables[] = { "elders", "vital_signs", "event_voids", NULL };

  put (f->a, "elders", ELDER, "name", "张桂英", "gender", "F", "birth_date", "1948-03-02",
       "id_number", "370102194803021234", "notes", "喜欢书法，低盐饮食", NULL);
  json_object_set_string_member (vital, "elder_id", ELDER);
  json_object_set_string_member (vital, "kind", "bp");
  json_object_set_double_member (vital, "value1", 141.5);
  json_object_set_int_member (vital, "value2", 92);
  json_object_set_int_member (vital, "out_of_range", 1);
  json_object_set_string_member (vital, "taken_at", "2026-03-02T01:30:00Z");
  vital_id = yi_store_append_event (f->a, "vital_signs", vital, &error);
  g_assert_no_error (error);
  void_id = yi_store_void_event (f->a, "vital_signs", vital_id, "录错了", &error);
  g_assert_no_error (error);

  sync_round (f->a);
  g_assert_cmpint (yi_store_outbox_count_state (f->a, "pending"), ==, 0);
  g_assert_cmpint (yi_store_outbox_count_state (f->a, "accepted"), ==, 3);

  /* What the district stores equals, field for field, what the kiosk did. */
  for (guint i = 0; tables[i]; i++)
    {
      g_autofree char *ab = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM m.%s)",
                                             tables[i], tables[i]);
      g_autofree char *ba = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM m.%s EXCEPT SELECT * FROM main.%s)",
                                             tables[i], tables[i]);
      g_autofree char *n = g_strdup_printf ("SELECT count(*) FROM m.%s", tables[i]);

      g_assert_cmpint (count_with_mirror (f, f->a, n), ==, 1);
      g_assert_cmpint (count_with_mirror (f, f->a, ab), ==, 0);
      g_assert_cmpint (count_with_mirror (f, f->a, ba), ==, 0);
    }
  g_assert_cmpint (count_with_mirror (f, f->a, "SELECT count(*) FROM (SELECT * FROM main.field_clocks EXCEPT SELECT * FROM m.field_clocks)"), ==, 0);
  /* The kiosk's outbox holds nothing of the district's receipt metadata:
   * that lives only in the district's own change log. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM changes WHERE origin_device = '%s' "
                                            "AND received_at IS NOT NULL AND batch_id IS NOT NULL",
                                            yi_store_get_device_id (f->a));
    g_autofree char *n = yi_test_run (NULL, "sqlite3", f->ddb, sql, NULL);
    g_assert_cmpstr (n, ==, "3");
  }

  /* The other kiosk of the centre receives it all, the same. */
  sync_round (f->b);
  {
    g_autofree char *notes = yi_store_query_string (f->b, "SELECT notes FROM elders", NULL);
    g_assert_cmpstr (notes, ==, "喜欢书法，低盐饮食");
  }
  g_assert_true (yi_store_is_voided (f->b, vital_id));
  /* Received changes do not go back out. */
  g_assert_cmpint (yi_store_count (f->b, "SELECT count(*) FROM outbox", NULL), ==, 0);
}

static void
test_merge_per_field (Fixture *f, gconstpointer data)
{
  g_autofree char *phone = NULL;

  put (f->a, "elders", ELDER, "name", "李秀兰", "gender", "F", "birth_date", "1940-05-06", NULL);
  sync_round (f->a);
  sync_round (f->b);

  /* Both edit offline; each changes its own field and both the phone.
   * B's phone edit is later, so it wins everywhere. */
  put (f->a, "elders", ELDER, "address", "幸福里3号楼", "phone", "13800000001", NULL);
  yi_clock_set_offset (2 * G_USEC_PER_SEC);
  put (f->b, "elders", ELDER, "diet", "low_salt", "phone", "13900000002", NULL);

  sync_round (f->b);
  sync_round (f->a);
  sync_round (f->b);

  for (int i = 0; i < 2; i++)
    {
      YiStore *s = i ? f->b : f->a;
      g_autofree char *address = yi_store_query_string (s, "SELECT address FROM elders", NULL);
      g_autofree char *diet = yi_store_query_string (s, "SELECT diet FROM elders", NULL);

      g_free (phone);
      phone = yi_store_query_string (s, "SELECT phone FROM elders", NULL);
      g_assert_cmpstr (address, ==, "幸福里3号楼");
      g_assert_cmpstr (diet, ==, "low_salt");
      g_assert_cmpstr (phone, ==, "13900000002");
    }
  g_assert_cmpint (count_with_mirror (f, f->a, "SELECT count(*) FROM (SELECT * FROM main.elders EXCEPT SELECT * FROM m.elders)"), ==, 0);
  g_assert_cmpint (count_with_mirror (f, f->b, "SELECT count(*) FROM (SELECT * FROM main.elders EXCEPT SELECT * FROM m.elders)"), ==, 0);

  /* A's next edit orders after what it received. */
  {
    g_autofree char *mine = yi_store_new_hlc (f->a);
    g_autofree char *received = yi_store_query_string (f->a, "SELECT hlc FROM field_clocks WHERE field = 'phone'", NULL);
    g_assert_cmpstr (mine, >, received);
  }
}

static void
test_clock_skew (Fixture *f, gconstpointer data)
{
  g_autoptr(YiSyncStatus) status = NULL;
  g_autofree char *warning = NULL;

  yi_clock_set_offset (-12 * 60 * G_USEC_PER_SEC);
  sync_round (f->a);
  status = yi_sync_status_load (f->a);
  g_assert_true (status->skew_known);
  g_assert_cmpint (status->clock_skew_ms, <, -11 * 60 * 1000);
  warning = yi_sync_status_describe_skew (status);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "12 minutes behind"));
}

static void
test_paging (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  put (f->a, "elders", ELDER, "name", "王建国", "gender", "M", "birth_date", "1936-11-11", NULL);
  g_assert_true (yi_store_begin (f->a, &error));
  for (int i = 0; i < 1234; i++)
    {
      g_autoptr(JsonObject) tap = json_object_new ();
      g_autofree char *id = NULL;

      json_object_set_string_member (tap, "elder_id", ELDER);
      json_object_set_string_member (tap, "kind", i % 2 ? "out" : "in");
      json_object_set_string_member (tap, "method", "card");
      id = yi_store_append_event (f->a, "attendance", tap, &error);
      g_assert_no_error (error);
    }
  g_assert_true (yi_store_commit (f->a, &error));
  sync_round (f->a);
  g_assert_cmpint (yi_store_outbox_count_state (f->a, "accepted"), ==, 1235);
  sync_round (f->b);
  g_assert_cmpint (yi_store_count (f->b, "SELECT count(*) FROM attendance", NULL), ==, 1234);
  g_assert_cmpint (yi_store_sync_get_int (f->b, "pull_cursor", 0), ==, 1235);
}

static void
test_policy (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (f->dir, "policy.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *version = NULL;

  g_assert_true (g_file_set_contents (file,
      "{\"version\":\"2026-1\",\"effective_from\":\"2026-01-01\","
      "\"allowances\":[{\"category\":\"dibao\",\"monthly_fen\":30000}],\"rule\":\"highest_applies\"}", -1, NULL));
  first = yi_test_run (NULL, district_bin, "--db", f->ddb, "load-policy", f->centre, file, NULL);
  g_assert_nonnull (first);
  again = yi_test_run (NULL, district_bin, "--db", f->ddb, "load-policy", f->centre, file, NULL);
  g_assert_nonnull (strstr (again, "nothing changed"));

  sync_round (f->a);
  version = yi_store_query_string (f->a, "SELECT version FROM policies", NULL);
  g_assert_cmpstr (version, ==, "2026-1");
  g_assert_cmpint (yi_store_count (f->a, "SELECT count(*) FROM policies WHERE document LIKE '%monthly_fen%'", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->a, "SELECT count(*) FROM outbox", NULL), ==, 0);
}

static void
on_round_finished (YiSyncEngine *engine,
                   gboolean      success,
                   gpointer      user_data)
{
  *(int *) user_data = success ? 1 : 2;
}

static void
test_engine (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (yi_store_get_path (f->a));
  g_autoptr(YiSyncEngine) engine = yi_sync_engine_new (path);
  int finished = 0;

  put (f->a, "elders", ELDER, "name", "赵大妈", "gender", "F", "birth_date", "1950-02-02", NULL);
  g_signal_connect (engine, "round-finished", G_CALLBACK (on_round_finished), &finished);
  yi_sync_engine_start (engine);
  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (finished, ==, 1);
  g_assert_nonnull (yi_sync_engine_get_last_success (engine));
  g_assert_null (yi_sync_engine_get_last_error (engine));
  g_assert_cmpint (yi_sync_engine_get_pending (engine), ==, 0);

  /* A nudge after a local write sends it within the debounce delay. */
  put (f->a, "elders", ELDER, "phone", "13812345678", NULL);
  finished = 0;
  yi_sync_engine_nudge (engine);
  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (yi_store_outbox_count_state (f->a, "pending"), ==, 0);

  /* The server goes away: the round fails, the status says so in words. */
  yi_test_kill (f->server);
  g_clear_object (&f->server);
  put (f->a, "elders", ELDER, "phone", "13812340000", NULL);
  finished = 0;
  yi_sync_engine_sync_now (engine);
  while (finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (finished, ==, 2);
  g_assert_nonnull (strstr (yi_sync_engine_get_last_error (engine), "cannot be reached"));
  g_assert_cmpint (yi_sync_engine_get_pending (engine), ==, 1);
  yi_sync_engine_stop (engine);
}

/* The district reads payloads as lists of field names and kinds
 * (yi_sync_push_request_scan); it must decide exactly as with the payload
 * objects the full reader builds. */
static void
test_scan_checks_fields (void)
{
  static const struct { const char *table, *kind, *payload, *refusal; } cases[] = {
    { "elders", "entity", "{\"phone\":\"13900000002\",\"address\":\"幸福里3号楼\"}", NULL },
    { "elders", "entity", "{\"phone\":\"139\\u00300000002\"}", NULL },
    { "elders", "entity", "{\"pho\\u006ee\":1}", NULL },
    { "elders", "entity", "{\"phone\":\"1\",\"shoe_size\":42}", "has no field" },
    { "elders", "entity", "{\"phone\":[\"1\",\"2\"]}", "single value" },
    { "elders", "entity", "{\"phone\":{\"home\":\"1\"}}", "single value" },
    { "elders", "entity", "{\"hlc\":\"x\"}", "kept by the store" },
    { "elders", "entity", "{\"phone\":null,\"address\":true}", NULL },
    { "attendance", "event", "{\"id\":\"RECORD\",\"elder_id\":\"RECORD\",\"nested\":[[1,{\"a\":[]}]]}", "has no field" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yi-scan-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "k.db", NULL);
  g_autoptr(YiStore) store = yi_store_open (db, &error);
  const char *record = "01a20316-9d6a-716a-bde5-a18411e2d6d5";

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) payload = g_string_new (cases[i].payload);
      g_autofree char *body = NULL;
      g_autoptr(YiSyncPushRequest) full = NULL;
      g_autoptr(YiSyncPushRequest) scanned = NULL;
      g_autoptr(GError) full_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;
      YiSyncChange *a, *b;

      g_string_replace (payload, "RECORD", record, 0);
      body = g_strdup_printf ("{\"batch_id\":\"01a20316-9f53-7117-89b6-6c25d504beef\","
                              "\"device_id\":\"01a20316-9d51-702c-9101-5ccf4172042e\",\"changes\":[{"
                              "\"change_id\":\"01a20316-9d6a-716a-bde5-a18411e2d6d4\",\"table\":\"%s\","
                              "\"record_id\":\"%s\",\"kind\":\"%s\","
                              "\"hlc\":\"001795348143466-00000-01a20316-9d51-702c-9101-5ccf4172042e\","
                              "\"at\":\"2026-11-22T11:49:03.466Z\",\"payload\":%s}]}",
                              cases[i].table, record, cases[i].kind, payload->str);
      full = yi_sync_push_request_read (body, -1, &error);
      g_assert_no_error (error);
      scanned = yi_sync_push_request_scan (body, -1, &error);
      g_assert_no_error (error);
      a = g_ptr_array_index (full->changes, 0);
      b = g_ptr_array_index (scanned->changes, 0);
      /* Only a payload with escapes is built as an object. */
      g_assert_true ((b->payload != NULL) == (strchr (cases[i].payload, '\\') != NULL));
      text_a = yi_sync_change_payload_text (a);
      text_b = yi_sync_change_payload_text (b);
      g_assert_cmpstr (text_a, ==, text_b);
      yi_store_check_change_fields (store, a, &full_error);
      yi_store_check_change_fields (store, b, &scan_error);
      if (cases[i].refusal == NULL)
        {
          g_assert_no_error (full_error);
          g_assert_no_error (scan_error);
        }
      else
        {
          g_assert_nonnull (full_error);
          g_assert_nonnull (scan_error);
          g_assert_cmpstr (full_error->message, ==, scan_error->message);
          g_assert_nonnull (strstr (scan_error->message, cases[i].refusal));
        }
      g_assert_true (yi_sync_change_ensure_payload (b, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (json_object_get_size (a->payload), ==, json_object_get_size (b->payload));
    }
  /* An event that does not name itself is refused by both readers alike. */
  {
    const char *body = "{\"batch_id\":\"01a20316-9f53-7117-89b6-6c25d504beef\","
                       "\"device_id\":\"01a20316-9d51-702c-9101-5ccf4172042e\",\"changes\":[{"
                       "\"change_id\":\"01a20316-9d6a-716a-bde5-a18411e2d6d4\",\"table\":\"attendance\","
                       "\"record_id\":\"01a20316-9d6a-716a-bde5-a18411e2d6d5\",\"kind\":\"event\","
                       "\"hlc\":\"001795348143466-00000-01a20316-9d51-702c-9101-5ccf4172042e\","
                       "\"at\":\"2026-11-22T11:49:03.466Z\",\"payload\":{\"id\":1}}]}";
    g_autoptr(GError) full_error = NULL;
    g_autoptr(GError) scan_error = NULL;
    g_autoptr(YiSyncPushRequest) full = yi_sync_push_request_read (body, -1, &full_error);
    g_autoptr(YiSyncPushRequest) scanned = yi_sync_push_request_scan (body, -1, &scan_error);

    g_assert_null (full);
    g_assert_null (scanned);
    g_assert_cmpstr (full_error->message, ==, scan_error->message);
  }
  /* Text that is not UTF-8 anywhere in the body, after long ASCII runs
   * or not, is refused; valid Chinese text anywhere is not. */
  {
    static const char *bad[] = { "\xc0\xaf", "\xe5\xb9", "\xed\xa0\x80", "\xff", "ab\xe5" };
    const char *prefix = "{\"batch_id\":\"01a20316-9f53-7117-89b6-6c25d504beef\",\"device_id\":\"";

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      for (guint pad = 0; pad < 9; pad++)
        {
          g_autofree char *body = g_strdup_printf ("%s%.*s%s\"}", prefix, (int) pad, "012345678", bad[i]);
          g_autoptr(GError) scan_error = NULL;
          g_autoptr(YiSyncPushRequest) scanned = yi_sync_push_request_scan (body, -1, &scan_error);

          g_assert_null (scanned);
          g_assert_error (scan_error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED);
          g_assert_nonnull (strstr (scan_error->message, "UTF-8"));
        }
    for (guint pad = 0; pad < 9; pad++)
      {
        g_autofree char *body = g_strdup_printf ("%s%.*s幸福里\"}", prefix, (int) pad, "012345678");
        g_autofree char *with_nul = g_strdup_printf ("%s%.*sX\"}", prefix, (int) pad, "012345678");
        g_autoptr(GError) scan_error = NULL;
        g_autoptr(YiSyncPushRequest) scanned = yi_sync_push_request_scan (body, -1, &scan_error);

        /* Valid text: refused only for what it says (no changes list). */
        g_assert_null (scanned);
        g_assert_null (strstr (scan_error->message, "UTF-8"));
        g_clear_error (&scan_error);
        with_nul[strlen (with_nul) - 3] = '\0';
        scanned = yi_sync_push_request_scan (with_nul, strlen (prefix) + pad + 3, &scan_error);
        g_assert_null (scanned);
        g_assert_nonnull (strstr (scan_error->message, "UTF-8"));
      }
  }
  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (db, *suffix, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  district_bin = yi_test_program ("YI_DISTRICT");
  admin_bin = yi_test_program ("YI_ADMIN");
  g_test_add_func ("/sync/scan-checks-fields", test_scan_checks_fields);
  g_test_add ("/sync/field-for-field", Fixture, NULL, setup, test_field_for_field, teardown);
  g_test_add ("/sync/merge-per-field", Fixture, NULL, setup, test_merge_per_field, teardown);
  g_test_add ("/sync/clock-skew", Fixture, NULL, setup, test_clock_skew, teardown);
  g_test_add ("/sync/paging", Fixture, NULL, setup, test_paging, teardown);
  g_test_add ("/sync/policy", Fixture, NULL, setup, test_policy, teardown);
  g_test_add ("/sync/engine", Fixture, NULL, setup, test_engine, teardown);
  return g_test_run ();
}
