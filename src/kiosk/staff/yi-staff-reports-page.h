#pragma once

#include <gtk/gtk.h>

#include "yi-report.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_STAFF_REPORTS_PAGE (yi_staff_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffReportsPage, yi_staff_reports_page, YI, STAFF_REPORTS_PAGE, GtkWidget)

/* The statistics reports (统计报表) of staff mode: a period picker, the
 * figures as charts and tables, and exports to Excel, CSV and PDF.  Only
 * totals are shown, never a single elder; the embedding code decides which
 * roles may open it.  Figures are worked out in a worker thread on its own
 * connection to the database, so the screen never stalls; the first time
 * the page is shown it counts the current month. */
GtkWidget  *yi_staff_reports_page_new            (YiStore            *store);

/* Where the export buttons write without asking (a USB stick or a reports
 * folder).  NULL: they ask where to save. */
void        yi_staff_reports_page_set_export_dir (YiStaffReportsPage *self,
                                                  const char         *dir);
const char *yi_staff_reports_page_get_export_dir (YiStaffReportsPage *self);

/* Counts the chosen period again (records may have been added since). */
void        yi_staff_reports_page_refresh        (YiStaffReportsPage *self);
/* The report on screen, or NULL before the first one is ready. */
YiReport   *yi_staff_reports_page_get_report     (YiStaffReportsPage *self);
/* TRUE while figures are being worked out or a file written. */
gboolean    yi_staff_reports_page_get_busy       (YiStaffReportsPage *self);

G_END_DECLS
