#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_UNKNOWN_CARD_PAGE (yi_unknown_card_page_get_type ())
G_DECLARE_FINAL_TYPE (YiUnknownCardPage, yi_unknown_card_page, YI, UNKNOWN_CARD_PAGE, GtkWidget)

/* One friendly screen for every card the kiosk cannot greet: unknown,
 * revoked, or an elder no longer registered here.  It never says which,
 * so nothing about anyone is given away.  @uid (may be NULL) is shown
 * small for the staff member who registers the card. */
void yi_unknown_card_page_set_uid (YiUnknownCardPage *self,
                                   const char        *uid);

G_END_DECLS
