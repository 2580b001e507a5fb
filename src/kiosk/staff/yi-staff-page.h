#pragma once

#include <gtk/gtk.h>

#include "yi-staff-session.h"

G_BEGIN_DECLS

/* A tab of staff mode.  It is given the signed-in session once, when staff
 * mode is built, and reads the store again each time it is shown. */
#define YI_TYPE_STAFF_PAGE (yi_staff_page_get_type ())
G_DECLARE_INTERFACE (YiStaffPage, yi_staff_page, YI, STAFF_PAGE, GtkWidget)

struct _YiStaffPageInterface
{
  GTypeInterface parent_iface;

  void (*set_session) (YiStaffPage    *self,
                       YiStaffSession *session);
  void (*refresh)     (YiStaffPage    *self);
};

void yi_staff_page_set_session (YiStaffPage    *self,
                                YiStaffSession *session);
void yi_staff_page_refresh     (YiStaffPage    *self);

G_END_DECLS
