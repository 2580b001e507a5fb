/* A kiosk in the dining hall serves the meal of the elder who taps, and an
 * activity-room kiosk takes attendance; each says so kindly when there is
 * nothing to serve or no session on, and never strands anyone. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-meals.h"
#include "yi-role-taps.h"

static void
prepare (YiStore *store)
{
}

static void
set_role (YiKioskRole role)
{
  g_autoptr(GError) error = NULL;

  /* the window reads the role at each tap, from its own connection */
  g_assert_true (yi_store_set_kiosk_role (yi_application_get_store (k.app), role, &error));
  g_assert_no_error (error);
}

static void
test_dining_hall (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;

  /* 李建国 ordered lunch in the morning; 张桂英 did not */
  order = yi_store_order_meal (k.store, k.seed.li_id, KIOSK_SEED_DATE, "lunch", "dine_in", "staff", &error);
  g_assert_no_error (error);
  set_role (YI_KIOSK_ROLE_DINING);
  advance (3 * 3600);     /* 11:30, lunch time */

  tap ("04D4E5F6");
  assert_page ("role-tap");
  assert_on_screen ("李建国");
  save_png ("dining-served");
  g_assert_cmpint (count ("SELECT count(*) FROM meals_served WHERE elder_id = ? AND meal = 'lunch'", k.seed.li_id, NULL), ==, 1);

  advance (120);
  tap ("04D4E5F6");
  assert_page ("role-tap");
  save_png ("dining-already-eaten");
  g_assert_cmpint (count ("SELECT count(*) FROM meals_served WHERE elder_id = ?", k.seed.li_id, NULL), ==, 1);

  tap ("04A1B2C3");
  assert_page ("role-tap");
  assert_on_screen ("张桂英");
  save_png ("dining-not-ordered");
  g_assert_cmpint (count ("SELECT count(*) FROM meals_served WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 0);
  /* nothing was checked in at the dining-hall kiosk */
  g_assert_cmpint (count ("SELECT count(*) FROM attendance", NULL), ==, 0);

  tap ("DEADBEEF");
  assert_page ("unknown-card");
  press (T ("返回", "Back"));
  assert_page ("board");
}

static void
test_activity_room (void)
{
  set_role (YI_KIOSK_ROLE_ACTIVITY);
  /* 14:22, before calligraphy, whose one place is taken */
  advance (3 * 3600 - 600);
  tap ("04A1B2C3");
  assert_page ("role-tap");
  save_png ("activity-full");
  g_assert_cmpint (count ("SELECT count(*) FROM activity_attendance", NULL), ==, 0);
  press (T ("完成", "Done"));
  assert_page ("board");

  /* 15:35, calligraphy is over and the health talk has room: a walk-in is
   * welcome and recorded */
  advance (73 * 60);
  tap ("04A1B2C3");
  assert_page ("role-tap");
  save_png ("activity-walk-in");
  g_assert_cmpint (count ("SELECT count(*) FROM activity_attendance WHERE elder_id = ? AND activity_id = ?",
                          k.seed.zhang_id, k.seed.lecture_id, NULL), ==, 1);
  press (T ("完成", "Done"));
  assert_page ("board");
  set_role (YI_KIOSK_ROLE_DOOR);
  tap ("04A1B2C3");
  assert_page ("greeting");
}

int
main (int argc, char **argv)
{
  kiosk_test_init (&argc, &argv, "roles", TRUE, prepare);
  g_test_add_func ("/kiosk-roles/dining-hall", test_dining_hall);
  g_test_add_func ("/kiosk-roles/activity-room", test_activity_room);
  return kiosk_test_run ();
}
