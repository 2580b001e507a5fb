#pragma once

#include <cairo.h>

#include "yi-store.h"

G_BEGIN_DECLS

/* The kitchen's sheet for one day, drawn with cairo alone so that the big
 * screen in the kitchen, the printed page and the tests share it. */

/* The orders of @date by meal and diet (堂食, 送餐, total), at body text
 * size @size, from (x, y) and @width wide.  Returns the height used. */
double    yi_kitchen_draw_counts  (YiStore     *store,
                                   const char  *date,
                                   cairo_t     *cr,
                                   double       x,
                                   double       y,
                                   double       width,
                                   double       size,
                                   GError     **error);
/* The delivery round of @date in route order, with address and phone,
 * stopping (with a note of how many are left) at @max_height. */
double    yi_kitchen_draw_delivery (YiStore     *store,
                                    const char  *date,
                                    cairo_t     *cr,
                                    double       x,
                                    double       y,
                                    double       width,
                                    double       max_height,
                                    double       size,
                                    GError     **error);
/* A whole printed page: title, counts and the delivery round. */
gboolean  yi_kitchen_draw_page    (YiStore     *store,
                                   const char  *date,
                                   cairo_t     *cr,
                                   double       width,
                                   double       height,
                                   GError     **error);
/* The page as an A4 PDF (or a PNG at 150 dpi when @path ends in .png). */
gboolean  yi_kitchen_save_page    (YiStore     *store,
                                   const char  *date,
                                   const char  *path,
                                   GError     **error);

G_END_DECLS
