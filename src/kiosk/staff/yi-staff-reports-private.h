#pragma once

#include <gtk/gtk.h>

#include "yi-report.h"

G_BEGIN_DECLS

/* One table of the report for the touch screen: its title, a warning when
 * the satisfaction target was missed, a grid with totals in bold, and its
 * note. */
GtkWidget  *yi_staff_reports_table_new        (YiReport       *report,
                                               YiReportTable  *table);
/* The satisfaction rate of @report is below the 95% target. */
gboolean    yi_staff_reports_missed_target    (YiReport       *report);
/* "幸福里社区日间照料中心-2026年7月.xlsx": the centre, the period, the format. */
char       *yi_staff_reports_file_name        (YiReport       *report,
                                               YiReportFormat  format);
const char *yi_staff_reports_format_extension (YiReportFormat  format);
/* @dir/@name, or "name (2).ext" and so on when that file is already there,
 * so an export never replaces an earlier one. */
char       *yi_staff_reports_unique_path      (const char     *dir,
                                               const char     *name);
/* Counts the report of [@from, @to] in a worker thread, on a connection of
 * its own to @store's database.  A cancelled request finishes with
 * G_IO_ERROR_CANCELLED whatever the thread found. */
void        yi_staff_reports_compute_async    (gpointer             source,
                                               YiStore             *store,
                                               const char          *from,
                                               const char          *to,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
YiReport   *yi_staff_reports_compute_finish   (GAsyncResult        *result,
                                               GError             **error);
/* Writes @report as @format to @path in a worker thread; finish gives the
 * path written. */
void        yi_staff_reports_export_async     (gpointer             source,
                                               YiReport            *report,
                                               YiReportFormat       format,
                                               const char          *path,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char       *yi_staff_reports_export_finish    (GAsyncResult        *result,
                                               GError             **error);
/* A save dialog for @format only, offering the report's file name in
 * @folder (when it is there). */
GtkFileChooserNative *yi_staff_reports_save_dialog_new (GtkWidget      *parent,
                                                        YiReport       *report,
                                                        YiReportFormat  format,
                                                        const char     *folder);
/* The chosen file, with the format's ending added when the name typed
 * lacks it; NULL when nothing was chosen. */
char       *yi_staff_reports_save_dialog_get_path (GtkFileChooserNative *dialog,
                                                   YiReportFormat        format);
/* Accepts YYYY-MM-DD and, for the number pad, YYYYMMDD; gives YYYY-MM-DD. */
char       *yi_staff_reports_parse_date       (const char     *text,
                                               GError        **error);

G_END_DECLS
