#include "config.h"

#include "kiosk-process-util.h"
#include "yi-sync-test-util.h"
#include "yi-test-env.h"

#include <glib-unix.h>
#include <errno.h>
#include <poll.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

KioskProcess *
kiosk_process_start (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  KioskProcess *kp = g_new0 (KioskProcess, 1);
  int fds[2];

  g_unix_open_pipe (fds, FD_CLOEXEC, &error);
  g_assert_no_error (error);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, (gpointer) "--status-fd=3");
  g_ptr_array_add (args, NULL);
  /* the launcher closes our copy of the write end once it is freed */
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  g_subprocess_launcher_set_child_setup (launcher, yi_test_die_with_parent, NULL, NULL);
  kp->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  kp->status_fd = fds[0];
  kp->pending = g_string_new (NULL);
  return kp;
}

char *
kiosk_process_read_line (KioskProcess *kp,
                         guint         timeout_ms,
                         gboolean     *timed_out)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  *timed_out = FALSE;
  for (;;)
    {
      char *nl = memchr (kp->pending->str, '\n', kp->pending->len);
      struct pollfd p = { kp->status_fd, POLLIN, 0 };
      gint64 left;
      char buf[512];
      ssize_t n;

      if (nl != NULL)
        {
          char *line = g_strndup (kp->pending->str, nl - kp->pending->str);

          g_string_erase (kp->pending, 0, nl - kp->pending->str + 1);
          return line;
        }
      left = (deadline - g_get_monotonic_time ()) / 1000;
      if (left <= 0)
        {
          *timed_out = TRUE;
          return NULL;
        }
      if (poll (&p, 1, (int) left) < 0)
        {
          g_assert_cmpint (errno, ==, EINTR);
          continue;
        }
      if (p.revents == 0)
        continue;
      n = read (kp->status_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        return NULL;   /* a line cut by a kill is no line */
      g_string_append_len (kp->pending, buf, n);
    }
}

GPid
kiosk_process_wait_ready (KioskProcess *kp,
                          guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      gboolean timed_out;
      g_autofree char *line = kiosk_process_read_line (kp, MAX (left, 1), &timed_out);

      if (timed_out)
        g_error ("The kiosk did not show its idle board within %u ms", timeout_ms);
      if (line == NULL)
        return 0;
      if (g_str_has_prefix (line, "ready "))
        return (GPid) g_ascii_strtoll (line + 6, NULL, 10);
    }
}

void
kiosk_process_free (KioskProcess *kp)
{
  if (kp->process != NULL)
    yi_test_kill (kp->process);
  g_clear_object (&kp->process);
  if (kp->status_fd >= 0)
    close (kp->status_fd);
  g_string_free (kp->pending, TRUE);
  g_free (kp);
}

gboolean
kiosk_dbus_tap (GDBusConnection *bus,
                const char      *uid,
                GError         **error)
{
  GVariantBuilder params;
  g_autoptr(GVariant) reply = NULL;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&params, "v", g_variant_new_string (uid));
  reply = g_dbus_connection_call_sync (bus, "io.github.yiyang.Kiosk", "/io/github/yiyang/Kiosk",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "tap-card", &params, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000 * YI_TEST_TIME_FACTOR, NULL, error);
  return reply != NULL;
}

sqlite3 *
kiosk_db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

gint64
kiosk_db_int (sqlite3    *db,
           const char *sql,
           const char *arg1,
           const char *arg2)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (arg1 != NULL)
    sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_TRANSIENT);
  if (arg2 != NULL)
    sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

void
kiosk_db_assert_intact (sqlite3    *db,
               const char *what)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_error ("%s: integrity_check says %s", what, sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

/* One card per active elder who has not come on the demo's last day. */
GPtrArray *
kiosk_db_fresh_cards (const char *path)
{
  sqlite3 *db = kiosk_db_open (path);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *cards = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT min(c.uid) FROM cards c JOIN elders e ON e.id = c.elder_id "
      "WHERE c.revoked_at IS NULL AND e.status = 'active' AND NOT EXISTS "
      "  (SELECT 1 FROM attendance a WHERE a.elder_id = c.elder_id "
      "   AND a.local_date >= (SELECT coalesce(max(local_date), '') FROM attendance)) "
      "GROUP BY c.elder_id ORDER BY min(c.uid)", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (cards, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return cards;
}

