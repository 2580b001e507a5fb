/* A spreadsheet saved as CSV, as staff bring it on a USB stick: decoded
 * (UTF-8 or GB18030), read record by record, then imported into a real
 * store, first all-or-nothing and, when rows are bad, again leaving the bad
 * rows out.  The counts must add up and a refused import writes nothing. */

#include "config.h"

#include "fuzz-common.h"
#include "yi-csv.h"
#include "yi-import.h"
#include "yi-store.h"

static YiStore *store;

static void
read_records (const char *data,
              gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = yi_csv_decode (data, size, NULL, &error);
  g_autoptr(YiCsvReader) reader = NULL;
  guint last_line = 0;
  GStrv record;

  if (text == NULL)
    {
      yi_fuzz_check (error != NULL && error->domain == YI_CSV_ERROR);
      return;
    }
  yi_fuzz_check (g_utf8_validate (text, -1, NULL));
  reader = yi_csv_reader_new (text);
  for (;;)
    {
      guint line = 0;

      record = yi_csv_reader_next (reader, &line, &error);
      if (record == NULL)
        break;
      yi_fuzz_check (line > last_line);
      last_line = line;
      for (guint i = 0; record[i] != NULL; i++)
        yi_fuzz_check (g_utf8_validate (record[i], -1, NULL));
      g_strfreev (record);
    }
  yi_fuzz_check (error == NULL || error->domain == YI_CSV_ERROR);
}

static gint64
count_elders (void)
{
  return yi_store_count (store, "SELECT count(*) FROM elders", NULL);
}

static void
check_report (YiImportReport *report)
{
  if (report == NULL)
    return;
  yi_fuzz_check (report->added + report->updated + report->unchanged + report->skipped <= report->rows);
  for (guint i = 0; i < report->problems->len; i++)
    {
      YiImportProblem *problem = g_ptr_array_index (report->problems, i);

      yi_fuzz_check (problem->message != NULL && g_utf8_validate (problem->message, -1, NULL));
    }
}

static void
import (const char *data,
        gsize       size)
{
  g_autoptr(GBytes) contents = g_bytes_new (data, size);
  g_autoptr(YiImportReport) report = NULL;
  g_autoptr(YiImportReport) skipping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) skip_error = NULL;
  gint64 before = count_elders ();

  if (!yi_import_elders (store, contents, YI_IMPORT_FLAGS_NONE, NULL, NULL, &report, &error))
    {
      yi_fuzz_check (error != NULL && error->message != NULL);
      yi_fuzz_check (count_elders () == before);
      check_report (report);
      if (!g_error_matches (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_BAD_ROWS))
        return;
      if (!yi_import_elders (store, contents, YI_IMPORT_FLAGS_SKIP_BAD, NULL, NULL, &skipping, &skip_error))
        {
          yi_fuzz_check (skip_error != NULL);
          yi_fuzz_check (count_elders () == before);
          return;
        }
      check_report (skipping);
      yi_fuzz_check (count_elders () == before + skipping->added);
      return;
    }
  check_report (report);
  yi_fuzz_check (report->skipped == 0 && report->problems->len == 0);
  yi_fuzz_check (count_elders () == before + report->added);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      yi_fuzz_setup (FALSE);
      store = yi_store_open (":memory:", &error);
      g_assert_no_error (error);
    }
  if (size > 256 * 1024)
    return 0;
  read_records ((const char *) data, size);
  import ((const char *) data, size);
  return 0;
}
