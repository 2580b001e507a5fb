#include "config.h"

#include "yi-application.h"
#include "yi-card-readers.h"
#include "yi-kiosk-resources.h"
#include "yi-kiosk-status.h"
#include "yi-kiosk-sync.h"
#include "yi-ready-notify.h"
#include "yi-settings-page.h"
#include "yi-wal-checkpointer.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>

struct _YiApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  YiStore        *store;
  YiFeedback     *feedback;
  YiCardReaders  *readers;
  YiSyncEngine   *sync;
  GError         *open_error;
  guint           signal_ids[2];
  char           *database_path;
  gboolean        windowed;
  int             width;
  int             height;
  int             status_fd;
};

G_DEFINE_FINAL_TYPE (YiApplication, yi_application, ADW_TYPE_APPLICATION)

YiStore *
yi_application_get_store (YiApplication *self)
{
  return self->store;
}

YiFeedback *
yi_application_get_feedback (YiApplication *self)
{
  return self->feedback;
}

YiWindow *
yi_application_get_window (YiApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (YI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

void
yi_application_set_database_path (YiApplication *self,
                                  const char    *path)
{
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

void
yi_application_set_windowed (YiApplication *self,
                             gboolean       windowed)
{
  self->windowed = windowed;
}

void
yi_application_set_window_size (YiApplication *self,
                                int            width,
                                int            height)
{
  self->width = width;
  self->height = height;
}

static void
tap_card_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  YiApplication *self = user_data;
  YiWindow *window = yi_application_get_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = yi_application_get_window (self);
    }
  if (window == NULL)
    return;  /* the database could not be opened; that screen stays */
  yi_window_handle_tap (window, g_variant_get_string (parameter, NULL));
}

YiCardReaders *
yi_application_get_readers (YiApplication *self)
{
  return self->readers;
}

YiSyncEngine *
yi_application_get_sync_engine (YiApplication *self)
{
  return self->sync;
}

/* The one way the kiosk ends: the quit action (only bound to a key with
 * --windowed), SIGTERM or SIGINT from whoever runs it. */
void
yi_application_quit (YiApplication *self)
{
  g_return_if_fail (YI_IS_APPLICATION (self));

  if (self->readers != NULL)
    yi_card_readers_stop (self->readers);
  if (self->sync != NULL)
    yi_sync_engine_stop (self->sync);
  g_application_quit (G_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  yi_application_quit (user_data);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_message ("Asked to stop: closing the kiosk");
  yi_application_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_card_tapped (YiApplication *self,
                const char    *uid)
{
  YiWindow *window = yi_application_get_window (self);

  if (window != NULL)
    yi_window_handle_tap (window, uid);
}

static void
show_reader_status (YiApplication *self)
{
  YiWindow *window = yi_application_get_window (self);

  if (window != NULL && self->readers != NULL)
    yi_staff_view_set_reader_status (yi_window_get_staff_view (window),
                                     yi_card_readers_get_status_message (self->readers));
}

static void
show_sync_status (YiApplication *self)
{
  YiWindow *window = yi_application_get_window (self);
  g_autofree char *text = NULL;
  gboolean warning = FALSE;

  if (window == NULL)
    return;
  if (self->sync != NULL)
    text = yi_kiosk_sync_describe (self->sync, yi_store_get_timezone (self->store), &warning);
  else
    text = g_strdup (_("Not enrolled with a district: records stay on this kiosk (yiyang-admin enrol URL CODE)"));
  yi_staff_view_set_sync_status (yi_window_get_staff_view (window), text, warning);
}

static GtkWidget *
build_settings_page (gpointer settings)
{
  return yi_settings_page_new (settings);
}

static void
show_open_error (YiApplication *self)
{
  GtkWidget *window = gtk_application_window_new (GTK_APPLICATION (self));
  GtkWidget *page = adw_status_page_new ();

  g_printerr ("%s\n", self->open_error->message);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "yi-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("The kiosk cannot open its records"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), self->open_error->message);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

static void
yi_application_activate (GApplication *app)
{
  YiApplication *self = YI_APPLICATION (app);
  YiWindow *window = yi_application_get_window (self);

  if (self->store == NULL)
    {
      if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
        show_open_error (self);
      return;
    }
  if (window == NULL)
    {
      window = yi_window_new (GTK_APPLICATION (self), self->store, self->settings, self->feedback);
      if (self->width > 0 && self->height > 0)
        gtk_window_set_default_size (GTK_WINDOW (window), self->width, self->height);
      if (!self->windowed)
        {
          /* a bare X session with no window manager ignores fullscreen:
           * start the size of the screen anyway */
          GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
          g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;
          GdkRectangle geometry;

          if (monitor != NULL && self->width <= 0)
            {
              gdk_monitor_get_geometry (monitor, &geometry);
              gtk_window_set_default_size (GTK_WINDOW (window), geometry.width, geometry.height);
            }
          gtk_window_fullscreen (GTK_WINDOW (window));
          yi_window_set_locked_down (window, TRUE);
        }
      yi_staff_view_add_page (yi_window_get_staff_view (window), "settings", C_("staff", "Settings"),
                              "admin", build_settings_page, g_object_ref (self->settings), g_object_unref);
      if (self->status_fd >= 0)
        yi_kiosk_status_watch (window, self->status_fd);
      yi_card_readers_start (self->readers, GTK_WIDGET (window));
      yi_ready_notify_watch (window, self->readers);
      show_reader_status (self);
      show_sync_status (self);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
yi_application_startup (GApplication *app)
{
  YiApplication *self = YI_APPLICATION (app);
  g_autofree char *path = self->database_path ? g_strdup (self->database_path) : yi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  static const GActionEntry actions[] = {
    { "tap-card", tap_card_action, "s" },
    { "quit", quit_action },
  };
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (yi_application_parent_class)->startup (app);

  /* the kiosk's own palette is made for elders' eyes, not the desktop's */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  /* a key that closes the kiosk is for development only: in a centre it
   * would drop an elder onto the desktop */
  if (self->windowed)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  self->signal_ids[0] = g_unix_signal_add (SIGTERM, on_quit_signal, self);
  self->signal_ids[1] = g_unix_signal_add (SIGINT, on_quit_signal, self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&self->open_error, G_IO_ERROR, g_io_error_from_errno (errno),
                 _("Cannot make the folder %s for the records: %s"), dir, g_strerror (errno));
  else
    self->store = yi_store_open (path, &self->open_error);
  self->feedback = yi_feedback_new (self->settings);
  if (self->store == NULL)
    return;
  /* A tap reads a few pages, which the system's file cache keeps anyway:
   * 2 MiB of SQLite's own cache instead of the 32 MiB meant for imports
   * keeps the kiosk's memory small and flat however many elders tap. */
  yi_store_set_page_cache (self->store, 2048);
  yi_wal_checkpointer_attach (self->store);

  self->readers = yi_card_readers_new (self->settings);
  g_signal_connect_swapped (self->readers, "card-tapped", G_CALLBACK (on_card_tapped), self);
  g_signal_connect_swapped (self->readers, "notify::status-message", G_CALLBACK (show_reader_status), self);
  self->sync = yi_kiosk_sync_start (self->store);
  if (self->sync != NULL)
    g_signal_connect_swapped (self->sync, "notify", G_CALLBACK (show_sync_status), self);
}

static void
yi_application_shutdown (GApplication *app)
{
  YiApplication *self = YI_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  if (self->readers != NULL)
    yi_card_readers_stop (self->readers);
  if (self->sync != NULL)
    yi_sync_engine_stop (self->sync);
  G_APPLICATION_CLASS (yi_application_parent_class)->shutdown (app);
}

static gint
yi_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  YiApplication *self = YI_APPLICATION (app);
  const char *db = NULL;
  const char *size = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *absolute = g_path_is_absolute (db) ? g_strdup (db) : g_build_filename (cwd, db, NULL);

      yi_application_set_database_path (self, absolute);
    }
  if (g_variant_dict_contains (options, "windowed"))
    self->windowed = TRUE;
  if (g_variant_dict_lookup (options, "size", "&s", &size))
    {
      if (sscanf (size, "%dx%d", &self->width, &self->height) != 2 || self->width < 1 || self->height < 1)
        {
          g_printerr (_("Give the window size as WIDTHxHEIGHT, for example 1920x1080\n"));
          return 2;
        }
      self->windowed = TRUE;
    }
  if (g_variant_dict_lookup (options, "status-fd", "i", &self->status_fd) &&
      (self->status_fd < 0 || fcntl (self->status_fd, F_GETFD) < 0))
    {
      g_printerr (_("--status-fd needs a file descriptor the kiosk was started with\n"));
      return 2;
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("yiyang-kiosk %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
yi_application_dispose (GObject *object)
{
  YiApplication *self = YI_APPLICATION (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  if (self->readers != NULL)
    g_signal_handlers_disconnect_by_data (self->readers, self);
  g_clear_object (&self->readers);
  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      yi_sync_engine_stop (self->sync);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->feedback);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->database_path, g_free);
  G_OBJECT_CLASS (yi_application_parent_class)->dispose (object);
}

static void
yi_application_class_init (YiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = yi_application_dispose;
  app_class->activate = yi_application_activate;
  app_class->startup = yi_application_startup;
  app_class->shutdown = yi_application_shutdown;
  app_class->handle_local_options = yi_application_handle_local_options;

  /* keeps the linker from dropping the templates out of the static library */
  (void) yi_kiosk_get_resource ();
}

static void
yi_application_init (YiApplication *self)
{
  self->status_fd = -1;
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The centre's database (default: in the user's data folder)"), N_("PATH") },
    { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open in a window instead of filling the screen (for development)"), NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open in a window of this size, to check the layout for another screen"), N_("WIDTHxHEIGHT") },
    { "status-fd", 0, 0, G_OPTION_ARG_INT, NULL, N_("Write a line to this file descriptor whenever the screen shows something new (for supervisors and tests)"), N_("FD") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The elder-facing kiosk of a day-care centre: tap a card to check in."));
}

YiApplication *
yi_application_new (GSettings *settings)
{
  YiApplication *self = g_object_new (YI_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_DEFAULT_FLAGS,
                                      NULL);

  self->settings = g_object_ref (settings);
  return self;
}
