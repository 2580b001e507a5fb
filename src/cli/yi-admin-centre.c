#include "config.h"

#include "yi-admin-centre.h"
#include "yi-clock.h"
#include "yi-demo.h"
#include "yi-import.h"
#include "yi-tables.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A bar on the terminal only: piped output and logs stay clean. */
static void
show_progress (const char *stage,
               guint       done,
               guint       total,
               gpointer    user_data)
{
  const int width = 30;
  int filled;

  if (!isatty (STDERR_FILENO) || total == 0)
    return;
  filled = (int) ((guint64) done * width / total);
  fprintf (stderr, "\r%s [%.*s%*s] %3u%% %u/%u", stage,
           filled * 3, "■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■", width - filled, "",
           (guint) ((guint64) done * 100 / total), done, total);
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static void
show_import_progress (guint    done,
                      guint    total,
                      gpointer user_data)
{
  show_progress (_("Importing"), done, total, user_data);
}

int
yi_admin_import_elders (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiImportReport) report = NULL;
  const char *file = NULL;
  YiImportFlags flags = YI_IMPORT_FLAGS_NONE;
  gboolean ok;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--skip-bad") == 0)
        flags |= YI_IMPORT_FLAGS_SKIP_BAD;
      else if (file == NULL && argv[i][0] != '-')
        file = argv[i];
      else
        file = NULL, i = argc;
    }
  if (file == NULL)
    {
      g_printerr (_("Usage: yiyang-admin import-elders FILE.csv [--skip-bad]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;

  ok = yi_import_elders_from_file (store, file, flags, show_import_progress, NULL, &report, error);
  if (report != NULL)
    {
      for (guint i = 0; i < report->problems->len; i++)
        {
          YiImportProblem *p = report->problems->pdata[i];
          g_printerr (_("Line %u: %s\n"), p->line, p->message);
        }
    }
  if (!ok)
    return 1;
  g_print (_("Read %u rows (%s): %u added, %u updated, %u unchanged, %u skipped.\n"),
           report->rows, report->encoding, report->added, report->updated, report->unchanged, report->skipped);
  return 0;
}

static gboolean
parse_count (const char  *text,
             guint64      max,
             guint64     *out,
             GError     **error)
{
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a whole number from 0 to %u"), text ? text : "", (guint) max);
      return FALSE;
    }
  return TRUE;
}

int
yi_admin_demo_data (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  guint64 elders = 650, days = 90, seed = 1;
  gint64 started = g_get_monotonic_time ();

  for (int i = 1; i < argc; i++)
    {
      guint64 *target = strcmp (argv[i], "--elders") == 0 ? &elders :
                        strcmp (argv[i], "--days") == 0 ? &days :
                        strcmp (argv[i], "--seed") == 0 ? &seed : NULL;

      if (target == NULL || i + 1 >= argc)
        {
          g_printerr (_("Usage: yiyang-admin demo-data --elders N --days D [--seed S]\n"));
          return 2;
        }
      if (!parse_count (argv[++i], target == &seed ? G_MAXUINT32 : 100000, target, error))
        return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (!yi_demo_generate (store, (guint) elders, (guint) days, (guint32) seed, show_progress, NULL, error))
    return 1;
  g_print (_("Demo centre ready in %.1f s: %u elders, %u days. Staff logins: 王芳 (administrator) PIN 1234, 李师傅 (kitchen) PIN 5678.\n"),
           (g_get_monotonic_time () - started) / 1e6, (guint) elders, (guint) days);
  return 0;
}

