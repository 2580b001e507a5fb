#include "config.h"

#include "yi-staff-page.h"

struct _YiStaffPage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (YiStaffPage, yi_staff_page, GTK_TYPE_WIDGET)

static void
yi_staff_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YI_TYPE_STAFF_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_staff_page_parent_class)->dispose (object);
}

static void
yi_staff_page_class_init (YiStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_staff_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-staff-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_page_init (YiStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
