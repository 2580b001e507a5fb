#include "config.h"

#include "yi-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#ifdef HAVE_LIBNFC
#include <nfc/nfc.h>

/* libnfc 1.8 exports this for its pn53x tools, but no header declares it.
 * The public nfc_initiator_select_passive_target() waits for ever for the
 * chip's acknowledgement, so a reader that goes silent would freeze the
 * worker beyond any abort; with pn53x_transceive every command has a
 * time-out. */
extern int pn53x_transceive (struct nfc_device *pnd,
                             const uint8_t     *pbtTx,
                             const size_t       szTx,
                             uint8_t           *pbtRx,
                             const size_t       szRxLen,
                             int                timeout);
#endif

/* Long enough for a PN532 at 115200 baud to list a card with two retries,
 * short enough that a silent reader is noticed within a second. */
#define COMMAND_TIMEOUT_MS 500
/* A PN532 waits in InAutoPoll for a card for up to AUTO_POLL_ROUNDS ×
 * 150 ms and answers the moment one enters the field. */
#define AUTO_POLL_ROUNDS 2
#define BACKOFF_FIRST_MS 250
#define BACKOFF_MAX_MS 5000

struct _YiNfcReader
{
  YiReader      parent_instance;

  char         *connstring;
  guint         debounce_ms;
  guint         poll_interval_ms;

  GMainContext *context;
  GThread      *thread;
  guint         generation;    /* bumped at each start; stale deliveries are dropped */

  /* shared with the worker */
  GMutex        lock;
  GCond         cond;
  gboolean      stopping;
  char         *device_name;
#ifdef HAVE_LIBNFC
  nfc_device   *device;
#endif
};

G_DEFINE_FINAL_TYPE (YiNfcReader, yi_nfc_reader, YI_TYPE_READER)

enum {
  PROP_0,
  PROP_CONNSTRING,
  PROP_DEBOUNCE_MS,
  PROP_POLL_INTERVAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  YiNfcReader    *self;
  guint           generation;
  gboolean        is_tap;
  char           *uid;
  YiReaderStatus  status;
  char           *message;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  g_object_unref (d->self);
  g_free (d->uid);
  g_free (d->message);
  g_free (d);
}

static gboolean
delivery_dispatch (gpointer data)
{
  Delivery *d = data;
  YiReader *reader = YI_READER (d->self);

  /* A stop between posting and dispatch wins: no stale status or tap. */
  if (d->generation != d->self->generation || d->self->thread == NULL)
    return G_SOURCE_REMOVE;

  if (d->is_tap)
    {
      g_autoptr(GError) error = NULL;
      if (!yi_reader_report_tap (reader, d->uid, &error))
        g_warning ("Card reader: %s", error->message);
    }
  else
    yi_reader_set_status (reader, d->status, d->message);
  return G_SOURCE_REMOVE;
}

static void
post (YiNfcReader *self, guint generation, Delivery *d)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  d->self = g_object_ref (self);
  d->generation = generation;
  /* Not g_main_context_invoke(): from a thread without its own context it
   * may run the callback right here, in the worker, when the main context
   * happens to be free. */
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, delivery_dispatch, d, delivery_free);
  g_source_set_static_name (source, "[yi-nfc-reader] delivery");
  g_source_attach (source, self->context);
}

#ifdef HAVE_LIBNFC

typedef struct
{
  YiNfcReader    *self;
  guint           generation;
  guint           poll_interval_ms;
  guint           debounce_ms;
  nfc_context    *nfc;
  nfc_device     *device;
  gboolean        raw;           /* pn53x family: bounded InListPassiveTarget */
  gboolean        auto_poll;     /* a PN532: InAutoPoll, which waits for a card */
  char           *port;          /* the serial port path, if the driver has one */
  YiReaderStatus  posted_status;
  char           *posted_message;
  char           *last_problem;
  char           *card_uid;      /* the card currently on the reader */
  gint64          card_seen_us;
} Worker;

static void
worker_post_status (Worker *w, YiReaderStatus status, const char *message)
{
  Delivery *d;

  if (w->posted_status == status && g_strcmp0 (w->posted_message, message) == 0)
    return;
  w->posted_status = status;
  g_free (w->posted_message);
  w->posted_message = g_strdup (message);

  d = g_new0 (Delivery, 1);
  d->status = status;
  d->message = g_strdup (message);
  post (w->self, w->generation, d);
}

/* Sleeps up to @ms; returns FALSE when asked to stop. */
static gboolean
worker_wait (Worker *w, guint ms)
{
  YiNfcReader *self = w->self;
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  gboolean stopping;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    if (!g_cond_wait_until (&self->cond, &self->lock, end))
      break;
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);
  return !stopping;
}

static gboolean
worker_stopping (Worker *w)
{
  gboolean stopping;

  g_mutex_lock (&w->self->lock);
  stopping = w->self->stopping;
  g_mutex_unlock (&w->self->lock);
  return stopping;
}

static gboolean
driver_is_pn53x (const char *connstring)
{
  static const char *const drivers[] = {
    "pn532_uart", "pn532_spi", "pn532_i2c", "pn533_usb", "pn53x_usb",
    "acr122_usb", "acr122_pcsc", "arygon", NULL,
  };
  g_autofree char *driver = g_strndup (connstring, strcspn (connstring, ":"));

  return g_strv_contains (drivers, driver);
}

/* "pn532_uart:/dev/ttyUSB0:115200" -> "/dev/ttyUSB0"; NULL for USB readers. */
static char *
connstring_port (const char *connstring)
{
  g_auto(GStrv) parts = g_strsplit (connstring, ":", 3);

  if (g_strv_length (parts) >= 2 && parts[1][0] == '/')
    return g_strdup (parts[1]);
  return NULL;
}

static gboolean
port_is_gone (Worker *w)
{
  return w->port != NULL && !g_file_test (w->port, G_FILE_TEST_EXISTS);
}

static void
worker_close (Worker *w)
{
  if (w->device == NULL)
    return;
  g_mutex_lock (&w->self->lock);
  w->self->device = NULL;
  g_clear_pointer (&w->self->device_name, g_free);
  g_mutex_unlock (&w->self->lock);
  nfc_close (w->device);
  w->device = NULL;
}

/* Only the PN532 has InAutoPoll (the PN531 and PN533 have not). */
static gboolean
chip_is_pn532 (nfc_device *device)
{
  static const uint8_t version_cmd[] = { 0x02 };  /* GetFirmwareVersion */
  uint8_t rx[8];
  int res = pn53x_transceive (device, version_cmd, sizeof version_cmd, rx, sizeof rx, COMMAND_TIMEOUT_MS);

  return res >= 1 && rx[0] == 0x32;
}

static gboolean
worker_open (Worker *w)
{
  const char *wanted = w->self->connstring;
  nfc_connstring found[8];
  nfc_device *device = NULL;
  size_t n = 0;

  if (wanted != NULL && wanted[0] != '\0')
    {
      g_free (w->port);
      w->port = connstring_port (wanted);
      device = nfc_open (w->nfc, wanted);
      if (device == NULL)
        {
          if (port_is_gone (w))
            worker_post_status (w, YI_READER_STATUS_ERROR,
                                _("The card reader is unplugged or switched off. Check its cable."));
          else
            worker_post_status (w, YI_READER_STATUS_ERROR,
                                w->last_problem != NULL ? w->last_problem :
                                _("The card reader does not answer. Check that it is plugged in and switched on."));
          return FALSE;
        }
    }
  else
    {
      n = nfc_list_devices (w->nfc, found, G_N_ELEMENTS (found));
      for (size_t i = 0; i < n && device == NULL; i++)
        device = nfc_open (w->nfc, found[i]);
      if (device == NULL)
        {
          worker_post_status (w, YI_READER_STATUS_ERROR,
                              _("No card reader was found. Check that it is plugged in."));
          return FALSE;
        }
      g_free (w->port);
      w->port = connstring_port (nfc_device_get_connstring (device));
    }

  if (nfc_initiator_init (device) < 0 ||
      nfc_device_set_property_bool (device, NP_INFINITE_SELECT, false) < 0 ||
      nfc_device_set_property_bool (device, NP_AUTO_ISO14443_4, false) < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The card reader could not be set up: %s."), nfc_strerror (device));
      nfc_close (device);
      worker_post_status (w, YI_READER_STATUS_ERROR, message);
      return FALSE;
    }

  w->device = device;
  w->raw = driver_is_pn53x (nfc_device_get_connstring (device));
  w->auto_poll = w->raw && chip_is_pn532 (device);
  g_mutex_lock (&w->self->lock);
  w->self->device = device;
  w->self->device_name = g_strdup (nfc_device_get_name (device));
  g_mutex_unlock (&w->self->lock);
  g_clear_pointer (&w->last_problem, g_free);
  worker_post_status (w, YI_READER_STATUS_CONNECTED, _("The card reader is ready."));
  return TRUE;
}

static char *
uid_to_hex (const uint8_t *uid, size_t len)
{
  GString *hex = g_string_sized_new (len * 2);

  for (size_t i = 0; i < len; i++)
    g_string_append_printf (hex, "%02X", uid[i]);
  return g_string_free (hex, FALSE);
}

/* The UID from a type A target as the PN53x reports it (Tg, SENS_RES,
 * SEL_RES, NFCIDLength, NFCID1...): 1 with @uid_out set, 0 for a card we do
 * not issue, or NFC_EIO for a garbled answer. */
static int
parse_type_a_target (const uint8_t *data, size_t len, char **uid_out)
{
  const uint8_t *uid;
  size_t uid_len;

  if (len < 5 || data[4] > len - 5)
    return NFC_EIO;
  uid = data + 5;
  uid_len = data[4];
  /* Older chips keep the cascade tags in the NFCID1. */
  if (uid_len == 8 && uid[0] == 0x88)
    uid++, uid_len = 7;
  if (uid_len != 4 && uid_len != 7 && uid_len != 10)
    return 0;  /* not a card we issue; ignore it rather than fail */
  *uid_out = uid_to_hex (uid, uid_len);
  return 1;
}

/* One look for an ISO 14443-A card.  Returns 1 and sets @uid_out when a
 * card is there, 0 when none is, or a libnfc error.  @waited says whether
 * the reader itself waited for a card to come (so the caller need not). */
static int
worker_poll_once (Worker *w, char **uid_out, gboolean *waited)
{
  *waited = FALSE;
  if (w->raw)
    {
      static const uint8_t list_cmd[] = { 0x4a, 0x01, 0x00 };  /* InListPassiveTarget, 1 target, 106 kbps type A */
      /* InAutoPoll, AUTO_POLL_ROUNDS × 150 ms, generic 106 kbps type A */
      static const uint8_t auto_poll_cmd[] = { 0x60, AUTO_POLL_ROUNDS, 0x01, 0x00 };
      static const uint8_t release_cmd[] = { 0x52, 0x00 };     /* InRelease all */
      uint8_t rx[64];
      int res;

      if (w->auto_poll)
        {
          res = pn53x_transceive (w->device, auto_poll_cmd, sizeof auto_poll_cmd, rx, sizeof rx,
                                  AUTO_POLL_ROUNDS * 150 + COMMAND_TIMEOUT_MS);
          if (res < 0)
            return res;
          if (res < 1 || rx[0] == 0)
            {
              *waited = TRUE;
              return 0;
            }
          /* NbTg, Type, Length, then the target as InListPassiveTarget gives it */
          if (res < 3)
            return NFC_EIO;
          res = parse_type_a_target (rx + 3, MIN ((size_t) rx[2], (size_t) res - 3), uid_out);
        }
      else
        {
          res = pn53x_transceive (w->device, list_cmd, sizeof list_cmd, rx, sizeof rx, COMMAND_TIMEOUT_MS);
          if (res < 0)
            return res;
          if (res < 1 || rx[0] == 0)
            return 0;
          /* NbTg, then the target */
          res = parse_type_a_target (rx + 1, (size_t) res - 1, uid_out);
        }
      if (res <= 0)
        return res;
      res = pn53x_transceive (w->device, release_cmd, sizeof release_cmd, rx, sizeof rx, COMMAND_TIMEOUT_MS);
      return res < 0 ? res : 1;
    }
  else
    {
      const nfc_modulation nm = { .nmt = NMT_ISO14443A, .nbr = NBR_106 };
      nfc_target target;
      int res = nfc_initiator_select_passive_target (w->device, nm, NULL, 0, &target);

      if (res <= 0)
        return res;
      if (target.nti.nai.szUidLen == 4 || target.nti.nai.szUidLen == 7 || target.nti.nai.szUidLen == 10)
        *uid_out = uid_to_hex (target.nti.nai.abtUid, target.nti.nai.szUidLen);
      res = nfc_initiator_deselect_target (w->device);
      return res < 0 ? res : (*uid_out != NULL);
    }
}

static char *
describe_poll_error (Worker *w, int res)
{
  if (port_is_gone (w))
    return g_strdup (_("The card reader is unplugged or switched off. Check its cable."));
  switch (res)
    {
    case NFC_ETIMEOUT:
      return g_strdup (_("The card reader stopped answering. Check its cable; if this lasts, unplug it and plug it in again."));
    case NFC_EIO:
      return g_strdup (_("The card reader is sending garbled data. Check its cable."));
    default:
      return g_strdup_printf (_("The card reader reported a fault: %s."), nfc_strerror (w->device));
    }
}

/* The same card seen again within the debounce time is the same tap. */
static void
worker_post_tap (Worker *w, const char *uid)
{
  Delivery *d = g_new0 (Delivery, 1);

  d->is_tap = TRUE;
  d->uid = g_strdup (uid);
  post (w->self, w->generation, d);
}

static void
worker_saw (Worker *w, char *uid, gint64 now)
{
  if (uid != NULL)
    {
      if (g_strcmp0 (uid, w->card_uid) != 0)
        {
          worker_post_tap (w, uid);
          g_free (w->card_uid);
          w->card_uid = g_steal_pointer (&uid);
        }
      w->card_seen_us = now;
    }
  else if (w->card_uid != NULL && now - w->card_seen_us >= (gint64) w->debounce_ms * 1000)
    g_clear_pointer (&w->card_uid, g_free);
  g_free (uid);
}

static gpointer
worker_thread (gpointer data)
{
  YiNfcReader *self = data;
  Worker w = {
    .self = self,
    .generation = self->generation,
    .posted_status = (YiReaderStatus) -1,
    .poll_interval_ms = self->poll_interval_ms,
    .debounce_ms = self->debounce_ms,
  };
  guint backoff = BACKOFF_FIRST_MS;

  nfc_init (&w.nfc);
  if (w.nfc == NULL)
    {
      worker_post_status (&w, YI_READER_STATUS_ERROR,
                          _("Card reader support could not start (libnfc failed to initialise)."));
      return NULL;
    }

  while (!worker_stopping (&w))
    {
      worker_post_status (&w, YI_READER_STATUS_SEARCHING, _("Looking for the card reader…"));
      if (!worker_open (&w))
        {
          if (!worker_wait (&w, backoff))
            break;
          backoff = MIN (backoff * 2, BACKOFF_MAX_MS);
          continue;
        }
      backoff = BACKOFF_FIRST_MS;

      while (!worker_stopping (&w))
        {
          char *uid = NULL;
          gboolean waited;
          int res = worker_poll_once (&w, &uid, &waited);

          if (res == NFC_EOPABORTED)
            break;
          if (res < 0)
            {
              g_free (w.last_problem);
              w.last_problem = describe_poll_error (&w, res);
              worker_post_status (&w, YI_READER_STATUS_ERROR, w.last_problem);
              break;
            }
          worker_saw (&w, uid, g_get_monotonic_time ());
          /* The interval spaces out looks that return at once; a reader
           * that waited for a card is asked again straight away. */
          if (!worker_wait (&w, waited ? 0 : w.poll_interval_ms))
            break;
        }
      worker_close (&w);
      if (!worker_stopping (&w) && w.last_problem != NULL && !worker_wait (&w, backoff))
        break;
    }

  worker_close (&w);
  nfc_exit (w.nfc);
  g_free (w.port);
  g_free (w.posted_message);
  g_free (w.last_problem);
  g_free (w.card_uid);
  return NULL;
}

#endif /* HAVE_LIBNFC */

static void
yi_nfc_reader_start (YiReader *reader)
{
  YiNfcReader *self = YI_NFC_READER (reader);

#ifdef HAVE_LIBNFC
  g_autoptr(GError) error = NULL;

  self->stopping = FALSE;
  self->generation++;
  yi_reader_set_status (reader, YI_READER_STATUS_SEARCHING, _("Looking for the card reader…"));
  self->thread = g_thread_try_new ("yi-nfc-reader", worker_thread, self, &error);
  if (self->thread == NULL)
    yi_reader_set_status (reader, YI_READER_STATUS_ERROR, error->message);
#else
  yi_reader_set_status (reader, YI_READER_STATUS_ERROR,
                        _("This kiosk was built without support for NFC card readers."));
#endif
}

static void
yi_nfc_reader_stop (YiReader *reader)
{
  YiNfcReader *self = YI_NFC_READER (reader);

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
#ifdef HAVE_LIBNFC
  /* Interrupts a command waiting for the chip's answer. */
  if (self->device != NULL)
    nfc_abort_command (self->device);
#endif
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
yi_nfc_reader_dispose (GObject *object)
{
  yi_reader_stop (YI_READER (object));
  G_OBJECT_CLASS (yi_nfc_reader_parent_class)->dispose (object);
}

static void
yi_nfc_reader_finalize (GObject *object)
{
  YiNfcReader *self = YI_NFC_READER (object);

  g_free (self->connstring);
  g_free (self->device_name);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (yi_nfc_reader_parent_class)->finalize (object);
}

static void
yi_nfc_reader_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YiNfcReader *self = YI_NFC_READER (object);

  switch (prop_id)
    {
    case PROP_CONNSTRING:
      g_value_set_string (value, self->connstring);
      break;
    case PROP_DEBOUNCE_MS:
      g_value_set_uint (value, self->debounce_ms);
      break;
    case PROP_POLL_INTERVAL_MS:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_nfc_reader_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YiNfcReader *self = YI_NFC_READER (object);

  switch (prop_id)
    {
    case PROP_CONNSTRING:
      g_free (self->connstring);
      self->connstring = g_value_dup_string (value);
      break;
    case PROP_DEBOUNCE_MS:
      self->debounce_ms = g_value_get_uint (value);
      if (self->debounce_ms == 0)
        self->debounce_ms = YI_NFC_READER_DEFAULT_DEBOUNCE_MS;
      break;
    case PROP_POLL_INTERVAL_MS:
      yi_nfc_reader_set_poll_interval_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_nfc_reader_class_init (YiNfcReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  YiReaderClass *reader_class = YI_READER_CLASS (klass);

  object_class->dispose = yi_nfc_reader_dispose;
  object_class->finalize = yi_nfc_reader_finalize;
  object_class->get_property = yi_nfc_reader_get_property;
  object_class->set_property = yi_nfc_reader_set_property;
  reader_class->start = yi_nfc_reader_start;
  reader_class->stop = yi_nfc_reader_stop;

  properties[PROP_CONNSTRING] =
    g_param_spec_string ("connstring", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEBOUNCE_MS] =
    g_param_spec_uint ("debounce-ms", NULL, NULL, 0, G_MAXUINT, YI_NFC_READER_DEFAULT_DEBOUNCE_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL_MS] =
    g_param_spec_uint ("poll-interval-ms", NULL, NULL, 1, 10000, YI_NFC_READER_DEFAULT_POLL_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yi_nfc_reader_init (YiNfcReader *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_ref_thread_default ();
  self->debounce_ms = YI_NFC_READER_DEFAULT_DEBOUNCE_MS;
  self->poll_interval_ms = YI_NFC_READER_DEFAULT_POLL_INTERVAL_MS;
}

YiReader *
yi_nfc_reader_new (const char *connstring,
                   guint       debounce_ms)
{
  return g_object_new (YI_TYPE_NFC_READER,
                       "connstring", connstring,
                       "debounce-ms", debounce_ms,
                       NULL);
}

const char *
yi_nfc_reader_get_connstring (YiNfcReader *self)
{
  g_return_val_if_fail (YI_IS_NFC_READER (self), NULL);
  return self->connstring;
}

guint
yi_nfc_reader_get_debounce_ms (YiNfcReader *self)
{
  g_return_val_if_fail (YI_IS_NFC_READER (self), 0);
  return self->debounce_ms;
}

guint
yi_nfc_reader_get_poll_interval_ms (YiNfcReader *self)
{
  g_return_val_if_fail (YI_IS_NFC_READER (self), 0);
  return self->poll_interval_ms;
}

void
yi_nfc_reader_set_poll_interval_ms (YiNfcReader *self,
                                    guint        interval_ms)
{
  g_return_if_fail (YI_IS_NFC_READER (self));

  interval_ms = CLAMP (interval_ms, 1, 10000);
  if (self->poll_interval_ms == interval_ms)
    return;
  self->poll_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL_MS]);
}

char *
yi_nfc_reader_dup_device_name (YiNfcReader *self)
{
  char *name;

  g_return_val_if_fail (YI_IS_NFC_READER (self), NULL);
  g_mutex_lock (&self->lock);
  name = g_strdup (self->device_name);
  g_mutex_unlock (&self->lock);
  return name;
}
