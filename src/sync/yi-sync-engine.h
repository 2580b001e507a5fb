#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keeps a kiosk in step with its district in the background.  It runs on
 * its own thread with its own connection to the database file (WAL lets
 * it read and write while the kiosk does), so nothing on screen ever waits
 * for the network.  A round runs when the network comes up, on a timer,
 * and shortly after local writes (yi_sync_engine_nudge(), e.g. from the
 * kiosk store's "committed" signal); failures back off exponentially with
 * jitter.  Properties change and signals fire on the main context of the
 * thread that created the engine. */

#define YI_TYPE_SYNC_ENGINE (yi_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (YiSyncEngine, yi_sync_engine, YI, SYNC_ENGINE, GObject)

YiSyncEngine *yi_sync_engine_new          (const char   *db_path);
void          yi_sync_engine_start        (YiSyncEngine *self);
/* Cancels a round in progress and joins the thread. */
void          yi_sync_engine_stop         (YiSyncEngine *self);
/* Asks for a round soon (debounced; respects back-off after failures). */
void          yi_sync_engine_nudge        (YiSyncEngine *self);
/* Asks for a round now, ignoring back-off (a staff member's button). */
void          yi_sync_engine_sync_now     (YiSyncEngine *self);
void          yi_sync_engine_set_interval (YiSyncEngine *self,
                                           guint         seconds);

gboolean      yi_sync_engine_get_syncing      (YiSyncEngine *self);
const char   *yi_sync_engine_get_last_success (YiSyncEngine *self);
const char   *yi_sync_engine_get_last_error   (YiSyncEngine *self);
gint64        yi_sync_engine_get_pending      (YiSyncEngine *self);
gint64        yi_sync_engine_get_rejected     (YiSyncEngine *self);
gint64        yi_sync_engine_get_clock_skew   (YiSyncEngine *self);
/* A warning for staff when the clock is off by more than 5 minutes. */
const char   *yi_sync_engine_get_clock_warning (YiSyncEngine *self);
gboolean      yi_sync_engine_get_revoked      (YiSyncEngine *self);

G_END_DECLS
