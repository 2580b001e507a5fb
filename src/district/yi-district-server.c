#include "config.h"

#include "yi-district-server.h"
#include "yi-district-private.h"
#include "yi-clock.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

struct _YiDistrictServer
{
  GObject       parent_instance;

  SoupServer   *server;
  YiDistrictDb *db;
  gboolean      tls;
  gboolean      shutting_down;
  guint         in_flight;     /* requests read whose answers are not yet sent */
  gint64        shutdown_deadline;
  GSourceFunc   done;
  gpointer      done_data;
};

G_DEFINE_TYPE (YiDistrictServer, yi_district_server, G_TYPE_OBJECT)

typedef struct {
  const char *route;
  const char *centre_id;
  const char *device_id;
  guint       changes;
} RequestLog;

static void
yi_district_server_dispose (GObject *object)
{
  YiDistrictServer *self = (YiDistrictServer *) object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (yi_district_server_parent_class)->dispose (object);
}

static void
yi_district_server_class_init (YiDistrictServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = yi_district_server_dispose;
}

static void
yi_district_server_init (YiDistrictServer *self)
{
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Accept-Encoding");

  return accept != NULL && soup_header_contains (accept, "gzip");
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              char              *json)  /* takes */
{
  g_autoptr(GBytes) plain = g_bytes_new_take (json, strlen (json));
  g_autoptr(GBytes) packed = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *now = yi_district_now ();
  g_autofree char *version = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);

  /* Every answer says which protocol and what time it is here, so kiosks
   * can tell staff when their clock is wrong. */
  soup_message_headers_replace (headers, YI_SYNC_PROTOCOL_HEADER, version);
  soup_message_headers_replace (headers, YI_SYNC_SERVER_TIME_HEADER, now);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (g_bytes_get_size (plain) > 256 && accepts_gzip (msg))
    packed = yi_sync_gzip (plain);
  if (packed != NULL)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_message_headers_replace (headers, "Vary", "Accept-Encoding");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json",
                                    SOUP_MEMORY_COPY,
                                    g_bytes_get_data (packed ? packed : plain, NULL),
                                    g_bytes_get_size (packed ? packed : plain));
}

static void
respond_error (SoupServerMessage *msg,
               const GError      *error)
{
  YiSyncError code = YI_SYNC_ERROR_SERVER;
  g_autofree char *now = yi_district_now ();

  if (error->domain == YI_SYNC_ERROR)
    code = error->code;
  else if (g_error_matches (error, YI_STORE_ERROR, YI_STORE_ERROR_BUSY))
    code = YI_SYNC_ERROR_UNAVAILABLE;
  if (code == YI_SYNC_ERROR_UNAVAILABLE)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "5");
  respond_json (msg, yi_sync_error_http_status (code), yi_sync_error_to_json (code, error->message, now));
}

/* The request body, gunzipped if the client said so; never more than
 * YI_DISTRICT_MAX_BODY bytes, so a small bomb cannot fill memory. */
static GBytes *
read_body (SoupServerMessage  *msg,
           GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
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
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body's encoding “%s” is not supported (use gzip or none)"), encoding);
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
check_protocol (SoupServerMessage  *msg,
                GError            **error)
{
  const char *version = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      YI_SYNC_PROTOCOL_HEADER);
  g_autofree char *expected = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);

  if (version == NULL)
    return yi_sync_set_error (error, YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
                 _("The request does not say which protocol version it speaks (header %s); "
                   "this district speaks version %d"), YI_SYNC_PROTOCOL_HEADER, YI_SYNC_PROTOCOL_VERSION);
  if (strcmp (version, expected) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
                 _("Protocol version “%s” is not supported; this district speaks version %d. "
                   "Update the kiosk or the district server so that they match"),
                 version, YI_SYNC_PROTOCOL_VERSION);
  return TRUE;
}

static YiDistrictDevice *
authenticate (YiDistrictServer   *self,
              SoupServerMessage  *msg,
              GError            **error)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_UNAUTHORIZED,
            _("The request carries no device token (Authorization: Bearer …); enrol the device first"));
      return NULL;
    }
  return yi_district_db_authenticate (self->db, auth + 7, error);
}

static gboolean
handle_enrol (YiDistrictServer   *self,
              SoupServerMessage  *msg,
              RequestLog         *log,
              GError            **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(YiSyncEnrolRequest) req = NULL;
  g_autoptr(YiSyncEnrolResponse) resp = NULL;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("Enrolment takes a POST request"));
  if ((body = read_body (msg, error)) == NULL)
    return FALSE;
  req = yi_sync_enrol_request_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
  if (req == NULL)
    return FALSE;
  resp = yi_district_db_enrol (self->db, req, error);
  if (resp == NULL)
    return FALSE;
  log->device_id = g_intern_string (resp->device_id);
  log->centre_id = g_intern_string (resp->centre_id);
  respond_json (msg, 200, yi_sync_enrol_response_to_json (resp));
  return TRUE;
}

static gboolean
handle_push (YiDistrictServer   *self,
             SoupServerMessage  *msg,
             YiDistrictDevice   *device,
             RequestLog         *log,
             GError            **error)
{
  g_autoptr(GBytes) body = read_body (msg, error);
  g_autoptr(YiSyncPushRequest) req = NULL;
  g_autoptr(YiSyncPushResponse) resp = NULL;

  if (body == NULL)
    return FALSE;
  req = yi_sync_push_request_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
  if (req == NULL)
    return FALSE;
  if (strcmp (req->device_id, device->device_id) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_FORBIDDEN,
                 _("A device may send only its own changes (the batch names another device)"));
  log->changes = req->changes->len;
  resp = yi_district_db_push (self->db, device->centre_id, device->device_id, req->batch_id, req->changes, error);
  if (resp == NULL)
    return FALSE;
  respond_json (msg, 200, yi_sync_push_response_to_json (resp));
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
handle_pull (YiDistrictServer   *self,
             SoupServerMessage  *msg,
             YiDistrictDevice   *device,
             RequestLog         *log,
             GError            **error)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(YiSyncPullResponse) resp = NULL;
  gint64 since, limit;

  if (query != NULL &&
      (params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL)) == NULL)
    return yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The query string cannot be read"));
  if (!parse_query_int (params, "since", 0, G_MAXINT64, &since, error) ||
      !parse_query_int (params, "limit", 500, YI_SYNC_MAX_PAGE, &limit, error))
    return FALSE;
  if (!yi_district_db_mark_seen (self->db, device, error))
    return FALSE;
  resp = yi_district_db_pull (self->db, device->centre_id, device->device_id, since, (guint) limit, error);
  if (resp == NULL)
    return FALSE;
  log->changes = resp->changes->len;
  respond_json (msg, 200, yi_sync_pull_response_to_json (resp));
  return TRUE;
}

static gboolean
route (YiDistrictServer   *self,
       SoupServerMessage  *msg,
       RequestLog         *log,
       GError            **error)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(YiDistrictDevice) device = NULL;
  g_auto(GStrv) parts = NULL;

  if (strcmp (path, "/v1/health") == 0)
    {
      g_autofree char *now = yi_district_now ();
      g_autofree char *json = g_strdup_printf ("{\"status\":\"ok\",\"protocol\":%d,\"server_time\":\"%s\"}",
                                               YI_SYNC_PROTOCOL_VERSION, now);
      log->route = "health";
      respond_json (msg, 200, g_steal_pointer (&json));
      return TRUE;
    }
  if (!check_protocol (msg, error))
    return FALSE;
  if (strcmp (path, "/v1/enrol") == 0)
    {
      log->route = "enrol";
      return handle_enrol (self, msg, log, error);
    }

  /* /v1/centres/{centre}/changes */
  parts = g_strsplit (path, "/", -1);
  if (g_strv_length (parts) != 5 || *parts[0] != '\0' || strcmp (parts[1], "v1") != 0 ||
      strcmp (parts[2], "centres") != 0 || strcmp (parts[4], "changes") != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("There is nothing at “%s”"), path);

  log->route = "changes";
  if ((device = authenticate (self, msg, error)) == NULL)
    return FALSE;
  log->device_id = g_intern_string (device->device_id);
  log->centre_id = g_intern_string (device->centre_id);
  if (strcmp (parts[3], device->centre_id) != 0)
    return yi_sync_set_error (error, YI_SYNC_ERROR_FORBIDDEN, _("This device belongs to another centre and may not read or write this one"));

  if (strcmp (method, "POST") == 0)
    {
      log->route = "push";
      return handle_push (self, msg, device, log, error);
    }
  if (strcmp (method, "GET") == 0)
    {
      log->route = "pull";
      return handle_pull (self, msg, device, log, error);
    }
  return yi_sync_set_error (error, YI_SYNC_ERROR_NOT_FOUND, _("Use GET to receive changes and POST to send them"));
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  YiDistrictServer *self = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  RequestLog log = { "unknown", NULL, NULL, 0 };
  gint64 started = g_get_monotonic_time ();

  if (self->shutting_down)
    {
      soup_message_headers_replace (headers, "Connection", "close");
      yi_sync_set_error (&error, YI_SYNC_ERROR_UNAVAILABLE, _("The district server is restarting; try again shortly"));
    }
  else
    route (self, msg, &log, &error);

  if (error != NULL)
    respond_error (msg, error);

  /* Never the token, the body or an ID number: only what an operator
   * needs to follow a device's traffic. */
  g_log_structured (G_LOG_DOMAIN, error ? G_LOG_LEVEL_MESSAGE : G_LOG_LEVEL_INFO,
                    "MESSAGE", "%s %s → %u%s%s", soup_server_message_get_method (msg), log.route,
                    soup_server_message_get_status (msg), error ? ": " : "", error ? error->message : "",
                    "YIYANG_ROUTE", log.route,
                    "YIYANG_STATUS", "%u", soup_server_message_get_status (msg),
                    "YIYANG_CENTRE", log.centre_id ? log.centre_id : "",
                    "YIYANG_DEVICE", log.device_id ? log.device_id : "",
                    "YIYANG_CHANGES", "%u", log.changes,
                    "YIYANG_DURATION_MS", "%" G_GINT64_FORMAT, (g_get_monotonic_time () - started) / 1000,
                    "YIYANG_PEER", "%s", soup_server_message_get_remote_host (msg) ?: "");
}

/* Refuses an oversized body before reading it. */
static void
handle_early (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > YI_DISTRICT_MAX_BODY)
    {
      g_autoptr(GError) error = NULL;

      yi_sync_set_error (&error, YI_SYNC_ERROR_TOO_LARGE, _("The request is larger than %d MiB; send fewer changes at once"),
            YI_DISTRICT_MAX_BODY / (1024 * 1024));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error (msg, error);
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                        "MESSAGE", "Refused a %" G_GOFFSET_FORMAT "-byte request", length,
                        "YIYANG_STATUS", "413");
    }
}

static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 YiDistrictServer  *self)
{
  self->in_flight++;
  g_object_set_data (G_OBJECT (msg), "yi-counted", GINT_TO_POINTER (1));
}

static void
on_request_done (SoupServer        *server,
                 SoupServerMessage *msg,
                 YiDistrictServer  *self)
{
  if (g_object_get_data (G_OBJECT (msg), "yi-counted") != NULL)
    {
      g_object_set_data (G_OBJECT (msg), "yi-counted", NULL);
      self->in_flight--;
    }
}

YiDistrictServer *
yi_district_server_new (YiDistrictDb    *db,
                        GTlsCertificate *certificate)
{
  YiDistrictServer *self = g_object_new (YI_TYPE_DISTRICT_SERVER, NULL);

  self->db = g_object_ref (db);
  self->tls = certificate != NULL;
  self->server = soup_server_new ("server-header", "yiyang-district/" PACKAGE_VERSION " ",
                                  certificate ? "tls-certificate" : NULL, certificate,
                                  NULL);
  soup_server_add_early_handler (self->server, NULL, handle_early, self, NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  g_signal_connect (self->server, "request-read", G_CALLBACK (on_request_read), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (on_request_done), self);
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (on_request_done), self);
  return self;
}

char *
yi_district_server_listen (YiDistrictServer  *self,
                           const char        *address,
                           GError           **error)
{
  g_autoptr(GSocketConnectable) parsed = g_network_address_parse (address, 8787, error);
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  const char *host;
  GSList *uris;
  char *url = NULL;

  if (parsed == NULL)
    {
      g_prefix_error (error, _("“%s” is not an address to listen on (HOST:PORT): "), address);
      return NULL;
    }
  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed));
  inet = g_strcmp0 (host, "localhost") == 0 ? g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4)
                                            : g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Listen on an IP address such as 0.0.0.0:8787 or 127.0.0.1:8787, not “%s”"), address);
      return NULL;
    }
  sockaddr = g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (parsed)));
  if (!soup_server_listen (self->server, sockaddr, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    {
      g_prefix_error (error, _("Cannot listen on %s: "), address);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

static gboolean
shutdown_tick (gpointer user_data)
{
  YiDistrictServer *self = user_data;

  if (self->in_flight > 0 && g_get_monotonic_time () < self->shutdown_deadline)
    return G_SOURCE_CONTINUE;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "Stopped (%u requests unfinished)", self->in_flight,
                    "YIYANG_UNFINISHED", "%u", self->in_flight);
  soup_server_disconnect (self->server);
  if (self->done)
    self->done (self->done_data);
  return G_SOURCE_REMOVE;
}

void
yi_district_server_shutdown (YiDistrictServer *self,
                             guint             grace_ms,
                             GSourceFunc       done,
                             gpointer          user_data)
{
  if (self->shutting_down)
    return;
  self->shutting_down = TRUE;
  self->done = done;
  self->done_data = user_data;
  self->shutdown_deadline = g_get_monotonic_time () + (gint64) grace_ms * 1000;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "Stopping: finishing %u requests in progress", self->in_flight);
  g_timeout_add (20, shutdown_tick, self);
}
