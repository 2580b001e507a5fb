#include "config.h"

#include "yi-csv.h"
#include "yi-idcard.h"
#include "yi-import.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char    *dir;
  YiStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("yiyang-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *name;
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);

  g_clear_object (&f->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* A valid 身份证号 for a birth date (YYYYMMDD) and a sequence number, whose
 * parity gives the gender (odd: male). */
static char *
id_number (const char *birth, int seq)
{
  char first17[18];

  g_snprintf (first17, sizeof first17, "370102%s%03d", birth, seq);
  return g_strdup_printf ("%s%c", first17, yi_idcard_check_digit (first17));
}

static gboolean
import_text (Fixture          *f,
             const char       *text,
             gssize            len,
             YiImportFlags     flags,
             YiImportReport  **report,
             GError          **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return yi_import_elders (f->store, bytes, flags, NULL, NULL, report, error);
}

static gint64
count (Fixture *f, const char *sql)
{
  return yi_store_count (f->store, sql, NULL);
}

static char *
good_sheet (void)
{
  g_autofree char *a = id_number ("19491231", 2);    /* female */
  g_autofree char *b = id_number ("19380105", 11);   /* male */
  g_autofree char *c = id_number ("19560620", 24);

  return g_strdup_printf ("\xEF\xBB\xBF" "序号,姓名,性别,身份证号,出生日期,联系电话,住址,户籍地,居住地,街道,类别,紧急联系人,紧急联系电话,与老人关系,居住状况,饮食,备注\r\n"
                          "1,张桂英,女,%s,1949年12月31日,138 0531 1234,和平路12号,山东省济南市,历下区,和平路,\"低保、独居\",李明,13900001111,儿子,独居,低盐,\"爱唱歌, 耳背\"\r\n"
                          "2,王德明,男,%s,1938/1/5,053186001234,文化东路3号,,,文化东路,高龄，空巢；失能,,,,空巢,软食,\r\n"
                          "3,刘秀兰,F,%s,19560620,,花园路8号,,,花园路,,,,,与配偶同住,,\r\n"
                          ",,,,,,,,,,,,,,,,\r\n",
                          a, b, c);
}

static void
test_import_good (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  g_autofree char *sheet = good_sheet ();
  g_autofree char *birth = NULL;
  g_autofree char *gender = NULL;
  gint64 outbox;

  g_assert_true (import_text (f, sheet, -1, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 3);
  birth = yi_store_query_string (f->store, "SELECT birth_date FROM elders WHERE name = '王德明'", NULL);
  gender = yi_store_query_string (f->store, "SELECT gender FROM elders WHERE name = '王德明'", NULL);
  g_assert_cmpstr (birth, ==, "1938-01-05");
  g_assert_cmpstr (gender, ==, "M");
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders WHERE name = '张桂英' AND phone = '13805311234' "
                             "AND living_arrangement = 'alone' AND diet = 'low_salt' AND notes = '爱唱歌, 耳背'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_categories"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_categories c JOIN elders e ON e.id = c.elder_id "
                             "WHERE e.name = '王德明' AND c.category IN ('advanced_age','empty_nest','disabled')"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_contacts WHERE name = '李明' AND relation = '儿子' AND phone = '13900001111'"), ==, 1);

  /* The same file again: everything matches by ID number, nothing is written. */
  outbox = count (f, "SELECT count(*) FROM outbox");
  g_clear_pointer (&report, yi_import_report_free);
  g_assert_true (import_text (f, sheet, -1, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->unchanged, ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_categories"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_contacts"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, outbox);
}

static void
test_import_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  g_autofree char *sheet = good_sheet ();
  g_autofree char *changed = NULL;
  g_autofree char *payload = NULL;
  GString *s;
  gint64 outbox;

  g_assert_true (import_text (f, sheet, -1, 0, NULL, &error));
  g_assert_no_error (error);
  outbox = count (f, "SELECT count(*) FROM outbox");

  /* A new phone number for one elder, an empty cell for another's phone
   * (which must not erase it), and one more category. */
  s = g_string_new (sheet);
  g_string_replace (s, "138 0531 1234", "13912345678", 1);
  g_string_replace (s, "053186001234", "", 1);
  g_string_replace (s, "高龄，空巢；失能", "高龄，空巢；失能、残疾", 1);
  changed = g_string_free (s, FALSE);

  g_assert_true (import_text (f, changed, -1, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->updated, ==, 2);
  g_assert_cmpuint (report->unchanged, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders WHERE phone = '13912345678'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders WHERE phone = '053186001234'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_categories"), ==, 6);
  /* Exactly two changes went out: the phone, and the new category. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, outbox + 2);
  payload = yi_store_query_string (f->store,
                                   "SELECT payload FROM outbox WHERE record_table = 'elders' ORDER BY seq DESC LIMIT 1", NULL);
  g_assert_cmpstr (payload, ==, "{\"phone\":\"13912345678\"}");
}

static void
test_import_gb18030 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  g_autofree char *sheet = good_sheet ();
  g_autofree char *gb = NULL;
  gsize len = 0;

  /* Excel on a Chinese Windows writes GB18030 and no byte-order mark. */
  gb = g_convert (sheet + 3, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_true (import_text (f, gb, len, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "GB18030");
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders WHERE name = '刘秀兰' AND street = '花园路'"), ==, 1);
}

static void
test_import_english (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  /* A legacy 15-digit number: 370102 490101 003 (male) */
  const char *sheet = "Name,Gender,ID_Number,Birth_Date,Phone,Address\n"
                      "Zhao Lao,M,370102490101003,1949-01-01,13800000000,Heping Road 1\n";
  g_autofree char *stored = NULL;

  g_assert_true (import_text (f, sheet, -1, 0, &report, &error));
  g_assert_no_error (error);
  stored = yi_store_query_string (f->store, "SELECT id_number FROM elders", NULL);
  g_assert_cmpint (strlen (stored), ==, 18);
  g_assert_true (g_str_has_prefix (stored, "370102194901010"));
}

static void
test_import_bad_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  g_autofree char *good = id_number ("19500101", 5);
  g_autofree char *good2 = id_number ("19520303", 8);
  g_autofree char *wrong_digit = id_number ("19510202", 7);
  g_autofree char *sheet = NULL;
  YiImportProblem *p;

  wrong_digit[17] = wrong_digit[17] == '0' ? '1' : '0';
  sheet = g_strdup_printf ("姓名,性别,身份证号,出生日期\n"
                           "甲,男,%s,1950-01-01\n"         /* 2: good */
                           "乙,男,%s,\n"                   /* 3: check digit */
                           "丙,男,%s,1950-01-02\n"         /* 4: birth date disagrees */
                           "丁,女,%s,\n"                   /* 5: gender disagrees */
                           "戊,,%s,\n"                     /* 6: same ID as line 2 */
                           ",女,%s,\n"                     /* 7: no name */
                           "己,女,%s,\n",                  /* 8: good */
                           good, wrong_digit, good, good, good, good2, good2);
  g_assert_false (import_text (f, sheet, -1, 0, &report, &error));
  g_assert_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, 0);

  g_assert_cmpuint (report->problems->len, ==, 6);
  p = report->problems->pdata[0];
  g_assert_cmpuint (p->line, ==, 3);
  g_assert_nonnull (strstr (p->message, "check digit"));
  p = report->problems->pdata[1];
  g_assert_cmpuint (p->line, ==, 4);
  g_assert_nonnull (strstr (p->message, "birth date"));
  p = report->problems->pdata[2];
  g_assert_cmpuint (p->line, ==, 5);
  g_assert_nonnull (strstr (p->message, "gender"));
  p = report->problems->pdata[3];
  g_assert_cmpuint (p->line, ==, 6);
  g_assert_nonnull (strstr (p->message, "line 2"));
  p = report->problems->pdata[4];
  g_assert_cmpuint (p->line, ==, 7);
  g_assert_nonnull (strstr (p->message, "name"));
  /* Line 8 repeats line 7's ID: reported, although line 7 was bad itself. */
  p = report->problems->pdata[5];
  g_assert_cmpuint (p->line, ==, 8);

  /* With --skip-bad the good row goes in and the rest are counted. */
  g_clear_error (&error);
  g_clear_pointer (&report, yi_import_report_free);
  g_assert_true (import_text (f, sheet, -1, YI_IMPORT_FLAGS_SKIP_BAD, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 6);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders WHERE name = '甲'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 1);
}

static void
test_import_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = id_number ("19500101", 5);
  g_autofree char *unterminated = g_strdup_printf ("姓名,身份证号,住址\n甲,%s,\"和平路\n", good);
  g_autofree char *unknown = g_strdup_printf ("姓名,身份证号,身分证类型\n甲,%s,x\n", good);
  g_autofree char *utf8 = g_strdup_printf ("\xEF\xBB\xBF姓名,身份证号\n甲,%s\n", good);
  g_autofree char *utf16 = NULL;
  gsize utf16_len = 0;

  g_assert_false (import_text (f, unterminated, -1, YI_IMPORT_FLAGS_SKIP_BAD, NULL, &error));
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  g_assert_false (import_text (f, unknown, -1, 0, NULL, &error));
  g_assert_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "身分证类型"));
  g_clear_error (&error);

  utf16 = g_convert (utf8, -1, "UTF-16", "UTF-8", NULL, &utf16_len, &error);
  g_assert_no_error (error);
  g_assert_false (import_text (f, utf16, utf16_len, 0, NULL, &error));
  g_assert_error (error, YI_CSV_ERROR, YI_CSV_ERROR_ENCODING);
  g_clear_error (&error);

  g_assert_false (import_text (f, "", 0, 0, NULL, &error));
  g_assert_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (import_text (f, "\xEF\xBB\xBF姓名,性别,身份证号\r\n\r\n", -1, 0, NULL, &error));
  g_assert_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (import_text (f, "姓名,性别\n甲,男\n", -1, 0, NULL, &error));
  g_assert_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS);
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, 0);
}

static void
test_import_dates (void)
{
  const char *cases[][2] = {
    { "1949-12-31", "1949-12-31" }, { "1949/12/31", "1949-12-31" }, { "1949.1.5", "1949-01-05" },
    { "1949年12月31日", "1949-12-31" }, { "19491231", "1949-12-31" }, { "1949-02-30", NULL },
    { "31/12/1949", NULL }, { "1949年12月", NULL }, { "abc", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *d = yi_import_parse_date (cases[i][0]);
      g_assert_cmpstr (d, ==, cases[i][1]);
    }
}

static void
count_progress (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

static void
test_import_large (Fixture *f, gconstpointer data)
{
  /* the sanitizer pass divides the size (YIYANG_TEST_SCALE=10): the same
   * batches and progress steps, a tenth of the rows */
  const char *scale = g_getenv ("YIYANG_TEST_SCALE");
  const guint n = 100000 / (scale != NULL ? CLAMP (atoi (scale), 1, 100) : 1);
  g_autoptr(GString) sheet = g_string_new ("姓名,性别,身份证号,出生日期,联系电话,住址,类别\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiImportReport) report = NULL;
  guint calls = 0;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      char birth[9];
      g_autofree char *id = NULL;

      /* Distinct numbers: one birth date per 1,000 sequence numbers. */
      g_snprintf (birth, sizeof birth, "19%02u%02u%02u", 30 + (i / 1000) % 30, 1 + (i / 1000) % 12, 1 + (i / 30000) % 28);
      id = id_number (birth, i % 1000);
      g_string_append_printf (sheet, "老人%u,%s,%s,,13%09u,和平路%u号,%s\n", i, (i % 1000) % 2 ? "男" : "女",
                              id, i, i % 200, i % 10 == 0 ? "低保" : "");
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&sheet));

  start = g_get_monotonic_time ();
  g_assert_true (yi_import_elders (f->store, bytes, 0, count_progress, &calls, &report, &error));
  g_assert_no_error (error);
  g_test_message ("imported %u elders in %.2f s", n, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (report->added, ==, n);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elders"), ==, n);
  g_assert_cmpint (count (f, "SELECT count(*) FROM elder_categories"), ==, n / 10);
  g_assert_cmpuint (calls, >=, n / 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("YIYANG_NOW", "2026-03-02T08:30:00Z", TRUE);
  g_test_add_func ("/import/dates", test_import_dates);
  g_test_add ("/import/good", Fixture, NULL, fixture_setup, test_import_good, fixture_teardown);
  g_test_add ("/import/update", Fixture, NULL, fixture_setup, test_import_update, fixture_teardown);
  g_test_add ("/import/gb18030", Fixture, NULL, fixture_setup, test_import_gb18030, fixture_teardown);
  g_test_add ("/import/english", Fixture, NULL, fixture_setup, test_import_english, fixture_teardown);
  g_test_add ("/import/bad-rows", Fixture, NULL, fixture_setup, test_import_bad_rows, fixture_teardown);
  g_test_add ("/import/refusals", Fixture, NULL, fixture_setup, test_import_refusals, fixture_teardown);
  g_test_add ("/import/large", Fixture, NULL, fixture_setup, test_import_large, fixture_teardown);
  return g_test_run ();
}
