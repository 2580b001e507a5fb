#pragma once

#include "yi-report-private.h"

G_BEGIN_DECLS

/* Shared by yi-report-compute.c and yi-report-compute-care.c only. */

#define NOT_VOID(alias) "NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = " alias ".id)"

typedef struct {
  YiStore    *store;
  YiReport   *report;
  const char *from;
  const char *to;
  char       *end_utc;
  GTimeZone  *tz;
  char       *closes_at;
  GHashTable *voided;     /* ids of every cancelled record */
} YiReportCtx;

/* Sums per key, counted in C from the rows instead of with GROUP BY:
 * SQLite sorted every row by its text key for that, which cost more than
 * reading the rows.  yi_report_sorted_keys() hands the keys out in the
 * order GROUP BY gave them, so a table's rows are made in the same order. */
typedef struct {
  gint64 n[3];
  gint64 elders;
} YiReportSums;

/* Prepares @sql with ?1 = first day, ?2 = last day, ?3 (if used) = the
 * next local midnight after the last day, in UTC. */
sqlite3_stmt  *yi_report_query          (YiReportCtx   *ctx,
                                         const char    *sql,
                                         GError       **error);
gboolean       yi_report_step_done      (YiReportCtx   *ctx,
                                         int            rc,
                                         GError       **error);
const char    *yi_report_col_text       (sqlite3_stmt  *stmt,
                                         int            i);
guint          yi_report_id_hash        (gconstpointer  key);
/* TRUE when the id in @column names a cancelled record. */
gboolean       yi_report_is_voided      (YiReportCtx   *ctx,
                                         sqlite3_stmt  *stmt,
                                         int            column);
GHashTable    *yi_report_sums_new       (void);
YiReportSums  *yi_report_sums_for       (GHashTable    *groups,
                                         const char    *key);
const char   **yi_report_sorted_keys    (GHashTable    *groups,
                                         guint         *n);

gboolean       yi_report_compute_activities      (YiReportCtx  *ctx,
                                                  GError      **error);
gboolean       yi_report_compute_health_and_care (YiReportCtx  *ctx,
                                                  GError      **error);

G_END_DECLS
