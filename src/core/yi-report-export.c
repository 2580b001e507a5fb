#include "config.h"

#include "yi-report-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

char *
yi_report_heading (YiReport *self)
{
  g_autofree char *period = yi_report_period_label (yi_report_get_from (self),
                                                              yi_report_get_to (self));

  return g_strdup_printf ("%s · %s", yi_report_get_title (self), period);
}

gboolean
yi_report_format_parse (const char      *name,
                        YiReportFormat  *format,
                        GError         **error)
{
  if (g_ascii_strcasecmp (name, "xlsx") == 0)
    *format = YI_REPORT_FORMAT_XLSX;
  else if (g_ascii_strcasecmp (name, "csv") == 0)
    *format = YI_REPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name, "pdf") == 0)
    *format = YI_REPORT_FORMAT_PDF;
  else
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "“%s” is not a report format; use xlsx, csv or pdf"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_report_export (YiReport        *self,
                  YiReportFormat   format,
                  const char      *path,
                  GError         **error)
{
  switch (format)
    {
    case YI_REPORT_FORMAT_XLSX:
      return yi_report_write_xlsx (self, path, error);
    case YI_REPORT_FORMAT_CSV:
      return yi_report_write_csv (self, path, error);
    case YI_REPORT_FORMAT_PDF:
    default:
      return yi_report_write_pdf (self, path, error);
    }
}

char *
yi_report_temp_path (const char *path)
{
  return g_strconcat (path, ".part", NULL);
}

gboolean
yi_report_commit_file (const char  *temp_path,
                       const char  *path,
                       GError     **error)
{
  if (g_rename (temp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (temp_path);
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE,
                   C_("report", "Could not save the report as %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
