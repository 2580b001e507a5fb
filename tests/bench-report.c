#include "config.h"

#include "test-reports-data.h"
#include "yi-report.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

/* A large centre (1,200 elders, about 100 check-ins a working day) with a
 * year of records; the median time to compute its yearly report. */

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Median wall-clock and processor time of @runs reports.  The processor
 * time says what the report costs when the machine is busy with others. */
static void
measure (YiStore *store, const char *name, const char *from, const char *to, int runs)
{
  double wall[16], cpu[16];

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(YiReport) report = yi_report_compute (store, from, to, &error);

      if (report == NULL)
        g_error ("report failed: %s", error->message);
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }
  qsort (wall, (size_t) runs, sizeof wall[0], compare_doubles);
  qsort (cpu, (size_t) runs, sizeof cpu[0], compare_doubles);
  printf ("BENCH %s_ms %.1f ms\n", name, wall[runs / 2]);
  printf ("BENCH %s_cpu_ms %.1f ms\n", name, cpu[runs / 2]);
}

/* One more yearly report with SQLite's profile trace on: its statements,
 * slowest first, on stderr. */
static int
on_statement_done (unsigned type, void *data, void *stmt, void *ns)
{
  GHashTable *times = data;
  const char *sql = sqlite3_sql (stmt);
  gint64 *total;

  if (sql == NULL)
    return 0;
  total = g_hash_table_lookup (times, sql);
  if (total == NULL)
    g_hash_table_insert (times, g_strdup (sql), total = g_new0 (gint64, 1));
  *total += *(sqlite3_int64 *) ns;
  return 0;
}

static GHashTable *statement_times;

static int
compare_statements (gconstpointer a, gconstpointer b)
{
  gint64 x = *(gint64 *) g_hash_table_lookup (statement_times, *(char **) a);
  gint64 y = *(gint64 *) g_hash_table_lookup (statement_times, *(char **) b);

  return (x < y) - (x > y);
}

static void
print_statements (YiStore *store, const char *from, const char *to)
{
  g_autoptr(YiReport) report = NULL;
  g_autofree char **sql = NULL;
  guint n;

  statement_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_trace_v2 (yi_store_get_db (store), SQLITE_TRACE_PROFILE, on_statement_done, statement_times);
  report = yi_report_compute (store, from, to, NULL);
  sqlite3_trace_v2 (yi_store_get_db (store), 0, NULL, NULL);
  sql = (char **) g_hash_table_get_keys_as_array (statement_times, &n);
  qsort (sql, n, sizeof (char *), compare_statements);
  for (guint i = 0; i < MIN (n, 6); i++)
    g_printerr ("# %6.1f ms  %.150s\n", *(gint64 *) g_hash_table_lookup (statement_times, sql[i]) / 1e6, sql[i]);
  g_clear_pointer (&statement_times, g_hash_table_unref);
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
  gboolean reuse;
  gint64 start;

  setlocale (LC_ALL, "");
  /* bench-report DB: keep the generated centre there, or reuse it */
  if (argc > 1)
    {
      g_free (path);
      path = g_strdup (argv[1]);
    }
  reuse = g_file_test (path, G_FILE_TEST_EXISTS);
  store = yi_store_open (path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!reuse && !yi_test_generate_centre (store, &centre, &error))
    g_error ("generating the centre failed: %s", error->message);
  g_printerr ("# %" G_GINT64_FORMAT " elders, %" G_GINT64_FORMAT " attendance rows, %" G_GINT64_FORMAT
              " events; generated in %.1f s\n",
              yi_store_count (store, "SELECT count(*) FROM elders", NULL),
              yi_store_count (store, "SELECT count(*) FROM attendance", NULL),
              yi_store_count (store, "SELECT count(*) FROM outbox WHERE kind = 'event'", NULL),
              (g_get_monotonic_time () - start) / 1e6);

  measure (store, "report_year", "2025-01-01", "2025-12-31", 7);
  measure (store, "report_month", "2025-06-01", "2025-06-30", 7);
  print_statements (store, "2025-01-01", "2025-12-31");

  g_clear_object (&store);
  if (argc > 1)
    return 0;
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
