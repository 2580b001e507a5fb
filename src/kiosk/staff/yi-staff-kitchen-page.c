#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-clock.h"
#include "yi-kitchen.h"
#include "yi-kitchen-sheet.h"
#include "yi-policy.h"
#include "yi-programme.h"
#include "yi-serving.h"

#include <glib/gi18n-lib.h>

#define N_MEALS 3
#define BOARD_TEXT 34.0

struct _YiStaffKitchenPage
{
  GtkWidget           parent_instance;

  YiStaffSession     *session;
  char               *date;

  GtkLabel           *date_label;
  GtkStack           *sections;
  GtkDrawingArea     *board;
  GtkEntry           *cancel_reason;
  GtkListBox         *orders;
  GtkListBox         *delivery;
  YiStaffElderPicker *order_picker;
  GtkDropDown        *order_meal;
  GtkToggleButton    *mode_delivery;
  GtkLabel           *cutoff_note;
  GtkEntry           *late_reason;
  GtkLabel           *order_error;
  GtkGrid            *menu_grid;
  GtkLabel           *menu_error;
  GtkEntry           *dishes[N_MEALS];
  GtkEntry           *price[N_MEALS];
  GtkEntry           *delivery_fee[N_MEALS];
  GtkEntry           *cutoff[N_MEALS];
};

static void yi_staff_kitchen_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffKitchenPage, yi_staff_kitchen_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_kitchen_page_iface_init))

static YiStore *
store_of (YiStaffKitchenPage *self)
{
  return yi_staff_session_get_store (self->session);
}

static const char *
chosen_meal (YiStaffKitchenPage *self)
{
  guint i = gtk_drop_down_get_selected (self->order_meal);

  return i < N_MEALS ? yi_meal_codes ()[i] : "lunch";
}

static void
draw_board (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  YiStaffKitchenPage *self = data;
  g_autoptr(GError) error = NULL;
  double used;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->session == NULL || yi_staff_session_get_state (self->session) != YI_STAFF_SESSION_OPEN)
    return;
  used = yi_kitchen_draw_counts (store_of (self), self->date, cr, 16, 16, width - 32, BOARD_TEXT, &error);
  if (used < 0)
    return;
  /* Grow to fit every meal; the scrolled window scrolls. */
  if ((int) used + 40 > gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, (int) used + 40);
}

static GtkWidget *
order_button (YiStaffKitchenPage *self,
              const char         *label,
              const char         *action,
              const char         *order_id,
              const char         *css)
{
  GtkWidget *b = yi_staff_button_new (label, css);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", order_id);
  return b;
}

static void
fill_orders (YiStaffKitchenPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = yi_kitchen_orders (store_of (self), self->date, NULL, &error);

  yi_staff_list_box_clear (self->orders);
  if (orders == NULL)
    {
      gtk_list_box_append (self->orders, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < orders->len; i++)
    {
      YiMealOrder *o = orders->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", o->name, yi_meal_label (o->meal));
      g_autofree char *sub = g_strdup_printf ("%s · %s%s%s", yi_meal_mode_label (o->mode), yi_diet_label (o->diet),
                                              o->allergies && *o->allergies ? " · " : "",
                                              o->allergies && *o->allergies ? o->allergies : "");
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, sub, &suffix);

      if (o->served)
        {
          GtkWidget *badge = gtk_label_new (_("Served"));

          gtk_widget_add_css_class (badge, "yi-badge-here");
          gtk_box_append (GTK_BOX (suffix), badge);
        }
      else
        {
          gtk_box_append (GTK_BOX (suffix), order_button (self, _("Mark served"), "kitchen.serve", o->id, "suggested-action"));
          gtk_box_append (GTK_BOX (suffix), order_button (self, _("Cancel order"), "kitchen.cancel", o->id, "destructive-action"));
        }
      gtk_list_box_append (self->orders, row);
    }
  if (orders->len == 0)
    gtk_list_box_append (self->orders, yi_staff_row_new (_("No meals have been ordered for this day."), NULL, NULL));
}

static void
fill_delivery (YiStaffKitchenPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) round = yi_kitchen_delivery_list (store_of (self), self->date, NULL, &error);

  yi_staff_list_box_clear (self->delivery);
  if (round == NULL)
    {
      gtk_list_box_append (self->delivery, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < round->len; i++)
    {
      YiMealOrder *o = round->pdata[i];
      g_autofree char *title = g_strdup_printf ("%u. %s%s%s", i + 1, o->street ? o->street : "",
                                                o->street ? " " : "", o->address ? o->address : _("no address on record"));
      g_autofree char *sub = g_strdup_printf ("%s · %s %s · %s · %s", o->name, C_("staff", "phone"),
                                              o->phone ? o->phone : "—", yi_meal_label (o->meal), yi_diet_label (o->diet));
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, sub, &suffix);

      if (o->served)
        {
          GtkWidget *badge = gtk_label_new (_("Delivered"));

          gtk_widget_add_css_class (badge, "yi-badge-here");
          gtk_box_append (GTK_BOX (suffix), badge);
        }
      else
        gtk_box_append (GTK_BOX (suffix), order_button (self, _("Mark delivered"), "kitchen.serve", o->id, "suggested-action"));
      gtk_list_box_append (self->delivery, row);
    }
  if (round->len == 0)
    gtk_list_box_append (self->delivery, yi_staff_row_new (_("Nothing to deliver on this day."), NULL, NULL));
}

static void
fill_menus (YiStaffKitchenPage *self)
{
  g_autoptr(GPtrArray) menus = yi_store_list_menus (store_of (self), self->date, NULL);

  for (guint i = 0; i < N_MEALS; i++)
    {
      const char *meal = yi_meal_codes ()[i];
      g_autofree char *cut = yi_store_meal_cutoff (store_of (self), meal);
      YiMenu *found = NULL;

      for (guint k = 0; menus && k < menus->len; k++)
        if (g_strcmp0 (((YiMenu *) menus->pdata[k])->meal, meal) == 0)
          found = menus->pdata[k];
      gtk_editable_set_text (GTK_EDITABLE (self->dishes[i]), found ? found->dishes_zh : "");
      if (found)
        {
          g_autofree char *p = yi_fen_format (found->price_fen);
          g_autofree char *d = yi_fen_format (found->delivery_fen);

          gtk_editable_set_text (GTK_EDITABLE (self->price[i]), p);
          gtk_editable_set_text (GTK_EDITABLE (self->delivery_fee[i]), d);
        }
      else
        {
          gtk_editable_set_text (GTK_EDITABLE (self->price[i]), "");
          gtk_editable_set_text (GTK_EDITABLE (self->delivery_fee[i]), "");
        }
      gtk_editable_set_text (GTK_EDITABLE (self->cutoff[i]), cut);
    }
}

static void
update_cutoff_note (YiStaffKitchenPage *self)
{
  const char *meal = chosen_meal (self);
  g_autofree char *cut = NULL;
  g_autofree char *note = NULL;

  if (self->session == NULL)
    return;
  cut = yi_store_meal_cutoff (store_of (self), meal);
  if (!yi_store_meal_order_open (store_of (self), self->date, meal))
    note = g_strdup_printf (_("Orders for %s closed at %s. Staff may still order, with a reason."), yi_meal_label (meal), cut);
  else
    note = g_strdup_printf (_("Orders for %s on %s are open until %s."), yi_meal_label (meal), self->date, cut);
  gtk_label_set_label (self->cutoff_note, note);
}

static void
yi_staff_kitchen_page_refresh (YiStaffPage *page)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (page);
  g_autofree char *title = NULL;
  g_autofree char *today = NULL;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_MEALS))
    return;
  today = yi_store_today (store_of (self));
  if (self->date == NULL)
    self->date = g_strdup (today);
  title = g_strcmp0 (self->date, today) == 0
    ? g_strdup_printf (_("Meals today, %s (%s)"), self->date, yi_weekday_label (yi_date_weekday (self->date)))
    : g_strdup_printf (_("Meals on %s (%s)"), self->date, yi_weekday_label (yi_date_weekday (self->date)));
  gtk_label_set_label (self->date_label, title);
  fill_orders (self);
  fill_delivery (self);
  fill_menus (self);
  update_cutoff_note (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->board));
}

const char *
yi_staff_kitchen_page_get_date (YiStaffKitchenPage *self)
{
  return self->date;
}

static void
move_day (YiStaffKitchenPage *self,
          int                 days)
{
  g_autofree char *next = yi_date_add_days (self->date, days);

  g_free (self->date);
  self->date = g_steal_pointer (&next);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
prev_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_day (YI_STAFF_KITCHEN_PAGE (widget), -1);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_day (YI_STAFF_KITCHEN_PAGE (widget), 1);
}

static void
serve_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *order_id = g_variant_get_string (parameter, NULL);
  g_autofree char *elder = yi_store_query_string (store_of (self), "SELECT elder_id FROM meal_orders WHERE id = ?", order_id, NULL);
  g_autofree char *meal = yi_store_query_string (store_of (self), "SELECT meal FROM meal_orders WHERE id = ?", order_id, NULL);
  g_autofree char *served = NULL;
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  served = yi_store_serve_meal (store_of (self), elder, self->date, meal, "manual", &error);
  if (served == NULL)
    {
      yi_staff_toast_error (widget, error);
      return;
    }
  name = yi_staff_elder_name (store_of (self), elder);
  msg = g_strdup_printf (_("%s’s %s is marked served"), name, yi_meal_label (meal));
  yi_staff_toast (widget, msg);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *voided = yi_kitchen_cancel_order (store_of (self), g_variant_get_string (parameter, NULL),
                                                     gtk_editable_get_text (GTK_EDITABLE (self->cancel_reason)), &error);

  if (voided == NULL)
    {
      yi_staff_toast_error (widget, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_reason));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->cancel_reason), "");
  yi_staff_toast (widget, _("The order is cancelled"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
order_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *elder = yi_staff_elder_picker_get_elder (self->order_picker);
  const char *meal = chosen_meal (self);
  const char *mode = gtk_toggle_button_get_active (self->mode_delivery) ? "delivery" : "dine_in";
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  if (elder == NULL)
    {
      gtk_label_set_label (self->order_error, _("Choose the elder first"));
      return;
    }
  id = yi_kitchen_order_for_elder (store_of (self), elder, self->date, meal, mode,
                                   gtk_editable_get_text (GTK_EDITABLE (self->late_reason)), &error);
  if (id == NULL)
    {
      gtk_label_set_label (self->order_error, error->message);
      return;
    }
  gtk_label_set_label (self->order_error, "");
  gtk_editable_set_text (GTK_EDITABLE (self->late_reason), "");
  name = yi_staff_elder_name (store_of (self), elder);
  msg = g_strdup_printf (_("%s: %s ordered (%s)"), name, yi_meal_label (meal), yi_meal_mode_label (mode));
  yi_staff_toast (widget, msg);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
save_menus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  YiStore *store = store_of (self);
  g_autoptr(GError) error = NULL;
  guint saved = 0;

  /* Check every line before writing any, so a slip saves nothing. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < N_MEALS; i++)
      {
        const char *dishes = gtk_editable_get_text (GTK_EDITABLE (self->dishes[i]));
        const char *meal = yi_meal_codes ()[i];
        const char *delivery_text = gtk_editable_get_text (GTK_EDITABLE (self->delivery_fee[i]));
        gint64 price = 0, delivery = 0;

        if (*dishes == '\0')
          continue;
        if (!yi_yuan_parse (gtk_editable_get_text (GTK_EDITABLE (self->price[i])), &price) ||
            (*delivery_text && !yi_yuan_parse (delivery_text, &delivery)))
          {
            g_autofree char *msg = g_strdup_printf (_("The price of %s is not an amount of yuan like 10 or 12.50"),
                                                    yi_meal_label (meal));
            gtk_label_set_label (self->menu_error, msg);
            return;
          }
        if (pass == 1)
          {
            g_autofree char *id = yi_store_save_menu (store, self->date, meal, dishes, NULL, price, delivery, &error);

            if (id == NULL)
              {
                gtk_label_set_label (self->menu_error, error->message);
                return;
              }
            saved++;
          }
      }
  gtk_label_set_label (self->menu_error, "");
  if (saved > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u menu saved for %s", "%u menus saved for %s", saved),
                                              saved, self->date);
      yi_staff_toast (widget, msg);
    }
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
save_cutoffs_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_MEALS; i++)
    if (!yi_kitchen_set_cutoff (store_of (self), yi_meal_codes ()[i],
                                gtk_editable_get_text (GTK_EDITABLE (self->cutoff[i])), &error))
      {
        g_autofree char *msg = g_strdup_printf ("%s: %s", yi_meal_label (yi_meal_codes ()[i]), error->message);
        gtk_label_set_label (self->menu_error, msg);
        return;
      }
  gtk_label_set_label (self->menu_error, "");
  yi_staff_toast (widget, _("Cut-off times saved"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
draw_print_page (GtkPrintOperation  *op,
                 GtkPrintContext    *context,
                 int                 page_nr,
                 YiStaffKitchenPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!yi_kitchen_draw_page (store_of (self), self->date, gtk_print_context_get_cairo_context (context),
                             gtk_print_context_get_width (context), gtk_print_context_get_height (context), &error))
    yi_staff_toast_error (GTK_WIDGET (self), error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (widget);
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job = g_strdup_printf (_("Kitchen sheet for %s"), self->date);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_print_operation_set_job_name (op, job);
  gtk_print_operation_set_n_pages (op, 1);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_print_page), self);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    yi_staff_toast_error (widget, error);
}

static void
on_section_changed (YiStaffKitchenPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->board));
}

static GtkEntry *
grid_entry (YiStaffKitchenPage *self,
            const char         *name,
            int                 column,
            int                 row,
            int                 width_chars)
{
  GtkWidget *e = gtk_entry_new ();

  gtk_widget_set_name (e, name);
  gtk_widget_add_css_class (e, "yi-big-entry");
  gtk_editable_set_width_chars (GTK_EDITABLE (e), width_chars);
  gtk_widget_set_hexpand (e, width_chars > 10);
  gtk_grid_attach (self->menu_grid, e, column, row, 1, 1);
  return GTK_ENTRY (e);
}

static void
yi_staff_kitchen_page_set_session (YiStaffPage    *page,
                                   YiStaffSession *session)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (page);

  g_set_object (&self->session, session);
  yi_staff_elder_picker_set_session (self->order_picker, session);
}

static void
yi_staff_kitchen_page_dispose (GObject *object)
{
  YiStaffKitchenPage *self = YI_STAFF_KITCHEN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_KITCHEN_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->date, g_free);
  G_OBJECT_CLASS (yi_staff_kitchen_page_parent_class)->dispose (object);
}

static void
yi_staff_kitchen_page_class_init (YiStaffKitchenPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_kitchen_page_dispose;
  g_type_ensure (YI_TYPE_STAFF_ELDER_PICKER);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-kitchen-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, sections);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, board);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, cancel_reason);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, orders);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, delivery);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, order_picker);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, order_meal);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, mode_delivery);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, cutoff_note);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, late_reason);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, order_error);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, menu_grid);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKitchenPage, menu_error);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed);
  gtk_widget_class_install_action (widget_class, "kitchen.prev-day", NULL, prev_day_action);
  gtk_widget_class_install_action (widget_class, "kitchen.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "kitchen.serve", "s", serve_action);
  gtk_widget_class_install_action (widget_class, "kitchen.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "kitchen.order", NULL, order_action);
  gtk_widget_class_install_action (widget_class, "kitchen.save-menus", NULL, save_menus_action);
  gtk_widget_class_install_action (widget_class, "kitchen.save-cutoffs", NULL, save_cutoffs_action);
  gtk_widget_class_install_action (widget_class, "kitchen.print", NULL, print_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_kitchen_page_init (YiStaffKitchenPage *self)
{
  g_autoptr(GtkStringList) meals = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < N_MEALS; i++)
    {
      const char *meal = yi_meal_codes ()[i];
      GtkWidget *label = gtk_label_new (yi_meal_label (meal));
      g_autofree char *n_dishes = g_strdup_printf ("menu-%s-dishes", meal);
      g_autofree char *n_price = g_strdup_printf ("menu-%s-price", meal);
      g_autofree char *n_delivery = g_strdup_printf ("menu-%s-delivery", meal);
      g_autofree char *n_cutoff = g_strdup_printf ("cutoff-%s", meal);

      gtk_string_list_append (meals, yi_meal_label (meal));
      gtk_widget_add_css_class (label, "yi-row-title");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->menu_grid, label, 0, (int) i + 1, 1, 1);
      self->dishes[i] = grid_entry (self, n_dishes, 1, (int) i + 1, 16);
      self->price[i] = grid_entry (self, n_price, 2, (int) i + 1, 5);
      self->delivery_fee[i] = grid_entry (self, n_delivery, 3, (int) i + 1, 5);
      self->cutoff[i] = grid_entry (self, n_cutoff, 4, (int) i + 1, 5);
    }
  gtk_drop_down_set_model (self->order_meal, G_LIST_MODEL (meals));
  gtk_drop_down_set_selected (self->order_meal, 1);
  g_signal_connect_swapped (self->order_meal, "notify::selected", G_CALLBACK (update_cutoff_note), self);
  gtk_drawing_area_set_draw_func (self->board, draw_board, self, NULL);
}

static void
yi_staff_kitchen_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_kitchen_page_set_session;
  iface->refresh = yi_staff_kitchen_page_refresh;
}
