#include "config.h"

#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-staff-pages.h"
#include "yi-staff-view.h"
#include "yi-store.h"
#include "yi-welfare.h"
#include "yi-settings.h"
#include "yi-staff-test-util.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

/* Drives the real staff view in a 1280×800 window under Xvfb, asserting on
 * widgets and on committed rows, and saving a PNG of every screen. */

typedef struct {
  char      *dir;
  char      *path;
  YiStore   *store;
  GtkWidget *window;
  GtkWidget *view;
  guint      locked;
  char      *admin;
  char      *kitchen;
  char      *volunteer;
  char      *zhang;     /* 张桂英, lives alone, card 04A1B2C3 */
  char      *li;        /* 李建国, 85 */
} Fixture;

static void
save_png (Fixture    *f,
          const char *name)
{
  yi_test_save_png (f->window, name);
}

static void
press_keys (Fixture    *f,
            const char *digits)
{
  GtkWidget *pad = yi_test_find (f->view, "pin_pad");

  for (const char *p = digits; *p; p++)
    {
      char key[2] = { *p, 0 };
      g_assert_true (gtk_widget_activate_action (pad, "keypad.press", "s", key));
    }
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));
  yi_test_pump (30);
}

static void
on_locked (YiStaffView *view,
           Fixture     *f)
{
  f->locked++;
}

static char *
add_elder (YiStore    *store,
           const char *name,
           const char *id_number,
           const char *birth,
           const char *living,
           const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  char *id;

  json_object_set_string_member (o, "name", name);
  if (id_number)
    json_object_set_string_member (o, "id_number", id_number);
  else
    {
      json_object_set_string_member (o, "birth_date", birth);
      /* the men of these tests are called 建国 */
      json_object_set_string_member (o, "gender", strstr (name, "建国") ? "M" : "F");
    }
  if (living)
    json_object_set_string_member (o, "living_arrangement", living);
  json_object_set_string_member (o, "phone", phone);
  json_object_set_int_member (o, "expected_weekdays", 31);
  id = yi_store_save_elder (store, NULL, o, &error);
  g_assert_no_error (error);
  return id;
}

static void
make_view (Fixture *f)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  f->view = yi_staff_view_new (f->store);
  g_signal_connect (f->view, "locked", G_CALLBACK (on_locked), f);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  yi_test_pump (400);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;
  g_autofree char *staff_card = NULL;
  g_autoptr(JsonObject) v = json_object_new ();
  g_autoptr(JsonObject) link = json_object_new ();
  g_autoptr(JsonObject) pair = json_object_new ();
  g_autofree char *vid = yi_uuid_v7_new ();
  g_autofree char *pid = yi_uuid_v7_new ();

  f->dir = g_dir_make_tmp ("yiyang-staff-view-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (f->path, &error);
  g_assert_no_error (error);
  /* Monday 2 March 2026, 09:00 in the centre */
  g_assert_true (yi_clock_set_now ("2026-03-02T01:00:00Z", &error));
  if (data != NULL)
    g_settings_set_int (yi_settings_get_default (), YI_SETTING_STAFF_IDLE_LOCK, GPOINTER_TO_INT (data));

  f->admin = yi_store_add_staff (f->store, "王芳", "admin", "2468", &error);
  f->kitchen = yi_store_add_staff (f->store, "刘师傅", "kitchen", "1357", &error);
  f->volunteer = yi_store_add_staff (f->store, "陈晓", "volunteer", "8642", &error);
  g_assert_no_error (error);
  staff_card = yi_store_issue_card (f->store, "5A5A5A5A", NULL, f->admin, &error);
  f->zhang = add_elder (f->store, "张桂英", "11010519491231002X", NULL, "alone", "13800001234");
  f->li = add_elder (f->store, "李建国", NULL, "1940-06-01", NULL, "13912345678");
  g_free (add_elder (f->store, "王秀兰", NULL, "1952-02-11", "with_spouse", "13700007777"));
  card = yi_store_issue_card (f->store, "04A1B2C3", f->zhang, NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (v, "name", "陈晓");
  json_object_set_string_member (v, "registered_on", "2025-01-01");
  g_assert_true (yi_store_put_entity (f->store, "volunteers", vid, v, &error));
  json_object_set_string_member (link, "volunteer_id", vid);
  g_assert_true (yi_store_put_entity (f->store, "staff", f->volunteer, link, &error));
  json_object_set_string_member (pair, "volunteer_id", vid);
  json_object_set_string_member (pair, "elder_id", f->li);
  json_object_set_string_member (pair, "since", "2025-06-01");
  g_assert_true (yi_store_put_entity (f->store, "volunteer_pairs", pid, pair, &error));
  g_assert_no_error (error);

  make_view (f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  gtk_window_destroy (GTK_WINDOW (f->window));
  yi_test_pump (50);
  g_settings_reset (yi_settings_get_default (), YI_SETTING_STAFF_IDLE_LOCK);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->admin);
  g_free (f->kitchen);
  g_free (f->volunteer);
  g_free (f->zhang);
  g_free (f->li);
  yi_clock_set_offset (0);
}

static void
login_admin (Fixture *f)
{
  g_assert_true (yi_staff_view_handle_tap (YI_STAFF_VIEW (f->view), "5a:5a:5a:5a"));
  press_keys (f, "2468");
  g_assert_cmpstr (yi_staff_view_get_screen (YI_STAFF_VIEW (f->view)), ==, "main");
}

static void
test_login_and_lockout (Fixture *f, gconstpointer data)
{
  YiStaffView *view = YI_STAFF_VIEW (f->view);
  GtkWidget *message = yi_test_find (f->view, "login_message");

  /* the window passes the reader's state in the centre's language */
  yi_staff_view_set_reader_status (view, "读卡器已就绪");
  yi_staff_view_set_sync_status (view, "与区里的系统失去联系", TRUE);
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  save_png (f, "01-login");

  /* nobody has signed in yet: the tabs and the elder editor are not built */
  g_assert_null (yi_test_find (f->view, "tabs"));
  g_assert_null (yi_test_find (f->view, "elders"));
  g_assert_null (yi_test_find (f->view, "editor"));
  g_assert_null (yi_staff_view_get_tab (view));
  yi_staff_view_show_tab (view, "today");
  gtk_widget_activate_action (f->view, "staff.show-tab", "s", "today");   /* off until then */
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");

  /* an elder's card is not for staff mode: the window handles it */
  g_assert_false (yi_staff_view_handle_tap (view, "04A1B2C3"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login'", NULL), ==, 0);

  /* five wrong PINs lock the pad; even the right one is refused then */
  for (guint i = 0; i < 5; i++)
    press_keys (f, "1111");
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  g_assert_true (yi_staff_session_lockout_remaining (yi_staff_view_get_session (view)) > 25 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "30"));
  press_keys (f, "2468");
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login_failed'", NULL), ==, 5);
  save_png (f, "02-lockout");

  /* after the wait, the admin's card and PIN open staff mode */
  yi_clock_set_offset (yi_clock_get_offset () + 31 * G_USEC_PER_SEC);
  g_assert_true (yi_staff_view_handle_tap (view, "5A5A5A5A"));
  g_assert_true (yi_test_has_label (f->view, "王芳"));
  press_keys (f, "1357"); /* the kitchen's PIN is not the admin's */
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  press_keys (f, "2468");
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "main");
  g_assert_cmpstr (yi_store_get_actor (f->store), ==, f->admin);
  /* built at sign-in, with the reader's and sync's latest state */
  g_assert_cmpstr (yi_staff_view_get_tab (view), ==, "elders");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (f->view, "main_reader_status"))), ==, "读卡器已就绪");
  g_assert_true (gtk_widget_get_visible (yi_test_find (f->view, "sync_status")));
  g_assert_true (gtk_widget_has_css_class (yi_test_find (f->view, "sync_status"), "yi-error"));
  g_assert_true (yi_test_has_label (f->view, "与区里的系统失去联系"));
  yi_staff_view_set_sync_status (view, NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (yi_test_find (f->view, "sync_status")));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login' AND staff_id = ?", f->admin, NULL), ==, 1);

  /* lock on demand goes back to the elder screen */
  g_assert_true (gtk_widget_activate_action (yi_test_find (f->view, "lock_button"), "staff.lock", NULL));
  g_assert_cmpuint (f->locked, ==, 1);
  g_assert_null (yi_store_get_actor (f->store));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'logout' AND staff_id = ?", f->admin, NULL), ==, 1);
}

static void
test_idle_lock (Fixture *f, gconstpointer data)
{
  YiStaffView *view = YI_STAFF_VIEW (f->view);

  login_admin (f);
  g_assert_cmpuint (yi_staff_session_get_idle_timeout (yi_staff_view_get_session (view)), ==, 10);
  yi_test_pump (1000);
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "main");
  /* the shortest lock there is, ten seconds, passes on the kiosk's clock */
  yi_clock_set_offset (yi_clock_get_offset () + 9 * G_USEC_PER_SEC);
  yi_test_pump (2600);
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  g_assert_cmpuint (f->locked, ==, 1);
  g_assert_null (yi_store_get_actor (f->store));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'logout' AND summary LIKE '%idle%'", NULL), ==, 1);
}

static void
set_text (GtkWidget  *root,
          const char *id,
          const char *text)
{
  GtkWidget *w = yi_test_find (root, id);

  g_assert_nonnull (w);
  gtk_editable_set_text (GTK_EDITABLE (w), text);
}

static void
test_elder_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *elders, *editor, *results;
  g_autofree char *new_id = NULL;
  g_autofree char *photo_path = g_build_filename (f->dir, "photo.png", NULL);

  login_admin (f);
  elders = yi_test_find (f->view, "elders");
  results = yi_test_find (elders, "results");
  /* the other tabs and the editor are built when first needed */
  g_assert_null (yi_test_find (f->view, "kitchen"));
  g_assert_null (yi_test_find (f->view, "editor"));
  g_assert_cmpuint (yi_test_count_rows (results), ==, 3);

  /* search by pinyin initials, by phone tail, by ID tail */
  set_text (elders, "search", "zgy");
  yi_test_pump (30);
  g_assert_cmpuint (yi_test_count_rows (results), ==, 1);
  g_assert_true (yi_test_has_label (results, "张桂英"));
  g_assert_true (yi_test_has_label (results, "1101**********002X"));
  save_png (f, "03-elders-search");
  set_text (elders, "search", "5678");
  yi_test_pump (30);
  g_assert_cmpuint (yi_test_count_rows (results), ==, 1);
  g_assert_true (yi_test_has_label (results, "李建国"));
  set_text (elders, "search", "002x");
  yi_test_pump (30);
  g_assert_cmpuint (yi_test_count_rows (results), ==, 1);

  /* a new elder with a wrong check digit is refused, nothing written */
  g_assert_true (gtk_widget_activate_action (elders, "elders.new", NULL));
  g_assert_cmpstr (yi_staff_view_get_screen (YI_STAFF_VIEW (f->view)), ==, "editor");
  editor = yi_test_find (f->view, "editor");
  set_text (editor, "name", "赵玉兰");
  set_text (editor, "id_number", "370102194505061235");
  set_text (editor, "phone", "13611112222");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  yi_test_pump (30);
  g_assert_true (gtk_widget_get_visible (yi_test_find (editor, "error_label")));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elders WHERE name = '赵玉兰'", NULL), ==, 0);
  save_png (f, "04-invalid-id");

  /* the check digit fixed (typed on the on-screen keypad), the elder is saved */
  set_text (editor, "id_number", "37010219450506123");
  g_assert_true (gtk_widget_activate_action (yi_test_find (editor, "id_number_pad"), "keypad.press", "s", "X"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_test_find (editor, "id_number"))), ==, "37010219450506123X");
  set_text (editor, "address", "历下区文化东路 12 号 3 单元 401");
  set_text (editor, "hukou_locality", "济南市历下区");
  set_text (editor, "allergies", "青霉素");
  adw_combo_row_set_selected (ADW_COMBO_ROW (yi_test_find (editor, "living_arrangement")), 1);   /* alone */
  adw_combo_row_set_selected (ADW_COMBO_ROW (yi_test_find (editor, "diet")), 2);                 /* low salt */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yi_test_find (editor, "day4")), FALSE);        /* not Fridays */
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  yi_test_pump (30);
  g_assert_false (gtk_widget_get_visible (yi_test_find (editor, "error_label")));
  new_id = yi_store_query_string (f->store, "SELECT id FROM elders WHERE name = '赵玉兰'", NULL);
  g_assert_nonnull (new_id);
  g_assert_cmpint (yi_store_count (f->store,
      "SELECT count(*) FROM elders WHERE id = ? AND id_number = '37010219450506123X' AND birth_date = '1945-05-06' "
      "AND gender = 'M' AND living_arrangement = 'alone' AND diet = 'low_salt' AND expected_weekdays = 15 "
      "AND allergies = '青霉素' AND phone = '13611112222'", new_id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE record_id = ? AND staff_id = ?", new_id, f->admin, NULL), >=, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (yi_test_find (editor, "id_masked_row"))), ==, "3701**********123X");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_test_find (editor, "id_number"))), ==, "");

  /* satellite records: contact, category with evidence, assessment, consent */
  set_text (editor, "contact_name", "赵强");
  set_text (editor, "contact_relation", "儿子");
  set_text (editor, "contact_phone", "13500003333");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-contact", NULL));
  adw_combo_row_set_selected (ADW_COMBO_ROW (yi_test_find (editor, "category")), 2);              /* dibao */
  set_text (editor, "evidence_type", "低保证");
  set_text (editor, "evidence_number", "LX2024-0117");
  set_text (editor, "valid_from", "2024-01-01");
  set_text (editor, "valid_to", "2023-01-01");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-category", NULL));
  g_assert_true (gtk_widget_get_visible (yi_test_find (editor, "error_label")));   /* ends before it starts */
  set_text (editor, "valid_to", "2026-12-31");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-category", NULL));
  set_text (editor, "assessed_on", "2025-11-03");
  set_text (editor, "assessor", "孙医生");
  set_text (editor, "organisation", "历下区评估中心");
  adw_combo_row_set_selected (ADW_COMBO_ROW (yi_test_find (editor, "level")), 1);
  set_text (editor, "approved_items", "助浴、助洁");
  set_text (editor, "monthly_hours", "abc");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-assessment", NULL));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_assessments", NULL), ==, 0);
  set_text (editor, "monthly_hours", "12");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-assessment", NULL));
  set_text (editor, "consented_by", "本人");
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-consent", NULL));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_contacts WHERE elder_id = ? AND phone = '13500003333'", new_id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_categories WHERE elder_id = ? AND category = 'dibao' "
                                   "AND evidence_number = 'LX2024-0117' AND valid_to = '2026-12-31'", new_id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_assessments WHERE elder_id = ? AND level = 'mild' "
                                   "AND monthly_hours = 12 AND approved_items = '[\"助浴\",\"助洁\"]'", new_id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_consents WHERE elder_id = ? AND kind = 'photo' AND granted = 1", new_id, NULL), ==, 1);
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (editor, "contact_list")), ==, 1);

  /* a photo from a file, scaled down before it is stored */
  {
    g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 900);
    g_autoptr(GFile) file = g_file_new_for_path (photo_path);
    g_autoptr(GFile) not_a_picture = g_file_new_for_path (f->path);
    g_autoptr(GdkPixbuf) stored = NULL;
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
    g_autoptr(sqlite3_stmt) stmt = NULL;

    gdk_pixbuf_fill (big, 0x4a7ab0ff);
    g_assert_true (gdk_pixbuf_save (big, photo_path, "png", &error, NULL));
    g_assert_false (yi_staff_elder_editor_set_photo_file (YI_STAFF_ELDER_EDITOR (editor), not_a_picture, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (yi_staff_elder_editor_set_photo_file (YI_STAFF_ELDER_EDITOR (editor), file, &error));
    g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
    stmt = yi_store_prepare (f->store, "SELECT photo FROM elders WHERE id = ?", &error);
    sqlite3_bind_text (stmt, 1, new_id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_BLOB);
    g_assert_true (gdk_pixbuf_loader_write (loader, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &error));
    g_assert_true (gdk_pixbuf_loader_close (loader, &error));
    stored = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
    g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 320);
    g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 240);
    g_unlink (photo_path);
  }
  save_png (f, "05-editor");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (yi_test_find (editor, "scroller"))), 1500);
  save_png (f, "06-editor-records");

  /* moved away: entitlements stop, the status is dated */
  set_text (editor, "status_date", "2026-03-01");
  set_text (editor, "status_reason", "随子女搬往青岛");
  g_assert_true (gtk_widget_activate_action (editor, "editor.set-status", "s", "moved"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elders WHERE id = ? AND status = 'moved' AND status_date = '2026-03-01'", new_id, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM elder_status_changes WHERE elder_id = ? AND staff_id = ?", new_id, f->admin, NULL), ==, 1);
}

static void
test_cards (Fixture *f, gconstpointer data)
{
  YiStaffView *view = YI_STAFF_VIEW (f->view);
  GtkWidget *wait_message = yi_test_find (f->view, "wait_message");
  GtkWidget *editor, *elders;
  g_autoptr(GError) error = NULL;

  /* an unknown card tapped at the door before staff arrive */
  {
    g_autoptr(YiTapResult) r = yi_store_tap (f->store, "0A0B0C0D", &error);
    g_assert_cmpint (r->kind, ==, YI_TAP_UNKNOWN_CARD);
  }
  login_admin (f);
  elders = yi_test_find (f->view, "elders");

  /* issue: a card already bound elsewhere is refused, naming its owner */
  g_assert_true (yi_staff_view_handle_tap (view, "04A1B2C3"));      /* 张桂英's card opens her record */
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "editor");
  editor = yi_test_find (f->view, "editor");
  g_assert_true (gtk_widget_activate_action (editor, "staff.open-elder", "s", f->li));
  g_assert_true (gtk_widget_activate_action (editor, "editor.issue-card", NULL));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "waiting");
  save_png (f, "07-waiting-for-card");
  g_assert_true (yi_staff_view_handle_tap (view, "04A1B2C3"));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "waiting");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (wait_message)), "张桂英"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards WHERE elder_id = ?", f->li, NULL), ==, 0);
  save_png (f, "08-card-refused");
  g_assert_true (yi_staff_view_handle_tap (view, "11223344"));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "editor");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards WHERE elder_id = ? AND uid = '11223344' AND revoked_at IS NULL", f->li, NULL), ==, 1);

  /* lost card: revoke and replace in one flow */
  g_assert_true (gtk_widget_activate_action (editor, "editor.replace-card", NULL));
  g_assert_true (yi_staff_view_handle_tap (view, "11223344"));     /* the same card is not a replacement */
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "waiting");
  g_assert_true (yi_staff_view_handle_tap (view, "55667788"));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "editor");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards WHERE uid = '11223344' AND revoke_reason = 'lost'", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards WHERE elder_id = ? AND uid = '55667788' AND revoked_at IS NULL", f->li, NULL), ==, 1);
  g_assert_true (yi_test_has_label (editor, "55667788"));

  /* the unknown-card queue: give one to a registered elder ... */
  yi_staff_view_show_tab (view, "cards");
  g_assert_true (gtk_widget_activate_action (editor, "staff.show-tab", "s", "cards"));
  g_assert_cmpstr (yi_staff_view_get_tab (view), ==, "cards");
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (f->view, "queue")), ==, 1);
  g_assert_true (yi_staff_view_handle_tap (view, "99AABBCC"));     /* unknown card tapped while signed in */
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (f->view, "queue")), ==, 2);
  save_png (f, "09-unknown-cards");
  g_assert_true (gtk_widget_activate_action (yi_test_find (f->view, "queue"), "staff.bind-card", "s", "0A0B0C0D"));
  g_assert_cmpstr (yi_staff_view_get_tab (view), ==, "elders");
  g_assert_true (gtk_widget_get_visible (yi_test_find (elders, "pick_bar")));
  set_text (elders, "search", "wxl");
  yi_test_pump (30);
  save_png (f, "10-bind-card");
  {
    GtkWidget *results = yi_test_find (elders, "results");
    GtkWidget *row = gtk_widget_get_first_child (results);
    g_signal_emit_by_name (results, "row-activated", row);
  }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards c JOIN elders e ON e.id = c.elder_id "
                                   "WHERE c.uid = '0A0B0C0D' AND e.name = '王秀兰' AND c.revoked_at IS NULL", NULL), ==, 1);

  /* ... or register a new elder from it (bad input first) */
  g_assert_true (gtk_widget_activate_action (yi_test_find (f->view, "queue"), "staff.new-elder", "s", "99AABBCC"));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "editor");
  set_text (editor, "name", "周玉珍");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_true (gtk_widget_get_visible (yi_test_find (editor, "error_label")));   /* no ID, no birth date */
  set_text (editor, "birth_date", "1944-03-01");
  adw_combo_row_set_selected (ADW_COMBO_ROW (yi_test_find (editor, "gender")), 1);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards c JOIN elders e ON e.id = c.elder_id "
                                   "WHERE c.uid = '99AABBCC' AND e.name = '周玉珍' AND e.gender = 'F'", NULL), ==, 1);
  yi_staff_view_show_tab (view, "cards");
  g_assert_true (gtk_widget_activate_action (editor, "staff.show-tab", "s", "cards"));
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (f->view, "queue")), ==, 1);   /* only the "none" row */
  g_assert_true (yi_test_has_label (yi_test_find (f->view, "queue"), _("No unknown cards have been tapped")));
}

static void
test_today_and_welfare (Fixture *f, gconstpointer data)
{
  YiStaffView *view = YI_STAFF_VIEW (f->view);
  g_autoptr(GError) error = NULL;
  GtkWidget *today;
  GtkWidget *welfare;
  GtkWidget *button;

  {
    g_autoptr(YiTapResult) r = yi_store_tap (f->store, "04A1B2C3", &error);
    g_assert_cmpint (r->kind, ==, YI_TAP_CHECK_IN);
  }
  yi_clock_set_offset (yi_clock_get_offset () + (gint64) 75 * 60 * G_USEC_PER_SEC);   /* 10:15 */
  login_admin (f);
  yi_staff_view_show_tab (view, "today");
  today = yi_test_find (f->view, "today");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (today, "present_count"))), ==, "1");

  /* 李建国 came without his card */
  set_text (today, "manual_search", "ljg");
  yi_test_pump (30);
  button = yi_test_find_button (yi_test_find (today, "manual_results"), C_("staff", "Check in"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  yi_test_pump (30);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM attendance WHERE elder_id = ? AND method = 'manual' "
                                   "AND kind = 'in' AND staff_id = ?", f->li, f->admin, NULL), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (today, "present_count"))), ==, "2");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (today, "came_count"))), ==, "2");
  save_png (f, "11-today");

  /* 张桂英 leaves; checked out by hand from the list */
  button = yi_test_find_button (yi_test_find (today, "entries"), C_("staff", "Check out"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  yi_test_pump (30);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (today, "present_count"))), ==, "1");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (yi_test_find (today, "left_count"))), ==, "1");

  /* welfare calls: 王秀兰 is 74, with spouse: not listed.  Flag her 空巢. */
  {
    g_autofree char *wang = yi_store_query_string (f->store, "SELECT id FROM elders WHERE name = '王秀兰'", NULL);
    g_autofree char *cat = yi_store_add_elder_category (f->store, wang, "empty_nest", "社区证明", "2025-031", "2025-01-01", NULL, &error);
    g_assert_no_error (error);
  }
  yi_staff_view_show_tab (view, "welfare");
  welfare = yi_test_find (f->view, "welfare");
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (welfare, "due")), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (welfare, "due"), "王秀兰"));
  set_text (welfare, "note", "打了两次");
  button = yi_test_find_button (yi_test_find (welfare, "due"), yi_welfare_outcome_label ("no_answer"));
  g_signal_emit_by_name (button, "clicked");
  yi_test_pump (30);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM welfare_calls WHERE outcome = 'no_answer' AND note = '打了两次' "
                                   "AND call_date = '2026-03-02' AND staff_id = ?", f->admin, NULL), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (welfare, "follow_ups"), "王秀兰"));
  save_png (f, "12-welfare");
  button = yi_test_find_button (yi_test_find (welfare, "follow_ups"), yi_welfare_outcome_label ("resolved"));
  g_signal_emit_by_name (button, "clicked");
  yi_test_pump (30);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM welfare_calls WHERE outcome = 'resolved'", NULL), ==, 1);
  g_assert_false (yi_test_has_label (yi_test_find (welfare, "follow_ups"), "王秀兰"));
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  YiStaffView *view = YI_STAFF_VIEW (f->view);
  GtkWidget *elders, *results;

  /* a volunteer sees only the elder paired with them, and no tabs but welfare */
  press_keys (f, "8642");
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "main");
  elders = yi_test_find (f->view, "elders");
  results = yi_test_find (elders, "results");
  g_assert_cmpuint (yi_test_count_rows (results), ==, 1);
  g_assert_true (yi_test_has_label (results, "李建国"));
  g_assert_false (gtk_widget_get_visible (yi_test_find (elders, "new_button")));
  yi_staff_view_show_tab (view, "today");
  g_assert_cmpstr (yi_staff_view_get_tab (view), ==, "elders");
  yi_staff_view_show_tab (view, "cards");
  g_assert_cmpstr (yi_staff_view_get_tab (view), ==, "elders");
  save_png (f, "13-volunteer");
  /* a card tapped now cannot be issued by a volunteer */
  g_assert_true (gtk_widget_activate_action (elders, "staff.wait-card", "s", "issue:x"));
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "main");
  yi_staff_view_lock (view);

  /* the kitchen sees names, not ID numbers, and cannot edit: on the same
   * pages, kept from the first sign-in */
  press_keys (f, "1357");
  g_assert_true (yi_test_find (f->view, "elders") == elders);
  g_assert_cmpuint (yi_test_count_rows (results), ==, 3);
  g_assert_false (yi_test_has_label (results, "1101**"));
  g_assert_true (gtk_widget_activate_action (elders, "staff.open-elder", "s", f->zhang));
  g_assert_false (gtk_widget_get_visible (yi_test_find (f->view, "save_button")));
  g_assert_false (gtk_widget_get_visible (yi_test_find (f->view, "categories_group")));
  g_assert_false (gtk_widget_get_visible (yi_test_find (f->view, "cards_group")));
  yi_staff_view_lock (view);
  g_assert_cmpuint (f->locked, ==, 2);
}

int
main (int argc, char **argv)
{
  g_autofree char *podir = NULL;

  /* Screens in Chinese, as the centre sees them, from the built catalogue. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add ("/staff-view/login-lockout", Fixture, NULL, fixture_setup, test_login_and_lockout, fixture_teardown);
  g_test_add ("/staff-view/idle-lock", Fixture, GINT_TO_POINTER (10), fixture_setup, test_idle_lock, fixture_teardown);
  g_test_add ("/staff-view/elder-register", Fixture, NULL, fixture_setup, test_elder_register, fixture_teardown);
  g_test_add ("/staff-view/cards", Fixture, NULL, fixture_setup, test_cards, fixture_teardown);
  g_test_add ("/staff-view/today-welfare", Fixture, NULL, fixture_setup, test_today_and_welfare, fixture_teardown);
  g_test_add ("/staff-view/roles", Fixture, NULL, fixture_setup, test_roles, fixture_teardown);
  return g_test_run ();
}
