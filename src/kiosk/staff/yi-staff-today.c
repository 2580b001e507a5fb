#include "config.h"

#include "yi-staff-pages.h"
#include "yi-staff-private.h"
#include "yi-search.h"
#include "yi-today.h"

#include <glib/gi18n-lib.h>

struct _YiStaffToday
{
  GtkWidget       parent_instance;

  YiStaffSession *session;

  GtkLabel       *date_label;
  GtkLabel       *present_count;
  GtkLabel       *came_count;
  GtkLabel       *left_count;
  GtkListBox     *entries;
  GtkWidget      *manual_box;
  GtkSearchEntry *manual_search;
  GtkListBox     *manual_results;
};

static void yi_staff_today_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffToday, yi_staff_today, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_today_iface_init))

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (label, text);
}

static void
on_manual_clicked (GtkButton    *button,
                   YiStaffToday *self)
{
  g_autoptr(GError) error = NULL;
  YiStore *store = yi_staff_session_get_store (self->session);
  const char *elder_id = g_object_get_data (G_OBJECT (button), "elder-id");
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");
  g_autofree char *event = NULL;
  g_autofree char *name = yi_staff_elder_name (store, elder_id);
  g_autofree char *msg = NULL;

  if (g_strcmp0 (kind, "in") == 0)
    event = yi_today_check_in (store, elder_id, &error);
  else
    event = yi_today_check_out (store, elder_id, &error);
  if (event == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  msg = g_strdup_printf (g_strcmp0 (kind, "in") == 0 ? _("%s checked in by hand") : _("%s checked out by hand"), name);
  yi_staff_toast (GTK_WIDGET (self), msg);
  gtk_editable_set_text (GTK_EDITABLE (self->manual_search), "");
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static GtkWidget *
manual_button (YiStaffToday *self,
               const char   *elder_id,
               const char   *kind)
{
  GtkWidget *b = yi_staff_button_new (g_strcmp0 (kind, "in") == 0 ? C_("staff", "Check in") : C_("staff", "Check out"),
                                      g_strcmp0 (kind, "in") == 0 ? "suggested-action" : NULL);

  g_object_set_data_full (G_OBJECT (b), "elder-id", g_strdup (elder_id), g_free);
  g_object_set_data (G_OBJECT (b), "kind", (gpointer) kind);
  g_signal_connect (b, "clicked", G_CALLBACK (on_manual_clicked), self);
  return b;
}

static void
refresh_manual (YiStaffToday *self)
{
  g_autoptr(GPtrArray) hits = NULL;
  YiStore *store = yi_staff_session_get_store (self->session);
  const char *q = gtk_editable_get_text (GTK_EDITABLE (self->manual_search));

  yi_staff_list_box_clear (self->manual_results);
  if (*q == '\0')
    return;
  hits = yi_store_search_elders (store, q, 8, yi_staff_session_get_volunteer_filter (self->session), NULL);
  for (guint i = 0; hits && i < hits->len; i++)
    {
      YiElderHit *hit = hits->pdata[i];
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (hit->name, hit->phone, &suffix);
      gboolean here = yi_today_is_present (store, hit->id);

      if (g_strcmp0 (hit->status, "active") == 0)
        gtk_box_append (GTK_BOX (suffix), manual_button (self, hit->id, here ? "out" : "in"));
      gtk_list_box_append (self->manual_results, row);
    }
}

static void
yi_staff_today_refresh (YiStaffPage *page)
{
  YiStaffToday *self = YI_STAFF_TODAY (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(YiToday) today = NULL;
  gboolean can_manual;
  g_autofree char *date = NULL;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_VIEW_TODAY))
    return;
  can_manual = yi_staff_session_can (self->session, YI_STAFF_PERM_MANUAL_ATTENDANCE);
  gtk_widget_set_visible (self->manual_box, can_manual);
  today = yi_today_load (yi_staff_session_get_store (self->session), NULL,
                         yi_staff_session_get_volunteer_filter (self->session), &error);
  yi_staff_list_box_clear (self->entries);
  if (today == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  date = g_strdup_printf (_("Attendance on %s"), today->date);
  gtk_label_set_label (self->date_label, date);
  set_count (self->present_count, today->present);
  set_count (self->came_count, today->came);
  set_count (self->left_count, today->left);
  for (guint i = 0; i < today->entries->len; i++)
    {
      YiTodayEntry *e = today->entries->pdata[i];
      g_autoptr(GString) sub = g_string_new (NULL);
      GtkWidget *suffix = NULL;
      GtkWidget *row;

      if (e->first_in)
        g_string_append_printf (sub, _("came %s"), e->first_in);
      if (e->last_out)
        {
          if (sub->len)
            g_string_append (sub, " · ");
          g_string_append_printf (sub, _("left %s"), e->last_out);
        }
      if (e->manual)
        g_string_append_printf (sub, " · %s", _("entered by hand"));
      row = yi_staff_row_new (e->name, sub->str, &suffix);
      if (e->present)
        {
          GtkWidget *badge = gtk_label_new (C_("staff", "Here now"));

          gtk_widget_add_css_class (badge, "yi-badge-here");
          gtk_box_append (GTK_BOX (suffix), badge);
          if (can_manual)
            gtk_box_append (GTK_BOX (suffix), manual_button (self, e->elder_id, "out"));
        }
      gtk_list_box_append (self->entries, row);
    }
  if (today->entries->len == 0)
    gtk_list_box_append (self->entries, yi_staff_row_new (_("Nobody has come in yet today"), NULL, NULL));
  refresh_manual (self);
}

static void
on_manual_search_changed (YiStaffToday *self)
{
  refresh_manual (self);
}

static void
yi_staff_today_set_session (YiStaffPage    *page,
                            YiStaffSession *session)
{
  YiStaffToday *self = YI_STAFF_TODAY (page);

  g_set_object (&self->session, session);
}

static void
yi_staff_today_dispose (GObject *object)
{
  YiStaffToday *self = YI_STAFF_TODAY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_TODAY);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yi_staff_today_parent_class)->dispose (object);
}

static void
yi_staff_today_class_init (YiStaffTodayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_today_dispose;
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-today.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, date_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, present_count);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, came_count);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, left_count);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, entries);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, manual_box);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, manual_search);
  gtk_widget_class_bind_template_child (widget_class, YiStaffToday, manual_results);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_search_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_today_init (YiStaffToday *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
yi_staff_today_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_today_set_session;
  iface->refresh = yi_staff_today_refresh;
}
