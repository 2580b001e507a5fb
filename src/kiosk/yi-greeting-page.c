#include "config.h"

#include "yi-greeting-page.h"
#include "yi-activities.h"
#include "yi-clock.h"
#include "yi-kiosk-text.h"
#include "yi-meals.h"
#include "yi-service-page.h"
#include "yi-services.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* Buttons beyond this do not fit the screen at the size elders need. */
#define MAX_CHOICES 4
/* Services waiting to be confirmed come first, but leave room for lunch. */
#define MAX_SERVICES 2

struct _YiGreetingPage
{
  GtkWidget   parent_instance;

  AdwAvatar  *avatar;
  GtkLabel   *greeting_label;
  GtkImage   *status_icon;
  GtkLabel   *status_label;
  GtkLabel   *time_spent_label;
  GtkLabel   *birthday_label;
  GtkLabel   *choices_title;
  GtkGrid    *choices_box;
  guint       n_choices;
  GtkLabel   *notes_label;

  char       *spoken;
};

G_DEFINE_FINAL_TYPE (YiGreetingPage, yi_greeting_page, GTK_TYPE_WIDGET)

static void
add_choice (YiGreetingPage *self,
            const char     *text,
            const char     *action,
            const char     *target)
{
  GtkWidget *button = gtk_button_new_with_label (text);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "choice-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  gtk_grid_attach (self->choices_box, button, self->n_choices % 2, self->n_choices / 2, 1, 1);
  self->n_choices++;
}

static void
clear_choices (YiGreetingPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_box))) != NULL)
    gtk_grid_remove (self->choices_box, child);
  self->n_choices = 0;
}

static void
add_lunch_choices (YiGreetingPage *self,
                   YiStore        *store,
                   const char     *elder_id,
                   const char     *today,
                   GString        *notes)
{
  g_autoptr(YiElder) elder = NULL;
  g_autoptr(YiMenu) menu = yi_store_get_menu (store, today, "lunch", NULL);
  g_autofree char *existing = NULL;
  static const char *const modes[] = { "dine_in", "delivery" };

  if (menu == NULL)
    return;
  existing = yi_store_find_meal_order (store, elder_id, today, "lunch");
  if (existing != NULL)
    {
      g_string_append_printf (notes, "%s\n", _("Your lunch today is ordered."));
      return;
    }
  if (!yi_store_meal_order_open (store, today, "lunch"))
    {
      g_autofree char *cutoff = yi_store_meal_cutoff (store, "lunch");
      g_string_append_printf (notes, _("Lunch orders closed at %s. Please ask staff."), cutoff);
      g_string_append_c (notes, '\n');
      return;
    }
  elder = yi_store_get_elder (store, elder_id, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *price = NULL;
      g_autofree char *text = NULL;
      gint64 fen = 0;

      if (i == 1 && (elder == NULL || !elder->delivery_allowed))
        continue;
      if (!yi_meal_price_for_elder (store, elder_id, today, "lunch", modes[i], &fen, NULL))
        continue;
      price = yi_kiosk_format_price (fen);
      /* Translators: a button; %s is the price */
      text = g_strdup_printf (i == 0 ? _("Lunch here\n%s") : _("Lunch delivered home\n%s"), price);
      add_choice (self, text, "win.order-meal", modes[i]);
    }
}

/* Services the elder received and has not confirmed yet: what, when and
 * who, nothing more (the price and the subsidy are staff business). */
static void
add_service_choices (YiGreetingPage *self,
                     YiStore        *store,
                     const char     *elder_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = yi_store_pending_services (store, elder_id, &error);

  if (pending == NULL)
    {
      g_warning ("Could not list the services waiting for confirmation: %s", error->message);
      return;
    }
  for (guint i = 0; i < pending->len && i < MAX_SERVICES; i++)
    {
      YiPendingService *s = g_ptr_array_index (pending, i);
      g_autofree char *words = yi_service_page_describe (store, s->service_code, s->service_name,
                                                         s->local_date, s->provider_name);
      /* Translators: a button; %s is the service, its date and who gave it */
      g_autofree char *text = g_strdup_printf (_("Confirm: %s"), words);

      add_choice (self, text, "win.confirm-service", s->id);
    }
}

static void
add_activity_choices (YiGreetingPage *self,
                      YiStore        *store,
                      const char     *elder_id,
                      const char     *today,
                      guint           room)
{
  g_autoptr(GPtrArray) sessions = yi_programme_sessions_on (store, today, NULL);
  guint added = 0;

  for (guint i = 0; sessions != NULL && i < sessions->len && added < room; i++)
    {
      YiSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *text = NULL;
      g_autofree char *join = NULL;

      if (yi_session_seats_left (s) <= 0 || !yi_activity_session_is_upcoming (store, s) ||
          yi_store_elder_joined_activity (store, elder_id, s->activity_id, today))
        continue;
      join = g_strdup_printf (_("Join, starts %s"), s->starts_at);
      /* the title alone on the first line, so it is not broken up */
      text = g_strdup_printf ("%s\n%s", yi_kiosk_pick (s->title, s->title_en), join);
      add_choice (self, text, "win.join-activity", s->activity_id);
      added++;
    }
}

static void
set_status (YiGreetingPage *self,
            const char     *text,
            const char     *icon,
            const char     *css_class)
{
  static const char *const classes[] = { "status-ok", "status-bye", "status-note" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css_class);
  gtk_label_set_label (self->status_label, text);
  gtk_image_set_from_icon_name (self->status_icon, icon);
}

static void
set_photo (YiGreetingPage *self,
           YiStore        *store,
           const char     *elder_id)
{
  g_autoptr(YiElder) elder = yi_store_get_elder (store, elder_id, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  if (elder != NULL && elder->photo != NULL)
    texture = gdk_texture_new_from_bytes (elder->photo, NULL);
  adw_avatar_set_custom_image (self->avatar, texture != NULL ? GDK_PAINTABLE (texture) : NULL);
}

void
yi_greeting_page_show_tap (YiGreetingPage    *self,
                           YiStore           *store,
                           const YiTapResult *tap)
{
  g_autoptr(GDateTime) local = yi_clock_local (yi_clock_now_us (), yi_store_get_timezone (store));
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (NULL);
  g_autofree char *today = yi_store_today (store);
  g_autofree char *greeting = NULL;
  const char *status;

  g_return_if_fail (YI_IS_GREETING_PAGE (self));
  g_return_if_fail (tap->elder_id != NULL);

  adw_avatar_set_text (self->avatar, tap->elder_name);
  set_photo (self, store, tap->elder_id);
  clear_choices (self);
  add_service_choices (self, store, tap->elder_id);

  if (tap->kind == YI_TAP_CHECK_OUT)
    {
      g_autofree char *spent = yi_kiosk_format_time_spent (tap->minutes_in);

      greeting = g_strdup_printf (_("Goodbye, %s"), tap->elder_name);
      status = _("Checked out. See you next time!");
      set_status (self, status, "yi-done-symbolic", "status-bye");
      gtk_label_set_label (self->time_spent_label, spent);
    }
  else
    {
      greeting = yi_kiosk_greeting (g_date_time_get_hour (local), tap->elder_name);
      if (tap->kind == YI_TAP_CHECK_IN)
        {
          status = _("Checked in");
          set_status (self, status, "yi-done-symbolic", "status-ok");
        }
      else
        {
          status = tap->checked_in ? _("You are already checked in today") : _("You have already checked out today");
          set_status (self, status, "yi-done-symbolic", "status-note");
        }
      if (tap->kind == YI_TAP_CHECK_IN || tap->checked_in)
        {
          add_lunch_choices (self, store, tap->elder_id, today, notes);
          add_activity_choices (self, store, tap->elder_id, today, MAX_CHOICES - self->n_choices);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->time_spent_label), tap->kind == YI_TAP_CHECK_OUT);
  gtk_label_set_label (self->greeting_label, greeting);
  gtk_widget_set_visible (GTK_WIDGET (self->birthday_label), tap->birthday);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_title), self->n_choices > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_box), self->n_choices > 0);
  if (notes->len > 0)
    g_string_truncate (notes, notes->len - 1);
  gtk_label_set_label (self->notes_label, notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes->len > 0);

  /* Translators: what the voice says: greeting, then status */
  g_string_printf (spoken, _("%s. %s."), greeting, status);
  if (tap->birthday)
    {
      g_autofree char *greeted = g_string_free (g_steal_pointer (&spoken), FALSE);

      /* Translators: the spoken greeting, then the birthday wish */
      spoken = g_string_new (NULL);
      g_string_printf (spoken, C_("spoken greeting", "%s %s"), greeted, _("Happy birthday!"));
    }
  g_free (self->spoken);
  self->spoken = g_string_free (g_steal_pointer (&spoken), FALSE);
}

const char *
yi_greeting_page_get_spoken_text (YiGreetingPage *self)
{
  g_return_val_if_fail (YI_IS_GREETING_PAGE (self), NULL);
  return self->spoken;
}

static void
yi_greeting_page_dispose (GObject *object)
{
  YiGreetingPage *self = YI_GREETING_PAGE (object);
  GtkWidget *child;

  g_clear_pointer (&self->spoken, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_GREETING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_greeting_page_parent_class)->dispose (object);
}

static void
yi_greeting_page_class_init (YiGreetingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_greeting_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-greeting-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, time_spent_label);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, birthday_label);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, choices_title);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, choices_box);
  gtk_widget_class_bind_template_child (widget_class, YiGreetingPage, notes_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_greeting_page_init (YiGreetingPage *self)
{
  g_type_ensure (ADW_TYPE_AVATAR);
  gtk_widget_init_template (GTK_WIDGET (self));
}
