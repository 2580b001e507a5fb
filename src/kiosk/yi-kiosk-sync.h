#pragma once

#include "yi-store.h"
#include "yi-sync-engine.h"

G_BEGIN_DECLS

/* Starts the background sync engine for @store when the kiosk is enrolled
 * with a district (returns NULL otherwise), nudged by every commit of
 * @store, and makes @store observe the clocks of the changes it receives. */
YiSyncEngine *yi_kiosk_sync_start    (YiStore      *store);
/* One line for staff on how sync stands: last success, records waiting,
 * the last error, a withdrawn device, a clock that is off.  *@warning is
 * set when staff should act on it. */
char         *yi_kiosk_sync_describe (YiSyncEngine *engine,
                                      GTimeZone    *timezone,
                                      gboolean     *warning);

G_END_DECLS
