#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Helpers for the staff-mode tests under Xvfb. */

void       yi_test_pump          (guint       ms);
/* The widget whose template id (or, for widgets made in code, name) is @id. */
GtkWidget *yi_test_find          (GtkWidget  *root,
                                  const char *id);
GtkWidget *yi_test_find_button   (GtkWidget  *root,
                                  const char *label);
guint      yi_test_count_rows    (GtkWidget  *list);
/* TRUE when a mapped label under @root contains @needle. */
gboolean   yi_test_has_label     (GtkWidget  *root,
                                  const char *needle);
/* Renders @window into staff-NAME.png in the build directory. */
void       yi_test_save_png      (GtkWidget  *window,
                                  const char *name);

G_END_DECLS
