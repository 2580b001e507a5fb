#include "config.h"

#include "yi-staff-pages.h"
#include "yi-staff-private.h"
#include "yi-card-desk.h"

#include <glib/gi18n-lib.h>

struct _YiStaffCards
{
  GtkWidget       parent_instance;

  YiStaffSession *session;

  GtkListBox     *queue;
};

static void yi_staff_cards_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffCards, yi_staff_cards, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_cards_iface_init))

static const char *
why_label (const char *why)
{
  if (g_strcmp0 (why, "revoked") == 0)
    return _("a card that was revoked");
  if (g_strcmp0 (why, "inactive_elder") == 0)
    return _("the card of someone who moved away or died");
  return _("never registered");
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *uid,
               const char *css_class)
{
  GtkWidget *b = yi_staff_button_new (label, css_class);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", uid);
  return b;
}

static void
yi_staff_cards_refresh (YiStaffPage *page)
{
  YiStaffCards *self = YI_STAFF_CARDS (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_MANAGE_CARDS))
    return;
  yi_staff_list_box_clear (self->queue);
  cards = yi_cards_unknown_queue (yi_staff_session_get_store (self->session), &error);
  if (cards == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < cards->len; i++)
    {
      YiUnknownCard *c = cards->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Card %s"), c->uid);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · tapped %u time, last on %s at %s",
                                                        "%s · tapped %u times, last on %s at %s", c->taps),
                                              why_label (c->why), c->taps, c->last_date, c->last_time);
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, sub, &suffix);

      gtk_box_append (GTK_BOX (suffix), action_button (_("Register a new elder"), "staff.new-elder", c->uid, "suggested-action"));
      gtk_box_append (GTK_BOX (suffix), action_button (_("Give to a registered elder"), "staff.bind-card", c->uid, NULL));
      gtk_list_box_append (self->queue, row);
    }
  if (cards->len == 0)
    gtk_list_box_append (self->queue, yi_staff_row_new (_("No unknown cards have been tapped"), NULL, NULL));
}

static void
yi_staff_cards_set_session (YiStaffPage    *page,
                            YiStaffSession *session)
{
  YiStaffCards *self = YI_STAFF_CARDS (page);

  g_set_object (&self->session, session);
}

static void
yi_staff_cards_dispose (GObject *object)
{
  YiStaffCards *self = YI_STAFF_CARDS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_CARDS);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yi_staff_cards_parent_class)->dispose (object);
}

static void
yi_staff_cards_class_init (YiStaffCardsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_cards_dispose;
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-cards.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffCards, queue);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_cards_init (YiStaffCards *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
yi_staff_cards_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_cards_set_session;
  iface->refresh = yi_staff_cards_refresh;
}
