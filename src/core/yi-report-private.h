#pragma once

#include "yi-report.h"

G_BEGIN_DECLS

/* Building a report's tables (the computation and the layout only). */

YiReport      *yi_report_new_empty          (const char        *title,
                                             const char        *from,
                                             const char        *to);
YiReportTable *yi_report_add_table          (YiReport          *self,
                                             const char        *id,
                                             const char        *section,
                                             const char        *title,
                                             const char        *row_header,
                                             gboolean           series);
void           yi_report_table_set_note     (YiReportTable     *table,
                                             const char        *note);
void           yi_report_table_add_column   (YiReportTable     *table,
                                             const char        *id,
                                             const char        *title,
                                             YiReportValueKind  kind);
/* A percent or ratio column: @num / @den of the same row, or of the table's
 * total row when @den_from_total. */
void           yi_report_table_add_derived  (YiReportTable     *table,
                                             const char        *id,
                                             const char        *title,
                                             YiReportValueKind  kind,
                                             const char        *num,
                                             const char        *den,
                                             gboolean           den_from_total);
/* Rows keep the order they were made in; rows made later go before the
 * total rows.  Returns the row index. */
guint          yi_report_table_ensure_row   (YiReportTable     *table,
                                             const char        *key,
                                             const char        *label,
                                             gboolean           total);
void           yi_report_table_add_value    (YiReportTable     *table,
                                             const char        *row_key,
                                             const char        *column_id,
                                             gint64             delta);
void           yi_report_set_n_centres      (YiReport          *self,
                                             guint              n);
void           yi_report_set_generated_at   (YiReport          *self,
                                             const char        *utc);

/* The fixed layout every report starts from (yi-report-compute.c). */
void           yi_report_build_layout       (YiReport          *self);
const char    *yi_report_tier_label         (const char        *tier);
const char    *yi_report_activity_label     (const char        *kind);
/* A column title for an export, with its unit. */
char          *yi_report_column_heading     (YiReportTable     *table,
                                             guint              column);
/* Week (from Monday) when the period is up to 92 days, else month. */
gboolean       yi_report_trend_is_weekly    (const char        *from,
                                             const char        *to);

/* For the exports: the centre name and period as one line, and a
 * file-safe temporary name beside @path. */
char          *yi_report_heading            (YiReport          *self);
char          *yi_report_temp_path          (const char        *path);
gboolean       yi_report_commit_file        (const char        *temp_path,
                                             const char        *path,
                                             GError           **error);

G_END_DECLS
