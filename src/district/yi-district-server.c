#include "config.h"

#include "yi-district-server.h"
#include "yi-district-handler.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>
#include <errno.h>

/* Requests are served by several threads, each with its own main context
 * and its own SoupServer listening on the same port (SO_REUSEPORT; the
 * kernel spreads new connections over them): a main context walks all of
 * its sources at every turn, and with thousands of kiosks connected one
 * context spent more time walking than answering.  Pushes from all threads
 * meet in the one writer thread (group commit). */
typedef struct {
  YiDistrictServer *owner;
  SoupServer       *server;
  GMainContext     *context;
  GMainLoop        *loop;
  GThread          *thread;
} Worker;

struct _YiDistrictServer
{
  GObject       parent_instance;

  GPtrArray    *workers;       /* Worker */
  GMutex        handle_lock;   /* one request at a time uses the database connection
                                (let go while a push's body is read) */
  YiDistrictDb *db;
  YiDistrictWriter *writer;
  gboolean      tls;
  gboolean      stopped;
  gint          shutting_down; /* atomic */
  gint          in_flight;     /* atomic: requests read whose answers are not yet sent */
  gint64        shutdown_deadline;
  GSourceFunc   done;
  gpointer      done_data;
};

G_DEFINE_TYPE (YiDistrictServer, yi_district_server, G_TYPE_OBJECT)

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;

  g_main_context_push_thread_default (worker->context);
  g_main_loop_run (worker->loop);
  g_main_context_pop_thread_default (worker->context);
  return NULL;
}

static gboolean
worker_stop (gpointer data)
{
  Worker *worker = data;

  soup_server_disconnect (worker->server);
  g_main_loop_quit (worker->loop);
  return G_SOURCE_REMOVE;
}

static void
worker_free (gpointer data)
{
  Worker *worker = data;

  g_clear_object (&worker->server);
  g_main_loop_unref (worker->loop);
  g_main_context_unref (worker->context);
  g_free (worker);
}

/* Closes every connection, each in its own thread, and ends the threads. */
static void
stop_workers (YiDistrictServer *self)
{
  if (self->stopped)
    return;
  self->stopped = TRUE;
  for (guint i = 0; i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      if (worker->thread == NULL)
        soup_server_disconnect (worker->server);
      else
        {
          g_main_context_invoke (worker->context, worker_stop, worker);
          g_thread_join (g_steal_pointer (&worker->thread));
        }
    }
}

static void
yi_district_server_dispose (GObject *object)
{
  YiDistrictServer *self = (YiDistrictServer *) object;

  if (self->workers != NULL)
    {
      stop_workers (self);
      g_clear_pointer (&self->workers, g_ptr_array_unref);
    }
  /* Stores what was queued and brings the centres' copies up to the log. */
  g_clear_pointer (&self->writer, yi_district_writer_free);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (yi_district_server_parent_class)->dispose (object);
}

static void
yi_district_server_finalize (GObject *object)
{
  YiDistrictServer *self = (YiDistrictServer *) object;

  g_mutex_clear (&self->handle_lock);
  G_OBJECT_CLASS (yi_district_server_parent_class)->finalize (object);
}

static void
yi_district_server_class_init (YiDistrictServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = yi_district_server_dispose;
  G_OBJECT_CLASS (klass)->finalize = yi_district_server_finalize;
}

static void
yi_district_server_init (YiDistrictServer *self)
{
  g_mutex_init (&self->handle_lock);
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
  g_mutex_lock (&self->handle_lock);
  resp = yi_district_handle_locked (self->db, &self->handle_lock, self->writer, &req,
                                    g_atomic_int_get (&self->shutting_down), answer_later, g_object_ref (msg));
  g_mutex_unlock (&self->handle_lock);
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
  g_atomic_int_inc (&self->in_flight);
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
      g_atomic_int_add (&self->in_flight, -1);
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

static guint
n_workers (void)
{
  return CLAMP (g_get_num_processors () * 2, 4, 16);
}

YiDistrictServer *
yi_district_server_new (YiDistrictDb    *db,
                        GTlsCertificate *certificate)
{
  YiDistrictServer *self = g_object_new (YI_TYPE_DISTRICT_SERVER, NULL);

  self->db = g_object_ref (db);
  self->tls = certificate != NULL;
  self->workers = g_ptr_array_new_with_free_func (worker_free);
  for (guint i = 0, n = n_workers (); i < n; i++)
    {
      Worker *worker = g_new0 (Worker, 1);

      worker->owner = self;
      worker->context = g_main_context_new ();
      worker->loop = g_main_loop_new (worker->context, FALSE);
      /* The server's sources go to the context that is the thread's
       * default when it listens and accepts: the worker's. */
      g_main_context_push_thread_default (worker->context);
      worker->server = soup_server_new ("server-header", "yiyang-district/" PACKAGE_VERSION " ",
                                        certificate ? "tls-certificate" : NULL, certificate,
                                        NULL);
      g_main_context_pop_thread_default (worker->context);
      soup_server_add_early_handler (worker->server, NULL, handle_early, self, NULL);
      soup_server_add_handler (worker->server, NULL, handle_request, self, NULL);
      g_signal_connect (worker->server, "request-read", G_CALLBACK (on_request_read), self);
      g_signal_connect (worker->server, "request-finished", G_CALLBACK (on_request_done), self);
      g_signal_connect (worker->server, "request-aborted", G_CALLBACK (on_request_aborted), self);
      g_ptr_array_add (self->workers, worker);
    }
  return self;
}

/* A listening socket on @sockaddr that shares its port with the others. */
static GSocket *
listening_socket (GSocketAddress  *sockaddr,
                  GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (sockaddr), G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  struct sockaddr_storage native;

  if (socket == NULL)
    return NULL;
  /* The default backlog of 10 turns away kiosks that connect at the same
   * moment (a centre opening, a city's morning); the kernel caps it. */
  g_socket_set_listen_backlog (socket, 4096);
  /* Bound by hand: g_socket_bind() turns SO_REUSEPORT off again. */
  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
      !g_socket_address_to_native (sockaddr, &native, sizeof native, error))
    return NULL;
  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, g_socket_address_get_native_size (sockaddr)) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return NULL;
    }
  if (!g_socket_listen (socket, error))
    return NULL;
  return g_steal_pointer (&socket);
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
  if (self->writer == NULL && (self->writer = yi_district_writer_new (self->db, error)) == NULL)
    return NULL;
  sockaddr = g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (parsed)));
  /* The threads' sockets share their port, and would share it with any
   * other server of the same user on it: find such a one first. */
  if (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sockaddr)) != 0)
    {
      g_autoptr(GSocket) probe = g_socket_new (g_socket_address_get_family (sockaddr), G_SOCKET_TYPE_STREAM,
                                               G_SOCKET_PROTOCOL_TCP, error);

      if (probe == NULL || !g_socket_bind (probe, sockaddr, TRUE, error))
        {
          g_prefix_error (error, _("Cannot listen on %s: "), address);
          return NULL;
        }
    }
  for (guint i = 0; i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);
      g_autoptr(GSocket) socket = listening_socket (sockaddr, error);
      gboolean ok;

      if (socket == NULL)
        {
          g_prefix_error (error, _("Cannot listen on %s: "), address);
          return NULL;
        }
      if (i == 0)
        {
          /* Port 0: the others take the port the first one got. */
          g_autoptr(GSocketAddress) bound = g_socket_get_local_address (socket, error);

          if (bound == NULL)
            return NULL;
          g_object_unref (sockaddr);
          sockaddr = g_steal_pointer (&bound);
        }
      g_main_context_push_thread_default (worker->context);
      ok = soup_server_listen_socket (worker->server, socket, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
      g_main_context_pop_thread_default (worker->context);
      if (!ok)
        {
          g_prefix_error (error, _("Cannot listen on %s: "), address);
          return NULL;
        }
    }
  uris = soup_server_get_uris (((Worker *) self->workers->pdata[0])->server);
  if (uris != NULL)
    url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  for (guint i = 0; i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      if (worker->thread == NULL)
        worker->thread = g_thread_new ("district-http", worker_run, worker);
    }
  return url;
}

static gboolean
shutdown_tick (gpointer user_data)
{
  YiDistrictServer *self = user_data;

  guint in_flight = (guint) g_atomic_int_get (&self->in_flight);

  if (in_flight > 0 && g_get_monotonic_time () < self->shutdown_deadline)
    return G_SOURCE_CONTINUE;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "Stopped (%u requests unfinished)", in_flight,
                    "YIYANG_UNFINISHED", "%u", in_flight);
  stop_workers (self);
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
  if (g_atomic_int_get (&self->shutting_down))
    return;
  g_atomic_int_set (&self->shutting_down, TRUE);
  self->done = done;
  self->done_data = user_data;
  self->shutdown_deadline = g_get_monotonic_time () + (gint64) grace_ms * 1000;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "Stopping: finishing %u requests in progress", (guint) g_atomic_int_get (&self->in_flight));
  g_timeout_add (20, shutdown_tick, self);
}
