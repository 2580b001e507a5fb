#include "config.h"

#include "yi-report-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

/* One worksheet per section; each table below the previous one with its
 * title, a bold header row and its rows.  Numbers are written as numbers
 * with a display format, so the office can add them up in Excel. */

typedef struct {
  lxw_format *title;
  lxw_format *heading;
  lxw_format *header;
  lxw_format *label;
  lxw_format *label_total;
  lxw_format *note;
  lxw_format *number[5];
  lxw_format *number_total[5];
} Formats;

static const char *const number_formats[] = { "0", "0.0", "0.00", "0.0%", "0.0" };

static lxw_format *
new_format (lxw_workbook *wb,
            gboolean      bold,
            gboolean      border)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_font_name (f, "Noto Sans CJK SC");
  format_set_font_size (f, 11);
  if (bold)
    format_set_bold (f);
  if (border)
    format_set_border (f, LXW_BORDER_THIN);
  return f;
}

static void
make_formats (lxw_workbook *wb,
              Formats      *fm)
{
  fm->title = new_format (wb, TRUE, FALSE);
  format_set_font_size (fm->title, 14);
  fm->heading = new_format (wb, TRUE, FALSE);
  format_set_font_size (fm->heading, 12);
  fm->header = new_format (wb, TRUE, TRUE);
  format_set_bg_color (fm->header, 0xDCE6F0);
  format_set_text_wrap (fm->header);
  format_set_align (fm->header, LXW_ALIGN_CENTER);
  format_set_align (fm->header, LXW_ALIGN_VERTICAL_CENTER);
  fm->label = new_format (wb, FALSE, TRUE);
  fm->label_total = new_format (wb, TRUE, TRUE);
  format_set_bg_color (fm->label_total, 0xF2F2F2);
  fm->note = new_format (wb, FALSE, FALSE);
  format_set_italic (fm->note);
  format_set_font_color (fm->note, 0x595959);
  for (guint k = 0; k < G_N_ELEMENTS (number_formats); k++)
    {
      fm->number[k] = new_format (wb, FALSE, TRUE);
      format_set_num_format (fm->number[k], number_formats[k]);
      fm->number_total[k] = new_format (wb, TRUE, TRUE);
      format_set_num_format (fm->number_total[k], number_formats[k]);
      format_set_bg_color (fm->number_total[k], 0xF2F2F2);
    }
}

/* Column width in Excel's units: a Han character is about two. */
static double
text_width (const char *text)
{
  double w = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2.1 : 1.1;
  return w;
}

static int
write_table (lxw_worksheet *ws,
             Formats       *fm,
             YiReportTable *t,
             int            row,
             double        *widths)
{
  guint n_cols = yi_report_table_get_n_columns (t);

  worksheet_write_string (ws, (lxw_row_t) row++, 0, yi_report_table_get_title (t), fm->heading);
  worksheet_write_string (ws, (lxw_row_t) row, 0, yi_report_table_get_row_header (t), fm->header);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *h = yi_report_column_heading (t, c);

      worksheet_write_string (ws, (lxw_row_t) row, (lxw_col_t) (c + 1), h, fm->header);
      widths[c + 1] = MAX (widths[c + 1], text_width (h) + 2);
    }
  row++;
  for (guint r = 0; r < yi_report_table_get_n_rows (t); r++, row++)
    {
      gboolean total = yi_report_table_row_is_total (t, r);
      const char *label = yi_report_table_get_row_label (t, r);

      worksheet_write_string (ws, (lxw_row_t) row, 0, label, total ? fm->label_total : fm->label);
      widths[0] = MAX (widths[0], text_width (label) + 2);
      for (guint c = 0; c < n_cols; c++)
        {
          YiReportValueKind kind = yi_report_table_get_column_kind (t, c);
          lxw_format *f = total ? fm->number_total[kind] : fm->number[kind];
          double v = yi_report_table_get_number (t, r, c);

          if (isnan (v))
            worksheet_write_blank (ws, (lxw_row_t) row, (lxw_col_t) (c + 1), f);
          else
            worksheet_write_number (ws, (lxw_row_t) row, (lxw_col_t) (c + 1),
                                    kind == YI_REPORT_VALUE_PERCENT ? v / 100.0 : v, f);
        }
    }
  if (yi_report_table_get_note (t) != NULL)
    worksheet_write_string (ws, (lxw_row_t) row++, 0, yi_report_table_get_note (t), fm->note);
  return row + 1;
}

gboolean
yi_report_write_xlsx (YiReport    *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *temp = yi_report_temp_path (path);
  g_autofree char *heading = yi_report_heading (self);
  g_autofree char *generated = g_strdup_printf (C_("report", "Generated at %s (UTC)"), yi_report_get_generated_at (self));
  const char *const *sections = yi_report_sections ();
  GPtrArray *tables = yi_report_get_tables (self);
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_doc_properties props = { 0 };
  lxw_workbook *wb;
  lxw_error err;
  Formats fm;

  wb = workbook_new_opt (temp, &options);
  if (wb == NULL)
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "Could not start the spreadsheet %s"), path);
      return FALSE;
    }
  props.title = heading;
  props.subject = (char *) C_("report", "Statistics report");
  props.company = (char *) yi_report_get_title (self);
  workbook_set_properties (wb, &props);
  make_formats (wb, &fm);

  for (guint s = 0; sections[s]; s++)
    {
      lxw_worksheet *ws = workbook_add_worksheet (wb, yi_report_section_title (sections[s]));
      double widths[16] = { 0 };
      int row = 3;

      worksheet_write_string (ws, 0, 0, heading, fm.title);
      worksheet_write_string (ws, 1, 0, generated, fm.note);
      worksheet_set_landscape (ws);
      worksheet_set_paper (ws, 9);
      worksheet_fit_to_pages (ws, 1, 0);
      for (guint i = 0; i < tables->len; i++)
        if (g_strcmp0 (yi_report_table_get_section (tables->pdata[i]), sections[s]) == 0)
          row = write_table (ws, &fm, tables->pdata[i], row, widths);
      for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
        if (widths[c] > 0)
          worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c,
                                CLAMP (widths[c], c == 0 ? 14 : 9, c == 0 ? 48 : 24), NULL);
    }

  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_unlink (temp);
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "Could not save the report as %s: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return yi_report_commit_file (temp, path, error);
}
