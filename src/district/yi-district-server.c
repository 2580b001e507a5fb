#include "config.h"

#include "yi-district-server.h"
#include "yi-district-handler.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

struct _YiDistrictServer
{
  GObject       parent_instance;

  SoupServer   *server;
  YiDistrictDb *db;
  YiDistrictWriter *writer;
  gboolean      tls;
  gboolean      shutting_down;
  guint         in_flight;     /* requests read whose answers are not yet sent */
  gint64        shutdown_deadline;
  GSourceFunc   done;
  gpointer      done_data;
};

G_DEFINE_TYPE (YiDistrictServer, yi_district_server, G_TYPE_OBJECT)

static void
yi_district_server_dispose (GObject *object)
{
  YiDistrictServer *self = (YiDistrictServer *) object;

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Stores what was queued and brings the centres' copies up to the log. */
  g_clear_pointer (&self->writer, yi_district_writer_free);
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

static void
request_from_message (SoupServerMessage *msg,
                      YiDistrictRequest *req)
{
  GUri *uri = soup_server_message_get_uri (msg);

  req->method = soup_server_message_get_method (msg);
  req->path = g_uri_get_path (uri);
  req->query = g_uri_get_query (uri);
  req->headers = soup_server_message_get_request_headers (msg);
  req->peer = soup_server_message_get_remote_host (msg);
}

static void
send_response (SoupServerMessage  *msg,
               YiDistrictResponse *resp)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, resp->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
  soup_server_message_set_status (msg, resp->status, NULL);
  value = soup_message_headers_get_one (resp->headers, "Content-Type");
  soup_server_message_set_response (msg, value != NULL ? value : "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (resp->body, NULL),
                                    g_bytes_get_size (resp->body));
}

static void
answer_later (YiDistrictResponse *resp,
              gpointer            user_data)
{
  SoupServerMessage *msg = user_data;

  /* A kiosk that hung up meanwhile resends the same batch and gets the
   * stored answer. */
  if (g_object_get_data (G_OBJECT (msg), "yi-gone") == NULL)
    {
      send_response (msg, resp);
      soup_server_message_unpause (msg);
    }
  yi_district_response_free (resp);
  g_object_unref (msg);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  YiDistrictServer *self = user_data;
  YiDistrictRequest req = { 0 };
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(YiDistrictResponse) resp = NULL;

  request_from_message (msg, &req);
  req.body = body;
  resp = yi_district_handle_deferred (self->db, self->writer, &req, self->shutting_down,
                                      answer_later, g_object_ref (msg));
  if (resp == NULL)
    {
      soup_server_message_pause (msg);
      return;
    }
  g_object_unref (msg);
  send_response (msg, resp);
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
      YiDistrictRequest req = { 0 };
      g_autoptr(YiDistrictResponse) resp = NULL;

      yi_sync_set_error (&error, YI_SYNC_ERROR_TOO_LARGE, _("The request is larger than %d MiB; send fewer changes at once"),
            YI_DISTRICT_MAX_BODY / (1024 * 1024));
      request_from_message (msg, &req);
      resp = yi_district_response_for_error (&req, error);
      soup_message_headers_replace (resp->headers, "Connection", "close");
      send_response (msg, resp);
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

static void
on_request_aborted (SoupServer        *server,
                    SoupServerMessage *msg,
                    YiDistrictServer  *self)
{
  g_object_set_data (G_OBJECT (msg), "yi-gone", GINT_TO_POINTER (1));
  on_request_done (server, msg, self);
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
  g_signal_connect (self->server, "request-aborted", G_CALLBACK (on_request_aborted), self);
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
  g_autoptr(GSocket) socket = NULL;
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
  if (self->writer == NULL && (self->writer = yi_district_writer_new (self->db, error)) == NULL)
    return NULL;
  sockaddr = g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (parsed)));
  /* The default backlog of 10 turns away kiosks that connect at the same
   * moment (a centre opening, a city's morning); the kernel caps it. */
  socket = g_socket_new (g_socket_address_get_family (sockaddr), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket != NULL)
    g_socket_set_listen_backlog (socket, 4096);
  if (socket == NULL || !g_socket_bind (socket, sockaddr, TRUE, error) || !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->server, socket, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
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
