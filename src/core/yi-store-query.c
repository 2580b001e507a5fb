#include "config.h"

#include "yi-store.h"
#include "yi-store-private.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-ledger.h"
#include "yi-tables.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

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
