#include "config.h"

#include "yi-care.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-kitchen.h"
#include "yi-kitchen-sheet.h"
#include "yi-programme.h"
#include "yi-role-taps.h"
#include "yi-staff-care-pages.h"
#include "yi-staff-keypad.h"
#include "yi-staff-test-util.h"
#include "yi-staff-view.h"
#include "yi-store.h"
#include "yi-settings.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The second set of staff pages, driven in a 1280×800 window under Xvfb:
 * each main path and its bad inputs, with the rows they commit and a PNG
 * of each screen.  Monday 2 March 2026 in the centre. */

typedef struct {
  char      *dir;
  YiStore   *store;
  GtkWidget *window;
  GtkWidget *view;
  char      *admin;
  char      *health;
  char      *volunteer_staff;
  char      *volunteer;
  char      *zhang;    /* 张桂英, card 04A1B2C3, delivery, 文化东路 */
  char      *li;       /* 李建国, card 04D4E5F6, delivery, 和平路, bedridden */
  char      *wang;     /* 王秀兰, card 04070809, eats at the centre */
  char      *service_type;
} Fixture;

#define VIEW(f) YI_STAFF_VIEW ((f)->view)

static void
at_local (const char *date,
          const char *hhmm)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  int y = atoi (date), mo = atoi (date + 5), d = atoi (date + 8);
  g_autoptr(GDateTime) local = g_date_time_new (tz, y, mo, d, atoi (hhmm), atoi (hhmm + 3), 0);
  g_autofree char *utc = yi_clock_format_utc (g_date_time_to_unix (local) * G_USEC_PER_SEC);

  g_assert_true (yi_clock_set_now (utc, &error));
}

static char *
add_elder (Fixture    *f,
           const char *name,
           const char *birth,
           const char *gender,
           const char *street,
           const char *address,
           gboolean    delivery,
           gboolean    can_confirm,
           const char *card)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *card_id = NULL;
  char *id;

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "birth_date", birth);
  json_object_set_string_member (o, "gender", gender);
  json_object_set_string_member (o, "phone", "13812345678");
  if (street)
    json_object_set_string_member (o, "street", street);
  if (address)
    json_object_set_string_member (o, "address", address);
  json_object_set_int_member (o, "delivery_allowed", delivery);
  json_object_set_int_member (o, "can_confirm", can_confirm);
  id = yi_store_save_elder (f->store, NULL, o, &error);
  g_assert_no_error (error);
  card_id = yi_store_issue_card (f->store, card, id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) centre = json_object_new ();
  g_autoptr(JsonObject) type = json_object_new ();
  g_autoptr(JsonObject) link = json_object_new ();
  g_autofree char *centre_id = yi_uuid_v7_new ();
  g_autofree char *path = NULL;
  g_autofree char *card = NULL;

  f->dir = g_dir_make_tmp ("yiyang-staff-pages-XXXXXX", &error);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (path, &error);
  g_assert_no_error (error);
  at_local ("2026-03-02", "08:30");
  json_object_set_string_member (centre, "name", "文化东路日间照料中心");
  g_assert_true (yi_store_put_entity (f->store, "centre", centre_id, centre, &error));
  f->admin = yi_store_add_staff (f->store, "王芳", "admin", "2468", &error);
  g_free (yi_store_add_staff (f->store, "刘师傅", "kitchen", "1357", &error));
  f->health = yi_store_add_staff (f->store, "赵护士", "health", "9753", &error);
  f->volunteer_staff = yi_store_add_staff (f->store, "陈晓", "volunteer", "8642", &error);
  g_assert_no_error (error);
  card = yi_store_issue_card (f->store, "5A5A5A5A", NULL, f->admin, &error);
  f->zhang = add_elder (f, "张桂英", "1949-12-31", "F", "文化东路", "12号3单元401", TRUE, TRUE, "04A1B2C3");
  f->li = add_elder (f, "李建国", "1940-06-01", "M", "和平路", "8号101", TRUE, FALSE, "04D4E5F6");
  f->wang = add_elder (f, "王秀兰", "1952-02-11", "F", NULL, NULL, FALSE, TRUE, "04070809");
  for (const char *const *meal = yi_meal_codes (); *meal; meal++)
    g_free (yi_store_save_menu (f->store, "2026-03-02", *meal, "米饭 清蒸鱼 炒青菜", NULL, 1000, 200, &error));
  g_assert_no_error (error);

  f->service_type = yi_uuid_v7_new ();
  json_object_set_string_member (type, "code", "bath");
  json_object_set_string_member (type, "name_zh", "助浴");
  json_object_set_string_member (type, "name_en", "Bathing");
  json_object_set_string_member (type, "category", "bath");
  json_object_set_int_member (type, "price_fen", 3000);
  g_assert_true (yi_store_put_entity (f->store, "service_types", f->service_type, type, &error));

  f->volunteer = yi_store_register_volunteer (f->store, "陈晓", "13900001111", "党员服务队", "理发", &error);
  json_object_set_string_member (link, "volunteer_id", f->volunteer);
  g_assert_true (yi_store_put_entity (f->store, "staff", f->volunteer_staff, link, &error));
  g_free (yi_store_pair_volunteer (f->store, f->volunteer, f->li, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_decorated (GTK_WINDOW (f->window), FALSE);
  f->view = yi_staff_view_new (f->store);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  yi_test_pump (400);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  /* settings live in this process for all the tests: put them back */
  g_settings_reset (yi_settings_get_default (), YI_SETTING_KIOSK_ROLE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  yi_test_pump (50);
  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->admin);
  g_free (f->health);
  g_free (f->volunteer_staff);
  g_free (f->volunteer);
  g_free (f->zhang);
  g_free (f->li);
  g_free (f->wang);
  g_free (f->service_type);
  yi_clock_set_offset (0);
}

static void
login (Fixture    *f,
       const char *pin)
{
  GtkWidget *pad = yi_test_find (f->view, "pin_pad");

  for (const char *p = pin; *p; p++)
    {
      char key[2] = { *p, 0 };
      g_assert_true (gtk_widget_activate_action (pad, "keypad.press", "s", key));
    }
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));
  yi_test_pump (30);
  g_assert_cmpstr (yi_staff_view_get_screen (VIEW (f)), ==, "main");
}

static GtkWidget *
open_tab (Fixture    *f,
          const char *tab)
{
  yi_staff_view_show_tab (VIEW (f), tab);
  yi_test_pump (30);
  g_assert_cmpstr (yi_staff_view_get_tab (VIEW (f)), ==, tab);
  return yi_test_find (f->view, tab);
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

static const char *
label_of (GtkWidget  *root,
          const char *id)
{
  return gtk_label_get_label (GTK_LABEL (yi_test_find (root, id)));
}

static void
act (GtkWidget  *page,
     const char *action,
     const char *target)
{
  if (target)
    g_assert_true (gtk_widget_activate_action (page, action, "s", target));
  else
    g_assert_true (gtk_widget_activate_action (page, action, NULL));
  yi_test_pump (20);
}

static void
pick (GtkWidget  *page,
      const char *picker_id,
      const char *elder_id)
{
  yi_staff_elder_picker_set_elder (YI_STAFF_ELDER_PICKER (yi_test_find (page, picker_id)), elder_id);
}

static void
test_kitchen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *sections;
  g_autofree char *order = NULL;
  g_autofree char *print_png = g_test_build_filename (G_TEST_BUILT, "staff-kitchen-print.png", NULL);
  g_autofree char *print_pdf = g_test_build_filename (G_TEST_BUILT, "staff-kitchen-print.pdf", NULL);

  login (f, "2468");
  page = open_tab (f, "kitchen");
  sections = yi_test_find (page, "sections");

  /* order on an elder's behalf, found by pinyin initials */
  gtk_stack_set_visible_child_name (GTK_STACK (sections), "order");
  yi_staff_elder_picker_search (YI_STAFF_ELDER_PICKER (yi_test_find (page, "order_picker")), "wxl");
  yi_test_pump (30);
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "hits")), ==, 1);
  yi_test_save_png (f->window, "20-kitchen-order-search");
  {
    GtkWidget *hits = yi_test_find (page, "hits");
    g_signal_emit_by_name (hits, "row-activated", gtk_widget_get_first_child (hits));
  }
  act (page, "kitchen.order", NULL);
  order = yi_store_query_string (f->store, "SELECT id FROM meal_orders WHERE elder_id = ? AND channel = 'staff' AND meal = 'lunch' "
                                 "AND mode = 'dine_in' AND staff_id = ?", f->wang, f->admin, NULL);
  g_assert_nonnull (order);
  /* the same meal again is refused, with the reason on screen */
  act (page, "kitchen.order", NULL);
  g_assert_nonnull (strstr (label_of (page, "order_error"), "王秀兰"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ?", f->wang, NULL), ==, 1);
  /* delivery only for elders on the round */
  pick (page, "order_picker", f->wang);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yi_test_find (page, "mode_delivery")), TRUE);
  act (page, "kitchen.order", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ?", f->wang, NULL), ==, 1);
  g_assert_cmpstr (label_of (page, "order_error"), !=, "");
  pick (page, "order_picker", f->zhang);
  act (page, "kitchen.order", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ? AND mode = 'delivery' "
                                   "AND price_fen = 1200", f->zhang, NULL), ==, 1);

  /* after the 09:30 cut-off: refused without a reason, taken with one
   * (the staff member kept working, so the session stays open) */
  at_local ("2026-03-02", "09:45");
  yi_staff_session_touch (yi_staff_view_get_session (VIEW (f)));
  pick (page, "order_picker", f->li);
  act (page, "kitchen.order", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ?", f->li, NULL), ==, 0);
  g_assert_nonnull (strstr (label_of (page, "order_error"), "09:30"));
  yi_test_save_png (f->window, "21-kitchen-after-cutoff");
  set_text (page, "late_reason", "家属来电，厨房同意");
  act (page, "kitchen.order", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders o JOIN audit_log a ON a.record_id = o.id "
                                   "WHERE o.elder_id = ? AND a.action = 'order_after_cutoff' AND a.summary = '家属来电，厨房同意'",
                                   f->li, NULL), ==, 1);

  /* the kitchen board, large */
  gtk_stack_set_visible_child_name (GTK_STACK (sections), "board");
  yi_test_save_png (f->window, "22-kitchen-board");

  /* the delivery round in route order: 和平路 before 文化东路 */
  gtk_stack_set_visible_child_name (GTK_STACK (sections), "delivery");
  yi_test_pump (30);
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "delivery")), ==, 2);
  {
    GtkWidget *first = gtk_widget_get_first_child (yi_test_find (page, "delivery"));
    g_assert_true (yi_test_has_label (first, "和平路 8号101"));
    g_assert_true (yi_test_has_label (first, "13812345678"));
  }
  yi_test_save_png (f->window, "23-kitchen-delivery");

  /* served by hand; cancelling needs a reason */
  gtk_stack_set_visible_child_name (GTK_STACK (sections), "orders");
  act (page, "kitchen.serve", order);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meals_served WHERE order_id = ? AND method = 'manual' "
                                   "AND staff_id = ?", order, f->admin, NULL), ==, 1);
  act (page, "kitchen.serve", order);   /* twice is refused */
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meals_served WHERE order_id = ?", order, NULL), ==, 1);
  {
    g_autofree char *li_order = yi_store_query_string (f->store, "SELECT id FROM meal_orders WHERE elder_id = ?", f->li, NULL);

    act (page, "kitchen.cancel", li_order);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM event_voids WHERE target_id = ?", li_order, NULL), ==, 0);
    set_text (page, "cancel_reason", "老人住院");
    act (page, "kitchen.cancel", li_order);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM event_voids WHERE target_id = ? AND reason = '老人住院' "
                                     "AND staff_id = ?", li_order, f->admin, NULL), ==, 1);
  }
  g_assert_true (yi_test_has_label (yi_test_find (page, "orders"), _("Served")));
  yi_test_save_png (f->window, "24-kitchen-orders");

  /* menus for tomorrow and the cut-off times; a bad price saves nothing */
  act (page, "kitchen.next-day", NULL);
  g_assert_cmpstr (yi_staff_kitchen_page_get_date (YI_STAFF_KITCHEN_PAGE (page)), ==, "2026-03-03");
  gtk_stack_set_visible_child_name (GTK_STACK (sections), "menus");
  set_text (page, "menu-lunch-dishes", "饺子 小米粥");
  set_text (page, "menu-lunch-price", "九元");
  act (page, "kitchen.save-menus", NULL);
  g_assert_cmpstr (label_of (page, "menu_error"), !=, "");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM menus WHERE on_date = '2026-03-03'", NULL), ==, 0);
  set_text (page, "menu-lunch-price", "9.5");
  set_text (page, "menu-lunch-delivery", "2");
  act (page, "kitchen.save-menus", NULL);
  set_text (page, "cutoff-lunch", "10:15");
  act (page, "kitchen.save-cutoffs", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM menus WHERE on_date = '2026-03-03' AND meal = 'lunch' "
                                   "AND dishes_zh = '饺子 小米粥' AND price_fen = 950 AND delivery_fen = 200", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM centre WHERE lunch_cutoff = '10:15'", NULL), ==, 1);
  set_text (page, "cutoff-dinner", "25:99");
  act (page, "kitchen.save-cutoffs", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM centre WHERE dinner_cutoff = '14:00'", NULL), ==, 1);
  yi_test_save_png (f->window, "25-kitchen-menus");

  /* the printed sheet, drawn by the same function the print dialog uses */
  g_assert_true (yi_kitchen_save_page (f->store, "2026-03-02", print_png, &error));
  g_assert_true (yi_kitchen_save_page (f->store, "2026-03-02", print_pdf, &error));
  g_assert_no_error (error);
  g_test_message ("print page: %s", print_png);
}

static void
test_dining_taps (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* a dining-hall tap without an order gets the kind message, writes nothing */
  g_assert_true (yi_store_set_kiosk_role (f->store, YI_KIOSK_ROLE_DINING, &error));
  at_local ("2026-03-02", "11:50");
  {
    g_autoptr(YiRoleTapResult) r = yi_store_role_tap (f->store, yi_store_get_kiosk_role (f->store), "04070809", &error);
    g_assert_no_error (error);
    g_assert_cmpint (r->kind, ==, YI_ROLE_TAP_MEAL_NOT_ORDERED);
    g_assert_nonnull (strstr (r->message, "王秀兰"));
    g_assert_nonnull (strstr (r->message, "午餐"));
    g_test_message ("%s", r->message);
  }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meals_served", NULL), ==, 0);
}

static void
test_activities (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *sessions;
  g_autofree char *taichi = NULL;
  g_autofree char *signup = NULL;

  login (f, "2468");
  page = open_tab (f, "activities");
  gtk_stack_set_visible_child_name (GTK_STACK (yi_test_find (page, "sections")), "programme");

  /* a nameless activity is refused */
  set_text (page, "starts_at", "9:30");
  set_text (page, "capacity", "2");
  act (page, "activities.save", NULL);
  g_assert_cmpstr (label_of (page, "form_error"), !=, "");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities", NULL), ==, 0);
  /* tai chi every Monday at 09:30, two places */
  set_text (page, "title", "太极拳");
  set_text (page, "room", "一楼活动室");
  set_text (page, "leader", "孙老师");
  set_text (page, "valid_from", "2026-03-01");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yi_test_find (page, "kind")), 3);
  act (page, "activities.save", NULL);
  taichi = yi_store_query_string (f->store, "SELECT id FROM activities WHERE title_zh = '太极拳' AND weekday = 1 AND starts_at = '09:30' "
                                  "AND capacity = 2 AND kind = 'taichi' AND room = '一楼活动室'", NULL);
  g_assert_nonnull (taichi);
  /* 重阳节, a one-off */
  set_text (page, "title", "重阳节联欢会");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yi_test_find (page, "weekday")), 7);
  set_text (page, "on_date", "2026-03-02");
  set_text (page, "starts_at", "14:00");
  set_text (page, "duration", "120");
  set_text (page, "capacity", "80");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yi_test_find (page, "kind")), 7);
  act (page, "activities.save", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities WHERE on_date = '2026-03-02' AND kind = 'festival' "
                                   "AND weekday IS NULL AND duration_min = 120", NULL), ==, 1);
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "programme")), ==, 2);
  yi_test_save_png (f->window, "30-activities-programme");

  /* the day: 张桂英 signed up at the kiosk; attendance by hand, by card, walk-in */
  signup = yi_programme_sign_up (f->store, taichi, "2026-03-02", f->zhang, "kiosk", &error);
  g_assert_no_error (error);
  gtk_stack_set_visible_child_name (GTK_STACK (yi_test_find (page, "sections")), "day");
  yi_staff_page_refresh (YI_STAFF_PAGE (page));
  sessions = yi_test_find (page, "sessions");
  g_assert_cmpuint (yi_test_count_rows (sessions), ==, 2);
  gtk_list_box_select_row (GTK_LIST_BOX (sessions), GTK_LIST_BOX_ROW (gtk_widget_get_first_child (sessions)));
  yi_test_pump (20);
  g_assert_true (yi_test_has_label (yi_test_find (page, "attendees"), "张桂英"));
  /* an elder's card on the reader takes attendance while a session is open */
  g_assert_true (yi_staff_view_handle_tap (VIEW (f), "04A1B2C3"));
  g_assert_cmpstr (yi_staff_view_get_screen (VIEW (f)), ==, "main");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE elder_id = ? AND method = 'card' "
                                   "AND activity_id = ? AND staff_id = ?", f->zhang, taichi, f->admin, NULL), ==, 1);
  g_assert_true (yi_staff_view_handle_tap (VIEW (f), "04A1B2C3"));   /* twice: refused, one row */
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE elder_id = ?", f->zhang, NULL), ==, 1);
  pick (page, "walk_in", f->wang);
  act (page, "activities.walk-in", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE elder_id = ? AND method = 'manual'",
                                   f->wang, NULL), ==, 1);
  /* now full: the next walk-in is turned away */
  pick (page, "walk_in", f->li);
  act (page, "activities.walk-in", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE elder_id = ?", f->li, NULL), ==, 0);
  g_assert_nonnull (strstr (label_of (page, "seats_label"), "0"));
  yi_test_save_png (f->window, "31-activities-attendance");

  /* ending the weekly class */
  gtk_stack_set_visible_child_name (GTK_STACK (yi_test_find (page, "sections")), "programme");
  act (page, "activities.end", taichi);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities WHERE id = ? AND valid_to = '2026-03-02'", taichi, NULL), ==, 1);
}

static void
test_services (Fixture *f, gconstpointer data)
{
  GtkWidget *page;
  g_autofree char *record = NULL;

  login (f, "2468");
  page = open_tab (f, "services");
  /* without an elder nothing is recorded */
  set_text (page, "duration", "45");
  act (page, "services.record", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM service_records", NULL), ==, 0);
  g_assert_cmpstr (label_of (page, "record_error"), !=, "");
  /* the elder's card picks them while the page waits */
  g_assert_true (yi_staff_view_handle_tap (VIEW (f), "04D4E5F6"));
  g_assert_cmpstr (yi_staff_view_get_screen (VIEW (f)), ==, "main");
  g_assert_cmpstr (yi_staff_elder_picker_get_elder (YI_STAFF_ELDER_PICKER (yi_test_find (page, "elder_picker"))), ==, f->li);
  set_text (page, "started_at", "8:00");
  set_text (page, "duration", "forty");
  act (page, "services.record", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM service_records", NULL), ==, 0);
  set_text (page, "duration", "45");
  set_text (page, "notes", "洗澡并剪指甲");
  yi_test_save_png (f->window, "40-services-form");
  act (page, "services.record", NULL);
  record = yi_store_query_string (f->store, "SELECT id FROM service_records WHERE elder_id = ? AND service_type_id = ? "
                                  "AND provider_staff_id = ? AND duration_min = 45 AND started_at = '2026-03-02T00:00:00.000Z' "
                                  "AND notes = '洗澡并剪指甲' AND price_fen = 3000", f->li, f->service_type, f->admin, NULL);
  g_assert_nonnull (record);
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "pending")), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (page, "pending"), "李建国"));
  yi_test_save_png (f->window, "41-services-pending");

  /* vouching without a reason is refused; with one it confirms */
  act (page, "services.attest", record);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM service_confirmations", NULL), ==, 0);
  set_text (page, "attest_reason", "老人卧床，无法刷卡");
  act (page, "services.attest", record);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM service_confirmations WHERE service_record_id = ? "
                                   "AND method = 'attestation' AND reason = '老人卧床，无法刷卡' AND staff_id = ?",
                                   record, f->admin, NULL), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (page, "pending"), _("Every service has been confirmed")));
}

static void
press (GtkWidget  *pad,
       const char *keys)
{
  for (const char *p = keys; *p; p++)
    {
      char key[2] = { *p, 0 };
      g_assert_true (gtk_widget_activate_action (pad, "keypad.press", "s", key));
    }
}

static void
test_health (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *pad;
  g_autofree char *alert = NULL;
  const double history[][2] = { { 132, 84 }, { 138, 88 }, { 146, 92 }, { 128, 82 } };

  /* readings of the past weeks for the trend */
  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-02-%02u", 2 + i * 7);
      g_autofree char *id = NULL;

      at_local (day, "09:00");
      id = yi_store_record_vital (f->store, f->zhang, YI_VITAL_BLOOD_PRESSURE, history[i][0], history[i][1], NULL, &error);
      g_assert_no_error (error);
      if (history[i][0] > 140)
        {
          yi_store_set_actor (f->store, f->health);
          g_free (yi_store_ack_vital_alert (f->store, id, "复测正常", &error));
          yi_store_set_actor (f->store, NULL);
        }
    }
  at_local ("2026-03-02", "09:00");

  login (f, "9753");
  page = open_tab (f, "health");
  pad = yi_test_find (page, "pad");
  g_assert_true (yi_staff_view_handle_tap (VIEW (f), "04A1B2C3"));
  g_assert_cmpstr (yi_staff_elder_picker_get_elder (YI_STAFF_ELDER_PICKER (yi_test_find (page, "elder_picker"))), ==, f->zhang);

  /* 300/80 on the keypad: impossible, refused in words, nothing stored */
  press (pad, "300");
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));   /* on to the lower number */
  press (pad, "80");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_test_find (page, "value1"))), ==, "300");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_test_find (page, "value2"))), ==, "80");
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));
  yi_test_pump (20);
  g_assert_nonnull (strstr (label_of (page, "result"), "300"));
  g_assert_true (gtk_widget_has_css_class (yi_test_find (page, "result"), "yi-error"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_signs WHERE local_date = '2026-03-02'", NULL), ==, 0);
  yi_test_save_png (f->window, "50-health-impossible");

  /* 156/96: stored, flagged, listed as an alert */
  set_text (page, "value1", "156");
  set_text (page, "value2", "96");
  act (page, "health.record", NULL);
  alert = yi_store_query_string (f->store, "SELECT id FROM vital_signs WHERE elder_id = ? AND kind = 'bp' AND value1 = 156 "
                                 "AND value2 = 96 AND out_of_range = 1 AND staff_id = ?", f->zhang, f->health, NULL);
  g_assert_nonnull (alert);
  g_assert_true (gtk_widget_has_css_class (yi_test_find (page, "result"), "yi-warning"));
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "alerts")), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (page, "alerts"), "张桂英"));
  yi_test_save_png (f->window, "51-health-alert-trend");

  /* glucose with the decimal point key; a second point is ignored */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yi_test_find (page, "kind_glucose")), TRUE);
  g_assert_false (gtk_widget_get_visible (yi_test_find (page, "value2")));
  press (pad, "6.4.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (yi_test_find (page, "value1"))), ==, "6.4");
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));
  yi_test_pump (20);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_signs WHERE kind = 'glucose' AND value1 = 6.4 "
                                   "AND out_of_range = 0", NULL), ==, 1);
  /* temperature 3.68 (a slip for 36.8) is impossible */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yi_test_find (page, "kind_temperature")), TRUE);
  set_text (page, "value1", "3.68");
  act (page, "health.record", NULL);
  g_assert_true (gtk_widget_has_css_class (yi_test_find (page, "result"), "yi-error"));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_signs WHERE kind = 'temperature'", NULL), ==, 0);

  /* dealt with: off the list, acknowledged by whom */
  act (page, "health.ack", alert);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_alert_acks WHERE vital_id = ? AND staff_id = ?",
                                   alert, f->health, NULL), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (page, "alerts"), _("No alerts: every reading is in range or dealt with")));
}

static void
test_volunteers (Fixture *f, gconstpointer data)
{
  GtkWidget *page;
  g_autofree char *sun = NULL;

  login (f, "2468");
  page = open_tab (f, "volunteers");
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "volunteer_list")), ==, 1);
  /* a volunteer without a name is refused */
  set_text (page, "phone", "13700002222");
  act (page, "volunteers.register", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteers", NULL), ==, 1);
  set_text (page, "name", "孙丽");
  set_text (page, "team", "巾帼志愿队");
  set_text (page, "skills", "按摩、聊天");
  act (page, "volunteers.register", NULL);
  sun = yi_store_query_string (f->store, "SELECT id FROM volunteers WHERE name = '孙丽' AND team = '巾帼志愿队' "
                               "AND phone = '13700002222' AND registered_on = '2026-03-02'", NULL);
  g_assert_nonnull (sun);
  /* the new volunteer is chosen: pair with 王秀兰 and log 1.5 hours with her */
  pick (page, "elder_picker", f->wang);
  act (page, "volunteers.pair", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteer_pairs WHERE volunteer_id = ? AND elder_id = ? "
                                   "AND until IS NULL", sun, f->wang, NULL), ==, 1);
  pick (page, "elder_picker", f->wang);
  set_text (page, "hours_entry", "一个半");
  act (page, "volunteers.log", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteer_hours", NULL), ==, 0);
  set_text (page, "hours_entry", "1.5");
  set_text (page, "activity", "陪聊、按摩");
  act (page, "volunteers.log", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteer_hours WHERE volunteer_id = ? AND elder_id = ? "
                                   "AND minutes = 90 AND served_on = '2026-03-02' AND activity = '陪聊、按摩' AND staff_id = ?",
                                   sun, f->wang, f->admin, NULL), ==, 1);
  set_text (page, "hours_entry", "20");
  act (page, "volunteers.log", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteer_hours", NULL), ==, 1);
  g_assert_cmpstr (label_of (page, "error_label"), !=, "");
  yi_test_save_png (f->window, "60-volunteers");
  yi_staff_view_lock (VIEW (f));

  /* a volunteer sees only their own record, and only their pair in services */
  login (f, "8642");
  page = open_tab (f, "volunteers");
  g_assert_cmpuint (yi_test_count_rows (yi_test_find (page, "volunteer_list")), ==, 1);
  g_assert_true (yi_test_has_label (yi_test_find (page, "volunteer_list"), "陈晓"));
  g_assert_false (gtk_widget_get_visible (yi_test_find (page, "register_box")));
  g_assert_true (yi_test_has_label (yi_test_find (page, "pairs"), "李建国"));
  set_text (page, "hours_entry", "2");
  pick (page, "elder_picker", f->li);
  act (page, "volunteers.log", NULL);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM volunteer_hours WHERE volunteer_id = ? AND elder_id = ? "
                                   "AND minutes = 120", f->volunteer, f->li, NULL), ==, 1);
  yi_test_save_png (f->window, "61-volunteer-own");
  page = open_tab (f, "services");
  g_assert_true (yi_staff_view_handle_tap (VIEW (f), "04070809"));   /* not paired: not taken */
  g_assert_null (yi_staff_elder_picker_get_elder (YI_STAFF_ELDER_PICKER (yi_test_find (page, "elder_picker"))));
}

static void
test_feedback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *comments;
  const struct { const char *day; int rating; const char *comment; } box[] = {
    { "2026-02-10", 2, "上个月的饭太咸" },
    { "2026-03-01", 5, "太极拳老师很耐心" },
    { "2026-03-02", 4, NULL },
    { "2026-03-02", 1, "理发要等太久" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (box); i++)
    {
      g_autofree char *id = NULL;

      at_local (box[i].day, "10:00");
      id = yi_store_submit_feedback (f->store, i == 2 ? NULL : f->zhang, box[i].rating, box[i].comment, &error);
      g_assert_no_error (error);
    }
  at_local ("2026-03-02", "16:00");
  login (f, "2468");
  page = open_tab (f, "feedback");
  comments = yi_test_find (page, "comments");
  /* this month: three, newest first; last month's is not shown */
  g_assert_cmpuint (yi_test_count_rows (comments), ==, 3);
  g_assert_true (yi_test_has_label (gtk_widget_get_first_child (comments), "理发要等太久"));
  g_assert_false (yi_test_has_label (comments, "上个月的饭太咸"));
  g_assert_true (yi_test_has_label (comments, _("anonymous")));
  g_assert_nonnull (strstr (label_of (page, "rate_label"), "66.7"));
  g_assert_true (gtk_widget_has_css_class (yi_test_find (page, "rate_label"), "yi-error"));
  yi_test_save_png (f->window, "70-feedback");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (yi_test_find (page, "period")), 2);
  yi_test_pump (20);
  g_assert_cmpuint (yi_test_count_rows (comments), ==, 4);
}

static gboolean
tab_visible (Fixture    *f,
             const char *tab)
{
  yi_staff_view_show_tab (VIEW (f), tab);
  return g_strcmp0 (yi_staff_view_get_tab (VIEW (f)), tab) == 0;
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  const char *tabs[] = { "kitchen", "activities", "services", "health", "volunteers", "feedback" };
  const struct { const char *pin; gboolean sees[6]; } roles[] = {
    { "1357", { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },   /* kitchen */
    { "9753", { FALSE, FALSE, TRUE,  TRUE,  FALSE, FALSE } },   /* health */
    { "8642", { FALSE, FALSE, TRUE,  FALSE, TRUE,  FALSE } },   /* volunteer */
    { "2468", { TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE } },    /* admin */
  };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      login (f, roles[r].pin);
      for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
        {
          yi_staff_view_show_tab (VIEW (f), "elders");
          g_assert_cmpint (tab_visible (f, tabs[t]), ==, roles[r].sees[t]);
        }
      if (r == 0)
        yi_test_save_png (f->window, "80-kitchen-role");
      yi_staff_view_lock (VIEW (f));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *podir = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add ("/staff-pages/kitchen", Fixture, NULL, setup, test_kitchen, teardown);
  g_test_add ("/staff-pages/dining-tap", Fixture, NULL, setup, test_dining_taps, teardown);
  g_test_add ("/staff-pages/activities", Fixture, NULL, setup, test_activities, teardown);
  g_test_add ("/staff-pages/services", Fixture, NULL, setup, test_services, teardown);
  g_test_add ("/staff-pages/health", Fixture, NULL, setup, test_health, teardown);
  g_test_add ("/staff-pages/volunteers", Fixture, NULL, setup, test_volunteers, teardown);
  g_test_add ("/staff-pages/feedback", Fixture, NULL, setup, test_feedback, teardown);
  g_test_add ("/staff-pages/roles", Fixture, NULL, setup, test_roles, teardown);
  return g_test_run ();
}
