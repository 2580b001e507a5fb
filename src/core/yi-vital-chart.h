#pragma once

#include <cairo.h>

#include "yi-care.h"

G_BEGIN_DECLS

/* One elder's trend of one kind of reading (YiVitalReading, oldest
 * first) between two local dates, with the normal band shaded; blood
 * pressure as two lines, systolic and diastolic, each with its band.
 * Cairo only: the staff screen draws it in a GtkDrawingArea, tests into
 * an image. */
void   yi_vital_chart_draw   (cairo_t     *cr,
                              double       x,
                              double       y,
                              double       width,
                              double       height,
                              YiVitalKind  kind,
                              GPtrArray   *readings,
                              const char  *from_date,
                              const char  *to_date,
                              const double band[4],
                              double       font_size);

G_END_DECLS
