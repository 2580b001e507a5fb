#include "config.h"

#include "yi-sync-client.h"
#include "yi-clock.h"
#include "yi-hlc.h"
#include "yi-ids.h"
#include "yi-settings.h"
#include "yi-store-sync.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#define PUSH_BATCH 2000  /* fewer, larger batches: each costs a commit on both sides */
#define PULL_PAGE  1000

struct _YiSyncClient
{
  GObject      parent_instance;

  YiStore     *store;
  SoupSession *session;
  char        *url;       /* ends with '/' */
  char        *centre_id;
  char        *token;
  char        *max_hlc;
  gboolean     skew_known;
  gint64       skew_ms;
};

G_DEFINE_TYPE (YiSyncClient, yi_sync_client, G_TYPE_OBJECT)

static void
yi_sync_client_finalize (GObject *object)
{
  YiSyncClient *self = (YiSyncClient *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->centre_id);
  if (self->token)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->max_hlc);
  G_OBJECT_CLASS (yi_sync_client_parent_class)->finalize (object);
}

static void
yi_sync_client_class_init (YiSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_sync_client_finalize;
}

static void
yi_sync_client_init (YiSyncClient *self)
{
}

char *
yi_sync_token_path (const char *db_path)
{
  return g_strconcat (db_path, ".device-token", NULL);
}

void
yi_sync_status_free (YiSyncStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->server_url);
  g_free (status->centre_id);
  g_free (status->last_success);
  g_free (status->last_attempt);
  g_free (status->last_error);
  g_free (status);
}

YiSyncStatus *
yi_sync_status_load (YiStore *store)
{
  YiSyncStatus *status = g_new0 (YiSyncStatus, 1);
  g_autofree char *token_path = yi_sync_token_path (yi_store_get_path (store));
  g_autofree char *skew = NULL;

  status->server_url = yi_store_get_meta (store, YI_SYNC_META_URL);
  status->centre_id = yi_store_get_meta (store, YI_SYNC_META_CENTRE);
  status->enrolled = status->server_url != NULL && g_file_test (token_path, G_FILE_TEST_EXISTS);
  status->last_success = yi_store_sync_get (store, "last_success_at");
  status->last_attempt = yi_store_sync_get (store, "last_attempt_at");
  status->last_error = yi_store_sync_get (store, "last_error");
  status->revoked = yi_store_sync_get_int (store, "device_revoked", 0) != 0;
  skew = yi_store_sync_get (store, "clock_skew_ms");
  status->skew_known = skew != NULL;
  status->clock_skew_ms = yi_store_sync_get_int (store, "clock_skew_ms", 0);
  status->pending = yi_store_outbox_count_state (store, "pending");
  status->rejected = yi_store_outbox_count_state (store, "rejected");
  status->inbox_failures = yi_store_count (store, "SELECT count(*) FROM sync_inbox_failures", NULL);
  return status;
}

char *
yi_sync_status_describe_skew (const YiSyncStatus *status)
{
  int minutes;

  if (!status->skew_known || ABS (status->clock_skew_ms) <= YI_SYNC_MAX_SKEW_MS)
    return NULL;
  minutes = (int) ((ABS (status->clock_skew_ms) + 30000) / 60000);
  if (status->clock_skew_ms > 0)
    return g_strdup_printf (_("This kiosk's clock is %d minutes ahead of the district's. "
                              "Set the correct time, or records will carry the wrong time."), minutes);
  return g_strdup_printf (_("This kiosk's clock is %d minutes behind the district's. "
                            "Set the correct time, or records will carry the wrong time."), minutes);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) addr = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  addr = g_inet_address_new_from_string (host);
  return addr != NULL && g_inet_address_get_is_loopback (addr);
}

/* The district URL, checked: https, or http only to this machine or when
 * the installer allowed it explicitly (the setting allow-plain-http). */
static char *
checked_url (YiStore     *store,
             const char  *url,
             GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("“%s” is not a web address of a district server (for example https://district.example.cn/)"), url);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (g_ascii_strcasecmp (scheme, "http") != 0)
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                       _("The district address must start with https://"));
          return NULL;
        }
      if (!is_loopback_host (g_uri_get_host (uri)) && !yi_settings_get_boolean (YI_SETTING_ALLOW_PLAIN_HTTP))
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE,
                       _("The district address uses plain http, which would send records unencrypted; "
                         "use https, or, on a private network only, run "
                         "`yiyang-admin config allow-plain-http true`"));
          return NULL;
        }
    }
  return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
}

static SoupSession *
new_session (YiStore  *store,
             GError  **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60,
                                                                  "idle-timeout", 30,
                                                                  "user-agent", "yiyang-kiosk/" PACKAGE_VERSION " ",
                                                                  NULL);
  g_autofree char *ca_file = yi_settings_get_string (YI_SETTING_DISTRICT_CA_FILE);
  g_autoptr(GTlsDatabase) db = NULL;

  if (ca_file != NULL && *ca_file != '\0')
    {
      db = g_tls_file_database_new (ca_file, error);
      if (db == NULL)
        {
          g_prefix_error (error, _("The district's certificate authority file cannot be read: "));
          return NULL;
        }
      soup_session_set_tls_database (session, db);
    }
  /* GLib's TLS backend looks up the process's default database while it
   * sets up each connection, before the session's own applies; left alone,
   * that loads the system's whole trust store (3.5 MiB a kiosk keeps for
   * good).  With an authority of the district's own, that is the only one
   * this process trusts, so it is the default too; without one (NULL),
   * the system's is. */
  g_tls_backend_set_default_database (g_tls_backend_get_default (), db);
  return g_steal_pointer (&session);
}

/* Why a certificate was refused, in words for whoever looks after the kiosk. */
static const char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet; is the kiosk's clock right?");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it was not issued by the district's certificate authority");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was made for another address");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  return _("it cannot be verified");
}

/* Words for staff, whatever language the district answered in. */
static void
explain_error (GError **error)
{
  const char *why = NULL;

  if (error == NULL || *error == NULL || (*error)->domain != YI_SYNC_ERROR)
    return;
  switch ((*error)->code)
    {
    case YI_SYNC_ERROR_REVOKED:
      why = _("The district has switched off this kiosk's access. Records stay safe here; "
              "ask the district office to enrol the kiosk again");
      break;
    case YI_SYNC_ERROR_UNAUTHORIZED:
      why = _("The district does not recognise this kiosk. Enrol it again with a new code from the district office");
      break;
    case YI_SYNC_ERROR_FORBIDDEN:
      why = _("The district refused: this kiosk may only exchange its own centre's records");
      break;
    case YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL:
      why = _("This kiosk's software and the district server do not speak the same version; one of them needs an update");
      break;
    case YI_SYNC_ERROR_UNAVAILABLE:
      why = _("The district server is busy or restarting; the kiosk will try again");
      break;
    default:
      return;
    }
  g_prefix_error (error, "%s (", why);
  {
    char *msg = g_strconcat ((*error)->message, ")", NULL);
    g_free ((*error)->message);
    (*error)->message = msg;
  }
}

static GBytes *
request (YiSyncClient  *self,
         SoupSession   *session,
         const char    *base_url,
         const char    *method,
         const char    *path,
         const char    *body,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree char *uri = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *version = g_strdup_printf ("%d", YI_SYNC_PROTOCOL_VERSION);
  SoupMessageHeaders *headers;
  const char *server_time;
  gint64 sent, received, server_us;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED, _("“%s” is not a valid address"), uri);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, YI_SYNC_PROTOCOL_HEADER, version);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self != NULL && self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
      memset (bearer, 0, strlen (bearer));
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) plain = g_bytes_new (body, strlen (body));
      g_autoptr(GBytes) packed = yi_sync_gzip (plain);

      if (packed == NULL)
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER, _("Compressing the request failed"));
          return NULL;
        }
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_message_set_request_body_from_bytes (msg, "application/json", packed);
    }

  sent = yi_clock_now_us ();
  reply = soup_session_send_and_read (session, msg, cancellable, &local);
  received = yi_clock_now_us ();
  if (reply == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else if (g_error_matches (local, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_INSECURE,
                     _("The district server's certificate is not trusted (%s), so nothing was sent. "
                       "Check the district address and the clock, or set sync_ca_file to the district's CA file"),
                     describe_certificate_errors (soup_message_get_tls_peer_certificate_errors (msg)));
      else
        g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NETWORK,
                     _("The district server cannot be reached: %s"), local->message);
      return NULL;
    }

  server_time = soup_message_headers_get_one (soup_message_get_response_headers (msg), YI_SYNC_SERVER_TIME_HEADER);
  if (self != NULL && server_time != NULL && yi_clock_parse_utc (server_time, &server_us))
    {
      self->skew_ms = ((sent + received) / 2 - server_us) / 1000;
      self->skew_known = TRUE;
    }

  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      if (!yi_sync_error_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error))
        g_set_error (error, YI_SYNC_ERROR, status >= 500 ? YI_SYNC_ERROR_UNAVAILABLE : YI_SYNC_ERROR_SERVER,
                     _("The district server answered HTTP %u %s"), status,
                     soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
      if (self != NULL)
        explain_error (error);
      return NULL;
    }
  return g_steal_pointer (&reply);
}

gboolean
yi_sync_enrol (YiStore       *store,
               const char    *url,
               const char    *code,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *base = checked_url (store, url, error);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(YiSyncEnrolResponse) resp = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token_path = yi_sync_token_path (yi_store_get_path (store));
  YiSyncEnrolRequest req = { (char *) code, (char *) yi_store_get_device_id (store), NULL };

  if (base == NULL || (session = new_session (store, error)) == NULL)
    return FALSE;
  req.device_name = (char *) g_get_host_name ();
  body = yi_sync_enrol_request_to_json (&req);
  if ((reply = request (NULL, session, base, "POST", "v1/enrol", body, cancellable, error)) == NULL)
    return FALSE;
  resp = yi_sync_enrol_response_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error);
  if (resp == NULL)
    return FALSE;

  if (!g_file_set_contents_full (token_path, resp->device_token, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    {
      g_prefix_error (error, _("The device token could not be saved: "));
      return FALSE;
    }
  if (!yi_store_set_meta (store, YI_SYNC_META_URL, base, error) ||
      !yi_store_set_meta (store, YI_SYNC_META_CENTRE, resp->centre_id, error) ||
      !yi_store_sync_set (store, "device_revoked", NULL, error) ||
      !yi_store_sync_set (store, "last_error", NULL, error))
    return FALSE;
  return TRUE;
}

YiSyncClient *
yi_sync_client_new (YiStore  *store,
                    GError  **error)
{
  g_autoptr(YiSyncClient) self = g_object_new (YI_TYPE_SYNC_CLIENT, NULL);
  g_autofree char *url = yi_store_get_meta (store, YI_SYNC_META_URL);
  g_autofree char *token_path = yi_sync_token_path (yi_store_get_path (store));
  g_autoptr(GError) local = NULL;
  gsize len = 0;

  self->store = g_object_ref (store);
  self->centre_id = yi_store_get_meta (store, YI_SYNC_META_CENTRE);
  if (url == NULL || self->centre_id == NULL ||
      !g_file_get_contents (token_path, &self->token, &len, &local))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NOT_ENROLLED,
                   _("This kiosk is not enrolled with a district server yet (yiyang-admin enrol URL CODE)"));
      return NULL;
    }
  g_strstrip (self->token);
  if ((self->url = checked_url (store, url, error)) == NULL ||
      (self->session = new_session (store, error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

const char *
yi_sync_client_get_max_received_hlc (YiSyncClient *self)
{
  return self->max_hlc;
}

/* The batch to send: the one sent last time if it is still unanswered
 * (so a retry carries the same batch id and the same changes and the
 * district can answer it without storing anything twice), else a new one. */
static YiSyncPushRequest *
next_batch (YiSyncClient  *self,
            GError       **error)
{
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_new ();
  g_autofree char *saved = yi_store_sync_get (self->store, "push_batch");
  g_autoptr(GPtrArray) changes = NULL;

  req->device_id = g_strdup (yi_store_get_device_id (self->store));
  if (saved != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (saved, " ", -1);

      if (parts[0] != NULL && parts[1] != NULL &&
          (changes = yi_store_outbox_lookup_pending (self->store, (const char **) parts + 1, NULL)) != NULL)
        {
          req->batch_id = g_strdup (parts[0]);
          g_ptr_array_unref (req->changes);
          req->changes = g_steal_pointer (&changes);
          return g_steal_pointer (&req);
        }
    }

  if ((changes = yi_store_outbox_pending (self->store, PUSH_BATCH, error)) == NULL)
    return NULL;
  g_ptr_array_unref (req->changes);
  req->changes = g_steal_pointer (&changes);
  req->batch_id = yi_uuid_v7_new ();
  if (req->changes->len > 0)
    {
      g_autoptr(GString) record = g_string_new (req->batch_id);

      for (guint i = 0; i < req->changes->len; i++)
        {
          g_string_append_c (record, ' ');
          g_string_append (record, ((YiSyncChange *) g_ptr_array_index (req->changes, i))->change_id);
        }
      if (!yi_store_begin (self->store, error))
        return NULL;
      if (!yi_store_sync_set (self->store, "push_batch", record->str, error))
        {
          yi_store_rollback (self->store);
          return NULL;
        }
      if (!yi_store_outbox_count_attempts (self->store,
                                           ((YiSyncChange *) g_ptr_array_index (req->changes, 0))->seq,
                                           ((YiSyncChange *) g_ptr_array_index (req->changes, req->changes->len - 1))->seq,
                                           error))
        {
          yi_store_rollback (self->store);
          return NULL;
        }
      if (!yi_store_commit (self->store, error))
        return NULL;
    }
  return g_steal_pointer (&req);
}

/* Settles a batch: one statement when the district accepted every change
 * (the usual answer), else one per change. */
static gboolean
settle (YiSyncClient        *self,
        YiSyncPushRequest   *req,
        YiSyncPushResponse  *resp,
        GError             **error)
{
  gboolean all_accepted = resp->results->len == req->changes->len;

  for (guint i = 0; all_accepted && i < resp->results->len; i++)
    {
      YiSyncResult *r = g_ptr_array_index (resp->results, i);
      YiSyncChange *c = g_ptr_array_index (req->changes, i);

      all_accepted = r->status == YI_SYNC_RESULT_ACCEPTED && strcmp (r->change_id, c->change_id) == 0;
    }
  if (all_accepted && req->changes->len > 0)
    return yi_store_outbox_settle_accepted (self->store,
                                            ((YiSyncChange *) g_ptr_array_index (req->changes, 0))->seq,
                                            ((YiSyncChange *) g_ptr_array_index (req->changes, req->changes->len - 1))->seq,
                                            error);
  for (guint i = 0; i < resp->results->len; i++)
    {
      YiSyncResult *r = g_ptr_array_index (resp->results, i);

      if (!yi_store_outbox_settle (self->store, r->change_id, r->status, r->reason, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
push (YiSyncClient  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autofree char *path = g_strdup_printf ("v1/centres/%s/changes", self->centre_id);
  g_autoptr(YiSyncPushRequest) req = next_batch (self, error);

  while (req != NULL)
    {
      g_autoptr(YiSyncPushResponse) resp = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autofree char *body = NULL;

      if (req->changes->len == 0)
        return TRUE;
      body = yi_sync_push_request_to_json (req);
      if ((reply = request (self, self->session, self->url, "POST", path, body, cancellable, error)) == NULL)
        return FALSE;
      resp = yi_sync_push_response_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error);
      if (resp == NULL)
        return FALSE;
      if (g_strcmp0 (resp->batch_id, req->batch_id) != 0)
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                       _("The district answered for a different batch"));
          return FALSE;
        }

      /* The answer and the next batch in one commit: one wait for the
       * disk per batch instead of two. */
      if (!yi_store_begin (self->store, error))
        return FALSE;
      if (!settle (self, req, resp, error) ||
          !yi_store_sync_set (self->store, "push_batch", NULL, error))
        {
          yi_store_rollback (self->store);
          return FALSE;
        }
      g_clear_pointer (&req, yi_sync_push_request_free);
      req = next_batch (self, error);
      if (req == NULL)
        {
          yi_store_rollback (self->store);
          return FALSE;
        }
      if (!yi_store_commit (self->store, error))
        return FALSE;
    }
  return FALSE;
}

static gboolean
apply_page (YiSyncClient        *self,
            YiSyncPullResponse  *page,
            GError             **error)
{
  if (!yi_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < page->changes->len; i++)
    {
      YiSyncChange *change = g_ptr_array_index (page->changes, i);
      g_autoptr(GError) refused = NULL;

      if (!yi_store_sync_savepoint (self->store, error))
        goto fail;
      if (!yi_store_apply_change (self->store, change, NULL, &refused))
        {
          yi_store_sync_release (self->store, TRUE);
          if (g_error_matches (refused, YI_STORE_ERROR, YI_STORE_ERROR_BUSY))
            {
              g_propagate_error (error, g_steal_pointer (&refused));
              goto fail;
            }
          /* Kept and shown to staff; the cursor moves on so one bad
           * change cannot stop every later one from arriving. */
          if (!yi_store_sync_record_failure (self->store, change, refused->message, error))
            goto fail;
          continue;
        }
      yi_store_sync_release (self->store, FALSE);
      if (yi_hlc_compare (change->hlc, self->max_hlc) > 0)
        {
          g_free (self->max_hlc);
          self->max_hlc = g_strdup (change->hlc);
        }
    }
  if (!yi_store_sync_set_int (self->store, "pull_cursor", page->next_cursor, error))
    goto fail;
  return yi_store_commit (self->store, error);

fail:
  yi_store_rollback (self->store);
  return FALSE;
}

static gboolean
pull (YiSyncClient  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gboolean more = TRUE;

  while (more)
    {
      gint64 cursor = yi_store_sync_get_int (self->store, "pull_cursor", 0);
      g_autofree char *path = g_strdup_printf ("v1/centres/%s/changes?since=%" G_GINT64_FORMAT "&limit=%d",
                                               self->centre_id, cursor, PULL_PAGE);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(YiSyncPullResponse) page = NULL;

      if ((reply = request (self, self->session, self->url, "GET", path, NULL, cancellable, error)) == NULL)
        return FALSE;
      page = yi_sync_pull_response_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), error);
      if (page == NULL)
        return FALSE;
      if (page->next_cursor < cursor)
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                       _("The district's change log went backwards (was it restored from an old backup?)"));
          return FALSE;
        }
      if (!apply_page (self, page, error))
        return FALSE;
      more = page->more && page->next_cursor > cursor;
    }
  return TRUE;
}

static void
record_outcome (YiSyncClient *self,
                const GError *error)
{
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (!yi_store_begin (self->store, NULL))
    return;
  yi_store_sync_set (self->store, "last_attempt_at", now, NULL);
  if (self->skew_known)
    yi_store_sync_set_int (self->store, "clock_skew_ms", self->skew_ms, NULL);
  if (error == NULL)
    {
      yi_store_sync_set (self->store, "last_success_at", now, NULL);
      yi_store_sync_set (self->store, "last_error", NULL, NULL);
      yi_store_sync_set (self->store, "device_revoked", NULL, NULL);
    }
  else
    {
      yi_store_sync_set (self->store, "last_error", error->message, NULL);
      if (g_error_matches (error, YI_SYNC_ERROR, YI_SYNC_ERROR_REVOKED))
        yi_store_sync_set (self->store, "device_revoked", "1", NULL);
    }
  yi_store_commit (self->store, NULL);
}

gboolean
yi_sync_client_run_round (YiSyncClient  *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_clear_pointer (&self->max_hlc, g_free);
  if (push (self, cancellable, &local) && pull (self, cancellable, &local))
    {
      record_outcome (self, NULL);
      return TRUE;
    }
  if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_outcome (self, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
