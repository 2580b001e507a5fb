#include "config.h"

#include "yi-board-page.h"
#include "yi-activities.h"
#include "yi-board.h"
#include "yi-clock.h"
#include "yi-kiosk-text.h"
#include "yi-meals.h"

#include <glib/gi18n.h>

/* At most this many sessions fit the board at two metres' reading size. */
#define MAX_ACTIVITY_ROWS 4
#define PRICE_COLUMNS 2

struct _YiBoardPage
{
  GtkWidget   parent_instance;

  GtkLabel   *centre_label;
  GtkLabel   *date_label;
  GtkLabel   *weekday_label;
  GtkLabel   *clock_label;
  GtkBox     *menu_box;
  GtkBox     *activities_box;
  GtkGrid    *prices_box;
  GtkLabel   *duty_label;
  GtkBox     *notices_box;

  YiStore    *store;
  gulong      committed_id;
  guint       clock_id;
  guint       refresh_idle_id;
  char       *shown_date;
  GPtrArray  *rows;          /* widgets added by the last refresh */
};

G_DEFINE_FINAL_TYPE (YiBoardPage, yi_board_page, GTK_TYPE_WIDGET)

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  if (box != NULL)
    gtk_box_append (box, label);
  return label;
}

static void
clear_rows (YiBoardPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (self->rows, i);
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), w);
      else if (parent != NULL)
        gtk_box_remove (GTK_BOX (parent), w);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static const char *
meal_name (const char *meal)
{
  if (g_strcmp0 (meal, "breakfast") == 0)
    return _("Breakfast");
  if (g_strcmp0 (meal, "dinner") == 0)
    return _("Dinner");
  return _("Lunch");
}

static void
show_menus (YiBoardPage *self,
            YiBoard     *board)
{
  if (board->menus->len == 0)
    g_ptr_array_add (self->rows, add_label (self->menu_box, _("The menu is not out yet"), "kiosk-body"));
  for (guint i = 0; i < board->menus->len; i++)
    {
      YiMenu *m = g_ptr_array_index (board->menus, i);
      g_autofree char *price = yi_kiosk_format_price (m->price_fen);
      g_autofree char *dishes = g_strdup_printf (_("%s: %s"), meal_name (m->meal),
                                                 yi_kiosk_pick (m->dishes_zh, m->dishes_en));
      g_autofree char *prices = NULL;

      if (m->delivery_fen > 0)
        {
          g_autofree char *delivered = yi_kiosk_format_price (m->price_fen + m->delivery_fen);
          /* Translators: the price of a meal eaten here, and delivered */
          prices = g_strdup_printf (_("%s here, %s delivered"), price, delivered);
        }
      g_ptr_array_add (self->rows, add_label (self->menu_box, dishes, "kiosk-body"));
      g_ptr_array_add (self->rows, add_label (self->menu_box, prices != NULL ? prices : price, "kiosk-body"));
      gtk_widget_add_css_class (g_ptr_array_index (self->rows, self->rows->len - 1), "menu-price");
    }
}

static void
show_activities (YiBoardPage *self,
                 YiBoard     *board)
{
  guint shown = 0;

  for (guint i = 0; i < board->activities->len && shown < MAX_ACTIVITY_ROWS; i++)
    {
      YiSession *s = g_ptr_array_index (board->activities, i);
      g_autofree char *seats = yi_kiosk_format_seats_left (yi_session_seats_left (s));
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
      g_autofree char *what = NULL;
      GtkWidget *label;

      if (s->room != NULL && *s->room != '\0')
        /* Translators: an activity and its room on the board */
        what = g_strdup_printf (_("%s (%s)"), yi_kiosk_pick (s->title, s->title_en), s->room);
      else
        what = g_strdup (yi_kiosk_pick (s->title, s->title_en));
      label = add_label (GTK_BOX (row), s->starts_at, "kiosk-body");
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_add_css_class (label, "activity-time");
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      label = add_label (GTK_BOX (row), what, "kiosk-body");
      gtk_widget_set_hexpand (label, TRUE);
      label = add_label (GTK_BOX (row), seats, "kiosk-body");
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, yi_session_seats_left (s) > 0 ? "seats-left" : "seats-full");
      gtk_box_append (self->activities_box, row);
      g_ptr_array_add (self->rows, row);
      shown++;
    }
  if (shown == 0)
    g_ptr_array_add (self->rows, add_label (self->activities_box, _("No activities today"), "kiosk-body"));
}

static void
show_prices (YiBoardPage *self,
             YiBoard     *board)
{
  for (guint i = 0; i < board->prices->len; i++)
    {
      YiPriceEntry *p = g_ptr_array_index (board->prices, i);
      g_autofree char *price = yi_kiosk_format_unit_price (p->price_fen, p->unit);
      g_autofree char *line = g_strdup_printf ("%s  %s", yi_kiosk_pick (p->name_zh, p->name_en), price);
      GtkWidget *label = add_label (NULL, line, "kiosk-small");

      gtk_grid_attach (self->prices_box, label, i % PRICE_COLUMNS, i / PRICE_COLUMNS, 1, 1);
      g_ptr_array_add (self->rows, label);
    }
}

static void
show_duty_and_notices (YiBoardPage *self,
                       YiBoard     *board)
{
  g_autoptr(GString) duty = g_string_new (NULL);

  for (guint i = 0; i < board->duty->len; i++)
    {
      YiDutyEntry *d = g_ptr_array_index (board->duty, i);

      if (duty->len > 0)
        g_string_append (duty, "    ");
      if (d->duty != NULL && *d->duty != '\0')
        /* Translators: a staff member on duty and what they do today */
        g_string_append_printf (duty, _("%s (%s)"), d->staff_name, d->duty);
      else
        g_string_append (duty, d->staff_name);
    }
  gtk_label_set_label (self->duty_label, duty->len > 0 ? duty->str : _("Ask at the front desk"));

  for (guint i = 0; i < board->notices->len && i < 2; i++)
    {
      YiNotice *n = g_ptr_array_index (board->notices, i);
      g_autofree char *line = g_strdup_printf (_("Notice: %s"), yi_kiosk_pick (n->text_zh, n->text_en));

      g_ptr_array_add (self->rows, add_label (self->notices_box, line, "kiosk-small"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notices_box), board->notices->len > 0);
}

static void
update_clock (YiBoardPage *self)
{
  gint64 now = yi_clock_now_us ();
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *hhmm = NULL;
  g_autofree char *date = NULL;

  if (self->store == NULL)
    return;
  local = yi_clock_local (now, yi_store_get_timezone (self->store));
  hhmm = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (local), g_date_time_get_minute (local));
  gtk_label_set_label (self->clock_label, hhmm);
  date = yi_kiosk_format_date (g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local));
  gtk_label_set_label (self->date_label, date);
  gtk_label_set_label (self->weekday_label, yi_kiosk_weekday_name (g_date_time_get_day_of_week (local)));
}

void
yi_board_page_refresh (YiBoardPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiBoard) board = NULL;
  g_autofree char *today = NULL;

  g_return_if_fail (YI_IS_BOARD_PAGE (self));

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  if (self->store == NULL)
    return;
  update_clock (self);
  today = yi_store_today (self->store);
  board = yi_store_get_board (self->store, today, &error);
  if (board == NULL)
    {
      /* keep what is shown; the next refresh tries again */
      g_warning ("Reading today's board failed: %s", error->message);
      return;
    }
  g_free (self->shown_date);
  self->shown_date = g_steal_pointer (&today);
  clear_rows (self);
  gtk_label_set_label (self->centre_label, board->centre_name != NULL ? board->centre_name : "");
  show_menus (self, board);
  show_activities (self, board);
  show_prices (self, board);
  show_duty_and_notices (self, board);
}

static gboolean
refresh_idle (gpointer user_data)
{
  YiBoardPage *self = user_data;

  self->refresh_idle_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    yi_board_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Sign-ups change the seats left: refresh once things settle, off the tap
 * path.  A board not on screen is refreshed when it is shown again (map),
 * so a tap's own commit, made while its greeting shows, costs the board
 * nothing, and no refresh lands in the middle of the next elder's tap. */
static void
on_store_committed (YiBoardPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_timeout_add_seconds (1, refresh_idle, self);
}

static gboolean
on_clock_tick (gpointer user_data)
{
  YiBoardPage *self = user_data;
  g_autofree char *today = NULL;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  today = yi_store_today (self->store);
  if (g_strcmp0 (today, self->shown_date) != 0)
    yi_board_page_refresh (self);
  else
    update_clock (self);
  return G_SOURCE_CONTINUE;
}

void
yi_board_page_set_store (YiBoardPage *self,
                         YiStore     *store)
{
  g_return_if_fail (YI_IS_BOARD_PAGE (self));

  if (self->store != NULL)
    g_clear_signal_handler (&self->committed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->committed_id = g_signal_connect_swapped (store, "committed", G_CALLBACK (on_store_committed), self);
  yi_board_page_refresh (self);
}

static void
yi_board_page_map (GtkWidget *widget)
{
  YiBoardPage *self = YI_BOARD_PAGE (widget);

  GTK_WIDGET_CLASS (yi_board_page_parent_class)->map (widget);
  yi_board_page_refresh (self);
}

static void
yi_board_page_dispose (GObject *object)
{
  YiBoardPage *self = YI_BOARD_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->committed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown_date, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_BOARD_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_board_page_parent_class)->dispose (object);
}

static void
yi_board_page_class_init (YiBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_board_page_dispose;
  widget_class->map = yi_board_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, centre_label);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, weekday_label);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, clock_label);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, menu_box);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, activities_box);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, prices_box);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, duty_label);
  gtk_widget_class_bind_template_child (widget_class, YiBoardPage, notices_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_board_page_init (YiBoardPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clock_id = g_timeout_add_seconds (1, on_clock_tick, self);
}
