#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers for tests that drive real widgets under Xvfb. */

/* Runs the main loop for @ms milliseconds. */
void       yi_ui_pump        (guint       ms);
/* The widget with this builder id or widget name under @root. */
GtkWidget *yi_ui_find        (GtkWidget  *root,
                              const char *id);
GtkWidget *yi_ui_find_button (GtkWidget  *root,
                              const char *label);
/* A mapped label under @root whose text contains @needle. */
gboolean   yi_ui_has_label   (GtkWidget  *root,
                              const char *needle);
/* Renders @widget (a window, or a widget in a popover) into the build
 * directory as @file, as it is on screen now. */
void       yi_ui_save_png    (GtkWidget  *widget,
                              const char *file);

G_END_DECLS
