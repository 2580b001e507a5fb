#pragma once

#include "yi-store.h"
#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* The second write path, used only by sync: a change made on another device
 * (or by the district) is merged into this store without entering the
 * outbox, because it already came from the district.
 *
 * Entities merge per field: a field takes the incoming value only if the
 * change's HLC is higher than the field's clock (the device id inside the
 * HLC breaks ties).  Events are append-only: an event already present with
 * the same content is a duplicate; with different content it is refused. */

typedef enum {
  YI_APPLY_APPLIED,      /* at least one field or the event was written */
  YI_APPLY_DUPLICATE,    /* this exact change was already here */
  YI_APPLY_SUPERSEDED,   /* every field already holds a newer value */
} YiApplyOutcome;

/* Must be called inside yi_store_begin()/yi_store_commit().  On failure the
 * store may hold part of the change: wrap the call in
 * yi_store_sync_savepoint()/yi_store_sync_release() to undo just this one. */
gboolean     yi_store_apply_change        (YiStore             *self,
                                           const YiSyncChange  *change,
                                           YiApplyOutcome      *outcome,
                                           GError             **error);

/* The checks of yi_store_apply_change() that need only the schema: every
 * payload field is a column of the table, not one the store keeps itself,
 * and a single value.  Lets a receiver refuse a change before storing it. */
gboolean     yi_store_check_change_fields (YiStore             *self,
                                           const YiSyncChange  *change,
                                           GError             **error);
/* Whether an event change carries the same content as the stored event
 * @existing (numbers compared by value); YI_STORE_ERROR_CONFLICT naming
 * the first field that differs if not. */
gboolean     yi_sync_event_matches        (const YiSyncChange  *change,
                                           JsonObject          *existing,
                                           GError             **error);

gboolean     yi_store_sync_savepoint      (YiStore   *self,
                                           GError   **error);
/* Releases the savepoint, or rolls back to it first when @undo is TRUE. */
void         yi_store_sync_release        (YiStore   *self,
                                           gboolean   undo);

/* Bookkeeping of the sync engine, in the sync_state table. */
char        *yi_store_sync_get            (YiStore     *self,
                                           const char  *key);
gint64       yi_store_sync_get_int        (YiStore     *self,
                                           const char  *key,
                                           gint64       fallback);
gboolean     yi_store_sync_set            (YiStore     *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);
gboolean     yi_store_sync_set_int        (YiStore     *self,
                                           const char  *key,
                                           gint64       value,
                                           GError     **error);

/* Pending outbox changes, oldest first, as they go on the wire (payload
 * NULL, payload_text the stored text); or exactly the changes named by
 * @change_ids if all of them are still pending (to resend a batch
 * unchanged), else NULL. */
GPtrArray   *yi_store_outbox_pending      (YiStore     *self,
                                           guint        limit,
                                           GError     **error);
GPtrArray   *yi_store_outbox_lookup_pending (YiStore    *self,
                                             const char **change_ids,
                                             GError    **error);
gboolean     yi_store_outbox_count_attempt (YiStore     *self,
                                            const char  *change_id,
                                            GError     **error);
/* Counts an attempt for every pending change with seq in [first, last]:
 * exactly a batch read by yi_store_outbox_pending(). */
gboolean     yi_store_outbox_count_attempts (YiStore    *self,
                                             gint64      first_seq,
                                             gint64      last_seq,
                                             GError    **error);
/* Records the district's answer for one change (inside a transaction). */
gboolean     yi_store_outbox_settle       (YiStore            *self,
                                           const char         *change_id,
                                           YiSyncResultStatus  status,
                                           const char         *reason,
                                           GError            **error);
/* Records that the district accepted every pending change with seq in
 * [first, last] (exactly a batch, inside a transaction). */
gboolean     yi_store_outbox_settle_accepted (YiStore   *self,
                                              gint64     first_seq,
                                              gint64     last_seq,
                                              GError   **error);
gint64       yi_store_outbox_count_state  (YiStore     *self,
                                           const char  *state);

/* A change from a row of (seq, change_id, table, record_id, kind, hlc, at,
 * payload text, origin device), the order both the outbox and the
 * district's change log are read in. */
YiSyncChange *yi_sync_change_from_row     (sqlite3_stmt        *stmt,
                                           GError             **error);

/* Keeps a change from the district that could not be applied. */
gboolean     yi_store_sync_record_failure (YiStore             *self,
                                           const YiSyncChange  *change,
                                           const char          *reason,
                                           GError             **error);

G_END_DECLS
