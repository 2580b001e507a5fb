#include "config.h"

#include "yi-unknown-card-page.h"

#include <glib/gi18n.h>

struct _YiUnknownCardPage
{
  GtkWidget  parent_instance;

  GtkLabel  *uid_label;
};

G_DEFINE_FINAL_TYPE (YiUnknownCardPage, yi_unknown_card_page, GTK_TYPE_WIDGET)

void
yi_unknown_card_page_set_uid (YiUnknownCardPage *self,
                              const char        *uid)
{
  g_autofree char *text = NULL;

  g_return_if_fail (YI_IS_UNKNOWN_CARD_PAGE (self));

  if (uid != NULL)
    text = g_strdup_printf (_("Card number %s"), uid);
  gtk_label_set_label (self->uid_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->uid_label), text != NULL);
}

static void
yi_unknown_card_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YI_TYPE_UNKNOWN_CARD_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_unknown_card_page_parent_class)->dispose (object);
}

static void
yi_unknown_card_page_class_init (YiUnknownCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_unknown_card_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-unknown-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiUnknownCardPage, uid_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_unknown_card_page_init (YiUnknownCardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
