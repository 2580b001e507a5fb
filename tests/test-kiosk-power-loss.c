/* Power loss during taps: the real kiosk process under Xvfb, taps sent
 * from outside through its D-Bus tap-card action, SIGKILL at random
 * moments (seeded; the seed is printed, YIYANG_SEED repeats a run), the
 * kiosk started again each time, until every tap was made.  Then one sync
 * with the real district server: every tap whose greeting the kiosk
 * reported as painted is one check-in, in the kiosk's database and at the
 * district, none twice, and both databases are intact.
 *
 * A thousand taps, a kill in about one in thirty, at least one kill;
 * YIYANG_TEST_SCALE (the sanitizer pass) divides the taps,
 * YIYANG_POWER_LOSS_TAPS sets them.
 *
 * Each tap is a different elder's card on a day none of them has come
 * yet, so a tap means exactly one check-in record (never a repeat-window
 * no-op), whether or not its greeting got to the screen. */
#include "config.h"

#include "kiosk-process-util.h"
#include "yi-sync-test-util.h"
#include "yi-test-env.h"

#include <signal.h>
#include <string.h>

typedef struct {
  GPid    pid;
  gulong  delay_us;
} KillPlan;

static gpointer
kill_later (gpointer data)
{
  KillPlan *plan = data;

  g_usleep (plan->delay_us);
  kill (plan->pid, SIGKILL);
  return NULL;
}

/* Attendance records of the first @n cards, on any day. */
static gint64
count_taps (sqlite3   *db,
            GPtrArray *cards,
            guint      n)
{
  gint64 total = 0;

  for (guint i = 0; i < n; i++)
    total += kiosk_db_int (db, "SELECT count(*) FROM main.attendance WHERE card_uid = ?", cards->pdata[i], NULL);
  return total;
}

static void
test_power_loss (void)
{
  const char *district = yi_test_program ("YI_DISTRICT");
  const char *admin = yi_test_program ("YI_ADMIN");
  const char *kiosk = yi_test_program ("YI_KIOSK");
  const char *taps_env = g_getenv ("YIYANG_POWER_LOSS_TAPS");
  const char *seed_env = g_getenv ("YIYANG_SEED");
  guint n_taps = taps_env != NULL ? (guint) g_ascii_strtoull (taps_env, NULL, 10) : yi_test_scaled (1000, 50);
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *dir = g_dir_make_tmp ("yiyang-power-loss-XXXXXX", NULL);
  g_autofree char *ddb = g_build_filename (dir, "district.db", NULL);
  g_autofree char *kdb = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *centre = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *enrolled = NULL;
  g_autofree char *mirror = NULL;
  g_autofree char *attach = NULL;
  g_autofree char *elders = g_strdup_printf ("%u", n_taps + n_taps / 2 + 20);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GHashTable) greeted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { kiosk, "--db", kdb, "--size=1280x800", NULL };
  KioskProcess *kp = NULL;
  GPid pid = 0;
  guint made = 0, kills = 0, starts = 0, failed_calls = 0;
  gint64 start_us = 0, ready_max_us = 0, ready_total_us = 0;
  sqlite3 *k, *d;
  gint64 before, recorded;
  GHashTableIter iter;
  gpointer uid, event_id;

  g_test_message ("seed %u (YIYANG_SEED=%u repeats this run), %u taps", seed, seed, n_taps);

  centre = yi_test_run (NULL, district, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  g_assert_nonnull (centre);
  mirror = g_strdup_printf ("%s/centres/%s.db", dir, centre);
  code = yi_test_run (NULL, district, "--db", ddb, "enrolment-code", centre, NULL);
  g_assert_nonnull (code);
  server = yi_test_spawn_url (&url, district, "--db", ddb, "--listen", "127.0.0.1:0", NULL);
  g_assert_nonnull (server);
  g_free (yi_test_run (NULL, admin, "--db", kdb, "demo-data", "--elders", elders, "--days", "1", "--seed", "3", NULL));
  enrolled = yi_test_run (NULL, admin, "--db", kdb, "enrol", url, code, NULL);
  g_assert_nonnull (enrolled);
  cards = kiosk_db_fresh_cards (kdb);
  g_assert_cmpuint (cards->len, >=, n_taps);
  k = kiosk_db_open (kdb);
  before = count_taps (k, cards, n_taps);
  sqlite3_close (k);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  while (made < n_taps)
    {
      const char *card = cards->pdata[made];
      KillPlan plan = { 0, 0 };
      GThread *killer = NULL;
      gboolean dead = FALSE;

      if (kp == NULL)
        {
          start_us = g_get_monotonic_time ();
          kp = kiosk_process_start (argv);
          pid = kiosk_process_wait_ready (kp, 60000 * YI_TEST_TIME_FACTOR);
          g_assert_cmpint (pid, >, 0);
          starts++;
          ready_total_us += g_get_monotonic_time () - start_us;
          ready_max_us = MAX (ready_max_us, g_get_monotonic_time () - start_us);
        }

      /* about one tap in thirty, anywhere from before the tap arrives to
       * well after its greeting was painted (and the background sync);
       * the last tap if none was killed yet */
      if (g_rand_int_range (rand, 0, 30) == 0 || (kills == 0 && made + 1 == n_taps))
        {
          plan.pid = pid;
          /* mostly inside the tap's own few milliseconds (before, during
           * and after the commit, before the frame), the rest later */
          plan.delay_us = g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 8000 : 150000);
          killer = g_thread_new ("killer", kill_later, &plan);
        }

      made++;
      if (kiosk_dbus_tap (bus, card, &error))
        for (;;)
          {
            gboolean timed_out;
            g_autofree char *line = kiosk_process_read_line (kp, 30000 * YI_TEST_TIME_FACTOR, &timed_out);
            g_auto(GStrv) words = NULL;

            g_assert_false (timed_out);
            if (line == NULL)
              {
                dead = TRUE;
                break;
              }
            words = g_strsplit (line, " ", -1);
            if (g_strv_length (words) == 5 && g_str_equal (words[1], "greeting") && g_str_equal (words[2], card))
              {
                /* a new elder's first tap of the day: a check-in, recorded */
                g_assert_cmpstr (words[3], ==, "in");
                g_assert_cmpstr (words[4], !=, "-");
                g_hash_table_insert (greeted, g_strdup (card), g_strdup (words[4]));
                break;
              }
            if (g_str_equal (words[1], "unknown-card"))
              g_error ("The kiosk did not know card %s: %s", card, line);
          }
      else
        {
          /* the kiosk died under the call: the tap may or may not be in */
          g_assert_nonnull (killer);
          failed_calls++;
          g_clear_error (&error);
          dead = TRUE;
        }

      if (killer != NULL)
        {
          g_thread_join (killer);
          kills++;
          dead = TRUE;
        }
      if (dead)
        {
          g_subprocess_wait (kp->process, NULL, NULL);
          g_assert_true (g_subprocess_get_if_signaled (kp->process));
          g_assert_cmpint (g_subprocess_get_term_sig (kp->process), ==, SIGKILL);
          g_clear_pointer (&kp, kiosk_process_free);
        }
    }
  if (kp != NULL)
    {
      g_subprocess_send_signal (kp->process, SIGTERM);
      g_subprocess_wait (kp->process, NULL, NULL);
      g_clear_pointer (&kp, kiosk_process_free);
    }
  g_test_message ("%u taps, %u kills (%u while the tap was on its way), %u starts; "
                  "%u greetings painted; start to ready %.0f ms on average, %.0f ms at most",
                  made, kills, failed_calls, starts, g_hash_table_size (greeted),
                  ready_total_us / 1000.0 / MAX (starts, 1), ready_max_us / 1000.0);
  g_assert_cmpuint (kills, >, 0);

  k = kiosk_db_open (kdb);
  for (guint round = 0; kiosk_db_int (k, "SELECT count(*) FROM outbox WHERE state = 'pending'", NULL, NULL) > 0; round++)
    {
      g_assert_cmpuint (round, <, 10);
      g_free (yi_test_run (NULL, admin, "--db", kdb, "sync", NULL));
    }
  g_assert_cmpint (kiosk_db_int (k, "SELECT count(*) FROM outbox WHERE state NOT IN ('accepted', 'duplicate')", NULL, NULL), ==, 0);
  /* The district applies its log to the centre's copy in the background
   * (its own reads catch the copy up first); stopped, it has applied all
   * of it.  Read straight from the file only then. */
  g_subprocess_send_signal (server, SIGTERM);
  g_assert_true (g_subprocess_wait (server, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (server));
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
  attach = g_strdup_printf ("ATTACH '%s' AS d", mirror);
  g_assert_cmpint (sqlite3_exec (k, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  d = k;

  g_hash_table_iter_init (&iter, greeted);
  while (g_hash_table_iter_next (&iter, &uid, &event_id))
    {
      g_assert_cmpint (kiosk_db_int (k, "SELECT count(*) FROM main.attendance WHERE id = ? AND card_uid = ? AND kind = 'in'", event_id, uid), ==, 1);
      g_assert_cmpint (kiosk_db_int (d, "SELECT count(*) FROM d.attendance WHERE id = ? AND card_uid = ? AND kind = 'in'", event_id, uid), ==, 1);
    }
  /* the taps' records: none twice, as many as greetings or more (a kill
   * between the commit and the frame), never more than taps */
  recorded = count_taps (k, cards, made) - before;
  g_assert_cmpint (recorded, >=, g_hash_table_size (greeted));
  g_assert_cmpint (recorded, <=, made);
  g_assert_cmpint (kiosk_db_int (k, "SELECT count(*) FROM (SELECT card_uid, local_date FROM main.attendance WHERE card_uid IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)", NULL, NULL), ==, 0);
  g_assert_cmpint (kiosk_db_int (d, "SELECT count(*) FROM (SELECT card_uid, local_date FROM d.attendance WHERE card_uid IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1)", NULL, NULL), ==, 0);
  g_assert_cmpint (kiosk_db_int (k, "SELECT count(*) FROM main.attendance a WHERE NOT EXISTS (SELECT 1 FROM d.attendance x WHERE x.id = a.id)", NULL, NULL), ==, 0);
  g_assert_cmpint (kiosk_db_int (k, "SELECT count(*) FROM d.attendance x WHERE NOT EXISTS (SELECT 1 FROM main.attendance a WHERE a.id = x.id)", NULL, NULL), ==, 0);
  kiosk_db_assert_intact (k, "the kiosk's database");
  sqlite3_close (k);
  d = kiosk_db_open (mirror);
  kiosk_db_assert_intact (d, "the district's copy of the centre");
  sqlite3_close (d);
  d = kiosk_db_open (ddb);
  kiosk_db_assert_intact (d, "the district's database");
  sqlite3_close (d);

  g_test_message ("%" G_GINT64_FORMAT " check-ins recorded, %" G_GINT64_FORMAT " of them killed before their greeting was painted; "
                  "all at the district once", recorded, recorded - (gint64) g_hash_table_size (greeted));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/power-loss", test_power_loss);
  return g_test_run ();
}
