#include "config.h"

#include "kiosk-seed.h"
#include "yi-activities.h"
#include "yi-board.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-meals.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char      *dir;
  char      *path;
  YiStore   *store;
  KioskSeed  seed;
} Fixture;

static void
at (const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (yi_clock_set_now (iso, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yiyang-kiosk-core-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (f->path, &error);
  g_assert_no_error (error);
  at (KIOSK_SEED_MORNING);
  kiosk_seed (f->store, &f->seed);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  kiosk_seed_clear (&f->seed);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  yi_clock_set_offset (0);
}

static YiSession *
session_at (GPtrArray *list, guint i)
{
  return g_ptr_array_index (list, i);
}

static void
test_board (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiBoard) board = yi_store_get_board (f->store, KIOSK_SEED_DATE, &error);
  g_autoptr(YiBoard) again = NULL;
  g_autoptr(YiBoard) tuesday = NULL;
  g_autofree char *signup = NULL;
  g_autofree char *void_id = NULL;
  YiMenu *lunch;
  YiDutyEntry *duty;
  YiNotice *notice;

  g_assert_no_error (error);
  g_assert_cmpstr (board->centre_name, ==, "幸福里日间照料中心");

  g_assert_cmpuint (board->menus->len, ==, 1);
  lunch = g_ptr_array_index (board->menus, 0);
  g_assert_cmpstr (lunch->meal, ==, "lunch");
  g_assert_cmpint (lunch->price_fen, ==, 1000);
  g_assert_cmpint (lunch->delivery_fen, ==, 200);

  /* the Tuesday choir is not on a Monday's board; the rest by time */
  g_assert_cmpuint (board->activities->len, ==, 3);
  g_assert_cmpstr (session_at (board->activities, 0)->title, ==, "太极拳");
  g_assert_cmpstr (session_at (board->activities, 0)->room, ==, "活动室");
  g_assert_cmpstr (session_at (board->activities, 0)->starts_at, ==, "10:00");
  g_assert_cmpint (yi_session_seats_left (session_at (board->activities, 0)), ==, 18);
  g_assert_cmpstr (session_at (board->activities, 1)->title, ==, "书法班");
  g_assert_cmpint (yi_session_seats_left (session_at (board->activities, 1)), ==, 0);
  g_assert_cmpstr (session_at (board->activities, 2)->starts_at, ==, "15:00");
  g_assert_cmpint (yi_session_seats_left (session_at (board->activities, 2)), ==, 40);

  g_assert_cmpuint (board->prices->len, ==, 6);
  g_assert_cmpuint (board->duty->len, ==, 2);
  duty = g_ptr_array_index (board->duty, 0);
  g_assert_true (g_strcmp0 (duty->staff_name, "王芳") == 0 || g_strcmp0 (duty->staff_name, "陈晓明") == 0);
  g_assert_cmpuint (board->notices->len, ==, 1);
  notice = g_ptr_array_index (board->notices, 0);
  g_assert_true (g_str_has_prefix (notice->text_zh, "3月5日"));

  /* a voided sign-up gives its seat back */
  signup = yi_store_query_string (f->store, "SELECT id FROM activity_signups WHERE activity_id = ? AND elder_id = ?",
                                  f->seed.calligraphy_id, f->seed.li_id, NULL);
  void_id = yi_store_void_event (f->store, "activity_signups", signup, "entered by mistake", &error);
  g_assert_no_error (error);
  again = yi_store_get_board (f->store, KIOSK_SEED_DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_session_seats_left (session_at (again->activities, 1)), ==, 1);

  tuesday = yi_store_get_board (f->store, "2026-03-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tuesday->activities->len, ==, 1);
  g_assert_cmpstr (session_at (tuesday->activities, 0)->title, ==, "合唱团");
  g_assert_cmpuint (tuesday->menus->len, ==, 0);
  g_assert_cmpuint (tuesday->duty->len, ==, 0);
}

static void
test_order_meal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *second = NULL;
  g_autofree char *delivery = NULL;
  g_autofree char *void_id = NULL;
  g_autofree char *late = NULL;
  gint64 price = -1;

  g_assert_true (yi_meal_price_for_elder (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "lunch", "dine_in", &price, &error));
  g_assert_cmpint (price, ==, 1000);
  g_assert_true (yi_meal_price_for_elder (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "lunch", "delivery", &price, &error));
  g_assert_cmpint (price, ==, 1200);
  g_assert_false (yi_meal_price_for_elder (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "dinner", "dine_in", &price, &error));
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_NO_MENU);
  g_clear_error (&error);

  g_assert_true (yi_store_meal_order_open (f->store, KIOSK_SEED_DATE, "lunch"));
  order = yi_store_order_meal (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "lunch", "delivery", "kiosk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (yi_store_count (f->store,
      "SELECT count(*) FROM meal_orders WHERE id = ? AND mode = 'delivery' AND price_fen = 1200 "
      "AND channel = 'kiosk' AND diet = 'normal' AND local_date = '2026-03-02'", order, NULL), ==, 1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox WHERE record_id = ?", order, NULL), ==, 1);

  /* one lunch a day, whichever way it is served */
  second = yi_store_order_meal (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "lunch", "dine_in", "kiosk", &error);
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_ALREADY_ORDERED);
  g_assert_null (second);
  g_clear_error (&error);

  delivery = yi_store_order_meal (f->store, f->seed.li_id, KIOSK_SEED_DATE, "lunch", "delivery", "kiosk", &error);
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_NO_DELIVERY);
  g_assert_null (delivery);
  g_clear_error (&error);

  g_assert_null (yi_store_order_meal (f->store, f->seed.wang_id, KIOSK_SEED_DATE, "lunch", "dine_in", "kiosk", &error));
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INACTIVE_ELDER);
  g_clear_error (&error);

  g_assert_null (yi_store_order_meal (f->store, f->seed.li_id, KIOSK_SEED_DATE, "supper", "dine_in", "kiosk", &error));
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID);
  g_clear_error (&error);

  /* a voided order frees the day again */
  void_id = yi_store_void_event (f->store, "meal_orders", order, "changed her mind", &error);
  g_assert_no_error (error);
  g_clear_pointer (&second, g_free);
  second = yi_store_order_meal (f->store, f->seed.zhang_id, KIOSK_SEED_DATE, "lunch", "dine_in", "kiosk", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT price_fen FROM meal_orders WHERE id = ?", second, NULL), ==, 1000);

  /* the cut-off comes from the centre's row: 09:30 */
  at ("2026-03-02T01:30:00Z");
  g_assert_false (yi_store_meal_order_open (f->store, KIOSK_SEED_DATE, "lunch"));
  late = yi_store_order_meal (f->store, f->seed.li_id, KIOSK_SEED_DATE, "lunch", "dine_in", "kiosk", &error);
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_CLOSED);
  g_assert_null (late);
  g_assert_nonnull (strstr (error->message, "09:30"));
  g_clear_error (&error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders", NULL), ==, 2);
}

static void
test_cutoff_follows_centre (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) change = json_object_new ();
  g_autofree char *centre = yi_store_query_string (f->store, "SELECT id FROM centre", NULL);
  g_autofree char *order = NULL;
  g_autofree char *cutoff = NULL;

  json_object_set_string_member (change, "lunch_cutoff", "08:15");
  g_assert_true (yi_store_put_entity (f->store, "centre", centre, change, &error));
  cutoff = yi_store_meal_cutoff (f->store, "lunch");
  g_assert_cmpstr (cutoff, ==, "08:15");
  order = yi_store_order_meal (f->store, f->seed.li_id, KIOSK_SEED_DATE, "lunch", "dine_in", "kiosk", &error);
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_CLOSED);
  g_clear_error (&error);

  /* tomorrow's lunch can still be ordered (once it has a menu) */
  g_assert_null (yi_store_order_meal (f->store, f->seed.li_id, "2026-03-03", "lunch", "dine_in", "kiosk", &error));
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_NO_MENU);
  g_clear_error (&error);
  g_assert_true (yi_store_meal_order_open (f->store, "2026-03-03", "lunch"));
  g_assert_false (yi_store_meal_order_open (f->store, "2026-03-01", "lunch"));
}

static void
test_join_activity (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiSession) taichi = NULL;
  g_autoptr(YiSession) lecture = NULL;
  g_autofree char *walk_in = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *full = NULL;
  g_autofree char *choir = NULL;
  g_autofree char *late = NULL;
  g_autofree char *choir_id = yi_store_query_string (f->store, "SELECT id FROM activities WHERE title_zh = '合唱团'", NULL);

  joined = yi_store_join_activity (f->store, f->seed.zhang_id, f->seed.taichi_id, KIOSK_SEED_DATE, "kiosk", &error);
  g_assert_no_error (error);
  g_assert_true (yi_store_elder_joined_activity (f->store, f->seed.zhang_id, f->seed.taichi_id, KIOSK_SEED_DATE));
  taichi = yi_programme_session (f->store, f->seed.taichi_id, KIOSK_SEED_DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (taichi->signed_up, ==, 3);
  g_assert_cmpint (yi_session_seats_left (taichi), ==, 17);
  g_assert_true (yi_activity_session_is_upcoming (f->store, taichi));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox WHERE record_id = ?", joined, NULL), ==, 1);

  /* someone who came to the talk without signing up takes a seat: the
   * kiosk counts places as staff do */
  walk_in = yi_programme_take_attendance (f->store, f->seed.lecture_id, KIOSK_SEED_DATE, f->seed.li_id, "manual", &error);
  g_assert_no_error (error);
  lecture = yi_programme_session (f->store, f->seed.lecture_id, KIOSK_SEED_DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lecture->walk_ins, ==, 1);
  g_assert_cmpint (yi_session_seats_left (lecture), ==, 39);

  twice = yi_store_join_activity (f->store, f->seed.zhang_id, f->seed.taichi_id, KIOSK_SEED_DATE, "kiosk", &error);
  g_assert_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_ALREADY_JOINED);
  g_clear_error (&error);

  full = yi_store_join_activity (f->store, f->seed.zhang_id, f->seed.calligraphy_id, KIOSK_SEED_DATE, "kiosk", &error);
  g_assert_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_FULL);
  g_clear_error (&error);

  choir = yi_store_join_activity (f->store, f->seed.zhang_id, choir_id, KIOSK_SEED_DATE, "kiosk", &error);
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NO_SESSION);
  g_clear_error (&error);

  g_assert_null (yi_store_join_activity (f->store, f->seed.wang_id, f->seed.lecture_id, KIOSK_SEED_DATE, "kiosk", &error));
  g_assert_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_INACTIVE_ELDER);
  g_clear_error (&error);

  /* 16:05: the 15:00 lecture (an hour long) is over */
  at ("2026-03-02T08:05:00Z");
  late = yi_store_join_activity (f->store, f->seed.li_id, f->seed.lecture_id, KIOSK_SEED_DATE, "kiosk", &error);
  g_assert_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_OVER);
  g_clear_error (&error);
  g_assert_false (yi_activity_session_is_upcoming (f->store, taichi));

  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_signups", NULL), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add ("/kiosk-core/board", Fixture, NULL, fixture_setup, test_board, fixture_teardown);
  g_test_add ("/kiosk-core/order-meal", Fixture, NULL, fixture_setup, test_order_meal, fixture_teardown);
  g_test_add ("/kiosk-core/cutoff-follows-centre", Fixture, NULL, fixture_setup, test_cutoff_follows_centre, fixture_teardown);
  g_test_add ("/kiosk-core/join-activity", Fixture, NULL, fixture_setup, test_join_activity, fixture_teardown);
  return g_test_run ();
}
