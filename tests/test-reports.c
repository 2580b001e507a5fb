#include "config.h"

#include "test-reports.h"
#include "test-reports-data.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-report.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* Every figure of the report is checked against a count written here as
 * plain SQL, independently of the report's own queries, over a generated
 * centre; then the district sum.  The exports are read back in
 * test-reports-export.c. */

#define NV(a) a ".id NOT IN (SELECT target_id FROM event_voids)"

typedef struct {
  char    *dir;
  YiStore *a;
  YiStore *b;
  YiStore *u;   /* both centres in one store */
} Stores;

static Stores stores;

const YiTestCentre test_reports_centre_a = { "阳光社区日间照料中心", 11, 320, "2026-06-24", 75, 26 };
static const YiTestCentre centre_b = { "和平里日间照料中心", 29, 180, "2026-06-28", 70, 14 };

static YiStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (stores.dir, name, NULL);
  YiStore *store = yi_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
generate (YiStore *store, const YiTestCentre *spec)
{
  g_autoptr(GError) error = NULL;

  yi_test_generate_centre (store, spec, &error);
  g_assert_no_error (error);
}

YiStore *
test_reports_store_a (void)
{
  if (stores.a == NULL)
    {
      stores.a = open_store ("a.db");
      generate (stores.a, &test_reports_centre_a);
    }
  return stores.a;
}

/* One integer from @sql with ?1 = from, ?2 = to, ?3 = the next local
 * midnight after @to in UTC, ?4 and ?5 free. */
static gint64
sql_int (YiStore    *store,
         const char *sql,
         const char *from,
         const char *to,
         const char *p4,
         const char *p5)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, sql, &error);
  g_autofree char *next = yi_date_add_days (to, 1);
  g_autofree char *end = yi_test_at (next, 0, 0);
  const char *params[] = { from, to, end, p4, p5 };

  g_assert_no_error (error);
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    sqlite3_bind_text (stmt, i, params[i - 1], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
check (YiReport   *report,
       YiStore    *store,
       const char *table,
       const char *row,
       const char *column,
       const char *sql,
       const char *p4,
       const char *p5)
{
  gint64 expected = sql_int (store, sql, yi_report_get_from (report), yi_report_get_to (report), p4, p5);
  gint64 got = yi_report_get_value (report, table, row, column);

  if (expected != got)
    g_error ("%s / %s / %s: report says %" G_GINT64_FORMAT ", SQL counts %" G_GINT64_FORMAT,
             table, row, column, got, expected);
}

YiReport *
test_reports_compute (YiStore    *store,
                      const char *from,
                      const char *to)
{
  g_autoptr(GError) error = NULL;
  YiReport *report = yi_report_compute (store, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

#define ROLL \
  "WITH roll AS (SELECT * FROM elders e" \
  "  WHERE NOT (e.status <> 'active' AND COALESCE(e.status_date, ?1) < ?1)" \
  "    AND (e.created_at < ?3 OR e.id IN (SELECT elder_id FROM attendance WHERE local_date <= ?2)))," \
  " aged AS (SELECT id, gender, (CAST(substr(?2, 1, 4) AS INT) - CAST(substr(birth_date, 1, 4) AS INT))" \
  "    - (substr(?2, 6, 5) < substr(birth_date, 6, 5)) AS age FROM roll) "

static void
check_elders (YiReport *r, YiStore *s)
{
  static const char *bands[][3] = {
    { "under_60", "0", "59" }, { "60_69", "60", "69" }, { "70_79", "70", "79" },
    { "80_89", "80", "89" }, { "90_plus", "90", "200" },
  };
  const char *const *codes = NULL;
  g_autofree char *by_band = NULL;

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      g_free (by_band);
      by_band = g_strdup_printf (ROLL "SELECT count(*) FROM aged WHERE age BETWEEN %s AND %s AND gender LIKE ?4",
                                 bands[b][1], bands[b][2]);
      check (r, s, "elders_age", bands[b][0], "male", by_band, "M", NULL);
      check (r, s, "elders_age", bands[b][0], "female", by_band, "F", NULL);
      check (r, s, "elders_age", bands[b][0], "total", by_band, "%", NULL);
    }
  check (r, s, "elders_age", "total", "total", ROLL "SELECT count(*) FROM roll", NULL, NULL);
  check (r, s, "elders_summary", "age_80_plus", "total", ROLL "SELECT count(*) FROM aged WHERE age >= 80", NULL, NULL);
  check (r, s, "elders_summary", "age_80_plus", "female",
         ROLL "SELECT count(*) FROM aged WHERE age >= 80 AND gender = 'F'", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (yi_report_get_number (r, "elders_summary", "age_80_plus", "share"),
                                  100.0 * yi_report_get_value (r, "elders_summary", "age_80_plus", "total")
                                  / yi_report_get_value (r, "elders_age", "total", "total"), 1e-9);

  for (codes = (const char *const[]) { "dibao", "alone", "empty_nest", "advanced_age", "disabled",
                                       "veteran", "sanwu", "wubao", NULL }; *codes; codes++)
    {
      const char *sql = ROLL "SELECT count(DISTINCT roll.id) FROM roll JOIN elder_categories c ON c.elder_id = roll.id"
                        " WHERE c.category = ?4 AND roll.gender LIKE ?5 AND c.removed = 0"
                        "   AND c.valid_from <= ?2 AND COALESCE(c.valid_to, '9999') >= ?1";

      check (r, s, "elders_category", *codes, "male", sql, *codes, "M");
      check (r, s, "elders_category", *codes, "female", sql, *codes, "F");
      check (r, s, "elders_category", *codes, "total", sql, *codes, "%");
    }
  g_assert_cmpint (yi_report_get_value (r, "elders_age", "total", "total"), >, 250);
  g_assert_cmpint (yi_report_get_value (r, "elders_category", "dibao", "total"), >, 10);
}

#define STAYS \
  "WITH a AS (SELECT * FROM attendance x WHERE x.local_date BETWEEN ?1 AND ?2 AND " NV ("x") ")," \
  " s AS (SELECT local_date, kind, CAST(strftime('%s', at) AS INT) AS t," \
  "   LEAD(CAST(strftime('%s', at) AS INT)) OVER (PARTITION BY elder_id, local_date ORDER BY at) AS nt FROM a) " \
  "SELECT COALESCE(sum(max(0, (COALESCE(nt, CAST(strftime('%s', local_date || ' 17:00:00', '-8 hours') AS INT)) - t) / 60)), 0)" \
  " FROM s WHERE kind = 'in' AND local_date LIKE ?4"

#define INS "FROM attendance x WHERE x.kind = 'in' AND x.local_date BETWEEN ?1 AND ?2 AND " NV ("x")

static void
check_attendance (YiReport *r, YiStore *s)
{
  g_autofree char *day = g_strdup (yi_report_get_from (r));

  check (r, s, "attendance_summary", "total", "elders", "SELECT count(DISTINCT elder_id) " INS, NULL, NULL);
  check (r, s, "attendance_summary", "total", "visits", "SELECT count(*) " INS, NULL, NULL);
  check (r, s, "attendance_summary", "total", "days", "SELECT count(DISTINCT elder_id || local_date) " INS, NULL, NULL);
  check (r, s, "attendance_summary", "total", "open_days", "SELECT count(DISTINCT local_date) " INS, NULL, NULL);
  check (r, s, "attendance_summary", "total", "hours", STAYS, "%", NULL);
  while (strcmp (day, yi_report_get_to (r)) <= 0)
    {
      char *next = yi_date_add_days (day, 1);

      check (r, s, "attendance_daily", day, "visits", "SELECT count(*) " INS " AND x.local_date = ?4", day, NULL);
      check (r, s, "attendance_daily", day, "elders",
             "SELECT count(DISTINCT elder_id) " INS " AND x.local_date = ?4", day, NULL);
      check (r, s, "attendance_daily", day, "hours", STAYS, day, NULL);
      g_free (day);
      day = next;
    }
  g_assert_cmpint (yi_report_get_value (r, "attendance_summary", "total", "visits"), >, 500);
}

#define SERVED \
  "WITH led AS (SELECT * FROM ledger_entries l WHERE l.kind IN ('allowance_debit', 'copay') AND " NV ("l") ")," \
  " m AS (SELECT s.*, COALESCE(o.diet, e.diet) AS the_diet," \
  "   CASE WHEN (SELECT count(*) FROM led WHERE led.source_id IN (s.id, s.order_id)) > 0" \
  "     THEN (SELECT COALESCE(sum(abs(amount_fen)), 0) FROM led WHERE led.source_id IN (s.id, s.order_id)" \
  "           AND led.kind = 'copay' AND led.id NOT IN (SELECT reverses_id FROM ledger_entries rv" \
  "             WHERE rv.kind = 'reversal' AND rv.reverses_id IS NOT NULL AND " NV ("rv") ")) = 0" \
  "     ELSE COALESCE(o.price_fen, (SELECT price_fen + IIF(s.mode = 'delivery', delivery_fen, 0) FROM menus mn" \
  "           WHERE mn.on_date = s.on_date AND mn.meal = s.meal), 0) = 0 END AS is_free" \
  "   FROM meals_served s LEFT JOIN meal_orders o ON o.id = s.order_id JOIN elders e ON e.id = s.elder_id" \
  "   WHERE s.on_date BETWEEN ?1 AND ?2 AND " NV ("s") ") "

static void
check_meals (YiReport *r, YiStore *s)
{
  const char *meals[] = { "breakfast", "lunch", "dinner" };
  const char *diets[] = { "normal", "soft", "low_salt", "diabetic" };

  for (guint i = 0; i < G_N_ELEMENTS (meals); i++)
    {
      check (r, s, "meals_by_meal", meals[i], "dine_in",
             SERVED "SELECT count(*) FROM m WHERE meal = ?4 AND mode = 'dine_in'", meals[i], NULL);
      check (r, s, "meals_by_meal", meals[i], "delivery",
             SERVED "SELECT count(*) FROM m WHERE meal = ?4 AND mode = 'delivery'", meals[i], NULL);
      check (r, s, "meals_by_meal", meals[i], "free",
             SERVED "SELECT count(*) FROM m WHERE meal = ?4 AND is_free", meals[i], NULL);
      check (r, s, "meals_by_meal", meals[i], "paid",
             SERVED "SELECT count(*) FROM m WHERE meal = ?4 AND NOT is_free", meals[i], NULL);
    }
  check (r, s, "meals_by_meal", "total", "total", SERVED "SELECT count(*) FROM m", NULL, NULL);
  check (r, s, "meals_by_meal", "total", "free", SERVED "SELECT count(*) FROM m WHERE is_free", NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (diets); i++)
    check (r, s, "meals_by_diet", diets[i], "total",
           SERVED "SELECT count(*) FROM m WHERE the_diet = ?4", diets[i], NULL);
  check (r, s, "meals_daily", "2026-07-15", "delivery",
         SERVED "SELECT count(*) FROM m WHERE on_date = ?4 AND mode = 'delivery'", "2026-07-15", NULL);
  check (r, s, "meals_daily", "2026-08-03", "total",
         SERVED "SELECT count(*) FROM m WHERE on_date = ?4", "2026-08-03", NULL);
  g_assert_cmpint (yi_report_get_value (r, "meals_by_meal", "total", "free"), >, 0);
  g_assert_cmpint (yi_report_get_value (r, "meals_by_meal", "total", "paid"), >, 0);
}

#define SERVICES \
  "WITH ok AS (SELECT r.*, st.code," \
  "   COALESCE((SELECT funding_tier FROM ledger_entries l WHERE l.source_id = r.id AND l.funding_tier IS NOT NULL" \
  "              AND l.kind IN ('allowance_debit', 'copay') AND " NV ("l") " ORDER BY l.at, l.id LIMIT 1)," \
  "            IIF(r.price_fen = 0, 'free', 'unrecorded')) AS tier" \
  "   FROM service_records r JOIN service_types st ON st.id = r.service_type_id" \
  "   WHERE r.local_date BETWEEN ?1 AND ?2 AND " NV ("r") \
  "     AND r.id IN (SELECT service_record_id FROM service_confirmations c WHERE " NV ("c") ")) "

#define MONEY \
  "SELECT COALESCE((SELECT sum(abs(amount_fen)) FROM ledger_entries l WHERE l.kind = ?4" \
  "   AND l.local_date BETWEEN ?1 AND ?2 AND " NV ("l") "), 0)" \
  " - COALESCE((SELECT sum(abs(o.amount_fen)) FROM ledger_entries rv JOIN ledger_entries o ON o.id = rv.reverses_id" \
  "   WHERE rv.kind = 'reversal' AND o.kind = ?4 AND rv.local_date BETWEEN ?1 AND ?2" \
  "     AND " NV ("rv") " AND " NV ("o") "), 0)"

static void
check_services (YiReport *r, YiStore *s)
{
  const char *codes[] = { "clean", "bath", "haircut", "massage", "medical", "counsel" };
  const char *tiers[] = { "free", "low_cost", "paid", "government", "unrecorded" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      check (r, s, "services_by_type", codes[i], "count", SERVICES "SELECT count(*) FROM ok WHERE code = ?4", codes[i], NULL);
      check (r, s, "services_by_type", codes[i], "hours",
             SERVICES "SELECT COALESCE(sum(duration_min), 0) FROM ok WHERE code = ?4", codes[i], NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      check (r, s, "services_by_tier", tiers[i], "count", SERVICES "SELECT count(*) FROM ok WHERE tier = ?4", tiers[i], NULL);
      check (r, s, "services_by_tier", tiers[i], "hours",
             SERVICES "SELECT COALESCE(sum(duration_min), 0) FROM ok WHERE tier = ?4", tiers[i], NULL);
    }
  check (r, s, "services_by_type", "total", "count", SERVICES "SELECT count(*) FROM ok", NULL, NULL);
  check (r, s, "services_money", "total", "subsidy", MONEY, "allowance_debit", NULL);
  check (r, s, "services_money", "total", "copay", MONEY, "copay", NULL);
  g_assert_cmpint (yi_report_get_value (r, "services_money", "total", "subsidy"), >, 0);
  g_assert_cmpint (yi_report_get_value (r, "services_by_tier", "government", "count"), >, 0);
  /* voided and unconfirmed services exist and are left out */
  g_assert_cmpint (yi_report_get_value (r, "services_by_type", "total", "count"), <,
                   sql_int (s, "SELECT count(*) FROM service_records WHERE local_date BETWEEN ?1 AND ?2",
                            FROM, TO, NULL, NULL));
}

static void
check_activities_health_care (YiReport *r, YiStore *s)
{
  const char *kinds[] = { "lecture", "taichi", "calligraphy", "choir" };
  const char *vitals[] = { "bp", "glucose", "weight", "temperature", "%" };
  const char *vital_rows[] = { "bp", "glucose", "weight", "temperature", "total" };
  const char *outcomes[] = { "fine", "no_answer", "unwell", "home_visit", "resolved", "%" };
  const char *outcome_rows[] = { "fine", "no_answer", "unwell", "home_visit", "resolved", "total" };
  g_autoptr(GPtrArray) weeks = g_ptr_array_new ();
  YiReportTable *trend;

#define ACT "FROM activity_attendance x JOIN activities a ON a.id = x.activity_id" \
            " WHERE x.session_date BETWEEN ?1 AND ?2 AND a.kind = ?4 AND " NV ("x")
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      check (r, s, "activities_by_kind", kinds[i], "sessions",
             "SELECT count(*) FROM (SELECT DISTINCT x.activity_id, x.session_date " ACT ")", kinds[i], NULL);
      check (r, s, "activities_by_kind", kinds[i], "participants",
             "SELECT count(*) FROM (SELECT DISTINCT x.activity_id, x.session_date, x.elder_id " ACT ")", kinds[i], NULL);
    }
#undef ACT

  check (r, s, "volunteers", "total", "registered",
         "SELECT count(*) FROM volunteers WHERE active = 1 AND registered_on <= ?2", NULL, NULL);
  check (r, s, "volunteers", "total", "served",
         "SELECT count(DISTINCT volunteer_id) FROM volunteer_hours x WHERE served_on BETWEEN ?1 AND ?2 AND " NV ("x"),
         NULL, NULL);
  check (r, s, "volunteers", "total", "hours",
         "SELECT sum(minutes) FROM volunteer_hours x WHERE served_on BETWEEN ?1 AND ?2 AND " NV ("x"), NULL, NULL);

#define VIT "FROM vital_signs x WHERE x.local_date BETWEEN ?1 AND ?2 AND x.kind LIKE ?4 AND " NV ("x")
  for (guint i = 0; i < G_N_ELEMENTS (vitals); i++)
    {
      check (r, s, "vitals_by_kind", vital_rows[i], "taken", "SELECT count(*) " VIT, vitals[i], NULL);
      check (r, s, "vitals_by_kind", vital_rows[i], "alerts", "SELECT count(*) " VIT " AND out_of_range = 1", vitals[i], NULL);
      check (r, s, "vitals_by_kind", vital_rows[i], "elders", "SELECT count(DISTINCT elder_id) " VIT, vitals[i], NULL);
    }
#undef VIT

#define CALLS "FROM welfare_calls x WHERE x.call_date BETWEEN ?1 AND ?2 AND x.outcome LIKE ?4 AND " NV ("x")
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      check (r, s, "welfare_calls", outcome_rows[i], "calls", "SELECT count(*) " CALLS, outcomes[i], NULL);
      check (r, s, "welfare_calls", outcome_rows[i], "elders", "SELECT count(DISTINCT elder_id) " CALLS, outcomes[i], NULL);
    }
#undef CALLS

#define FB "FROM feedback x WHERE x.local_date BETWEEN ?1 AND ?2 AND " NV ("x")
#define SC "FROM service_confirmations x JOIN service_records sr ON sr.id = x.service_record_id" \
           " WHERE x.rating IS NOT NULL AND x.local_date BETWEEN ?1 AND ?2 AND " NV ("x") " AND " NV ("sr")
  check (r, s, "satisfaction", "feedback", "satisfied", "SELECT count(*) " FB " AND rating >= 4", NULL, NULL);
  check (r, s, "satisfaction", "feedback", "ratings", "SELECT count(*) " FB, NULL, NULL);
  check (r, s, "satisfaction", "confirmations", "satisfied", "SELECT count(*) " SC " AND x.rating >= 4", NULL, NULL);
  check (r, s, "satisfaction", "confirmations", "ratings", "SELECT count(*) " SC, NULL, NULL);
  check (r, s, "satisfaction", "total", "ratings",
         "SELECT (SELECT count(*) " FB ") + (SELECT count(*) " SC ")", NULL, NULL);
  g_assert_cmpfloat_with_epsilon (yi_report_get_number (r, "satisfaction", "total", "rate"),
                                  100.0 * sql_int (s, "SELECT (SELECT count(*) " FB " AND rating >= 4) + "
                                                      "(SELECT count(*) " SC " AND x.rating >= 4)", FROM, TO, NULL, NULL)
                                  / yi_report_get_value (r, "satisfaction", "total", "ratings"), 1e-9);

  /* Weekly buckets for a two-month period, each from its Monday. */
  trend = yi_report_get_table (r, "satisfaction_trend");
  g_assert_cmpstr (yi_report_table_get_row_key (trend, 0), ==, "2026-06-29");
  for (guint i = 0; i < yi_report_table_get_n_rows (trend); i++)
    {
      const char *monday = yi_report_table_get_row_key (trend, i);

      g_assert_cmpint (yi_date_weekday (monday), ==, 1);
      check (r, s, "satisfaction_trend", monday, "ratings",
             "SELECT (SELECT count(*) " FB " AND x.local_date BETWEEN ?4 AND date(?4, '+6 days'))"
             " + (SELECT count(*) " SC " AND x.local_date BETWEEN ?4 AND date(?4, '+6 days'))", monday, NULL);
      check (r, s, "satisfaction_trend", monday, "satisfied",
             "SELECT (SELECT count(*) " FB " AND rating >= 4 AND x.local_date BETWEEN ?4 AND date(?4, '+6 days'))"
             " + (SELECT count(*) " SC " AND x.rating >= 4 AND x.local_date BETWEEN ?4 AND date(?4, '+6 days'))",
             monday, NULL);
    }
#undef FB
#undef SC
}

static void
test_figures_match_sql (void)
{
  YiStore *s = test_reports_store_a ();
  g_autoptr(YiReport) r = test_reports_compute (s, FROM, TO);
  g_autoptr(YiReport) month = test_reports_compute (s, "2026-08-01", "2026-08-31");

  g_assert_cmpstr (yi_report_get_title (r), ==, test_reports_centre_a.centre_name);
  g_assert_cmpint (yi_store_count (s, "SELECT count(*) FROM event_voids", NULL), >, 100);
  check_elders (r, s);
  check_attendance (r, s);
  check_meals (r, s);
  check_services (r, s);
  check_activities_health_care (r, s);

  /* A single month, whose age day is different. */
  check_elders (month, s);
  check_attendance (month, s);
  check_services (month, s);
}

/* A handful of records whose figures are known by hand. */
static void
test_small_exact (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (stores.dir, "small.db", NULL);
  g_autoptr(YiStore) s = yi_store_open (path, &error);
  g_autoptr(YiReport) r = NULL;
  g_autofree char *e1 = yi_uuid_v7_new ();
  g_autofree char *e2 = yi_uuid_v7_new ();
  g_autofree char *st = yi_uuid_v7_new ();
  const char *taps[][4] = {
    { "e1", "in", "2026-07-01", "09:00" }, { "e1", "out", "2026-07-01", "11:30" },
    { "e2", "in", "2026-07-01", "15:00" },                                      /* until 17:00 */
    { "e1", "out", "2026-07-02", "10:00" },                                     /* stray */
    { "e2", "in", "2026-07-31", "16:30" }, { "e2", "out", "2026-07-31", "18:00" },
    { "e2", "in", "2026-08-01", "09:00" },                                      /* after the period */
  };
  g_autofree char *voided = NULL;
  g_autofree char *rec = NULL;
  JsonObject *f;

  g_assert_no_error (error);
  yi_clock_set_now ("2026-06-01T00:00:00Z", NULL);
  f = json_object_new ();
  json_object_set_string_member (f, "name", "E1");
  json_object_set_string_member (f, "gender", "F");
  json_object_set_string_member (f, "birth_date", "1946-07-31");   /* 80 on the last day */
  g_assert_true (yi_store_put_entity (s, "elders", e1, f, &error));
  json_object_unref (f);
  f = json_object_new ();
  json_object_set_string_member (f, "name", "E2");
  json_object_set_string_member (f, "gender", "M");
  json_object_set_string_member (f, "birth_date", "1946-08-01");   /* still 79 */
  g_assert_true (yi_store_put_entity (s, "elders", e2, f, &error));
  json_object_unref (f);
  f = json_object_new ();
  json_object_set_string_member (f, "code", "bath");
  json_object_set_string_member (f, "name_zh", "助浴");
  json_object_set_string_member (f, "name_en", "Bathing");
  json_object_set_string_member (f, "category", "bath");
  g_assert_true (yi_store_put_entity (s, "service_types", st, f, &error));
  json_object_unref (f);
  yi_clock_set_offset (0);

  for (guint i = 0; i < G_N_ELEMENTS (taps); i++)
    {
      int hh, mm;
      g_autofree char *at = NULL;
      g_autofree char *id = NULL;

      sscanf (taps[i][3], "%d:%d", &hh, &mm);
      at = yi_test_at (taps[i][2], hh, mm);
      f = json_object_new ();
      json_object_set_string_member (f, "elder_id", strcmp (taps[i][0], "e1") == 0 ? e1 : e2);
      json_object_set_string_member (f, "kind", taps[i][1]);
      json_object_set_string_member (f, "method", "card");
      json_object_set_string_member (f, "at", at);
      id = yi_store_append_event (s, "attendance", f, &error);
      g_assert_no_error (error);
      json_object_unref (f);
    }
  /* a check-in recorded by mistake and cancelled */
  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", e1);
  json_object_set_string_member (f, "kind", "in");
  json_object_set_string_member (f, "method", "manual");
  json_object_set_string_member (f, "at", "2026-07-03T02:00:00.000Z");
  voided = yi_store_append_event (s, "attendance", f, &error);
  json_object_unref (f);
  g_free (yi_store_void_event (s, "attendance", voided, "录错了", &error));
  g_assert_no_error (error);

  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", e1);
  json_object_set_string_member (f, "service_type_id", st);
  json_object_set_string_member (f, "started_at", "2026-07-01T02:00:00.000Z");
  json_object_set_int_member (f, "duration_min", 45);
  json_object_set_int_member (f, "price_fen", 0);
  json_object_set_string_member (f, "at", "2026-07-01T02:00:00.000Z");
  rec = yi_store_append_event (s, "service_records", f, &error);
  json_object_unref (f);
  f = json_object_new ();
  json_object_set_string_member (f, "service_record_id", rec);
  json_object_set_string_member (f, "method", "tap");
  json_object_set_int_member (f, "rating", 5);
  json_object_set_string_member (f, "at", "2026-07-01T03:00:00.000Z");
  g_free (yi_store_append_event (s, "service_confirmations", f, &error));
  json_object_unref (f);
  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", e2);
  json_object_set_int_member (f, "rating", 3);
  json_object_set_string_member (f, "at", "2026-07-05T03:00:00.000Z");
  g_free (yi_store_append_event (s, "feedback", f, &error));
  json_object_unref (f);
  g_assert_no_error (error);

  r = test_reports_compute (s, "2026-07-01", "2026-07-31");
  g_assert_cmpint (yi_report_get_value (r, "elders_age", "80_89", "female"), ==, 1);
  g_assert_cmpint (yi_report_get_value (r, "elders_age", "70_79", "male"), ==, 1);
  g_assert_cmpfloat (yi_report_get_number (r, "elders_summary", "age_80_plus", "share"), ==, 50.0);
  g_assert_cmpint (yi_report_get_value (r, "attendance_summary", "total", "visits"), ==, 3);
  g_assert_cmpint (yi_report_get_value (r, "attendance_summary", "total", "elders"), ==, 2);
  g_assert_cmpint (yi_report_get_value (r, "attendance_summary", "total", "days"), ==, 3);
  /* 150 + 120 + 90 minutes */
  g_assert_cmpint (yi_report_get_value (r, "attendance_summary", "total", "hours"), ==, 360);
  g_assert_cmpfloat (yi_report_get_number (r, "attendance_summary", "total", "hours"), ==, 6.0);
  g_assert_cmpint (yi_report_get_value (r, "attendance_daily", "2026-07-01", "hours"), ==, 270);
  g_assert_cmpint (yi_report_get_value (r, "services_by_type", "bath", "hours"), ==, 45);
  g_assert_cmpint (yi_report_get_value (r, "services_by_tier", "free", "count"), ==, 1);
  g_assert_cmpfloat (yi_report_get_number (r, "satisfaction", "total", "rate"), ==, 50.0);
  g_assert_true (isnan (yi_report_get_number (r, "vitals_by_kind", "total", "alert_rate")));
}

static void
test_district_sum (void)
{
  g_autoptr(YiReport) ra = NULL;
  g_autoptr(YiReport) rb = NULL;
  g_autoptr(YiReport) ru = NULL;
  g_autoptr(YiReport) sum = yi_report_new ("区合计", FROM, TO);
  g_autoptr(YiReport) other = yi_report_new ("x", "2026-07-01", "2026-07-31");
  g_autoptr(GError) error = NULL;
  GPtrArray *tables;
  double rate_a, rate_b, rate_sum;

  stores.b = open_store ("b.db");
  generate (stores.b, &centre_b);
  stores.u = open_store ("u.db");
  generate (stores.u, &test_reports_centre_a);
  generate (stores.u, &centre_b);

  ra = test_reports_compute (test_reports_store_a (), FROM, TO);
  rb = test_reports_compute (stores.b, FROM, TO);
  ru = test_reports_compute (stores.u, FROM, TO);
  g_assert_true (yi_report_add (sum, ra, &error));
  g_assert_true (yi_report_add (sum, rb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yi_report_get_n_centres (sum), ==, 2);
  g_assert_false (yi_report_add (other, ra, &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_MISMATCH);

  tables = yi_report_get_tables (ru);
  for (guint i = 0; i < tables->len; i++)
    {
      YiReportTable *tu = tables->pdata[i];
      YiReportTable *ts = yi_report_get_table (sum, yi_report_table_get_id (tu));

      g_assert_cmpuint (yi_report_table_get_n_rows (ts), ==, yi_report_table_get_n_rows (tu));
      for (guint row = 0; row < yi_report_table_get_n_rows (tu); row++)
        {
          g_assert_cmpstr (yi_report_table_get_row_key (ts, row), ==, yi_report_table_get_row_key (tu, row));
          for (guint c = 0; c < yi_report_table_get_n_columns (tu); c++)
            {
              const char *col = yi_report_table_get_column_id (tu, c);

              /* Days with attendance add up to centre-days in a district,
               * where one store counts each date once. */
              if (strcmp (col, "open_days") == 0 || strcmp (col, "per_day") == 0)
                continue;
              if (yi_report_table_get_raw (ts, row, c) != yi_report_table_get_raw (tu, row, c) ||
                  !(yi_report_table_get_number (ts, row, c) == yi_report_table_get_number (tu, row, c) ||
                    (isnan (yi_report_table_get_number (ts, row, c)) && isnan (yi_report_table_get_number (tu, row, c)))))
                g_error ("district sum differs from the union: %s / %s / %s",
                         yi_report_table_get_id (tu), yi_report_table_get_row_key (tu, row), col);
            }
        }
    }

  /* Rates of the sum come from the summed counts, not from averaging. */
  rate_a = yi_report_get_number (ra, "satisfaction", "total", "rate");
  rate_b = yi_report_get_number (rb, "satisfaction", "total", "rate");
  rate_sum = yi_report_get_number (sum, "satisfaction", "total", "rate");
  g_assert_cmpfloat_with_epsilon (rate_sum,
                                  100.0 * yi_report_get_value (sum, "satisfaction", "total", "satisfied")
                                  / yi_report_get_value (sum, "satisfaction", "total", "ratings"), 1e-9);
  g_assert_cmpfloat (fabs (rate_sum - (rate_a + rate_b) / 2), >, 1e-6);
  g_assert_cmpint (yi_report_get_value (sum, "attendance_summary", "total", "open_days"), ==,
                   yi_report_get_value (ra, "attendance_summary", "total", "open_days") +
                   yi_report_get_value (rb, "attendance_summary", "total", "open_days"));
}

static void
test_periods (void)
{
  g_autoptr(GError) error = NULL;
  struct { const char *spec, *from, *to; } ok[] = {
    { "this-month", "2026-02-01", "2026-02-28" },
    { "last-month", "2026-01-01", "2026-01-31" },
    { "this-quarter", "2026-01-01", "2026-03-31" },
    { "last-quarter", "2025-10-01", "2025-12-31" },
    { "this-year", "2026-01-01", "2026-12-31" },
    { "last-year", "2025-01-01", "2025-12-31" },
    { "2026Q3", "2026-07-01", "2026-09-30" },
    { "2024", "2024-01-01", "2024-12-31" },
    { "2024-02", "2024-02-01", "2024-02-29" },
  };
  const char *bad[] = { "2026Q5", "yesterday", "26Q1", "2026-13", "" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      g_assert_true (yi_report_period_parse (ok[i].spec, "2026-02-14", &from, &to, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (from, ==, ok[i].from);
      g_assert_cmpstr (to, ==, ok[i].to);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      g_assert_false (yi_report_period_parse (bad[i], "2026-02-14", &from, &to, &error));
      g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD);
      g_clear_error (&error);
    }
  {
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;

    g_assert_true (yi_report_period_parse ("last-month", "2026-01-10", &from, &to, &error));
    g_assert_cmpstr (from, ==, "2025-12-01");
  }
  g_assert_false (yi_report_period_check ("2026-08-01", "2026-07-01", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD);
  g_clear_error (&error);
  g_assert_false (yi_report_period_check ("2026-02-30", "2026-03-01", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD);
  g_clear_error (&error);
  g_assert_null (yi_report_compute (test_reports_store_a (), "2026-07-01", "tomorrow", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD);
}

static void
teardown_stores (void)
{
  YiStore **all[] = { &stores.a, &stores.b, &stores.u };
  GDir *dir;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_object (all[i]);
  dir = g_dir_open (stores.dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (stores.dir, name, NULL);
      g_unlink (path);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (stores.dir);
  g_free (stores.dir);
}

int
main (int argc, char **argv)
{
  g_autofree char *po = NULL;
  int rc;

  /* The exports are checked as a Chinese office sees them. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  stores.dir = g_dir_make_tmp ("yiyang-reports-XXXXXX", NULL);

  g_test_add_func ("/reports/periods", test_periods);
  g_test_add_func ("/reports/small-exact", test_small_exact);
  g_test_add_func ("/reports/figures-match-sql", test_figures_match_sql);
  g_test_add_func ("/reports/district-sum", test_district_sum);
  test_reports_add_export_tests ();
  rc = g_test_run ();
  teardown_stores ();
  return rc;
}
