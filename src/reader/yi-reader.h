#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a card reader stands, for staff mode.  The words for the staff are
 * in the reader's "status-message" property. */
typedef enum {
  YI_READER_STATUS_STOPPED,     /* not started, or stopped */
  YI_READER_STATUS_SEARCHING,   /* looking for the reader / opening it */
  YI_READER_STATUS_CONNECTED,   /* ready: cards can be tapped */
  YI_READER_STATUS_ERROR,       /* something is wrong; the message says what */
} YiReaderStatus;

#define YI_READER_ERROR (yi_reader_error_quark ())

typedef enum {
  YI_READER_ERROR_BAD_UID,
} YiReaderError;

GQuark      yi_reader_error_quark          (void);

/* Card UIDs are ISO 14443-A NFCID1s of 4, 7 or 10 bytes, written as
 * upper-case hex.  Returns NULL (and sets @error) for anything else. */
char       *yi_reader_normalise_uid        (const char  *uid,
                                            GError     **error);

/* YiReader: every card source (libnfc, keyboard wedge, the kiosk's
 * tap-card action) looks the same to the application:
 *   signal "card-tapped" (const char *uid), emitted on the main context
 *   property "status" (YiReaderStatus) and "status-message" (string)
 * Signals and notifications are always delivered in the GMainContext that
 * was the thread-default when the reader was created. */
#define YI_TYPE_READER (yi_reader_get_type ())
G_DECLARE_DERIVABLE_TYPE (YiReader, yi_reader, YI, READER, GObject)

struct _YiReaderClass
{
  GObjectClass parent_class;

  void (*start)       (YiReader   *self);
  void (*stop)        (YiReader   *self);

  /* signal */
  void (*card_tapped) (YiReader   *self,
                       const char *uid);

  gpointer padding[8];
};

void            yi_reader_start               (YiReader    *self);
void            yi_reader_stop                (YiReader    *self);
YiReaderStatus  yi_reader_get_status          (YiReader    *self);
const char     *yi_reader_get_status_message  (YiReader    *self);

/* Reports a tap from any source: normalises @uid and emits "card-tapped".
 * Call on the reader's main context.  The kiosk's tap-card action can use
 * this so that typed, wedged and NFC taps take the same path. */
gboolean        yi_reader_report_tap          (YiReader    *self,
                                               const char  *uid,
                                               GError     **error);

/* For sources: updates "status"/"status-message" (main context only),
 * notifying only what changed. */
void            yi_reader_set_status          (YiReader       *self,
                                               YiReaderStatus  status,
                                               const char     *message);

/* ---- libnfc readers: PN532 over UART, ACR122U over USB, ... */

#define YI_NFC_READER_DEFAULT_DEBOUNCE_MS 1000
#define YI_NFC_READER_DEFAULT_POLL_INTERVAL_MS 50

#define YI_TYPE_NFC_READER (yi_nfc_reader_get_type ())
G_DECLARE_FINAL_TYPE (YiNfcReader, yi_nfc_reader, YI, NFC_READER, YiReader)

/* @connstring: a libnfc connection string ("pn532_uart:/dev/ttyUSB0",
 * "acr122_usb"), or NULL / "" to take the first reader libnfc finds.
 * @debounce_ms: a card must be away this long before the same card counts
 * as a new tap (0 = default).  The reader polls in a worker thread once
 * yi_reader_start() is called; it reconnects by itself after an unplug. */
YiReader   *yi_nfc_reader_new                 (const char  *connstring,
                                               guint        debounce_ms);
const char *yi_nfc_reader_get_connstring      (YiNfcReader *self);
guint       yi_nfc_reader_get_debounce_ms     (YiNfcReader *self);
guint       yi_nfc_reader_get_poll_interval_ms (YiNfcReader *self);
/* The pause between looks that come back at once (a card held on the
 * reader, or a chip that cannot wait for a card; a PN532 waits in
 * InAutoPoll and answers as a card arrives).  Takes effect at the next
 * start. */
void        yi_nfc_reader_set_poll_interval_ms (YiNfcReader *self,
                                                guint        interval_ms);
/* The name libnfc gives the open device, or NULL while not connected. */
char       *yi_nfc_reader_dup_device_name     (YiNfcReader *self);

/* ---- keyboard-wedge readers: the reader types the UID in hex and Enter */

#define YI_WEDGE_DEFAULT_MAX_GAP_MS 35

typedef enum {
  YI_WEDGE_PASS,    /* not part of a card burst: let the key through */
  YI_WEDGE_HOLD,    /* held back: it may be the start of a burst */
  YI_WEDGE_TAP,     /* the Enter that ends a burst: a card was read */
} YiWedgeVerdict;

/* A pure state machine, fed one character at a time with its time stamp.
 * Hex digits that follow each other faster than @max_gap_ms are held back;
 * if Enter ends such a burst of 8, 14 or 20 digits it is a tap.  Anything
 * else is human typing: the held characters are released (take them with
 * yi_wedge_detector_take_released() and deliver them before the key that
 * was just fed), and keys pass through. */
typedef struct _YiWedgeDetector YiWedgeDetector;

YiWedgeDetector *yi_wedge_detector_new           (guint            max_gap_ms);
void             yi_wedge_detector_free          (YiWedgeDetector *self);
/* @ch: a Unicode character; '\n' or '\r' for Enter. */
YiWedgeVerdict   yi_wedge_detector_feed          (YiWedgeDetector *self,
                                                  gunichar         ch,
                                                  gint64           time_us);
/* When holding, the time after which the held digits are human typing
 * (call yi_wedge_detector_expire() then); -1 when nothing is held. */
gint64           yi_wedge_detector_get_deadline  (YiWedgeDetector *self);
/* Releases held digits whose deadline is at or before @now_us. */
void             yi_wedge_detector_expire        (YiWedgeDetector *self,
                                                  gint64           now_us);
/* Released text to deliver to the focused field, or NULL. */
char            *yi_wedge_detector_take_released (YiWedgeDetector *self);
/* The UID read by the last YI_WEDGE_TAP, or NULL. */
char            *yi_wedge_detector_take_uid      (YiWedgeDetector *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiWedgeDetector, yi_wedge_detector_free)

#define YI_TYPE_WEDGE_READER (yi_wedge_reader_get_type ())
G_DECLARE_FINAL_TYPE (YiWedgeReader, yi_wedge_reader, YI, WEDGE_READER, YiReader)

/* A YiReader fed by key presses (see yi-wedge-controller.h for GTK). */
YiReader        *yi_wedge_reader_new             (guint          max_gap_ms);
YiWedgeDetector *yi_wedge_reader_get_detector    (YiWedgeReader *self);
/* Feeds one key; emits "card-tapped" when it ends a burst. */
YiWedgeVerdict   yi_wedge_reader_feed            (YiWedgeReader *self,
                                                  gunichar       ch,
                                                  gint64         time_us);

G_END_DECLS
