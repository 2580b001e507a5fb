#include "config.h"

#include "yi-staff-reports-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define SATISFACTION_TARGET 95.0

gboolean
yi_staff_reports_missed_target (YiReport *report)
{
  double rate = yi_report_get_number (report, "satisfaction", "total", "rate");

  return yi_report_get_value (report, "satisfaction", "total", "ratings") > 0 &&
         !isnan (rate) && rate < SATISFACTION_TARGET;
}

/* The core library marks some sum rows only by their key. */
static gboolean
row_is_total (YiReportTable *table,
              guint          row)
{
  return yi_report_table_row_is_total (table, row) ||
         g_strcmp0 (yi_report_table_get_row_key (table, row), "total") == 0;
}

static GtkWidget *
cell_new (const char *text,
          float       xalign,
          const char *css_class,
          gboolean    shaded,
          gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "yi-cell");
  gtk_widget_add_css_class (label, css_class);
  if (shaded)
    gtk_widget_add_css_class (label, "yi-cell-shaded");
  if (bold)
    gtk_widget_add_css_class (label, "yi-cell-total");
  return label;
}

static gboolean
is_rate_of_satisfaction (YiReportTable *table,
                         guint          column)
{
  return strcmp (yi_report_table_get_id (table), "satisfaction") == 0 &&
         strcmp (yi_report_table_get_column_id (table, column), "rate") == 0;
}

GtkWidget *
yi_staff_reports_table_new (YiReport      *report,
                            YiReportTable *table)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = gtk_label_new (yi_report_table_get_title (table));
  GtkWidget *grid = gtk_grid_new ();
  const char *row_header = yi_report_table_get_row_header (table);
  const char *note = yi_report_table_get_note (table);
  guint n_columns = yi_report_table_get_n_columns (table);
  guint n_rows = yi_report_table_get_n_rows (table);
  gboolean satisfaction = strcmp (yi_report_table_get_id (table), "satisfaction") == 0;

  gtk_widget_add_css_class (box, "yi-reports-table");
  gtk_widget_set_name (box, yi_report_table_get_id (table));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "yi-reports-table-title");
  gtk_box_append (GTK_BOX (box), title);

  if (satisfaction && yi_staff_reports_missed_target (report))
    {
      g_autofree char *text =
        g_strdup_printf (_("Satisfaction is %.1f%%, below the target of 95%%. Look at the ratings and talk with the elders."),
                         yi_report_get_number (report, "satisfaction", "total", "rate"));
      GtkWidget *warning = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (warning), 0);
      gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
      gtk_widget_add_css_class (warning, "yi-reports-missed");
      gtk_widget_set_name (warning, "satisfaction_missed");
      gtk_box_append (GTK_BOX (box), warning);
    }

  gtk_grid_attach (GTK_GRID (grid), cell_new (row_header ? row_header : "", 0, "yi-cell-head", FALSE, FALSE), 0, 0, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    gtk_grid_attach (GTK_GRID (grid),
                     cell_new (yi_report_table_get_column_title (table, c), 1, "yi-cell-head", FALSE, FALSE),
                     (int) c + 1, 0, 1, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      gboolean total = row_is_total (table, r);
      gboolean shaded = r % 2 == 1;

      gtk_grid_attach (GTK_GRID (grid),
                       cell_new (yi_report_table_get_row_label (table, r), 0, "yi-cell-label", shaded, total),
                       0, (int) r + 1, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *text = yi_report_table_format_cell (table, r, c);
          GtkWidget *cell = cell_new (text, 1, "yi-cell-number", shaded, total);
          double value = yi_report_table_get_number (table, r, c);

          /* NaN (no ratings) is no miss */
          if (is_rate_of_satisfaction (table, c) && !isnan (value) && value < SATISFACTION_TARGET)
            gtk_widget_add_css_class (cell, "yi-cell-missed");
          /* Tests and screen readers find a cell by table, row and column. */
          {
            g_autofree char *name = g_strdup_printf ("%s/%s/%s", yi_report_table_get_id (table),
                                                     yi_report_table_get_row_key (table, r),
                                                     yi_report_table_get_column_id (table, c));
            gtk_widget_set_name (cell, name);
          }
          gtk_grid_attach (GTK_GRID (grid), cell, (int) c + 1, (int) r + 1, 1, 1);
        }
    }
  gtk_widget_add_css_class (grid, "yi-reports-grid");
  gtk_box_append (GTK_BOX (box), grid);

  if (note != NULL)
    {
      GtkWidget *n = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (n), 0);
      gtk_label_set_wrap (GTK_LABEL (n), TRUE);
      gtk_widget_add_css_class (n, "yi-reports-note");
      gtk_box_append (GTK_BOX (box), n);
    }
  return box;
}

char *
yi_staff_reports_parse_date (const char  *text,
                             GError     **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  gboolean digits = strlen (t) == 8;

  if (*t == '\0')
    {
      g_set_error_literal (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD,
                           _("Fill in the first and the last day, or pick them on the calendar."));
      return NULL;
    }
  for (const char *p = t; digits && *p; p++)
    digits = g_ascii_isdigit (*p);
  if (digits)
    return g_strdup_printf ("%.4s-%.2s-%.2s", t, t + 4, t + 6);
  return g_steal_pointer (&t);
}
