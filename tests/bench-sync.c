/* One year of a 650-elder centre (about 100,000 records) sent by the real
 * sync client to a real yiyang-district over loopback, through a relay that
 * counts the bytes on the socket; then, when Node.js and the PouchDB
 * packages can be had, the same records replicated by PouchDB to
 * express-pouchdb the same way, and the ratio of the two throughputs.
 *
 *   bench-sync [RUNS]
 *
 * The kiosk database is generated once (yi_demo_generate) and kept in the
 * build directory; every run starts from a fresh copy and a fresh district. */

#include "config.h"

#include "bench-util.h"
#include "yi-clock.h"
#include "yi-demo.h"
#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"
#include "yi-sync-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#define N_ELDERS   650
#define N_DAYS     365
#define MAX_RUNS   5
#define BATCH      500   /* the sync client's push batch, and PouchDB's */

typedef struct {
  double seconds;
  double cpu_ms;          /* the sending side */
  double server_cpu_ms;   /* the receiving process */
  guint64 bytes;          /* both directions, as they crossed the socket */
  gint64 records;
} Run;

static GMainContext *context;

static char *
kiosk_template (void)
{
  const char *build = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (build ? build : ".", "bench-sync-kiosk.db", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(YiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_unlink (partial);
  if ((store = yi_store_open (partial, &error)) == NULL ||
      !yi_demo_generate (store, N_ELDERS, N_DAYS, 1, NULL, NULL, &error))
    g_error ("generating the centre failed: %s", error->message);
  g_clear_object (&store);
  if (g_rename (partial, path) != 0)
    g_error ("cannot keep the generated centre at %s", path);
  g_printerr ("# generated %u elders and %u days in %.0f s into %s\n", N_ELDERS, N_DAYS,
              (g_get_monotonic_time () - start) / 1e6, path);
  return g_steal_pointer (&path);
}

static guint64
proxy_bytes (const char *stats)
{
  g_autofree char *text = NULL;
  guint64 total = 0;

  if (!g_file_get_contents (stats, &text, NULL, NULL))
    return 0;
  for (char *line = strstr (text, "bytes_"); line; line = strstr (line + 1, "bytes_"))
    total += g_ascii_strtoull (strchr (line, ' ') + 1, NULL, 10);
  return total;
}

/* The relay counts a connection when it closes; wait for the count to
 * settle after the client has let go of its connections. */
static guint64
settled_bytes (const char *stats)
{
  guint64 last = 0, now;

  for (int i = 0; i < 100; i++)
    {
      g_usleep (50 * 1000);
      while (g_main_context_iteration (context, FALSE))
        ;
      now = proxy_bytes (stats);
      if (now > 0 && now == last)
        return now;
      last = now;
    }
  return last;
}

static GSubprocess *
start_relay (const char *upstream_url,
             const char *stats,
             char      **url)
{
  g_autofree char *upstream = g_strdup_printf ("127.0.0.1:%u", yi_test_url_port (upstream_url));

  return yi_test_spawn_url (url, yi_test_program ("YI_FAULT_PROXY"), "--upstream", upstream,
                            "--cut", "0", "--delay", "0", "--duplicate", "0", "--stats", stats, NULL);
}

static void
run_yiyang (const char *template,
            const char *dir,
            Run        *run)
{
  const char *district = yi_test_program ("YI_DISTRICT");
  g_autofree char *ddb = g_build_filename (dir, "district.db", NULL);
  g_autofree char *kdb = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *stats = g_build_filename (dir, "relay-yiyang", NULL);
  g_autofree char *centre = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *relay_url = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) relay = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (template);
  g_autoptr(GFile) to = g_file_new_for_path (kdb);
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double cpu_start;

  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  centre = yi_test_run (NULL, district, "--db", ddb, "add-centre", "幸福里日间照料中心", NULL);
  server = yi_test_spawn_url (&url, district, "--db", ddb, "--listen", "127.0.0.1:0", NULL);
  code = yi_test_run (NULL, district, "--db", ddb, "enrolment-code", centre, NULL);
  if (centre == NULL || server == NULL || code == NULL)
    g_error ("the district server did not start");
  relay = start_relay (url, stats, &relay_url);

  store = yi_store_open (kdb, &error);
  if (store == NULL || !yi_sync_enrol (store, url, code, NULL, &error) ||
      !yi_store_set_meta (store, YI_SYNC_META_URL, relay_url, &error) ||
      (client = yi_sync_client_new (store, &error)) == NULL)
    g_error ("enrolling the kiosk failed: %s", error->message);
  run->records = yi_store_outbox_count_state (store, "pending");

  start = g_get_monotonic_time ();
  cpu_start = yi_bench_cpu_ms ();
  if (!yi_sync_client_run_round (client, NULL, &error))
    g_error ("the sync round failed: %s", error->message);
  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  run->cpu_ms = yi_bench_cpu_ms () - cpu_start;
  run->server_cpu_ms = yi_bench_process_cpu_ms (g_subprocess_get_identifier (server));

  if (yi_store_outbox_count_state (store, "pending") != 0 ||
      yi_store_outbox_count_state (store, "accepted") != run->records)
    g_error ("the district did not accept every record (%" G_GINT64_FORMAT " pending, %" G_GINT64_FORMAT " accepted of %"
             G_GINT64_FORMAT ")", yi_store_outbox_count_state (store, "pending"),
             yi_store_outbox_count_state (store, "accepted"), run->records);
  g_clear_object (&client);
  /* The relay counts a connection when both ends have closed it, and an
   * idle keep-alive connection is closed by the server only when it stops. */
  yi_test_kill (server);
  run->bytes = settled_bytes (stats);
  yi_test_kill (relay);
}

/* The kiosk's changes as PouchDB documents: one per change, with the same
 * fields the sync protocol carries. */
static char *
export_records (const char *template,
                const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "records.ndjson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (template, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (store == NULL || (stmt = yi_store_prepare (store,
      "SELECT json_object('_id', change_id, 'table', record_table, 'record_id', record_id, "
      "  'kind', kind, 'hlc', hlc, 'at', created_at, 'payload', json(payload)) "
      "FROM outbox WHERE state = 'pending' ORDER BY seq", &error)) == NULL)
    g_error ("%s", error->message);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (out, '\n');
    }
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&path);
}

static gboolean
run_pouchdb (const char *node,
             const char *script,
             const char *records,
             const char *dir,
             Run        *run)
{
  g_autofree char *data = g_build_filename (dir, "pouchdb-server", NULL);
  g_autofree char *stats = g_build_filename (dir, "relay-pouchdb", NULL);
  g_autofree char *batch = g_strdup_printf ("%d", BATCH);
  g_autofree char *url = NULL;
  g_autofree char *relay_url = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) relay = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  server = yi_test_spawn_url (&url, node, script, "serve", data, NULL);
  if (server == NULL)
    {
      g_printerr ("# SKIP PouchDB comparison: express-pouchdb did not start (see the messages above)\n");
      return FALSE;
    }
  relay = start_relay (url, stats, &relay_url);
  out = yi_test_run (&status, node, script, "replicate", records, relay_url, batch, NULL);
  run->server_cpu_ms = yi_bench_process_cpu_ms (g_subprocess_get_identifier (server));
  if (out == NULL)
    {
      g_printerr ("# SKIP PouchDB comparison: the replication failed (exit status %d)\n", status);
      yi_test_kill (relay);
      yi_test_kill (server);
      return FALSE;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (sscanf (lines[i], "seconds %lf", &run->seconds) != 1 &&
        sscanf (lines[i], "docs %" G_GINT64_FORMAT, &run->records) != 1)
      sscanf (lines[i], "cpu_ms %lf", &run->cpu_ms);
  run->bytes = settled_bytes (stats);
  yi_test_kill (relay);
  yi_test_kill (server);
  return run->seconds > 0 && run->records > 0;
}

/* PouchDB needs Node.js and four npm packages; without them this part is
 * skipped with a message, never failed. */
static gboolean
pouchdb_ready (const char **node,
               const char **script)
{
  const char *npm = g_getenv ("YI_NPM");
  const char *dir = g_getenv ("YI_POUCHDB_DIR");
  const char *install = g_getenv ("YI_POUCHDB_INSTALL");
  g_autofree char *modules = NULL;
  int status = 0;
  g_autofree char *out = NULL;

  *node = g_getenv ("YI_NODE");
  *script = g_getenv ("YI_POUCHDB_SCRIPT");
  if (*node == NULL || **node == '\0' || !g_file_test (*node, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("# SKIP PouchDB comparison: Node.js (node) is not installed\n");
      return FALSE;
    }
  if (npm == NULL || *npm == '\0' || dir == NULL || install == NULL || *script == NULL)
    {
      g_printerr ("# SKIP PouchDB comparison: npm is not installed\n");
      return FALSE;
    }
  out = yi_test_run (&status, "sh", install, dir, npm, NULL);
  if (status != 0)
    {
      g_printerr ("# SKIP PouchDB comparison: the PouchDB packages could not be installed "
                  "(no network or no npm registry?); see %s/npm-install.log\n", dir);
      return FALSE;
    }
  modules = g_build_filename (dir, "node_modules", NULL);
  g_setenv ("NODE_PATH", modules, TRUE);
  return TRUE;
}

static void
print_median (const char *name,
              const char *figure,
              double     *values,
              guint       n,
              const char *unit)
{
  g_autofree char *key = g_strconcat (name, figure, NULL);

  yi_bench_print (key, yi_bench_quantile (values, n, 0.5), unit);
}

static void
summarise (const char *name,
           Run        *runs,
           guint       n)
{
  double seconds[MAX_RUNS], rate[MAX_RUNS], cpu[MAX_RUNS], server[MAX_RUNS], bytes[MAX_RUNS];
  g_autofree char *key = g_strconcat (name, "_year_push", NULL);

  for (guint i = 0; i < n; i++)
    {
      seconds[i] = runs[i].seconds;
      rate[i] = runs[i].records / runs[i].seconds;
      cpu[i] = runs[i].cpu_ms / 1000;
      server[i] = runs[i].server_cpu_ms / 1000;
      bytes[i] = (double) runs[i].bytes / runs[i].records;
    }
  yi_bench_print_spread (key, seconds, n, "s");
  print_median (name, "_records_per_s", rate, n, "records/s");
  print_median (name, "_wire_bytes_per_record", bytes, n, "bytes");
  print_median (name, "_client_cpu", cpu, n, "s");
  print_median (name, "_server_cpu", server, n, "s");
}

int
main (int argc, char **argv)
{
  g_autofree char *template = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("yiyang-bench-sync-XXXXXX", NULL);
  g_autofree char *records = NULL;
  Run yiyang[MAX_RUNS] = { { 0, } }, pouch[MAX_RUNS] = { { 0, } };
  double yiyang_rate[MAX_RUNS], pouch_rate[MAX_RUNS];
  const char *node, *script;
  guint runs = 3;

  setlocale (LC_ALL, "");
  if (argc > 1)
    runs = CLAMP (atoi (argv[1]), 1, MAX_RUNS);
  /* The demo centre's year ends on this day, whenever the benchmark runs. */
  g_setenv ("YIYANG_NOW", "2026-01-05T02:00:00Z", TRUE);
  context = g_main_context_default ();
  template = kiosk_template ();

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *dir = g_build_filename (scratch, "yiyang", NULL);

      g_mkdir (dir, 0700);
      run_yiyang (template, dir, &yiyang[i]);
      g_printerr ("# Yiyang run %u: %" G_GINT64_FORMAT " records in %.2f s, %.0f bytes/record\n", i + 1,
                  yiyang[i].records, yiyang[i].seconds, (double) yiyang[i].bytes / yiyang[i].records);
      yi_bench_remove_dir (dir);
      yiyang_rate[i] = yiyang[i].records / yiyang[i].seconds;
    }
  summarise ("sync", yiyang, runs);

  if (!pouchdb_ready (&node, &script))
    {
      yi_bench_remove_dir (scratch);
      return 0;
    }
  records = export_records (template, scratch);
  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *dir = g_build_filename (scratch, "pouchdb", NULL);

      g_mkdir (dir, 0700);
      if (!run_pouchdb (node, script, records, dir, &pouch[i]))
        {
          yi_bench_remove_dir (scratch);
          return 0;
        }
      g_printerr ("# PouchDB run %u: %" G_GINT64_FORMAT " documents in %.2f s, %.0f bytes/record\n", i + 1,
                  pouch[i].records, pouch[i].seconds, (double) pouch[i].bytes / pouch[i].records);
      yi_bench_remove_dir (dir);
      pouch_rate[i] = pouch[i].records / pouch[i].seconds;
    }
  summarise ("pouchdb", pouch, runs);
  yi_bench_print ("sync_vs_pouchdb_ratio",
                  yi_bench_quantile (yiyang_rate, runs, 0.5) / yi_bench_quantile (pouch_rate, runs, 0.5), "x");
  yi_bench_remove_dir (scratch);
  return 0;
}
