/* Exactly-once delivery through real failures: two kiosk processes of one
 * centre record check-ins and edit the same elders while the fault proxy
 * cuts, delays and duplicates their traffic and this test kill -9s the
 * district server and the kiosks at random moments.  Afterwards the
 * district holds every record made, once, field for field as the kiosk
 * wrote it, and both kiosks and the district agree on every elder. */

#include "config.h"

#include "yi-sync-test-util.h"
#include "yi-test-env.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

/* check-ins each kiosk makes, and faults (cuts, duplicates, kills) at the
 * least; both divided by YIYANG_TEST_SCALE in the slow passes */
#define PER_KIOSK      5000
#define N_ELDERS       20
#define MIN_FAULTS     200
/* a hang guard only: under the sanitizers the same work takes several times
 * longer (the suite runs them with --timeout-multiplier 3, 540 s) */
#define CHAOS_LIMIT_US (420 * G_USEC_PER_SEC)

typedef struct {
  char        *db;
  GSubprocess *process;
  gboolean     worked;
  gboolean     done;
  gint64       next_kill;
  guint        seed;
} Kiosk;

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
attach (sqlite3    *db,
        const char *path,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("ATTACH '%s' AS %s", path, name);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static GSubprocess *
start_server (const char *district,
              const char *db,
              const char *listen,
              char      **url)
{
  /* A killed server's port may linger for a moment. */
  for (int attempt = 0; attempt < 50; attempt++)
    {
      GSubprocess *p = yi_test_spawn_url (url, district, "--db", db, "--listen", listen, NULL);

      if (p != NULL)
        return p;
      g_usleep (100 * 1000);
    }
  g_error ("the district server does not start");
  return NULL;
}

static guint
per_kiosk (void)
{
  return yi_test_scaled (PER_KIOSK, 100);
}

static guint
min_faults (void)
{
  return yi_test_scaled (MIN_FAULTS, 50);
}

/* The next kill -9 comes @min_ms to @max_ms later: enough for a round
 * or two of sync, too little for a kiosk's whole work.  Sanitised
 * programs need several times as long for the same round. */
static gint64
kill_delay_us (GRand *rng,
               int    min_ms,
               int    max_ms)
{
  return (gint64) g_rand_int_range (rng, min_ms, max_ms) * 1000 * YI_TEST_TIME_FACTOR;
}

/* "work" until its records are made; once they are, "final" (sync only)
 * keeps the kiosk talking under fire until enough faults were injected. */
static GSubprocess *
start_kiosk (Kiosk      *k,
             const char *helper,
             const char *url)
{
  g_autofree char *target = g_strdup_printf ("%u", per_kiosk ());
  g_autofree char *seed = g_strdup_printf ("%u", k->seed++);
  g_autoptr(GError) error = NULL;
  const char *work[] = { helper, "work", k->db, url, target, seed, NULL };
  const char *final[] = { helper, "final", k->db, NULL };
  GSubprocess *p = yi_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, k->worked ? final : work, &error);

  g_assert_no_error (error);
  return p;
}

static guint
proxy_faults (const char *stats,
              gboolean    report)
{
  g_autofree char *text = NULL;
  guint cuts = 0, delays = 0, dups = 0;

  if (g_file_get_contents (stats, &text, NULL, NULL))
    sscanf (text, "cuts %u\ndelays %u\nduplicates %u", &cuts, &delays, &dups);
  if (report)
    g_test_message ("proxy: %u cuts, %u delays, %u duplicated requests", cuts, delays, dups);
  return cuts + dups;
}

static void
write_registry (const char *path)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (int i = 0; i < N_ELDERS; i++)
    {
      /* 18-digit ID numbers with a correct check digit are made by the
       * district tool from the first 17; here the check digit is computed. */
      static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
      static const char check[] = "10X98765432";
      g_autofree char *first17 = g_strdup_printf ("37010219%02d0101%03d", 30 + i, 100 + i);
      int sum = 0;

      for (int d = 0; d < 17; d++)
        sum += (first17[d] - '0') * weights[d];
      g_string_append_printf (json, "%s{\"name\":\"老人%02d\",\"id_number\":\"%s%c\",\"phone\":\"13800000%03d\"}",
                              i ? "," : "", i, first17, check[sum % 11], i);
    }
  g_string_append (json, "]");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
}

static void
test_fault (void)
{
  const char *district = yi_test_program ("YI_DISTRICT");
  const char *admin = yi_test_program ("YI_ADMIN");
  const char *proxy_bin = yi_test_program ("YI_FAULT_PROXY");
  const char *helper = yi_test_program ("YI_TEST_KIOSK");
  g_autofree char *dir = g_dir_make_tmp ("yiyang-fault-XXXXXX", NULL);
  g_autofree char *ddb = g_build_filename (dir, "district.db", NULL);
  g_autofree char *registry = g_build_filename (dir, "registry.json", NULL);
  g_autofree char *stats = g_build_filename (dir, "proxy-stats", NULL);
  g_autofree char *server_url = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *upstream = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *mirror = NULL;
  g_autofree char *loaded = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) proxy = NULL;
  Kiosk kiosks[2] = { { NULL, }, };
  g_autoptr(GRand) rng = g_rand_new_with_seed (20261122);
  gint64 started = g_get_monotonic_time ();
  gint64 next_server_kill;
  guint kills = 0, faults;

  write_registry (registry);
  centre = yi_test_run (NULL, district, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  g_assert_nonnull (centre);
  loaded = yi_test_run (NULL, district, "--db", ddb, "load-registry", centre, registry, NULL);
  g_assert_nonnull (loaded);
  mirror = g_strdup_printf ("%s/centres/%s.db", dir, centre);

  server = start_server (district, ddb, "127.0.0.1:0", &server_url);
  listen = g_strdup_printf ("127.0.0.1:%u", yi_test_url_port (server_url));
  upstream = g_strdup (listen);
  proxy = yi_test_spawn_url (&proxy_url, proxy_bin, "--upstream", upstream, "--seed", "7",
                             "--cut", "0.3", "--delay", "0.2", "--duplicate", "0.15", "--stats", stats, NULL);
  g_assert_nonnull (proxy);

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *code = yi_test_run (NULL, district, "--db", ddb, "enrolment-code", centre, NULL);
      g_autofree char *out = NULL;

      kiosks[i].db = g_build_filename (dir, i == 0 ? "kiosk-a.db" : "kiosk-b.db", NULL);
      kiosks[i].seed = 100 * (i + 1);
      g_assert_nonnull (code);
      /* Enrolment is done by a person who retries by hand; enrol directly. */
      out = yi_test_run (NULL, admin, "--db", kiosks[i].db, "enrol", server_url, code, NULL);
      g_assert_nonnull (out);
      kiosks[i].process = start_kiosk (&kiosks[i], helper, proxy_url);
      kiosks[i].next_kill = g_get_monotonic_time () + kill_delay_us (rng, 200, 1200);
    }

  next_server_kill = g_get_monotonic_time () + kill_delay_us (rng, 300, 1500);
  while (!(kiosks[0].done && kiosks[1].done))
    {
      gint64 now = g_get_monotonic_time ();

      g_assert_cmpint (now - started, <, CHAOS_LIMIT_US);
      if (now >= next_server_kill)
        {
          yi_test_kill (server);
          g_clear_object (&server);
          g_clear_pointer (&server_url, g_free);
          kills++;
          server = start_server (district, ddb, listen, &server_url);
          next_server_kill = g_get_monotonic_time () + kill_delay_us (rng, 300, 1500);
        }
      for (int i = 0; i < 2; i++)
        {
          Kiosk *k = &kiosks[i];

          if (k->done)
            continue;
          if (g_subprocess_get_identifier (k->process) == NULL)
            {
              g_subprocess_wait (k->process, NULL, NULL);
              if (g_subprocess_get_if_exited (k->process) && g_subprocess_get_exit_status (k->process) == 0)
                {
                  k->worked = TRUE;
                  if (proxy_faults (stats, FALSE) + kills >= min_faults ())
                    {
                      k->done = TRUE;
                      continue;
                    }
                }
              g_clear_object (&k->process);
              k->process = start_kiosk (k, helper, proxy_url);
            }
          else if (now >= k->next_kill)
            {
              yi_test_kill (k->process);
              g_clear_object (&k->process);
              kills++;
              k->process = start_kiosk (k, helper, proxy_url);
              k->next_kill = g_get_monotonic_time () + kill_delay_us (rng, 200, 1200);
            }
        }
      g_usleep (20 * 1000);
    }

  /* Both have sent everything; one more round each receives the other's. */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < 2; i++)
      {
        int status = -1;
        g_autofree char *out = yi_test_run (&status, helper, "final", kiosks[i].db, NULL);
        g_assert_cmpint (status, ==, 0);
      }

  faults = proxy_faults (stats, TRUE) + kills;
  g_test_message ("%u kill -9s; %u faults in all; %.1f s", kills, faults,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (faults, >=, min_faults ());

  g_subprocess_send_signal (server, SIGTERM);
  g_assert_true (g_subprocess_wait (server, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (server));
  g_assert_cmpint (g_subprocess_get_exit_status (server), ==, 0);
  g_subprocess_send_signal (proxy, SIGTERM);
  g_subprocess_wait (proxy, NULL, NULL);

  {
    sqlite3 *a = open_db (kiosks[0].db);
    gint64 made_a, made_b, at_district;

    attach (a, kiosks[1].db, "b");
    attach (a, mirror, "m");
    attach (a, ddb, "d");

    made_a = count (a, "SELECT count(*) FROM main.attendance WHERE device_id = (SELECT value FROM main.meta WHERE key = 'device_id')");
    made_b = count (a, "SELECT count(*) FROM b.attendance WHERE device_id = (SELECT value FROM b.meta WHERE key = 'device_id')");
    at_district = count (a, "SELECT count(*) FROM m.attendance");
    g_test_message ("made %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT ", district holds %" G_GINT64_FORMAT,
                    made_a, made_b, at_district);
    g_assert_cmpint (made_a, ==, per_kiosk ());
    g_assert_cmpint (made_b, ==, per_kiosk ());
    /* None lost, none twice. */
    g_assert_cmpint (at_district, ==, made_a + made_b);
    g_assert_cmpint (count (a, "SELECT count(*) FROM d.changes WHERE record_table = 'attendance'"), ==, made_a + made_b);
    g_assert_cmpint (count (a, "SELECT count(DISTINCT record_id) FROM d.changes WHERE record_table = 'attendance'"), ==, made_a + made_b);

    /* Field for field: every column of every row, both ways. */
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM m.attendance EXCEPT "
                               "SELECT * FROM main.attendance)"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM main.attendance EXCEPT "
                               "SELECT * FROM m.attendance)"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM b.attendance EXCEPT "
                               "SELECT * FROM m.attendance)"), ==, 0);
    /* The district's log holds each change exactly as the kiosk queued it. */
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT change_id, record_table, record_id, kind, hlc, payload, created_at "
                               "FROM main.outbox UNION ALL SELECT change_id, record_table, record_id, kind, hlc, payload, created_at FROM b.outbox "
                               "EXCEPT SELECT change_id, record_table, record_id, kind, hlc, payload, at FROM d.changes)"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM main.outbox WHERE state NOT IN ('accepted','duplicate')"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM b.outbox WHERE state NOT IN ('accepted','duplicate')"), ==, 0);

    /* Two kiosks and the district agree on every elder, every field. */
    g_assert_cmpint (count (a, "SELECT count(*) FROM m.elders"), ==, N_ELDERS);
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM main.elders EXCEPT SELECT * FROM b.elders)"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM b.elders EXCEPT SELECT * FROM main.elders)"), ==, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM (SELECT * FROM main.elders EXCEPT SELECT * FROM m.elders)"), ==, 0);
    /* Fields edited on only one kiosk survived the other's edits. */
    g_assert_cmpint (count (a, "SELECT count(*) FROM main.elders WHERE notes IS NOT NULL"), >, 0);
    g_assert_cmpint (count (a, "SELECT count(*) FROM main.elders WHERE address IS NOT NULL"), >, 0);
    sqlite3_close (a);
  }

  for (int i = 0; i < 2; i++)
    g_free (kiosks[i].db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/fault/exactly-once", test_fault);
  return g_test_run ();
}
