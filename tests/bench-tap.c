/* From a card placed on the reader to the greeting on screen, with nothing
 * faked: the PN532 emulator, libnfc's pn532_uart driver, the kiosk's NFC
 * reader thread, the check-in committed, the greeting page painted.  The
 * centre is the demo generator's: 1,200 elders with a year of records
 * behind them (more years take minutes each to make; the tap's queries go
 * by card, and by elder and day, through indexes).  Prints BENCH lines in
 * milliseconds. */
#include "config.h"

#include "pn532-emulator-client.h"
#include "yi-application.h"
#include "yi-demo.h"
#include "yi-kiosk-text.h"

#include <stdlib.h>

#define ELDERS      1200
#define BENCH_DAYS  365
#define TAPS        220

typedef struct {
  YiWindow *window;
  gint64    painted_at;
} Watch;

static void
on_after_paint (GdkFrameClock *clock,
                Watch         *watch)
{
  if (watch->painted_at == 0 && g_strcmp0 (yi_window_get_page (watch->window), "greeting") == 0)
    watch->painted_at = g_get_monotonic_time ();
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiApplication) app = NULL;
  g_autoptr(Pn532Emulator) emu = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  double ms[TAPS];
  GdkFrameClock *clock;
  Watch watch = { 0 };
  gint64 started = g_get_monotonic_time ();

  settings = yi_settings_new (&error);
  g_assert_no_error (error);
  yi_kiosk_setup_locale ("zh_CN");
  gtk_disable_setlocale ();
  gtk_init ();

  dir = g_dir_make_tmp ("yiyang-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "centre.db", NULL);
  store = yi_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (yi_demo_generate (store, ELDERS, BENCH_DAYS, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  g_printerr ("demo centre of %d elders and %d days made in %.1f s\n", ELDERS, BENCH_DAYS,
              (g_get_monotonic_time () - started) / 1e6);
  stmt = yi_store_prepare (store,
      "SELECT c.uid FROM cards c JOIN elders e ON e.id = c.elder_id "
      "WHERE c.revoked_at IS NULL AND e.status = 'active' ORDER BY c.uid LIMIT ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_int (stmt, 1, TAPS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpuint (uids->len, ==, TAPS);

  emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "reader-connstring", pn532_emulator_connstring (emu));
  g_settings_set_int (settings, "reader-debounce", 100);
  g_settings_set_boolean (settings, "sounds", FALSE);

  app = yi_application_new (settings);
  yi_application_set_database_path (app, db);
  yi_application_set_windowed (app, TRUE);
  yi_application_set_window_size (app, 1280, 800);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  watch.window = yi_application_get_window (app);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (watch.window));
  while (!yi_card_readers_nfc_ready (yi_application_get_readers (app)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &watch);

  for (guint i = 0; i < TAPS; i++)
    {
      g_autofree char *place = g_strconcat ("place ", (char *) g_ptr_array_index (uids, i), NULL);
      gint64 start;

      yi_window_show_board (watch.window);
      spin_for (60);
      watch.painted_at = 0;
      start = g_get_monotonic_time ();
      pn532_emulator_do (emu, place);
      while (watch.painted_at == 0)
        {
          if (g_get_monotonic_time () - start > 10 * G_USEC_PER_SEC)
            g_error ("tap %u (card %s) reached no greeting: the kiosk shows “%s”", i,
                     (char *) g_ptr_array_index (uids, i), yi_window_get_page (watch.window));
          g_main_context_iteration (NULL, FALSE);
          g_usleep (200);
        }
      ms[i] = (watch.painted_at - start) / 1000.0;
      pn532_emulator_do (emu, "remove");
      spin_for (150);   /* lifted longer than the debounce */
    }
  g_assert_cmpint (yi_store_count (store, "SELECT count(DISTINCT elder_id) FROM attendance WHERE local_date = ?",
                                   yi_store_today (store), NULL), >=, TAPS);

  qsort (ms, TAPS, sizeof (double), compare_doubles);
  g_print ("BENCH tap_to_frame_p50 %.2f ms\n", ms[TAPS / 2]);
  g_print ("BENCH tap_to_frame_p99 %.2f ms\n", ms[(TAPS * 99) / 100]);

  yi_application_quit (app);
  gtk_window_destroy (GTK_WINDOW (watch.window));
  return 0;
}
