#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_COUNTDOWN (yi_countdown_get_type ())
G_DECLARE_FINAL_TYPE (YiCountdown, yi_countdown, YI, COUNTDOWN, GtkWidget)

/* A visible "back to the start in N seconds" bar; emits ::expired. */
void     yi_countdown_start          (YiCountdown *self,
                                      guint        seconds);
void     yi_countdown_stop           (YiCountdown *self);
gboolean yi_countdown_is_running     (YiCountdown *self);
guint    yi_countdown_get_remaining  (YiCountdown *self);

G_END_DECLS
