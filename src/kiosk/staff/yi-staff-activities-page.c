#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-clock.h"
#include "yi-programme.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

struct _YiStaffActivitiesPage
{
  GtkWidget           parent_instance;

  YiStaffSession     *session;
  char               *date;
  char               *activity_id;     /* the session shown on the right */
  char               *editing_id;      /* the activity in the form, NULL: new */

  GtkLabel           *date_label;
  GtkStack           *sections;
  GtkListBox         *sessions;
  GtkLabel           *session_title;
  GtkLabel           *seats_label;
  GtkListBox         *attendees;
  YiStaffElderPicker *walk_in;
  GtkListBox         *programme;
  GtkLabel           *form_title;
  GtkEntry           *title;
  GtkDropDown        *kind;
  GtkDropDown        *weekday;
  GtkEntry           *on_date;
  GtkEntry           *starts_at;
  GtkEntry           *duration;
  GtkEntry           *capacity;
  GtkEntry           *room;
  GtkEntry           *leader;
  GtkEntry           *valid_from;
  GtkEntry           *valid_to;
  GtkLabel           *form_error;
  gboolean            filling;
};

static void yi_staff_activities_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffActivitiesPage, yi_staff_activities_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_activities_page_iface_init))

static YiStore *
store_of (YiStaffActivitiesPage *self)
{
  return yi_staff_session_get_store (self->session);
}

static char *
session_summary (const YiSession *s)
{
  int left = yi_session_seats_left (s);

  return g_strdup_printf (_("Signed up %d of %d · present %d · %d places left"),
                          s->signed_up, s->capacity, s->attended, left);
}

static void
show_attendance (YiStaffActivitiesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiSession) s = NULL;
  g_autoptr(GPtrArray) who = NULL;
  g_autofree char *title = NULL;
  g_autofree char *seats = NULL;

  yi_staff_list_box_clear (self->attendees);
  if (self->activity_id == NULL ||
      (s = yi_programme_session (store_of (self), self->activity_id, self->date, &error)) == NULL)
    {
      gtk_label_set_label (self->session_title, _("Choose a session on the left"));
      gtk_label_set_label (self->seats_label, _("Then tap each elder’s card, or mark them present by hand."));
      g_clear_pointer (&self->activity_id, g_free);
      return;
    }
  title = g_strdup_printf ("%s %s · %s%s%s", s->starts_at, s->title, s->room ? s->room : "",
                           s->leader ? " · " : "", s->leader ? s->leader : "");
  gtk_label_set_label (self->session_title, title);
  seats = session_summary (s);
  gtk_label_set_label (self->seats_label, seats);
  who = yi_programme_attendance (store_of (self), self->activity_id, self->date, &error);
  if (who == NULL)
    {
      gtk_list_box_append (self->attendees, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < who->len; i++)
    {
      YiAttendee *a = who->pdata[i];
      g_autofree char *sub = NULL;
      GtkWidget *suffix = NULL;
      GtkWidget *row;

      if (a->attendance_id)
        sub = g_strdup_printf (_("Present since %s (%s)%s"), a->arrived_at ? a->arrived_at : "",
                               g_strcmp0 (a->method, "card") == 0 ? _("card") : _("by hand"),
                               a->signup_id ? "" : _(" · came without signing up"));
      else
        sub = g_strdup (_("Signed up, not here yet"));
      row = yi_staff_row_new (a->name, sub, &suffix);
      if (a->attendance_id)
        {
          GtkWidget *badge = gtk_label_new (_("Present"));

          gtk_widget_add_css_class (badge, "yi-badge-here");
          gtk_box_append (GTK_BOX (suffix), badge);
        }
      else
        {
          GtkWidget *b = yi_staff_button_new (_("Mark present"), "suggested-action");

          gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "activities.present");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", a->elder_id);
          gtk_box_append (GTK_BOX (suffix), b);
        }
      gtk_list_box_append (self->attendees, row);
    }
  if (who->len == 0)
    gtk_list_box_append (self->attendees, yi_staff_row_new (_("Nobody has signed up yet"), NULL, NULL));
}

static void
fill_sessions (YiStaffActivitiesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = yi_programme_sessions_on (store_of (self), self->date, &error);
  GtkListBoxRow *select = NULL;

  yi_staff_list_box_clear (self->sessions);
  if (sessions == NULL)
    {
      gtk_list_box_append (self->sessions, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      YiSession *s = sessions->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s %s", s->starts_at, s->title);
      g_autofree char *sub = session_summary (s);
      GtkWidget *row = yi_staff_row_new (title, sub, NULL);

      g_object_set_data_full (G_OBJECT (row), "activity-id", g_strdup (s->activity_id), g_free);
      gtk_list_box_append (self->sessions, row);
      if (g_strcmp0 (s->activity_id, self->activity_id) == 0)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (sessions->len == 0)
    {
      GtkWidget *row = yi_staff_row_new (_("No activities on this day"), NULL, NULL);

      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->sessions, row);
    }
  if (select == NULL)
    g_clear_pointer (&self->activity_id, g_free);
  self->filling = TRUE;
  gtk_list_box_select_row (self->sessions, select);
  self->filling = FALSE;
}

static char *
describe_activity (const YiActivity *a)
{
  g_autofree char *when = a->on_date ? g_strdup (a->on_date)
                                     : g_strdup_printf (_("every %s"), yi_weekday_label (a->weekday));

  return g_strdup_printf (_("%s %s, %d minutes · %s · %s · %d places%s%s"), when, a->starts_at, a->duration_min,
                          a->room ? a->room : "—", a->leader ? a->leader : "—", a->capacity,
                          a->valid_to ? _(" · last session ") : "", a->valid_to ? a->valid_to : "");
}

static void
fill_programme (YiStaffActivitiesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = yi_store_today (store_of (self));
  g_autoptr(GPtrArray) list = yi_programme_list (store_of (self), today, &error);

  yi_staff_list_box_clear (self->programme);
  if (list == NULL)
    {
      gtk_list_box_append (self->programme, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      YiActivity *a = list->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", a->title, yi_activity_kind_label (a->kind));
      g_autofree char *sub = describe_activity (a);
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, sub, &suffix);
      GtkWidget *edit = yi_staff_button_new (_("Edit"), NULL);
      GtkWidget *end = yi_staff_button_new (a->on_date ? _("Call off") : _("End after today"), "destructive-action");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "activities.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", a->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (end), "activities.end");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (end), "s", a->id);
      gtk_box_append (GTK_BOX (suffix), edit);
      gtk_box_append (GTK_BOX (suffix), end);
      gtk_list_box_append (self->programme, row);
    }
  if (list->len == 0)
    gtk_list_box_append (self->programme, yi_staff_row_new (_("No activities yet: add the first one on the right"), NULL, NULL));
}

static void
set_entry (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
fill_form (YiStaffActivitiesPage *self,
           const YiActivity      *a)
{
  const char *const *kinds = yi_activity_kind_codes ();
  g_autofree char *duration = a ? g_strdup_printf ("%d", a->duration_min) : g_strdup ("60");
  g_autofree char *capacity = a ? g_strdup_printf ("%d", a->capacity) : g_strdup ("20");

  g_clear_pointer (&self->editing_id, g_free);
  self->editing_id = a ? g_strdup (a->id) : NULL;
  gtk_label_set_label (self->form_title, a ? _("Change the activity") : _("New activity"));
  set_entry (self->title, a ? a->title : NULL);
  gtk_drop_down_set_selected (self->kind, 0);
  for (guint i = 0; a && kinds[i]; i++)
    if (g_strcmp0 (kinds[i], a->kind) == 0)
      gtk_drop_down_set_selected (self->kind, i);
  /* 0..6: Monday..Sunday; 7: a one-off on a date */
  gtk_drop_down_set_selected (self->weekday, a == NULL ? 0 : a->on_date ? 7 : (guint) a->weekday - 1);
  set_entry (self->on_date, a ? a->on_date : NULL);
  set_entry (self->starts_at, a ? a->starts_at : NULL);
  set_entry (self->duration, duration);
  set_entry (self->capacity, capacity);
  set_entry (self->room, a ? a->room : NULL);
  set_entry (self->leader, a ? a->leader : NULL);
  set_entry (self->valid_from, a ? a->valid_from : NULL);
  set_entry (self->valid_to, a ? a->valid_to : NULL);
  gtk_label_set_label (self->form_error, "");
}

static void
yi_staff_activities_page_refresh (YiStaffPage *page)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (page);
  g_autofree char *label = NULL;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_ACTIVITIES))
    return;
  if (self->date == NULL)
    self->date = yi_store_today (store_of (self));
  label = g_strdup_printf ("%s %s", self->date, yi_weekday_label (yi_date_weekday (self->date)));
  gtk_label_set_label (self->date_label, label);
  fill_sessions (self);
  show_attendance (self);
  fill_programme (self);
}

static void
on_session_selected (YiStaffActivitiesPage *self,
                     GtkListBoxRow         *row)
{
  const char *id = row ? g_object_get_data (G_OBJECT (row), "activity-id") : NULL;

  if (self->filling || id == NULL)
    return;
  g_free (self->activity_id);
  self->activity_id = g_strdup (id);
  show_attendance (self);
}

static void
move_day (YiStaffActivitiesPage *self,
          int                    days)
{
  g_autofree char *next = yi_date_add_days (self->date, days);

  g_free (self->date);
  self->date = g_steal_pointer (&next);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
prev_day_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_day (YI_STAFF_ACTIVITIES_PAGE (widget), -1);
}

static void
next_day_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_day (YI_STAFF_ACTIVITIES_PAGE (widget), 1);
}

static gboolean
mark_present (YiStaffActivitiesPage *self,
              const char            *elder_id,
              const char            *method)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  if (self->activity_id == NULL)
    {
      yi_staff_toast (GTK_WIDGET (self), _("Choose a session on the left first"));
      return FALSE;
    }
  id = yi_programme_take_attendance (store_of (self), self->activity_id, self->date, elder_id, method, &error);
  if (id == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  name = yi_staff_elder_name (store_of (self), elder_id);
  msg = g_strdup_printf (_("%s is marked present"), name);
  yi_staff_toast (GTK_WIDGET (self), msg);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
  return TRUE;
}

static void
present_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  mark_present (YI_STAFF_ACTIVITIES_PAGE (widget), g_variant_get_string (parameter, NULL), "manual");
}

static void
walk_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (widget);
  const char *elder = yi_staff_elder_picker_get_elder (self->walk_in);

  if (elder == NULL)
    yi_staff_toast (widget, _("Find the elder first"));
  else if (mark_present (self, elder, "manual"))
    yi_staff_elder_picker_set_elder (self->walk_in, NULL);
}

static void
sign_up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (widget);
  const char *elder = yi_staff_elder_picker_get_elder (self->walk_in);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (elder == NULL || self->activity_id == NULL)
    {
      yi_staff_toast (widget, _("Choose a session on the left and find the elder first"));
      return;
    }
  id = yi_programme_sign_up (store_of (self), self->activity_id, self->date, elder, "staff", &error);
  if (id == NULL)
    {
      yi_staff_toast_error (widget, error);
      return;
    }
  yi_staff_elder_picker_set_elder (self->walk_in, NULL);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

gboolean
yi_staff_activities_page_elder_tapped (YiStaffActivitiesPage *self,
                                       const char            *elder_id)
{
  if (self->activity_id == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->sections), "day") != 0)
    return FALSE;
  mark_present (self, elder_id, "card");
  return TRUE;
}

static int
entry_int (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *end = NULL;
  long v = strtol (text, &end, 10);

  return end != text && *end == '\0' && v > 0 && v < 100000 ? (int) v : -1;
}

static const char *
entry_text (GtkEntry *entry)
{
  const char *t = gtk_editable_get_text (GTK_EDITABLE (entry));

  return *t ? t : NULL;
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint day = gtk_drop_down_get_selected (self->weekday);
  YiActivity a = { 0 };
  g_autofree char *id = NULL;

  a.id = self->editing_id;
  a.title = (char *) gtk_editable_get_text (GTK_EDITABLE (self->title));
  a.kind = (char *) yi_activity_kind_codes ()[gtk_drop_down_get_selected (self->kind)];
  a.room = (char *) entry_text (self->room);
  a.leader = (char *) entry_text (self->leader);
  a.starts_at = (char *) entry_text (self->starts_at);
  a.duration_min = entry_int (self->duration);
  a.capacity = entry_int (self->capacity);
  if (day >= 7)
    {
      a.on_date = (char *) entry_text (self->on_date);
      if (a.on_date == NULL)
        {
          gtk_label_set_label (self->form_error, _("Write the date as YYYY-MM-DD, for example 2026-10-29"));
          return;
        }
    }
  else
    {
      a.weekday = (int) day + 1;
      a.valid_from = (char *) entry_text (self->valid_from);
      a.valid_to = (char *) entry_text (self->valid_to);
    }
  id = yi_programme_save (store_of (self), &a, &error);
  if (id == NULL)
    {
      gtk_label_set_label (self->form_error, error->message);
      return;
    }
  yi_staff_toast (widget, _("The activity is saved"));
  fill_form (self, NULL);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  fill_form (YI_STAFF_ACTIVITIES_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(YiActivity) a = yi_programme_get (store_of (self), g_variant_get_string (parameter, NULL), &error);

  if (a == NULL)
    yi_staff_toast_error (widget, error);
  else
    fill_form (self, a);
}

static void
end_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = yi_store_today (store_of (self));

  if (!yi_programme_end (store_of (self), g_variant_get_string (parameter, NULL), today, &error))
    yi_staff_toast_error (widget, error);
  else
    yi_staff_toast (widget, _("The activity will not be held any more"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
yi_staff_activities_page_set_session (YiStaffPage    *page,
                                      YiStaffSession *session)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (page);

  g_set_object (&self->session, session);
  yi_staff_elder_picker_set_session (self->walk_in, session);
}

static void
yi_staff_activities_page_dispose (GObject *object)
{
  YiStaffActivitiesPage *self = YI_STAFF_ACTIVITIES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_ACTIVITIES_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->editing_id, g_free);
  G_OBJECT_CLASS (yi_staff_activities_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffActivitiesPage, name)

static void
yi_staff_activities_page_class_init (YiStaffActivitiesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_activities_page_dispose;
  g_type_ensure (YI_TYPE_STAFF_ELDER_PICKER);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-activities-page.ui");
  BIND (date_label); BIND (sections); BIND (sessions); BIND (session_title); BIND (seats_label);
  BIND (attendees); BIND (walk_in); BIND (programme); BIND (form_title); BIND (title); BIND (kind);
  BIND (weekday); BIND (on_date); BIND (starts_at); BIND (duration); BIND (capacity); BIND (room);
  BIND (leader); BIND (valid_from); BIND (valid_to); BIND (form_error);
  gtk_widget_class_bind_template_callback (widget_class, on_session_selected);
  gtk_widget_class_install_action (widget_class, "activities.prev-day", NULL, prev_day_action);
  gtk_widget_class_install_action (widget_class, "activities.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "activities.present", "s", present_action);
  gtk_widget_class_install_action (widget_class, "activities.walk-in", NULL, walk_in_action);
  gtk_widget_class_install_action (widget_class, "activities.sign-up", NULL, sign_up_action);
  gtk_widget_class_install_action (widget_class, "activities.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "activities.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "activities.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "activities.end", "s", end_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_activities_page_init (YiStaffActivitiesPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (const char *const *k = yi_activity_kind_codes (); *k; k++)
    gtk_string_list_append (kinds, yi_activity_kind_label (*k));
  for (int d = 1; d <= 7; d++)
    {
      g_autofree char *every = g_strdup_printf (_("every %s"), yi_weekday_label (d));
      gtk_string_list_append (days, every);
    }
  gtk_string_list_append (days, _("Once, on a date"));
  gtk_drop_down_set_model (self->kind, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->weekday, G_LIST_MODEL (days));
  fill_form (self, NULL);
}

static void
yi_staff_activities_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_activities_page_set_session;
  iface->refresh = yi_staff_activities_page_refresh;
}
