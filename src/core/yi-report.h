#pragma once

#include <json-glib/json-glib.h>

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_REPORT_ERROR (yi_report_error_quark ())

typedef enum {
  YI_REPORT_ERROR_BAD_PERIOD,
  YI_REPORT_ERROR_MISMATCH,
  YI_REPORT_ERROR_WRITE,
} YiReportError;

GQuark yi_report_error_quark (void);

/* How a column's raw integers are meant.  Minutes are shown as hours and
 * fen as yuan; percent and ratio columns hold nothing of their own and are
 * worked out from two other columns whenever they are read, so a sum of
 * reports never averages percentages. */
typedef enum {
  YI_REPORT_VALUE_COUNT,
  YI_REPORT_VALUE_MINUTES,
  YI_REPORT_VALUE_FEN,
  YI_REPORT_VALUE_PERCENT,
  YI_REPORT_VALUE_RATIO,
} YiReportValueKind;

typedef enum {
  YI_REPORT_FORMAT_XLSX,
  YI_REPORT_FORMAT_CSV,
  YI_REPORT_FORMAT_PDF,
} YiReportFormat;

typedef struct _YiReportTable YiReportTable;

#define YI_TYPE_REPORT (yi_report_get_type ())
G_DECLARE_FINAL_TYPE (YiReport, yi_report, YI, REPORT, GObject)

/* Periods.  Dates are the centre's local dates, YYYY-MM-DD, both ends
 * included.  @spec is this-month, last-month, this-quarter, last-quarter,
 * this-year, last-year, 2026 (a year), 2026Q3 (a quarter) or 2026-07 (a
 * month); @today anchors the relative ones. */
gboolean       yi_report_period_parse       (const char  *spec,
                                             const char  *today,
                                             char       **from,
                                             char       **to,
                                             GError     **error);
gboolean       yi_report_period_check       (const char  *from,
                                             const char  *to,
                                             GError     **error);
char          *yi_report_period_label       (const char  *from,
                                             const char  *to);

/* Every statistic of the civil-affairs report over one store (a kiosk's, or
 * one centre's mirror at the district). */
YiReport      *yi_report_compute            (YiStore     *store,
                                             const char  *from,
                                             const char  *to,
                                             GError     **error);
/* An empty report with every fixed row in place, to sum centres into. */
YiReport      *yi_report_new                (const char  *title,
                                             const char  *from,
                                             const char  *to);
/* Adds @other's figures into @self (district total = sum of centres).
 * Both must cover the same period. */
gboolean       yi_report_add                (YiReport    *self,
                                             YiReport    *other,
                                             GError     **error);
JsonNode      *yi_report_to_json            (YiReport    *self);
char          *yi_report_to_json_string     (YiReport    *self);

const char    *yi_report_get_title          (YiReport    *self);
void           yi_report_set_title          (YiReport    *self,
                                             const char  *title);
const char    *yi_report_get_from           (YiReport    *self);
const char    *yi_report_get_to             (YiReport    *self);
/* UTC time the figures were read, ISO 8601. */
const char    *yi_report_get_generated_at   (YiReport    *self);
guint          yi_report_get_n_centres      (YiReport    *self);

/* Tables, in the order they are printed.  Table ids: elders_age,
 * elders_summary, elders_category, attendance_summary, attendance_daily,
 * meals_by_meal, meals_by_diet, meals_daily, services_by_type,
 * services_by_tier, services_money, activities_by_kind, volunteers,
 * vitals_by_kind, welfare_calls, satisfaction, satisfaction_trend. */
GPtrArray     *yi_report_get_tables         (YiReport    *self);
YiReportTable *yi_report_get_table          (YiReport    *self,
                                             const char  *table_id);
/* A raw integer (count, minutes or fen); 0 when the row is absent. */
gint64         yi_report_get_value          (YiReport    *self,
                                             const char  *table_id,
                                             const char  *row_key,
                                             const char  *column_id);
/* The value as shown: hours, yuan, percent (0–100) or ratio; NaN when a
 * percent or ratio has a zero denominator. */
double         yi_report_get_number         (YiReport    *self,
                                             const char  *table_id,
                                             const char  *row_key,
                                             const char  *column_id);
/* The value as printed (see yi_report_table_format_cell); "—" when the
 * row is absent. */
char          *yi_report_format_value       (YiReport    *self,
                                             const char  *table_id,
                                             const char  *row_key,
                                             const char  *column_id);

const char    *yi_report_table_get_id       (YiReportTable *table);
const char    *yi_report_table_get_section  (YiReportTable *table);
const char    *yi_report_table_get_title    (YiReportTable *table);
const char    *yi_report_table_get_row_header (YiReportTable *table);
/* A note printed under the table (a definition or a target), or NULL. */
const char    *yi_report_table_get_note     (YiReportTable *table);
/* Daily and weekly series are left out of the printed report. */
gboolean       yi_report_table_is_series    (YiReportTable *table);
guint          yi_report_table_get_n_columns (YiReportTable *table);
const char    *yi_report_table_get_column_id (YiReportTable *table,
                                              guint          column);
const char    *yi_report_table_get_column_title (YiReportTable *table,
                                                 guint          column);
YiReportValueKind yi_report_table_get_column_kind (YiReportTable *table,
                                                   guint          column);
guint          yi_report_table_get_n_rows   (YiReportTable *table);
const char    *yi_report_table_get_row_key  (YiReportTable *table,
                                             guint          row);
const char    *yi_report_table_get_row_label (YiReportTable *table,
                                              guint          row);
/* TRUE for a total row (printed in bold). */
gboolean       yi_report_table_row_is_total (YiReportTable *table,
                                             guint          row);
gint64         yi_report_table_get_raw      (YiReportTable *table,
                                             guint          row,
                                             guint          column);
double         yi_report_table_get_number   (YiReportTable *table,
                                             guint          row,
                                             guint          column);
/* The number as text for a printed table: "12", "3.5", "96.2%", "—". */
char          *yi_report_table_format_cell  (YiReportTable *table,
                                             guint          row,
                                             guint          column);

/* Sections, in order: elders, attendance, meals, services, activities,
 * health, care.  The title is translated. */
const char *const *yi_report_sections       (void);
const char    *yi_report_section_title      (const char  *section);

/* Exports.  Files are written beside @path and renamed into place, so a
 * failed export never leaves half a file under the requested name. */
gboolean       yi_report_format_parse       (const char      *name,
                                             YiReportFormat  *format,
                                             GError         **error);
gboolean       yi_report_export             (YiReport        *self,
                                             YiReportFormat   format,
                                             const char      *path,
                                             GError         **error);
gboolean       yi_report_write_csv          (YiReport    *self,
                                             const char  *path,
                                             GError     **error);
gboolean       yi_report_write_xlsx         (YiReport    *self,
                                             const char  *path,
                                             GError     **error);
gboolean       yi_report_write_pdf          (YiReport    *self,
                                             const char  *path,
                                             GError     **error);

G_END_DECLS
