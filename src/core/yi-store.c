#include "config.h"

#include "yi-store.h"
#include "yi-store-private.h"
#include "yi-clock.h"
#include "yi-hlc.h"
#include "yi-ids.h"
#include "yi-ledger.h"
#include "yi-tables.h"
#include "yi-core-resources.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

struct _YiStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *device_id;
  GTimeZone  *tz;
  YiHlc       hlc;
  char       *actor;
  int         txn_depth;
  gboolean    txn_failed;
  GHashTable *columns;   /* table name -> GHashTable column -> declared type */
  GHashTable *stmts;     /* SQL text -> prepared statement, kept for reuse */
};

G_DEFINE_TYPE (YiStore, yi_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (yi-store-error-quark, yi_store_error)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
yi_store_finalize (GObject *object)
{
  YiStore *self = (YiStore *) object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  yi_hlc_clear (&self->hlc);

  G_OBJECT_CLASS (yi_store_parent_class)->finalize (object);
}

static void
yi_store_class_init (YiStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yi_store_finalize;

  /* Emitted on the thread that committed, after the outermost commit. */
  signals[COMMITTED] = g_signal_new ("committed",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
yi_store_init (YiStore *self)
{
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       finalize_stmt);
}

gboolean
yi_store_set_sql_error (YiStore     *self,
                        GError     **error,
                        const char  *what)
{
  int code = sqlite3_errcode (self->db);
  int domain_code = YI_STORE_ERROR_SQL;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    domain_code = YI_STORE_ERROR_BUSY;
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    domain_code = YI_STORE_ERROR_CORRUPT;
  else if (code == SQLITE_CONSTRAINT)
    domain_code = YI_STORE_ERROR_CONFLICT;

  g_set_error (error, YI_STORE_ERROR, domain_code,
               "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
yi_store_exec (YiStore     *self,
               const char  *sql,
               GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_errcode (self->db);

      g_set_error (error, YI_STORE_ERROR,
                   code == SQLITE_BUSY ? YI_STORE_ERROR_BUSY :
                   (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? YI_STORE_ERROR_CORRUPT :
                   YI_STORE_ERROR_SQL,
                   "%s", msg ? msg : sqlite3_errstr (code));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
yi_store_prepare (YiStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      yi_store_set_sql_error (self, error, "Preparing a query failed");
      return NULL;
    }
  return stmt;
}

/* Preparing a statement costs more than running a small one, and the write
 * path runs the same few statements for every record; so they are prepared
 * once per connection.  The statement is lent: release it with
 * yi_store_release() (or g_autoptr(YiCachedStmt)) before asking for the same
 * SQL again. */
sqlite3_stmt *
yi_store_prepare_cached (YiStore     *self,
                         const char  *sql,
                         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      g_warn_if_fail (!sqlite3_stmt_busy (stmt));
      sqlite3_reset (stmt);
      return stmt;
    }
  stmt = yi_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

void
yi_store_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static int
read_user_version (YiStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char **
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children ("/io/github/yiyang/core/migrations/", 0, NULL);
  GPtrArray *sorted = g_ptr_array_new ();

  (void) yi_core_get_resource ();  /* keeps the resources linked in */

  for (guint i = 0; names && names[i]; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sorted, g_strdup (names[i]));
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  return (char **) g_ptr_array_free (sorted, FALSE);
}

int
yi_store_latest_version (void)
{
  g_auto(GStrv) names = list_migrations ();

  return (int) g_strv_length (names);
}

static gboolean
migrate (YiStore     *self,
         int          target,
         GError     **error)
{
  g_auto(GStrv) names = list_migrations ();
  int latest = (int) g_strv_length (names);
  int current = read_user_version (self);

  if (current < 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Yiyang database, or it is damaged"), self->path);
      return FALSE;
    }
  if (current > latest)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Yiyang (schema %d; this program knows up to %d). "
                     "Install the newer version, or restore a backup made by this one."),
                   current, latest);
      return FALSE;
    }
  if (target < 0 || target > latest)
    target = latest;

  for (int v = current + 1; v <= target; v++)
    {
      g_autofree char *path = g_strconcat ("/io/github/yiyang/core/migrations/", names[v - 1], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
      g_autofree char *sql = NULL;
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (!yi_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!yi_store_exec (self, sql, error) ||
          !yi_store_exec (self, set_version, error) ||
          !yi_store_exec (self, "COMMIT", error))
        {
          g_prefix_error (error, _("Upgrading the database to schema %d failed: "), v);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_identity (YiStore  *self,
               GError  **error)
{
  g_autofree char *device_id = NULL;
  g_autofree char *tzname = NULL;
  g_autofree char *last_hlc = NULL;

  if (read_user_version (self) < 1)
    return TRUE;

  device_id = yi_store_get_meta (self, "device_id");
  if (device_id == NULL)
    {
      device_id = yi_uuid_v7_new ();
      if (!yi_store_set_meta (self, "device_id", device_id, error))
        return FALSE;
    }
  self->device_id = g_steal_pointer (&device_id);
  yi_hlc_init (&self->hlc, self->device_id);

  /* Never hand out a clock lower than one already stored, even if the wall
   * clock has been set back since. */
  last_hlc = yi_store_query_string (self,
                                    "SELECT max(hlc) FROM outbox", NULL);
  if (last_hlc != NULL)
    yi_hlc_observe (&self->hlc, last_hlc);

  tzname = yi_store_get_meta (self, "timezone");
  if (tzname == NULL)
    tzname = g_strdup ("Asia/Shanghai");
  self->tz = g_time_zone_new_identifier (tzname);
  if (self->tz == NULL)
    {
      g_warning ("Unknown time zone “%s”; using UTC+8", tzname);
      self->tz = g_time_zone_new_offset (8 * 3600);
    }
  return TRUE;
}

static YiStore *
open_internal (const char  *path,
               int          target_version,
               GError     **error)
{
  g_autoptr(YiStore) self = g_object_new (YI_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (path);
  if (strcmp (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_OPEN,
                       _("Cannot create the folder “%s” for the database: %s"),
                       dir, g_strerror (errno));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, 0);

  /* WAL lets the sync thread read while the kiosk writes; synchronous=FULL
   * makes each commit reach the disk before it returns, so a tap the screen
   * has confirmed survives a power cut. */
  if (!yi_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !yi_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !yi_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* Room for a big import or a day of demo records in one transaction
       * without spilling pages to the log half-way (32 MiB). */
      !yi_store_exec (self, "PRAGMA cache_size = -32768", error))
    {
      g_prefix_error (error, _("Cannot open the database “%s”: "), path);
      return NULL;
    }

  if (!migrate (self, target_version, error))
    return NULL;
  if (!load_identity (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

YiStore *
yi_store_open (const char  *path,
               GError     **error)
{
  return open_internal (path, -1, error);
}

YiStore *
yi_store_open_upgrading_to (const char  *path,
                            int          version,
                            GError     **error)
{
  return open_internal (path, version, error);
}

int
yi_store_get_version (YiStore *self)
{
  return read_user_version (self);
}

const char *
yi_store_get_path (YiStore *self)
{
  return self->path;
}

char *
yi_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "yiyang", "yiyang.db", NULL);
}

sqlite3 *
yi_store_get_db (YiStore *self)
{
  return self->db;
}

const char *
yi_store_get_device_id (YiStore *self)
{
  return self->device_id;
}

GTimeZone *
yi_store_get_timezone (YiStore *self)
{
  return self->tz;
}

gboolean
yi_store_set_timezone (YiStore     *self,
                       const char  *identifier,
                       GError     **error)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("“%s” is not a time zone this system knows (for example Asia/Shanghai)"), identifier);
      return FALSE;
    }
  if (!yi_store_set_meta (self, "timezone", identifier, error))
    {
      g_time_zone_unref (tz);
      return FALSE;
    }
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz;
  return TRUE;
}

char *
yi_store_today (YiStore *self)
{
  return yi_clock_local_date (yi_clock_now_us (), self->tz);
}

char *
yi_store_local_date_of (YiStore *self,
                        gint64   unix_us)
{
  return yi_clock_local_date (unix_us, self->tz);
}

void
yi_store_set_actor (YiStore    *self,
                    const char *staff_id)
{
  g_free (self->actor);
  self->actor = g_strdup (staff_id);
}

const char *
yi_store_get_actor (YiStore *self)
{
  return self->actor;
}

char *
yi_store_get_meta (YiStore    *self,
                   const char *key)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
yi_store_set_meta (YiStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving a setting failed");
  return TRUE;
}

gboolean
yi_store_begin (YiStore  *self,
                GError  **error)
{
  if (self->txn_depth == 0)
    {
      if (!yi_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->txn_failed = FALSE;
    }
  self->txn_depth++;
  return TRUE;
}

gboolean
yi_store_commit (YiStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->txn_depth > 0, FALSE);

  if (--self->txn_depth > 0)
    return TRUE;
  if (self->txn_failed)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_SQL,
                   "An earlier step of this change failed; nothing was saved");
      return FALSE;
    }
  if (!yi_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  g_signal_emit (self, signals[COMMITTED], 0);
  return TRUE;
}

void
yi_store_rollback (YiStore *self)
{
  g_return_if_fail (self->txn_depth > 0);

  if (--self->txn_depth > 0)
    {
      /* An inner failure dooms the whole outer change. */
      self->txn_failed = TRUE;
      return;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
yi_store_new_hlc (YiStore *self)
{
  return yi_hlc_now (&self->hlc);
}

gboolean
yi_store_observe_hlc (YiStore    *self,
                      const char *remote)
{
  return yi_hlc_observe (&self->hlc, remote);
}

GHashTable *
yi_store_table_columns (YiStore    *self,
                        const char *table)
{
  GHashTable *cols = g_hash_table_lookup (self->columns, table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (cols != NULL)
    return cols;
  if (yi_table_kind (table) == YI_TABLE_UNKNOWN)
    return NULL;

  sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  cols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (cols,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_ascii_strup ((const char *) sqlite3_column_text (stmt, 2), -1));
  if (g_hash_table_size (cols) == 0)
    {
      g_hash_table_unref (cols);
      return NULL;
    }
  g_hash_table_insert (self->columns, g_strdup (table), cols);
  return cols;
}

gboolean
yi_store_bind_json (YiStore       *self,
                    sqlite3_stmt  *stmt,
                    int            index,
                    const char    *column_type,
                    JsonNode      *node,
                    GError       **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, index);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "A field holds a list or object where a single value belongs");
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      return TRUE;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
      return TRUE;
    case G_TYPE_STRING:
      if (g_strcmp0 (column_type, "BLOB") == 0)
        {
          gsize len = 0;
          guchar *data = g_base64_decode (json_node_get_string (node), &len);

          sqlite3_bind_blob (stmt, index, data, (int) len, g_free);
          return TRUE;
        }
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      return TRUE;
    default:
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "A field holds a value of an unsupported type");
      return FALSE;
    }
}

static gboolean
check_fields (YiStore     *self,
              const char  *table,
              GHashTable  *cols,
              JsonObject  *fields,
              const char **reserved,
              GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_hash_table_contains (cols, name))
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       "“%s” has no field “%s”", table, name);
          return FALSE;
        }
      for (guint i = 0; reserved && reserved[i]; i++)
        if (strcmp (reserved[i], name) == 0)
          {
            g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                         "The field “%s” of “%s” is kept by the store itself", name, table);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
yi_store_outbox_append (YiStore     *self,
                        const char  *table,
                        const char  *record_id,
                        const char  *kind,
                        const char  *hlc,
                        JsonObject  *payload,
                        const char  *now,
                        GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autofree char *change_id = yi_uuid_v7_new ();

  json_node_set_object (root, payload);
  text = json_to_string (root, FALSE);

  stmt = yi_store_prepare_cached (self,
                           "INSERT INTO outbox (change_id, record_table, record_id, kind, hlc, payload, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Queueing a change for the district failed");
  return TRUE;
}

static gboolean
audit_insert (YiStore     *self,
              const char  *action,
              const char  *table,
              const char  *record_id,
              const char  *summary,
              const char  *now,
              GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = NULL;
  g_autofree char *id = yi_uuid_v7_new ();

  stmt = yi_store_prepare_cached (self,
                           "INSERT INTO audit_log (id, at, device_id, staff_id, action, record_table, record_id, summary) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, summary, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Writing the audit log failed");
  return TRUE;
}

gboolean
yi_store_audit (YiStore     *self,
                const char  *action,
                const char  *table,
                const char  *record_id,
                const char  *summary,
                GError     **error)
{
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (!yi_store_begin (self, error))
    return FALSE;
  if (!audit_insert (self, action, table, record_id, summary, now, error))
    {
      yi_store_rollback (self);
      return FALSE;
    }
  return yi_store_commit (self, error);
}

static char *
field_names (JsonObject *fields)
{
  g_autoptr(GList) names = json_object_get_members (fields);
  GString *s = g_string_new (NULL);

  for (GList *l = names; l; l = l->next)
    {
      if (s->len)
        g_string_append_c (s, ',');
      g_string_append (s, l->data);
    }
  return g_string_free (s, FALSE);
}

gboolean
yi_store_row_exists (YiStore    *self,
                     const char *table,
                     const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  g_autoptr(YiCachedStmt) stmt = NULL;

  if (yi_table_kind (table) == YI_TABLE_UNKNOWN)
    return FALSE;
  stmt = yi_store_prepare_cached (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Writes @fields of one entity row with the given clock, without touching
 * the outbox or the audit log; shared by local writes and sync. */
gboolean
yi_store_write_entity_row (YiStore     *self,
                           const char  *table,
                           const char  *id,
                           JsonObject  *fields,
                           const char  *hlc,
                           const char  *now,
                           gboolean    *inserted,
                           GError     **error)
{
  GHashTable *cols = yi_store_table_columns (self, table);
  g_autoptr(GList) names = json_object_get_members (fields);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;
  gboolean exists = yi_store_row_exists (self, table, id);
  int idx = 1;

  if (exists)
    {
      g_string_append_printf (sql, "UPDATE %s SET hlc = ?, updated_at = ?", table);
      for (GList *l = names; l; l = l->next)
        g_string_append_printf (sql, ", %s = ?", (char *) l->data);
      g_string_append (sql, " WHERE id = ?");
    }
  else
    {
      g_string_append_printf (sql, "INSERT INTO %s (id, hlc, updated_at", table);
      if (g_hash_table_contains (cols, "created_at"))
        g_string_append (sql, ", created_at");
      for (GList *l = names; l; l = l->next)
        g_string_append_printf (sql, ", %s", (char *) l->data);
      g_string_append (sql, ") VALUES (?, ?, ?");
      if (g_hash_table_contains (cols, "created_at"))
        g_string_append (sql, ", ?");
      for (GList *l = names; l; l = l->next)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }

  stmt = yi_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  if (!exists)
    sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, now, -1, SQLITE_TRANSIENT);
  if (!exists && g_hash_table_contains (cols, "created_at"))
    sqlite3_bind_text (stmt, idx++, now, -1, SQLITE_TRANSIENT);
  for (GList *l = names; l; l = l->next)
    if (!yi_store_bind_json (self, stmt, idx++, g_hash_table_lookup (cols, l->data),
                             json_object_get_member (fields, l->data), error))
      return FALSE;
  if (exists)
    sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_TRANSIENT);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf ("Saving a record of “%s” failed", table);
      return yi_store_set_sql_error (self, error, what);
    }
  if (inserted)
    *inserted = !exists;
  return TRUE;
}

gboolean
yi_store_set_field_clock (YiStore     *self,
                          const char  *table,
                          const char  *id,
                          const char  *field,
                          const char  *hlc,
                          GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "INSERT INTO field_clocks (record_table, record_id, field, hlc) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (record_table, record_id, field) DO UPDATE SET hlc = excluded.hlc", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving a field clock failed");
  return TRUE;
}

/* All fields of one write share a clock: one statement for all of them. */
static gboolean
set_field_clocks (YiStore     *self,
                  const char  *table,
                  const char  *id,
                  GList       *fields,
                  const char  *hlc,
                  GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO field_clocks (record_table, record_id, field, hlc) VALUES ");
  g_autoptr(YiCachedStmt) stmt = NULL;
  int idx = 1;

  if (fields == NULL)
    return TRUE;
  for (GList *l = fields; l; l = l->next)
    g_string_append_printf (sql, "%s(?1, ?2, ?%d, ?3)", l == fields ? "" : ", ", 3 + idx++);
  idx = 1;
  g_string_append (sql, " ON CONFLICT (record_table, record_id, field) DO UPDATE SET hlc = excluded.hlc");

  stmt = yi_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, idx++, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, hlc, -1, SQLITE_TRANSIENT);
  for (GList *l = fields; l; l = l->next)
    sqlite3_bind_text (stmt, idx++, l->data, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving field clocks failed");
  return TRUE;
}

gboolean
yi_store_put_entity (YiStore     *self,
                     const char  *table,
                     const char  *id,
                     JsonObject  *fields,
                     GError     **error)
{
  static const char *reserved[] = { "id", "hlc", "updated_at", "created_at", NULL };
  GHashTable *cols;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(JsonObject) payload = NULL;
  gboolean inserted = FALSE;

  if (yi_table_kind (table) != YI_TABLE_ENTITY)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a kind of record that can be edited", table);
      return FALSE;
    }
  if (!yi_uuid_is_valid (id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a record id", id);
      return FALSE;
    }
  cols = yi_store_table_columns (self, table);
  if (cols == NULL)
    return yi_store_set_sql_error (self, error, "Reading the table layout failed");
  if (!check_fields (self, table, cols, fields, reserved, error))
    return FALSE;

  hlc = yi_store_new_hlc (self);
  now = yi_clock_format_utc (yi_clock_now_us ());
  names = json_object_get_members (fields);

  if (!yi_store_begin (self, error))
    return FALSE;

  if (!yi_store_write_entity_row (self, table, id, fields, hlc, now, &inserted, error))
    goto fail;
  if (!set_field_clocks (self, table, id, names, hlc, error))
    goto fail;

  payload = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, fields);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (payload, name, json_node_copy (node));
  }
  if (!yi_store_outbox_append (self, table, id, "entity", hlc, payload, now, error))
    goto fail;

  summary = field_names (fields);
  if (!audit_insert (self, inserted ? "insert" : "update", table, id, summary, now, error))
    goto fail;

  return yi_store_commit (self, error);

fail:
  yi_store_rollback (self);
  return FALSE;
}

/* Reads a whole row back as JSON, as the outbox and the district see it. */
JsonObject *
yi_store_row_to_json (YiStore    *self,
                      const char *table,
                      const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonObject *obj;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  obj = json_object_new ();
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (obj, name, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (obj, name, sqlite3_column_double (stmt, i));
          break;
        case SQLITE_TEXT:
          json_object_set_string_member (obj, name, (const char *) sqlite3_column_text (stmt, i));
          break;
        case SQLITE_BLOB:
          {
            g_autofree char *b64 = g_base64_encode (sqlite3_column_blob (stmt, i),
                                                    sqlite3_column_bytes (stmt, i));
            json_object_set_string_member (obj, name, b64);
          }
          break;
        default:
          json_object_set_null_member (obj, name);
          break;
        }
    }
  return obj;
}

gboolean
yi_store_insert_event_row (YiStore     *self,
                           const char  *table,
                           JsonObject  *row,
                           GError     **error)
{
  GHashTable *cols = yi_store_table_columns (self, table);
  g_autoptr(GList) names = json_object_get_members (row);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;
  int idx = 1;

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (GList *l = names; l; l = l->next)
    g_string_append_printf (sql, "%s%s", l == names ? "" : ", ", (char *) l->data);
  g_string_append (sql, ") VALUES (");
  for (GList *l = names; l; l = l->next)
    g_string_append (sql, l == names ? "?" : ", ?");
  g_string_append (sql, ")");

  stmt = yi_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (GList *l = names; l; l = l->next)
    if (!yi_store_bind_json (self, stmt, idx++, g_hash_table_lookup (cols, l->data),
                             json_object_get_member (row, l->data), error))
      return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf ("Saving a record of “%s” failed", table);
      return yi_store_set_sql_error (self, error, what);
    }
  return TRUE;
}

char *
yi_store_append_event (YiStore     *self,
                       const char  *table,
                       JsonObject  *fields,
                       GError     **error)
{
  GHashTable *cols;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  g_autofree char *summary = NULL;
  gint64 at_us = yi_clock_now_us ();

  if (yi_table_kind (table) != YI_TABLE_EVENT)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a kind of event", table);
      return NULL;
    }
  cols = yi_store_table_columns (self, table);
  if (cols == NULL)
    {
      yi_store_set_sql_error (self, error, "Reading the table layout failed");
      return NULL;
    }
  if (!check_fields (self, table, cols, fields, NULL, error))
    return NULL;

  now = yi_clock_format_utc (at_us);
  row = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, fields);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (row, name, json_node_copy (node));
  }

  if (json_object_has_member (row, "id"))
    id = g_strdup (json_object_get_string_member (row, "id"));
  else
    {
      id = yi_uuid_v7_new ();
      json_object_set_string_member (row, "id", id);
    }
  if (!json_object_has_member (row, "at"))
    json_object_set_string_member (row, "at", now);
  else if (!yi_clock_parse_utc (json_object_get_string_member (row, "at"), &at_us))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "The event time “%s” is not a UTC time", json_object_get_string_member (row, "at"));
      return NULL;
    }
  if (!json_object_has_member (row, "local_date"))
    {
      g_autofree char *local = yi_clock_local_date (at_us, self->tz);
      json_object_set_string_member (row, "local_date", local);
    }
  if (!json_object_has_member (row, "device_id"))
    json_object_set_string_member (row, "device_id", self->device_id);
  if (!json_object_has_member (row, "staff_id"))
    {
      if (self->actor)
        json_object_set_string_member (row, "staff_id", self->actor);
      else
        json_object_set_null_member (row, "staff_id");
    }

  hlc = yi_store_new_hlc (self);

  if (!yi_store_begin (self, error))
    return NULL;
  if (!yi_store_insert_event_row (self, table, row, error) ||
      !yi_store_outbox_append (self, table, id, "event", hlc, row, now, error))
    goto fail;
  summary = field_names (fields);
  if (!audit_insert (self, "append", table, id, summary, now, error))
    goto fail;
  if (!yi_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  yi_store_rollback (self);
  return NULL;
}

char *
yi_store_void_event (YiStore     *self,
                     const char  *table,
                     const char  *id,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *void_id = NULL;

  if (yi_table_kind (table) != YI_TABLE_EVENT || !yi_store_row_exists (self, table, id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   "There is no record %s to cancel", id);
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "Say why the record is being cancelled");
      return NULL;
    }
  if (yi_store_is_voided (self, id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                   "This record was already cancelled");
      return NULL;
    }
  json_object_set_string_member (fields, "target_table", table);
  json_object_set_string_member (fields, "target_id", id);
  json_object_set_string_member (fields, "reason", reason);

  /* Cancelling what money came from reverses that money in the same change. */
  if (!yi_store_begin (self, error))
    return NULL;
  void_id = yi_store_append_event (self, "event_voids", fields, error);
  if (void_id == NULL || !yi_ledger_after_void (self, table, id, error))
    {
      yi_store_rollback (self);
      return NULL;
    }
  if (!yi_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&void_id);
}

gboolean
yi_store_is_voided (YiStore    *self,
                    const char *id)
{
  return yi_store_count (self, "SELECT count(*) FROM event_voids WHERE target_id = ?", id, NULL) > 0;
}

static sqlite3_stmt *
prepare_va (YiStore    *self,
            const char *sql,
            va_list     args)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = yi_store_prepare_cached (self, sql, &error);
  const char *arg;
  int i = 1;

  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  while ((arg = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, arg, -1, SQLITE_TRANSIENT);
  return stmt;
}

gint64
yi_store_count (YiStore    *self,
                const char *sql,
                ...)
{
  g_autoptr(YiCachedStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = prepare_va (self, sql, args);
  va_end (args);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

char *
yi_store_query_string (YiStore    *self,
                       const char *sql,
                       ...)
{
  g_autoptr(YiCachedStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = prepare_va (self, sql, args);
  va_end (args);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
yi_store_backup (YiStore     *self,
                 const char  *dest,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_OPEN,
                   _("Cannot write the backup “%s”: %s"), dest, out ? sqlite3_errmsg (out) : "");
      sqlite3_close (out);
      return FALSE;
    }

  backup = sqlite3_backup_init (out, "main", self->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_SQL,
                   _("Cannot start the backup: %s"), sqlite3_errmsg (out));
      sqlite3_close (out);
      return FALSE;
    }
  /* Copy in small steps so a kiosk writing meanwhile is held up only
   * briefly; if it writes, the online backup restarts by itself. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_SQL,
                   _("The backup failed: %s"), sqlite3_errstr (rc));
      sqlite3_close (out);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (out);

  if (g_rename (tmp, dest) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot move the backup into place at “%s”: %s"), dest, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_store_check_integrity (YiStore  *self,
                          GError  **error)
{
  g_autofree char *result = yi_store_query_string (self, "PRAGMA integrity_check", NULL);

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CORRUPT,
                   _("The database is damaged: %s"), result ? result : "unreadable");
      return FALSE;
    }
  return TRUE;
}
