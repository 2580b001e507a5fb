#include "config.h"

#include "yi-staff-pages.h"
#include "yi-staff-private.h"
#include "yi-welfare.h"

#include <glib/gi18n-lib.h>

struct _YiStaffWelfare
{
  GtkWidget       parent_instance;

  YiStaffSession *session;

  GtkLabel       *summary;
  GtkEntry       *note;
  GtkListBox     *due;
  GtkListBox     *follow_ups;
};

static void yi_staff_welfare_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffWelfare, yi_staff_welfare, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_welfare_iface_init))

static void
on_outcome_clicked (GtkButton      *button,
                    YiStaffWelfare *self)
{
  g_autoptr(GError) error = NULL;
  YiStore *store = yi_staff_session_get_store (self->session);
  const char *elder_id = g_object_get_data (G_OBJECT (button), "elder-id");
  const char *outcome = g_object_get_data (G_OBJECT (button), "outcome");
  g_autofree char *call = yi_welfare_record_call (store, elder_id, outcome,
                                                  gtk_editable_get_text (GTK_EDITABLE (self->note)), &error);
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  if (call == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  name = yi_staff_elder_name (store, elder_id);
  msg = g_strdup_printf (_("%s: %s"), name, yi_welfare_outcome_label (outcome));
  yi_staff_toast (GTK_WIDGET (self), msg);
  gtk_editable_set_text (GTK_EDITABLE (self->note), "");
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static GtkWidget *
outcome_button (YiStaffWelfare *self,
                const char     *elder_id,
                const char     *outcome,
                const char     *css_class)
{
  GtkWidget *b = yi_staff_button_new (yi_welfare_outcome_label (outcome), css_class);

  g_object_set_data_full (G_OBJECT (b), "elder-id", g_strdup (elder_id), g_free);
  g_object_set_data (G_OBJECT (b), "outcome", (gpointer) outcome);
  g_signal_connect (b, "clicked", G_CALLBACK (on_outcome_clicked), self);
  return b;
}

static char *
describe (YiWelfareItem *item,
          gboolean       with_reasons)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (with_reasons)
    {
      g_autofree char *why = yi_welfare_reasons_label (item->reasons);
      g_string_append (s, why);
    }
  if (item->phone && *item->phone)
    g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", C_("staff", "phone"), item->phone);
  if (item->contact_phone && *item->contact_phone)
    g_string_append_printf (s, "%s%s %s %s", s->len ? " · " : "", C_("staff", "family"),
                            item->contact_name ? item->contact_name : "", item->contact_phone);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
badge (const char *text,
       const char *css_class)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_widget_add_css_class (l, css_class);
  return l;
}

static void
yi_staff_welfare_refresh (YiStaffPage *page)
{
  YiStaffWelfare *self = YI_STAFF_WELFARE (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) follow = NULL;
  YiStore *store;
  g_autofree char *at = NULL;
  g_autofree char *summary = NULL;
  const char *volunteer;
  guint to_call = 0;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_WELFARE_CALLS))
    return;
  store = yi_staff_session_get_store (self->session);
  volunteer = yi_staff_session_get_volunteer_filter (self->session);
  at = yi_welfare_call_time (store);
  due = yi_welfare_due (store, volunteer, &error);
  if (due != NULL)
    follow = yi_welfare_follow_ups (store, volunteer, &error);
  yi_staff_list_box_clear (self->due);
  yi_staff_list_box_clear (self->follow_ups);
  if (due == NULL || follow == NULL)
    {
      gtk_label_set_label (self->summary, error->message);
      return;
    }

  for (guint i = 0; i < due->len; i++)
    {
      YiWelfareItem *item = due->pdata[i];
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d year", "%s, %d years", item->age), item->name, item->age);
      g_autofree char *sub = describe (item, TRUE);
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, sub, &suffix);

      if (item->outcome == NULL)
        {
          to_call++;
          gtk_box_append (GTK_BOX (suffix), outcome_button (self, item->elder_id, "fine", "suggested-action"));
          gtk_box_append (GTK_BOX (suffix), outcome_button (self, item->elder_id, "no_answer", NULL));
          gtk_box_append (GTK_BOX (suffix), outcome_button (self, item->elder_id, "unwell", "destructive-action"));
          gtk_box_append (GTK_BOX (suffix), outcome_button (self, item->elder_id, "home_visit", "destructive-action"));
        }
      else
        {
          g_autofree char *done = g_strdup_printf ("%s %s", item->called_at ? item->called_at : "",
                                                   yi_welfare_outcome_label (item->outcome));
          gtk_box_append (GTK_BOX (suffix), badge (done, g_strcmp0 (item->outcome, "fine") == 0 ? "yi-badge-here" : "yi-badge"));
        }
      gtk_list_box_append (self->due, row);
    }
  if (due->len == 0)
    gtk_list_box_append (self->due, yi_staff_row_new (yi_welfare_list_is_open (store)
                                                      ? _("Everyone on the list has come in today")
                                                      : _("The list is made at the call time"), NULL, NULL));

  for (guint i = 0; i < follow->len; i++)
    {
      YiWelfareItem *item = follow->pdata[i];
      g_autofree char *contact = describe (item, FALSE);
      g_autofree char *sub = g_strdup_printf ("%s %s %s%s%s%s%s", yi_welfare_outcome_label (item->outcome),
                                              item->call_date, item->called_at ? item->called_at : "",
                                              item->note ? " · " : "", item->note ? item->note : "",
                                              *contact ? " · " : "", contact);
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (item->name, sub, &suffix);

      gtk_box_append (GTK_BOX (suffix), outcome_button (self, item->elder_id, "resolved", "suggested-action"));
      gtk_list_box_append (self->follow_ups, row);
    }
  if (follow->len == 0)
    gtk_list_box_append (self->follow_ups, yi_staff_row_new (_("Nothing to follow up"), NULL, NULL));

  if (!yi_welfare_list_is_open (store))
    summary = g_strdup_printf (_("At %s the list shows elders who live alone, in an empty nest or are 80 or over, are expected today and have not come in."), at);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expected today, not here by %s: %u still to call",
                                         "Expected today, not here by %s: %u still to call", to_call), at, to_call);
  gtk_label_set_label (self->summary, summary);
}

static void
yi_staff_welfare_set_session (YiStaffPage    *page,
                              YiStaffSession *session)
{
  YiStaffWelfare *self = YI_STAFF_WELFARE (page);

  g_set_object (&self->session, session);
}

static void
yi_staff_welfare_dispose (GObject *object)
{
  YiStaffWelfare *self = YI_STAFF_WELFARE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_WELFARE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yi_staff_welfare_parent_class)->dispose (object);
}

static void
yi_staff_welfare_class_init (YiStaffWelfareClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_welfare_dispose;
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-welfare.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffWelfare, summary);
  gtk_widget_class_bind_template_child (widget_class, YiStaffWelfare, note);
  gtk_widget_class_bind_template_child (widget_class, YiStaffWelfare, due);
  gtk_widget_class_bind_template_child (widget_class, YiStaffWelfare, follow_ups);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_welfare_init (YiStaffWelfare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
yi_staff_welfare_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_welfare_set_session;
  iface->refresh = yi_staff_welfare_refresh;
}
