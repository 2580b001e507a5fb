#pragma once

#include <gtk/gtk.h>

#include "yi-staff-page.h"
#include "yi-staff-session.h"

G_BEGIN_DECLS

/* The pages inside YiStaffView.  The tabs are YiStaffPages: given the
 * session once, and refreshed whenever they are shown.  They talk back to the view through its
 * widget actions (staff.toast, staff.open-elder, staff.new-elder,
 * staff.wait-card, staff.show-tab). */

#define YI_TYPE_STAFF_ELDERS (yi_staff_elders_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffElders, yi_staff_elders, YI, STAFF_ELDERS, GtkWidget)
/* While set, choosing an elder gives them this card. */
void        yi_staff_elders_pick_for_card  (YiStaffElders  *self,
                                            const char     *uid);

#define YI_TYPE_STAFF_ELDER_EDITOR (yi_staff_elder_editor_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffElderEditor, yi_staff_elder_editor, YI, STAFF_ELDER_EDITOR, GtkWidget)
void        yi_staff_elder_editor_set_session (YiStaffElderEditor *self,
                                               YiStaffSession     *session);
/* @elder_id NULL: a new elder; @card_uid: a card to give them on saving. */
gboolean    yi_staff_elder_editor_load     (YiStaffElderEditor *self,
                                            const char         *elder_id,
                                            const char         *card_uid,
                                            GError            **error);
const char *yi_staff_elder_editor_get_elder_id (YiStaffElderEditor *self);
gboolean    yi_staff_elder_editor_save     (YiStaffElderEditor *self,
                                            GError            **error);
/* Scales the picture down to 320 px and keeps it as JPEG for the next save. */
gboolean    yi_staff_elder_editor_set_photo_file (YiStaffElderEditor *self,
                                                  GFile              *file,
                                                  GError            **error);

#define YI_TYPE_STAFF_TODAY (yi_staff_today_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffToday, yi_staff_today, YI, STAFF_TODAY, GtkWidget)

#define YI_TYPE_STAFF_WELFARE (yi_staff_welfare_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffWelfare, yi_staff_welfare, YI, STAFF_WELFARE, GtkWidget)

#define YI_TYPE_STAFF_CARDS (yi_staff_cards_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffCards, yi_staff_cards, YI, STAFF_CARDS, GtkWidget)

G_END_DECLS
