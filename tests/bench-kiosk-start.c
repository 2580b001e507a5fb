/* The kiosk from exec to ready for a tap, and its memory over 1,000 taps,
 * on five years of a 1,200-elder centre.  The real yiyang-kiosk runs on
 * the (Xvfb) display with the PN532 emulator as its reader; it says
 * "READY=1" on $NOTIFY_SOCKET, as it would to systemd, once its idle page
 * is painted and the reader is open.  The taps then come through the
 * application action tap-card over D-Bus, one after another, round the
 * cards of DAY_CARDS elders, and VmRSS is read from /proc every 100 taps.
 *
 *   bench-kiosk-start [RUNS [TAPS [DAYS]]]     (defaults: 5, 1000, 1825)
 *
 * With YI_DISTRICT and YI_ADMIN in the environment the kiosk is enrolled
 * first, over https with a certificate authority of the district's own,
 * and everything it holds is sent (yiyang-admin sync), so it starts as an
 * enrolled kiosk does on an ordinary morning: its sync thread then sends
 * each tap as it is made, and the memory includes TLS and the sync.
 *
 * Prints BENCH lines: kiosk_start_median / _p99 and kiosk_start_cpu_median
 * (ms), kiosk_rss_after_N_taps (MiB) and kiosk_rss_growth (MiB from the
 * 100th tap to the last). */
#include "config.h"

#include "bench-centre.h"
#include "bench-util.h"
#include "kiosk-process-util.h"
#include "pn532-emulator-client.h"
#include "yi-store.h"
#include "yi-sync-test-util.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define ELDERS 1200
/* The taps go round this many elders, a busy day's check-ins and
 * check-outs: past the first round, more memory is more kept per tap. */
#define DAY_CARDS 100

static GSubprocess *
start_kiosk (GSubprocessLauncher *launcher,
             const char          *kiosk,
             const char          *db)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *proc = g_subprocess_launcher_spawn (launcher, &error, kiosk, "--db", db, "--windowed", NULL);

  if (proc == NULL)
    g_error ("Cannot start %s: %s", kiosk, error->message);
  return proc;
}

static void
wait_ready (GSocket *notify)
{
  g_autoptr(GError) error = NULL;
  char buf[256];
  gssize n;

  g_socket_set_timeout (notify, 600);
  n = g_socket_receive (notify, buf, sizeof buf - 1, NULL, &error);
  if (n < 0)
    g_error ("The kiosk never said it was ready: %s", error->message);
  buf[n] = '\0';
  g_assert_nonnull (strstr (buf, "READY=1"));
}

/* A district on loopback with its own certificate authority (a self-signed
 * certificate for 127.0.0.1), the kiosk enrolled with it and caught up. */
static GSubprocess *
enrol_with_district (const char *dir,
                     const char *db,
                     const char *ca_file)
{
  const char *district = yi_test_program ("YI_DISTRICT");
  const char *admin = yi_test_program ("YI_ADMIN");
  g_autofree char *ddb = g_build_filename (dir, "district.db", NULL);
  g_autofree char *key = g_build_filename (dir, "district.key", NULL);
  g_autofree char *centre = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *status = NULL;
  GSubprocess *server;
  gint64 t0;

  g_assert_nonnull (yi_test_run (NULL, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                 "-subj", "/CN=yiyang-district", "-addext", "subjectAltName=IP:127.0.0.1",
                                 "-keyout", key, "-out", ca_file, NULL));
  centre = yi_test_run (NULL, district, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  g_assert_nonnull (centre);
  code = yi_test_run (NULL, district, "--db", ddb, "enrolment-code", centre, NULL);
  g_assert_nonnull (code);
  server = yi_test_spawn_url (&url, district, "--db", ddb, "--listen", "127.0.0.1:0",
                              "--tls-cert", ca_file, "--tls-key", key, NULL);
  g_assert_nonnull (server);
  g_assert_true (g_str_has_prefix (url, "https://"));
  g_assert_nonnull (yi_test_run (NULL, admin, "--db", db, "enrol", url, code, NULL));
  t0 = g_get_monotonic_time ();
  g_assert_nonnull (yi_test_run (NULL, admin, "--db", db, "sync", NULL));
  yi_bench_print ("kiosk_enrolled_catch_up", (g_get_monotonic_time () - t0) / 1e6, "s");
  status = yi_test_run (NULL, admin, "--db", db, "sync-status", NULL);
  g_printerr ("%s\n", status);
  return server;
}

static void
stop_kiosk (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (proc, SIGTERM);
  if (!g_subprocess_wait (proc, NULL, &error))
    g_error ("%s", error->message);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSocket) notify = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cached = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *notify_path = NULL;
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(GSubprocess) district = NULL;
  g_autofree double *start_ms = NULL;
  g_autofree double *start_cpu = NULL;
  const char *kiosk = g_getenv ("YI_KIOSK");
  guint runs = argc > 1 ? MAX (atoi (argv[1]), 1) : 5;
  guint taps = argc > 2 ? (guint) atoi (argv[2]) : 1000;
  guint days = argc > 3 ? (guint) atoi (argv[3]) : 1825;
  double rss_first = 0, rss = 0;

  g_assert_nonnull (kiosk);
  cached = yi_bench_cached_centre (ELDERS, days);
  db = yi_bench_copy_centre (cached, &dir);
  {
    g_autoptr(YiStore) store = yi_store_open (db, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_no_error (error);
    stmt = yi_store_prepare (store,
        "SELECT c.uid FROM cards c JOIN elders e ON e.id = c.elder_id "
        "WHERE c.revoked_at IS NULL AND e.status = 'active' ORDER BY c.uid", &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    g_assert_cmpuint (uids->len, >, 0);
  }

  emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);

  /* The kiosk is its own process: its settings come from a key file. */
  settings_dir = g_build_filename (dir, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  ca_file = g_build_filename (dir, "district-ca.pem", NULL);
  keyfile = g_strdup_printf ("[io/github/yiyang/Kiosk]\nreader-connstring='%s'\nsounds=false\n"
                             "district-ca-file='%s'\n",
                             pn532_emulator_connstring (emu), ca_file);
  {
    g_autofree char *path = g_build_filename (settings_dir, "keyfile", NULL);
    g_autofree char *config = g_build_filename (dir, "config", NULL);

    g_assert_true (g_file_set_contents (path, keyfile, -1, &error));
    /* yiyang-admin reads the same settings as the kiosk */
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  }
  if (g_getenv ("YI_DISTRICT") != NULL && g_getenv ("YI_ADMIN") != NULL)
    district = enrol_with_district (dir, db, ca_file);

  notify_path = g_build_filename (dir, "notify", NULL);
  notify = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (notify_path);
  g_assert_true (g_socket_bind (notify, address, FALSE, &error));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  {
    g_autofree char *config = g_build_filename (dir, "config", NULL);
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  }
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "NOTIFY_SOCKET", notify_path, TRUE);

  start_ms = g_new0 (double, runs);
  start_cpu = g_new0 (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      gint64 t0 = g_get_monotonic_time ();

      proc = start_kiosk (launcher, kiosk, db);
      wait_ready (notify);
      start_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      start_cpu[r] = yi_bench_process_cpu_ms (g_subprocess_get_identifier (proc));
      g_printerr ("start %u: ready in %.0f ms (%.0f ms processor)\n", r + 1, start_ms[r], start_cpu[r]);

      if (r == runs - 1 && taps > 0)
        {
          const char *pid = g_subprocess_get_identifier (proc);

          bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
          g_assert_no_error (error);
          yi_bench_print ("kiosk_rss_after_0_taps", yi_bench_rss_mib (pid), "MiB");
          for (guint i = 1; i <= taps; i++)
            {
              const char *uid = g_ptr_array_index (uids, (i - 1) % MIN (uids->len, DAY_CARDS));

              if (!kiosk_dbus_tap (bus, uid, &error))
                g_error ("The tap of %s did not reach the kiosk: %s", uid, error->message);
              if (i % 100 == 0)
                {
                  g_autofree char *name = g_strdup_printf ("kiosk_rss_after_%u_taps", i);

                  rss = yi_bench_rss_mib (pid);
                  if (i == 100)
                    rss_first = rss;
                  yi_bench_print (name, rss, "MiB");
                }
            }
          if (taps >= 200)
            yi_bench_print ("kiosk_rss_growth", rss - rss_first, "MiB");
          /* checkpoints keep the log from growing with the taps */
          {
            g_autofree char *wal = g_strconcat (db, "-wal", NULL);
            GStatBuf st;

            if (g_stat (wal, &st) == 0)
              yi_bench_print ("kiosk_wal_after_taps", st.st_size / 1048576.0, "MiB");
          }
        }
      stop_kiosk (proc);
    }
  if (district != NULL)
    yi_test_kill (district);
  yi_bench_print_spread ("kiosk_start", start_ms, runs, "ms");
  yi_bench_print ("kiosk_start_cpu_median", yi_bench_quantile (start_cpu, runs, 0.5), "ms");

  yi_bench_remove_dir (dir);
  return 0;
}
