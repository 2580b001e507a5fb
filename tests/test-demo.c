#include "config.h"

#include "yi-clock.h"
#include "yi-demo.h"
#include "yi-domain.h"
#include "yi-idcard.h"
#include "yi-store.h"
#include "yi-tables.h"

#include <glib/gstdio.h>
#include <string.h>

static char *tmpdir;

static YiStore *
make_demo (const char *name,
           guint       elders,
           guint       days,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(YiStore) store = yi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (yi_demo_generate (store, elders, days, seed, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* Everything a table holds except what says where and when it was written
 * (device, clocks, write times, salted PIN hashes). */
static char *
table_digest (YiStore    *store,
              const char *table)
{
  static const char *const skip[] = { "hlc", "updated_at", "created_at", "device_id", "pin_hash", NULL };
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", table);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, sql, NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint rows = 0;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rows++;
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          if (g_strv_contains (skip, sqlite3_column_name (stmt, i)))
            continue;
          g_checksum_update (sum, (const guchar *) (text ? text : "\x01"), -1);
          g_checksum_update (sum, (const guchar *) "\x02", 1);
        }
    }
  return g_strdup_printf ("%u:%s", rows, g_checksum_get_string (sum));
}

static void
test_demo_deterministic (void)
{
  g_autoptr(YiStore) a = make_demo ("a.db", 60, 10, 7);
  g_autoptr(YiStore) b = make_demo ("b.db", 60, 10, 7);
  g_autoptr(YiStore) c = make_demo ("c.db", 60, 10, 8);
  const char **entities = yi_table_entities ();
  const char **events = yi_table_events ();
  g_autofree char *elders_a = table_digest (a, "elders");
  g_autofree char *elders_c = table_digest (c, "elders");

  for (guint i = 0; entities[i]; i++)
    {
      g_autofree char *da = table_digest (a, entities[i]);
      g_autofree char *db = table_digest (b, entities[i]);
      g_assert_cmpstr (da, ==, db);
    }
  for (guint i = 0; events[i]; i++)
    {
      g_autofree char *da = table_digest (a, events[i]);
      g_autofree char *db = table_digest (b, events[i]);
      g_assert_cmpstr (da, ==, db);
    }
  /* Another seed, another centre. */
  g_assert_cmpstr (elders_a, !=, elders_c);
  g_assert_cmpint (yi_store_count (a, "SELECT count(*) FROM attendance", NULL), >, 0);
}

static double
share (YiStore *store, const char *sql, gint64 total)
{
  return (double) yi_store_count (store, sql, NULL) / total;
}

static void
test_demo_realistic (void)
{
  g_autoptr(YiStore) s = make_demo ("big.db", 2000, 1, 3);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (s, "SELECT id_number, birth_date, gender FROM elders", NULL);
  g_autofree char *admin = NULL;
  g_autofree char *kitchen = NULL;
  gint64 n = yi_store_count (s, "SELECT count(*) FROM elders", NULL);
  guint ages[6] = { 0, };
  guint women_old = 0, old = 0, women_young = 0, young = 0;
  g_autofree char *today = yi_store_today (s);

  g_assert_cmpint (n, ==, 2000);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *birth = NULL;
      g_autofree char *normal = NULL;
      const char *gender = (const char *) sqlite3_column_text (stmt, 2);
      char sex = 0;
      int age;

      /* Every ID number is valid and agrees with birth date and gender. */
      normal = yi_idcard_normalise ((const char *) sqlite3_column_text (stmt, 0), &birth, &sex, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (birth, ==, (const char *) sqlite3_column_text (stmt, 1));
      g_assert_cmpint (sex, ==, gender[0]);

      age = yi_age_on (birth, today);
      g_assert_cmpint (age, >=, 60);
      ages[age < 65 ? 0 : age < 70 ? 1 : age < 80 ? 2 : age < 90 ? 3 : age < 100 ? 4 : 5]++;
      if (age >= 80)
        old++, women_old += sex == 'F';
      else
        young++, women_young += sex == 'F';
    }
  g_assert_cmpfloat_with_epsilon (ages[0] / (double) n, 0.28, 0.04);
  g_assert_cmpfloat_with_epsilon (ages[1] / (double) n, 0.25, 0.04);
  g_assert_cmpfloat_with_epsilon (ages[2] / (double) n, 0.34, 0.04);
  g_assert_cmpfloat_with_epsilon (ages[3] / (double) n, 0.115, 0.03);
  g_assert_cmpfloat_with_epsilon (ages[4] / (double) n, 0.011, 0.01);
  g_assert_cmpfloat (women_old / (double) old, >, women_young / (double) young);

  g_assert_cmpfloat_with_epsilon (share (s, "SELECT count(DISTINCT elder_id) FROM elder_categories WHERE category = 'dibao'", n), 0.05, 0.02);
  g_assert_cmpfloat_with_epsilon (share (s, "SELECT count(*) FROM elders WHERE living_arrangement = 'alone'", n), 0.12, 0.03);
  g_assert_cmpfloat_with_epsilon (share (s, "SELECT count(*) FROM elders WHERE living_arrangement = 'empty_nest'", n), 0.25, 0.04);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM elders e WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.elder_id = e.id)", NULL), ==, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM cards", NULL), ==, n);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM volunteers", NULL) * 10, >=, n);
  g_assert_cmpint (yi_store_count (s, "SELECT count(DISTINCT role) FROM staff", NULL), ==, 5);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM service_types", NULL), ==, 13);

  admin = yi_store_verify_staff_pin (s, NULL, "1234");
  kitchen = yi_store_verify_staff_pin (s, NULL, "5678");
  g_assert_nonnull (admin);
  g_assert_nonnull (kitchen);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM staff WHERE id = ? AND name = '王芳' AND role = 'admin'", admin, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM staff WHERE id = ? AND name = '李师傅' AND role = 'kitchen'", kitchen, NULL), ==, 1);
}

static void
test_demo_centre_days (void)
{
  g_autoptr(YiStore) s = make_demo ("days.db", 650, 14, 1);
  g_autoptr(sqlite3_stmt) days = yi_store_prepare (s,
      "SELECT local_date, count(DISTINCT elder_id) FROM attendance WHERE kind = 'in' GROUP BY local_date", NULL);
  guint open_days = 0;

  while (sqlite3_step (days) == SQLITE_ROW)
    {
      int visits = sqlite3_column_int (days, 1);
      int weekday = yi_date_weekday ((const char *) sqlite3_column_text (days, 0));

      open_days++;
      /* Festivals draw a crowd (元宵节 falls in this fortnight). */
      if (yi_store_count (s, "SELECT count(*) FROM activities WHERE kind = 'festival' AND on_date = ?",
                          (const char *) sqlite3_column_text (days, 0), NULL) > 0)
        {
          g_assert_cmpint (visits, >, 150);
          continue;
        }
      g_assert_cmpint (weekday, <=, 5);
      g_assert_cmpint (visits, >=, 40);
      g_assert_cmpint (visits, <=, 150);
    }
  g_assert_cmpuint (open_days, ==, 10);
  /* Each check-out follows its check-in; lunches are 20–90 a day. */
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM attendance o WHERE kind = 'out' AND NOT EXISTS "
                                      "(SELECT 1 FROM attendance i WHERE i.elder_id = o.elder_id AND i.local_date = o.local_date "
                                      "AND i.kind = 'in' AND i.at < o.at)", NULL), ==, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT min(n) FROM (SELECT count(*) AS n FROM meal_orders GROUP BY on_date)", NULL), >=, 25);
  g_assert_cmpint (yi_store_count (s, "SELECT max(n) FROM (SELECT count(*) AS n FROM meal_orders WHERE mode = 'delivery' GROUP BY on_date)", NULL), <=, 30);
  /* Service confirmations: mostly taps rated 4–5, attestations with reasons, a few left open. */
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM service_confirmations WHERE method = 'tap' AND rating >= 4", NULL), >,
                   yi_store_count (s, "SELECT count(*) FROM service_records", NULL) / 2);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM service_confirmations WHERE method = 'attestation' AND reason IS NOT NULL", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM service_records r WHERE NOT EXISTS "
                                      "(SELECT 1 FROM service_confirmations c WHERE c.service_record_id = r.id)", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM vital_signs WHERE out_of_range = 1", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM welfare_calls", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM activity_attendance", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM volunteer_hours", NULL), >, 0);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM menus", NULL), ==, (14 + 7) * 3);
}

static void
test_demo_refuses_full_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) s = make_demo ("full.db", 5, 1, 1);

  g_assert_false (yi_demo_generate (s, 5, 1, 1, NULL, NULL, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM elders", NULL), ==, 5);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  /* A fixed Wednesday afternoon, so that runs agree on "today". */
  g_setenv ("YIYANG_NOW", "2026-03-04T09:00:00Z", TRUE);
  tmpdir = g_dir_make_tmp ("yiyang-demo-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/realistic-registry", test_demo_realistic);
  g_test_add_func ("/demo/centre-days", test_demo_centre_days);
  g_test_add_func ("/demo/refuses-full-database", test_demo_refuses_full_database);
  rc = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return rc;
}
