#include "config.h"

#include "yi-csv.h"

#include <string.h>

static GPtrArray *
read_all (const char  *text,
          GArray      *lines,
          GError     **error)
{
  g_autoptr(YiCsvReader) reader = yi_csv_reader_new (text);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrv fields;
  guint line;

  while ((fields = yi_csv_reader_next (reader, &line, error)) != NULL)
    {
      g_ptr_array_add (records, fields);
      if (lines)
        g_array_append_val (lines, line);
    }
  if (error && *error)
    return NULL;
  return g_steal_pointer (&records);
}

static void
assert_fields (GStrv fields, ...)
{
  va_list args;
  const char *expected;
  guint i = 0;

  va_start (args, fields);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (fields[i]);
      g_assert_cmpstr (fields[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_null (fields[i]);
}

static void
test_csv_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) r = read_all ("a,b,c\r\n1,,3\r\n\r\n\n", lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 2);
  assert_fields (r->pdata[0], "a", "b", "c", NULL);
  assert_fields (r->pdata[1], "1", "", "3", NULL);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 2);
}

static void
test_csv_quotes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) r = read_all ("name,note\n\"张, 桂英\",\"他说\"\"好\"\"\"\n"
                                     "\"王\",\"第一行\r\n第二行\"\n"
                                     "李,5\" 屏\n"
                                     "last,\"\"", lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 5);
  assert_fields (r->pdata[1], "张, 桂英", "他说\"好\"", NULL);
  assert_fields (r->pdata[2], "王", "第一行\r\n第二行", NULL);
  assert_fields (r->pdata[3], "李", "5\" 屏", NULL);
  assert_fields (r->pdata[4], "last", "", NULL);
  /* The record after an embedded line break starts two lines later. */
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 3), ==, 5);
}

static void
test_csv_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = read_all ("a,b\n1,2\n3,\"open\nmore\n", NULL, &error);

  g_assert_null (r);
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);

  r = read_all ("a,b\n\"x\"y,2\n", NULL, &error);
  g_assert_null (r);
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Line 2"));
}

static void
test_csv_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = read_all ("", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  r = read_all ("\r\n\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 0);
}

static void
test_csv_decode (void)
{
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;
  const char *utf8 = "姓名,性别\n张桂英,女\n";
  g_autofree char *bom = g_strconcat ("\xEF\xBB\xBF", utf8, NULL);
  g_autofree char *gb = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *text = NULL;
  gsize gb_len = 0, utf16_len = 0;

  text = yi_csv_decode (bom, strlen (bom), &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_clear_pointer (&text, g_free);

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &gb_len, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate_len (gb, gb_len, NULL));
  text = yi_csv_decode (gb, gb_len, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, utf8);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_clear_pointer (&text, g_free);

  utf16 = g_convert (bom, -1, "UTF-16LE", "UTF-8", NULL, &utf16_len, &error);
  g_assert_no_error (error);
  text = yi_csv_decode (utf16, utf16_len, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
  g_clear_error (&error);

  /* 0x80 and 0xFF are not text in either encoding. */
  text = yi_csv_decode ("a,b\n\x80\xFF,c\n", 9, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  /* A BOM promises UTF-8; broken bytes after it are damage. */
  text = yi_csv_decode ("\xEF\xBB\xBF" "a\n\xC3", 6, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_ENCODING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/plain", test_csv_plain);
  g_test_add_func ("/csv/quotes", test_csv_quotes);
  g_test_add_func ("/csv/errors", test_csv_errors);
  g_test_add_func ("/csv/empty", test_csv_empty);
  g_test_add_func ("/csv/decode", test_csv_decode);
  return g_test_run ();
}
