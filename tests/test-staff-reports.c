#include "config.h"

#include "yi-care.h"
#include "yi-clock.h"
#include "yi-demo.h"
#include "yi-report-chart-view.h"
#include "yi-staff-reports-page.h"
#include "yi-store.h"
#include "yi-ui-test-util.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

/* Drives the staff reports page in a 1280×800 window under Xvfb against a
 * demo centre: every period button, a custom range, a bad range, every
 * export; compares what the screen says with the report computed directly,
 * and saves a PNG of every screen. */

#define TODAY_UTC "2026-07-20T02:00:00Z"   /* Monday 20 July 2026, 10:00 in the centre */

static char    *db_dir;
static char    *db_path;
static YiStore *store;

typedef struct {
  GtkWidget *window;
  GtkWidget *page;
  char      *export_dir;
} Fixture;

static const char *
label_text (Fixture    *f,
            const char *id)
{
  GtkWidget *w = yi_ui_find (f->page, id);

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_LABEL (w));
  return gtk_label_get_label (GTK_LABEL (w));
}

static void
save_png (Fixture    *f,
          const char *name)
{
  g_autofree char *file = g_strdup_printf ("staff-reports-%s.png", name);

  yi_ui_save_png (f->window, file);
  g_assert_cmpint (gtk_widget_get_width (f->window), ==, 1280);
  g_assert_cmpint (gtk_widget_get_height (f->window), ==, 800);
}

static YiStaffReportsPage *
page (Fixture *f)
{
  return YI_STAFF_REPORTS_PAGE (f->page);
}

static void
wait_idle (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (yi_staff_reports_page_get_busy (page (f)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      yi_ui_pump (10);
    }
  yi_ui_pump (50);
}

static void
tap (Fixture    *f,
     const char *label)
{
  GtkWidget *b = yi_ui_find_button (f->page, label);

  g_assert_nonnull (b);
  g_assert_true (gtk_widget_get_mapped (b));
  g_assert_true (gtk_widget_is_sensitive (b));
  g_signal_emit_by_name (b, "clicked");
}

static void
show_section (Fixture    *f,
              const char *section)
{
  gtk_stack_set_visible_child_name (GTK_STACK (yi_ui_find (f->page, "sections")), section);
}

/* Scrolls a section's page to its last table. */
static void
scroll_to_end (Fixture    *f,
               const char *section)
{
  GtkWidget *scroll = gtk_stack_get_child_by_name (GTK_STACK (yi_ui_find (f->page, "sections")), section);
  GtkAdjustment *adj;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroll));
  yi_ui_pump (100);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

/* What the screen must say, counted here on the test's own connection. */
static YiReport *
expected_report (const char *from,
                 const char *to)
{
  g_autoptr(GError) error = NULL;
  YiReport *r = yi_report_compute (store, from, to, &error);

  g_assert_no_error (error);
  return r;
}

static void
assert_shows (Fixture    *f,
              const char *from,
              const char *to)
{
  g_autoptr(YiReport) want = expected_report (from, to);
  YiReport *shown = yi_staff_reports_page_get_report (page (f));
  g_autofree char *visits = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             yi_report_get_value (want, "attendance_summary", "total", "visits"));
  g_autofree char *elders = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             yi_report_get_value (want, "attendance_summary", "total", "elders"));

  g_assert_nonnull (shown);
  g_assert_cmpstr (yi_report_get_from (shown), ==, from);
  g_assert_cmpstr (yi_report_get_to (shown), ==, to);
  g_assert_cmpstr (label_text (f, "visits_value"), ==, visits);
  g_assert_cmpstr (label_text (f, "elders_value"), ==, elders);
  /* tables are built when their section is shown */
  show_section (f, "attendance");
  g_assert_cmpstr (label_text (f, "attendance_summary/total/visits"), ==, visits);
  show_section (f, "overview");
  g_assert_true (strstr (label_text (f, "period_label"), "幸福里社区日间照料中心") != NULL);
  g_assert_false (gtk_widget_get_visible (yi_ui_find (f->page, "error_label")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (yi_ui_find (f->page, "content"))), ==, "report");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->export_dir = g_dir_make_tmp ("yiyang-reports-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  f->page = yi_staff_reports_page_new (store);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  /* Shown: it starts counting the current month in the background. */
  yi_ui_pump (100);
  wait_idle (f);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  yi_ui_pump (50);
  remove_tree (f->export_dir);
  g_free (f->export_dir);
}

static void
test_periods (Fixture       *f,
              gconstpointer  data)
{
  static const struct {
    const char *button;
    const char *spec;
    const char *png;
  } periods[] = {
    { "上月", "last-month", "last-month" },
    { "本季度", "this-quarter", "this-quarter" },
    { "上季度", "last-quarter", "last-quarter" },
    { "本年", "this-year", "this-year" },
    { "上年", "last-year", "last-year" },
    { "本月", "this-month", "this-month" },
  };
  g_autofree char *today = yi_store_today (store);

  g_assert_cmpstr (today, ==, "2026-07-20");
  /* the first screen: this month, counted on showing */
  assert_shows (f, "2026-07-01", "2026-07-31");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yi_ui_find_button (f->page, "本月"))));

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (yi_report_period_parse (periods[i].spec, today, &from, &to, &error));
      tap (f, periods[i].button);
      /* the figures are counted off the main loop, with a spinner meanwhile */
      g_assert_true (yi_staff_reports_page_get_busy (page (f)));
      g_assert_true (gtk_widget_get_visible (yi_ui_find (f->page, "spinner")));
      g_assert_true (yi_ui_has_label (f->page, "正在统计"));
      wait_idle (f);
      g_assert_false (gtk_widget_get_visible (yi_ui_find (f->page, "spinner")));
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yi_ui_find_button (f->page, periods[i].button))));
      assert_shows (f, from, to);
      save_png (f, periods[i].png);
    }
  g_assert_true (yi_ui_has_label (f->page, "2026 年 07 月"));
}

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  const char *const *sections = yi_report_sections ();
  YiReport *shown = yi_staff_reports_page_get_report (page (f));
  GtkWidget *chart;
  g_autofree char *visits = NULL;

  g_assert_nonnull (shown);
  save_png (f, "overview");
  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autofree char *png = g_strdup_printf ("section-%s", sections[i]);

      g_autofree char *png_end = g_strdup_printf ("section-%s-end", sections[i]);

      show_section (f, sections[i]);
      save_png (f, png);
      g_assert_true (yi_ui_has_label (f->page, yi_report_section_title (sections[i])));
      scroll_to_end (f, sections[i]);
      save_png (f, png_end);
    }
  /* every table of the printed report is on screen; the daily series are charts */
  for (guint i = 0; i < yi_report_get_tables (shown)->len; i++)
    {
      YiReportTable *t = yi_report_get_tables (shown)->pdata[i];
      GtkWidget *w = yi_ui_find (f->page, yi_report_table_get_id (t));

      if (yi_report_table_is_series (t))
        g_assert_null (w);
      else
        g_assert_nonnull (w);
    }
  show_section (f, "services");
  yi_ui_pump (300);
  g_assert_true (yi_ui_has_label (f->page, "按服务项目统计"));
  g_assert_cmpstr (label_text (f, "services_by_type/total/count"), ==,
                   label_text (f, "services_value"));

  /* charts say in words what they draw */
  chart = yi_ui_find (f->page, "overview_attendance");
  g_assert_true (YI_IS_REPORT_CHART_VIEW (chart));
  g_assert_true (yi_report_chart_view_get_report (YI_REPORT_CHART_VIEW (chart)) == shown);
  visits = g_strdup_printf ("%" G_GINT64_FORMAT " 人次", yi_report_get_value (shown, "attendance_summary", "total", "visits"));
  g_test_message ("%s", yi_report_chart_view_get_description (YI_REPORT_CHART_VIEW (chart)));
  g_assert_true (strstr (yi_report_chart_view_get_description (YI_REPORT_CHART_VIEW (chart)), visits) != NULL);
}

static void
set_entry (Fixture    *f,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (yi_ui_find (f->page, id)), text);
}

static void
test_custom (Fixture       *f,
             gconstpointer  data)
{
  YiReport *before;
  g_autofree char *visits_before = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 6, 3, 12, 0, 0);
  GtkWidget *popover;

  tap (f, "自定义");
  yi_ui_pump (400);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (yi_ui_find (f->page, "custom_revealer"))));
  /* the month on screen fills the fields; nothing is counted until asked */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_ui_find (f->page, "from_entry"))), ==, "2026-07-01");
  g_assert_false (yi_staff_reports_page_get_busy (page (f)));

  /* a day picked on the calendar, a day typed on the number pad */
  gtk_menu_button_popup (GTK_MENU_BUTTON (yi_ui_find (f->page, "from_pick")));
  yi_ui_pump (300);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (yi_ui_find (f->page, "from_pick"))));
  g_assert_true (gtk_widget_get_mapped (popover));
  yi_ui_save_png (yi_ui_find (f->page, "from_pick_box"), "staff-reports-calendar.png");
  /* choosing a day fills the field and closes the calendar */
  gtk_calendar_select_day (GTK_CALENDAR (yi_ui_find (f->page, "from_calendar")), day);
  yi_ui_pump (100);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_ui_find (f->page, "from_entry"))), ==, "2026-06-03");
  gtk_menu_button_popup (GTK_MENU_BUTTON (yi_ui_find (f->page, "to_pick")));
  yi_ui_pump (300);
  for (const char *k = "20260625"; *k; k++)
    {
      char key[2] = { *k, 0 };

      g_assert_true (gtk_widget_activate_action (yi_ui_find (f->page, "to_keypad"), "keypad.press", "s", key));
    }
  g_assert_true (gtk_widget_activate_action (yi_ui_find (f->page, "to_keypad"), "keypad.enter", NULL));
  yi_ui_pump (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (yi_ui_find (f->page, "to_pick"))))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_ui_find (f->page, "to_entry"))), ==, "2026-06-25");
  /* opened again, the calendar shows the day typed */
  gtk_menu_button_popup (GTK_MENU_BUTTON (yi_ui_find (f->page, "to_pick")));
  yi_ui_pump (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (yi_ui_find (f->page, "to_pick"))))));
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (yi_ui_find (f->page, "to_calendar")));

    g_assert_cmpint (g_date_time_get_month (shown), ==, 6);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 25);
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (yi_ui_find (f->page, "to_pick")));
  tap (f, "统计这几天");
  g_assert_true (yi_staff_reports_page_get_busy (page (f)));
  wait_idle (f);
  assert_shows (f, "2026-06-03", "2026-06-25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_ui_find (f->page, "to_entry"))), ==, "2026-06-25");
  save_png (f, "custom");

  /* from after to: a clear message, and the figures on screen stay */
  before = yi_staff_reports_page_get_report (page (f));
  visits_before = g_strdup (label_text (f, "visits_value"));
  set_entry (f, "from_entry", "2026-06-30");
  set_entry (f, "to_entry", "2026-06-01");
  tap (f, "统计这几天");
  g_assert_false (yi_staff_reports_page_get_busy (page (f)));
  yi_ui_pump (50);
  g_assert_true (gtk_widget_get_visible (yi_ui_find (f->page, "error_label")));
  g_assert_true (strstr (label_text (f, "error_label"), "晚于") != NULL);
  g_assert_true (strstr (label_text (f, "error_label"), "2026-06-30") != NULL);
  g_assert_true (yi_staff_reports_page_get_report (page (f)) == before);
  g_assert_cmpstr (label_text (f, "visits_value"), ==, visits_before);
  g_assert_nonnull (yi_ui_find (f->page, "attendance_summary"));
  save_png (f, "bad-range");

  /* not a date, and an empty field */
  set_entry (f, "from_entry", "2026-13-01");
  set_entry (f, "to_entry", "2026-06-01");
  tap (f, "统计这几天");
  yi_ui_pump (50);
  g_assert_true (strstr (label_text (f, "error_label"), "2026-13-01") != NULL);
  set_entry (f, "from_entry", "");
  tap (f, "统计这几天");
  yi_ui_pump (50);
  g_assert_true (strstr (label_text (f, "error_label"), "日历") != NULL);
  g_assert_true (yi_staff_reports_page_get_report (page (f)) == before);

  /* a good range again clears the message */
  set_entry (f, "from_entry", "2026-07-01");
  set_entry (f, "to_entry", "2026-07-19");
  g_signal_emit_by_name (yi_ui_find (f->page, "to_entry"), "activate");
  wait_idle (f);
  assert_shows (f, "2026-07-01", "2026-07-19");
}

static void
assert_file_starts (const char *path,
                    const char *magic,
                    gsize       len)
{
  g_autofree char *contents = NULL;
  gsize size = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 200);
  g_assert_cmpmem (contents, len, magic, len);
}

static void
export_and_check (Fixture    *f,
                  const char *format,
                  const char *name,
                  const char *magic,
                  gsize       magic_len)
{
  g_autofree char *path = g_build_filename (f->export_dir, name, NULL);
  g_autofree char *toast = g_strdup_printf ("已导出到 %s", path);

  g_assert_true (gtk_widget_activate_action (f->page, "reports.export", "s", format));
  wait_idle (f);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_file_starts (path, magic, magic_len);
  yi_ui_pump (300);   /* the toast slides in */
  g_assert_true (yi_ui_has_label (f->page, toast));
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (tops, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *again = NULL;
  g_autofree char *missing = g_build_filename (f->export_dir, "no-usb-stick", NULL);
  g_autofree char *chosen = g_build_filename (f->export_dir, "给民政局", NULL);
  g_autofree char *chosen_csv = g_strconcat (chosen, ".csv", NULL);
  g_autoptr(GFile) export_folder = g_file_new_for_path (f->export_dir);
  GtkWidget *dialog;
  g_autofree char *offered = NULL;

  yi_staff_reports_page_set_export_dir (page (f), f->export_dir);
  g_assert_cmpstr (yi_staff_reports_page_get_export_dir (page (f)), ==, f->export_dir);
  export_and_check (f, "xlsx", "幸福里社区日间照料中心-2026年7月.xlsx", "PK\x03\x04", 4);
  save_png (f, "exported");
  export_and_check (f, "csv", "幸福里社区日间照料中心-2026年7月.csv", "\xEF\xBB\xBF", 3);
  export_and_check (f, "pdf", "幸福里社区日间照料中心-2026年7月.pdf", "%PDF", 4);

  /* a second export never replaces the first */
  export_and_check (f, "xlsx", "幸福里社区日间照料中心-2026年7月 (2).xlsx", "PK\x03\x04", 4);

  /* a quarter names itself so */
  tap (f, "上季度");
  wait_idle (f);
  export_and_check (f, "pdf", "幸福里社区日间照料中心-2026年第2季度.pdf", "%PDF", 4);

  /* the stick was pulled out: say so, write nothing */
  yi_staff_reports_page_set_export_dir (page (f), missing);
  g_assert_true (gtk_widget_activate_action (f->page, "reports.export", "s", "csv"));
  wait_idle (f);
  g_assert_true (gtk_widget_get_visible (yi_ui_find (f->page, "error_label")));
  g_assert_true (strstr (label_text (f, "error_label"), "U盘") != NULL);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  save_png (f, "no-usb-stick");

  /* Save as: the file chooser, a name typed without its ending */
  g_assert_true (gtk_widget_activate_action (f->page, "reports.save-as", "s", "csv"));
  yi_ui_pump (300);
  dialog = find_file_chooser ();
  g_assert_nonnull (dialog);
  /* the name offered is the centre's and the period's */
  offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (offered, ==, "幸福里社区日间照料中心-2026年第2季度.csv");
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), export_folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "给民政局");
  yi_ui_pump (300);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  /* the chooser checks the name in the background before it answers */
  for (int i = 0; i < 200 && find_file_chooser () != NULL; i++)
    yi_ui_pump (20);
  g_assert_null (find_file_chooser ());
  wait_idle (f);
  assert_file_starts (chosen_csv, "\xEF\xBB\xBF", 3);
  g_assert_false (gtk_widget_get_visible (yi_ui_find (f->page, "error_label")));
  again = g_strdup_printf ("已导出到 %s", chosen_csv);
  yi_ui_pump (300);
  g_assert_true (yi_ui_has_label (f->page, again));
}

static void
test_missed_target (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* a bad morning: thirty unhappy faces today */
  for (int i = 0; i < 30; i++)
    g_free (yi_store_submit_feedback (store, NULL, 1, NULL, &error));
  g_assert_no_error (error);
  yi_staff_reports_page_refresh (page (f));
  wait_idle (f);
  g_assert_true (yi_report_get_number (yi_staff_reports_page_get_report (page (f)),
                                       "satisfaction", "total", "rate") < 95.0);
  g_assert_true (gtk_widget_has_css_class (yi_ui_find (f->page, "satisfaction_tile"), "yi-reports-tile-missed"));
  show_section (f, "care");
  g_assert_true (gtk_widget_has_css_class (yi_ui_find (f->page, "satisfaction/total/rate"), "yi-cell-missed"));
  save_png (f, "missed-target-chart");
  scroll_to_end (f, "care");
  yi_ui_pump (100);
  g_assert_true (yi_ui_has_label (f->page, "低于 95% 的目标"));
  save_png (f, "missed-target");

  /* a period with no ratings at all misses nothing */
  tap (f, "上年");
  wait_idle (f);
  g_assert_false (gtk_widget_has_css_class (yi_ui_find (f->page, "satisfaction_tile"), "yi-reports-tile-missed"));
  g_assert_null (yi_ui_find (f->page, "satisfaction_missed"));
}

static void
test_database_error (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (db_path, ".moved", NULL);
  YiReport *before = yi_staff_reports_page_get_report (page (f));
  g_autofree char *visits_before = g_strdup (label_text (f, "visits_value"));

  /* The page counts on a connection of its own: take the file away from
   * under it (this test's connection keeps its open file). */
  g_assert_nonnull (before);
  g_assert_cmpint (g_rename (db_path, moved), ==, 0);
  g_assert_cmpint (g_mkdir (db_path, 0700), ==, 0);
  tap (f, "上月");
  wait_idle (f);
  g_assert_cmpint (g_rmdir (db_path), ==, 0);
  g_assert_cmpint (g_rename (moved, db_path), ==, 0);

  g_assert_true (gtk_widget_get_visible (yi_ui_find (f->page, "error_label")));
  g_assert_true (strstr (label_text (f, "error_label"), "统计没有完成") != NULL);
  g_assert_true (strstr (label_text (f, "error_label"), "无法打开数据库") != NULL);
  g_assert_true (yi_staff_reports_page_get_report (page (f)) == before);
  g_assert_cmpstr (label_text (f, "visits_value"), ==, visits_before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (yi_ui_find (f->page, "content"))), ==, "report");
  save_png (f, "database-error");

  /* the file is back: the same button works again */
  tap (f, "上月");
  wait_idle (f);
  assert_shows (f, "2026-06-01", "2026-06-30");
}

int
main (int argc, char **argv)
{
  g_autofree char *podir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  int rc;

  /* Screens in Chinese, as the centre sees them, from the built catalogue. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* the file chooser keeps its settings; not in the tester's dconf */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* One demo centre for every test: 60 elders and 120 days of records. */
  g_assert_true (yi_clock_set_now (TODAY_UTC, &error));
  db_dir = g_dir_make_tmp ("yiyang-staff-reports-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (db_dir, "centre.db", NULL);
  store = yi_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (yi_demo_generate (store, 60, 120, 11, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/staff-reports/periods", Fixture, NULL, fixture_setup, test_periods, fixture_teardown);
  g_test_add ("/staff-reports/sections", Fixture, NULL, fixture_setup, test_sections, fixture_teardown);
  g_test_add ("/staff-reports/custom-range", Fixture, NULL, fixture_setup, test_custom, fixture_teardown);
  g_test_add ("/staff-reports/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/staff-reports/database-error", Fixture, NULL, fixture_setup, test_database_error, fixture_teardown);
  /* last: it adds records */
  g_test_add ("/staff-reports/missed-target", Fixture, NULL, fixture_setup, test_missed_target, fixture_teardown);
  rc = g_test_run ();

  g_clear_object (&store);
  wal = g_strconcat (db_path, "-wal", NULL);
  shm = g_strconcat (db_path, "-shm", NULL);
  g_unlink (db_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (db_dir);
  g_free (db_path);
  g_free (db_dir);
  return rc;
}
