/* The kiosk with the real district server on loopback: enrolled, it starts
 * its sync engine by itself; a tap is committed, then sent in the
 * background; staff mode says when the last exchange was and warns that
 * the kiosk's clock (set to the test's morning) is far from the
 * district's. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"
#include "yi-sync-test-util.h"

#include <string.h>

static GSubprocess *server;

static void
prepare (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  const char *district = yi_test_program ("YI_DISTRICT");
  g_autofree char *ddb = g_build_filename (k.dir, "district.db", NULL);
  g_autofree char *centre = yi_test_run (NULL, district, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;

  g_assert_nonnull (centre);
  code = yi_test_run (NULL, district, "--db", ddb, "enrolment-code", centre, NULL);
  g_assert_nonnull (code);
  server = yi_test_spawn_url (&url, district, "--db", ddb, "--listen", "127.0.0.1:0", NULL);
  g_assert_nonnull (server);
  g_assert_true (yi_sync_enrol (store, url, code, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
all_sent (gpointer data)
{
  YiSyncEngine *engine = yi_application_get_sync_engine (k.app);

  return yi_sync_engine_get_last_success (engine) != NULL && !yi_sync_engine_get_syncing (engine) &&
         yi_store_outbox_count_state (k.store, "pending") == 0;
}

static void
test_tap_reaches_district (void)
{
  YiSyncEngine *engine = yi_application_get_sync_engine (k.app);
  gint64 accepted;

  g_assert_nonnull (engine);
  g_assert_true (wait_until (all_sent, NULL, 20000));
  accepted = yi_store_outbox_count_state (k.store, "accepted");

  tap ("04A1B2C3");
  assert_page ("greeting");
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 1);
  /* committed at once; sent a moment later, in the background */
  g_assert_cmpint (yi_store_outbox_count_state (k.store, "pending"), >, 0);
  g_assert_true (wait_until (all_sent, NULL, 20000));
  g_assert_cmpint (yi_store_outbox_count_state (k.store, "accepted"), >, accepted);
  yi_window_show_board (k.window);
}

static void
test_staff_sees_sync (void)
{
  YiSyncEngine *engine = yi_application_get_sync_engine (k.app);

  press (T ("工作人员", "Staff"));
  enter_pin ("2468");
  assert_on_screen (T ("上次和区里交换记录", "Last exchange with the district at"));
  /* the test's clock is months behind the district's */
  g_assert_nonnull (yi_sync_engine_get_clock_warning (engine));
  assert_on_screen (yi_sync_engine_get_clock_warning (engine));
  iterate_for (400);   /* the PIN pad fades out */
  save_png ("staff-sync-status");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (yi_window_get_staff_view (k.window)), "staff.lock", NULL));
}

int
main (int argc, char **argv)
{
  int status;

  kiosk_test_init (&argc, &argv, "sync", TRUE, prepare);
  g_test_add_func ("/kiosk-sync/tap-reaches-district", test_tap_reaches_district);
  g_test_add_func ("/kiosk-sync/staff-sees-sync", test_staff_sees_sync);
  status = kiosk_test_run ();
  yi_test_kill (server);
  g_clear_object (&server);
  return status;
}
