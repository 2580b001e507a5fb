#include "config.h"

#include "yi-report-compute-private.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* Reads every figure of the report with plain SQL over one store.  Every
 * query takes ?1 = first day and ?2 = last day (local dates, inclusive);
 * every event is read only when no row of event_voids names it. */

/* Elders on the register at some time in the period: registered by its
 * last day (?3 is the next local midnight in UTC; an elder first seen at
 * the door counts as registered) and not gone before its first day. */
#define ROLL_CTE \
  "roll AS (SELECT e.id, e.gender, e.birth_date FROM elders e " \
  " WHERE (e.status = 'active' OR e.status_date IS NULL OR e.status_date >= ?1) " \
  "   AND (e.created_at < ?3 OR EXISTS (SELECT 1 FROM attendance a " \
  "        WHERE a.elder_id = e.id AND a.local_date <= ?2)))"

sqlite3_stmt *
yi_report_query (YiReportCtx  *ctx,
                 const char   *sql,
                 GError      **error)
{
  sqlite3_stmt *stmt = yi_store_prepare (ctx->store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ctx->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ctx->to, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, ctx->end_utc, -1, SQLITE_STATIC);
  return stmt;
}

gboolean
yi_report_step_done (YiReportCtx  *ctx,
                     int           rc,
                     GError      **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_SQL,
               C_("report", "Reading the figures for the report failed: %s"),
               sqlite3_errmsg (yi_store_get_db (ctx->store)));
  return FALSE;
}

const char *
yi_report_col_text (sqlite3_stmt *stmt,
                    int           i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);

  return s ? s : "";
}

static const char *
age_band (int age)
{
  if (age < 60)
    return "under_60";
  if (age < 70)
    return "60_69";
  if (age < 80)
    return "70_79";
  if (age < 90)
    return "80_89";
  return "90_plus";
}

static const char *
gender_column (const char *gender)
{
  return g_strcmp0 (gender, "F") == 0 ? "female" : "male";
}

static gboolean
compute_elders (YiReportCtx  *ctx,
                GError      **error)
{
  YiReportTable *age = yi_report_get_table (ctx->report, "elders_age");
  YiReportTable *summary = yi_report_get_table (ctx->report, "elders_summary");
  YiReportTable *cat = yi_report_get_table (ctx->report, "elders_category");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = yi_report_query (ctx, "WITH " ROLL_CTE " SELECT gender, birth_date FROM roll", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *gender = gender_column (yi_report_col_text (stmt, 0));
      int years = yi_age_on (yi_report_col_text (stmt, 1), ctx->to);
      const char *band = age_band (years);

      for (guint i = 0; i < 2; i++)
        {
          const char *row = i == 0 ? band : "total";

          yi_report_table_add_value (age, row, gender, 1);
          yi_report_table_add_value (age, row, "total", 1);
        }
      if (years >= 80)
        {
          yi_report_table_add_value (summary, "age_80_plus", gender, 1);
          yi_report_table_add_value (summary, "age_80_plus", "total", 1);
        }
      yi_report_table_add_value (summary, "all", gender, 1);
      yi_report_table_add_value (summary, "all", "total", 1);
      yi_report_table_add_value (cat, "all", gender, 1);
      yi_report_table_add_value (cat, "all", "total", 1);
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = yi_report_query (ctx,
                "WITH " ROLL_CTE
                " SELECT c.category, r.gender, count(DISTINCT r.id)"
                " FROM roll r JOIN elder_categories c ON c.elder_id = r.id"
                " WHERE c.removed = 0 AND c.valid_from <= ?2"
                "   AND (c.valid_to IS NULL OR c.valid_to >= ?1)"
                " GROUP BY c.category, r.gender", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *category = yi_report_col_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 2);

      yi_report_table_add_value (cat, category, gender_column (yi_report_col_text (stmt, 1)), n);
      yi_report_table_add_value (cat, category, "total", n);
    }
  return yi_report_step_done (ctx, rc, error);
}

/* The centre's closing time on @date, in Unix seconds. */
static gint64
closing_time (YiReportCtx *ctx,
              const char  *date)
{
  int y, m, d, hh = 17, mm = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (!yi_date_parse (date, &y, &m, &d))
    return 0;
  if (sscanf (ctx->closes_at, "%d:%d", &hh, &mm) != 2)
    hh = 17, mm = 0;
  dt = g_date_time_new (ctx->tz, y, m, d, hh, mm, 0);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static int
digits (const char *s,
        int         n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

/* Seconds since the epoch of a UTC time as the store writes it
 * (2026-07-01T01:30:00.000Z); anything else goes through GDateTime. */
static gint64
parse_utc_seconds (const char *s)
{
  int y, mo, d, h, mi, se;
  gint64 us;

  if (strlen (s) >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
      (s[19] == 'Z' || s[19] == '.') && s[strlen (s) - 1] == 'Z' &&
      (y = digits (s, 4)) >= 0 && (mo = digits (s + 5, 2)) >= 1 && (d = digits (s + 8, 2)) >= 1 &&
      (h = digits (s + 11, 2)) >= 0 && (mi = digits (s + 14, 2)) >= 0 && (se = digits (s + 17, 2)) >= 0)
    {
      /* days from civil, proleptic Gregorian */
      int yy = mo <= 2 ? y - 1 : y;
      int era = yy / 400;
      int yoe = yy - era * 400;
      int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
      int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      gint64 days = (gint64) era * 146097 + doe - 719468;

      return days * 86400 + h * 3600 + mi * 60 + se;
    }
  return yi_clock_parse_utc (s, &us) ? us / G_USEC_PER_SEC : 0;
}

static gint64
stay_minutes (gint64 start,
              gint64 end)
{
  return end > start ? (end - start) / 60 : 0;
}

/* Record ids are UUIDs whose last twelve characters are random: hashing
 * those rather than all 36 is enough, and every row of the report is
 * looked up in a set of ids at least once. */
guint
yi_report_id_hash (gconstpointer key)
{
  const char *s = key;
  gsize n = strlen (s);
  guint h = (guint) n;

  for (const char *p = n > 12 ? s + n - 12 : s; *p != '\0'; p++)
    h = h * 31 + (guchar) *p;
  return h;
}

/* Every void is read once: the big tables are filtered against this set
 * in C rather than with a look-up in event_voids per row.  Like
 * NOT_VOID, it goes by the record's id alone. */
static gboolean
load_voided (YiReportCtx  *ctx,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  ctx->voided = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, NULL);
  stmt = yi_report_query (ctx, "SELECT target_id FROM event_voids", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ctx->voided, g_strdup (yi_report_col_text (stmt, 0)));
  return yi_report_step_done (ctx, rc, error);
}

gboolean
yi_report_is_voided (YiReportCtx  *ctx,
                     sqlite3_stmt *stmt,
                     int           column)
{
  return g_hash_table_size (ctx->voided) > 0 &&
         g_hash_table_contains (ctx->voided, yi_report_col_text (stmt, column));
}

YiReportSums *
yi_report_sums_for (GHashTable *groups,
                    const char *key)
{
  YiReportSums *sums = g_hash_table_lookup (groups, key);

  if (sums == NULL)
    {
      sums = g_new0 (YiReportSums, 1);
      g_hash_table_insert (groups, g_strdup (key), sums);
    }
  return sums;
}

GHashTable *
yi_report_sums_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char **
yi_report_sorted_keys (GHashTable *groups,
                       guint      *n)
{
  const char **keys = (const char **) g_hash_table_get_keys_as_array (groups, n);

  qsort (keys, *n, sizeof (char *), compare_keys);
  return keys;
}

/* One pass over the taps, day by day and elder by elder: a check-in lasts
 * until the elder's next tap that day (a check-out, or a new check-in),
 * else until closing time; a check-out with nothing open is ignored. */
static gboolean
compute_attendance (YiReportCtx  *ctx,
                    GError      **error)
{
  YiReportTable *daily = yi_report_get_table (ctx->report, "attendance_daily");
  YiReportTable *summary = yi_report_get_table (ctx->report, "attendance_summary");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) elders = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, NULL);
  char elder[64] = "", date[16] = "";
  gint64 open_since = -1, close_at = 0;
  gint64 visits = 0, days = 0, total_minutes = 0, open_days = 0;
  gint64 day_minutes = 0, day_visits = 0, day_elders = 0;
  gboolean checked_in = FALSE;
  int rc;

  stmt = yi_report_query (ctx,
                "SELECT a.local_date, a.elder_id, a.kind = 'in', a.at, a.id"
                " FROM attendance a"
                " WHERE a.local_date BETWEEN ?1 AND ?2"
                " ORDER BY a.local_date, a.elder_id, a.at", error);
  if (stmt == NULL)
    return FALSE;

  while (TRUE)
    {
      const char *row_date = NULL, *row_elder = NULL;
      gboolean new_day, new_stay;

      do
        rc = sqlite3_step (stmt);
      while (rc == SQLITE_ROW && yi_report_is_voided (ctx, stmt, 4));
      if (rc == SQLITE_ROW)
        {
          row_date = yi_report_col_text (stmt, 0);
          row_elder = yi_report_col_text (stmt, 1);
        }
      new_day = rc != SQLITE_ROW || strcmp (date, row_date) != 0;
      new_stay = new_day || strcmp (elder, row_elder) != 0;

      /* Close the elder's day, then the date. */
      if (new_stay && *elder != '\0')
        {
          if (open_since >= 0)
            day_minutes += stay_minutes (open_since, close_at);
          open_since = -1;
          day_elders += checked_in;
          checked_in = FALSE;
        }
      if (new_day && *date != '\0')
        {
          yi_report_table_add_value (daily, date, "visits", day_visits);
          yi_report_table_add_value (daily, date, "elders", day_elders);
          yi_report_table_add_value (daily, date, "hours", day_minutes);
          visits += day_visits;
          days += day_elders;
          total_minutes += day_minutes;
          open_days += day_visits > 0;
          day_minutes = day_visits = day_elders = 0;
        }
      if (rc != SQLITE_ROW)
        break;
      if (new_day)
        {
          g_strlcpy (date, row_date, sizeof date);
          close_at = closing_time (ctx, date);
        }
      if (new_stay)
        g_strlcpy (elder, row_elder, sizeof elder);

      {
        gint64 at = parse_utc_seconds (yi_report_col_text (stmt, 3));

        if (open_since >= 0)
          day_minutes += stay_minutes (open_since, at);
        open_since = -1;
        if (sqlite3_column_int (stmt, 2))
          {
            /* the elder's first check-in of the day makes a day-care day */
            if (!checked_in && !g_hash_table_contains (elders, elder))
              g_hash_table_add (elders, g_strdup (elder));
            checked_in = TRUE;
            open_since = at;
            day_visits++;
          }
      }
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;

  yi_report_table_add_value (summary, "total", "elders", g_hash_table_size (elders));
  yi_report_table_add_value (summary, "total", "visits", visits);
  yi_report_table_add_value (summary, "total", "days", days);
  yi_report_table_add_value (summary, "total", "hours", total_minutes);
  yi_report_table_add_value (summary, "total", "open_days", open_days);
  return TRUE;
}

typedef struct {
  gint64 entries;
  gint64 copay;
} MealLedger;

/* Co-payments that a reversal (not itself cancelled) takes back. */
static GHashTable *
load_reversed (YiReportCtx  *ctx,
               GError      **error)
{
  g_autoptr(GHashTable) reversed = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* ">= ''" rather than IS NOT NULL, which SQLite answers by reading the
   * whole ledger instead of its ledger_reverses index. */
  stmt = yi_report_query (ctx, "SELECT r.reverses_id, r.id FROM ledger_entries r"
                     " WHERE r.reverses_id >= '' AND r.kind = 'reversal'", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!yi_report_is_voided (ctx, stmt, 1))
      g_hash_table_add (reversed, g_strdup (yi_report_col_text (stmt, 0)));
  if (!yi_report_step_done (ctx, rc, error))
    return NULL;
  return g_steal_pointer (&reversed);
}

/* Allowance debits and co-payments by the record they paid for; a
 * co-payment that a reversal takes back no longer counts.  A meal is paid
 * for when it is ordered or served, so entries more than a week away from
 * the period belong to other meals. */
static GHashTable *
ledger_by_source (YiReportCtx  *ctx,
                  GError      **error)
{
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) reversed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((reversed = load_reversed (ctx, error)) == NULL)
    return NULL;
  stmt = yi_report_query (ctx,
                "SELECT l.source_id, l.kind = 'copay', abs(l.amount_fen), l.id"
                " FROM ledger_entries l"
                " WHERE l.kind IN ('allowance_debit', 'copay') AND l.source_id IS NOT NULL"
                "   AND l.local_date BETWEEN date(?1, '-7 days') AND date(?2, '+7 days')", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *source = yi_report_col_text (stmt, 0);
      MealLedger *m;

      if (yi_report_is_voided (ctx, stmt, 3))
        continue;
      m = g_hash_table_lookup (by_source, source);
      if (m == NULL)
        {
          m = g_new0 (MealLedger, 1);
          g_hash_table_insert (by_source, g_strdup (source), m);
        }
      m->entries++;
      if (sqlite3_column_int (stmt, 1) && !g_hash_table_contains (reversed, yi_report_col_text (stmt, 3)))
        m->copay += sqlite3_column_int64 (stmt, 2);
    }
  if (!yi_report_step_done (ctx, rc, error))
    return NULL;
  return g_steal_pointer (&by_source);
}

static gboolean
compute_meals (YiReportCtx  *ctx,
               GError      **error)
{
  YiReportTable *by_meal = yi_report_get_table (ctx->report, "meals_by_meal");
  YiReportTable *by_diet = yi_report_get_table (ctx->report, "meals_by_diet");
  YiReportTable *daily = yi_report_get_table (ctx->report, "meals_daily");
  g_autoptr(GHashTable) ledger = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((ledger = ledger_by_source (ctx, error)) == NULL)
    return FALSE;
  /* The price is the order's, else the day's menu (plus delivery). */
  stmt = yi_report_query (ctx,
                "SELECT s.id, s.order_id, s.on_date, s.meal, s.mode,"
                "  COALESCE(o.diet, (SELECT diet FROM elders e WHERE e.id = s.elder_id), 'normal'),"
                "  COALESCE(o.price_fen, (SELECT m.price_fen + CASE WHEN s.mode = 'delivery'"
                "                                THEN m.delivery_fen ELSE 0 END"
                "                         FROM menus m WHERE m.on_date = s.on_date AND m.meal = s.meal), 0)"
                " FROM meals_served s"
                " LEFT JOIN meal_orders o ON o.id = s.order_id"
                " WHERE s.on_date BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MealLedger *served;
      MealLedger *ordered;
      const char *date, *meal, *mode, *diet;
      gboolean free_meal;
      const char *cols[3];

      if (yi_report_is_voided (ctx, stmt, 0))
        continue;
      served = g_hash_table_lookup (ledger, yi_report_col_text (stmt, 0));
      ordered = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? NULL
                : g_hash_table_lookup (ledger, yi_report_col_text (stmt, 1));
      date = yi_report_col_text (stmt, 2);
      meal = yi_report_col_text (stmt, 3);
      mode = strcmp (yi_report_col_text (stmt, 4), "delivery") == 0 ? "delivery" : "dine_in";
      diet = yi_report_col_text (stmt, 5);

      /* Free: nothing charged to the elder, by the ledger when it has the
       * meal, otherwise by its price. */
      if (served || ordered)
        free_meal = (served ? served->copay : 0) + (ordered ? ordered->copay : 0) == 0;
      else
        free_meal = sqlite3_column_int64 (stmt, 6) == 0;
      cols[0] = mode;
      cols[1] = "total";
      cols[2] = free_meal ? "free" : "paid";

      for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
        {
          yi_report_table_add_value (by_meal, meal, cols[i], 1);
          yi_report_table_add_value (by_meal, "total", cols[i], 1);
        }
      for (guint i = 0; i < 2; i++)
        {
          yi_report_table_add_value (by_diet, diet, cols[i], 1);
          yi_report_table_add_value (by_diet, "total", cols[i], 1);
          yi_report_table_add_value (daily, date, cols[i], 1);
        }
    }
  return yi_report_step_done (ctx, rc, error);
}

static gboolean
compute_services (YiReportCtx  *ctx,
                  GError      **error)
{
  YiReportTable *by_type = yi_report_get_table (ctx->report, "services_by_type");
  YiReportTable *by_tier = yi_report_get_table (ctx->report, "services_by_tier");
  YiReportTable *money = yi_report_get_table (ctx->report, "services_money");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree const char **keys = NULL;
  guint n_keys;
  int rc;

  /* Every service type of the catalogue gets a row, used or not. */
  stmt = yi_report_query (ctx, "SELECT code, name_zh FROM service_types ORDER BY category, code", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    yi_report_table_ensure_row (by_type, yi_report_col_text (stmt, 0), yi_report_col_text (stmt, 1), FALSE);
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Confirmed services, each with the funding tier of its first ledger
   * entry; summed by type and tier in C (see YiReportSums). */
  stmt = yi_report_query (ctx,
                "SELECT r.id, st.code, st.name_zh, r.duration_min,"
                "  COALESCE((SELECT l.funding_tier FROM ledger_entries l"
                "            WHERE l.source_id = r.id AND l.funding_tier IS NOT NULL"
                "              AND l.kind IN ('allowance_debit', 'copay') AND " NOT_VOID ("l")
                "            ORDER BY l.at, l.id LIMIT 1),"
                "           CASE WHEN r.price_fen = 0 THEN 'free' ELSE 'unrecorded' END)"
                " FROM service_records r JOIN service_types st ON st.id = r.service_type_id"
                " WHERE r.local_date BETWEEN ?1 AND ?2"
                "   AND EXISTS (SELECT 1 FROM service_confirmations c"
                "               WHERE c.service_record_id = r.id AND " NOT_VOID ("c") ")", error);
  if (stmt == NULL)
    return FALSE;
  groups = yi_report_sums_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;
      YiReportSums *sums;

      if (yi_report_is_voided (ctx, stmt, 0))
        continue;
      key = g_strjoin ("\037", yi_report_col_text (stmt, 1), yi_report_col_text (stmt, 2), yi_report_col_text (stmt, 4), NULL);
      sums = yi_report_sums_for (groups, key);
      sums->n[0]++;
      sums->n[1] += sqlite3_column_int64 (stmt, 3);
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  keys = yi_report_sorted_keys (groups, &n_keys);
  for (guint k = 0; k < n_keys; k++)
    {
      YiReportSums *sums = g_hash_table_lookup (groups, keys[k]);
      g_auto(GStrv) parts = g_strsplit (keys[k], "\037", 3);
      const char *code = parts[0];
      const char *tier = parts[2];

      yi_report_table_ensure_row (by_type, code, parts[1], FALSE);
      yi_report_table_ensure_row (by_tier, tier, yi_report_tier_label (tier), FALSE);
      for (guint i = 0; i < 2; i++)
        {
          YiReportTable *t = i == 0 ? by_type : by_tier;
          const char *row = i == 0 ? code : tier;

          yi_report_table_add_value (t, row, "count", sums->n[0]);
          yi_report_table_add_value (t, row, "hours", sums->n[1]);
          yi_report_table_add_value (t, "total", "count", sums->n[0]);
          yi_report_table_add_value (t, "total", "hours", sums->n[1]);
        }
    }

  /* Debits and co-payments dated in the period, less the entries that a
   * reversal dated in the period takes back. */
  {
    gint64 fen[2] = { 0, 0 };       /* subsidy, copay */
    gboolean seen[2] = { FALSE, FALSE };

    stmt = yi_report_query (ctx,
                  "SELECT l.kind = 'copay', abs(l.amount_fen), l.id FROM ledger_entries l"
                  " WHERE l.local_date BETWEEN ?1 AND ?2"
                  "   AND l.kind IN ('allowance_debit', 'copay')", error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      if (!yi_report_is_voided (ctx, stmt, 2))
        {
          int i = sqlite3_column_int (stmt, 0) ? 1 : 0;

          fen[i] += sqlite3_column_int64 (stmt, 1);
          seen[i] = TRUE;
        }
    if (!yi_report_step_done (ctx, rc, error))
      return FALSE;
    g_clear_pointer (&stmt, sqlite3_finalize);
    for (int i = 0; i < 2; i++)
      if (seen[i])
        {
          yi_report_table_add_value (money, "total", i ? "copay" : "subsidy", fen[i]);
          yi_report_table_add_value (money, "total", "total", fen[i]);
        }

    fen[0] = fen[1] = 0;
    seen[0] = seen[1] = FALSE;
    stmt = yi_report_query (ctx,
                  "SELECT o.kind = 'copay', abs(o.amount_fen), r.id, o.id"
                  " FROM ledger_entries r JOIN ledger_entries o ON o.id = r.reverses_id"
                  " WHERE r.kind = 'reversal' AND r.local_date BETWEEN ?1 AND ?2"
                  "   AND o.kind IN ('allowance_debit', 'copay')", error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      if (!yi_report_is_voided (ctx, stmt, 2) && !yi_report_is_voided (ctx, stmt, 3))
        {
          int i = sqlite3_column_int (stmt, 0) ? 1 : 0;

          fen[i] += sqlite3_column_int64 (stmt, 1);
          seen[i] = TRUE;
        }
    if (!yi_report_step_done (ctx, rc, error))
      return FALSE;
    for (int i = 0; i < 2; i++)
      if (seen[i])
        {
          yi_report_table_add_value (money, "total", i ? "copay" : "subsidy", -fen[i]);
          yi_report_table_add_value (money, "total", "total", -fen[i]);
        }
  }
  return TRUE;
}

static gboolean
timed (const char  *what,
       gboolean   (*step) (YiReportCtx *, GError **),
       YiReportCtx         *ctx,
       GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok = step (ctx, error);

  g_debug ("report %s to %s: %s took %.1f ms", ctx->from, ctx->to, what,
           (g_get_monotonic_time () - start) / 1000.0);
  return ok;
}

static char *
next_midnight_utc (const char *to,
                   GTimeZone  *tz)
{
  int y, m, d;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) next = NULL;

  yi_date_parse (to, &y, &m, &d);
  local = g_date_time_new (tz, y, m, d, 0, 0, 0);
  next = g_date_time_add_days (local, 1);
  return yi_clock_format_utc (g_date_time_to_unix (next) * G_USEC_PER_SEC);
}

YiReport *
yi_report_compute (YiStore     *store,
                   const char  *from,
                   const char  *to,
                   GError     **error)
{
  g_autoptr(YiReport) report = NULL;
  g_autofree char *name = NULL;
  g_autofree char *generated = NULL;
  YiReportCtx ctx = { store, NULL, from, to, NULL, yi_store_get_timezone (store), NULL, NULL };
  gboolean ok, own_txn;
  gint64 cache_pages;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (YI_IS_STORE (store), NULL);

  if (!yi_report_period_check (from, to, error))
    return NULL;

  name = yi_store_query_string (store, "SELECT name FROM centre ORDER BY id LIMIT 1", NULL);
  ctx.closes_at = yi_store_query_string (store, "SELECT closes_at FROM centre ORDER BY id LIMIT 1", NULL);
  if (ctx.closes_at == NULL)
    ctx.closes_at = g_strdup ("17:00");
  ctx.end_utc = next_midnight_utc (to, ctx.tz);
  generated = yi_clock_format_utc (yi_clock_now_us ());

  report = yi_report_new_empty (name ? name : C_("report", "Day-care centre"), from, to);
  yi_report_set_generated_at (report, generated);
  yi_report_build_layout (report);
  ctx.report = report;

  /* One read transaction, so every figure comes from the same moment;
   * deferred, so a report never holds up a tap at the door. */
  /* A year of records is read several times over: a bigger page cache
   * for the length of the report saves reading it from the file again. */
  cache_pages = yi_store_count (store, "PRAGMA cache_size", NULL);
  sqlite3_exec (yi_store_get_db (store), "PRAGMA cache_size = -32768", NULL, NULL, NULL);
  own_txn = sqlite3_get_autocommit (yi_store_get_db (store)) &&
            sqlite3_exec (yi_store_get_db (store), "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
  ok = load_voided (&ctx, error) &&
       timed ("elders", compute_elders, &ctx, error) &&
       timed ("attendance", compute_attendance, &ctx, error) &&
       timed ("meals", compute_meals, &ctx, error) &&
       timed ("services", compute_services, &ctx, error) &&
       timed ("activities", yi_report_compute_activities, &ctx, error) &&
       timed ("health and care", yi_report_compute_health_and_care, &ctx, error);
  if (own_txn)
    sqlite3_exec (yi_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_pages);

    sqlite3_exec (yi_store_get_db (store), restore, NULL, NULL, NULL);
  }
  g_debug ("report %s to %s: %.1f ms in all", from, to, (g_get_monotonic_time () - started) / 1000.0);
  g_free (ctx.end_utc);
  g_free (ctx.closes_at);
  g_clear_pointer (&ctx.voided, g_hash_table_unref);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}
