#include "pn532-emulator-client.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

struct _Pn532Emulator
{
  char              *dir;
  char              *link;
  char              *control;
  char              *connstring;
  GSubprocess       *process;
  GSocketConnection *connection;
  GDataInputStream  *replies;
};

/* An emulator must not outlive a test that failed half-way. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

Pn532Emulator *
pn532_emulator_spawn (GError **error)
{
  g_autoptr(Pn532Emulator) emu = g_new0 (Pn532Emulator, 1);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("PN532_EMULATOR");

  if (program == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "PN532_EMULATOR is not set to the emulator program");
      return NULL;
    }
  emu->dir = g_dir_make_tmp ("yiyang-pn532-XXXXXX", error);
  if (emu->dir == NULL)
    return NULL;
  emu->link = g_build_filename (emu->dir, "ttyPN532", NULL);
  emu->control = g_build_filename (emu->dir, "control", NULL);
  emu->connstring = g_strconcat ("pn532_uart:", emu->link, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  emu->process = g_subprocess_launcher_spawn (launcher, error, program,
                                              "--link", emu->link, "--control", emu->control, NULL);
  if (emu->process == NULL)
    return NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (emu->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "PTY "))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the emulator did not start");
      return NULL;
    }

  client = g_socket_client_new ();
  address = g_unix_socket_address_new (emu->control);
  emu->connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, error);
  if (emu->connection == NULL)
    return NULL;
  emu->replies = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (emu->connection)));
  return g_steal_pointer (&emu);
}

void
pn532_emulator_free (Pn532Emulator *emu)
{
  if (emu == NULL)
    return;
  if (emu->connection != NULL)
    {
      g_autofree char *reply = pn532_emulator_command (emu, "quit", NULL);
    }
  g_clear_object (&emu->replies);
  g_clear_object (&emu->connection);
  if (emu->process != NULL)
    {
      if (!g_subprocess_wait (emu->process, NULL, NULL))
        g_subprocess_force_exit (emu->process);
      g_object_unref (emu->process);
    }
  if (emu->link != NULL)
    g_unlink (emu->link);
  if (emu->control != NULL)
    g_unlink (emu->control);
  if (emu->dir != NULL)
    g_rmdir (emu->dir);
  g_free (emu->dir);
  g_free (emu->link);
  g_free (emu->control);
  g_free (emu->connstring);
  g_free (emu);
}

const char *
pn532_emulator_connstring (Pn532Emulator *emu)
{
  return emu->connstring;
}

const char *
pn532_emulator_link (Pn532Emulator *emu)
{
  return emu->link;
}

char *
pn532_emulator_command (Pn532Emulator  *emu,
                        const char     *command,
                        GError        **error)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (emu->connection));
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *reply = NULL;

  if (!g_output_stream_write_all (out, line, strlen (line), NULL, NULL, error))
    return NULL;
  reply = g_data_input_stream_read_line (emu->replies, NULL, NULL, error);
  if (reply == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "the emulator closed the control socket");
      return NULL;
    }
  if (!g_str_has_prefix (reply, "OK"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "emulator: %s", reply);
      return NULL;
    }
  return g_strdup (g_strchug (reply + 2));
}

void
pn532_emulator_do (Pn532Emulator *emu,
                   const char    *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = pn532_emulator_command (emu, command, &error);

  g_assert_no_error (error);
}
