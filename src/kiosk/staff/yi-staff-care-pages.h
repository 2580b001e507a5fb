#pragma once

#include <gtk/gtk.h>

#include "yi-staff-page.h"
#include "yi-staff-session.h"

G_BEGIN_DECLS

/* The second set of staff-mode pages: meals and the kitchen, activities,
 * on-site services, health checks, volunteers and the suggestions box.
 * Like the first set, each is a YiStaffPage. */

#define YI_TYPE_STAFF_KITCHEN_PAGE (yi_staff_kitchen_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffKitchenPage, yi_staff_kitchen_page, YI, STAFF_KITCHEN_PAGE, GtkWidget)
/* The date shown (today unless changed). */
const char *yi_staff_kitchen_page_get_date   (YiStaffKitchenPage *self);

#define YI_TYPE_STAFF_ACTIVITIES_PAGE (yi_staff_activities_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffActivitiesPage, yi_staff_activities_page, YI, STAFF_ACTIVITIES_PAGE, GtkWidget)
/* With a session open, an elder's card tapped now takes their attendance. */
gboolean yi_staff_activities_page_elder_tapped (YiStaffActivitiesPage *self,
                                                const char            *elder_id);

#define YI_TYPE_STAFF_SERVICES_PAGE (yi_staff_services_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffServicesPage, yi_staff_services_page, YI, STAFF_SERVICES_PAGE, GtkWidget)
/* The elder's card while the page is shown: the service form is for them
 * (a volunteer's only if paired with them).  Elders confirm services at
 * the kiosk, not here. */
gboolean yi_staff_services_page_pick_elder   (YiStaffServicesPage *self,
                                              const char          *elder_id,
                                              const char          *card_uid);

#define YI_TYPE_STAFF_HEALTH_PAGE (yi_staff_health_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffHealthPage, yi_staff_health_page, YI, STAFF_HEALTH_PAGE, GtkWidget)
gboolean yi_staff_health_page_pick_elder     (YiStaffHealthPage *self,
                                              const char        *elder_id);

#define YI_TYPE_STAFF_VOLUNTEERS_PAGE (yi_staff_volunteers_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffVolunteersPage, yi_staff_volunteers_page, YI, STAFF_VOLUNTEERS_PAGE, GtkWidget)

#define YI_TYPE_STAFF_FEEDBACK_PAGE (yi_staff_feedback_page_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffFeedbackPage, yi_staff_feedback_page, YI, STAFF_FEEDBACK_PAGE, GtkWidget)

/* A search box over the elder register with a short list of hits; it
 * keeps to a volunteer's pairs.  ::picked gives the chosen elder's id. */
#define YI_TYPE_STAFF_ELDER_PICKER (yi_staff_elder_picker_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffElderPicker, yi_staff_elder_picker, YI, STAFF_ELDER_PICKER, GtkWidget)
void        yi_staff_elder_picker_set_session (YiStaffElderPicker *self,
                                               YiStaffSession     *session);
void        yi_staff_elder_picker_set_elder   (YiStaffElderPicker *self,
                                               const char         *elder_id);
const char *yi_staff_elder_picker_get_elder   (YiStaffElderPicker *self);
void        yi_staff_elder_picker_search      (YiStaffElderPicker *self,
                                               const char         *query);

G_END_DECLS
