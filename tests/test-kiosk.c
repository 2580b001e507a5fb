/* Drives the real kiosk window under Xvfb: card taps through the tap-card
 * action (in process and over D-Bus), the buttons an elder presses, and
 * checks both the screen and the rows committed to the database.  Every
 * screen visited is saved as a PNG in the build directory. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-clock.h"
#include "yi-settings.h"

#include <string.h>

/* Things only staff may see, about the elders in the seed data. */
static void
assert_nothing_private (void)
{
  assert_not_on_screen ("11010519491231002X");
  assert_not_on_screen ("1949");
  assert_not_on_screen ("13800001234");
  assert_not_on_screen ("低保");
  assert_not_on_screen ("DB-2024");
  assert_not_on_screen ("王秀兰");
}

/* ------------------------------------------------------------------ tests */

static void
test_board (void)
{
  assert_page ("board");
  assert_on_screen ("幸福里日间照料中心");
  assert_on_screen ("08:3");
  assert_on_screen (T ("2026年3月2日", "2026-03-02"));
  assert_on_screen (T ("星期一", "Monday"));
  assert_on_screen (T ("请刷卡", "Tap your card"));
  assert_on_screen (T ("红烧鱼、番茄炒蛋", "Braised fish, tomato and egg"));
  assert_on_screen (T ("10元", "¥10"));
  assert_on_screen (T ("太极拳", "Tai chi"));
  assert_on_screen (T ("还剩 18 个名额", "18 places left"));
  assert_on_screen (T ("书法班", "Calligraphy"));
  assert_on_screen (T ("已满", "Full"));
  assert_on_screen ("活动室");
  assert_not_on_screen (T ("合唱团", "Choir"));
  assert_on_screen (T ("理发", "Haircut"));
  assert_on_screen (T ("40元/小时", "¥40/hour"));
  assert_on_screen ("王芳");
  assert_on_screen ("陈晓明");
  assert_on_screen (T ("社区医院来中心义诊", "free check-ups"));
  assert_not_on_screen ("春节放假通知");
  g_assert_cmpuint (count_buttons_with (T ("工作人员", "Staff")), ==, 1);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_last_child (
      adw_application_window_get_content (ADW_APPLICATION_WINDOW (k.window)))));
  save_png ("board");
}

static void
test_check_in (void)
{
  guint sounds = yi_feedback_get_sounds_played (yi_application_get_feedback (k.app));

  tap ("04A1B2C3");
  /* committed before anything is shown: visible to another connection now */
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ? AND kind = 'in' AND method = 'card'",
                          k.seed.zhang_id, NULL), ==, 1);
  assert_page ("greeting");
  assert_on_screen (T ("早上好，张桂英", "Good morning, 张桂英"));
  assert_on_screen (T ("签到成功", "Checked in"));
  assert_not_on_screen (T ("生日快乐", "Happy birthday"));
  g_assert_cmpuint (yi_feedback_get_sounds_played (yi_application_get_feedback (k.app)), ==, sounds + 1);
  /* lunch both ways (delivery is allowed for her), the two activities
   * with places, not the full calligraphy class */
  g_assert_cmpuint (count_buttons_with (T ("在中心吃午饭", "Lunch here")), ==, 1);
  g_assert_cmpuint (count_buttons_with (T ("送午饭到家", "Lunch delivered")), ==, 1);
  assert_on_screen (T ("12元", "¥12"));
  g_assert_cmpuint (count_buttons_with (T ("太极拳", "Tai chi")), ==, 1);
  g_assert_cmpuint (count_buttons_with (T ("养生讲座", "Health talk")), ==, 1);
  g_assert_cmpuint (count_buttons_with (T ("书法班", "Calligraphy")), ==, 0);
  g_assert_cmpuint (count_buttons_with (T ("完成", "Done")), ==, 1);
  assert_on_screen (T ("秒后回到首页", "Back to the start in"));
  assert_nothing_private ();
  save_png ("greeting-check-in");
}

static void
test_order_lunch (void)
{
  press (T ("在中心吃午饭", "Lunch here"));
  assert_page ("order");
  assert_on_screen (T ("红烧鱼", "Braised fish"));
  assert_on_screen (T ("需要付 10元", "You pay ¥10"));
  save_png ("order-confirm");
  g_assert_cmpint (count ("SELECT count(*) FROM meal_orders", NULL), ==, 0);

  press (T ("确认订餐", "Yes, order it"));
  g_assert_cmpint (count ("SELECT count(*) FROM meal_orders WHERE elder_id = ? AND meal = 'lunch' "
                          "AND mode = 'dine_in' AND price_fen = 1000 AND channel = 'kiosk' AND on_date = '2026-03-02'",
                          k.seed.zhang_id, NULL), ==, 1);
  assert_on_screen (T ("午饭订好了", "Your lunch is ordered"));
  save_png ("order-done");
  press (T ("完成", "Done"));
  assert_page ("board");
}

static void
test_repeat_tap (void)
{
  advance (60);
  tap ("04A1B2C3");
  assert_page ("greeting");
  assert_on_screen (T ("您今天已经签到了", "You are already checked in today"));
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 1);
  /* lunch is ordered: no lunch buttons, a note instead */
  g_assert_cmpuint (count_buttons_with (T ("午饭", "Lunch")), ==, 0);
  assert_on_screen (T ("您今天的午饭已经订好了", "Your lunch today is ordered"));
  save_png ("greeting-repeat");
}

static void
test_join_activity (void)
{
  press (T ("太极拳", "Tai chi"));
  assert_page ("activity");
  assert_on_screen (T ("今天 10:00，在活动室", "Today at 10:00, in 活动室"));
  assert_on_screen (T ("还剩 18 个名额", "18 places left"));
  save_png ("activity-confirm");

  /* "Back" returns to the greeting without signing up */
  press (T ("返回", "Back"));
  assert_page ("greeting");
  g_assert_cmpint (count ("SELECT count(*) FROM activity_signups WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 0);
  press (T ("太极拳", "Tai chi"));
  press (T ("确认报名", "Yes, sign me up"));
  g_assert_cmpint (count ("SELECT count(*) FROM activity_signups WHERE elder_id = ? AND activity_id = ? "
                          "AND session_date = '2026-03-02' AND channel = 'kiosk'",
                          k.seed.zhang_id, k.seed.taichi_id, NULL), ==, 1);
  assert_on_screen (T ("报好名了", "You are signed up"));
  save_png ("activity-done");
  press (T ("完成", "Done"));
  assert_page ("board");
  /* the board catches up with the seat just taken */
  iterate_for (1300);
  assert_on_screen (T ("还剩 17 个名额", "17 places left"));
}

static gboolean
greeting_shows_li (gpointer data)
{
  g_autofree char *all = screen_text ();

  return g_strcmp0 (yi_window_get_page (k.window), "greeting") == 0 && strstr (all, "李建国") != NULL;
}

static void
test_dbus_tap_birthday (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                  "gapplication", "action", "io.github.yiyang.Kiosk",
                                                  "tap-card", "'04D4E5F6'", NULL);

  g_assert_no_error (error);
  g_assert_true (wait_until (greeting_shows_li, NULL, 10000));
  g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ? AND kind = 'in'", k.seed.li_id, NULL), ==, 1);
  assert_on_screen (T ("早上好，李建国", "Good morning, 李建国"));
  assert_on_screen (T ("生日快乐", "Happy birthday"));
  /* no delivery on his record */
  g_assert_cmpuint (count_buttons_with (T ("在中心吃午饭", "Lunch here")), ==, 1);
  g_assert_cmpuint (count_buttons_with (T ("送午饭到家", "Lunch delivered")), ==, 0);
  save_png ("greeting-birthday");
}

static gboolean
on_board (gpointer data)
{
  return g_strcmp0 (yi_window_get_page (k.window), "board") == 0;
}

static void
test_idle_return (void)
{
  g_settings_set_int (k.settings, "idle-timeout", 3);
  tap ("04D4E5F6");   /* a repeat: nothing new, the greeting again */
  assert_page ("greeting");
  assert_on_screen (T ("3 秒后回到首页", "Back to the start in 3 seconds"));
  save_png ("greeting-countdown");
  iterate_for (1200);
  assert_page ("greeting");
  g_assert_true (wait_until (on_board, NULL, 4000));
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.li_id, NULL), ==, 1);
  g_settings_set_int (k.settings, "idle-timeout", 10);
}

static void
test_check_out (void)
{
  advance (3 * 3600);
  tap ("04A1B2C3");
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ? AND kind = 'out'", k.seed.zhang_id, NULL), ==, 1);
  assert_page ("greeting");
  assert_on_screen (T ("再见，张桂英", "Goodbye, 张桂英"));
  assert_on_screen (T ("签退成功", "Checked out"));
  assert_on_screen (T ("今天在中心待了 3 小时 1 分钟", "You were here 3 hours 1 minute today"));
  g_assert_cmpuint (count_buttons_with (T ("参加", "Join")), ==, 0);
  save_png ("greeting-check-out");
}

static void
test_after_cutoff (void)
{
  tap ("04D4E5F6");                     /* 11:3x: Li checks out */
  assert_on_screen (T ("再见，李建国", "Goodbye, 李建国"));
  advance (600);
  tap ("04D4E5F6");                     /* and back in ten minutes later */
  assert_on_screen (T ("中午好，李建国", "Good day, 李建国"));
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.li_id, NULL), ==, 3);
  g_assert_cmpuint (count_buttons_with (T ("午饭", "Lunch")), ==, 0);
  assert_on_screen (T ("午饭订餐已在 09:30 截止", "Lunch orders closed at 09:30"));
  /* tai chi at 10:00 has begun; the 15:00 talk is still open */
  g_assert_cmpuint (count_buttons_with (T ("太极拳", "Tai chi")), ==, 0);
  g_assert_cmpuint (count_buttons_with (T ("养生讲座", "Health talk")), ==, 1);
  save_png ("greeting-after-cutoff");
}

static void
test_unknown_cards (void)
{
  static const char *const uids[] = { "DEADBEEF", "11223344", "0A0B0C0D" };
  static const char *const why[] = { "unknown", "revoked", "inactive_elder" };

  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autofree char *number = g_strdup_printf (T ("卡号 %s", "Card number %s"), uids[i]);

      tap (uids[i]);
      assert_page ("unknown-card");
      assert_on_screen (T ("这张卡暂时不能用", "This card cannot be used yet"));
      assert_on_screen (T ("请找工作人员", "Please ask a member of staff"));
      assert_on_screen (number);
      assert_nothing_private ();
      g_assert_cmpint (count ("SELECT count(*) FROM unknown_card_taps WHERE uid = ? AND why = ?", uids[i], why[i], NULL), ==, 1);
      if (i == 0)
        save_png ("unknown-card");
    }
  /* a misread number is not recorded, but the elder still sees the same kind screen */
  tap ("not-a-card");
  assert_page ("unknown-card");
  assert_not_on_screen (T ("卡号", "Card number"));
  press (T ("返回", "Back"));
  assert_page ("board");
}

static void
test_staff_entry (void)
{
  YiStaffView *view = yi_window_get_staff_view (k.window);

  press (T ("工作人员", "Staff"));
  assert_page ("staff");
  g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "login");
  assert_on_screen (T ("请刷工作人员卡，或输入密码", "Tap your staff card, or enter your PIN"));
  save_png ("staff-login");
  /* "back" from the PIN pad: the board again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.leave", NULL));
  assert_page ("board");

  /* a staff card at the door asks for that person's PIN, records no visit */
  tap ("5A5A5A5A");
  assert_page ("staff");
  assert_on_screen ("王芳");
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id IS NULL", NULL), ==, 0);
  /* an elder's card on the locked PIN pad is an elder's tap */
  advance (60);
  tap ("04D4E5F6");
  assert_page ("greeting");
  yi_window_show_board (k.window);
}

static void
test_spoken_greeting (void)
{
  YiFeedback *feedback = yi_application_get_feedback (k.app);
  g_autofree char *expected = NULL;

  g_assert_null (yi_feedback_get_last_spoken (feedback));   /* off by default */
  g_settings_set_boolean (k.settings, "spoken-greeting", TRUE);
  advance (60);
  tap ("04D4E5F6");
  expected = g_strdup (T ("中午好，李建国。您今天已经签到了。祝您生日快乐！", "Good day, 李建国. You are already checked in today. Happy birthday!"));
  g_assert_cmpstr (yi_feedback_get_last_spoken (feedback), ==, expected);

  /* no espeak-ng on the machine: the kiosk carries on without a voice */
  g_setenv ("YIYANG_ESPEAK", "/nonexistent/espeak-ng", TRUE);
  tap ("DEADBEEF");
  assert_page ("unknown-card");
  g_assert_cmpstr (yi_feedback_get_last_spoken (feedback), ==, expected);
  g_unsetenv ("YIYANG_ESPEAK");
  g_settings_set_boolean (k.settings, "spoken-greeting", FALSE);
  yi_window_show_board (k.window);
}

static void
test_settings (void)
{

  g_settings_set_boolean (k.settings, "high-contrast", TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (k.window), "high-contrast"));
  save_png ("board-high-contrast");
  tap ("04A1B2C3");
  save_png ("greeting-high-contrast");
  g_settings_set_boolean (k.settings, "high-contrast", FALSE);
  yi_window_show_board (k.window);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (k.window), "high-contrast"));

  g_settings_set_boolean (k.settings, "large-text", TRUE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (k.window), "large-text"));
  tap ("04A1B2C3");
  save_png ("greeting-large-text");
  yi_window_show_board (k.window);
  save_png ("board-large-text");
  g_settings_set_boolean (k.settings, "large-text", FALSE);

  /* the core's tap rule reads the same setting */
  g_settings_set_int (k.settings, YI_SETTING_TAP_REPEAT_WINDOW, 120);
  g_assert_cmpint (yi_settings_get_int (YI_SETTING_TAP_REPEAT_WINDOW), ==, 120);
  g_settings_reset (k.settings, YI_SETTING_TAP_REPEAT_WINDOW);
}

int
main (int argc, char **argv)
{
  kiosk_test_init (&argc, &argv, NULL, TRUE, NULL);
  g_test_add_func ("/kiosk/board", test_board);
  g_test_add_func ("/kiosk/check-in", test_check_in);
  g_test_add_func ("/kiosk/order-lunch", test_order_lunch);
  g_test_add_func ("/kiosk/repeat-tap", test_repeat_tap);
  g_test_add_func ("/kiosk/join-activity", test_join_activity);
  g_test_add_func ("/kiosk/dbus-tap-birthday", test_dbus_tap_birthday);
  g_test_add_func ("/kiosk/idle-return", test_idle_return);
  g_test_add_func ("/kiosk/check-out", test_check_out);
  g_test_add_func ("/kiosk/after-cutoff", test_after_cutoff);
  g_test_add_func ("/kiosk/unknown-cards", test_unknown_cards);
  g_test_add_func ("/kiosk/staff-entry", test_staff_entry);
  g_test_add_func ("/kiosk/spoken-greeting", test_spoken_greeting);
  g_test_add_func ("/kiosk/settings", test_settings);
  return kiosk_test_run ();
}
