#include "config.h"

#include "yi-domain.h"
#include "yi-idcard.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmpdir;

static char *
db_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Writes what the schema at @version can hold; returns how many elders. */
static guint
seed_version (YiStore *store,
              int      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) elder = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *event = NULL;

  if (version < 1)
    return 0;
  json_object_set_string_member (elder, "name", "张桂英");
  json_object_set_string_member (elder, "id_number", "11010519491231002X");
  id = yi_store_save_elder (store, NULL, elder, &error);
  g_assert_no_error (error);
  event = yi_store_manual_attendance (store, id, "in", &error);
  g_assert_no_error (error);
  return 1;
}

static void
test_upgrade_from_every_version (void)
{
  int latest = yi_store_latest_version ();

  g_assert_cmpint (latest, >=, 1);
  for (int k = 0; k < latest; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("v%d.db", k);
      g_autofree char *path = db_path (name);
      guint elders;

      {
        g_autoptr(YiStore) old = yi_store_open_upgrading_to (path, k, &error);

        g_assert_no_error (error);
        g_assert_cmpint (yi_store_get_version (old), ==, k);
        elders = seed_version (old, k);
      }
      {
        g_autoptr(YiStore) store = yi_store_open (path, &error);

        g_assert_no_error (error);
        g_assert_cmpint (yi_store_get_version (store), ==, latest);
        g_assert_true (yi_store_check_integrity (store, &error));
        g_assert_no_error (error);
        g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM elders", NULL), ==, elders);
        g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM attendance", NULL), ==, elders);
        /* The upgraded database takes new records. */
        {
          g_autoptr(JsonObject) fb = json_object_new ();
          g_autofree char *id = NULL;

          json_object_set_int_member (fb, "rating", 4);
          id = yi_store_append_event (store, "feedback", fb, &error);
          g_assert_no_error (error);
          g_assert_nonnull (id);
        }
      }
    }
}

static char *
make_newer_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = db_path (name);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", yi_store_latest_version () + 1);
  sqlite3 *db = NULL;

  {
    g_autoptr(YiStore) store = yi_store_open (path, &error);
    g_assert_no_error (error);
    seed_version (store, yi_store_latest_version ());
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_refuse_newer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_newer_database ("newer-api.db");
  g_autoptr(YiStore) store = yi_store_open (path, &error);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_null (store);
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));

  /* Refusing leaves the data alone. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM elders", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_admin_refuses_newer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_newer_database ("newer-admin.db");
  const char *admin = g_getenv ("YIYANG_ADMIN");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { admin, "--db", path, "init", NULL };

  if (admin == NULL)
    {
      g_test_skip ("YIYANG_ADMIN is not set (run through meson test)");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "newer version"));
}

static void G_GNUC_NORETURN
busy_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (path, &error);

  if (store == NULL)
    _exit (3);
  for (;;)
    {
      g_autoptr(JsonObject) fb = json_object_new ();
      g_autofree char *id = NULL;

      json_object_set_int_member (fb, "rating", 5);
      json_object_set_string_member (fb, "comment", "写入中的备份");
      id = yi_store_append_event (store, "feedback", fb, &error);
      if (id == NULL)
        _exit (4);
    }
}

static void
test_backup_while_writing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_path ("live.db");
  g_autofree char *dest = db_path ("backup.db");
  g_autoptr(YiStore) store = yi_store_open (path, &error);
  g_autoptr(YiStore) copy = NULL;
  gint64 before, after;
  pid_t pid;
  int status;

  g_assert_no_error (error);
  seed_version (store, yi_store_latest_version ());
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    busy_writer (path);

  /* Wait until the writer is really writing. */
  do
    g_usleep (10000);
  while (yi_store_count (store, "SELECT count(*) FROM feedback", NULL) < 50);
  before = yi_store_count (store, "SELECT count(*) FROM feedback", NULL);
  g_assert_true (yi_store_backup (store, dest, &error));
  g_assert_no_error (error);
  after = yi_store_count (store, "SELECT count(*) FROM feedback", NULL);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_assert_true (WIFSIGNALED (status));

  copy = yi_store_open (dest, &error);
  g_assert_no_error (error);
  g_assert_true (yi_store_check_integrity (copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (copy, "SELECT count(*) FROM elders", NULL), ==, 1);
  g_assert_cmpint (yi_store_count (copy, "SELECT count(*) FROM feedback", NULL), >=, before);
  g_test_message ("backup holds %" G_GINT64_FORMAT " records; %" G_GINT64_FORMAT " before and %" G_GINT64_FORMAT " after it ran",
                  yi_store_count (copy, "SELECT count(*) FROM feedback", NULL), before, after);
  /* A consistent snapshot: each record with its outbox change. */
  g_assert_cmpint (yi_store_count (copy, "SELECT count(*) FROM feedback f WHERE NOT EXISTS "
                                         "(SELECT 1 FROM outbox o WHERE o.record_id = f.id)", NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("yiyang-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/migrations/upgrade-from-every-version", test_upgrade_from_every_version);
  g_test_add_func ("/migrations/refuse-newer", test_refuse_newer);
  g_test_add_func ("/migrations/admin-refuses-newer", test_admin_refuses_newer);
  g_test_add_func ("/store/backup-while-writing", test_backup_while_writing);
  rc = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = db_path (name);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  g_free (tmpdir);
  return rc;
}
