#pragma once

#include <gio/gio.h>

#include "yi-store.h"
#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* One kiosk's conversation with the district, synchronous: use it from a
 * thread that may block (the sync engine's thread, or the admin CLI).
 * It owns a SoupSession bound to the calling thread's default context. */

#define YI_TYPE_SYNC_CLIENT (yi_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (YiSyncClient, yi_sync_client, YI, SYNC_CLIENT, GObject)

/* What enrolment wrote, kept in the store's meta table: it is this
 * database's state, not a setting anyone chooses (those, such as the
 * district's CA file, are in GSettings: yi-settings.h). */
#define YI_SYNC_META_URL        "sync_url"
#define YI_SYNC_META_CENTRE     "sync_centre_id"

/* Beyond this the kiosk warns staff that its clock is wrong. */
#define YI_SYNC_MAX_SKEW_MS (5 * 60 * 1000)

typedef struct {
  gboolean  enrolled;
  char     *server_url;
  char     *centre_id;
  char     *last_success;    /* UTC, or NULL if never */
  char     *last_attempt;
  char     *last_error;      /* words for staff, or NULL after a success */
  gboolean  revoked;
  gboolean  skew_known;
  gint64    clock_skew_ms;   /* kiosk minus district */
  gint64    pending;
  gint64    rejected;
  gint64    inbox_failures;
} YiSyncStatus;

void          yi_sync_status_free      (YiSyncStatus *status);
YiSyncStatus *yi_sync_status_load      (YiStore      *store);
/* A sentence for staff when the kiosk's clock is off, else NULL. */
char         *yi_sync_status_describe_skew (const YiSyncStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncStatus, yi_sync_status_free)

/* Where the device token lives: next to the database, mode 0600. */
char         *yi_sync_token_path       (const char *db_path);

/* Spends a one-time enrolment @code at @url; stores the URL and centre in
 * meta and the device token in its file. */
gboolean      yi_sync_enrol            (YiStore       *store,
                                        const char    *url,
                                        const char    *code,
                                        GCancellable  *cancellable,
                                        GError       **error);

YiSyncClient *yi_sync_client_new       (YiStore       *store,
                                        GError       **error);
/* Sends every pending change and receives everything new, then records the
 * outcome in the store for yi_sync_status_load(). */
gboolean      yi_sync_client_run_round (YiSyncClient  *self,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* The newest clock stamp received in the last round (for the kiosk's own
 * store to observe), or NULL. */
const char   *yi_sync_client_get_max_received_hlc (YiSyncClient *self);

G_END_DECLS
