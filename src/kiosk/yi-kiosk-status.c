#include "config.h"

#include "yi-kiosk-status.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  int      fd;
  gboolean ready;
} Status;

static void
write_line (Status     *status,
            const char *line)
{
  gsize len = strlen (line);
  gsize done = 0;

  while (done < len)
    {
      gssize n = write (status->fd, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          /* the reader went away: the kiosk goes on without it */
          g_message ("Stopped writing status lines: %s", g_strerror (errno));
          status->fd = -1;
          return;
        }
      done += n;
    }
}

static void
on_shown (YiWindow   *window,
          const char *page,
          const char *uid,
          const char *outcome,
          const char *event_id,
          Status     *status)
{
  g_autofree char *line = NULL;

  if (status->fd < 0)
    return;
  if (!status->ready)
    {
      if (g_strcmp0 (page, "board") != 0)
        return;
      status->ready = TRUE;
      line = g_strdup_printf ("ready %ld\n", (long) getpid ());
    }
  else if (outcome != NULL)
    line = g_strdup_printf ("shown %s %s %s %s\n", page, uid, outcome, event_id != NULL ? event_id : "-");
  else if (uid != NULL)
    line = g_strdup_printf ("shown %s %s\n", page, uid);
  else
    line = g_strdup_printf ("shown %s\n", page);
  write_line (status, line);
}

static void
status_free (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

void
yi_kiosk_status_watch (YiWindow *window,
                       int       fd)
{
  Status *status = g_new0 (Status, 1);

  g_return_if_fail (YI_IS_WINDOW (window));
  g_return_if_fail (fd >= 0);

  status->fd = fd;
  /* neither the speech program nor anything else the kiosk starts holds it */
  fcntl (fd, F_SETFD, fcntl (fd, F_GETFD) | FD_CLOEXEC);
  /* a reader that goes away must not take the kiosk with it */
  signal (SIGPIPE, SIG_IGN);
  g_signal_connect_data (window, "shown", G_CALLBACK (on_shown), status, status_free, 0);
}
