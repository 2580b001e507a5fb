#include "config.h"

#include "yi-activity-page.h"
#include "yi-activities.h"
#include "yi-kiosk-text.h"

#include <glib/gi18n.h>

struct _YiActivityPage
{
  YiChoicePage  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *details_label;
  GtkLabel  *seats_label;

  char      *activity_id;
  char      *date;
  char      *where_when;
};

G_DEFINE_FINAL_TYPE (YiActivityPage, yi_activity_page, YI_TYPE_CHOICE_PAGE)

gboolean
yi_activity_page_prepare (YiActivityPage  *self,
                          YiStore         *store,
                          const char      *elder_id,
                          const char      *activity_id,
                          GError         **error)
{
  g_autofree char *today = yi_store_today (store);
  g_autoptr(YiSession) s = yi_programme_session (store, activity_id, today, error);
  g_autofree char *seats = NULL;

  g_return_val_if_fail (YI_IS_ACTIVITY_PAGE (self), FALSE);

  if (s == NULL)
    return FALSE;
  g_free (self->activity_id);
  self->activity_id = g_strdup (activity_id);
  g_free (self->date);
  self->date = g_steal_pointer (&today);
  g_free (self->where_when);
  if (s->room != NULL && *s->room != '\0')
    /* Translators: an activity's starting time and its room */
    self->where_when = g_strdup_printf (_("Today at %s, in %s"), s->starts_at, s->room);
  else
    self->where_when = g_strdup_printf (_("Today at %s"), s->starts_at);

  gtk_label_set_label (self->title_label, yi_kiosk_pick (s->title, s->title_en));
  gtk_label_set_label (self->details_label, self->where_when);
  seats = yi_kiosk_format_seats_left (yi_session_seats_left (s));
  gtk_label_set_label (self->seats_label, seats);
  yi_choice_page_begin (YI_CHOICE_PAGE (self), store, elder_id, "confirm");
  return TRUE;
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  YiActivityPage *self = YI_ACTIVITY_PAGE (widget);
  YiChoicePage *page = YI_CHOICE_PAGE (widget);
  YiStore *store = yi_choice_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *signup = NULL;
  const char *detail;

  if (store == NULL)
    return;
  signup = yi_store_join_activity (store, yi_choice_page_get_elder_id (page), self->activity_id, self->date,
                                   "kiosk", &error);
  if (signup != NULL)
    {
      yi_choice_page_finish (page, TRUE, _("You are signed up"), self->where_when);
      return;
    }
  g_message ("Kiosk activity sign-up refused: %s", error->message);
  if (g_error_matches (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_FULL))
    detail = _("All the places have just been taken.");
  else if (g_error_matches (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_ALREADY_JOINED))
    detail = _("You are already signed up for it.");
  else
    detail = _("Please ask a member of staff.");
  yi_choice_page_finish (page, FALSE, _("Sorry, the sign-up did not go through"), detail);
}

static void
yi_activity_page_dispose (GObject *object)
{
  YiActivityPage *self = YI_ACTIVITY_PAGE (object);

  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->where_when, g_free);
  G_OBJECT_CLASS (yi_activity_page_parent_class)->dispose (object);
}

static void
yi_activity_page_class_init (YiActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_activity_page_dispose;

  yi_choice_page_class_set_template (widget_class, "/io/github/yiyang/Kiosk/yi-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, seats_label);
  gtk_widget_class_install_action (widget_class, "activity.confirm", NULL, confirm);
}

static void
yi_activity_page_init (YiActivityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
