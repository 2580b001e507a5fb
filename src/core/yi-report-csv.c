#include "config.h"

#include "yi-report-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* One CSV file with a block per table: a title line, a header line, the
 * rows, a blank line.  UTF-8 with a byte-order mark and CRLF line ends, as
 * Excel expects; numbers are plain (percent columns say "%" in the header). */

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
plain_number (YiReportTable *t,
              guint          row,
              guint          column)
{
  double v = yi_report_table_get_number (t, row, column);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup ("");
  switch (yi_report_table_get_column_kind (t, column))
    {
    case YI_REPORT_VALUE_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, yi_report_table_get_raw (t, row, column));
    case YI_REPORT_VALUE_FEN:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", v));
    default:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", v));
    }
}

char *
yi_report_column_heading (YiReportTable *t,
                          guint          column)
{
  const char *title = yi_report_table_get_column_title (t, column);

  if (yi_report_table_get_column_kind (t, column) == YI_REPORT_VALUE_PERCENT)
    return g_strdup_printf ("%s (%%)", title);
  if (yi_report_table_get_column_kind (t, column) == YI_REPORT_VALUE_MINUTES)
    /* TRANSLATORS: a column of hours in an export, e.g. "Day-care hours (h)" */
    return g_strdup_printf (C_("report", "%s (h)"), title);
  return g_strdup (title);
}

static char *
render (YiReport *self)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  GPtrArray *tables = yi_report_get_tables (self);
  g_autofree char *period = yi_report_period_label (yi_report_get_from (self), yi_report_get_to (self));

  append_field (out, yi_report_get_title (self), FALSE);
  append_field (out, C_("report", "Statistics report"), FALSE);
  append_field (out, period, TRUE);
  append_field (out, C_("report", "From"), FALSE);
  append_field (out, yi_report_get_from (self), TRUE);
  append_field (out, C_("report", "To"), FALSE);
  append_field (out, yi_report_get_to (self), TRUE);
  append_field (out, C_("report", "Generated at (UTC)"), FALSE);
  append_field (out, yi_report_get_generated_at (self), TRUE);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < tables->len; i++)
    {
      YiReportTable *t = tables->pdata[i];
      guint n_cols = yi_report_table_get_n_columns (t);
      g_autofree char *title = g_strdup_printf ("[%s] %s",
                                                yi_report_section_title (yi_report_table_get_section (t)),
                                                yi_report_table_get_title (t));

      append_field (out, title, TRUE);
      append_field (out, yi_report_table_get_row_header (t), FALSE);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *h = yi_report_column_heading (t, c);

          append_field (out, h, c + 1 == n_cols);
        }
      for (guint r = 0; r < yi_report_table_get_n_rows (t); r++)
        {
          append_field (out, yi_report_table_get_row_label (t, r), FALSE);
          for (guint c = 0; c < n_cols; c++)
            {
              g_autofree char *v = plain_number (t, r, c);

              append_field (out, v, c + 1 == n_cols);
            }
        }
      if (yi_report_table_get_note (t) != NULL)
        append_field (out, yi_report_table_get_note (t), TRUE);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

gboolean
yi_report_write_csv (YiReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *text = render (self);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, text, -1, &local))
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "Could not save the report as %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
