#include "config.h"

#include "yi-order-page.h"
#include "yi-kiosk-text.h"
#include "yi-meals.h"

#include <glib/gi18n.h>

struct _YiOrderPage
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *dishes_label;
  GtkLabel  *price_label;
  GtkStack  *stack;
  GtkLabel  *result_label;
  GtkLabel  *result_detail;

  YiStore   *store;
  char      *elder_id;
  char      *date;
  char      *mode;
};

G_DEFINE_FINAL_TYPE (YiOrderPage, yi_order_page, GTK_TYPE_WIDGET)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

gboolean
yi_order_page_prepare (YiOrderPage  *self,
                       YiStore      *store,
                       const char   *elder_id,
                       const char   *mode,
                       GError      **error)
{
  g_autofree char *today = yi_store_today (store);
  g_autoptr(YiMenu) menu = yi_store_get_menu (store, today, "lunch", error);
  g_autofree char *price = NULL;
  g_autofree char *pay = NULL;
  gboolean delivery = g_strcmp0 (mode, "delivery") == 0;
  gint64 fen = 0;

  g_return_val_if_fail (YI_IS_ORDER_PAGE (self), FALSE);

  if (menu == NULL || !yi_meal_price_for_elder (store, elder_id, today, "lunch", mode, &fen, error))
    return FALSE;
  g_set_object (&self->store, store);
  g_free (self->elder_id);
  self->elder_id = g_strdup (elder_id);
  g_free (self->date);
  self->date = g_steal_pointer (&today);
  g_free (self->mode);
  self->mode = g_strdup (mode);

  gtk_label_set_label (self->title_label, delivery ? _("Lunch delivered to your home") : _("Lunch here at the centre"));
  gtk_label_set_label (self->dishes_label, yi_kiosk_pick (menu->dishes_zh, menu->dishes_en));
  price = yi_kiosk_format_price (fen);
  pay = g_strdup_printf (_("You pay %s"), price);
  gtk_label_set_label (self->price_label, pay);
  gtk_stack_set_visible_child_name (self->stack, "confirm");
  return TRUE;
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  YiOrderPage *self = YI_ORDER_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;

  if (self->store == NULL)
    return;
  order = yi_store_order_meal (self->store, self->elder_id, self->date, "lunch", self->mode, "kiosk", &error);
  if (order != NULL)
    {
      gtk_label_set_label (self->result_label, _("Your lunch is ordered"));
      gtk_label_set_label (self->result_detail,
                           g_strcmp0 (self->mode, "delivery") == 0
                           ? _("It will be brought to your home at lunchtime.")
                           : _("Please come to the dining room at lunchtime."));
    }
  else
    {
      /* the message is for the elder: plain words, and a person to ask */
      g_message ("Kiosk lunch order refused: %s", error->message);
      gtk_label_set_label (self->result_label, _("Sorry, the order did not go through"));
      if (g_error_matches (error, YI_MEAL_ERROR, YI_MEAL_ERROR_ALREADY_ORDERED))
        gtk_label_set_label (self->result_detail, _("Your lunch today is ordered already."));
      else if (g_error_matches (error, YI_MEAL_ERROR, YI_MEAL_ERROR_CLOSED))
        gtk_label_set_label (self->result_detail, _("It is too late to order lunch today. Please ask staff."));
      else
        gtk_label_set_label (self->result_detail, _("Please ask a member of staff."));
    }
  gtk_stack_set_visible_child_name (self->stack, "result");
  g_signal_emit (self, signals[FINISHED], 0, order != NULL);
}

static void
yi_order_page_dispose (GObject *object)
{
  YiOrderPage *self = YI_ORDER_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_pointer (&self->elder_id, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->mode, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_ORDER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_order_page_parent_class)->dispose (object);
}

static void
yi_order_page_class_init (YiOrderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_order_page_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-order-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, dishes_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, price_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, result_detail);
  gtk_widget_class_install_action (widget_class, "order.confirm", NULL, confirm);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_order_page_init (YiOrderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
