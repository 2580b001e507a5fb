#include "config.h"

#include "yi-sync-engine.h"
#include "yi-sync-client.h"
#include "yi-store.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define DEBOUNCE_US        (2 * G_USEC_PER_SEC)
#define BACKOFF_BASE_US    (2 * G_USEC_PER_SEC)
#define BACKOFF_MAX_US     (15 * 60 * G_USEC_PER_SEC)

struct _YiSyncEngine
{
  GObject          parent_instance;

  char            *db_path;
  GMainContext    *owner_context;
  GThread         *thread;
  GCancellable    *cancellable;
  GNetworkMonitor *monitor;
  gulong           monitor_handler;

  /* Shared with the sync thread, under lock. */
  GMutex           lock;
  GCond            cond;
  gboolean         stopping;
  gboolean         wanted;
  gboolean         forced;
  gint64           wanted_at;      /* monotonic */
  gint64           backoff_until;
  guint            interval_s;

  /* Owned by the main context: the last published status. */
  gboolean         syncing;
  char            *last_success;
  char            *last_error;
  char            *clock_warning;
  gint64           pending;
  gint64           rejected;
  gint64           clock_skew;
  gboolean         revoked;
};

G_DEFINE_TYPE (YiSyncEngine, yi_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_PENDING,
  PROP_REJECTED,
  PROP_CLOCK_SKEW,
  PROP_CLOCK_WARNING,
  PROP_REVOKED,
  N_PROPS
};

enum {
  ROUND_FINISHED,
  CHANGES_RECEIVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  YiSyncEngine *engine;
  gboolean      syncing;
  gboolean      finished;
  gboolean      success;
  YiSyncStatus *status;
  char         *received_hlc;
} Update;

static void
update_free (gpointer data)
{
  Update *update = data;

  g_object_unref (update->engine);
  g_clear_pointer (&update->status, yi_sync_status_free);
  g_free (update->received_hlc);
  g_free (update);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
apply_update (gpointer data)
{
  Update *update = data;
  YiSyncEngine *self = update->engine;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->syncing != update->syncing)
    {
      self->syncing = update->syncing;
      g_object_notify_by_pspec (object, properties[PROP_SYNCING]);
    }
  if (update->status != NULL)
    {
      YiSyncStatus *st = update->status;
      g_autofree char *warning = yi_sync_status_describe_skew (st);

      if (set_string (&self->last_success, st->last_success))
        g_object_notify_by_pspec (object, properties[PROP_LAST_SUCCESS]);
      if (set_string (&self->last_error, st->last_error))
        g_object_notify_by_pspec (object, properties[PROP_LAST_ERROR]);
      if (set_string (&self->clock_warning, warning))
        g_object_notify_by_pspec (object, properties[PROP_CLOCK_WARNING]);
      if (self->pending != st->pending)
        {
          self->pending = st->pending;
          g_object_notify_by_pspec (object, properties[PROP_PENDING]);
        }
      if (self->rejected != st->rejected)
        {
          self->rejected = st->rejected;
          g_object_notify_by_pspec (object, properties[PROP_REJECTED]);
        }
      if (self->clock_skew != st->clock_skew_ms)
        {
          self->clock_skew = st->clock_skew_ms;
          g_object_notify_by_pspec (object, properties[PROP_CLOCK_SKEW]);
        }
      if (self->revoked != st->revoked)
        {
          self->revoked = st->revoked;
          g_object_notify_by_pspec (object, properties[PROP_REVOKED]);
        }
    }
  g_object_thaw_notify (object);
  if (update->received_hlc != NULL)
    g_signal_emit (self, signals[CHANGES_RECEIVED], 0, update->received_hlc);
  if (update->finished)
    g_signal_emit (self, signals[ROUND_FINISHED], 0, update->success);
  return G_SOURCE_REMOVE;
}

static void
publish (YiSyncEngine *self,
         Update       *update)
{
  update->engine = g_object_ref (self);
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, apply_update, update, update_free);
}

static gint64
backoff_delay (guint failures)
{
  gint64 delay = BACKOFF_BASE_US;

  for (guint i = 1; i < failures && delay < BACKOFF_MAX_US; i++)
    delay *= 2;
  delay = MIN (delay, BACKOFF_MAX_US);
  /* Full jitter between half and one and a half times: a district coming
   * back up is not hit by every centre in the same second. */
  return delay / 2 + g_random_int_range (0, (gint32) MIN (delay, G_MAXINT32));
}

/* Blocks until a round is due or the engine stops; FALSE to stop. */
static gboolean
wait_for_round (YiSyncEngine *self,
                gint64       *timer_at)
{
  gboolean run = FALSE;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 due = *timer_at;

      if (self->wanted)
        {
          gint64 nudge_due = self->forced ? self->wanted_at : MAX (self->wanted_at, self->backoff_until);
          due = MIN (due, nudge_due);
        }
      if (now >= due)
        {
          run = TRUE;
          break;
        }
      g_cond_wait_until (&self->cond, &self->lock, due);
    }
  self->wanted = FALSE;
  self->forced = FALSE;
  g_mutex_unlock (&self->lock);
  return run;
}

static gpointer
sync_thread (gpointer data)
{
  YiSyncEngine *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(GError) open_error = NULL;
  gint64 timer_at = g_get_monotonic_time ();
  guint failures = 0;

  g_main_context_push_thread_default (context);
  store = yi_store_open (self->db_path, &open_error);
  /* This connection lives as long as the kiosk: a small page cache keeps
   * it from holding 32 MiB after a long backlog has gone out (batches are
   * read in clock order through an index; the system's file cache does
   * the rest). */
  if (store != NULL)
    yi_store_set_page_cache (store, 1024);

  while (wait_for_round (self, &timer_at))
    {
      g_autoptr(GError) error = NULL;
      Update *update = g_new0 (Update, 1);
      gboolean ok = FALSE;

      update->syncing = TRUE;
      publish (self, update);

      if (store == NULL)
        error = g_error_copy (open_error);
      else if (client == NULL)
        client = yi_sync_client_new (store, &error);
      if (client != NULL)
        ok = yi_sync_client_run_round (client, self->cancellable, &error);
#ifdef __GLIBC__
      /* A round's request and answer bodies are gone: give their pages
       * back, or this thread's heap keeps its largest round resident. */
      malloc_trim (0);
#endif

      update = g_new0 (Update, 1);
      update->finished = TRUE;
      update->success = ok;
      if (store != NULL)
        update->status = yi_sync_status_load (store);
      if (client != NULL && yi_sync_client_get_max_received_hlc (client) != NULL)
        update->received_hlc = g_strdup (yi_sync_client_get_max_received_hlc (client));

      g_mutex_lock (&self->lock);
      if (ok)
        {
          failures = 0;
          self->backoff_until = 0;
          timer_at = g_get_monotonic_time () + (gint64) self->interval_s * G_USEC_PER_SEC;
        }
      else
        {
          /* Enrolment, a new token or a new address take effect next round. */
          g_clear_object (&client);
          failures++;
          self->backoff_until = g_get_monotonic_time () + backoff_delay (failures);
          timer_at = MAX (self->backoff_until,
                          g_error_matches (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NOT_ENROLLED)
                            ? g_get_monotonic_time () + (gint64) self->interval_s * G_USEC_PER_SEC : 0);
        }
      g_mutex_unlock (&self->lock);
      publish (self, update);
    }

  g_clear_object (&client);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    YiSyncEngine    *self)
{
  if (available)
    yi_sync_engine_sync_now (self);
}

static void
yi_sync_engine_finalize (GObject *object)
{
  YiSyncEngine *self = (YiSyncEngine *) object;

  yi_sync_engine_stop (self);
  if (self->monitor_handler)
    g_signal_handler_disconnect (self->monitor, self->monitor_handler);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_free (self->db_path);
  g_free (self->last_success);
  g_free (self->last_error);
  g_free (self->clock_warning);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (yi_sync_engine_parent_class)->finalize (object);
}

static void
yi_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YiSyncEngine *self = YI_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SYNCING:       g_value_set_boolean (value, self->syncing); break;
    case PROP_LAST_SUCCESS:  g_value_set_string (value, self->last_success); break;
    case PROP_LAST_ERROR:    g_value_set_string (value, self->last_error); break;
    case PROP_PENDING:       g_value_set_int64 (value, self->pending); break;
    case PROP_REJECTED:      g_value_set_int64 (value, self->rejected); break;
    case PROP_CLOCK_SKEW:    g_value_set_int64 (value, self->clock_skew); break;
    case PROP_CLOCK_WARNING: g_value_set_string (value, self->clock_warning); break;
    case PROP_REVOKED:       g_value_set_boolean (value, self->revoked); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_sync_engine_class_init (YiSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yi_sync_engine_finalize;
  object_class->get_property = yi_sync_engine_get_property;

  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_SUCCESS] = g_param_spec_string ("last-success", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REJECTED] = g_param_spec_int64 ("rejected", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CLOCK_SKEW] = g_param_spec_int64 ("clock-skew", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CLOCK_WARNING] = g_param_spec_string ("clock-warning", NULL, NULL, NULL, flags);
  properties[PROP_REVOKED] = g_param_spec_boolean ("revoked", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (gboolean success) after every round. */
  signals[ROUND_FINISHED] = g_signal_new ("round-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* (const char *hlc) the newest clock received: the kiosk passes it to
   * yi_store_observe_hlc() on its own store so later edits order after it. */
  signals[CHANGES_RECEIVED] = g_signal_new ("changes-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yi_sync_engine_init (YiSyncEngine *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->interval_s = 60;
  self->cancellable = g_cancellable_new ();
}

YiSyncEngine *
yi_sync_engine_new (const char *db_path)
{
  YiSyncEngine *self = g_object_new (YI_TYPE_SYNC_ENGINE, NULL);

  self->db_path = g_strdup (db_path);
  self->owner_context = g_main_context_ref_thread_default ();
  self->monitor = g_network_monitor_get_default ();
  self->monitor_handler = g_signal_connect (self->monitor, "network-changed",
                                            G_CALLBACK (on_network_changed), self);
  return self;
}

void
yi_sync_engine_start (YiSyncEngine *self)
{
  g_return_if_fail (YI_IS_SYNC_ENGINE (self));

  if (self->thread != NULL)
    return;
  g_cancellable_reset (self->cancellable);
  self->stopping = FALSE;
  self->thread = g_thread_new ("yi-sync", sync_thread, self);
}

void
yi_sync_engine_stop (YiSyncEngine *self)
{
  g_return_if_fail (YI_IS_SYNC_ENGINE (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_thread_join (self->thread);
  self->thread = NULL;
}

static void
want_round (YiSyncEngine *self,
            gint64        delay_us,
            gboolean      force)
{
  g_mutex_lock (&self->lock);
  if (!self->wanted)
    self->wanted_at = g_get_monotonic_time () + delay_us;
  self->wanted = TRUE;
  self->forced |= force;
  if (force)
    {
      self->backoff_until = 0;
      self->wanted_at = g_get_monotonic_time ();
    }
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
yi_sync_engine_nudge (YiSyncEngine *self)
{
  g_return_if_fail (YI_IS_SYNC_ENGINE (self));
  /* Several taps in a row make one round, a moment after the first. */
  want_round (self, DEBOUNCE_US, FALSE);
}

void
yi_sync_engine_sync_now (YiSyncEngine *self)
{
  g_return_if_fail (YI_IS_SYNC_ENGINE (self));
  want_round (self, 0, TRUE);
}

void
yi_sync_engine_set_interval (YiSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (YI_IS_SYNC_ENGINE (self));
  g_mutex_lock (&self->lock);
  self->interval_s = MAX (seconds, 1);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

gboolean     yi_sync_engine_get_syncing       (YiSyncEngine *self) { return self->syncing; }
const char  *yi_sync_engine_get_last_success  (YiSyncEngine *self) { return self->last_success; }
const char  *yi_sync_engine_get_last_error    (YiSyncEngine *self) { return self->last_error; }
gint64       yi_sync_engine_get_pending       (YiSyncEngine *self) { return self->pending; }
gint64       yi_sync_engine_get_rejected      (YiSyncEngine *self) { return self->rejected; }
gint64       yi_sync_engine_get_clock_skew    (YiSyncEngine *self) { return self->clock_skew; }
const char  *yi_sync_engine_get_clock_warning (YiSyncEngine *self) { return self->clock_warning; }
gboolean     yi_sync_engine_get_revoked       (YiSyncEngine *self) { return self->revoked; }
