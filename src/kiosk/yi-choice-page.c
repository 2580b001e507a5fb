#include "config.h"

#include "yi-choice-page.h"

typedef struct
{
  GtkStack *stack;
  GtkLabel *result_label;
  GtkLabel *result_detail;

  YiStore  *store;
  char     *elder_id;
} YiChoicePagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (YiChoicePage, yi_choice_page, GTK_TYPE_WIDGET)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
yi_choice_page_class_set_template (GtkWidgetClass *widget_class,
                                   const char     *resource)
{
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE,
                                             G_PRIVATE_OFFSET (YiChoicePage, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "result_label", FALSE,
                                             G_PRIVATE_OFFSET (YiChoicePage, result_label));
  gtk_widget_class_bind_template_child_full (widget_class, "result_detail", FALSE,
                                             G_PRIVATE_OFFSET (YiChoicePage, result_detail));
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

void
yi_choice_page_begin (YiChoicePage *self,
                      YiStore      *store,
                      const char   *elder_id,
                      const char   *first_step)
{
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);

  g_return_if_fail (YI_IS_CHOICE_PAGE (self));

  g_set_object (&priv->store, store);
  g_free (priv->elder_id);
  priv->elder_id = g_strdup (elder_id);
  gtk_stack_set_visible_child_name (priv->stack, first_step);
}

void
yi_choice_page_show_step (YiChoicePage *self,
                          const char   *step)
{
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);

  g_return_if_fail (YI_IS_CHOICE_PAGE (self));

  gtk_stack_set_visible_child_name (priv->stack, step);
}

YiStore *
yi_choice_page_get_store (YiChoicePage *self)
{
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);

  g_return_val_if_fail (YI_IS_CHOICE_PAGE (self), NULL);

  return priv->store;
}

const char *
yi_choice_page_get_elder_id (YiChoicePage *self)
{
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);

  g_return_val_if_fail (YI_IS_CHOICE_PAGE (self), NULL);

  return priv->elder_id;
}

void
yi_choice_page_finish (YiChoicePage *self,
                       gboolean      saved,
                       const char   *title,
                       const char   *detail)
{
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);

  g_return_if_fail (YI_IS_CHOICE_PAGE (self));

  gtk_label_set_label (priv->result_label, title);
  gtk_label_set_label (priv->result_detail, detail);
  gtk_stack_set_visible_child_name (priv->stack, "result");
  g_signal_emit (self, signals[FINISHED], 0, saved);
}

static void
yi_choice_page_dispose (GObject *object)
{
  YiChoicePage *self = YI_CHOICE_PAGE (object);
  YiChoicePagePrivate *priv = yi_choice_page_get_instance_private (self);
  GtkWidget *child;

  g_clear_object (&priv->store);
  g_clear_pointer (&priv->elder_id, g_free);
  /* the template is the subclass's */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_choice_page_parent_class)->dispose (object);
}

static void
yi_choice_page_class_init (YiChoicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yi_choice_page_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
yi_choice_page_init (YiChoicePage *self)
{
}
