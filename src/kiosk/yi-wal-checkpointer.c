#include "config.h"

#include "yi-wal-checkpointer.h"

#include <gio/gio.h>

/* SQLite's own default threshold for its automatic checkpoint. */
#define CHECKPOINT_FRAMES 1000

typedef struct
{
  char     *path;
  gboolean  running;   /* only touched on the main thread */
} Checkpointer;

static void
checkpointer_free (gpointer data)
{
  Checkpointer *c = data;

  g_free (c->path);
  g_free (c);
}

static void
checkpoint_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  const char *path = data;
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      /* a new connection learns the database is in WAL mode on its first read */
      rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    }
  /* PASSIVE: copies what no reader still needs and never waits on the
   * kiosk's writes; the next round picks up the rest. */
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_warning ("Could not move the write-ahead log into the database: %s",
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  g_task_return_boolean (task, TRUE);
}

static void
on_checkpoint_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Checkpointer *c = data;

  c->running = FALSE;
}

static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         frames)
{
  YiStore *store = data;
  Checkpointer *c = g_object_get_data (G_OBJECT (store), "yi-wal-checkpointer");
  g_autoptr(GTask) task = NULL;

  /* Writes faster than the worker can follow (never taps, but a burst of
   * staff work): checkpoint here, as SQLite would, so the log stays bounded. */
  if (frames >= 4 * CHECKPOINT_FRAMES)
    {
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return SQLITE_OK;
    }
  if (c == NULL || c->running || frames < CHECKPOINT_FRAMES)
    return SQLITE_OK;
  c->running = TRUE;
  /* the store keeps the checkpointer alive until the task is done */
  task = g_task_new (store, NULL, on_checkpoint_done, c);
  g_task_set_source_tag (task, yi_wal_checkpointer_attach);
  g_task_set_task_data (task, g_strdup (c->path), g_free);
  g_task_run_in_thread (task, checkpoint_in_thread);
  return SQLITE_OK;
}

void
yi_wal_checkpointer_attach (YiStore *store)
{
  Checkpointer *c;

  g_return_if_fail (YI_IS_STORE (store));

  c = g_new0 (Checkpointer, 1);
  c->path = g_strdup (yi_store_get_path (store));
  g_object_set_data_full (G_OBJECT (store), "yi-wal-checkpointer", c, checkpointer_free);
  sqlite3_wal_hook (yi_store_get_db (store), on_wal_commit, store);
}
