#include "config.h"

#include "yi-district-handler.h"
#include "yi-sync-reader.h"
#include "yi-district-reports.h"

#include <glib/gstdio.h>
#include "yi-district-private.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  const char *route;
  const char *centre_id;
  const char *device_id;
  guint       changes;
} RequestLog;

/* How a push is stored: at once on the request's own connection, or by
 * the server's writer thread together with other pushes. */
typedef struct {
  YiDistrictWriter *writer;
  YiDistrictAnswer  answer;
  gpointer          user_data;
  gboolean          deferred;   /* the answer comes later, through answer */
  GMutex           *db_lock;    /* held, or NULL: let go while reading a body */
} Deferral;

YiDistrictResponse *
yi_district_response_new (void)
{
  YiDistrictResponse *resp = g_new0 (YiDistrictResponse, 1);

  resp->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  return resp;
}

void
yi_district_response_free (YiDistrictResponse *resp)
{
  if (resp == NULL)
    return;
  soup_message_headers_unref (resp->headers);
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_free (resp);
}

/* A request value fit to quote in an answer and the log: short printable
 * ASCII (a protocol number, an encoding name), otherwise left out, so a
 * token or personal data sent in the wrong place is never echoed. */
static const char *
quotable (const char *value)
{
  gsize len = strlen (value);

  if (len > 16)
    return "…";
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isprint (value[i]))
      return "…";
  return value;
}

/* A message for the log with every run of six or more digits cut out: an
 * error about a malformed body may quote what the body held, and an ID
 * number or phone number sent in the wrong place must not reach the log. */
static char *
scrub_digits (const char *message)
{
  GString *out = g_string_new (NULL);
  const char *p = message;

  while (*p)
    {
      gsize run = strspn (p, "0123456789");

      if (run >= 6)
        g_string_append (out, "…");
      else
        g_string_append_len (out, p, (gssize) run);
      p += run;
      if (*p)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static const char *
request_header (const YiDistrictRequest *req,
                const char              *name)
{
  return req->headers ? soup_message_headers_get_one (req->headers, name) : NULL;
}

static gboolean
accepts_gzip (const YiDistrictRequest *req)
{
  const char *accept = req->headers ? soup_message_headers_get_list (req->headers, "Accept-Encoding") : NULL;

  return accept != NULL && soup_header_contains (accept, "gzip");
}

static void
respond_json_packed (gboolean                 gzip,
                     YiDistrictResponse      *resp,
                     guint                    status,
                     char                    *json)  /* takes */
{
  g_autoptr(GBytes) plain = g_bytes_new_take (json, strlen (json));
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *now = yi_district_now ();
  g_autofree char *version = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);

  /* Every answer says which protocol and what time it is here, so kiosks
   * can tell staff when their clock is wrong. */
  soup_message_headers_replace (resp->headers, YI_SYNC_PROTOCOL_HEADER, version);
  soup_message_headers_replace (resp->headers, YI_SYNC_SERVER_TIME_HEADER, now);
  soup_message_headers_replace (resp->headers, "Cache-Control", "no-store");
  if (g_bytes_get_size (plain) > 256 && gzip)
    packed = yi_sync_gzip (plain);
  if (packed != NULL)
    soup_message_headers_replace (resp->headers, "Content-Encoding", "gzip");
  else
    soup_message_headers_remove (resp->headers, "Content-Encoding");
  soup_message_headers_replace (resp->headers, "Vary", "Accept-Encoding");
  resp->status = status;
  g_clear_pointer (&resp->body, g_bytes_unref);
  resp->body = g_bytes_ref (packed ? packed : plain);
}

static void
respond_json (const YiDistrictRequest *req,
              YiDistrictResponse      *resp,
              guint                    status,
              char                    *json)  /* takes */
{
  respond_json_packed (accepts_gzip (req), resp, status, json);
}

static void
respond_error_packed (gboolean                 gzip,
                      YiDistrictResponse      *resp,
                      const GError            *error)
{
  YiSyncError code = YI_SYNC_ERROR_SERVER;
  g_autofree char *now = yi_district_now ();

  if (error->domain == YI_SYNC_ERROR)
    code = error->code;
  else if (g_error_matches (error, YI_STORE_ERROR, YI_STORE_ERROR_BUSY))
    code = YI_SYNC_ERROR_UNAVAILABLE;
  if (code == YI_SYNC_ERROR_UNAVAILABLE)
    soup_message_headers_replace (resp->headers, "Retry-After", "5");
  respond_json_packed (gzip, resp, yi_sync_error_http_status (code), yi_sync_error_to_json (code, error->message, now));
}

static void
respond_error (const YiDistrictRequest *req,
               YiDistrictResponse      *resp,
               const GError            *error)
{
  respond_error_packed (accepts_gzip (req), resp, error);
}

YiDistrictResponse *
yi_district_response_for_error (const YiDistrictRequest *req,
                                const GError            *error)
{
  YiDistrictResponse *resp = yi_district_response_new ();

  respond_error (req, resp, error);
  return resp;
}

/* The request body, gunzipped if the client said so; never more than
 * YI_DISTRICT_MAX_BODY bytes, so a small bomb cannot fill memory. */
static GBytes *
read_body (const YiDistrictRequest  *req,
           GError                  **error)
{
  const char *encoding = request_header (req, "Content-Encoding");
  g_autoptr(GBytes) raw = req->body ? g_bytes_ref (req->body) : g_bytes_new_static ("", 0);
  g_autoptr(GZlibDecompressor) gz = NULL;
  g_autoptr(GInputStream) mem = NULL;
  g_autoptr(GInputStream) conv = NULL;
  g_autoptr(GByteArray) out = NULL;
  guchar buf[16384];
  gssize n;

  if (g_bytes_get_size (raw) > YI_DISTRICT_MAX_BODY)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_TOO_LARGE, _("The request is larger than %d MiB; send fewer changes at once"),
            YI_DISTRICT_MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0)
    return g_steal_pointer (&raw);
  if (g_ascii_strcasecmp (encoding, "gzip") != 0)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body's encoding “%s” is not supported (use gzip or none)"), quotable (encoding));
      return NULL;
    }

  gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  mem = g_memory_input_stream_new_from_bytes (raw);
  conv = g_converter_input_stream_new (mem, G_CONVERTER (gz));
  out = g_byte_array_new ();
  while ((n = g_input_stream_read (conv, buf, sizeof buf, NULL, NULL)) > 0)
    {
      if (out->len + (gsize) n > YI_DISTRICT_MAX_BODY)
        {
          yi_sync_set_error (error, YI_SYNC_ERROR_TOO_LARGE, _("The request unpacks to more than %d MiB; send fewer changes at once"),
                YI_DISTRICT_MAX_BODY / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (out, buf, (guint) n);
    }
  if (n < 0)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body says it is gzip-compressed but cannot be unpacked"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
check_protocol (const YiDistrictRequest  *req,
                GError                  **error)
{
  const char *version = request_header (req, YI_SYNC_PROTOCOL_HEADER);
  g_autofree char *expected = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);

  if (version == NULL)
    return yi_sync_set_error (error, YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
                 _("The request does not say which protocol version it speaks (header %s); "
                   "this district speaks version %d"), YI_SYNC_PROTOCOL_HEADER, YI_SYNC_PROTOCOL_VERSION);
  if (strcmp (version, expected) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
                 _("Protocol version “%s” is not supported; this district speaks version %d. "
                   "Update the kiosk or the district server so that they match"),
                 quotable (version), YI_SYNC_PROTOCOL_VERSION);
  return TRUE;
}

static YiDistrictDevice *
authenticate (YiDistrictDb             *db,
              const YiDistrictRequest  *req,
              GError                  **error)
{
  const char *auth = request_header (req, "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_UNAUTHORIZED,
            _("The request carries no device token (Authorization: Bearer …); enrol the device first"));
      return NULL;
    }
  return yi_district_db_authenticate (db, auth + 7, error);
}

static gboolean
handle_enrol (YiDistrictDb             *db,
              const YiDistrictRequest  *req,
              YiDistrictResponse       *resp,
              RequestLog               *log,
              GError                  **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(YiSyncEnrolRequest) enrol = NULL;
  g_autoptr(YiSyncEnrolResponse) enrolled = NULL;

  if (strcmp (req->method, "POST") != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("Enrolment takes a POST request"));
  if ((body = read_body (req, error)) == NULL)
    return FALSE;
  enrol = yi_sync_enrol_request_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
  if (enrol == NULL)
    return FALSE;
  enrolled = yi_district_db_enrol (db, enrol, error);
  if (enrolled == NULL)
    return FALSE;
  log->device_id = g_intern_string (enrolled->device_id);
  log->centre_id = g_intern_string (enrolled->centre_id);
  respond_json (req, resp, 200, yi_sync_enrol_response_to_json (enrolled));
  return TRUE;
}

/* One line per request for the journal: never the token, the body or an
 * ID number, only what an operator needs to follow a device's traffic. */
static void
log_request (const char       *method,
             const char       *peer,
             const RequestLog *log,
             guint             status,
             const GError     *error,
             gint64            started)
{
  g_autofree char *why = error ? scrub_digits (error->message) : NULL;

  g_log_structured (G_LOG_DOMAIN, error ? G_LOG_LEVEL_MESSAGE : G_LOG_LEVEL_INFO,
                    "MESSAGE", "%s %s → %u%s%s", quotable (method), log->route,
                    status, why ? ": " : "", why ? why : "",
                    "YIYANG_ROUTE", log->route,
                    "YIYANG_STATUS", "%u", status,
                    "YIYANG_CENTRE", log->centre_id ? log->centre_id : "",
                    "YIYANG_DEVICE", log->device_id ? log->device_id : "",
                    "YIYANG_CHANGES", "%u", log->changes,
                    "YIYANG_DURATION_MS", "%" G_GINT64_FORMAT, (g_get_monotonic_time () - started) / 1000,
                    "YIYANG_PEER", "%s", peer ? peer : "");
}

/* A push handed to the writer thread, waiting for its commit. */
typedef struct {
  YiDistrictResponse *resp;
  gboolean            gzip;
  char               *method;
  char               *peer;
  RequestLog          log;
  gint64              started;
  YiDistrictAnswer    answer;
  gpointer            user_data;
} PendingPush;

static void
push_stored (YiDistrictPush *push,
             gpointer        user_data)
{
  PendingPush *pending = user_data;

  if (push->response != NULL)
    respond_json_packed (pending->gzip, pending->resp, 200, yi_sync_push_response_to_json (push->response));
  else
    respond_error_packed (pending->gzip, pending->resp, push->error);
  log_request (pending->method, pending->peer, &pending->log, pending->resp->status, push->error, pending->started);
  pending->answer (pending->resp, pending->user_data);
  yi_district_push_free (push);
  g_free (pending->method);
  g_free (pending->peer);
  g_free (pending);
}

static gboolean
handle_push (YiDistrictDb             *db,
             const YiDistrictRequest  *req,
             YiDistrictResponse       *resp,
             YiDistrictDevice         *device,
             RequestLog               *log,
             Deferral                 *deferral,
             GError                  **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(YiSyncPushRequest) push = NULL;
  g_autoptr(YiSyncPushResponse) results = NULL;
  GMutex *db_lock = deferral != NULL ? deferral->db_lock : NULL;

  /* Unpacking and reading the body is most of a push's work here and
   * needs no database: other threads may use it meanwhile. */
  if (db_lock != NULL)
    g_mutex_unlock (db_lock);
  if ((body = read_body (req, error)) != NULL)
    push = yi_sync_push_request_scan (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
  if (db_lock != NULL)
    g_mutex_lock (db_lock);
  if (push == NULL)
    return FALSE;
  if (strcmp (push->device_id, device->device_id) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_FORBIDDEN,
                 _("A device may send only its own changes (the batch names another device)"));
  log->changes = push->changes->len;
  if (deferral != NULL && deferral->writer != NULL)
    {
      PendingPush *pending = g_new0 (PendingPush, 1);

      pending->resp = resp;
      pending->gzip = accepts_gzip (req);
      pending->method = g_strdup (req->method);
      pending->peer = g_strdup (req->peer);
      pending->log = *log;
      pending->started = g_get_monotonic_time ();
      pending->answer = deferral->answer;
      pending->user_data = deferral->user_data;
      deferral->deferred = TRUE;
      yi_district_writer_push (deferral->writer,
                               yi_district_push_new (device->centre_id, device->device_id, push->batch_id, push->changes),
                               push_stored, pending);
      return TRUE;
    }
  results = yi_district_db_push (db, device->centre_id, device->device_id, push->batch_id, push->changes, error);
  if (results == NULL)
    return FALSE;
  respond_json (req, resp, 200, yi_sync_push_response_to_json (results));
  return TRUE;
}

static gboolean
parse_query_int (GHashTable  *params,
                 const char  *name,
                 gint64       fallback,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  const char *text = params ? g_hash_table_lookup (params, name) : NULL;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, 0, max, out, NULL))
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED,
                   _("The parameter “%s” must be a whole number from 0 to %s"), name, max_text);
    }
  return TRUE;
}

static gboolean
handle_pull (YiDistrictDb             *db,
             const YiDistrictRequest  *req,
             YiDistrictResponse       *resp,
             YiDistrictDevice         *device,
             RequestLog               *log,
             GError                  **error)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(YiSyncPullResponse) page = NULL;
  gint64 since, limit;

  if (req->query != NULL &&
      (params = g_uri_parse_params (req->query, -1, "&", G_URI_PARAMS_NONE, NULL)) == NULL)
    return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The query string cannot be read"));
  if (!parse_query_int (params, "since", 0, G_MAXINT64, &since, error) ||
      !parse_query_int (params, "limit", 500, YI_SYNC_MAX_PAGE, &limit, error))
    return FALSE;
  page = yi_district_db_pull (db, device->centre_id, device->device_id, since, (guint) limit, error);
  if (page == NULL)
    return FALSE;
  log->changes = page->changes->len;
  respond_json (req, resp, 200, yi_sync_pull_response_to_json (page));
  return TRUE;
}

/* GET /v1/centres/{centre}/report?from=&to=&format=json|csv|xlsx|pdf: the
 * centre's statistics as the district counts them, by the same core code
 * the kiosk's staff mode uses. */
static gboolean
handle_report (YiDistrictDb             *db,
               const YiDistrictRequest  *req,
               YiDistrictResponse       *resp,
               YiDistrictDevice         *device,
               GError                  **error)
{
  static const struct { const char *name; const char *type; } types[] = {
    { "csv", "text/csv; charset=utf-8" },
    { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { "pdf", "application/pdf" },
  };
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(YiReport) report = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *from, *to, *format;
  YiReportFormat report_format;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *disposition = NULL;
  gsize len = 0;

  if (strcmp (req->method, "GET") != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("Reports are read with GET"));
  if (req->query == NULL ||
      (params = g_uri_parse_params (req->query, -1, "&", G_URI_PARAMS_NONE, NULL)) == NULL)
    return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD"));
  from = g_hash_table_lookup (params, "from");
  to = g_hash_table_lookup (params, "to");
  format = g_hash_table_lookup (params, "format");
  if (format == NULL)
    format = "json";
  if (from == NULL || to == NULL || !yi_report_period_check (from, to, &local_error))
    return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, "%s",
                              local_error ? local_error->message : _("Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD"));
  if (strcmp (format, "json") != 0 && !yi_report_format_parse (format, &report_format, NULL))
    return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The format is json, csv, xlsx or pdf"));

  report = yi_district_report (db, device->centre_id, from, to, error);
  if (report == NULL)
    return FALSE;
  if (strcmp (format, "json") == 0)
    {
      respond_json (req, resp, 200, yi_report_to_json_string (report));
      return TRUE;
    }

  /* The exporters write files; a private directory holds this one briefly. */
  dir = g_dir_make_tmp (NULL, error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "report", NULL);
  if (!yi_report_export (report, report_format, path, error) ||
      !g_file_get_contents (path, &data, &len, error))
    {
      g_unlink (path);
      g_rmdir (dir);
      return FALSE;
    }
  g_unlink (path);
  g_rmdir (dir);

  resp->status = 200;
  g_clear_pointer (&resp->body, g_bytes_unref);
  resp->body = g_bytes_new_take (g_steal_pointer (&data), len);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (types[i].name, format) == 0)
      soup_message_headers_replace (resp->headers, "Content-Type", types[i].type);
  disposition = g_strdup_printf ("attachment; filename=\"report-%s-%s.%s\"", from, to, format);
  soup_message_headers_replace (resp->headers, "Content-Disposition", disposition);
  soup_message_headers_replace (resp->headers, "Cache-Control", "no-store");
  soup_message_headers_remove (resp->headers, "Content-Encoding");
  return TRUE;
}

static gboolean
route (YiDistrictDb             *db,
       const YiDistrictRequest  *req,
       YiDistrictResponse       *resp,
       RequestLog               *log,
       Deferral                 *deferral,
       GError                  **error)
{
  const char *path = req->path;
  g_autoptr(YiDistrictDevice) device = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean served;

  if (strcmp (path, "/v1/health") == 0)
    {
      g_autofree char *now = yi_district_now ();
      g_autofree char *json = g_strdup_printf ("{\"status\":\"ok\",\"protocol\":%d,\"server_time\":\"%s\"}",
                                               YI_SYNC_PROTOCOL_VERSION, now);
      log->route = "health";
      respond_json (req, resp, 200, g_steal_pointer (&json));
      return TRUE;
    }
  if (!check_protocol (req, error))
    return FALSE;
  if (strcmp (path, "/v1/enrol") == 0)
    {
      log->route = "enrol";
      return handle_enrol (db, req, resp, log, error);
    }

  /* /v1/centres/{centre}/changes and /v1/centres/{centre}/report */
  parts = g_strsplit (path, "/", -1);
  if (g_strv_length (parts) != 5 || *parts[0] != '\0' || strcmp (parts[1], "v1") != 0 ||
      strcmp (parts[2], "centres") != 0 ||
      (strcmp (parts[4], "changes") != 0 && strcmp (parts[4], "report") != 0))
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND,
                 _("There is nothing at this address; the district answers at /v1/health, /v1/enrol "
                   "and /v1/centres/CENTRE-ID/changes"));

  log->route = "changes";
  if ((device = authenticate (db, req, error)) == NULL)
    return FALSE;
  log->device_id = g_intern_string (device->device_id);
  log->centre_id = g_intern_string (device->centre_id);
  if (strcmp (parts[3], device->centre_id) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_FORBIDDEN, _("This device belongs to another centre and may not read or write this one"));
  if (strcmp (parts[4], "report") == 0)
    {
      log->route = "report";
      return handle_report (db, req, resp, device, error);
    }

  if (strcmp (req->method, "POST") == 0)
    {
      log->route = "push";
      served = handle_push (db, req, resp, device, log, deferral, error);
    }
  else if (strcmp (req->method, "GET") == 0)
    {
      log->route = "pull";
      served = handle_pull (db, req, resp, device, log, error);
    }
  else
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("Use GET to receive changes and POST to send them"));
  /* Only served requests count as contact; a push notes it in its own
   * transaction, a pull here (at most once a minute). */
  if (served && strcmp (req->method, "GET") == 0 && !yi_district_db_mark_seen (db, device, NULL))
    g_debug ("Could not note when device %s was last seen", device->device_id);
  return served;
}

static YiDistrictResponse *
handle (YiDistrictDb            *db,
        const YiDistrictRequest *req,
        gboolean                 stopping,
        Deferral                *deferral)
{
  g_autoptr(YiDistrictResponse) resp = yi_district_response_new ();
  g_autoptr(GError) error = NULL;
  RequestLog log = { "unknown", NULL, NULL, 0 };
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (req != NULL && req->method != NULL && req->path != NULL, NULL);

  if (stopping)
    {
      soup_message_headers_replace (resp->headers, "Connection", "close");
      yi_sync_set_error (&error, YI_SYNC_ERROR_UNAVAILABLE, _("The district server is restarting; try again shortly"));
    }
  else
    route (db, req, resp, &log, deferral, &error);

  if (deferral != NULL && deferral->deferred)
    {
      /* Owned by the pending push now. */
      g_steal_pointer (&resp);
      return NULL;
    }
  if (error != NULL)
    respond_error (req, resp, error);
  log_request (req->method, req->peer, &log, resp->status, error, started);
  return g_steal_pointer (&resp);
}

YiDistrictResponse *
yi_district_handle (YiDistrictDb            *db,
                    const YiDistrictRequest *req,
                    gboolean                 stopping)
{
  return handle (db, req, stopping, NULL);
}

YiDistrictResponse *
yi_district_handle_locked (YiDistrictDb            *db,
                           GMutex                  *db_lock,
                           YiDistrictWriter        *writer,
                           const YiDistrictRequest *req,
                           gboolean                 stopping,
                           YiDistrictAnswer         answer,
                           gpointer                 user_data)
{
  Deferral deferral = { writer, answer, user_data, FALSE, db_lock };

  return handle (db, req, stopping, &deferral);
}
