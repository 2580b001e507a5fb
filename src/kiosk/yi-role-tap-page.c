#include "config.h"

#include "yi-role-tap-page.h"

#include <glib/gi18n.h>

struct _YiRoleTapPage
{
  GtkWidget  parent_instance;

  GtkImage  *icon;
  GtkLabel  *name_label;
  GtkLabel  *message_label;
};

G_DEFINE_FINAL_TYPE (YiRoleTapPage, yi_role_tap_page, GTK_TYPE_WIDGET)

void
yi_role_tap_page_show (YiRoleTapPage *self,
                       const char    *name,
                       const char    *message,
                       gboolean       good)
{
  g_return_if_fail (YI_IS_ROLE_TAP_PAGE (self));

  gtk_label_set_label (self->name_label, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL);
  gtk_label_set_label (self->message_label, message);
  gtk_image_set_from_icon_name (self->icon, good ? "yi-check-symbolic" : "yi-info-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), good ? "role-tap-notice" : "role-tap-good");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), good ? "role-tap-good" : "role-tap-notice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  good ? _("Done") : _("Please note"), -1);
}

static void
yi_role_tap_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YI_TYPE_ROLE_TAP_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_role_tap_page_parent_class)->dispose (object);
}

static void
yi_role_tap_page_class_init (YiRoleTapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_role_tap_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-role-tap-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiRoleTapPage, icon);
  gtk_widget_class_bind_template_child (widget_class, YiRoleTapPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, YiRoleTapPage, message_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_role_tap_page_init (YiRoleTapPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
