#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_CARD_READERS (yi_card_readers_get_type ())
G_DECLARE_FINAL_TYPE (YiCardReaders, yi_card_readers, YI, CARD_READERS, GObject)

/* The kiosk's card readers as its settings ask for them: the libnfc reader
 * (reader-connstring: a connection string, '' for the first one found,
 * 'none' for no NFC; reader-debounce) and the keyboard-wedge reader
 * (wedge-reader), rebuilt when a setting changes.  Every tap comes out as
 * ::card-tapped (const char *uid) on the main context; "status-message"
 * says in words how the readers stand, for staff mode. */
YiCardReaders *yi_card_readers_new                (GSettings     *settings);
/* Starts the readers and catches a wedge reader's key bursts in @window. */
void           yi_card_readers_start              (YiCardReaders *self,
                                                   GtkWidget     *window);
void           yi_card_readers_stop               (YiCardReaders *self);
const char    *yi_card_readers_get_status_message (YiCardReaders *self);
/* Whether the NFC reader is open and polling for cards. */
gboolean       yi_card_readers_nfc_ready          (YiCardReaders *self);
/* Whether the NFC reader is still making its first try to open. */
gboolean       yi_card_readers_nfc_searching      (YiCardReaders *self);
/* The libnfc reader's connection string in use, or NULL when NFC is off. */
const char    *yi_card_readers_get_connstring     (YiCardReaders *self);

G_END_DECLS
