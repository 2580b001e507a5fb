#pragma once

#include "yi-sync-codec.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* Storing pushed changes in the district's change log: the part of a push
 * a kiosk waits for.  It decides every change (accepted, duplicate or
 * rejected, §3.3 of the protocol) from the log and the schema alone, so the
 * centre's copy can be brought up to the log later (yi-district-apply.c).
 * Several pushes share one transaction and one commit (group commit); each
 * is answered only after that commit. */

typedef struct _YiDistrictIngest YiDistrictIngest;

typedef struct {
  /* in */
  char               *centre_id;
  char               *device_id;   /* NULL: the district itself */
  char               *batch_id;    /* NULL: a new one */
  GPtrArray          *changes;     /* YiSyncChange */
  /* out */
  YiSyncPushResponse *response;
  GError             *error;
  gboolean            stored;      /* something new reached the log */
} YiDistrictPush;

YiDistrictPush   *yi_district_push_new      (const char *centre_id,
                                             const char *device_id,
                                             const char *batch_id,
                                             GPtrArray  *changes);
void              yi_district_push_free     (YiDistrictPush *push);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiDistrictPush, yi_district_push_free)

/* Uses @db (a connection to the district database) from one thread only. */
YiDistrictIngest *yi_district_ingest_new    (sqlite3       *db,
                                             GError       **error);
void              yi_district_ingest_free   (YiDistrictIngest *self);

/* Stores @pushes in one transaction.  Each push ends with a response or an
 * error of its own; a push that fails leaves nothing behind and does not
 * affect the others.  If the commit fails, every push gets that error. */
void              yi_district_ingest_run    (YiDistrictIngest  *self,
                                             YiDistrictPush   **pushes,
                                             guint              n);

G_END_DECLS
