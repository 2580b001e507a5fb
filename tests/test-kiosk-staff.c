/* Staff mode inside the kiosk window under Xvfb: the corner button and a
 * staff card open it, PINs sign in, an administrator's settings page
 * changes the kiosk live, and the header says how the card readers and
 * the district sync stand. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-domain.h"
#include "yi-role-taps.h"
#include "yi-settings.h"
#include "yi-settings-page.h"

#include <string.h>

static void
prepare (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = yi_store_add_staff (store, "赵主任", "admin", "9753", &error);

  g_assert_no_error (error);
}

static YiStaffView *
view (void)
{
  return yi_window_get_staff_view (k.window);
}

static void
test_staff_signs_in (void)
{
  g_autoptr(GPtrArray) settings_pages = g_ptr_array_new ();

  press (T ("工作人员", "Staff"));
  assert_page ("staff");
  /* the tabs, and the kiosk's settings page among them, wait for a sign-in */
  find_all (GTK_WIDGET (view ()), YI_TYPE_SETTINGS_PAGE, settings_pages);
  g_assert_cmpuint (settings_pages->len, ==, 0);
  g_assert_null (yi_staff_view_get_tab (view ()));
  assert_on_screen (yi_card_readers_get_status_message (yi_application_get_readers (k.app)));
  assert_on_screen (T ("NFC 读卡器已在设置中关闭", "NFC reader turned off in the settings"));
  enter_pin ("2468");
  g_assert_cmpstr (yi_staff_view_get_screen (view ()), ==, "main");
  assert_on_screen ("王芳");
  /* not enrolled with a district: staff are told, in words */
  assert_on_screen (T ("没有接入区里的系统", "Not enrolled with a district"));
  save_png ("staff-main");

  /* signed in, the elders' countdown does not throw staff out */
  g_settings_set_int (k.settings, "idle-timeout", 3);
  iterate_for (3600);
  assert_page ("staff");
  g_settings_set_int (k.settings, "idle-timeout", 10);

  /* only administrators see the kiosk's settings */
  yi_staff_view_show_tab (view (), "settings");
  g_assert_cmpstr (yi_staff_view_get_tab (view ()), !=, "settings");

  /* an elder's card while signed in opens their record, records no visit */
  tap ("04A1B2C3");
  assert_page ("staff");
  g_assert_cmpstr (yi_staff_view_get_screen (view ()), ==, "editor");
  g_assert_cmpint (count ("SELECT count(*) FROM attendance", NULL), ==, 0);

  /* the same staff card again locks, and the board is back */
  tap ("5A5A5A5A");
  assert_page ("board");
}

static void
test_staff_card_at_door (void)
{
  g_settings_set_int (k.settings, "idle-timeout", 3);
  tap ("5A5A5A5A");
  assert_page ("staff");
  assert_on_screen (T ("王芳，请输入密码", "王芳, please enter your PIN"));
  save_png ("staff-card-pin");
  /* the PIN pad goes back to the board by itself */
  iterate_for (3600);
  assert_page ("board");
  g_settings_set_int (k.settings, "idle-timeout", 10);
}

static void
test_settings_page (void)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autofree char *connstring = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  double low, high;
  GtkWidget *page;

  press (T ("工作人员", "Staff"));
  enter_pin ("9753");
  yi_staff_view_show_tab (view (), "settings");
  g_assert_cmpstr (yi_staff_view_get_tab (view ()), ==, "settings");
  iterate_for (200);
  assert_on_screen (T ("屏幕", "Screens"));
  save_png ("staff-settings");

  find_all (GTK_WIDGET (view ()), YI_TYPE_SETTINGS_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 1);
  page = g_ptr_array_index (pages, 0);
  find_all (page, GTK_TYPE_SPIN_BUTTON, spins);
  find_all (page, GTK_TYPE_SWITCH, switches);
  find_all (page, ADW_TYPE_ENTRY_ROW, entries);
  /* idle timeout, repeat window, debounce, staff lock, five normal ranges of two */
  g_assert_cmpuint (spins->len, ==, 14);
  g_assert_cmpuint (switches->len, ==, 5);  /* sounds, voice, contrast, large text, wedge */
  g_assert_cmpuint (entries->len, ==, 1);

  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 45);
  g_assert_cmpint (g_settings_get_int (k.settings, "idle-timeout"), ==, 45);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 600);
  g_assert_cmpint (yi_settings_get_int (YI_SETTING_TAP_REPEAT_WINDOW), ==, 600);
  g_settings_reset (k.settings, YI_SETTING_TAP_REPEAT_WINDOW);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 2), 500);
  g_assert_cmpint (g_settings_get_int (k.settings, "reader-debounce"), ==, 500);

  gtk_switch_set_active (g_ptr_array_index (switches, 2), TRUE);
  g_assert_true (g_settings_get_boolean (k.settings, "high-contrast"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (k.window), "high-contrast"));
  gtk_switch_set_active (g_ptr_array_index (switches, 2), FALSE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (k.window), "high-contrast"));

  /* turning the USB readers off drops them at once */
  gtk_switch_set_active (g_ptr_array_index (switches, 4), FALSE);
  g_assert_false (g_settings_get_boolean (k.settings, "wedge-reader"));
  g_assert_null (strstr (yi_card_readers_get_status_message (yi_application_get_readers (k.app)), "USB"));
  gtk_switch_set_active (g_ptr_array_index (switches, 4), TRUE);

  /* a connection string is applied whole, and the NFC reader restarts on it */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), " pn532_uart:/dev/null ");
  g_signal_emit_by_name (g_ptr_array_index (entries, 0), "apply");
  connstring = g_settings_get_string (k.settings, "reader-connstring");
  g_assert_cmpstr (connstring, ==, "pn532_uart:/dev/null");
  g_assert_cmpstr (yi_card_readers_get_connstring (yi_application_get_readers (k.app)), ==, "pn532_uart:/dev/null");
  g_settings_set_string (k.settings, "reader-connstring", "none");
  g_assert_null (yi_card_readers_get_connstring (yi_application_get_readers (k.app)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_ptr_array_index (entries, 0))), ==, "none");

  /* where the kiosk stands, and how long staff mode stays open */
  find_all (page, ADW_TYPE_COMBO_ROW, combos);
  g_assert_cmpuint (combos->len, ==, 2);    /* language, role */
  adw_combo_row_set_selected (g_ptr_array_index (combos, 1), YI_KIOSK_ROLE_DINING);
  g_assert_cmpint (yi_store_get_kiosk_role (k.store), ==, YI_KIOSK_ROLE_DINING);
  g_settings_reset (k.settings, YI_SETTING_KIOSK_ROLE);
  g_assert_cmpuint (adw_combo_row_get_selected (g_ptr_array_index (combos, 1)), ==, YI_KIOSK_ROLE_DOOR);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 3), 300);
  g_assert_cmpint (g_settings_get_int (k.settings, YI_SETTING_STAFF_IDLE_LOCK), ==, 300);
  g_settings_reset (k.settings, YI_SETTING_STAFF_IDLE_LOCK);

  /* a normal range: stored when it makes sense, refused in words when not */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 4), 100);   /* systolic, low end */
  yi_settings_get_pair (YI_SETTING_NORMAL_SYSTOLIC, &low, &high);
  g_assert_cmpfloat (low, ==, 100);
  g_assert_cmpfloat (high, ==, 139);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 4), 150);   /* above its high end */
  yi_settings_get_pair (YI_SETTING_NORMAL_SYSTOLIC, &low, &high);
  g_assert_cmpfloat (low, ==, 100);
  gtk_widget_grab_focus (g_ptr_array_index (spins, 4));   /* scrolls the range into view */
  iterate_for (200);
  assert_on_screen (T ("正常范围先写低的一头", "A normal range starts with its low end"));
  save_png ("staff-settings-range-refused");
  g_settings_reset (k.settings, YI_SETTING_NORMAL_SYSTOLIC);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 4)), ==, 90);

  /* what the installer sets is shown, not editable */
  iterate_for (100);
  assert_on_screen ("Asia/Shanghai");
  assert_on_screen (T ("不允许：只用 https", "Not allowed: https only"));

  g_settings_set_int (k.settings, "idle-timeout", 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view ()), "staff.lock", NULL));
  assert_page ("board");
}

int
main (int argc, char **argv)
{
  kiosk_test_init (&argc, &argv, "staff", TRUE, prepare);
  g_test_add_func ("/kiosk-staff/signs-in", test_staff_signs_in);
  g_test_add_func ("/kiosk-staff/staff-card-at-door", test_staff_card_at_door);
  g_test_add_func ("/kiosk-staff/settings-page", test_settings_page);
  return kiosk_test_run ();
}
