#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define YI_STORE_ERROR (yi_store_error_quark ())

typedef enum {
  YI_STORE_ERROR_OPEN,
  YI_STORE_ERROR_TOO_NEW,
  YI_STORE_ERROR_CORRUPT,
  YI_STORE_ERROR_SQL,
  YI_STORE_ERROR_BUSY,
  YI_STORE_ERROR_NOT_FOUND,
  YI_STORE_ERROR_INVALID,
  YI_STORE_ERROR_CONFLICT,
} YiStoreError;

GQuark yi_store_error_quark (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define YI_TYPE_STORE (yi_store_get_type ())
G_DECLARE_FINAL_TYPE (YiStore, yi_store, YI, STORE, GObject)

/* Opens (creating and migrating as needed) the database at @path.
 * A database from a newer version is refused with YI_STORE_ERROR_TOO_NEW. */
YiStore      *yi_store_open                 (const char  *path,
                                             GError     **error);
YiStore      *yi_store_open_upgrading_to    (const char  *path,
                                             int          version,
                                             GError     **error);
int           yi_store_latest_version       (void);
int           yi_store_get_version          (YiStore     *self);
const char   *yi_store_get_path             (YiStore     *self);
char         *yi_store_default_path         (void);

/* Readers may use the connection directly; writers never do (see below). */
sqlite3      *yi_store_get_db               (YiStore     *self);
/* A store opens with 32 MiB of page cache, for imports; a connection that
 * lives as long as the kiosk keeps a small one instead (see the kiosk's
 * memory in docs/performance.md). */
void          yi_store_set_page_cache       (YiStore     *self,
                                             guint        kib);
sqlite3_stmt *yi_store_prepare              (YiStore     *self,
                                             const char  *sql,
                                             GError     **error);

const char   *yi_store_get_device_id        (YiStore     *self);
/* The centre's time zone: the setting time-zone, read when the store opens. */
GTimeZone    *yi_store_get_timezone         (YiStore     *self);
char         *yi_store_today                (YiStore     *self);
char         *yi_store_local_date_of        (YiStore     *self,
                                             gint64       unix_us);

/* The staff member on whose behalf writes are made (NULL: the kiosk itself,
 * an elder's own tap).  Stored with every event and in the audit log. */
void          yi_store_set_actor            (YiStore     *self,
                                             const char  *staff_id);
const char   *yi_store_get_actor            (YiStore     *self);

char         *yi_store_get_meta             (YiStore     *self,
                                             const char  *key);
gboolean      yi_store_set_meta             (YiStore     *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);

/* Transactions nest; only the outermost begin/commit touch SQLite.  The
 * outermost commit is durable (WAL, synchronous=FULL) when it returns. */
gboolean      yi_store_begin                (YiStore     *self,
                                             GError     **error);
gboolean      yi_store_commit               (YiStore     *self,
                                             GError     **error);
void          yi_store_rollback             (YiStore     *self);
/* yi_store_begin() for a change of many records (an import): until the
 * outermost commit or rollback, their outbox changes, audit entries and
 * field clocks are written many rows per statement.  Nothing else differs;
 * the outbox, audit log and field clocks are complete once it commits. */
gboolean      yi_store_begin_bulk           (YiStore     *self,
                                             GError     **error);

/* The only write paths.  Each writes the record, appends its change to the
 * outbox for the district, and writes an audit entry, in one transaction.
 *
 * put_entity inserts or updates the given fields of a mutable record; each
 * field gets a fresh hybrid-logical-clock stamp for merging.  append_event
 * adds an immutable event; id, at, local_date, device_id and staff_id are
 * filled in unless given.  It returns the new event's id. */
gboolean      yi_store_put_entity           (YiStore     *self,
                                             const char  *table,
                                             const char  *id,
                                             JsonObject  *fields,
                                             GError     **error);
char         *yi_store_append_event         (YiStore     *self,
                                             const char  *table,
                                             JsonObject  *fields,
                                             GError     **error);
char         *yi_store_void_event           (YiStore     *self,
                                             const char  *table,
                                             const char  *id,
                                             const char  *reason,
                                             GError     **error);
gboolean      yi_store_audit                (YiStore     *self,
                                             const char  *action,
                                             const char  *table,
                                             const char  *record_id,
                                             const char  *summary,
                                             GError     **error);
gboolean      yi_store_is_voided            (YiStore     *self,
                                             const char  *id);

char         *yi_store_new_hlc              (YiStore     *self);
gboolean      yi_store_observe_hlc          (YiStore     *self,
                                             const char  *remote);

gint64        yi_store_count                (YiStore     *self,
                                             const char  *sql,
                                             ...) G_GNUC_NULL_TERMINATED;
char         *yi_store_query_string         (YiStore     *self,
                                             const char  *sql,
                                             ...) G_GNUC_NULL_TERMINATED;

gboolean      yi_store_backup               (YiStore     *self,
                                             const char  *dest,
                                             GError     **error);
gboolean      yi_store_check_integrity      (YiStore     *self,
                                             GError     **error);

G_END_DECLS
