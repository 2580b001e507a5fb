#include "config.h"

#include "yi-kitchen-sheet.h"
#include "yi-kitchen.h"
#include "yi-report-charts.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

/* A4 in points. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 40.0

static void
rule (cairo_t *cr,
      double   x,
      double   y,
      double   width,
      double   line)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, line);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

/* One line of cells; @fracs are the columns' shares of @width, @align
 * each cell's alignment (0 left, 1 right).  Text never spills into the
 * next cell. */
static void
draw_cells (cairo_t           *cr,
            const char *const *cells,
            const double      *fracs,
            const double      *align,
            guint              n,
            double             x,
            double             y,
            double             width,
            double             row_h,
            double             size,
            gboolean           bold)
{
  double cx = x;
  double pad = size * 0.4;

  for (guint i = 0; i < n; i++)
    {
      double w = width * fracs[i];

      cairo_save (cr);
      cairo_rectangle (cr, cx, y, w, row_h);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      yi_report_draw_text (cr, cells[i] ? cells[i] : "", align[i] > 0.5 ? cx + w - pad : cx + pad,
                           y + (row_h - size * 1.3) / 2, 0, size, bold, align[i]);
      cairo_restore (cr);
      cx += w;
    }
}

double
yi_kitchen_draw_counts (YiStore     *store,
                        const char  *date,
                        cairo_t     *cr,
                        double       x,
                        double       y,
                        double       width,
                        double       size,
                        GError     **error)
{
  static const double fracs[] = { 0.40, 0.20, 0.20, 0.20 };
  static const double align[] = { 0, 1, 1, 1 };
  g_autoptr(GPtrArray) counts = yi_kitchen_counts (store, date, error);
  double row_h = size * 1.9;
  double top = y;

  if (counts == NULL)
    return -1;
  if (counts->len == 0)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      return yi_report_draw_text (cr, _("No meals have been ordered for this day."), x, y, width, size, FALSE, 0);
    }
  for (const char *const *meal = yi_meal_codes (); *meal; meal++)
    {
      const char *head[] = { yi_meal_label (*meal), C_("meal", "At the centre"), C_("meal", "Delivered"), C_("meal", "Total") };
      int dine = 0, del = 0;
      gboolean any = FALSE;

      for (guint i = 0; i < counts->len; i++)
        any = any || g_strcmp0 (((YiMealCount *) counts->pdata[i])->meal, *meal) == 0;
      if (!any)
        continue;
      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_rectangle (cr, x, y, width, row_h);
      cairo_fill (cr);
      draw_cells (cr, head, fracs, align, 4, x, y, width, row_h, size, TRUE);
      y += row_h;
      rule (cr, x, y, width, 1.5);
      for (guint i = 0; i < counts->len; i++)
        {
          YiMealCount *c = counts->pdata[i];
          g_autofree char *d = NULL, *v = NULL, *t = NULL;

          if (g_strcmp0 (c->meal, *meal) != 0)
            continue;
          d = g_strdup_printf ("%d", c->dine_in);
          v = g_strdup_printf ("%d", c->delivery);
          t = g_strdup_printf ("%d", c->dine_in + c->delivery);
          dine += c->dine_in;
          del += c->delivery;
          {
            const char *cells[] = { yi_diet_label (c->diet), d, v, t };
            draw_cells (cr, cells, fracs, align, 4, x, y, width, row_h, size, FALSE);
          }
          y += row_h;
          rule (cr, x, y, width, 0.5);
        }
      {
        g_autofree char *d = g_strdup_printf ("%d", dine);
        g_autofree char *v = g_strdup_printf ("%d", del);
        g_autofree char *t = g_strdup_printf ("%d", dine + del);
        const char *cells[] = { C_("meal", "Total"), d, v, t };

        draw_cells (cr, cells, fracs, align, 4, x, y, width, row_h, size, TRUE);
        y += row_h;
        rule (cr, x, y, width, 2);
      }
      y += size;
    }
  return y - top;
}

double
yi_kitchen_draw_delivery (YiStore     *store,
                          const char  *date,
                          cairo_t     *cr,
                          double       x,
                          double       y,
                          double       width,
                          double       max_height,
                          double       size,
                          GError     **error)
{
  static const double fracs[] = { 0.06, 0.14, 0.42, 0.18, 0.12, 0.08 };
  static const double align[] = { 1, 0, 0, 0, 0, 0 };
  const char *head[] = { "#", C_("delivery", "Name"), C_("delivery", "Address"), C_("delivery", "Phone"),
                         C_("delivery", "Diet"), C_("delivery", "Meal") };
  g_autoptr(GPtrArray) list = yi_kitchen_delivery_list (store, date, NULL, error);
  double row_h = size * 1.9;
  double top = y;

  if (list == NULL)
    return -1;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += yi_report_draw_text (cr, _("Delivery round, in route order"), x, y, width, size * 1.2, TRUE, 0) + size * 0.4;
  if (list->len == 0)
    return y - top + yi_report_draw_text (cr, _("Nothing to deliver on this day."), x, y, width, size, FALSE, 0);
  draw_cells (cr, head, fracs, align, G_N_ELEMENTS (head), x, y, width, row_h, size, TRUE);
  y += row_h;
  rule (cr, x, y, width, 1.5);
  for (guint i = 0; i < list->len; i++)
    {
      YiMealOrder *o = list->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *where = g_strdup_printf ("%s%s%s", o->street ? o->street : "",
                                                o->street && o->address ? " " : "", o->address ? o->address : "");
      const char *cells[] = { n, o->name, where, o->phone, yi_diet_label (o->diet), yi_meal_label (o->meal) };

      if (y - top + 2 * row_h > max_height)
        {
          guint left = list->len - i;
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more on the screen",
                                                                "… and %u more on the screen", left), left);
          cairo_set_source_rgb (cr, 0, 0, 0);
          y += yi_report_draw_text (cr, more, x, y + size * 0.3, width, size, TRUE, 0);
          break;
        }
      draw_cells (cr, cells, fracs, align, G_N_ELEMENTS (cells), x, y, width, row_h, size, FALSE);
      y += row_h;
      rule (cr, x, y, width, 0.5);
    }
  return y - top;
}

gboolean
yi_kitchen_draw_page (YiStore     *store,
                      const char  *date,
                      cairo_t     *cr,
                      double       width,
                      double       height,
                      GError     **error)
{
  g_autofree char *title = g_strdup_printf (_("Kitchen sheet for %s"), date);
  double margin = MIN (MARGIN, width / 12);
  double inner = width - 2 * margin;
  double y = margin;
  double h;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += yi_report_draw_text (cr, title, margin, y, inner, 20, TRUE, 0) + 12;
  h = yi_kitchen_draw_counts (store, date, cr, margin, y, inner, 13, error);
  if (h < 0)
    return FALSE;
  y += h + 12;
  return yi_kitchen_draw_delivery (store, date, cr, margin, y, inner, height - margin - y, 10, error) >= 0;
}

gboolean
yi_kitchen_save_page (YiStore     *store,
                      const char  *date,
                      const char  *path,
                      GError     **error)
{
  gboolean png = g_str_has_suffix (path, ".png");
  double scale = png ? 150.0 / 72.0 : 1.0;
  cairo_surface_t *surface = png
    ? cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (PAGE_W * scale), (int) (PAGE_H * scale))
    : cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create (surface);
  gboolean ok;
  cairo_status_t status;

  cairo_scale (cr, scale, scale);
  ok = yi_kitchen_draw_page (store, date, cr, PAGE_W, PAGE_H, error);
  cairo_show_page (cr);
  cairo_destroy (cr);
  if (ok && png)
    cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return ok;
}
