#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_STAFF_KEYPAD (yi_staff_keypad_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffKeypad, yi_staff_keypad, YI, STAFF_KEYPAD, GtkWidget)

/* The large on-screen number pad of staff mode (kiosks have no keyboard).
 * Keys press through the widget action "keypad.press" with a string target
 * ("0".."9", "X", ".", "back", "clear"); "keypad.enter" emits ::submitted.
 * With a target entry set, digits go straight into that entry. */
GtkWidget  *yi_staff_keypad_new            (void);
const char *yi_staff_keypad_get_text       (YiStaffKeypad *self);
void        yi_staff_keypad_clear          (YiStaffKeypad *self);
void        yi_staff_keypad_set_masked     (YiStaffKeypad *self,
                                            gboolean       masked);
void        yi_staff_keypad_set_allow_x    (YiStaffKeypad *self,
                                            gboolean       allow_x);
void        yi_staff_keypad_set_allow_point (YiStaffKeypad *self,
                                             gboolean       allow_point);
void        yi_staff_keypad_set_max_length (YiStaffKeypad *self,
                                            guint          max_length);
void        yi_staff_keypad_set_target     (YiStaffKeypad *self,
                                            GtkEditable   *target);

G_END_DECLS
