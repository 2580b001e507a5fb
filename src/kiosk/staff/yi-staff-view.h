#pragma once

#include <gtk/gtk.h>

#include "yi-store.h"
#include "yi-staff-session.h"

G_BEGIN_DECLS

#define YI_TYPE_STAFF_VIEW (yi_staff_view_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffView, yi_staff_view, YI, STAFF_VIEW, GtkWidget)

/* Staff mode as one widget for the kiosk window to embed.  It starts
 * locked, on its PIN pad.  It emits ::locked when it wants the window to go
 * back to the elder screen: after "lock" on demand, after the idle time
 * (store setting staff_idle_lock_s, 120 s by default), or "back" from the
 * PIN pad. */
GtkWidget      *yi_staff_view_new               (YiStore     *store);
YiStaffSession *yi_staff_view_get_session       (YiStaffView *self);

/* The window hands every card tap here while staff mode is shown, and
 * first offers any tap to it otherwise.  Returns TRUE when the tap was
 * consumed: a staff card while locked (it asks for that person's PIN), or
 * any card while open (a new card being issued, an elder's card opens
 * their record).  FALSE means: treat it as an elder's tap. */
gboolean        yi_staff_view_handle_tap        (YiStaffView *self,
                                                 const char  *uid);
/* Shows the card reader's state ("Reader ready", "No reader connected"). */
void            yi_staff_view_set_reader_status (YiStaffView *self,
                                                 const char  *message);
/* A line about sync with the district under the header; @warning shows it
 * as something staff should act on.  NULL or "" hides it. */
void            yi_staff_view_set_sync_status   (YiStaffView *self,
                                                 const char  *text,
                                                 gboolean     warning);
/* Builds a page added with yi_staff_view_add_page(). */
typedef GtkWidget *(*YiStaffPageFunc) (gpointer user_data);

/* Adds a tab from outside staff mode (the kiosk's own settings page),
 * shown only to @role ("admin") or to everyone signed in (@role NULL).
 * Staff mode builds each tab the first time it is shown, not at start-up:
 * @build makes the page then.  @user_data is kept for that as long as the
 * view lives; @destroy, if not NULL, is called on it when the view goes. */
void            yi_staff_view_add_page          (YiStaffView     *self,
                                                 const char      *name,
                                                 const char      *title,
                                                 const char      *role,
                                                 YiStaffPageFunc  build,
                                                 gpointer         user_data,
                                                 GDestroyNotify   destroy);
void            yi_staff_view_lock              (YiStaffView *self);
/* Which screen is showing: "login", "main", "editor", "waiting";
 * within "main" the tab (NULL before anyone has signed in): "elders", "today", "welfare", "cards", "kitchen",
 * "activities", "services", "health", "volunteers", "feedback". */
const char     *yi_staff_view_get_screen        (YiStaffView *self);
const char     *yi_staff_view_get_tab           (YiStaffView *self);
void            yi_staff_view_show_tab          (YiStaffView *self,
                                                 const char  *tab);

G_END_DECLS
