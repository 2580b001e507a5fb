#include "config.h"

#include "yi-store.h"
#include "yi-store-private.h"
#include "yi-clock.h"
#include "yi-hlc.h"
#include "yi-ids.h"
#include "yi-ledger.h"
#include "yi-settings.h"
#include "yi-tables.h"
#include "yi-core-resources.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>


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
  g_clear_pointer (&self->field_clock_sql, g_ptr_array_unref);
  yi_store_bulk_free (self);
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
      /* Another process opening the same new file (the district's
       * server and its command line, say) may have just done this step. */
      if (read_user_version (self) >= v)
        {
          if (!yi_store_exec (self, "COMMIT", error))
            return FALSE;
          continue;
        }
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
  g_autofree char *zone_name = NULL;
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

  zone_name = yi_settings_get_string (YI_SETTING_TIME_ZONE);
  self->tz = g_time_zone_new_identifier (zone_name);
  if (self->tz == NULL)
    {
      g_warning ("Unknown time zone “%s”; using UTC+8", zone_name);
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

void
yi_store_set_page_cache (YiStore *self,
                         guint    kib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
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
  if (self->bulk && !self->txn_failed && !yi_store_bulk_flush (self, error))
    {
      yi_store_bulk_end (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  yi_store_bulk_end (self);
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
  yi_store_bulk_end (self);
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
