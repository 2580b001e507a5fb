#include "config.h"

#include "yi-report-charts.h"
#include "yi-report-private.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* A printable A4 report: a cover with the key figures and the daily
 * charts, then every section with its chart and tables.  It is laid out
 * twice, the first time only to count the pages for "page x of n". */

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 46.0
#define MARGIN_TOP 58.0
#define MARGIN_BOTTOM 54.0
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define ROW_H 16.0

typedef struct {
  cairo_t  *cr;
  YiReport *report;
  char     *heading;
  char     *footer;
  double    y;
  int       page;
  int       n_pages;
} Pdf;

static void
rgb (cairo_t *cr,
     guint32  hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

static void
new_page (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  g_autofree char *number = NULL;

  if (pdf->page > 0)
    cairo_show_page (cr);
  pdf->page++;
  pdf->y = MARGIN_TOP;

  rgb (cr, 0x5a6270);
  yi_report_draw_text (cr, pdf->heading, MARGIN_X, 30, CONTENT_W * 0.8, 8, FALSE, 0);
  rgb (cr, 0xc9ced6);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, 44);
  cairo_line_to (cr, PAGE_W - MARGIN_X, 44);
  cairo_stroke (cr);

  cairo_move_to (cr, MARGIN_X, PAGE_H - 38);
  cairo_line_to (cr, PAGE_W - MARGIN_X, PAGE_H - 38);
  cairo_stroke (cr);
  rgb (cr, 0x5a6270);
  yi_report_draw_text (cr, pdf->footer, MARGIN_X, PAGE_H - 33, 0, 8, FALSE, 0);
  /* TRANSLATORS: page footer: page number, number of pages */
  number = g_strdup_printf (C_("report", "Page %d of %d"), pdf->page, MAX (pdf->n_pages, pdf->page));
  yi_report_draw_text (cr, number, PAGE_W - MARGIN_X, PAGE_H - 33, 0, 8, FALSE, 1);
}

static void
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height > PAGE_H - MARGIN_BOTTOM)
    new_page (pdf);
}

/* @keep_with: the height of what follows, so a heading never ends a page. */
static void
section_heading (Pdf        *pdf,
                 const char *title,
                 double      keep_with)
{
  cairo_t *cr = pdf->cr;

  need (pdf, 30 + keep_with);
  rgb (cr, 0x1f5f8b);
  cairo_rectangle (cr, MARGIN_X, pdf->y + 2, 4, 16);
  cairo_fill (cr);
  rgb (cr, 0x1d2430);
  yi_report_draw_text (cr, title, MARGIN_X + 11, pdf->y, 0, 14, TRUE, 0);
  pdf->y += 30;
}

static void
chart (Pdf           *pdf,
       YiReportChart  kind,
       double         height)
{
  need (pdf, height + 12);
  yi_report_draw_chart (pdf->report, kind, pdf->cr, MARGIN_X, pdf->y, CONTENT_W, height);
  pdf->y += height + 16;
}

static double
header_height (Pdf           *pdf,
               YiReportTable *t,
               const double  *col_w)
{
  double h = ROW_H;

  for (guint c = 0; c < yi_report_table_get_n_columns (t); c++)
    {
      g_autofree char *title = yi_report_column_heading (t, c);

      h = MAX (h, yi_report_text_height (pdf->cr, title, col_w[c + 1] - 6, 8.5, TRUE) + 6);
    }
  return h;
}

static void
table_header (Pdf           *pdf,
              YiReportTable *t,
              const double  *col_x,
              const double  *col_w)
{
  cairo_t *cr = pdf->cr;
  double h = header_height (pdf, t, col_w);

  rgb (cr, 0xe3ebf3);
  cairo_rectangle (cr, MARGIN_X, pdf->y, CONTENT_W, h);
  cairo_fill (cr);
  rgb (cr, 0x1d2430);
  yi_report_draw_text (cr, yi_report_table_get_row_header (t), col_x[0] + 4, pdf->y + 3,
                       col_w[0] - 8, 8.5, TRUE, 0);
  for (guint c = 0; c < yi_report_table_get_n_columns (t); c++)
    {
      g_autofree char *title = yi_report_column_heading (t, c);

      yi_report_draw_text (cr, title, col_x[c + 1] + 3, pdf->y + 3, col_w[c + 1] - 6, 8.5, TRUE, 1);
    }
  pdf->y += h;
}

static void
table (Pdf           *pdf,
       YiReportTable *t,
       gboolean       with_title)
{
  cairo_t *cr = pdf->cr;
  guint n_cols = yi_report_table_get_n_columns (t);
  guint n_rows = yi_report_table_get_n_rows (t);
  double col_x[16], col_w[16];
  double label_w = 0;
  double header_h;

  for (guint r = 0; r < n_rows; r++)
    label_w = MAX (label_w, yi_report_text_width (cr, yi_report_table_get_row_label (t, r), 9, TRUE));
  label_w = CLAMP (label_w + 12, CONTENT_W * 0.24, CONTENT_W * 0.42);
  col_x[0] = MARGIN_X;
  col_w[0] = label_w;
  for (guint c = 0; c < n_cols; c++)
    {
      col_w[c + 1] = MIN ((CONTENT_W - label_w) / n_cols, 92);
      col_x[c + 1] = col_x[c] + col_w[c];
    }

  header_h = header_height (pdf, t, col_w);
  need (pdf, 20 + header_h + ROW_H * MIN (n_rows, 4));
  rgb (cr, 0x1d2430);
  if (with_title)
    pdf->y += yi_report_draw_text (cr, yi_report_table_get_title (t), MARGIN_X, pdf->y, 0, 10.5, TRUE, 0) + 4;
  table_header (pdf, t, col_x, col_w);

  for (guint r = 0; r < n_rows; r++)
    {
      gboolean total = yi_report_table_row_is_total (t, r);

      if (pdf->y + ROW_H > PAGE_H - MARGIN_BOTTOM)
        {
          g_autofree char *cont = g_strdup_printf (C_("report", "%s (continued)"), yi_report_table_get_title (t));

          new_page (pdf);
          rgb (cr, 0x1d2430);
          pdf->y += yi_report_draw_text (cr, cont, MARGIN_X, pdf->y, 0, 10.5, TRUE, 0) + 4;
          table_header (pdf, t, col_x, col_w);
        }
      if (total)
        {
          rgb (cr, 0xf1f3f5);
          cairo_rectangle (cr, MARGIN_X, pdf->y, CONTENT_W, ROW_H);
          cairo_fill (cr);
          rgb (cr, 0x8a93a0);
          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, MARGIN_X, pdf->y);
          cairo_line_to (cr, MARGIN_X + CONTENT_W, pdf->y);
          cairo_stroke (cr);
        }
      rgb (cr, 0x1d2430);
      yi_report_draw_text (cr, yi_report_table_get_row_label (t, r), col_x[0] + 4, pdf->y + 2.5,
                           0, 9, total, 0);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *cell = yi_report_table_format_cell (t, r, c);

          yi_report_draw_text (cr, cell, col_x[c + 1] + col_w[c + 1] - 3, pdf->y + 2.5, 0, 9, total, 1);
        }
      pdf->y += ROW_H;
      rgb (cr, 0xdde1e6);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, MARGIN_X, pdf->y);
      cairo_line_to (cr, MARGIN_X + CONTENT_W, pdf->y);
      cairo_stroke (cr);
    }
  if (yi_report_table_get_note (t) != NULL)
    {
      rgb (cr, 0x6b7280);
      pdf->y += yi_report_draw_text (cr, yi_report_table_get_note (t), MARGIN_X, pdf->y + 3,
                                     CONTENT_W, 7.5, FALSE, 0) + 3;
    }
  pdf->y += 16;
}

static void
key_figure (Pdf        *pdf,
            double      x,
            double      y,
            double      w,
            const char *value,
            const char *label,
            guint32     accent)
{
  cairo_t *cr = pdf->cr;

  rgb (cr, 0xf4f7fa);
  cairo_rectangle (cr, x, y, w, 58);
  cairo_fill (cr);
  rgb (cr, accent);
  cairo_rectangle (cr, x, y, 3, 58);
  cairo_fill (cr);
  yi_report_draw_text (cr, value, x + 12, y + 8, 0, 19, TRUE, 0);
  rgb (cr, 0x4b5563);
  yi_report_draw_text (cr, label, x + 12, y + 36, w - 16, 8.5, FALSE, 0);
}

static void
cover (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  YiReport *report = pdf->report;
  g_autofree char *period = yi_report_period_label (yi_report_get_from (report), yi_report_get_to (report));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", C_("report", "Statistics report"), period);
  /* The dates, unless the period's name already is them. */
  gboolean custom = strstr (period, yi_report_get_from (report)) != NULL;
  g_autofree char *range = g_strdup_printf (C_("report", "%s to %s"), yi_report_get_from (report), yi_report_get_to (report));
  struct { const char *table, *row, *column; const char *label; guint32 accent; } figures[] = {
    { "elders_age", "total", "total", NC_("report", "Registered elders"), 0x2a70a8 },
    { "elders_summary", "age_80_plus", "share", NC_("report", "Aged 80 and over (share)"), 0x2a70a8 },
    { "attendance_summary", "total", "visits", NC_("report", "Day-care participant-visits"), 0x218c85 },
    { "meals_by_meal", "total", "total", NC_("report", "Meals served"), 0xed9a38 },
    { "services_by_type", "total", "count", NC_("report", "Services confirmed"), 0x218c85 },
    { "satisfaction", "total", "rate", NC_("report", "Satisfaction rate (target 95%)"), 0xd96361 },
  };
  double tile_w = (CONTENT_W - 2 * 10) / 3;

  rgb (cr, 0x1d2430);
  pdf->y += yi_report_draw_text (cr, yi_report_get_title (report), MARGIN_X, pdf->y, CONTENT_W, 22, TRUE, 0);
  rgb (cr, 0x1f5f8b);
  pdf->y += yi_report_draw_text (cr, subtitle, MARGIN_X, pdf->y + 2, CONTENT_W, 13, FALSE, 0) + 4;
  rgb (cr, 0x5a6270);
  if (yi_report_get_n_centres (report) > 1)
    {
      /* TRANSLATORS: under a district report's title */
      g_autofree char *sum = g_strdup_printf (C_("report", "%s · sum of %u centres"), range, yi_report_get_n_centres (report));

      pdf->y += yi_report_draw_text (cr, sum, MARGIN_X, pdf->y, CONTENT_W, 9, FALSE, 0);
    }
  else if (!custom)
    pdf->y += yi_report_draw_text (cr, range, MARGIN_X, pdf->y, CONTENT_W, 9, FALSE, 0);
  pdf->y += 16;

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *value = yi_report_format_value (report, figures[i].table, figures[i].row, figures[i].column);

      key_figure (pdf, MARGIN_X + (i % 3) * (tile_w + 10), pdf->y + (i / 3) * 68, tile_w,
                  value, g_dpgettext2 (GETTEXT_PACKAGE, "report", figures[i].label), figures[i].accent);
    }
  pdf->y += 2 * 68 + 18;
  chart (pdf, YI_REPORT_CHART_ATTENDANCE, 200);
  chart (pdf, YI_REPORT_CHART_MEALS, 200);
}

static void
layout (Pdf *pdf)
{
  GPtrArray *tables = yi_report_get_tables (pdf->report);
  const char *const *sections = yi_report_sections ();

  pdf->page = 0;
  new_page (pdf);
  cover (pdf);

  for (guint s = 0; sections[s]; s++)
    {
      const char *title = yi_report_section_title (sections[s]);
      YiReportChart kind = YI_REPORT_CHART_ATTENDANCE;
      double chart_h = 0;

      if (strcmp (sections[s], "elders") == 0)
        kind = YI_REPORT_CHART_AGE_PYRAMID, chart_h = 170;
      else if (strcmp (sections[s], "services") == 0)
        kind = YI_REPORT_CHART_SERVICES, chart_h = 200;
      else if (strcmp (sections[s], "care") == 0)
        kind = YI_REPORT_CHART_SATISFACTION, chart_h = 190;

      section_heading (pdf, title, chart_h > 0 ? chart_h + 12 : 120);
      if (chart_h > 0)
        chart (pdf, kind, chart_h);
      for (guint i = 0; i < tables->len; i++)
        {
          YiReportTable *t = tables->pdata[i];

          if (strcmp (yi_report_table_get_section (t), sections[s]) == 0 && !yi_report_table_is_series (t))
            table (pdf, t, strcmp (yi_report_table_get_title (t), title) != 0);
        }
    }
  cairo_show_page (pdf->cr);
}

static char *
local_generated_at (YiReport *report)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (yi_report_get_generated_at (report), NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (utc == NULL)
    return g_strdup (yi_report_get_generated_at (report));
  local = g_date_time_to_local (utc);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  return g_strdup_printf (C_("report", "Generated %s"), when);
}

gboolean
yi_report_write_pdf (YiReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *temp = yi_report_temp_path (path);
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, self, yi_report_heading (self), local_generated_at (self), 0, 0, 0 };

  /* First pass: count the pages. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  pdf.cr = cairo_create (surface);
  layout (&pdf);
  pdf.n_pages = pdf.page;
  cairo_destroy (pdf.cr);
  cairo_surface_destroy (surface);

  surface = cairo_pdf_surface_create (temp, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf.heading);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Yiyang " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    layout (&pdf);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (pdf.heading);
  g_free (pdf.footer);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (temp);
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "Could not save the report as %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return yi_report_commit_file (temp, path, error);
}
