/* The kiosk's checkpointer: with SQLite's automatic checkpoint replaced,
 * the write-ahead log must still be moved into the database, off the
 * committing thread, or it would grow with every tap. */
#include "config.h"

#include "yi-wal-checkpointer.h"

#include <glib/gstdio.h>

#define COMMITS 300
#define VALUE_BYTES (64 * 1024)

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
test_log_stays_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-wal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(YiStore) store = NULL;
  sqlite3 *db;
  gint64 written = 0;

  g_assert_no_error (error);
  store = yi_store_open (path, &error);
  g_assert_no_error (error);
  yi_wal_checkpointer_attach (store);
  db = yi_store_get_db (store);
  /* a scratch table of the test's own, not a record the kiosk keeps */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE scratch (b BLOB)", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < COMMITS; i++)
    {
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO scratch VALUES (randomblob(65536))", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      written += VALUE_BYTES;
      /* the checkpoint's answer comes back through the main loop */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20000);   /* taps come seconds apart; this is faster still */
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Without checkpoints the log would hold every commit (about 19 MiB);
   * checkpointed in the background it is restarted near SQLite's 1,000
   * pages (4 MiB), well before the 4,000 at which the kiosk's own commit
   * would checkpoint. */
  g_test_message ("wrote %" G_GINT64_FORMAT " bytes of values; log is %" G_GINT64_FORMAT " bytes",
                  written, file_size (wal));
  g_assert_cmpint (file_size (wal), <, 8 * 1024 * 1024);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL), ==, SQLITE_OK);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/wal-checkpointer/log-stays-small", test_log_stays_small);
  return g_test_run ();
}
