/* A city morning at the district: 3,000 kiosks in 100 centres each send a
 * batch of 100 records (new elders and their check-ins) at the same time,
 * to a real yiyang-district on loopback; many kiosks are simulated by one
 * process with libsoup's asynchronous client, each with its own token and
 * its own connection.
 *
 *   bench-district [KIOSKS [CENTRES [RECORDS]]]
 *
 * Prints the time until every kiosk has its answer, the records ingested
 * per second, and the median and p99 latency of one request (from the
 * moment it is written to the socket to its answer). */

#include "config.h"

#include "bench-util.h"
#include "yi-clock.h"
#include "yi-district-private.h"
#include "yi-hlc.h"
#include "yi-ids.h"
#include "yi-idcard.h"
#include "yi-sync-test-util.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define KIOSKS_PER_SESSION 20
#define CLIENT_THREADS     8


typedef struct {
  char   *token;
  char   *centre_id;
  GBytes *body;           /* the gzipped push request */
  gint64  started_us;     /* when the request went onto the socket */
  double  latency_ms;
} Kiosk;

/* One of the client threads: its own main context, sessions and kiosks. */
typedef struct {
  GMainLoop  *loop;
  guint       pending;
  guint       failures;
  guint       accepted;
  const char *url;
  Kiosk      *kiosks;
  guint       n_kiosks;
  guint       first;       /* this thread sends kiosks first, first + step, ... */
  guint       step;
} Morning;

static void
kiosk_clear (Kiosk *k)
{
  g_free (k->token);
  g_free (k->centre_id);
  g_clear_pointer (&k->body, g_bytes_unref);
}

/* A batch as a kiosk would send it: @n_elders elders registered at the
 * kiosk, then check-ins (in and out) for them. */
static GBytes *
make_batch (const char *device_id,
            guint       kiosk_no,
            guint       n_records)
{
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_new ();
  g_autofree char *json = NULL;
  g_autoptr(GBytes) plain = NULL;
  YiHlc hlc;
  guint n_elders = MAX (1, n_records / 5);
  g_autoptr(GPtrArray) elders = g_ptr_array_new_with_free_func (g_free);

  yi_hlc_init (&hlc, device_id);
  req->device_id = g_strdup (device_id);
  req->batch_id = yi_uuid_v7_new ();
  for (guint i = 0; i < n_records; i++)
    {
      YiSyncChange *change = yi_sync_change_new ();
      gint64 at_us = yi_clock_now_us () - (gint64) (n_records - i) * G_USEC_PER_SEC;

      change->change_id = yi_uuid_v7_new ();
      change->record_id = yi_uuid_v7_new ();
      change->hlc = yi_hlc_now (&hlc);
      change->at = yi_clock_format_utc (at_us);
      change->payload = json_object_new ();
      if (i < n_elders)
        {
          guint year = 1930 + (kiosk_no / 100) % 30;
          char first17[18];
          char birth[11];
          char id_number[19];

          /* ID numbers unique across the city: kiosk number and elder. */
          g_snprintf (first17, sizeof first17, "3701%02u%u0101%03u", kiosk_no % 100, year, i);
          g_snprintf (id_number, sizeof id_number, "%s%c", first17, yi_idcard_check_digit (first17));
          g_snprintf (birth, sizeof birth, "%u-01-01", year);
          change->table = g_strdup ("elders");
          change->kind = g_strdup ("entity");
          json_object_set_string_member (change->payload, "name", "张桂英");
          json_object_set_string_member (change->payload, "gender", i % 2 ? "M" : "F");
          json_object_set_string_member (change->payload, "birth_date", birth);
          json_object_set_string_member (change->payload, "id_number", id_number);
          json_object_set_string_member (change->payload, "phone", "13800000000");
          json_object_set_string_member (change->payload, "address", "和平路12号");
          g_ptr_array_add (elders, g_strdup (change->record_id));
        }
      else
        {
          change->table = g_strdup ("attendance");
          change->kind = g_strdup ("event");
          json_object_set_string_member (change->payload, "id", change->record_id);
          json_object_set_string_member (change->payload, "elder_id", g_ptr_array_index (elders, i % elders->len));
          json_object_set_string_member (change->payload, "kind", (i / elders->len) % 2 ? "out" : "in");
          json_object_set_string_member (change->payload, "method", "card");
          json_object_set_string_member (change->payload, "card_uid", "04A1B2C3D4E5F6");
          json_object_set_string_member (change->payload, "at", change->at);
          json_object_set_string_member (change->payload, "local_date", "2026-03-02");
          json_object_set_string_member (change->payload, "device_id", device_id);
          json_object_set_null_member (change->payload, "staff_id");
        }
      g_ptr_array_add (req->changes, change);
    }
  yi_hlc_clear (&hlc);
  json = yi_sync_push_request_to_json (req);
  plain = g_bytes_new (json, strlen (json));
  return yi_sync_gzip (plain);
}

/* Centres, their mirrors and enrolled kiosks, made through the district's
 * own library before the server starts (as months of enrolment would). */
static Kiosk *
enrol_city (const char *db_path,
            guint       n_kiosks,
            guint       n_centres,
            guint       n_records)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiDistrictDb) db = yi_district_db_open (db_path, &error);
  g_autoptr(GPtrArray) centres = g_ptr_array_new_with_free_func (g_free);
  Kiosk *kiosks = g_new0 (Kiosk, n_kiosks);

  if (db == NULL)
    g_error ("%s", error->message);
  /* Only this setup skips waiting for the disk; the server runs as shipped. */
  yi_district_db_exec (db, "PRAGMA synchronous = OFF", NULL);
  for (guint c = 0; c < n_centres; c++)
    {
      g_autofree char *name = g_strdup_printf ("第%u日间照料中心", c + 1);
      char *id = yi_district_db_add_centre (db, name, "Asia/Shanghai", &error);

      if (id == NULL || yi_district_db_get_mirror (db, id, &error) == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (centres, id);
    }
  for (guint k = 0; k < n_kiosks; k++)
    {
      const char *centre = g_ptr_array_index (centres, k % n_centres);
      g_autofree char *code = yi_district_db_new_enrolment_code (db, centre, 24, &error);
      g_autofree char *device_id = yi_uuid_v7_new ();
      YiSyncEnrolRequest req = { code, device_id, (char *) "kiosk" };
      g_autoptr(YiSyncEnrolResponse) resp = NULL;

      if (code == NULL || (resp = yi_district_db_enrol (db, &req, &error)) == NULL)
        g_error ("enrolling kiosk %u failed: %s", k, error->message);
      kiosks[k].token = g_steal_pointer (&resp->device_token);
      kiosks[k].centre_id = g_strdup (centre);
      kiosks[k].body = make_batch (device_id, k, n_records);
    }
  return kiosks;
}

static void
on_starting (SoupMessage *msg,
             Kiosk       *kiosk)
{
  kiosk->started_us = g_get_monotonic_time ();
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  Kiosk *kiosk = g_object_get_data (G_OBJECT (msg), "kiosk");
  Morning *morning = g_object_get_data (G_OBJECT (msg), "morning");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(YiSyncPushResponse) resp = NULL;

  kiosk->latency_ms = (g_get_monotonic_time () - kiosk->started_us) / 1000.0;
  if (reply != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
    resp = yi_sync_push_response_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  if (resp == NULL)
    {
      if (morning->failures++ < 5)
        g_printerr ("# a kiosk failed: HTTP %u %s\n", soup_message_get_status (msg),
                    error ? error->message : reply ? (const char *) g_bytes_get_data (reply, NULL) : "");
    }
  else
    for (guint i = 0; i < resp->results->len; i++)
      if (((YiSyncResult *) g_ptr_array_index (resp->results, i))->status == YI_SYNC_RESULT_ACCEPTED)
        morning->accepted++;
  g_object_unref (msg);
  if (--morning->pending == 0)
    g_main_loop_quit (morning->loop);
}

static void
send_push (SoupSession *session,
           const char  *url,
           Kiosk       *kiosk,
           Morning     *morning)
{
  g_autofree char *uri = g_strdup_printf ("%sv1/centres/%s/changes", url, kiosk->centre_id);
  g_autofree char *bearer = g_strconcat ("Bearer ", kiosk->token, NULL);
  g_autofree char *version = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);
  SoupMessage *msg = soup_message_new ("POST", uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, YI_SYNC_PROTOCOL_HEADER, version);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_message_set_request_body_from_bytes (msg, "application/json", kiosk->body);
  g_object_set_data (G_OBJECT (msg), "kiosk", kiosk);
  g_object_set_data (G_OBJECT (msg), "morning", morning);
  g_signal_connect (msg, "starting", G_CALLBACK (on_starting), kiosk);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_answer, NULL);
}

/* Each kiosk is its own client.  libsoup walks a session's whole queue,
 * and GLib a context's every source, at each step: thousands of requests
 * in one session or one thread would measure this process rather than the
 * district, so they are spread over threads and small sessions. */
static gpointer
send_morning (gpointer data)
{
  Morning *morning = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = 0;

  g_main_context_push_thread_default (context);
  morning->loop = g_main_loop_new (context, FALSE);
  for (guint k = morning->first; k < morning->n_kiosks; k += morning->step)
    {
      if (n % KIOSKS_PER_SESSION == 0)
        g_ptr_array_add (sessions, soup_session_new_with_options ("max-conns", KIOSKS_PER_SESSION,
                                                                  "max-conns-per-host", KIOSKS_PER_SESSION,
                                                                  "timeout", 120, NULL));
      morning->pending++;
      send_push (g_ptr_array_index (sessions, sessions->len - 1), morning->url, &morning->kiosks[k], morning);
      n++;
    }
  if (morning->pending > 0)
    g_main_loop_run (morning->loop);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  g_main_loop_unref (morning->loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

int
main (int argc, char **argv)
{
  guint n_kiosks = argc > 1 ? (guint) atoi (argv[1]) : 3000;
  guint n_centres = argc > 2 ? (guint) atoi (argv[2]) : 100;
  guint n_records = argc > 3 ? (guint) atoi (argv[3]) : 100;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-bench-district-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "district.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) server = NULL;
  Morning morning[CLIENT_THREADS] = { { 0, } };
  GThread *threads[CLIENT_THREADS];
  guint accepted = 0, failures = 0, logged = 0, logged_distinct = 0;
  g_autofree double *latency = NULL;
  Kiosk *kiosks;
  gint64 start;
  double seconds, server_cpu;

  setlocale (LC_ALL, "");
  n_kiosks = CLAMP (n_kiosks, 1, 10000);
  n_centres = CLAMP (n_centres, 1, n_kiosks);
  n_records = CLAMP (n_records, 2, 500);
  start = g_get_monotonic_time ();
  kiosks = enrol_city (db_path, n_kiosks, n_centres, n_records);
  g_printerr ("# %u kiosks in %u centres enrolled, %u records each, in %.1f s\n",
              n_kiosks, n_centres, n_records, (g_get_monotonic_time () - start) / 1e6);

  server = yi_test_spawn_url (&url, yi_test_program ("YI_DISTRICT"), "--db", db_path, "--listen", "127.0.0.1:0", NULL);
  if (server == NULL)
    g_error ("the district server did not start");
  /* Every kiosk on its own connection, all at once: a socket each here and
   * at the district, past the usual soft limit of 1024 open files. */
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
      {
        limit.rlim_cur = limit.rlim_max;
        setrlimit (RLIMIT_NOFILE, &limit);
      }
    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < n_kiosks + 64)
      g_printerr ("# only %lu open files allowed; some kiosks will wait for a connection\n", (unsigned long) limit.rlim_cur);
  }
  start = g_get_monotonic_time ();
  for (guint t = 0; t < CLIENT_THREADS; t++)
    {
      morning[t].url = url;
      morning[t].kiosks = kiosks;
      morning[t].n_kiosks = n_kiosks;
      morning[t].first = t;
      morning[t].step = CLIENT_THREADS;
      threads[t] = g_thread_new ("kiosks", send_morning, &morning[t]);
    }
  for (guint t = 0; t < CLIENT_THREADS; t++)
    {
      g_thread_join (threads[t]);
      accepted += morning[t].accepted;
      failures += morning[t].failures;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  server_cpu = yi_bench_process_cpu_ms (g_subprocess_get_identifier (server)) / 1000;

  latency = g_new (double, n_kiosks);
  for (guint k = 0; k < n_kiosks; k++)
    latency[k] = kiosks[k].latency_ms;
  g_printerr ("# %u of %u records accepted, %u kiosks failed\n", accepted, n_kiosks * n_records, failures);
  yi_bench_print ("district_morning", seconds, "s");
  yi_bench_print ("district_ingest_records_per_s", accepted / seconds, "records/s");
  yi_bench_print_spread ("district_request_latency", latency, n_kiosks, "ms");
  yi_bench_print ("district_server_cpu", server_cpu, "s");
  yi_bench_print ("district_failed_requests", failures, "requests");

  yi_test_kill (server);
  /* Every accepted record is in the log exactly once. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2 (db, "SELECT count(*), count(DISTINCT change_id) FROM changes WHERE origin_device IS NOT NULL",
                            -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      {
        logged = (guint) sqlite3_column_int64 (stmt, 0);
        logged_distinct = (guint) sqlite3_column_int64 (stmt, 1);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_printerr ("# %u records in the district's log, %u distinct\n", logged, logged_distinct);
  }
  for (guint k = 0; k < n_kiosks; k++)
    kiosk_clear (&kiosks[k]);
  g_free (kiosks);
  yi_bench_remove_dir (dir);
  return failures == 0 && accepted == n_kiosks * n_records &&
         logged == accepted && logged_distinct == accepted ? 0 : 1;
}
