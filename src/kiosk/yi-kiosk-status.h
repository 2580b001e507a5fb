#pragma once

#include "yi-window.h"

G_BEGIN_DECLS

/* Tells whoever started the kiosk (its supervisor, a test) what the
 * screen shows, one line per painted change on a file descriptor it
 * inherited (--status-fd):
 *
 *   ready PID                      the first frame of the idle board is on the display
 *   shown PAGE                     another page is on the display
 *   shown greeting UID in|out|repeat EVENT-ID|-
 *   shown unknown-card|role-tap UID
 *
 * A greeting is told only after its tap is committed and the frame
 * showing it painted.  Each line is one write(2), so lines from a kiosk
 * killed halfway are whole or absent. */
void yi_kiosk_status_watch (YiWindow *window,
                            int       fd);

G_END_DECLS
