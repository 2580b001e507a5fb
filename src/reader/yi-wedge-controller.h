#pragma once

#include <gtk/gtk.h>

#include "yi-reader.h"

G_BEGIN_DECLS

/* A capture-phase key controller for a window: the bursts a keyboard-wedge
 * reader types are swallowed before any text field sees them and turned
 * into "card-tapped" on @reader; people's typing reaches the focused field
 * unchanged (held digits are delayed by at most the reader's gap).
 *   gtk_widget_add_controller (GTK_WIDGET (window), yi_wedge_controller_new (reader));
 */
GtkEventController *yi_wedge_controller_new          (YiWedgeReader      *reader);

/* The key-press handler itself, for callers that route key events by hand.
 * @time_ms is the event's time stamp.  Returns TRUE if the key was taken. */
gboolean            yi_wedge_controller_handle_key   (GtkEventController *controller,
                                                      guint               keyval,
                                                      GdkModifierType     state,
                                                      guint32             time_ms);

G_END_DECLS
