#include "config.h"

#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-hlc.h"
#include "yi-idcard.h"
#include "yi-ids.h"
#include "yi-json.h"
#include "yi-search.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char    *dir;
  char    *path;
  YiStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yiyang-core-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_idcard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *n = NULL;
  g_autofree char *masked = NULL;
  char gender = 0;

  /* GB 11643 example number */
  n = yi_idcard_normalise ("11010519491231002X", &birth, &gender, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (n, ==, "11010519491231002X");
  g_assert_cmpstr (birth, ==, "1949-12-31");
  g_assert_cmpint (gender, ==, 'F');
  g_clear_pointer (&n, g_free);

  n = yi_idcard_normalise ("110105194912310021", NULL, NULL, &error);
  g_assert_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_CHECK_DIGIT);
  g_assert_null (n);
  g_clear_error (&error);

  /* 15-digit legacy number converts to 18 */
  g_clear_pointer (&birth, g_free);
  n = yi_idcard_normalise ("110105491231002", &birth, &gender, &error);
  g_assert_no_error (error);
  g_assert_cmpint (strlen (n), ==, 18);
  g_assert_cmpstr (birth, ==, "1949-12-31");
  g_assert_cmpint (n[17], ==, yi_idcard_check_digit (n));
  g_clear_pointer (&n, g_free);

  n = yi_idcard_normalise ("11010519491331002X", NULL, NULL, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  masked = yi_idcard_mask ("370102195001011234");
  g_assert_cmpstr (masked, ==, "3701**********1234");
}

static void
test_uuid_v7 (void)
{
  g_autofree char *a = yi_uuid_v7_new ();
  g_autofree char *b = yi_uuid_v7_new ();

  g_assert_true (yi_uuid_is_valid (a));
  g_assert_cmpint (a[14], ==, '7');
  g_assert_cmpint (strcmp (a, b), <, 0);
}

static void
test_hlc (void)
{
  YiHlc h;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *remote = NULL;
  guint64 p;

  yi_hlc_init (&h, "dev-a");
  a = yi_hlc_now (&h);
  b = yi_hlc_now (&h);
  g_assert_cmpint (yi_hlc_compare (a, b), <, 0);
  g_assert_true (yi_hlc_parse (a, &p, NULL));
  /* a remote clock slightly ahead pulls ours forward */
  remote = g_strdup_printf ("%015" G_GUINT64_FORMAT "-00007-dev-b", p + 60000);
  g_assert_true (yi_hlc_observe (&h, remote));
  c = yi_hlc_now (&h);
  g_assert_cmpint (yi_hlc_compare (c, remote), >, 0);
  yi_hlc_clear (&h);
}

static void
test_store_pragmas (Fixture *f, gconstpointer data)
{
  g_autofree char *mode = yi_store_query_string (f->store, "PRAGMA journal_mode", NULL);

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (yi_store_count (f->store, "PRAGMA foreign_keys", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "PRAGMA synchronous", NULL), ==, 2);
  g_assert_cmpint (yi_store_get_version (f->store), ==, yi_store_latest_version ());
}

static void
test_entity_write_path (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (fields, "name", "张桂英");
  json_object_set_string_member (fields, "id_number", "11010519491231002X");
  id = yi_store_save_elder (f->store, NULL, fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elders WHERE gender = 'F' AND birth_date = '1949-12-31'", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox WHERE record_id = ?", id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE record_id = ? AND action = 'insert'", id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM field_clocks WHERE record_id = ?", id, NULL), ==, 4);

  /* an unknown field is refused and nothing is written */
  {
    g_autoptr(JsonObject) bad = json_object_new ();
    json_object_set_string_member (bad, "favourite_colour", "red");
    g_assert_false (yi_store_put_entity (f->store, "elders", id, bad, &error));
    g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox", NULL), ==, 1);

  /* birth date disagreeing with the ID number */
  {
    g_autoptr(JsonObject) bad = json_object_new ();
    g_autofree char *none = NULL;
    json_object_set_string_member (bad, "name", "李四");
    json_object_set_string_member (bad, "id_number", "110105194912310029");
    json_object_set_string_member (bad, "birth_date", "1950-01-01");
    none = yi_store_save_elder (f->store, NULL, bad, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

/* Bulk mode writes the same outbox changes, audit entries and field clocks
 * as record by record, and a rolled-back bulk change leaves none. */
static void
test_bulk_write_path (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const guint n = 150;

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (yi_store_begin_bulk (f->store, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autofree char *id = yi_uuid_v7_new ();
          g_autofree char *name = g_strdup_printf ("老人%u", i);

          json_object_set_string_member (fields, "name", name);
          json_object_set_string_member (fields, "gender", i % 2 ? "M" : "F");
          json_object_set_string_member (fields, "birth_date", "1940-05-01");
          g_assert_true (yi_store_put_entity (f->store, "elders", id, fields, &error));
          g_assert_no_error (error);
        }
      if (round == 0)
        {
          yi_store_rollback (f->store);
          g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elders", NULL), ==, 0);
          g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox", NULL), ==, 0);
          g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE record_table = 'elders'", NULL), ==, 0);
          g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM field_clocks", NULL), ==, 0);
        }
      else
        {
          g_assert_true (yi_store_commit (f->store, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elders", NULL), ==, n);
  g_assert_cmpint (yi_store_count (f->store,
                                   "SELECT count(*) FROM elders e WHERE"
                                   " (SELECT count(*) FROM outbox o WHERE o.record_id = e.id AND o.hlc = e.hlc"
                                   "   AND json_extract (o.payload, '$.name') = e.name) = 1"
                                   " AND (SELECT count(*) FROM audit_log a WHERE a.record_id = e.id"
                                   "   AND a.action = 'insert' AND a.summary = 'name,gender,birth_date') = 1"
                                   " AND (SELECT count(*) FROM field_clocks c WHERE c.record_id = e.id"
                                   "   AND c.hlc = e.hlc) = 3", NULL), ==, n);

  /* out of bulk mode again: a write is in the outbox at once */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *id = yi_uuid_v7_new ();

    json_object_set_string_member (fields, "name", "张桂英");
    json_object_set_string_member (fields, "gender", "F");
    json_object_set_string_member (fields, "birth_date", "1949-12-31");
    g_assert_true (yi_store_begin (f->store, &error));
    g_assert_true (yi_store_put_entity (f->store, "elders", id, fields, &error));
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox WHERE record_id = ?", id, NULL), ==, 1);
    g_assert_true (yi_store_commit (f->store, &error));
  }
}

static void
test_tap_flow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *card = NULL;
  g_autoptr(YiTapResult) r1 = NULL;
  g_autoptr(YiTapResult) r2 = NULL;
  g_autoptr(YiTapResult) r3 = NULL;
  g_autoptr(YiTapResult) r4 = NULL;
  gint64 base = yi_clock_get_offset ();

  json_object_set_string_member (fields, "name", "张桂英");
  json_object_set_string_member (fields, "id_number", "11010519491231002X");
  id = yi_store_save_elder (f->store, NULL, fields, &error);
  g_assert_no_error (error);
  card = yi_store_issue_card (f->store, "04:a1:b2:c3", id, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (yi_clock_set_now ("2026-03-02T01:00:00Z", &error)); /* 09:00 in Shanghai */
  r1 = yi_store_tap (f->store, "04A1B2C3", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1->kind, ==, YI_TAP_CHECK_IN);
  g_assert_cmpstr (r1->elder_name, ==, "张桂英");

  yi_clock_set_offset (yi_clock_get_offset () + 60 * G_USEC_PER_SEC);
  r2 = yi_store_tap (f->store, "04a1b2c3", &error);
  g_assert_cmpint (r2->kind, ==, YI_TAP_REPEAT);

  yi_clock_set_offset (yi_clock_get_offset () + (gint64) 3 * 3600 * G_USEC_PER_SEC);
  r3 = yi_store_tap (f->store, "04A1B2C3", &error);
  g_assert_cmpint (r3->kind, ==, YI_TAP_CHECK_OUT);
  g_assert_cmpint (r3->minutes_in, ==, 181);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM attendance WHERE local_date = '2026-03-02'", NULL), ==, 2);

  r4 = yi_store_tap (f->store, "DEADBEEF", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r4->kind, ==, YI_TAP_UNKNOWN_CARD);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM unknown_card_taps WHERE uid = 'DEADBEEF'", NULL), ==, 1);

  /* a card already bound is refused, naming its owner */
  g_assert_null (yi_store_issue_card (f->store, "04A1B2C3", id, NULL, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "张桂英"));
  yi_clock_set_offset (base);
}

static void
test_search (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "张桂英", "李建国", "王秀兰" };
  const char *ids[] = { "11010519491231002X", NULL, NULL };
  g_autofree char *initials = yi_pinyin_initials_of ("张桂英");

  g_assert_cmpstr (initials, ==, "zgy");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autofree char *id = NULL;
      json_object_set_string_member (o, "name", names[i]);
      if (ids[i])
        json_object_set_string_member (o, "id_number", ids[i]);
      else
        {
          json_object_set_string_member (o, "birth_date", "1950-05-01");
          json_object_set_string_member (o, "gender", "M");
        }
      json_object_set_string_member (o, "phone", i == 1 ? "13912345678" : "13800000000");
      id = yi_store_save_elder (f->store, NULL, o, &error);
      g_assert_no_error (error);
    }
  {
    g_autoptr(GPtrArray) hits = yi_store_search_elders (f->store, "zgy", 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((YiElderHit *) hits->pdata[0])->name, ==, "张桂英");
    g_assert_cmpstr (((YiElderHit *) hits->pdata[0])->masked_id_number, ==, "1101**********002X");
  }
  {
    g_autoptr(GPtrArray) hits = yi_store_search_elders (f->store, "lijianguo", 10, NULL, &error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = yi_store_search_elders (f->store, "5678", 10, NULL, &error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (((YiElderHit *) hits->pdata[0])->name, ==, "李建国");
  }
  {
    g_autoptr(GPtrArray) hits = yi_store_search_elders (f->store, "002x", 10, NULL, &error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = yi_store_search_elders (f->store, "秀", 10, NULL, &error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* The write path formats times and payloads by hand; both must say what
 * GDateTime and json-glib would. */
static void
test_fast_formatting (void)
{
  static const gint64 times[] = {
    0, 951782400123456, 1709251199999999, 1772440200000000, 4107542400001000, 253402300799999999,
  };
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (times[i] / G_USEC_PER_SEC);
      g_autofree char *date = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *expected = g_strdup_printf ("%s.%03dZ", date, (int) (times[i] % G_USEC_PER_SEC / 1000));
      g_autofree char *got = yi_clock_format_utc (times[i]);

      g_assert_cmpstr (got, ==, expected);
    }

  json_object_set_string_member (obj, "name", "王\"秀\\英\n\t\001");
  json_object_set_int_member (obj, "price_fen", -1250);
  json_object_set_int_member (obj, "big", G_MININT64);
  json_object_set_boolean_member (obj, "ok", TRUE);
  json_object_set_null_member (obj, "notes");
  json_node_set_object (root, obj);
  mine = yi_json_object_to_string (obj);
  theirs = json_to_string (root, FALSE);
  g_assert_cmpstr (mine, ==, theirs);
  g_clear_pointer (&mine, g_free);
  g_clear_pointer (&theirs, g_free);
  json_object_set_double_member (obj, "value", 36.6);
  mine = yi_json_object_to_string (obj);
  theirs = json_to_string (root, FALSE);
  g_assert_cmpstr (mine, ==, theirs);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/core/idcard", test_idcard);
  g_test_add_func ("/core/uuid-v7", test_uuid_v7);
  g_test_add_func ("/core/hlc", test_hlc);
  g_test_add_func ("/core/fast-formatting", test_fast_formatting);
  g_test_add ("/core/store/pragmas", Fixture, NULL, fixture_setup, test_store_pragmas, fixture_teardown);
  g_test_add ("/core/store/entity-write-path", Fixture, NULL, fixture_setup, test_entity_write_path, fixture_teardown);
  g_test_add ("/core/store/bulk-write-path", Fixture, NULL, fixture_setup, test_bulk_write_path, fixture_teardown);
  g_test_add ("/core/store/tap-flow", Fixture, NULL, fixture_setup, test_tap_flow, fixture_teardown);
  g_test_add ("/core/store/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  return g_test_run ();
}
