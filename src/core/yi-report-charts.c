#include "config.h"

#include "yi-report-charts.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define FONT_FAMILY "Noto Sans CJK SC"

typedef struct { double r, g, b; } Rgb;

static const Rgb ink = { 0.13, 0.15, 0.18 };
static const Rgb muted = { 0.42, 0.45, 0.50 };
static const Rgb grid = { 0.86, 0.88, 0.90 };
static const Rgb blue = { 0.16, 0.44, 0.66 };
static const Rgb teal = { 0.13, 0.55, 0.52 };
static const Rgb amber = { 0.93, 0.60, 0.22 };
static const Rgb coral = { 0.85, 0.39, 0.38 };
static const Rgb red = { 0.80, 0.16, 0.16 };

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_new ();

  /* Sizes are in the cairo user units of @cr, whatever the device. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_family (desc, FONT_FAMILY);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
yi_report_text_width (cairo_t    *cr,
                      const char *text,
                      double      size,
                      gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

/* Wraps the text at @width (0: no wrapping). */
static void
set_width (PangoLayout *layout,
           double       width)
{
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
}

double
yi_report_text_height (cairo_t    *cr,
                       const char *text,
                       double      width,
                       double      size,
                       gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  PangoRectangle logical;

  set_width (layout, width);
  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

double
yi_report_draw_text (cairo_t    *cr,
                     const char *text,
                     double      x,
                     double      y,
                     double      width,
                     double      size,
                     gboolean    bold,
                     double      align)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold);
  PangoRectangle logical;

  set_width (layout, width);
  if (width > 0)
    {
      pango_layout_set_alignment (layout, align >= 0.99 ? PANGO_ALIGN_RIGHT
                                          : align >= 0.49 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      align = 0;
    }
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_new_path (cr);
  cairo_move_to (cr, x - align * logical.width / (double) PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  return logical.height / (double) PANGO_SCALE;
}

/* Text vertically centred on @y. */
static void
draw_label (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size,
            double      align,
            const Rgb  *color)
{
  set_rgb (cr, color);
  yi_report_draw_text (cr, text, x, y - size * 0.72, 0, size, FALSE, align);
}

const char *
yi_report_chart_title (YiReportChart chart)
{
  switch (chart)
    {
    case YI_REPORT_CHART_ATTENDANCE:
      return C_("report", "Day-care participant-visits per day");
    case YI_REPORT_CHART_MEALS:
      return C_("report", "Meals served per day");
    case YI_REPORT_CHART_AGE_PYRAMID:
      return C_("report", "Elders by age and gender");
    case YI_REPORT_CHART_SERVICES:
      return C_("report", "Services by type");
    case YI_REPORT_CHART_SATISFACTION:
    default:
      return C_("report", "Satisfaction rate");
    }
}

/* A round axis maximum and step giving about four grid lines. */
static double
nice_step (double max,
           double *axis_max)
{
  double raw = MAX (max, 1) / 4.0;
  double mag = pow (10, floor (log10 (raw)));
  double step;

  if (raw / mag <= 1)
    step = mag;
  else if (raw / mag <= 2)
    step = 2 * mag;
  else if (raw / mag <= 5)
    step = 5 * mag;
  else
    step = 10 * mag;
  step = MAX (step, 1);
  *axis_max = ceil (MAX (max, 1) / step) * step;
  return step;
}

static void
no_data (cairo_t *cr,
         double   x,
         double   y,
         double   w,
         double   h)
{
  set_rgb (cr, &muted);
  yi_report_draw_text (cr, C_("report", "No records in this period"), x + w / 2, y + h / 2 - 7, 0, 10, FALSE, 0.5);
}

static void
legend (cairo_t     *cr,
        double       right,
        double       y,
        const char **names,
        const Rgb  **colors,
        guint        n)
{
  double x = right;

  for (guint i = n; i > 0; i--)
    {
      double tw = yi_report_text_width (cr, names[i - 1], 8.5, FALSE);

      x -= tw;
      draw_label (cr, names[i - 1], x, y, 8.5, 0, &muted);
      x -= 12;
      set_rgb (cr, colors[i - 1]);
      cairo_rectangle (cr, x, y - 4.5, 8, 8);
      cairo_fill (cr);
      x -= 10;
    }
}

/* Vertical bars per day, @n_series stacked. */
static void
daily_bars (cairo_t       *cr,
            YiReportTable *t,
            const char   **columns,
            const Rgb    **colors,
            const char   **names,
            guint          n_series,
            double         x,
            double         y,
            double         w,
            double         h)
{
  guint n = yi_report_table_get_n_rows (t);
  double max = 0, axis_max, step, left, plot_w, plot_h, top, bottom, slot;
  int col[4];
  guint label_every;

  for (guint s = 0; s < n_series; s++)
    for (guint c = 0; c < yi_report_table_get_n_columns (t); c++)
      if (strcmp (yi_report_table_get_column_id (t, c), columns[s]) == 0)
        col[s] = (int) c;
  for (guint r = 0; r < n; r++)
    {
      double sum = 0;

      for (guint s = 0; s < n_series; s++)
        sum += (double) yi_report_table_get_raw (t, r, (guint) col[s]);
      max = MAX (max, sum);
    }

  if (n_series > 1)
    legend (cr, x + w, y - 10, names, colors, n_series);
  if (n == 0 || max == 0)
    {
      no_data (cr, x, y, w, h);
      return;
    }

  step = nice_step (max, &axis_max);
  left = x + yi_report_text_width (cr, "0000", 8, FALSE) + 6;
  plot_w = x + w - left;
  top = y + 4;
  bottom = y + h - 16;
  plot_h = bottom - top;
  slot = plot_w / n;

  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= axis_max + 0.5; v += step)
    {
      double gy = bottom - v / axis_max * plot_h;
      g_autofree char *label = g_strdup_printf ("%.0f", v);

      set_rgb (cr, &grid);
      cairo_move_to (cr, left, gy);
      cairo_line_to (cr, left + plot_w, gy);
      cairo_stroke (cr);
      draw_label (cr, label, left - 4, gy, 8, 1, &muted);
    }

  for (guint r = 0; r < n; r++)
    {
      double base = bottom;
      /* a year of days reads as one shape rather than hairlines */
      double bw = n > 92 ? slot : slot * 0.72;

      for (guint s = 0; s < n_series; s++)
        {
          double bh = (double) yi_report_table_get_raw (t, r, (guint) col[s]) / axis_max * plot_h;

          set_rgb (cr, colors[s]);
          cairo_rectangle (cr, left + r * slot + (slot - bw) / 2, base - bh, bw, bh);
          cairo_fill (cr);
          base -= bh;
        }
    }

  /* Dates: every few days for a month or a quarter, month starts for a year. */
  label_every = (guint) ceil (34.0 / slot);
  for (guint r = 0; r < n; r++)
    {
      const char *key = yi_report_table_get_row_key (t, r);
      gboolean show = n > 92 ? g_str_has_suffix (key, "-01") : r % label_every == 0;

      if (show && strlen (key) == 10)
        {
          set_rgb (cr, &muted);
          cairo_move_to (cr, left + r * slot + slot / 2, bottom);
          cairo_line_to (cr, left + r * slot + slot / 2, bottom + 3);
          cairo_stroke (cr);
          draw_label (cr, key + 5, left + r * slot + slot / 2, bottom + 11, 7.5, 0.5, &muted);
        }
    }
  set_rgb (cr, &muted);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, left + plot_w, bottom);
  cairo_stroke (cr);
}

static void
age_pyramid (cairo_t  *cr,
             YiReport *report,
             double    x,
             double    y,
             double    w,
             double    h)
{
  static const char *bands[] = { "90_plus", "80_89", "70_79", "60_69", "under_60" };
  const char *names[] = { C_("report", "Men"), C_("report", "Women") };
  const Rgb *colors[] = { &blue, &coral };
  YiReportTable *t = yi_report_get_table (report, "elders_age");
  guint n_bands = yi_report_get_value (report, "elders_age", "under_60", "total") > 0 ? 5 : 4;
  double max = 0, label_w = 0, centre, half, row_h;

  for (guint i = 0; i < n_bands; i++)
    {
      max = MAX (max, (double) yi_report_get_value (report, "elders_age", bands[i], "male"));
      max = MAX (max, (double) yi_report_get_value (report, "elders_age", bands[i], "female"));
    }
  legend (cr, x + w, y - 10, names, colors, 2);
  if (t == NULL || max == 0)
    {
      no_data (cr, x, y, w, h);
      return;
    }
  for (guint i = 0; i < yi_report_table_get_n_rows (t); i++)
    label_w = MAX (label_w, yi_report_text_width (cr, yi_report_table_get_row_label (t, i), 9, FALSE));
  label_w += 14;
  centre = x + w / 2;
  half = (w - label_w) / 2 - 30;
  row_h = (h - 4) / n_bands;

  for (guint i = 0; i < n_bands; i++)
    {
      double cy = y + 2 + i * row_h + row_h / 2;
      double bh = MIN (row_h * 0.66, 26);
      const char *label = bands[i];

      for (guint r = 0; r < yi_report_table_get_n_rows (t); r++)
        if (strcmp (yi_report_table_get_row_key (t, r), bands[i]) == 0)
          label = yi_report_table_get_row_label (t, r);
      draw_label (cr, label, centre, cy, 9, 0.5, &ink);

      for (guint g = 0; g < 2; g++)
        {
          gint64 v = yi_report_get_value (report, "elders_age", bands[i], g == 0 ? "male" : "female");
          double len = v / max * half;
          double x0 = g == 0 ? centre - label_w / 2 - len : centre + label_w / 2;
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);

          set_rgb (cr, colors[g]);
          cairo_rectangle (cr, x0, cy - bh / 2, len, bh);
          cairo_fill (cr);
          if (g == 0)
            draw_label (cr, text, x0 - 4, cy, 8.5, 1, &ink);
          else
            draw_label (cr, text, x0 + len + 4, cy, 8.5, 0, &ink);
        }
    }
}

static void
services_bars (cairo_t  *cr,
               YiReport *report,
               double    x,
               double    y,
               double    w,
               double    h)
{
  YiReportTable *t = yi_report_get_table (report, "services_by_type");
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  double max = 0, label_w = 0, row_h;
  guint n;

  for (guint r = 0; t && r < yi_report_table_get_n_rows (t); r++)
    if (!yi_report_table_row_is_total (t, r) && yi_report_table_get_raw (t, r, 0) > 0)
      g_array_append_val (order, r);
  /* Largest first; ten at most so the bars stay readable. */
  for (guint i = 1; i < order->len; i++)
    for (guint j = i; j > 0 && yi_report_table_get_raw (t, g_array_index (order, guint, j), 0) >
                               yi_report_table_get_raw (t, g_array_index (order, guint, j - 1), 0); j--)
      {
        guint tmp = g_array_index (order, guint, j);

        g_array_index (order, guint, j) = g_array_index (order, guint, j - 1);
        g_array_index (order, guint, j - 1) = tmp;
      }
  n = MIN (order->len, 10);
  if (n == 0)
    {
      no_data (cr, x, y, w, h);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      guint r = g_array_index (order, guint, i);

      max = MAX (max, (double) yi_report_table_get_raw (t, r, 0));
      label_w = MAX (label_w, yi_report_text_width (cr, yi_report_table_get_row_label (t, r), 9, FALSE));
    }
  label_w = MIN (label_w + 8, w * 0.35);
  row_h = h / MAX (n, 4);

  for (guint i = 0; i < n; i++)
    {
      guint r = g_array_index (order, guint, i);
      double cy = y + i * row_h + row_h / 2;
      double len = yi_report_table_get_raw (t, r, 0) / max * (w - label_w - 70);
      g_autofree char *hours = yi_report_table_format_cell (t, r, 1);
      g_autofree char *count = yi_report_table_format_cell (t, r, 0);
      /* TRANSLATORS: beside a bar: number of services · hours */
      g_autofree char *text = g_strdup_printf (C_("report", "%s · %s h"), count, hours);

      draw_label (cr, yi_report_table_get_row_label (t, r), x + label_w - 8, cy, 9, 1, &ink);
      set_rgb (cr, &teal);
      cairo_rectangle (cr, x + label_w, cy - MIN (row_h * 0.62, 18) / 2, len, MIN (row_h * 0.62, 18));
      cairo_fill (cr);
      draw_label (cr, text, x + label_w + len + 5, cy, 8, 0, &muted);
    }
}

static void
satisfaction_line (cairo_t  *cr,
                   YiReport *report,
                   double    x,
                   double    y,
                   double    w,
                   double    h)
{
  YiReportTable *t = yi_report_get_table (report, "satisfaction_trend");
  guint n = t ? yi_report_table_get_n_rows (t) : 0;
  double low = 100, floor_v, left, plot_w, top, bottom, slot, ty;
  gboolean any = FALSE, pen_down = FALSE;
  const char *names[] = { C_("report", "Satisfaction rate"), C_("report", "Target 95%") };
  const Rgb *colors[] = { &blue, &red };

  for (guint r = 0; r < n; r++)
    {
      double v = yi_report_table_get_number (t, r, 2);

      if (!isnan (v))
        {
          low = MIN (low, v);
          any = TRUE;
        }
    }
  legend (cr, x + w, y - 10, names, colors, 2);
  if (!any)
    {
      no_data (cr, x, y, w, h);
      return;
    }
  /* a week of only unhappy ratings is 0%, and the axis stops there */
  floor_v = CLAMP (floor ((low - 0.5) / 10) * 10, 0, 90);
  left = x + yi_report_text_width (cr, "100%", 8, FALSE) + 6;
  plot_w = x + w - left;
  top = y + 4;
  bottom = y + h - 16;
  slot = plot_w / n;

#define Y_OF(v) (bottom - ((v) - floor_v) / (100 - floor_v) * (bottom - top))
  cairo_set_line_width (cr, 0.5);
  for (double v = floor_v; v <= 100.5; v += (100 - floor_v) / 5)
    {
      g_autofree char *label = g_strdup_printf ("%.0f%%", v);

      set_rgb (cr, &grid);
      cairo_move_to (cr, left, Y_OF (v));
      cairo_line_to (cr, left + plot_w, Y_OF (v));
      cairo_stroke (cr);
      draw_label (cr, label, left - 4, Y_OF (v), 8, 1, &muted);
    }

  ty = Y_OF (95.0);
  set_rgb (cr, &red);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_move_to (cr, left, ty);
  cairo_line_to (cr, left + plot_w, ty);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  set_rgb (cr, &blue);
  cairo_set_line_width (cr, 1.8);
  for (guint r = 0; r < n; r++)
    {
      double v = yi_report_table_get_number (t, r, 2);
      double px = left + r * slot + slot / 2;

      if (isnan (v))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, px, Y_OF (v));
      else
        cairo_move_to (cr, px, Y_OF (v));
      pen_down = TRUE;
    }
  cairo_stroke (cr);
  for (guint r = 0; r < n; r++)
    {
      double v = yi_report_table_get_number (t, r, 2);
      const char *key = yi_report_table_get_row_key (t, r);

      if (!isnan (v))
        {
          set_rgb (cr, &blue);
          cairo_new_path (cr);
          cairo_arc (cr, left + r * slot + slot / 2, Y_OF (v), 2.6, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      if (r % (guint) ceil (34.0 / slot) == 0)
        draw_label (cr, strlen (key) == 10 ? key + 5 : key,
                    left + r * slot + slot / 2, bottom + 11, 7.5, 0.5, &muted);
    }
#undef Y_OF
}

void
yi_report_draw_chart (YiReport      *report,
                      YiReportChart  chart,
                      cairo_t       *cr,
                      double         x,
                      double         y,
                      double         width,
                      double         height)
{
  double title_h;
  double top;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  set_rgb (cr, &ink);
  title_h = yi_report_draw_text (cr, yi_report_chart_title (chart), x, y, 0, 11, TRUE, 0);
  top = y + title_h + 14;
  height -= top - y;

  switch (chart)
    {
    case YI_REPORT_CHART_ATTENDANCE:
      {
        const char *cols[] = { "visits" };
        const Rgb *colors[] = { &blue };
        const char *names[] = { C_("report", "Participant-visits") };

        daily_bars (cr, yi_report_get_table (report, "attendance_daily"), cols, colors, names, 1,
                    x, top, width, height);
      }
      break;
    case YI_REPORT_CHART_MEALS:
      {
        const char *cols[] = { "dine_in", "delivery" };
        const Rgb *colors[] = { &teal, &amber };
        const char *names[] = { C_("report", "At the centre"), C_("report", "Delivered") };

        daily_bars (cr, yi_report_get_table (report, "meals_daily"), cols, colors, names, 2,
                    x, top, width, height);
      }
      break;
    case YI_REPORT_CHART_AGE_PYRAMID:
      age_pyramid (cr, report, x, top, width, height);
      break;
    case YI_REPORT_CHART_SERVICES:
      services_bars (cr, report, x, top, width, height);
      break;
    case YI_REPORT_CHART_SATISFACTION:
    default:
      satisfaction_line (cr, report, x, top, width, height);
      break;
    }
  cairo_restore (cr);
}
