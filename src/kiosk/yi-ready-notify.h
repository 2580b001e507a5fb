#pragma once

#include <gtk/gtk.h>

#include "yi-card-readers.h"
#include "yi-window.h"

G_BEGIN_DECLS

/* When $NOTIFY_SOCKET names a socket (systemd's Type=notify, or a
 * benchmark), sends it "READY=1" once @window has painted a frame and the
 * NFC reader is open or has given up its first try: from then on a tap is
 * answered. */
void yi_ready_notify_watch (YiWindow      *window,
                            YiCardReaders *readers);

G_END_DECLS
