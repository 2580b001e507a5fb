#include "config.h"

#include "bench-util.h"
#include "yi-idcard.h"
#include "yi-import.h"
#include "yi-store.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

/* A district's elder register of 100,000 rows, as a spreadsheet saved as
 * CSV, imported into an empty kiosk database; every row goes through the
 * store's write path (record, field clocks, outbox change, audit entry). */

#define N_ROWS 100000
#define MAX_RUNS 3

static GBytes *
make_sheet (guint n)
{
  GString *sheet = g_string_new ("姓名,性别,身份证号,出生日期,联系电话,住址,类别,紧急联系人,联系人电话,关系\n");

  for (guint i = 0; i < n; i++)
    {
      char birth[9];
      char first17[18];

      /* Distinct numbers: one birth date per 1,000 sequence numbers. */
      g_snprintf (birth, sizeof birth, "19%02u%02u%02u", 30 + (i / 1000) % 30, 1 + (i / 1000) % 12, 1 + (i / 30000) % 28);
      g_snprintf (first17, sizeof first17, "370102%s%03u", birth, i % 1000);
      g_string_append_printf (sheet, "老人%u,%s,%s%c,,13%09u,和平路%u号,%s,",
                              i, (i % 1000) % 2 ? "男" : "女", first17, yi_idcard_check_digit (first17),
                              i, i % 200, i % 10 == 0 ? "低保" : "");
      /* A quarter of the elders have a family contact on the sheet. */
      if (i % 4 == 0)
        g_string_append_printf (sheet, "家属%u,139%08u,子女\n", i, i);
      else
        g_string_append (sheet, ",,\n");
    }
  return g_string_free_to_bytes (sheet);
}

int
main (int argc, char **argv)
{
  g_autoptr(GBytes) sheet = NULL;
  double wall[MAX_RUNS], cpu[MAX_RUNS];
  guint runs = MAX_RUNS;
  guint n_rows = N_ROWS;

  setlocale (LC_ALL, "");
  /* bench-import [RUNS [ROWS]]: fewer runs or rows when profiling */
  if (argc > 1)
    runs = CLAMP (atoi (argv[1]), 1, MAX_RUNS);
  if (argc > 2)
    n_rows = CLAMP (atoi (argv[2]), 1, N_ROWS);
  g_setenv ("YIYANG_NOW", "2026-03-02T08:30:00Z", TRUE);
  sheet = make_sheet (n_rows);
  g_printerr ("# %u rows, %.1f MiB of CSV\n", n_rows, g_bytes_get_size (sheet) / 1048576.0);

  for (guint run = 0; run < runs; run++)
    {
      g_autofree char *dir = g_dir_make_tmp ("yiyang-bench-import-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(YiImportReport) report = NULL;
      g_autoptr(YiStore) store = yi_store_open (path, &error);
      gint64 start;
      double cpu_start;

      if (store == NULL)
        g_error ("%s", error->message);
      start = g_get_monotonic_time ();
      cpu_start = yi_bench_cpu_ms ();
      if (!yi_import_elders (store, sheet, YI_IMPORT_FLAGS_NONE, NULL, NULL, &report, &error))
        g_error ("the import failed: %s", error->message);
      wall[run] = (g_get_monotonic_time () - start) / 1e6;
      cpu[run] = (yi_bench_cpu_ms () - cpu_start) / 1000;
      if (report->added != n_rows ||
          yi_store_count (store, "SELECT count(*) FROM outbox", NULL) <
          yi_store_count (store, "SELECT count(*) FROM elders", NULL) +
          yi_store_count (store, "SELECT count(*) FROM elder_contacts", NULL) +
          yi_store_count (store, "SELECT count(*) FROM elder_categories", NULL))
        g_error ("the import left records without their outbox changes");
      g_printerr ("# run %u: %.2f s (%.2f s of processor time)\n", run + 1, wall[run], cpu[run]);
      g_clear_object (&store);
      yi_bench_remove_dir (dir);
    }
  yi_bench_print_spread ("import_100k_elders", wall, runs, "s");
  yi_bench_print_spread ("import_100k_elders_cpu", cpu, runs, "s");
  return 0;
}
