#pragma once

#include <cairo.h>

#include "yi-report.h"

G_BEGIN_DECLS

typedef enum {
  YI_REPORT_CHART_ATTENDANCE,     /* participant-visits per day, bars */
  YI_REPORT_CHART_MEALS,          /* meals per day, at the centre and delivered, stacked bars */
  YI_REPORT_CHART_AGE_PYRAMID,    /* elders by age band, men left and women right */
  YI_REPORT_CHART_SERVICES,       /* services by type, horizontal bars */
  YI_REPORT_CHART_SATISFACTION,   /* satisfaction rate per week or month against the 95% target */
} YiReportChart;

const char *yi_report_chart_title    (YiReportChart  chart);

/* Draws @chart of @report, with its title, inside the rectangle.  Needs
 * only cairo, so the PDF export and the kiosk's screen share it; units are
 * the cairo user units of @cr (points in a PDF, pixels on screen). */
void        yi_report_draw_chart     (YiReport      *report,
                                      YiReportChart  chart,
                                      cairo_t       *cr,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         height);

/* Text helper shared with the PDF layout: draws @text with its top-left
 * (align 0), top-centre (0.5) or top-right (1) at (x, y), at most @width
 * wide (0: no limit), and returns its height. */
double      yi_report_draw_text      (cairo_t       *cr,
                                      const char    *text,
                                      double         x,
                                      double         y,
                                      double         width,
                                      double         size,
                                      gboolean       bold,
                                      double         align);
double      yi_report_text_width     (cairo_t       *cr,
                                      const char    *text,
                                      double         size,
                                      gboolean       bold);
double      yi_report_text_height    (cairo_t       *cr,
                                      const char    *text,
                                      double         width,
                                      double         size,
                                      gboolean       bold);

G_END_DECLS
