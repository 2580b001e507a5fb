#include "config.h"

#include "yi-i18n.h"
#include "yi-district-db.h"
#include "yi-district-reports.h"
#include "yi-district-server.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <sys/resource.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *opt_db;
static char *opt_listen;
static char *opt_tls_cert;
static char *opt_tls_key;
static gboolean opt_allow_http;
static gboolean opt_verbose;

typedef struct {
  const char *name;
  const char *usage;
  const char *summary;
  int         min_args;
  int         max_args;
  int       (*run) (YiDistrictDb *db, char **args, GError **error);
} Command;

static char *
default_db_path (void)
{
  /* systemd's StateDirectory= tells the service where its state lives. */
  const char *state = g_getenv ("STATE_DIRECTORY");

  if (state != NULL && *state != '\0')
    {
      g_auto(GStrv) dirs = g_strsplit (state, ":", 2);
      return g_build_filename (dirs[0], "district.db", NULL);
    }
  return g_build_filename (g_get_user_data_dir (), "yiyang", "district.db", NULL);
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((level & G_LOG_LEVEL_DEBUG) && !opt_verbose)
    return G_LOG_WRITER_HANDLED;
  if ((level & G_LOG_LEVEL_INFO) && !opt_verbose && !g_log_writer_is_journald (fileno (stderr)))
    return G_LOG_WRITER_HANDLED;
  if (g_log_writer_is_journald (fileno (stderr)) &&
      g_log_writer_journald (level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;
  {
    g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

    fprintf (stderr, "%s\n", line);
    fflush (stderr);
  }
  return G_LOG_WRITER_HANDLED;
}

static gboolean
is_loopback_address (const char *address)
{
  return g_str_has_prefix (address, "127.") || g_str_has_prefix (address, "localhost:") ||
         g_str_has_prefix (address, "[::1]:");
}

typedef struct {
  GMainLoop        *loop;
  YiDistrictServer *server;
} ServeState;

static gboolean
on_stopped (gpointer data)
{
  g_main_loop_quit (((ServeState *) data)->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer data)
{
  ServeState *state = data;

  yi_district_server_shutdown (state->server, 10000, on_stopped, state);
  return G_SOURCE_CONTINUE;
}

/* Every kiosk connected at once holds a socket: a city's morning is
 * thousands, past the usual soft limit of 1024 open files. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_debug ("Could not raise the open-file limit: %s", g_strerror (errno));
    }
}

static int
cmd_serve (YiDistrictDb  *db,
           char         **args,
           GError       **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(YiDistrictServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  const char *listen = opt_listen ? opt_listen : "127.0.0.1:8787";
  ServeState state;
  guint sigterm, sigint;

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Give both --tls-cert and --tls-key, or neither"));
      return 2;
    }
  if (opt_tls_cert == NULL && !is_loopback_address (listen) && !opt_allow_http)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Refusing to send device tokens unencrypted on %s: give --tls-cert and --tls-key, "
                     "or --allow-http if a TLS proxy sits in front of this server"), listen);
      return 2;
    }
  if (opt_tls_cert != NULL &&
      (cert = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, error)) == NULL)
    {
      g_prefix_error (error, _("Cannot load the TLS certificate: "));
      return 1;
    }
  if (!yi_district_db_lock (db, error) || !yi_district_db_catch_up_all (db, error))
    return 1;
  raise_file_limit ();

  server = yi_district_server_new (db, cert);
  if ((url = yi_district_server_listen (server, listen, error)) == NULL)
    return 1;

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.server = server;
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &state);
  sigint = g_unix_signal_add (SIGINT, on_signal, &state);

  /* Scripts and tests read the URL from the first line of output. */
  g_print ("%s\n", url);
  fflush (stdout);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "Serving %s from %s", url, yi_district_db_get_path (db),
                    "YIYANG_URL", url);
  g_main_loop_run (loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);
  return 0;
}

static int
cmd_add_centre (YiDistrictDb *db, char **args, GError **error)
{
  g_autofree char *id = yi_district_db_add_centre (db, args[0], args[1], error);

  if (id == NULL)
    return 1;
  g_print ("%s\n", id);
  return 0;
}

static int
cmd_list_centres (YiDistrictDb *db, char **args, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!yi_district_db_list_centres (db, out, error))
    return 1;
  g_print (_("# centre id\tname\ttime zone\tactive devices\tchanges received\n%s"), out->str);
  return 0;
}

static int
cmd_enrolment_code (YiDistrictDb *db, char **args, GError **error)
{
  gint64 hours = 72;
  g_autofree char *code = NULL;

  if (args[1] != NULL && !g_ascii_string_to_signed (args[1], 10, 1, 24 * 90, &hours, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("HOURS must be a whole number from 1 to 2160"));
      return 2;
    }
  code = yi_district_db_new_enrolment_code (db, args[0], (int) hours, error);
  if (code == NULL)
    return 1;
  g_print ("%s\n", code);
  return 0;
}

static int
cmd_list_devices (YiDistrictDb *db, char **args, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!yi_district_db_list_devices (db, out, error))
    return 1;
  g_print (_("# device id\tcentre id\tname\tenrolled\tstate\tlast seen\n%s"), out->str);
  return 0;
}

static int
cmd_revoke_device (YiDistrictDb *db, char **args, GError **error)
{
  if (!yi_district_db_revoke_device (db, args[0], error))
    return 1;
  g_print (_("Device %s revoked; its token no longer works.\n"), args[0]);
  return 0;
}

static int
cmd_load_registry (YiDistrictDb *db, char **args, GError **error)
{
  int n = yi_district_db_load_registry (db, args[0], args[1], error);

  if (n < 0)
    return 1;
  g_print (_("%d elder records added or changed; the centre's kiosks receive them at their next sync.\n"), n);
  return 0;
}

static int
cmd_load_policy (YiDistrictDb *db, char **args, GError **error)
{
  int n = yi_district_db_load_policy (db, args[0], args[1], error);

  if (n < 0)
    return 1;
  g_print (n ? _("Policy published; the centre's kiosks receive it at their next sync.\n")
             : _("The centre already has this policy; nothing changed.\n"));
  return 0;
}

static int
cmd_rejections (YiDistrictDb *db, char **args, GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!yi_district_db_list_rejections (db, out, error))
    return 1;
  g_print (_("# received\tcentre\tdevice\ttable\trecord\treason\n%s"), out->str);
  return 0;
}

static int
cmd_report (YiDistrictDb *db, char **args, GError **error)
{
  g_autoptr(YiReport) report = NULL;
  const char *centre = g_strcmp0 (args[0], "all") == 0 ? NULL : args[0];
  const char *dot = strrchr (args[3], '.');
  YiReportFormat format;

  if (dot == NULL || !yi_report_format_parse (dot + 1, &format, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Name the output FILE.xlsx, FILE.csv or FILE.pdf; its ending chooses the format"));
      return 2;
    }
  report = yi_district_report (db, centre, args[1], args[2], error);
  if (report == NULL || !yi_report_export (report, format, args[3], error))
    return 1;
  g_print (_("Report written to %s\n"), args[3]);
  return 0;
}

static const Command commands[] = {
  { "serve", "", N_("Serve kiosks (the default)"), 0, 0, cmd_serve },
  { "add-centre", N_("NAME [TIMEZONE]"), N_("Create a centre; prints its id"), 1, 2, cmd_add_centre },
  { "list-centres", "", N_("List centres"), 0, 0, cmd_list_centres },
  { "enrolment-code", N_("CENTRE-ID [HOURS]"), N_("Make a one-time code that enrols one kiosk (valid 72 hours unless HOURS)"), 1, 2, cmd_enrolment_code },
  { "list-devices", "", N_("List enrolled devices"), 0, 0, cmd_list_devices },
  { "revoke-device", N_("DEVICE-ID"), N_("Revoke a device's token"), 1, 1, cmd_revoke_device },
  { "load-registry", N_("CENTRE-ID FILE.json"), N_("Publish the elder registry to a centre"), 2, 2, cmd_load_registry },
  { "load-policy", N_("CENTRE-ID FILE.json"), N_("Publish a subsidy policy document to a centre"), 2, 2, cmd_load_policy },
  { "rejections", "", N_("List changes the district refused, with reasons"), 0, 0, cmd_rejections },
  { "report", N_("CENTRE-ID|all FROM TO FILE"), N_("Statistics for one centre or the whole district, FROM and TO as YYYY-MM-DD, into FILE.xlsx, .csv or .pdf"), 4, 4, cmd_report },
};

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiDistrictDb) db = NULL;
  g_autoptr(GString) summary = g_string_new (_("Commands:\n"));
  g_autofree char *path = NULL;
  const Command *cmd = &commands[0];
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("District database (default: $STATE_DIRECTORY/district.db)"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, N_("Address to serve on (default 127.0.0.1:8787)"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, N_("TLS private key (PEM)"), N_("FILE") },
    { "allow-http", 0, 0, G_OPTION_ARG_NONE, &opt_allow_http, N_("Serve plain HTTP on a non-loopback address (behind a TLS proxy)"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, N_("Log every request"), NULL },
    { NULL }
  };
  int nargs;
  int rc;

  yi_i18n_init ();
  g_log_set_writer_func (log_writer, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "  %-15s %-22s %s\n", commands[i].name, _(commands[i].usage), _(commands[i].summary));
  ctx = g_option_context_new (_("[COMMAND [ARGUMENTS…]] — the district server for Yiyang centres"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (ctx, summary->str);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("yiyang-district: %s\n", error->message);
      return 2;
    }
  if (argc >= 2)
    {
      cmd = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (commands[i].name, argv[1]) == 0)
          cmd = &commands[i];
      if (cmd == NULL)
        {
          g_printerr (_("yiyang-district: unknown command “%s”\n%s"), argv[1], summary->str);
          return 2;
        }
    }
  nargs = argc >= 2 ? argc - 2 : 0;
  if (nargs < cmd->min_args || nargs > cmd->max_args)
    {
      g_printerr (_("Usage: yiyang-district [--db PATH] %s %s\n"), cmd->name, _(cmd->usage));
      return 2;
    }

  path = opt_db ? g_strdup (opt_db) : default_db_path ();
  if ((db = yi_district_db_open (path, &error)) == NULL)
    {
      g_printerr ("yiyang-district: %s\n", error->message);
      return 1;
    }
  {
    char *args[5] = { NULL, NULL, NULL, NULL, NULL };  /* max_args + 1 */

    for (int i = 0; i < nargs; i++)
      args[i] = argv[2 + i];
    rc = cmd->run (db, args, &error);
  }
  if (error != NULL)
    g_printerr ("yiyang-district %s: %s\n", cmd->name, error->message);
  return rc;
}
