#include "config.h"

#include "yi-sync-test-util.h"

#include <signal.h>
#include <sys/prctl.h>

const char *
yi_test_program (const char *env_name)
{
  const char *path = g_getenv (env_name);

  g_assert_nonnull (path);
  return path;
}

static GPtrArray *
collect_args (const char *first,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* If the test dies, so do the servers and kiosks it started. */
void
yi_test_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
yi_test_spawn (GSubprocessFlags   flags,
               const char * const *argv,
               GError           **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, yi_test_die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

GSubprocess *
yi_test_spawn_url (char       **url,
                   const char  *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  argv = collect_args (first, args);
  va_end (args);
  process = yi_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *url = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
  if (*url == NULL)
    {
      g_subprocess_wait (process, NULL, NULL);
      return NULL;
    }
  return g_steal_pointer (&process);
}

char *
yi_test_run (int        *status,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;
  int dummy;

  if (status == NULL)
    status = &dummy;
  va_start (args, first);
  argv = collect_args (first, args);
  va_end (args);
  process = yi_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (*status != 0)
    {
      g_test_message ("%s failed (%d): %s", first, *status, err);
      return NULL;
    }
  return g_strdup (g_strstrip (out));
}

void
yi_test_kill (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
}

guint16
yi_test_url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint16) g_uri_get_port (uri);
}
