#include "config.h"

#include "test-reports-data.h"
#include "yi-report.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

/* A large centre (1,200 elders, about 100 check-ins a working day) with a
 * year of records; the median time to compute its yearly report. */

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_ms (YiStore *store, const char *from, const char *to, int runs)
{
  double times[16];

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(YiReport) report = yi_report_compute (store, from, to, &error);

      if (report == NULL)
        g_error ("report failed: %s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, (size_t) runs, sizeof times[0], compare_doubles);
  return times[runs / 2];
}

int
main (int argc, char **argv)
{
  const YiTestCentre centre = { "大型日间照料中心", 7, 1200, "2025-01-01", 365, 100 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(YiStore) store = NULL;
  gint64 start;

  setlocale (LC_ALL, "");
  store = yi_store_open (path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!yi_test_generate_centre (store, &centre, &error))
    g_error ("generating the centre failed: %s", error->message);
  g_printerr ("# generated %" G_GINT64_FORMAT " attendance rows in %.1f s\n",
              yi_store_count (store, "SELECT count(*) FROM attendance", NULL),
              (g_get_monotonic_time () - start) / 1e6);

  printf ("BENCH report_year_ms %.1f ms\n", median_ms (store, "2025-01-01", "2025-12-31", 7));
  printf ("BENCH report_month_ms %.1f ms\n", median_ms (store, "2025-06-01", "2025-06-30", 7));

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
