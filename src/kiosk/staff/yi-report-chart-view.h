#pragma once

#include <gtk/gtk.h>

#include "yi-report-charts.h"

G_BEGIN_DECLS

#define YI_TYPE_REPORT_CHART (yi_report_chart_get_type ())
GType yi_report_chart_get_type (void);

#define YI_TYPE_REPORT_CHART_VIEW (yi_report_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (YiReportChartView, yi_report_chart_view, YI, REPORT_CHART_VIEW, GtkWidget)

/* One chart of a report, drawn by the same cairo code as the printed PDF
 * but scaled up so that its words read at arm's length on the touch
 * screen.  Its accessible label says in words what the chart shows. */
GtkWidget     *yi_report_chart_view_new             (YiReportChart      chart);
void           yi_report_chart_view_set_report      (YiReportChartView *self,
                                                     YiReport          *report);
YiReport      *yi_report_chart_view_get_report      (YiReportChartView *self);
YiReportChart  yi_report_chart_view_get_chart       (YiReportChartView *self);
/* The accessible label: the chart's title and its main figures. */
const char    *yi_report_chart_view_get_description (YiReportChartView *self);

G_END_DECLS
