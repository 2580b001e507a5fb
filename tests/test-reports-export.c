#include "config.h"

#include "test-reports.h"
#include "test-reports-zip.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The report's JSON, CSV, XLSX and PDF read back: each carries the same
 * figures as the report computed over the generated centre, in a form an
 * office's tools open; and a failed export keeps what was there. */

static void
test_json (void)
{
  g_autoptr(YiReport) r = test_reports_compute (test_reports_store_a (), FROM, TO);
  g_autofree char *text = yi_report_to_json_string (r);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *tables;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, FROM);
  tables = json_object_get_array_member (root, "tables");
  g_assert_cmpuint (json_array_get_length (tables), ==, yi_report_get_tables (r)->len);
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);

      if (strcmp (json_object_get_string_member (t, "id"), "elders_age") == 0)
        {
          JsonArray *rows = json_object_get_array_member (t, "rows");
          JsonObject *total = json_array_get_object_element (rows, json_array_get_length (rows) - 1);

          g_assert_cmpint (json_object_get_int_member (total, "total"), ==,
                           yi_report_get_value (r, "elders_age", "total", "total"));
        }
    }
}

static char *
build_file (const char *name)
{
  return g_test_build_filename (G_TEST_BUILT, name, NULL);
}

static void
test_csv (void)
{
  g_autoptr(YiReport) r = test_reports_compute (test_reports_store_a (), FROM, TO);
  g_autofree char *path = build_file ("report-test.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len;
  gboolean in_age = FALSE, saw_total = FALSE;
  int fields_in_block = -1;

  g_assert_true (yi_report_write_csv (r, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  g_assert_cmpmem (text, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_utf8_validate (text, (gssize) len, NULL));
  g_assert_nonnull (strstr (text, "\r\n"));

  lines = g_strsplit (text + 3, "\r\n", -1);
  g_assert_nonnull (strstr (lines[0], test_reports_centre_a.centre_name));
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = NULL;
      int n;

      if (lines[i][0] == '\0')
        {
          fields_in_block = -1;
          in_age = FALSE;
          continue;
        }
      if (lines[i][0] == '[')
        {
          in_age = strstr (lines[i], "按年龄") != NULL;
          fields_in_block = 0;
          continue;
        }
      if (strchr (lines[i], '"') != NULL)
        continue;   /* a quoted note */
      f = g_strsplit (lines[i], ",", -1);
      n = (int) g_strv_length (f);
      if (fields_in_block == 0)
        {
          fields_in_block = n;
          if (in_age)
            {
              g_assert_cmpstr (f[0], ==, "年龄");
              g_assert_cmpstr (f[1], ==, "男");
              g_assert_cmpstr (f[2], ==, "女");
              g_assert_cmpstr (f[3], ==, "合计");
            }
        }
      else if (fields_in_block > 0 && n > 1)
        {
          g_assert_cmpint (n, ==, fields_in_block);
          if (in_age && strcmp (f[0], "合计") == 0)
            {
              g_assert_cmpint (g_ascii_strtoll (f[3], NULL, 10), ==,
                               yi_report_get_value (r, "elders_age", "total", "total"));
              saw_total = TRUE;
            }
        }
    }
  g_assert_true (saw_total);
}

/* The <c> element holding @value as a number (not a shared string). */
static gboolean
sheet_has_number (const char *xml,
                  const char *value)
{
  g_autofree char *needle = g_strdup_printf ("<v>%s</v>", value);

  for (const char *p = strstr (xml, needle); p; p = strstr (p + 1, needle))
    {
      const char *open = g_strrstr_len (xml, p - xml, "<c ");

      if (open && g_strstr_len (open, p - open, "t=\"s\"") == NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_xlsx (void)
{
  g_autoptr(YiReport) r = test_reports_compute (test_reports_store_a (), FROM, TO);
  g_autofree char *path = build_file ("report-test.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *sheet1 = NULL;
  g_autofree char *sheet5 = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            yi_report_get_value (r, "elders_age", "total", "total"));
  g_autofree char *sessions = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               yi_report_get_value (r, "activities_by_kind", "total", "sessions"));

  g_assert_true (yi_report_write_xlsx (r, path, &error));
  g_assert_no_error (error);
  strings = yi_test_zip_read (path, "xl/sharedStrings.xml", &error);
  g_assert_no_error (error);
  sheet1 = yi_test_zip_read (path, "xl/worksheets/sheet1.xml", &error);
  sheet5 = yi_test_zip_read (path, "xl/worksheets/sheet5.xml", &error);
  workbook = yi_test_zip_read (path, "xl/workbook.xml", &error);
  styles = yi_test_zip_read (path, "xl/styles.xml", &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (workbook, "name=\"老人\""));
  g_assert_nonnull (strstr (workbook, "name=\"助餐\""));
  g_assert_nonnull (strstr (strings, test_reports_centre_a.centre_name));
  g_assert_nonnull (strstr (strings, "<t>年龄</t>"));
  g_assert_nonnull (strstr (strings, "<t>男</t>"));
  g_assert_nonnull (strstr (strings, "<t>按年龄和性别统计的老人</t>"));
  g_assert_nonnull (strstr (strings, "三无"));
  g_assert_nonnull (strstr (styles, "<b/>"));
  g_assert_nonnull (strstr (sheet1, "<col "));
  g_assert_true (sheet_has_number (sheet1, total));
  g_assert_true (sheet_has_number (sheet5, sessions));
}

static void
test_pdf (void)
{
  g_autoptr(YiReport) r = test_reports_compute (test_reports_store_a (), FROM, TO);
  g_autoptr(YiReport) year = test_reports_compute (test_reports_store_a (), "2026-01-01", "2026-12-31");
  g_autofree char *path = build_file ("report-test.pdf");
  g_autofree char *year_path = build_file ("report-test-year.pdf");
  g_autofree char *pages = build_file ("report-pages");
  g_autofree char *prefix = g_build_filename (pages, "page", NULL);
  g_autofree char *year_prefix = g_build_filename (pages, "year", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  guint n_pages = 0;
  GDir *dir;
  const char *name;

  g_assert_true (yi_report_write_pdf (r, path, &error));
  g_assert_true (yi_report_write_pdf (year, year_path, &error));
  g_assert_no_error (error);
  g_mkdir_with_parents (pages, 0755);
  dir = g_dir_open (pages, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *old = g_build_filename (pages, name, NULL);
      g_unlink (old);
    }
  g_clear_pointer (&dir, g_dir_close);

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdftoppm", "-r", "110", "-png", path, prefix, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1",
                                                  year_path, year_prefix, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  dir = g_dir_open (pages, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *png = g_build_filename (pages, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (png, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 20000);   /* not a blank page */
        n_pages++;
      }
  g_dir_close (dir);
  g_assert_cmpuint (n_pages, >=, 3);
  g_test_message ("PDF pages rendered to %s", pages);

  /* The Chinese text is real text, in the right fonts, not boxes. */
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "pdftotext", "-l", "1", path, "-", NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, test_reports_centre_a.centre_name));
  g_assert_nonnull (strstr (text, "统计报表"));
  first = g_strdup_printf ("第 1 页，共 %u 页", n_pages);
  g_assert_nonnull (strstr (text, first));
}

static void
test_export_errors (void)
{
  g_autoptr(YiReport) r = test_reports_compute (test_reports_store_a (), "2026-07-01", "2026-07-31");
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = build_file ("report-keep.pdf");
  g_autofree char *blocker = g_strconcat (existing, ".part", NULL);
  g_autofree char *kept = NULL;
  YiReportFormat format;

  g_assert_false (yi_report_write_xlsx (r, "/nonexistent-dir/r.xlsx", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (yi_report_write_pdf (r, "/nonexistent-dir/r.pdf", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (yi_report_write_csv (r, "/nonexistent-dir/r.csv", &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (yi_report_format_parse ("docx", &format, &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_clear_error (&error);

  /* A failed export leaves an earlier file of that name as it was (the
   * temporary file cannot be made: a folder is in its place). */
  g_assert_true (g_file_set_contents (existing, "earlier", -1, NULL));
  g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
  g_assert_false (yi_report_write_pdf (r, existing, &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_false (yi_report_write_xlsx (r, existing, &error));
  g_assert_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_WRITE);
  g_assert_true (g_file_get_contents (existing, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "earlier");
  g_rmdir (blocker);
}

void
test_reports_add_export_tests (void)
{
  g_test_add_func ("/reports/json", test_json);
  g_test_add_func ("/reports/csv", test_csv);
  g_test_add_func ("/reports/xlsx", test_xlsx);
  g_test_add_func ("/reports/pdf", test_pdf);
  g_test_add_func ("/reports/export-errors", test_export_errors);
}
