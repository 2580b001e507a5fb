#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_STAFF_PAGE (yi_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffPage, yi_staff_page, YI, STAFF_PAGE, GtkWidget)

/* The way into staff mode, kept apart from everything elders see.  Staff
 * mode itself is not on the kiosk yet; this page says so. */

G_END_DECLS
