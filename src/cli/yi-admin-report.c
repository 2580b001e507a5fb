#include "config.h"

#include "yi-admin.h"
#include "yi-admin-report.h"
#include "yi-report.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* yiyang-admin report: the civil-affairs statistics for a period, written
 * as a spreadsheet, a CSV file or a printable PDF. */

static gboolean
check_output (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("%s is a folder; give a file name for the report"), path);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The folder %s does not exist"), dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0 || (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("Cannot write %s: permission denied"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
format_from_name (const char     *path,
                  YiReportFormat *format)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && yi_report_format_parse (dot + 1, format, NULL);
}

int
yi_admin_cmd_report (int argc, char **argv, GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *today = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day (YYYY-MM-DD)"), N_("DATE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("this-month, last-month, this-quarter, last-quarter, this-year, last-year, 2026, 2026Q3 or 2026-07"),
      N_("PERIOD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("xlsx, csv or pdf (default: from the file name)"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON instead"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— statistics for the civil-affairs office"));
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiReport) report = NULL;
  YiReportFormat format = YI_REPORT_FORMAT_XLSX;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse (ctx, &argc, &argv, error))
    return 2;
  if (argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("Unexpected argument “%s”"), argv[1]);
      return 2;
    }
  if (period != NULL && (from != NULL || to != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give either --period or --from and --to, not both"));
      return 2;
    }
  if (period == NULL && (from == NULL || to == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Say which days to report: --from DATE --to DATE, or --period (for example --period last-month)"));
      return 2;
    }
  if (!json)
    {
      if (output == NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("Say where to save the report: --output FILE"));
          return 2;
        }
      if (format_name != NULL)
        {
          if (!yi_report_format_parse (format_name, &format, error))
            return 2;
        }
      else if (!format_from_name (output, &format))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("Say which format to write: --format xlsx, csv or pdf"));
          return 2;
        }
      if (!check_output (output, error))
        return 1;
    }

  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (period != NULL)
    {
      today = yi_store_today (store);
      if (!yi_report_period_parse (period, today, &from, &to, error))
        return 2;
    }
  else if (!yi_report_period_check (from, to, error))
    return 2;

  report = yi_report_compute (store, from, to, error);
  if (report == NULL)
    return 1;
  if (json)
    {
      g_autofree char *text = yi_report_to_json_string (report);

      g_print ("%s\n", text);
      return 0;
    }
  if (!yi_report_export (report, format, output, error))
    return 1;
  g_print (_("Report for %s to %s saved as %s\n"), from, to, output);
  return 0;
}
