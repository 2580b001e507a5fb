#include "config.h"

#include "yi-staff-private.h"

#include <glib/gi18n-lib.h>

#include "yi-staff-resources.h"

void
yi_staff_toast (GtkWidget  *widget,
                const char *message)
{
  gtk_widget_activate_action (widget, "staff.toast", "s", message);
}

void
yi_staff_toast_error (GtkWidget    *widget,
                      const GError *error)
{
  yi_staff_toast (widget, error->message);
}

char *
yi_staff_elder_name (YiStore    *store,
                     const char *elder_id)
{
  return yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL);
}

void
yi_staff_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Template roots are not bound to a field, so dispose_template leaves them. */
void
yi_staff_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

GtkWidget *
yi_staff_row_new (const char  *title,
                  const char  *subtitle,
                  GtkWidget  **out_suffix_box)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *t = gtk_label_new (title);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (row, "yi-staff-row");
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_widget_add_css_class (t, "yi-row-title");
  gtk_box_append (GTK_BOX (text), t);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *s = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (s), 0);
      gtk_label_set_wrap (GTK_LABEL (s), TRUE);
      gtk_widget_add_css_class (s, "yi-row-subtitle");
      gtk_box_append (GTK_BOX (text), s);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), suffix);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (out_suffix_box)
    *out_suffix_box = suffix;
  return row;
}

GtkWidget *
yi_staff_button_new (const char *label,
                     const char *css_class)
{
  GtkWidget *b = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (b, "yi-staff-button");
  if (css_class)
    gtk_widget_add_css_class (b, css_class);
  return b;
}

/* The resources live in a static library, so they are registered by hand:
 * a constructor in an unreferenced object file would never be linked in. */
void
yi_staff_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      yi_staff_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

void
yi_staff_ensure_style (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      yi_staff_ensure_resources ();
      gtk_css_provider_load_from_resource (css, YI_STAFF_RESOURCE "staff.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      /* staff mode's own icons, whichever application shows it */
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        YI_STAFF_RESOURCE "icons");
      g_once_init_leave (&done, 1);
    }
}
