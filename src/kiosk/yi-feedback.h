#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  YI_FEEDBACK_DONE,       /* checked in, ordered, signed up */
  YI_FEEDBACK_ASK_STAFF,  /* the card could not be used */
} YiFeedbackSound;

#define YI_TYPE_FEEDBACK (yi_feedback_get_type ())
G_DECLARE_FINAL_TYPE (YiFeedback, yi_feedback, YI, FEEDBACK, GObject)

/* Sound and voice for people who cannot read the screen.  Follows the
 * "sounds" and "spoken-greeting" settings; nothing here ever blocks the
 * user interface or fails loudly (a kiosk without speakers still works). */
YiFeedback *yi_feedback_new                (GSettings       *settings);
void        yi_feedback_play               (YiFeedback      *self,
                                            YiFeedbackSound  sound);
void        yi_feedback_say                (YiFeedback      *self,
                                            const char      *text);
guint       yi_feedback_get_sounds_played  (YiFeedback      *self);
/* The last text handed to the speech program, NULL if none started. */
const char *yi_feedback_get_last_spoken    (YiFeedback      *self);

G_END_DECLS
