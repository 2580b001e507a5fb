#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_FACE_RATING (yi_face_rating_get_type ())
G_DECLARE_FINAL_TYPE (YiFaceRating, yi_face_rating, YI, FACE_RATING, GtkWidget)

/* Five large faces, each with its word (很不满意 … 很满意) as the button's
 * name; a press emits ::rated (int 1..5). */

G_END_DECLS
