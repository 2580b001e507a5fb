#include "config.h"

#include "yi-clock.h"
#include "yi-staff-reports-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The page's work off the main loop: counting the figures (a year of a
 * large centre takes a while) and writing the files; and the files' names. */

const char *
yi_staff_reports_format_extension (YiReportFormat format)
{
  switch (format)
    {
    case YI_REPORT_FORMAT_CSV:
      return "csv";
    case YI_REPORT_FORMAT_PDF:
      return "pdf";
    case YI_REPORT_FORMAT_XLSX:
    default:
      return "xlsx";
    }
}

/* The period as it reads in a file name: no spaces, no slashes. */
static char *
period_for_file (const char *from,
                 const char *to)
{
  int fy, fm, fd, ty, tm, td;

  if (yi_date_parse (from, &fy, &fm, &fd) && yi_date_parse (to, &ty, &tm, &td) &&
      fd == 1 && fy == ty && td == g_date_get_days_in_month ((GDateMonth) tm, (GDateYear) ty))
    {
      if (fm == 1 && tm == 12)
        /* TRANSLATORS: a whole year in a file name, no spaces */
        return g_strdup_printf (C_("file name", "%d"), fy);
      if (fm == tm)
        /* TRANSLATORS: a month in a file name (year, month), no spaces */
        return g_strdup_printf (C_("file name", "%d-%02d"), fy, fm);
      if ((fm - 1) % 3 == 0 && tm == fm + 2)
        /* TRANSLATORS: a quarter in a file name (year, quarter), no spaces */
        return g_strdup_printf (C_("file name", "%dQ%d"), fy, (fm - 1) / 3 + 1);
    }
  /* TRANSLATORS: a range of days in a file name, no spaces */
  return g_strdup_printf (C_("file name", "%s_to_%s"), from, to);
}

char *
yi_staff_reports_file_name (YiReport       *report,
                            YiReportFormat  format)
{
  g_autofree char *period = period_for_file (yi_report_get_from (report), yi_report_get_to (report));
  g_autofree char *centre = g_strdup (yi_report_get_title (report));

  /* A centre's name is typed by people; keep it to what every file system takes. */
  g_strdelimit (g_strstrip (centre), "/\\:*?\"<>|", '_');
  return g_strdup_printf ("%s-%s.%s", centre, period, yi_staff_reports_format_extension (format));
}

char *
yi_staff_reports_unique_path (const char *dir,
                              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *next = g_strdup_printf ("%s (%u)%s", stem, n, dot ? dot : "");

      g_free (path);
      path = g_build_filename (dir, next, NULL);
    }
  return g_steal_pointer (&path);
}

typedef struct {
  YiReport       *report;
  YiReportFormat  format;
  char           *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_object_unref (job->report);
  g_free (job->path);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;

  if (yi_report_export (job->report, job->format, job->path, &error))
    g_task_return_pointer (task, g_strdup (job->path), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
yi_staff_reports_export_async (gpointer             source,
                               YiReport            *report,
                               YiReportFormat       format,
                               const char          *path,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, NULL, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->report = g_object_ref (report);
  job->format = format;
  job->path = g_strdup (path);
  g_task_set_source_tag (task, yi_staff_reports_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

char *
yi_staff_reports_export_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, yi_staff_reports_export_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GtkFileChooserNative *
yi_staff_reports_save_dialog_new (GtkWidget      *parent,
                                  YiReport       *report,
                                  YiReportFormat  format,
                                  const char     *folder)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *name = yi_staff_reports_file_name (report, format);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Save the report"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Save"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  switch (format)
    {
    case YI_REPORT_FORMAT_CSV:
      gtk_file_filter_set_name (filter, _("CSV file"));
      break;
    case YI_REPORT_FORMAT_PDF:
      gtk_file_filter_set_name (filter, _("PDF document"));
      break;
    case YI_REPORT_FORMAT_XLSX:
    default:
      gtk_file_filter_set_name (filter, _("Excel workbook"));
      break;
    }
  gtk_file_filter_add_suffix (filter, yi_staff_reports_format_extension (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  return dialog;
}

char *
yi_staff_reports_save_dialog_get_path (GtkFileChooserNative *dialog,
                                       YiReportFormat        format)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *suffix = g_strconcat (".", yi_staff_reports_format_extension (format), NULL);
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return NULL;
  lower = g_utf8_strdown (path, -1);
  /* The format is the button's, whatever name was typed. */
  if (!g_str_has_suffix (lower, suffix))
    return g_strconcat (path, suffix, NULL);
  return g_steal_pointer (&path);
}

typedef struct {
  char *path;
  char *from;
  char *to;
} ComputeRequest;

static void
compute_request_free (gpointer data)
{
  ComputeRequest *req = data;

  g_free (req->path);
  g_free (req->from);
  g_free (req->to);
  g_free (req);
}

static void
compute_into_task (GTask          *task,
                   YiStore        *store,
                   ComputeRequest *req)
{
  g_autoptr(GError) error = NULL;
  YiReport *report = yi_report_compute (store, req->from, req->to, &error);

  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/* A connection of its own: SQLite connections are not shared across
 * threads here, and WAL lets this one read while the kiosk writes. */
static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  ComputeRequest *req = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (req->path, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    compute_into_task (task, store, req);
}

void
yi_staff_reports_compute_async (gpointer             source,
                                YiStore             *store,
                                const char          *from,
                                const char          *to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  ComputeRequest *req = g_new0 (ComputeRequest, 1);
  const char *path = yi_store_get_path (store);

  req->path = g_strdup (path);
  req->from = g_strdup (from);
  req->to = g_strdup (to);
  g_task_set_source_tag (task, yi_staff_reports_compute_async);
  g_task_set_task_data (task, req, compute_request_free);
  /* A database in memory cannot be opened twice; only tests use one. */
  if (g_strcmp0 (path, ":memory:") == 0)
    compute_into_task (task, store, req);
  else
    g_task_run_in_thread (task, compute_in_thread);
}

YiReport *
yi_staff_reports_compute_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, yi_staff_reports_compute_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
