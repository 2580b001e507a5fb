#include "config.h"

#include "yi-vital-chart.h"
#include "yi-clock.h"
#include "yi-report-charts.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static gint64
date_us (const char *date,
         gboolean    end_of_day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (!yi_date_parse (date, &y, &m, &d))
    return 0;
  dt = g_date_time_new_utc (y, m, d, end_of_day ? 23 : 0, end_of_day ? 59 : 0, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* A step of 1, 2 or 5 times a power of ten giving about @n ticks. */
static double
nice_step (double span,
           int    n)
{
  double raw = span / n;
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void
draw_series (cairo_t   *cr,
             GPtrArray *readings,
             gboolean   second,
             double     lo,
             double     hi,
             double     band_lo,
             double     band_hi,
             gint64     t0,
             gint64     t1,
             double     px,
             double     py,
             double     pw,
             double     ph,
             double     r,
             double     g,
             double     b,
             double     size)
{
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, size * 0.18);
  cairo_new_path (cr);
  for (guint i = 0; i < readings->len; i++)
    {
      YiVitalReading *v = readings->pdata[i];
      gint64 t = 0;
      double val = second ? v->value2 : v->value1;

      if ((second && !v->has_value2) || !yi_clock_parse_utc (v->taken_at, &t))
        continue;
      cairo_line_to (cr, px + pw * (double) (t - t0) / (double) (t1 - t0), py + ph * (hi - val) / (hi - lo));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < readings->len; i++)
    {
      YiVitalReading *v = readings->pdata[i];
      gint64 t = 0;
      double val = second ? v->value2 : v->value1;
      gboolean out = val < band_lo || val > band_hi;

      if ((second && !v->has_value2) || !yi_clock_parse_utc (v->taken_at, &t))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, px + pw * (double) (t - t0) / (double) (t1 - t0), py + ph * (hi - val) / (hi - lo),
                 out ? size * 0.45 : size * 0.3, 0, 2 * G_PI);
      if (out)
        cairo_set_source_rgb (cr, 0.75, 0.05, 0.05);
      else
        cairo_set_source_rgb (cr, r, g, b);
      cairo_fill (cr);
    }
}

void
yi_vital_chart_draw (cairo_t      *cr,
                     double        x,
                     double        y,
                     double        width,
                     double        height,
                     YiVitalKind   kind,
                     GPtrArray    *readings,
                     const char   *from_date,
                     const char   *to_date,
                     const double  band[4],
                     double        font_size)
{
  gboolean bp = kind == YI_VITAL_BLOOD_PRESSURE;
  /* Half a day of margin each side, so the first and last dots show whole. */
  gint64 t0 = date_us (from_date, FALSE) - (gint64) G_USEC_PER_SEC * 43200, t1 = date_us (to_date, TRUE) + (gint64) G_USEC_PER_SEC * 43200;
  double lo = band[0], hi = band[1];
  double left = font_size * 4.2, bottom = font_size * 2.4, top = font_size * 2.2;
  double px = x + left, py = y + top, pw = width - left - font_size, ph = height - top - bottom;
  double step, title_w;
  g_autofree char *title = g_strdup_printf ("%s (%s)", yi_vital_kind_label (kind), yi_vital_kind_unit (kind));

  if (bp)
    lo = MIN (lo, band[2]), hi = MAX (hi, band[3]);
  for (guint i = 0; i < readings->len; i++)
    {
      YiVitalReading *v = readings->pdata[i];

      lo = MIN (lo, v->value1);
      hi = MAX (hi, v->value1);
      if (v->has_value2)
        lo = MIN (lo, v->value2), hi = MAX (hi, v->value2);
    }
  step = nice_step (hi - lo, 5);
  lo = floor (lo / step - 0.5) * step;
  hi = ceil (hi / step + 0.5) * step;
  if (t1 <= t0 || pw <= 0 || ph <= 0)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  yi_report_draw_text (cr, title, x + font_size * 0.5, y + font_size * 0.3, 0, font_size * 1.1, TRUE, 0);
  title_w = yi_report_text_width (cr, title, font_size * 1.1, TRUE);

  /* The normal band(s), shaded green. */
  for (int k = 0; k < (bp ? 2 : 1); k++)
    {
      double b_lo = band[2 * k], b_hi = band[2 * k + 1];

      cairo_set_source_rgba (cr, 0.20, 0.62, 0.30, k == 0 ? 0.22 : 0.14);
      cairo_rectangle (cr, px, py + ph * (hi - b_hi) / (hi - lo), pw, ph * (b_hi - b_lo) / (hi - lo));
      cairo_fill (cr);
    }

  /* Value grid and labels. */
  cairo_set_line_width (cr, 1);
  for (double v = lo; v <= hi + step / 2; v += step)
    {
      double gy = py + ph * (hi - v) / (hi - lo);
      g_autofree char *label = step < 1 ? g_strdup_printf ("%.1f", v) : g_strdup_printf ("%.0f", v);

      cairo_set_source_rgb (cr, 0.80, 0.80, 0.80);
      cairo_move_to (cr, px, gy);
      cairo_line_to (cr, px + pw, gy);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      yi_report_draw_text (cr, label, px - font_size * 0.4, gy - font_size * 0.65, 0, font_size * 0.9, FALSE, 1);
    }
  /* Date labels: the ends and the middle. */
  for (int i = 0; i <= 2; i++)
    {
      gint64 first = date_us (from_date, FALSE), last = date_us (to_date, FALSE);
      gint64 t = first + (last - first) / 2 * i;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
      g_autofree char *label = g_date_time_format (dt, "%m-%d");

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      yi_report_draw_text (cr, label, px + pw * (double) (t - t0) / (double) (t1 - t0), py + ph + font_size * 0.4,
                           0, font_size * 0.9, FALSE, i / 2.0);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, px, py, pw, ph);
  cairo_stroke (cr);

  if (readings->len == 0)
    {
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      yi_report_draw_text (cr, _("No readings in this period"), px + pw / 2, py + ph / 2 - font_size, 0, font_size * 1.2, TRUE, 0.5);
    }
  else
    {
      cairo_rectangle (cr, px, py, pw, ph);
      cairo_clip (cr);
      draw_series (cr, readings, FALSE, lo, hi, band[0], band[1], t0, t1, px, py, pw, ph, 0.10, 0.25, 0.60, font_size);
      if (bp)
        draw_series (cr, readings, TRUE, lo, hi, band[2], band[3], t0, t1, px, py, pw, ph, 0.85, 0.45, 0.05, font_size);
      cairo_reset_clip (cr);
    }
  if (bp)
    {
      double lx = x + font_size * 1.5 + title_w;

      cairo_set_source_rgb (cr, 0.10, 0.25, 0.60);
      cairo_rectangle (cr, lx, y + font_size * 0.7, font_size, font_size * 0.3);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      yi_report_draw_text (cr, _("Systolic"), lx + font_size * 1.3, y + font_size * 0.3, 0, font_size * 0.9, FALSE, 0);
      cairo_set_source_rgb (cr, 0.85, 0.45, 0.05);
      lx += font_size * 2.3 + yi_report_text_width (cr, _("Systolic"), font_size * 0.9, FALSE);
      cairo_rectangle (cr, lx, y + font_size * 0.7, font_size, font_size * 0.3);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      yi_report_draw_text (cr, _("Diastolic"), lx + font_size * 1.3, y + font_size * 0.3, 0, font_size * 0.9, FALSE, 0);
    }
  cairo_restore (cr);
}
