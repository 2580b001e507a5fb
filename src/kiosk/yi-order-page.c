#include "config.h"

#include "yi-order-page.h"
#include "yi-kiosk-text.h"
#include "yi-meals.h"

#include <glib/gi18n.h>

struct _YiOrderPage
{
  YiChoicePage  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *dishes_label;
  GtkLabel  *price_label;

  char      *date;
  char      *mode;
};

G_DEFINE_FINAL_TYPE (YiOrderPage, yi_order_page, YI_TYPE_CHOICE_PAGE)

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
  g_free (self->date);
  self->date = g_steal_pointer (&today);
  g_free (self->mode);
  self->mode = g_strdup (mode);

  gtk_label_set_label (self->title_label, delivery ? _("Lunch delivered to your home") : _("Lunch here at the centre"));
  gtk_label_set_label (self->dishes_label, yi_kiosk_pick (menu->dishes_zh, menu->dishes_en));
  price = yi_kiosk_format_price (fen);
  pay = g_strdup_printf (_("You pay %s"), price);
  gtk_label_set_label (self->price_label, pay);
  yi_choice_page_begin (YI_CHOICE_PAGE (self), store, elder_id, "confirm");
  return TRUE;
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  YiOrderPage *self = YI_ORDER_PAGE (widget);
  YiChoicePage *page = YI_CHOICE_PAGE (widget);
  YiStore *store = yi_choice_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  const char *detail;

  if (store == NULL)
    return;
  order = yi_store_order_meal (store, yi_choice_page_get_elder_id (page), self->date, "lunch", self->mode,
                               "kiosk", &error);
  if (order != NULL)
    {
      yi_choice_page_finish (page, TRUE, _("Your lunch is ordered"),
                             g_strcmp0 (self->mode, "delivery") == 0
                             ? _("It will be brought to your home at lunchtime.")
                             : _("Please come to the dining room at lunchtime."));
      return;
    }
  /* the message is for the elder: plain words, and a person to ask */
  g_message ("Kiosk lunch order refused: %s", error->message);
  if (g_error_matches (error, YI_MEAL_ERROR, YI_MEAL_ERROR_ALREADY_ORDERED))
    detail = _("Your lunch today is ordered already.");
  else if (g_error_matches (error, YI_MEAL_ERROR, YI_MEAL_ERROR_CLOSED))
    detail = _("It is too late to order lunch today. Please ask staff.");
  else
    detail = _("Please ask a member of staff.");
  yi_choice_page_finish (page, FALSE, _("Sorry, the order did not go through"), detail);
}

static void
yi_order_page_dispose (GObject *object)
{
  YiOrderPage *self = YI_ORDER_PAGE (object);

  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->mode, g_free);
  G_OBJECT_CLASS (yi_order_page_parent_class)->dispose (object);
}

static void
yi_order_page_class_init (YiOrderPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_order_page_dispose;

  yi_choice_page_class_set_template (widget_class, "/io/github/yiyang/Kiosk/yi-order-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, dishes_label);
  gtk_widget_class_bind_template_child (widget_class, YiOrderPage, price_label);
  gtk_widget_class_install_action (widget_class, "order.confirm", NULL, confirm);
}

static void
yi_order_page_init (YiOrderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
