#include "config.h"

#include "yi-reader.h"
#include "yi-reader-enums.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  YiReaderStatus  status;
  char           *status_message;
  gboolean        started;
} YiReaderPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (YiReader, yi_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (yi-reader-error-quark, yi_reader_error)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_MESSAGE,
  N_PROPS
};

enum {
  CARD_TAPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
yi_reader_normalise_uid (const char  *uid,
                         GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize digits;

  if (uid == NULL)
    uid = "";
  for (const char *p = uid; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (out, g_ascii_toupper (*p));
      else if (*p != ' ' && *p != ':' && *p != '-')
        {
          g_set_error (error, YI_READER_ERROR, YI_READER_ERROR_BAD_UID,
                       _("The card number “%s” is not written in hexadecimal."), uid);
          return NULL;
        }
    }
  digits = out->len;
  if (digits != 8 && digits != 14 && digits != 20)
    {
      g_set_error (error, YI_READER_ERROR, YI_READER_ERROR_BAD_UID,
                   _("The card number “%s” has %u digits; a card number has 8, 14 or 20."),
                   uid, (guint) digits);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
yi_reader_finalize (GObject *object)
{
  YiReader *self = YI_READER (object);
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_clear_pointer (&priv->status_message, g_free);
  G_OBJECT_CLASS (yi_reader_parent_class)->finalize (object);
}

static void
yi_reader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  YiReader *self = YI_READER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, yi_reader_get_status (self));
      break;
    case PROP_STATUS_MESSAGE:
      g_value_set_string (value, yi_reader_get_status_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_reader_class_init (YiReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yi_reader_finalize;
  object_class->get_property = yi_reader_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       YI_TYPE_READER_STATUS, YI_READER_STATUS_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_MESSAGE] =
    g_param_spec_string ("status-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CARD_TAPPED] =
    g_signal_new ("card-tapped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (YiReaderClass, card_tapped),
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
yi_reader_init (YiReader *self)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  priv->status = YI_READER_STATUS_STOPPED;
  priv->status_message = g_strdup (_("The card reader is off."));
}

void
yi_reader_start (YiReader *self)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_return_if_fail (YI_IS_READER (self));

  if (priv->started)
    return;
  priv->started = TRUE;
  if (YI_READER_GET_CLASS (self)->start != NULL)
    YI_READER_GET_CLASS (self)->start (self);
}

void
yi_reader_stop (YiReader *self)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_return_if_fail (YI_IS_READER (self));

  if (!priv->started)
    return;
  priv->started = FALSE;
  if (YI_READER_GET_CLASS (self)->stop != NULL)
    YI_READER_GET_CLASS (self)->stop (self);
  yi_reader_set_status (self, YI_READER_STATUS_STOPPED, _("The card reader is off."));
}

YiReaderStatus
yi_reader_get_status (YiReader *self)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_return_val_if_fail (YI_IS_READER (self), YI_READER_STATUS_STOPPED);
  return priv->status;
}

const char *
yi_reader_get_status_message (YiReader *self)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_return_val_if_fail (YI_IS_READER (self), NULL);
  return priv->status_message;
}

void
yi_reader_set_status (YiReader       *self,
                      YiReaderStatus  status,
                      const char     *message)
{
  YiReaderPrivate *priv = yi_reader_get_instance_private (self);

  g_return_if_fail (YI_IS_READER (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (priv->status != status)
    {
      priv->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (g_strcmp0 (priv->status_message, message) != 0)
    {
      g_free (priv->status_message);
      priv->status_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
yi_reader_report_tap (YiReader    *self,
                      const char  *uid,
                      GError     **error)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (YI_IS_READER (self), FALSE);

  normal = yi_reader_normalise_uid (uid, error);
  if (normal == NULL)
    return FALSE;
  g_signal_emit (self, signals[CARD_TAPPED], 0, normal);
  return TRUE;
}
