/* The deployment's supervisor, yiyang-kiosk-session, with the real kiosk
 * under Xvfb: a kiosk killed (SIGKILL) or crashed (SIGSEGV) is back at
 * the idle board, taking taps, within two seconds; a kiosk that fails at
 * once is restarted with a growing pause, not in a tight loop; SIGTERM
 * ends the kiosk and the session. */
#include "config.h"

#include "kiosk-process-util.h"
#include "yi-sync-test-util.h"
#include "yi-test-env.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

/* the deployment's promise, for the kiosk as shipped; a kiosk built with
 * the sanitizers starts several times slower (YI_TEST_TIME_FACTOR) */
#define MAX_RESTART_MS (2000 * YI_TEST_TIME_FACTOR)
/* The supervisor's "steady" run (src/kiosk/yiyang-kiosk-session.sh): a
 * kiosk that ran this long did not fail at once, and is started again
 * without the growing pause that test_no_tight_loop is about.  Crashes
 * here are a day's separate crashes, so each kiosk runs this long first
 * (plus a second for the script's whole-second clock). */
#define STEADY_US ((10 + 1) * G_USEC_PER_SEC)

static char *dir;
static char *db;
static GPtrArray *cards;

static void
tap_and_see_greeting (GDBusConnection *bus,
                      KioskProcess    *kp,
                      const char      *card)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_dbus_tap (bus, card, &error));
  g_assert_no_error (error);
  for (;;)
    {
      gboolean timed_out;
      g_autofree char *line = kiosk_process_read_line (kp, 20000 * YI_TEST_TIME_FACTOR, &timed_out);

      g_assert_false (timed_out);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "shown greeting ") && strstr (line, card) != NULL)
        return;
    }
}

static void
test_restart_after_crash (void)
{
  const char *session = yi_test_program ("YI_KIOSK_SESSION");
  const char *argv[] = { session, "--db", db, NULL };
  const int signals[] = { SIGKILL, SIGSEGV, SIGKILL };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(KioskProcess) kp = kiosk_process_start (argv);
  GPid pid = kiosk_process_wait_ready (kp, 60000 * YI_TEST_TIME_FACTOR);
  gint64 up_since = g_get_monotonic_time ();

  g_assert_cmpint (pid, >, 0);
  tap_and_see_greeting (bus, kp, cards->pdata[0]);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      gint64 killed;
      GPid again;
      double ms;

      while (g_get_monotonic_time () - up_since < STEADY_US)
        g_usleep (100 * 1000);
      killed = g_get_monotonic_time ();
      g_assert_no_errno (kill (pid, signals[i]));
      again = kiosk_process_wait_ready (kp, 20000 * YI_TEST_TIME_FACTOR);
      ms = (g_get_monotonic_time () - killed) / 1000.0;
      g_test_message ("%s: a new kiosk at the idle board after %.0f ms", g_strsignal (signals[i]), ms);
      g_assert_cmpint (again, >, 0);
      g_assert_cmpint (again, !=, pid);
      g_assert_cmpfloat (ms, <=, MAX_RESTART_MS);
      up_since = g_get_monotonic_time ();
      tap_and_see_greeting (bus, kp, cards->pdata[i + 1]);
      pid = again;
    }

  /* asked to stop, the session takes the kiosk with it and ends well */
  g_subprocess_send_signal (kp->process, SIGTERM);
  g_assert_true (g_subprocess_wait_check (kp->process, NULL, NULL));
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
test_no_tight_loop (void)
{
  const char *session = yi_test_program ("YI_KIOSK_SESSION");
  /* an option the kiosk refuses: it ends at once, every time */
  const char *argv[] = { session, "--db", db, "--size=none", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = yi_test_spawn (G_SUBPROCESS_FLAGS_STDERR_PIPE, argv, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *err = NULL;
  g_auto(GStrv) starts = NULL;
  guint n;

  g_assert_no_error (error);
  g_timeout_add (4000, quit_loop, loop);
  g_main_loop_run (loop);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  starts = g_strsplit (err, "started the kiosk", -1);
  n = g_strv_length (starts) - 1;
  g_test_message ("a kiosk failing at once was started %u times in 4 s", n);
  /* the pauses (0.05, 0.1, 0.2, 0.4, 0.8, 1, 1 s...) allow about seven */
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <=, 10);
  g_assert_nonnull (strstr (err, "ended with status 2"));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int argc, char **argv)
{
  struct rlimit no_core = { 0, 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  /* the SIGSEGV is on purpose: no core files */
  setrlimit (RLIMIT_CORE, &no_core);
  dir = g_dir_make_tmp ("yiyang-session-XXXXXX", NULL);
  db = g_build_filename (dir, "kiosk.db", NULL);
  g_free (yi_test_run (&status, yi_test_program ("YI_ADMIN"), "--db", db,
                       "demo-data", "--elders", "40", "--days", "1", "--seed", "5", NULL));
  g_assert_cmpint (status, ==, 0);
  cards = kiosk_db_fresh_cards (db);
  g_assert_cmpuint (cards->len, >=, 4);

  g_test_add_func ("/kiosk/session/restart-after-crash", test_restart_after_crash);
  g_test_add_func ("/kiosk/session/no-tight-loop", test_no_tight_loop);
  status = g_test_run ();
  g_ptr_array_unref (cards);
  g_free (db);
  g_free (dir);
  return status;
}
