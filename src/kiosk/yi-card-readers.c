#include "config.h"

#include "yi-card-readers.h"
#include "yi-reader.h"
#include "yi-wedge-controller.h"
#include "yi-settings.h"

#include <glib/gi18n.h>

struct _YiCardReaders
{
  GObject             parent_instance;

  GSettings          *settings;
  GtkWidget          *window;       /* not owned: the readers live as long as it */
  YiReader           *nfc;
  YiReader           *wedge;
  GtkEventController *wedge_controller;
  char               *connstring;
  char               *status_message;
  gboolean            started;
};

G_DEFINE_FINAL_TYPE (YiCardReaders, yi_card_readers, G_TYPE_OBJECT)

enum { PROP_0, PROP_STATUS_MESSAGE, N_PROPS };
enum { CARD_TAPPED, N_SIGNALS };
static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_status (YiCardReaders *self)
{
  g_autofree char *message = NULL;
  const char *nfc;

  if (self->nfc != NULL)
    nfc = yi_reader_get_status_message (self->nfc);
  else
    nfc = _("NFC reader turned off in the settings");
  if (self->wedge != NULL)
    /* Translators: the NFC reader's state, then a note on USB readers */
    message = g_strdup_printf (_("%s · USB card readers accepted"), nfc ? nfc : "");
  else
    message = g_strdup (nfc ? nfc : "");
  if (g_strcmp0 (message, self->status_message) == 0)
    return;
  g_free (self->status_message);
  self->status_message = g_steal_pointer (&message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_MESSAGE]);
}

static void
on_card_tapped (YiReader      *reader,
                const char    *uid,
                YiCardReaders *self)
{
  g_signal_emit (self, signals[CARD_TAPPED], 0, uid);
}

static void
drop_readers (YiCardReaders *self)
{
  if (self->nfc != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->nfc, self);
      yi_reader_stop (self->nfc);
      g_clear_object (&self->nfc);
    }
  if (self->wedge_controller != NULL && self->window != NULL)
    gtk_widget_remove_controller (self->window, self->wedge_controller);
  self->wedge_controller = NULL;
  if (self->wedge != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->wedge, self);
      g_clear_object (&self->wedge);
    }
  g_clear_pointer (&self->connstring, g_free);
}

static void
make_readers (YiCardReaders *self)
{
  g_autofree char *connstring = g_settings_get_string (self->settings, YI_SETTING_READER_CONNSTRING);
  guint debounce = (guint) g_settings_get_int (self->settings, YI_SETTING_READER_DEBOUNCE);

  drop_readers (self);
  g_strstrip (connstring);
  if (g_ascii_strcasecmp (connstring, "none") != 0)
    {
      self->connstring = g_strdup (connstring);
      self->nfc = yi_nfc_reader_new (connstring, debounce);
      g_signal_connect (self->nfc, "card-tapped", G_CALLBACK (on_card_tapped), self);
      g_signal_connect_swapped (self->nfc, "notify::status-message", G_CALLBACK (update_status), self);
      yi_reader_start (self->nfc);
    }
  if (g_settings_get_boolean (self->settings, YI_SETTING_WEDGE_READER))
    {
      self->wedge = yi_wedge_reader_new (YI_WEDGE_DEFAULT_MAX_GAP_MS);
      g_signal_connect (self->wedge, "card-tapped", G_CALLBACK (on_card_tapped), self);
      yi_reader_start (self->wedge);
      if (self->window != NULL)
        {
          self->wedge_controller = yi_wedge_controller_new (YI_WEDGE_READER (self->wedge));
          gtk_widget_add_controller (self->window, self->wedge_controller);
        }
    }
  update_status (self);
}

static void
on_setting_changed (YiCardReaders *self)
{
  if (self->started)
    make_readers (self);
}

void
yi_card_readers_start (YiCardReaders *self,
                       GtkWidget     *window)
{
  g_return_if_fail (YI_IS_CARD_READERS (self));

  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = window;
  if (window != NULL)
    g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->started = TRUE;
  make_readers (self);
}

void
yi_card_readers_stop (YiCardReaders *self)
{
  g_return_if_fail (YI_IS_CARD_READERS (self));

  self->started = FALSE;
  drop_readers (self);
}

const char *
yi_card_readers_get_status_message (YiCardReaders *self)
{
  g_return_val_if_fail (YI_IS_CARD_READERS (self), NULL);
  return self->status_message;
}

gboolean
yi_card_readers_nfc_ready (YiCardReaders *self)
{
  g_return_val_if_fail (YI_IS_CARD_READERS (self), FALSE);
  return self->nfc != NULL && yi_reader_get_status (self->nfc) == YI_READER_STATUS_CONNECTED;
}

gboolean
yi_card_readers_nfc_searching (YiCardReaders *self)
{
  YiReaderStatus status;

  g_return_val_if_fail (YI_IS_CARD_READERS (self), FALSE);
  if (self->nfc == NULL)
    return FALSE;
  status = yi_reader_get_status (self->nfc);
  return status == YI_READER_STATUS_SEARCHING || status == YI_READER_STATUS_STOPPED;
}

const char *
yi_card_readers_get_connstring (YiCardReaders *self)
{
  g_return_val_if_fail (YI_IS_CARD_READERS (self), NULL);
  return self->connstring;
}

static void
yi_card_readers_dispose (GObject *object)
{
  YiCardReaders *self = YI_CARD_READERS (object);

  yi_card_readers_stop (self);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yi_card_readers_parent_class)->dispose (object);
}

static void
yi_card_readers_finalize (GObject *object)
{
  YiCardReaders *self = YI_CARD_READERS (object);

  g_free (self->status_message);
  G_OBJECT_CLASS (yi_card_readers_parent_class)->finalize (object);
}

static void
yi_card_readers_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YiCardReaders *self = YI_CARD_READERS (object);

  switch (prop_id)
    {
    case PROP_STATUS_MESSAGE:
      g_value_set_string (value, self->status_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_card_readers_class_init (YiCardReadersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yi_card_readers_dispose;
  object_class->finalize = yi_card_readers_finalize;
  object_class->get_property = yi_card_readers_get_property;

  properties[PROP_STATUS_MESSAGE] =
    g_param_spec_string ("status-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CARD_TAPPED] = g_signal_new ("card-tapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yi_card_readers_init (YiCardReaders *self)
{
}

YiCardReaders *
yi_card_readers_new (GSettings *settings)
{
  YiCardReaders *self = g_object_new (YI_TYPE_CARD_READERS, NULL);
  static const char *const keys[] = { "changed::" YI_SETTING_READER_CONNSTRING, "changed::" YI_SETTING_READER_DEBOUNCE,
                                      "changed::" YI_SETTING_WEDGE_READER };

  self->settings = g_object_ref (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_signal_connect_swapped (settings, keys[i], G_CALLBACK (on_setting_changed), self);
  return self;
}
