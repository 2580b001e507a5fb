#include "config.h"

#include "yi-staff-page.h"

G_DEFINE_INTERFACE (YiStaffPage, yi_staff_page, GTK_TYPE_WIDGET)

static void
yi_staff_page_default_init (YiStaffPageInterface *iface)
{
}

void
yi_staff_page_set_session (YiStaffPage    *self,
                           YiStaffSession *session)
{
  g_return_if_fail (YI_IS_STAFF_PAGE (self));

  YI_STAFF_PAGE_GET_IFACE (self)->set_session (self, session);
}

void
yi_staff_page_refresh (YiStaffPage *self)
{
  g_return_if_fail (YI_IS_STAFF_PAGE (self));

  YI_STAFF_PAGE_GET_IFACE (self)->refresh (self);
}
