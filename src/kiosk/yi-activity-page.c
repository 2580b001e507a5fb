#include "config.h"

#include "yi-activity-page.h"
#include "yi-activities.h"
#include "yi-kiosk-text.h"

#include <glib/gi18n.h>

struct _YiActivityPage
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *details_label;
  GtkLabel  *seats_label;
  GtkStack  *stack;
  GtkLabel  *result_label;
  GtkLabel  *result_detail;

  YiStore   *store;
  char      *elder_id;
  char      *activity_id;
  char      *date;
  char      *where_when;
};

G_DEFINE_FINAL_TYPE (YiActivityPage, yi_activity_page, GTK_TYPE_WIDGET)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
  g_set_object (&self->store, store);
  g_free (self->elder_id);
  self->elder_id = g_strdup (elder_id);
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
  gtk_stack_set_visible_child_name (self->stack, "confirm");
  return TRUE;
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  YiActivityPage *self = YI_ACTIVITY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *signup = NULL;

  if (self->store == NULL)
    return;
  signup = yi_store_join_activity (self->store, self->elder_id, self->activity_id, self->date, "kiosk", &error);
  if (signup != NULL)
    {
      gtk_label_set_label (self->result_label, _("You are signed up"));
      gtk_label_set_label (self->result_detail, self->where_when);
    }
  else
    {
      g_message ("Kiosk activity sign-up refused: %s", error->message);
      gtk_label_set_label (self->result_label, _("Sorry, the sign-up did not go through"));
      if (g_error_matches (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_FULL))
        gtk_label_set_label (self->result_detail, _("All the places have just been taken."));
      else if (g_error_matches (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_ALREADY_JOINED))
        gtk_label_set_label (self->result_detail, _("You are already signed up for it."));
      else
        gtk_label_set_label (self->result_detail, _("Please ask a member of staff."));
    }
  gtk_stack_set_visible_child_name (self->stack, "result");
  g_signal_emit (self, signals[FINISHED], 0, signup != NULL);
}

static void
yi_activity_page_dispose (GObject *object)
{
  YiActivityPage *self = YI_ACTIVITY_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_pointer (&self->elder_id, g_free);
  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->where_when, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_ACTIVITY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_activity_page_parent_class)->dispose (object);
}

static void
yi_activity_page_class_init (YiActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_activity_page_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, seats_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, YiActivityPage, result_detail);
  gtk_widget_class_install_action (widget_class, "activity.confirm", NULL, confirm);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_activity_page_init (YiActivityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
