#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-search.h"

#include <glib/gi18n-lib.h>

#define MAX_HITS 5

struct _YiStaffElderPicker
{
  GtkWidget       parent_instance;

  YiStaffSession *session;
  char           *elder_id;

  GtkLabel       *chosen;
  GtkEntry       *search;
  GtkListBox     *hits;
};

G_DEFINE_FINAL_TYPE (YiStaffElderPicker, yi_staff_elder_picker, GTK_TYPE_WIDGET)

enum { SIGNAL_PICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_chosen (YiStaffElderPicker *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (self->elder_id && self->session)
    name = yi_staff_elder_name (yi_staff_session_get_store (self->session), self->elder_id);
  if (name)
    text = g_strdup_printf (_("Elder: %s"), name);
  gtk_label_set_label (self->chosen, text ? text : _("No elder chosen yet: tap their card, or search below"));
  if (name)
    gtk_widget_remove_css_class (GTK_WIDGET (self->chosen), "yi-dim");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->chosen), "yi-dim");
}

static void
on_search_changed (YiStaffElderPicker *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));

  yi_staff_list_box_clear (self->hits);
  gtk_widget_set_visible (GTK_WIDGET (self->hits), *query != '\0');
  if (self->session == NULL || *query == '\0')
    return;
  hits = yi_store_search_elders (yi_staff_session_get_store (self->session), query, MAX_HITS,
                                 yi_staff_session_get_volunteer_filter (self->session), &error);
  if (hits == NULL)
    {
      gtk_list_box_append (self->hits, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      YiElderHit *hit = hits->pdata[i];
      g_autofree char *age = NULL;
      g_autofree char *sub = NULL;
      GtkWidget *row;

      if (g_strcmp0 (hit->status, "active") != 0)
        continue;
      age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", hit->age), hit->age);
      sub = g_strdup_printf ("%s · %s", age, hit->phone ? hit->phone : "");
      row = yi_staff_row_new (hit->name, sub, NULL);
      g_object_set_data_full (G_OBJECT (row), "elder-id", g_strdup (hit->id), g_free);
      gtk_list_box_append (self->hits, row);
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->hits)) == NULL)
    gtk_list_box_append (self->hits, yi_staff_row_new (_("Nobody found"), NULL, NULL));
}

static void
on_hit_activated (YiStaffElderPicker *self,
                  GtkListBoxRow      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "elder-id");

  if (id == NULL)
    return;
  yi_staff_elder_picker_set_elder (self, id);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
}

void
yi_staff_elder_picker_set_elder (YiStaffElderPicker *self,
                                 const char         *elder_id)
{
  g_autofree char *id = g_strdup (elder_id);

  g_free (self->elder_id);
  self->elder_id = g_steal_pointer (&id);
  show_chosen (self);
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, self->elder_id);
}

const char *
yi_staff_elder_picker_get_elder (YiStaffElderPicker *self)
{
  return self->elder_id;
}

void
yi_staff_elder_picker_search (YiStaffElderPicker *self,
                              const char         *query)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), query);
}

void
yi_staff_elder_picker_set_session (YiStaffElderPicker *self,
                                   YiStaffSession     *session)
{
  g_set_object (&self->session, session);
  show_chosen (self);
}

static void
yi_staff_elder_picker_dispose (GObject *object)
{
  YiStaffElderPicker *self = YI_STAFF_ELDER_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_ELDER_PICKER);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->elder_id, g_free);
  G_OBJECT_CLASS (yi_staff_elder_picker_parent_class)->dispose (object);
}

static void
yi_staff_elder_picker_class_init (YiStaffElderPickerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_elder_picker_dispose;
  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-elder-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffElderPicker, chosen);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElderPicker, search);
  gtk_widget_class_bind_template_child (widget_class, YiStaffElderPicker, hits);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_elder_picker_init (YiStaffElderPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->hits), FALSE);
  show_chosen (self);
}
