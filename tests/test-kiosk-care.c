/* The elder-facing money and care screens under Xvfb: lunch at the price
 * the district's policy leaves the elder to pay, a service confirmed by
 * the elder's own tap and rated on five faces, and the suggestions box,
 * anonymous from the board or signed by a tap.  Rows are checked in the
 * database; every screen is saved as a PNG. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-entitlement.h"
#include "yi-face-rating.h"
#include "yi-services.h"

#include <string.h>

static char *haircut_id;

static void
prepare (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "policy-default.json", NULL);
  g_autofree char *document = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *type_id = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &document, &length, &error));
  g_assert_no_error (error);
  policy = yi_store_save_policy (store, document, (gssize) length, NULL, &error);
  g_assert_no_error (error);

  /* 王芳 cut 张桂英's hair yesterday afternoon */
  type_id = yi_store_query_string (store, "SELECT id FROM service_types WHERE code = 'haircut'", NULL);
  haircut_id = yi_store_record_service (store, k.seed.zhang_id, type_id, k.seed.staff_id,
                                        "2026-03-01T07:00:00Z", 30, "short, as usual", &error);
  g_assert_no_error (error);
}

static void
test_subsidised_lunch (void)
{
  /* 张桂英 holds 低保: government-purchased, half the meal and the delivery paid */
  tap ("04A1B2C3");
  assert_page ("greeting");
  g_assert_cmpuint (count_buttons_with (T ("在中心吃午饭\n5元", "Lunch here\n¥5")), ==, 1);
  g_assert_cmpuint (count_buttons_with (T ("送午饭到家\n5元", "Lunch delivered home\n¥5")), ==, 1);
  /* what she pays, never a balance or why */
  assert_not_on_screen (T ("余额", "balance"));
  assert_not_on_screen (T ("补贴", "subsid"));
  assert_not_on_screen ("低保");
  save_png ("greeting-subsidised-service");

  press (T ("在中心吃午饭", "Lunch here"));
  assert_on_screen (T ("需要付 5元", "You pay ¥5"));
  save_png ("order-subsidised");
  press (T ("确认订餐", "Yes, order it"));
  g_assert_cmpint (count ("SELECT count(*) FROM meal_orders WHERE elder_id = ? AND price_fen = 500",
                          k.seed.zhang_id, NULL), ==, 1);
  press (T ("完成", "Done"));

  /* 李建国 turns 80 today: low-cost, 30% off */
  tap ("04D4E5F6");
  g_assert_cmpuint (count_buttons_with (T ("在中心吃午饭\n7元", "Lunch here\n¥7")), ==, 1);
  yi_window_show_board (k.window);
}

static void
test_confirm_service (void)
{
  g_autoptr(GPtrArray) faces = NULL;
  GtkWidget *rating;

  advance (60);
  tap ("04A1B2C3");
  assert_page ("greeting");
  g_assert_cmpuint (count_buttons_with (T ("确认：理发", "Confirm: Haircut")), ==, 1);
  assert_on_screen ("王芳");
  assert_not_on_screen ("short, as usual");
  press (T ("确认：理发", "Confirm: Haircut"));
  assert_page ("service");
  assert_on_screen (T ("理发", "Haircut"));
  assert_on_screen (T ("2026年3月1日 · 王芳", "2026-03-01 · 王芳"));
  save_png ("service-confirm");
  g_assert_cmpint (count ("SELECT count(*) FROM service_confirmations", NULL), ==, 0);

  press (T ("确认", "Confirm"));
  assert_on_screen (T ("您对这次服务满意吗？", "How satisfied are you with it?"));
  /* five faces, each a large button named by its word */
  rating = gtk_widget_get_ancestor (button_with (T ("很满意", "Very happy")), YI_TYPE_FACE_RATING);
  g_assert_nonnull (rating);
  save_png ("service-rate");
  for (GtkWidget *b = gtk_widget_get_first_child (gtk_widget_get_first_child (rating)); b;
       b = gtk_widget_get_next_sibling (b))
    {
      graphene_rect_t bounds;

      /* the whole face button, its padding and border included */
      g_assert_true (gtk_widget_compute_bounds (b, b, &bounds));
      g_assert_cmpfloat (bounds.size.width, >=, 120);
      g_assert_cmpfloat (bounds.size.height, >=, 120);
    }
  g_assert_cmpuint (count_buttons_with (T ("很不满意", "Very unhappy")), ==, 1);

  press_exact (T ("满意", "Happy"));
  g_assert_cmpint (count ("SELECT count(*) FROM service_confirmations WHERE service_record_id = ? "
                          "AND rating = 4 AND card_uid = '04A1B2C3' AND method = 'tap'", haircut_id, NULL), ==, 1);
  assert_on_screen (T ("谢谢，服务已确认", "Thank you, the service is confirmed"));
  save_png ("service-done");
  press (T ("完成", "Done"));
  assert_page ("board");

  /* confirmed once: the next tap no longer asks */
  advance (60);
  tap ("04A1B2C3");
  g_assert_cmpuint (count_buttons_with (T ("确认：", "Confirm:")), ==, 0);
  yi_window_show_board (k.window);
}

static void
test_suggestion_anonymous (void)
{
  GtkWidget *entry;

  press (T ("意见箱", "Suggestions box"));
  assert_page ("suggestion");
  assert_on_screen (T ("不会知道是谁写的", "Nobody will know it was you"));
  save_png ("suggestion-faces");
  press (T ("很满意", "Very happy"));
  entry = NULL;
  for (GtkWidget *w = button_with (T ("提交", "Send")); w && entry == NULL; w = gtk_widget_get_parent (w))
    for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_ENTRY (c))
        entry = c;
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "饭菜很好吃，希望多些太极拳");
  save_png ("suggestion-comment");
  press (T ("提交", "Send"));
  g_assert_cmpint (count ("SELECT count(*) FROM feedback WHERE elder_id IS NULL AND rating = 5 "
                          "AND comment = '饭菜很好吃，希望多些太极拳'", NULL), ==, 1);
  assert_on_screen (T ("谢谢您的意见", "Thank you for telling us"));
  save_png ("suggestion-done");
  press (T ("完成", "Done"));
  assert_page ("board");
}

static void
test_suggestion_signed (void)
{
  advance (60);
  tap ("04D4E5F6");
  press (T ("意见箱", "Suggestions box"));
  assert_on_screen (T ("来自 李建国", "From 李建国"));
  press (T ("一般", "So-so"));
  press (T ("提交", "Send"));
  g_assert_cmpint (count ("SELECT count(*) FROM feedback WHERE elder_id = ? AND rating = 3 AND comment IS NULL",
                          k.seed.li_id, NULL), ==, 1);
  press (T ("完成", "Done"));
}

static gboolean
on_board (gpointer data)
{
  return g_strcmp0 (yi_window_get_page (k.window), "board") == 0;
}

static void
test_rating_times_out (void)
{
  g_settings_set_int (k.settings, "idle-timeout", 3);
  press (T ("意见箱", "Suggestions box"));
  assert_page ("suggestion");
  g_assert_true (wait_until (on_board, NULL, 5000));
  g_assert_cmpint (count ("SELECT count(*) FROM feedback", NULL), ==, 2);
  g_settings_set_int (k.settings, "idle-timeout", 10);
}

int
main (int argc, char **argv)
{
  kiosk_test_init (&argc, &argv, "care", TRUE, prepare);
  g_test_add_func ("/kiosk-care/subsidised-lunch", test_subsidised_lunch);
  g_test_add_func ("/kiosk-care/confirm-service", test_confirm_service);
  g_test_add_func ("/kiosk-care/suggestion-anonymous", test_suggestion_anonymous);
  g_test_add_func ("/kiosk-care/suggestion-signed", test_suggestion_signed);
  g_test_add_func ("/kiosk-care/rating-times-out", test_rating_times_out);
  return kiosk_test_run ();
}
