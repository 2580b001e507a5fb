#include "config.h"

#include "yi-i18n.h"
#include "yi-admin.h"
#include "yi-domain.h"
#include "yi-pin.h"
#include "yi-store.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static char *opt_db;

YiStore *
yi_admin_open_store (GError **error)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : yi_store_default_path ();

  return yi_store_open (path, error);
}

/* Reads a PIN without echo from the terminal, or a line from a pipe. */
char *
yi_admin_read_secret (const char *prompt)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buf[128];

  if (tty)
    {
      fputs (prompt, stderr);
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (buf, sizeof buf, stdin) == NULL)
    buf[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
      fputc ('\n', stderr);
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  return g_strdup (buf);
}

static int
cmd_init (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = yi_admin_open_store (error);

  if (store == NULL)
    return 1;
  g_print (_("Database ready: %s (schema %d, device %s)\n"),
           yi_store_get_path (store), yi_store_get_version (store),
           yi_store_get_device_id (store));
  return 0;
}

static int
cmd_issue_card (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autofree char *elder = NULL;
  g_autofree char *card = NULL;

  if (argc != 3)
    {
      g_printerr (_("Usage: yiyang-admin issue-card ELDER-ID-NUMBER UID\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  elder = yi_store_find_elder_by_id_number (store, argv[1]);
  if (elder == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   _("No elder is registered with that ID number"));
      return 1;
    }
  card = yi_store_issue_card (store, argv[2], elder, NULL, error);
  if (card == NULL)
    return 1;
  g_print (_("Card issued.\n"));
  return 0;
}

static int
cmd_revoke_card (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;

  if (argc < 2 || argc > 3)
    {
      g_printerr (_("Usage: yiyang-admin revoke-card UID [REASON]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (!yi_store_revoke_card (store, argv[1], argc == 3 ? argv[2] : "lost", error))
    return 1;
  g_print (_("Card revoked.\n"));
  return 0;
}

static int
cmd_add_staff (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *again = NULL;
  g_autofree char *id = NULL;

  if (argc != 3)
    {
      g_printerr (_("Usage: yiyang-admin add-staff NAME ROLE   (roles: admin, staff, kitchen, health, volunteer; the PIN is asked for)\n"));
      return 2;
    }
  if (!yi_staff_role_is_known (argv[2]))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Unknown role “%s”: use admin, staff, kitchen, health or volunteer"), argv[2]);
      return 1;
    }
  pin = yi_admin_read_secret (_("PIN (4–12 digits): "));
  if (!yi_pin_is_acceptable (pin, error))
    return 1;
  if (isatty (STDIN_FILENO))
    {
      again = yi_admin_read_secret (_("The same PIN again: "));
      if (g_strcmp0 (pin, again) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The two PINs differ; nothing was saved"));
          return 1;
        }
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  id = yi_store_add_staff (store, argv[1], argv[2], pin, error);
  if (id == NULL)
    return 1;
  g_print (_("Staff member added: %s\n"), id);
  return 0;
}

static int
cmd_backup (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;

  if (argc != 2)
    {
      g_printerr (_("Usage: yiyang-admin backup DEST\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (!yi_store_backup (store, argv[1], error))
    return 1;
  g_print (_("Backup written to %s\n"), argv[1]);
  return 0;
}

static const YiAdminCommand builtin_commands[] = {
  { "init", N_("Create or upgrade the database"), cmd_init },
  { "issue-card", N_("Bind a card to an elder: ELDER-ID-NUMBER UID"), cmd_issue_card },
  { "revoke-card", N_("Revoke a lost or returned card: UID [REASON]"), cmd_revoke_card },
  { "add-staff", N_("Add a staff member: NAME ROLE (the PIN is asked for)"), cmd_add_staff },
  { "backup", N_("Copy the database safely while the kiosk runs: DEST"), cmd_backup },
};

static const YiAdminCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_commands); i++)
    if (strcmp (builtin_commands[i].name, name) == 0)
      return &builtin_commands[i];
  for (const YiAdminCommand *c = yi_admin_extra_commands (); c && c->name; c++)
    if (strcmp (c->name, name) == 0)
      return c;
  return NULL;
}

static char *
commands_summary (void)
{
  GString *s = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (builtin_commands); i++)
    g_string_append_printf (s, "  %-14s %s\n", builtin_commands[i].name, _(builtin_commands[i].summary));
  for (const YiAdminCommand *c = yi_admin_extra_commands (); c && c->name; c++)
    g_string_append_printf (s, "  %-14s %s\n", c->name, _(c->summary));
  return g_string_free (s, FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const YiAdminCommand *cmd;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("Database file (default: the kiosk's)"), N_("PATH") },
    { NULL }
  };
  int rc;

  yi_i18n_init ();

  ctx = g_option_context_new (_("COMMAND [ARGUMENTS…] — look after a Yiyang centre's database"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (ctx, TRUE);
  summary = commands_summary ();
  g_option_context_set_description (ctx, summary);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("yiyang-admin: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }
  cmd = find_command (argv[1]);
  if (cmd == NULL)
    {
      g_printerr (_("yiyang-admin: unknown command “%s”\n%s"), argv[1], summary);
      return 2;
    }
  rc = cmd->run (argc - 1, argv + 1, &error);
  if (error != NULL)
    g_printerr ("yiyang-admin %s: %s\n", cmd->name, error->message);
  g_free (opt_db);
  return rc;
}
