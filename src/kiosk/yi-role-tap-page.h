#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_ROLE_TAP_PAGE (yi_role_tap_page_get_type ())
G_DECLARE_FINAL_TYPE (YiRoleTapPage, yi_role_tap_page, YI, ROLE_TAP_PAGE, GtkWidget)

/* What a dining-hall or activity-room kiosk says after a tap: the elder's
 * name and one kind sentence ("您的午饭已登记", "您今天没有订午饭，请找工作人员"). */
void yi_role_tap_page_show (YiRoleTapPage *self,
                            const char    *name,
                            const char    *message,
                            gboolean       good);

G_END_DECLS
