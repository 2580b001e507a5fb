#pragma once

#include "yi-district-db.h"
#include "yi-district-ingest.h"

G_BEGIN_DECLS

/* The server's two background threads.
 *
 * The writer stores pushes in the change log.  Pushes that arrive while it
 * is committing wait and are then stored together, in one transaction with
 * one commit (group commit); each is answered after that commit, so every
 * answer is durable and a retried batch stays idempotent.
 *
 * The applier then brings each centre's copy up to the log, thousands of
 * changes per transaction.  Reads of a copy (reports) catch it up first
 * (yi_district_db_lock_mirror()), and pulls are served from the log, so
 * what was acknowledged is always what is read. */

typedef struct _YiDistrictWriter YiDistrictWriter;

/* Called in the thread-default main context of the callers of
 * yi_district_writer_push() (one context for all of them); takes @push. */
typedef void (*YiDistrictPushDone) (YiDistrictPush *push,
                                    gpointer        user_data);

YiDistrictWriter *yi_district_writer_new  (YiDistrictDb        *db,
                                           GError             **error);
/* Takes @push. */
void              yi_district_writer_push (YiDistrictWriter    *self,
                                           YiDistrictPush      *push,
                                           YiDistrictPushDone   done,
                                           gpointer             user_data);
/* Stores what is queued, brings every centre's copy up to the log, and
 * stops both threads. */
void              yi_district_writer_free (YiDistrictWriter    *self);

G_END_DECLS
