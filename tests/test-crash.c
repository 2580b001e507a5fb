#include "config.h"

#include "yi-ids.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The child: commits records as fast as it can and, after each commit,
 * tells the parent the ids it wrote.  Never returns. */
static void G_GNUC_NORETURN
writer (const char *path,
        int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (path, &error);

  if (store == NULL)
    _exit (3);
  for (guint i = 0;; i++)
    {
      g_autoptr(JsonObject) fb = json_object_new ();
      g_autoptr(JsonObject) notice = json_object_new ();
      g_autofree char *notice_id = yi_uuid_v7_new ();
      g_autofree char *event_id = NULL;
      g_autofree char *line = NULL;

      json_object_set_int_member (fb, "rating", 1 + i % 5);
      json_object_set_string_member (fb, "comment", "crash test");
      json_object_set_string_member (notice, "text_zh", "通知");
      json_object_set_string_member (notice, "shown_from", "2026-03-02");

      /* Alternate single writes and a two-record change in one transaction. */
      if (i % 2 == 0)
        {
          event_id = yi_store_append_event (store, "feedback", fb, &error);
          if (event_id == NULL)
            _exit (4);
          line = g_strdup_printf ("feedback %s\n", event_id);
        }
      else
        {
          if (!yi_store_begin (store, &error))
            _exit (5);
          event_id = yi_store_append_event (store, "feedback", fb, &error);
          if (event_id == NULL || !yi_store_put_entity (store, "notices", notice_id, notice, &error))
            _exit (6);
          if (!yi_store_commit (store, &error))
            _exit (7);
          line = g_strdup_printf ("feedback %s\nnotices %s\n", event_id, notice_id);
        }
      if (write (fd, line, strlen (line)) != (ssize_t) strlen (line))
        _exit (8);
    }
}

static void
check_after_crash (const char *path,
                   GString    *reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (path, &error);
  g_auto(GStrv) lines = NULL;
  guint complete;

  g_assert_no_error (error);
  g_assert_true (yi_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* Only whole lines were reported; a torn last line was never confirmed. */
  lines = g_strsplit (reported->str, "\n", -1);
  complete = MAX (g_strv_length (lines), 1) - 1;
  for (guint i = 0; i < complete; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?", parts[0]);

      g_assert_cmpint (yi_store_count (store, sql, parts[1], NULL), ==, 1);
    }

  /* No half-written change: every record has its outbox change and audit
   * entry, and every change its record. */
  for (guint t = 0; t < 2; t++)
    {
      const char *table = t == 0 ? "feedback" : "notices";
      g_autofree char *orphans = g_strdup_printf (
          "SELECT count(*) FROM %s r WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = r.id) "
          "OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_id = r.id)", table);
      g_autofree char *strays = g_strdup_printf (
          "SELECT count(*) FROM outbox o WHERE o.record_table = '%s' "
          "AND NOT EXISTS (SELECT 1 FROM %s r WHERE r.id = o.record_id)", table, table);

      g_assert_cmpint (yi_store_count (store, orphans, NULL), ==, 0);
      g_assert_cmpint (yi_store_count (store, strays, NULL), ==, 0);
    }
  g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM audit_log a WHERE record_table IN ('feedback','notices') "
                                          "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = a.record_id)", NULL), ==, 0);
}

static void
test_crash_kill9 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  guint runs = g_test_slow () ? 200 : 50;
  guint total_reported = 0;

  g_assert_no_error (error);
  {
    g_autoptr(YiStore) store = yi_store_open (path, &error);
    g_assert_no_error (error);
  }

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GString) reported = g_string_new (NULL);
      int fds[2];
      pid_t pid;
      int status;
      char buf[4096];
      ssize_t n;
      gint64 deadline;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (path, fds[1]);
        }
      close (fds[1]);

      /* Half the runs pull the plug at any moment from the start (while
       * the store opens and recovers the last run's WAL); the others only
       * once a record is confirmed, so that records are confirmed however
       * slow the build (a sanitised one under load takes longer than the
       * longest moment just to open the store). */
      if (run % 2 == 1)
        {
          struct pollfd ready = { fds[0], POLLIN, 0 };

          g_assert_cmpint (poll (&ready, 1, 30000), ==, 1);
        }
      /* Let it run for a random moment, then pull the plug. */
      deadline = g_get_monotonic_time () + g_test_rand_int_range (2000, 60000);
      while (g_get_monotonic_time () < deadline)
        g_usleep (500);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      while ((n = read (fds[0], buf, sizeof buf)) > 0)
        g_string_append_len (reported, buf, n);
      close (fds[0]);

      for (const char *p = reported->str; *p; p++)
        total_reported += *p == '\n';
      check_after_crash (path, reported);
    }
  g_test_message ("%u runs, %u records confirmed before the kill, all found", runs, total_reported);
  g_assert_cmpuint (total_reported, >, 0);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-9-while-writing", test_crash_kill9);
  return g_test_run ();
}
