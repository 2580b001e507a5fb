#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-care.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <math.h>

struct _YiStaffVolunteersPage
{
  GtkWidget           parent_instance;

  YiStaffSession     *session;
  char               *volunteer_id;
  gboolean            filling;

  GtkLabel           *summary;
  GtkListBox         *volunteer_list;
  GtkLabel           *pairs_title;
  GtkListBox         *pairs;
  GtkListBox         *hours;
  GtkWidget          *register_box;
  GtkEntry           *name;
  GtkEntry           *phone;
  GtkEntry           *team;
  GtkEntry           *skills;
  GtkLabel           *chosen_volunteer;
  YiStaffElderPicker *elder_picker;
  GtkWidget          *pair_button;
  GtkEntry           *served_on;
  GtkEntry           *hours_entry;
  GtkEntry           *activity;
  GtkLabel           *error_label;
};

static void yi_staff_volunteers_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffVolunteersPage, yi_staff_volunteers_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_volunteers_page_iface_init))

static YiStore *
store_of (YiStaffVolunteersPage *self)
{
  return yi_staff_session_get_store (self->session);
}

/* A volunteer signed in sees only their own record. */
static char *
own_volunteer (YiStaffVolunteersPage *self)
{
  const char *staff = yi_staff_session_get_volunteer_filter (self->session);

  if (staff == NULL)
    return NULL;
  return yi_store_query_string (store_of (self), "SELECT volunteer_id FROM staff WHERE id = ?", staff, NULL);
}

static char *
hours_text (gint64 minutes)
{
  return g_strdup_printf (_("%.1f h"), minutes / 60.0);
}

static void
fill_details (YiStaffVolunteersPage *self)
{
  g_autofree char *today = yi_store_today (store_of (self));
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(sqlite3_stmt) pairs = NULL;
  g_autoptr(sqlite3_stmt) hours = NULL;

  yi_staff_list_box_clear (self->pairs);
  yi_staff_list_box_clear (self->hours);
  if (self->volunteer_id)
    name = yi_store_query_string (store_of (self), "SELECT name FROM volunteers WHERE id = ?", self->volunteer_id, NULL);
  if (name == NULL)
    {
      gtk_label_set_label (self->pairs_title, _("Choose a volunteer above"));
      gtk_label_set_label (self->chosen_volunteer, _("Choose a volunteer on the left to pair them or log their hours"));
      return;
    }
  title = g_strdup_printf (_("Paired with %s"), name);
  gtk_label_set_label (self->pairs_title, title);
  g_free (title);
  title = g_strdup_printf (_("For %s: pair with an elder, or log hours served (with whom, if anyone)"), name);
  gtk_label_set_label (self->chosen_volunteer, title);

  pairs = yi_store_prepare (store_of (self),
      "SELECT p.id, e.name, p.since FROM volunteer_pairs p JOIN elders e ON e.id = p.elder_id "
      "WHERE p.volunteer_id = ? AND (p.until IS NULL OR p.until >= ?) ORDER BY e.name", NULL);
  sqlite3_bind_text (pairs, 1, self->volunteer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (pairs, 2, today, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (pairs) == SQLITE_ROW)
    {
      g_autofree char *sub = g_strdup_printf (_("since %s"), (const char *) sqlite3_column_text (pairs, 2));
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new ((const char *) sqlite3_column_text (pairs, 1), sub, &suffix);

      if (yi_staff_session_get_volunteer_filter (self->session) == NULL)
        {
          GtkWidget *b = yi_staff_button_new (_("End pairing"), NULL);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "volunteers.unpair");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", (const char *) sqlite3_column_text (pairs, 0));
          gtk_box_append (GTK_BOX (suffix), b);
        }
      gtk_list_box_append (self->pairs, row);
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->pairs)) == NULL)
    gtk_list_box_append (self->pairs, yi_staff_row_new (_("Not paired with anyone yet"), NULL, NULL));

  hours = yi_store_prepare (store_of (self),
      "SELECT h.served_on, h.minutes, e.name, h.activity FROM volunteer_hours h LEFT JOIN elders e ON e.id = h.elder_id "
      "WHERE h.volunteer_id = ? AND h.id NOT IN (SELECT target_id FROM event_voids) "
      "ORDER BY h.served_on DESC, h.at DESC LIMIT 8", NULL);
  sqlite3_bind_text (hours, 1, self->volunteer_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (hours) == SQLITE_ROW)
    {
      g_autofree char *h = hours_text (sqlite3_column_int64 (hours, 1));
      g_autofree char *t = g_strdup_printf ("%s · %s", (const char *) sqlite3_column_text (hours, 0), h);
      const char *whom = (const char *) sqlite3_column_text (hours, 2);
      const char *what = (const char *) sqlite3_column_text (hours, 3);
      g_autofree char *sub = g_strdup_printf ("%s%s%s", whom ? whom : _("no elder named"), what ? " · " : "", what ? what : "");

      gtk_list_box_append (self->hours, yi_staff_row_new (t, sub, NULL));
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->hours)) == NULL)
    gtk_list_box_append (self->hours, yi_staff_row_new (_("No hours logged yet"), NULL, NULL));
}

static void
yi_staff_volunteers_page_refresh (YiStaffPage *page)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (page);
  g_autofree char *own = NULL;
  g_autofree char *today = NULL;
  g_autofree char *month_start = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GtkListBoxRow *select = NULL;
  gint64 elders;
  guint n = 0;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_VOLUNTEERS))
    return;
  own = own_volunteer (self);
  gtk_widget_set_visible (self->register_box, yi_staff_session_get_volunteer_filter (self->session) == NULL);
  gtk_widget_set_visible (self->pair_button, yi_staff_session_get_volunteer_filter (self->session) == NULL);
  today = yi_store_today (store_of (self));
  month_start = g_strdup_printf ("%.8s01", today);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->served_on)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->served_on), today);

  yi_staff_list_box_clear (self->volunteer_list);
  stmt = yi_store_prepare (store_of (self),
      "SELECT id, name, team, skills, phone FROM volunteers WHERE active = 1 AND (?1 IS NULL OR id = ?1) ORDER BY team, name", NULL);
  if (own)
    sqlite3_bind_text (stmt, 1, own, -1, SQLITE_TRANSIENT);
  else if (yi_staff_session_get_volunteer_filter (self->session) != NULL)
    sqlite3_bind_text (stmt, 1, "", -1, SQLITE_STATIC);   /* a volunteer login with no volunteer record */
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *month = hours_text (yi_store_volunteer_minutes (store_of (self), id, month_start, today));
      g_autofree char *sub = g_strdup_printf (_("%s · %s · this month %s"),
                                              sqlite3_column_text (stmt, 2) ? (const char *) sqlite3_column_text (stmt, 2) : _("no team"),
                                              sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "—",
                                              month);
      GtkWidget *row = yi_staff_row_new ((const char *) sqlite3_column_text (stmt, 1), sub, NULL);

      g_object_set_data_full (G_OBJECT (row), "volunteer-id", g_strdup (id), g_free);
      gtk_list_box_append (self->volunteer_list, row);
      if (g_strcmp0 (id, self->volunteer_id) == 0 || (own && n == 0))
        select = GTK_LIST_BOX_ROW (row);
      n++;
    }
  if (n == 0)
    gtk_list_box_append (self->volunteer_list, yi_staff_row_new (_("No volunteers registered yet"), NULL, NULL));
  if (select == NULL)
    g_clear_pointer (&self->volunteer_id, g_free);
  else if (own)
    {
      g_free (self->volunteer_id);
      self->volunteer_id = g_strdup (own);
    }
  self->filling = TRUE;
  gtk_list_box_select_row (self->volunteer_list, select);
  self->filling = FALSE;

  elders = yi_store_count (store_of (self), "SELECT count(*) FROM elders WHERE status = 'active'", NULL);
  summary = own ? g_strdup (_("Your volunteer record"))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u volunteer for %d elders (the aim is one for every ten)",
                                                "%u volunteers for %d elders (the aim is one for every ten)", n), n, (int) elders);
  gtk_label_set_label (self->summary, summary);
  fill_details (self);
}

static void
on_volunteer_selected (YiStaffVolunteersPage *self,
                       GtkListBoxRow         *row)
{
  const char *id = row ? g_object_get_data (G_OBJECT (row), "volunteer-id") : NULL;

  if (self->filling || id == NULL)
    return;
  g_free (self->volunteer_id);
  self->volunteer_id = g_strdup (id);
  fill_details (self);
}

static void
report (YiStaffVolunteersPage *self,
        const GError          *error)
{
  gtk_label_set_label (self->error_label, error ? error->message : "");
}

static void
register_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (yi_staff_session_get_volunteer_filter (self->session) != NULL)
    return;
  id = yi_store_register_volunteer (store_of (self), gtk_editable_get_text (GTK_EDITABLE (self->name)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->phone)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->team)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->skills)), &error);
  report (self, error);
  if (id == NULL)
    return;
  for (GtkEntry **e = (GtkEntry *[]) { self->name, self->phone, self->team, self->skills, NULL }; *e; e++)
    gtk_editable_set_text (GTK_EDITABLE (*e), "");
  g_free (self->volunteer_id);
  self->volunteer_id = g_steal_pointer (&id);
  yi_staff_toast (widget, _("Volunteer registered"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
pair_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *elder = yi_staff_elder_picker_get_elder (self->elder_picker);
  g_autofree char *id = NULL;

  if (self->volunteer_id == NULL || elder == NULL)
    {
      gtk_label_set_label (self->error_label, _("Choose a volunteer on the left and find the elder first"));
      return;
    }
  id = yi_store_pair_volunteer (store_of (self), self->volunteer_id, elder, &error);
  report (self, error);
  if (id == NULL)
    return;
  yi_staff_toast (widget, _("Paired"));
  yi_staff_elder_picker_set_elder (self->elder_picker, NULL);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
unpair_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!yi_store_end_pairing (store_of (self), g_variant_get_string (parameter, NULL), &error))
    report (self, error);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
log_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->hours_entry));
  char *end = NULL;
  double hours = g_ascii_strtod (text, &end);
  g_autofree char *id = NULL;

  if (self->volunteer_id == NULL)
    {
      gtk_label_set_label (self->error_label, _("Choose a volunteer on the left first"));
      return;
    }
  if (end == text || *end != '\0' || !isfinite (hours))
    {
      gtk_label_set_label (self->error_label, _("Write the hours as a number, for example 2 or 1.5"));
      return;
    }
  id = yi_store_log_volunteer_hours (store_of (self), self->volunteer_id, yi_staff_elder_picker_get_elder (self->elder_picker),
                                     gtk_editable_get_text (GTK_EDITABLE (self->served_on)),
                                     (int) lround (hours * 60), gtk_editable_get_text (GTK_EDITABLE (self->activity)), &error);
  report (self, error);
  if (id == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->hours_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->activity), "");
  yi_staff_elder_picker_set_elder (self->elder_picker, NULL);
  yi_staff_toast (widget, _("Hours logged"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
yi_staff_volunteers_page_set_session (YiStaffPage    *page,
                                      YiStaffSession *session)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (page);

  g_set_object (&self->session, session);
  yi_staff_elder_picker_set_session (self->elder_picker, session);
}

static void
yi_staff_volunteers_page_dispose (GObject *object)
{
  YiStaffVolunteersPage *self = YI_STAFF_VOLUNTEERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_VOLUNTEERS_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->volunteer_id, g_free);
  G_OBJECT_CLASS (yi_staff_volunteers_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffVolunteersPage, name)

static void
yi_staff_volunteers_page_class_init (YiStaffVolunteersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_volunteers_page_dispose;
  g_type_ensure (YI_TYPE_STAFF_ELDER_PICKER);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-volunteers-page.ui");
  BIND (summary); BIND (volunteer_list); BIND (pairs_title); BIND (pairs); BIND (hours); BIND (register_box);
  BIND (name); BIND (phone); BIND (team); BIND (skills); BIND (chosen_volunteer); BIND (elder_picker);
  BIND (pair_button); BIND (served_on); BIND (hours_entry); BIND (activity); BIND (error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_volunteer_selected);
  gtk_widget_class_install_action (widget_class, "volunteers.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "volunteers.pair", NULL, pair_action);
  gtk_widget_class_install_action (widget_class, "volunteers.unpair", "s", unpair_action);
  gtk_widget_class_install_action (widget_class, "volunteers.log", NULL, log_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_volunteers_page_init (YiStaffVolunteersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
yi_staff_volunteers_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_volunteers_page_set_session;
  iface->refresh = yi_staff_volunteers_page_refresh;
}
