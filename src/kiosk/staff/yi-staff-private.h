#pragma once

#include <gtk/gtk.h>

#include "yi-staff-session.h"

G_BEGIN_DECLS

#define YI_STAFF_RESOURCE "/io/github/yiyang/Kiosk/staff/"

/* Shows a short message at the bottom of staff mode (the view's
 * "staff.toast" action; pages reach it by walking up the widget tree). */
void       yi_staff_toast              (GtkWidget   *widget,
                                        const char  *message);
void       yi_staff_toast_error        (GtkWidget   *widget,
                                        const GError *error);
char      *yi_staff_elder_name         (YiStore     *store,
                                        const char  *elder_id);
void       yi_staff_list_box_clear     (GtkListBox  *list);
/* A list row with a large title and a subtitle, and room for buttons. */
GtkWidget *yi_staff_row_new            (const char  *title,
                                        const char  *subtitle,
                                        GtkWidget  **out_suffix_box);
GtkWidget *yi_staff_button_new         (const char  *label,
                                        const char  *css_class);
void       yi_staff_unparent_children  (GtkWidget   *widget);
void       yi_staff_ensure_resources   (void);
void       yi_staff_ensure_style       (void);

G_END_DECLS
