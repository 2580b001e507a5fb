#pragma once

#include <gtk/gtk.h>

#include "yi-domain.h"

G_BEGIN_DECLS

#define YI_TYPE_GREETING_PAGE (yi_greeting_page_get_type ())
G_DECLARE_FINAL_TYPE (YiGreetingPage, yi_greeting_page, YI, GREETING_PAGE, GtkWidget)

/* Shows the greeting for a registered elder's tap (check-in, check-out or
 * a repeat), with one button per thing they can still do today.  Only the
 * name and photo of the elder are shown, nothing else from the record. */
void        yi_greeting_page_show_tap        (YiGreetingPage    *self,
                                              YiStore           *store,
                                              const YiTapResult *tap);
/* What a voice would say for the greeting shown. */
const char *yi_greeting_page_get_spoken_text (YiGreetingPage    *self);

G_END_DECLS
