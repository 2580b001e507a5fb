#include "config.h"

#include "yi-report-compute-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The activities, volunteers, health, welfare-call and satisfaction
 * figures of the report (see yi-report-compute.c for the rest). */

gboolean
yi_report_compute_activities (YiReportCtx  *ctx,
                              GError      **error)
{
  YiReportTable *acts = yi_report_get_table (ctx->report, "activities_by_kind");
  YiReportTable *vol = yi_report_get_table (ctx->report, "volunteers");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = yi_report_query (ctx,
                "SELECT COALESCE(a.kind, 'other'),"
                "  count(DISTINCT aa.activity_id || '|' || aa.session_date),"
                "  count(DISTINCT aa.activity_id || '|' || aa.session_date || '|' || aa.elder_id)"
                " FROM activity_attendance aa LEFT JOIN activities a ON a.id = aa.activity_id"
                " WHERE aa.session_date BETWEEN ?1 AND ?2 AND " NOT_VOID ("aa")
                " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = yi_report_col_text (stmt, 0);

      yi_report_table_ensure_row (acts, kind, yi_report_activity_label (kind), FALSE);
      for (guint i = 0; i < 2; i++)
        {
          const char *row = i == 0 ? kind : "total";

          yi_report_table_add_value (acts, row, "sessions", sqlite3_column_int64 (stmt, 1));
          yi_report_table_add_value (acts, row, "participants", sqlite3_column_int64 (stmt, 2));
        }
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = yi_report_query (ctx,
                "SELECT (SELECT count(*) FROM volunteers WHERE active = 1 AND registered_on <= ?2),"
                "  count(DISTINCT h.volunteer_id), COALESCE(sum(h.minutes), 0)"
                " FROM volunteer_hours h"
                " WHERE h.served_on BETWEEN ?1 AND ?2 AND " NOT_VOID ("h"), error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      yi_report_table_add_value (vol, "total", "registered", sqlite3_column_int64 (stmt, 0));
      yi_report_table_add_value (vol, "total", "served", sqlite3_column_int64 (stmt, 1));
      yi_report_table_add_value (vol, "total", "hours", sqlite3_column_int64 (stmt, 2));
      rc = sqlite3_step (stmt);
    }
  yi_report_table_add_value (vol, "total", "elders",
                             yi_report_get_value (ctx->report, "elders_age", "total", "total"));
  return yi_report_step_done (ctx, rc, error);
}

/* Rows of (key, elder, n1, n2…, id), one per record: @cols get the sums
 * per key and in the "total" row, and "elders" the distinct elders per key
 * and overall; cancelled records are left out. */
static gboolean
add_by_elder (YiReportCtx    *ctx,
              YiReportTable  *table,
              const char     *sql,
              const char    **cols,
              guint           n_cols,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_report_query (ctx, sql, error);
  g_autoptr(GHashTable) groups = yi_report_sums_new ();
  g_autoptr(GHashTable) key_elders = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) elders = g_hash_table_new_full (yi_report_id_hash, g_str_equal, g_free, NULL);
  g_autofree const char **keys = NULL;
  guint n_keys;
  int rc;

  g_assert (n_cols <= G_N_ELEMENTS (((YiReportSums *) NULL)->n));
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = yi_report_col_text (stmt, 0);
      const char *elder = yi_report_col_text (stmt, 1);
      g_autofree char *key_elder = NULL;
      YiReportSums *sums;

      if (yi_report_is_voided (ctx, stmt, (int) n_cols + 2))
        continue;
      sums = yi_report_sums_for (groups, key);
      for (guint i = 0; i < n_cols; i++)
        sums->n[i] += sqlite3_column_int64 (stmt, (int) i + 2);
      key_elder = g_strconcat (key, "\037", elder, NULL);
      if (g_hash_table_add (key_elders, g_steal_pointer (&key_elder)))
        sums->elders++;
      if (!g_hash_table_contains (elders, elder))
        g_hash_table_add (elders, g_strdup (elder));
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;

  keys = yi_report_sorted_keys (groups, &n_keys);
  for (guint k = 0; k < n_keys; k++)
    {
      YiReportSums *sums = g_hash_table_lookup (groups, keys[k]);

      for (guint i = 0; i < n_cols; i++)
        {
          yi_report_table_add_value (table, keys[k], cols[i], sums->n[i]);
          yi_report_table_add_value (table, "total", cols[i], sums->n[i]);
        }
      yi_report_table_add_value (table, keys[k], "elders", sums->elders);
    }
  yi_report_table_add_value (table, "total", "elders", g_hash_table_size (elders));
  return TRUE;
}

gboolean
yi_report_compute_health_and_care (YiReportCtx  *ctx,
                                   GError      **error)
{
  static const char *vital_cols[] = { "taken", "alerts" };
  static const char *call_cols[] = { "calls" };
  YiReportTable *satisfaction = yi_report_get_table (ctx->report, "satisfaction");
  YiReportTable *trend = yi_report_get_table (ctx->report, "satisfaction_trend");
  const char *bucket = yi_report_trend_is_weekly (ctx->from, ctx->to)
                       ? "date(local_date, 'weekday 0', '-6 days')" : "substr(local_date, 1, 7)";
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree const char **keys = NULL;
  guint n_keys;
  int rc;

  if (!add_by_elder (ctx, yi_report_get_table (ctx->report, "vitals_by_kind"),
                     "SELECT kind, elder_id, 1, out_of_range != 0, id FROM vital_signs s"
                     " WHERE s.local_date BETWEEN ?1 AND ?2",
                     vital_cols, G_N_ELEMENTS (vital_cols), error))
    return FALSE;

  if (!add_by_elder (ctx, yi_report_get_table (ctx->report, "welfare_calls"),
                     "SELECT outcome, elder_id, 1, id FROM welfare_calls w"
                     " WHERE w.call_date BETWEEN ?1 AND ?2",
                     call_cols, G_N_ELEMENTS (call_cols), error))
    return FALSE;

  /* Ratings from feedback and from service confirmations (of services
   * not cancelled), by source and by week or month. */
  sql = g_strdup_printf ("SELECT src, %s, rating >= 4, rid, sid FROM ("
                         "  SELECT 'feedback' AS src, f.local_date, f.rating, f.id AS rid, NULL AS sid"
                         "   FROM feedback f WHERE f.local_date BETWEEN ?1 AND ?2"
                         "  UNION ALL"
                         "  SELECT 'confirmations', c.local_date, c.rating, c.id, r.id FROM service_confirmations c"
                         "   JOIN service_records r ON r.id = c.service_record_id"
                         "   WHERE c.rating IS NOT NULL AND c.local_date BETWEEN ?1 AND ?2)", bucket);
  stmt = yi_report_query (ctx, sql, error);
  if (stmt == NULL)
    return FALSE;
  /* by source, then by week or month: "src\037bucket" */
  groups = yi_report_sums_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;
      YiReportSums *sums;

      if (yi_report_is_voided (ctx, stmt, 3) || yi_report_is_voided (ctx, stmt, 4))
        continue;
      key = g_strconcat (yi_report_col_text (stmt, 0), "\037", yi_report_col_text (stmt, 1), NULL);
      sums = yi_report_sums_for (groups, key);
      sums->n[0] += sqlite3_column_int (stmt, 2);
      sums->n[1]++;
    }
  if (!yi_report_step_done (ctx, rc, error))
    return FALSE;
  keys = yi_report_sorted_keys (groups, &n_keys);
  for (guint k = 0; k < n_keys; k++)
    {
      YiReportSums *sums = g_hash_table_lookup (groups, keys[k]);
      g_auto(GStrv) parts = g_strsplit (keys[k], "\037", 2);
      const char *rows[] = { parts[0], "total" };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          yi_report_table_add_value (satisfaction, rows[i], "satisfied", sums->n[0]);
          yi_report_table_add_value (satisfaction, rows[i], "ratings", sums->n[1]);
        }
      yi_report_table_add_value (trend, parts[1], "satisfied", sums->n[0]);
      yi_report_table_add_value (trend, parts[1], "ratings", sums->n[1]);
    }
  return TRUE;
}
