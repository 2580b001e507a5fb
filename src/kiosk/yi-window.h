#pragma once

#include <adwaita.h>

#include "yi-feedback.h"
#include "yi-staff-view.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_WINDOW (yi_window_get_type ())
G_DECLARE_FINAL_TYPE (YiWindow, yi_window, YI, WINDOW, AdwApplicationWindow)

YiWindow   *yi_window_new            (GtkApplication *application,
                                      YiStore        *store,
                                      GSettings      *settings,
                                      YiFeedback     *feedback);

/* The one way a card tap reaches the screen, whatever read the card (the
 * tap-card action, a USB reader, an NFC reader): records the tap (the
 * check-in is committed before anything is shown), then shows the
 * greeting, or the "please ask staff" screen for a card it cannot use. */
void        yi_window_handle_tap     (YiWindow       *self,
                                      const char     *uid);

/* "board", "greeting", "order", "activity", "service", "suggestion",
 * "unknown-card" or "staff". */
const char *yi_window_get_page       (YiWindow       *self);
void        yi_window_show_board     (YiWindow       *self);
YiStaffView *yi_window_get_staff_view (YiWindow       *self);
/* In kiosk mode the window refuses to close (Alt+F4, the window manager);
 * only the application's quit ends it. */
void        yi_window_set_locked_down (YiWindow      *self,
                                       gboolean       locked_down);
gboolean    yi_window_get_locked_down (YiWindow      *self);

G_END_DECLS
