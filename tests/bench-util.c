#include "config.h"

#include "bench-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double
yi_bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

double
yi_bench_children_cpu_ms (void)
{
  struct rusage ru;

  if (getrusage (RUSAGE_CHILDREN, &ru) != 0)
    return 0;
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

double
yi_bench_process_cpu_ms (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (pid == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  /* The name in parentheses may hold spaces; fields count from after it. */
  after_name = strrchr (text, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;
  /* utime and stime are fields 14 and 15 of the whole line. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

double
yi_bench_rss_mib (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "VmRSS:")) == NULL)
    g_error ("Cannot read the memory of process %s from %s", pid, path);
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank: the p99 of 100 values is the 99th, of 7 the largest. */
double
yi_bench_quantile (double *values,
                   guint   n,
                   double  q)
{
  guint rank;

  if (n == 0)
    return 0;
  qsort (values, n, sizeof values[0], compare_doubles);
  if (q == 0.5)
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  rank = (guint) ceil (q * n);
  return values[CLAMP (rank, 1, n) - 1];
}

void
yi_bench_print (const char *name,
                double      value,
                const char *unit)
{
  printf ("BENCH %s %.*f %s\n", name, value >= 100 ? 0 : value >= 10 ? 1 : 2, value, unit);
  fflush (stdout);
}

void
yi_bench_print_spread (const char *name,
                       double     *values,
                       guint       n,
                       const char *unit)
{
  g_autofree char *median = g_strconcat (name, "_median", NULL);
  g_autofree char *p99 = g_strconcat (name, "_p99", NULL);

  yi_bench_print (median, yi_bench_quantile (values, n, 0.5), unit);
  yi_bench_print (p99, yi_bench_quantile (values, n, 0.99), unit);
}

void
yi_bench_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        yi_bench_remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
