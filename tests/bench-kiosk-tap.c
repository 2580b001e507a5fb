/* How long an elder waits: from a card tap to the greeting on screen, on a
 * centre of 650 elders.  Prints BENCH lines (milliseconds). */
#include "config.h"

#include "kiosk-seed.h"
#include "yi-application.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-kiosk-text.h"

#include <stdlib.h>
#include <string.h>

#define ELDERS 650
#define TAPS   200

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  g_print ("BENCH %s_p50 %.2f ms\n", name, ms[n / 2]);
  g_print ("BENCH %s_p99 %.2f ms\n", name, ms[(n * 99) / 100]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char **uids = g_new0 (char *, ELDERS + 1);
  double tap_ms[TAPS], frame_ms[TAPS];
  GdkFrameClock *clock;
  YiWindow *window;
  KioskSeed seed = { 0 };

  settings = yi_settings_new (&error);
  g_assert_no_error (error);
  yi_kiosk_setup_locale ("zh_CN");
  gtk_disable_setlocale ();
  gtk_init ();

  dir = g_dir_make_tmp ("yiyang-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "centre.db", NULL);
  g_assert_true (yi_clock_set_now (KIOSK_SEED_MORNING, &error));
  store = yi_store_open (db, &error);
  g_assert_no_error (error);
  kiosk_seed (store, &seed);
  g_assert_true (yi_store_begin (store, &error));
  for (guint i = 0; i < ELDERS; i++)
    {
      g_autoptr(JsonObject) f = json_object_new ();
      g_autofree char *name = g_strdup_printf ("老人%03u", i);
      g_autofree char *id = NULL;
      g_autofree char *card = NULL;

      json_object_set_string_member (f, "name", name);
      json_object_set_string_member (f, "birth_date", "1950-01-01");
      json_object_set_string_member (f, "gender", i % 2 ? "M" : "F");
      id = yi_store_save_elder (store, NULL, f, &error);
      g_assert_no_error (error);
      uids[i] = g_strdup_printf ("E0%06X", i);
      card = yi_store_issue_card (store, uids[i], id, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (yi_store_commit (store, &error));

  app = yi_application_new (settings);
  yi_application_set_database_path (app, db);
  yi_application_set_window_size (app, 1280, 800);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = yi_application_get_window (app);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  for (guint i = 0; i < TAPS; i++)
    {
      gboolean painted = FALSE;
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
      gint64 start = g_get_monotonic_time ();

      yi_window_handle_tap (window, uids[i]);
      tap_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      frame_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_signal_handler_disconnect (clock, id);
      g_assert_cmpstr (yi_window_get_page (window), ==, "greeting");
    }
  report ("tap_commit_and_greeting", tap_ms, TAPS);
  report ("tap_to_frame", frame_ms, TAPS);

  gtk_window_destroy (GTK_WINDOW (window));
  kiosk_seed_clear (&seed);
  g_strfreev (g_steal_pointer (&uids));
  return 0;
}
