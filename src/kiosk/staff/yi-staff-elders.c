#include "config.h"

#include "yi-staff-pages.h"
#include "yi-staff-keypad.h"
#include "yi-staff-private.h"
#include "yi-domain.h"
#include "yi-search.h"

#include <glib/gi18n-lib.h>

struct _YiStaffElders
{
  GtkWidget       parent_instance;

  YiStaffSession *session;
  char           *pick_uid;

  GtkSearchEntry *search;
  YiStaffKeypad  *search_pad;
  GtkButton      *new_button;
  GtkWidget      *pick_bar;
  GtkLabel       *pick_label;
  GtkListBox     *results;
  GtkLabel       *count_label;
};

static void yi_staff_elders_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffElders, yi_staff_elders, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_elders_iface_init))

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "moved") == 0)
    return C_("staff", "Moved away");
  if (g_strcmp0 (status, "deceased") == 0)
    return C_("staff", "Deceased");
  return NULL;
}

static char *
describe_hit (YiStaffElders *self,
              YiElderHit    *hit)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (hit->gender == 'M' ? C_("staff", "male") : C_("staff", "female")));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", hit->age), hit->age));
  if (hit->masked_id_number && *hit->masked_id_number && yi_staff_session_can (self->session, YI_STAFF_PERM_VIEW_SENSITIVE))
    g_ptr_array_add (parts, g_strdup (hit->masked_id_number));
  if (hit->phone && *hit->phone)
    g_ptr_array_add (parts, g_strdup (hit->phone));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
yi_staff_elders_refresh (YiStaffPage *page)
{
  YiStaffElders *self = YI_STAFF_ELDERS (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  YiStore *store;
  const char *query;
  g_autofree char *count = NULL;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_VIEW_ELDERS))
    return;
  store = yi_staff_session_get_store (self->session);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button),
                          yi_staff_session_can (self->session, YI_STAFF_PERM_EDIT_ELDERS));
  yi_staff_list_box_clear (self->results);
  query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  hits = yi_store_search_elders (store, query, 60,
                                 yi_staff_session_get_volunteer_filter (self->session), &error);
  if (hits == NULL)
    {
      gtk_label_set_label (self->count_label, error->message);
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      YiElderHit *hit = hits->pdata[i];
      g_autofree char *sub = describe_hit (self, hit);
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (hit->name, sub, &suffix);
      const char *status = status_label (hit->status);

      if (status)
        {
          GtkWidget *badge = gtk_label_new (status);

          gtk_widget_add_css_class (badge, "yi-badge");
          gtk_box_append (GTK_BOX (suffix), badge);
        }
      g_object_set_data_full (G_OBJECT (row), "elder-id", g_strdup (hit->id), g_free);
      gtk_list_box_append (self->results, row);
    }
  if (hits->len == 0)
    count = g_strdup (*query ? _("Nobody found. Try the pinyin initials, e.g. “zgy”, or the last digits of the phone.")
                             : _("No elders are registered yet."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u elder", "%u elders", hits->len), hits->len);
  gtk_label_set_label (self->count_label, count);
}

static void
give_card (YiStaffElders *self,
           const char    *elder_id)
{
  g_autoptr(GError) error = NULL;
  YiStore *store = yi_staff_session_get_store (self->session);
  g_autofree char *card = yi_store_issue_card (store, self->pick_uid, elder_id, NULL, &error);
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  if (card == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  name = yi_staff_elder_name (store, elder_id);
  msg = g_strdup_printf (_("The card is now %s’s"), name);
  yi_staff_toast (GTK_WIDGET (self), msg);
  yi_staff_elders_pick_for_card (self, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "staff.open-elder", "s", elder_id);
}

static void
on_row_activated (YiStaffElders *self,
                  GtkListBoxRow *row)
{
  const char *elder_id = g_object_get_data (G_OBJECT (row), "elder-id");

  if (elder_id == NULL)
    return;
  if (self->pick_uid != NULL)
    give_card (self, elder_id);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "staff.open-elder", "s", elder_id);
}

static void
on_search_changed (YiStaffElders *self)
{
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
cancel_pick (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yi_staff_elders_pick_for_card (YI_STAFF_ELDERS (widget), NULL);
}

static void
new_elder (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  YiStaffElders *self = YI_STAFF_ELDERS (widget);

  gtk_widget_activate_action (widget, "staff.new-elder", "s", self->pick_uid ? self->pick_uid : "");
  yi_staff_elders_pick_for_card (self, NULL);
}

void
yi_staff_elders_pick_for_card (YiStaffElders *self,
                               const char    *uid)
{
  g_free (self->pick_uid);
  self->pick_uid = g_strdup (uid);
  if (uid)
    {
      g_autofree char *text = g_strdup_printf (_("Choose the elder who gets card %s"), uid);
      gtk_label_set_label (self->pick_label, text);
    }
  gtk_widget_set_visible (self->pick_bar, uid != NULL);
}

static void
yi_staff_elders_set_session (YiStaffPage    *page,
                             YiStaffSession *session)
{
  YiStaffElders *self = YI_STAFF_ELDERS (page);

  g_set_object (&self->session, session);
}

static void
yi_staff_elders_dispose (GObject *object)
{
  YiStaffElders *self = YI_STAFF_ELDERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_ELDERS);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->pick_uid, g_free);
  G_OBJECT_CLASS (yi_staff_elders_parent_class)->dispose (object);
}

static void
yi_staff_elders_class_init (YiStaffEldersClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_elders_dispose;
  g_type_ensure (YI_TYPE_STAFF_KEYPAD);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-elders.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, search);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, search_pad);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, new_button);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, pick_bar);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, pick_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, results);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElders, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_install_action (widget_class, "elders.cancel-pick", NULL, cancel_pick);
  gtk_widget_class_install_action (widget_class, "elders.new", NULL, new_elder);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_elders_init (YiStaffElders *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  yi_staff_keypad_set_target (self->search_pad, GTK_EDITABLE (self->search));
  yi_staff_keypad_set_allow_x (self->search_pad, TRUE);
}

static void
yi_staff_elders_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_elders_set_session;
  iface->refresh = yi_staff_elders_refresh;
}
