#include "config.h"

#include "yi-staff-reports-page-private.h"
#include "yi-staff-reports-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = yi_staff_reports_export_finish (result, &error);

  /* The page went away while the file was written. */
  if (self->toasts == NULL)
    return;
  self->exporting = FALSE;
  if (path != NULL)
    {
      g_autofree char *done = g_strdup_printf (_("Exported to %s"), path);

      yi_staff_reports_page_clear_error (self);
      yi_staff_reports_page_toast (self, done);
    }
  else
    {
      g_autofree char *failed = g_strdup_printf (_("The report was not saved: %s"), error->message);

      yi_staff_reports_page_show_error (self, failed);
    }
  yi_staff_reports_page_update_busy (self);
}

static void
start_export (YiStaffReportsPage *self,
              YiReportFormat      format,
              const char         *path)
{
  self->exporting = TRUE;
  yi_staff_reports_page_update_busy (self);
  yi_staff_reports_export_async (self, self->report, format, path, on_exported, NULL);
}

static void
on_save_response (GtkNativeDialog    *dialog,
                  int                 response,
                  YiStaffReportsPage *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    path = yi_staff_reports_save_dialog_get_path (self->chooser, self->chooser_format);
  if (path != NULL)
    start_export (self, self->chooser_format, path);
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
save_as (YiStaffReportsPage *self,
         YiReportFormat      format)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser_format = format;
  self->chooser = yi_staff_reports_save_dialog_new (GTK_WIDGET (self), self->report, format, self->export_dir);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
format_of (GVariant       *param,
           YiReportFormat *format)
{
  return yi_report_format_parse (g_variant_get_string (param, NULL), format, NULL);
}

void
yi_staff_reports_page_action_save_as (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (widget);
  YiReportFormat format;

  if (self->report != NULL && format_of (param, &format))
    save_as (self, format);
}

void
yi_staff_reports_page_action_export (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  YiReportFormat format;

  if (self->report == NULL || !format_of (param, &format))
    return;
  if (self->export_dir == NULL)
    {
      save_as (self, format);
      return;
    }
  if (!g_file_test (self->export_dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *message =
        g_strdup_printf (_("The folder %s is not there. Plug in the USB stick, or use “Save as…” to choose a folder."),
                         self->export_dir);

      yi_staff_reports_page_show_error (self, message);
      return;
    }
  name = yi_staff_reports_file_name (self->report, format);
  path = yi_staff_reports_unique_path (self->export_dir, name);
  start_export (self, format, path);
}
