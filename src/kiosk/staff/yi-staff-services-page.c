#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-clock.h"
#include "yi-services.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

struct _YiStaffServicesPage
{
  GtkWidget           parent_instance;

  YiStaffSession     *session;
  GPtrArray          *type_ids;
  GPtrArray          *staff_ids;

  YiStaffElderPicker *elder_picker;
  GtkDropDown        *service_type;
  GtkDropDown        *provider;
  GtkEntry           *started_at;
  GtkEntry           *duration;
  GtkEntry           *notes;
  GtkLabel           *record_error;
  GtkLabel           *pending_title;
  GtkEntry           *attest_reason;
  GtkListBox         *pending;
};

static void yi_staff_services_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffServicesPage, yi_staff_services_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_services_page_iface_init))

static YiStore *
store_of (YiStaffServicesPage *self)
{
  return yi_staff_session_get_store (self->session);
}

/* Fills a drop-down from (id, label) rows, keeping the ids alongside and
 * the choice made before, if it is still there. */
static void
fill_choices (GtkDropDown *dd,
              GPtrArray   *ids,
              YiStore     *store,
              const char  *sql,
              const char  *prefer)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, sql, NULL);
  guint selected = gtk_drop_down_get_selected (dd);
  g_autofree char *before = selected < ids->len ? g_strdup (ids->pdata[selected]) : NULL;
  guint keep = 0;

  g_ptr_array_set_size (ids, 0);
  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (id, before ? before : prefer) == 0)
        keep = ids->len;
      g_ptr_array_add (ids, g_strdup (id));
      gtk_string_list_append (labels, (const char *) sqlite3_column_text (stmt, 1));
    }
  gtk_drop_down_set_model (dd, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dd, keep);
}

static const char *
chosen_id (GtkDropDown *dd,
           GPtrArray   *ids)
{
  guint i = gtk_drop_down_get_selected (dd);

  return i < ids->len ? ids->pdata[i] : NULL;
}

/* A volunteer sees only the services of the elders paired with them. */
static gboolean
visible_to_session (YiStaffServicesPage *self,
                    const char          *elder_id)
{
  const char *volunteer = yi_staff_session_get_volunteer_filter (self->session);
  g_autofree char *today = NULL;

  if (volunteer == NULL)
    return TRUE;
  today = yi_store_today (store_of (self));
  return yi_store_count (store_of (self),
      "SELECT count(*) FROM volunteer_pairs p JOIN staff s ON s.volunteer_id = p.volunteer_id "
      "WHERE s.id = ? AND p.elder_id = ? AND (p.until IS NULL OR p.until >= ?)", volunteer, elder_id, today, NULL) > 0;
}

static void
fill_pending (YiStaffServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = yi_store_pending_services (store_of (self), NULL, &error);
  gboolean can_attest = yi_staff_session_can (self->session, YI_STAFF_PERM_ATTEST_SERVICES);
  guint shown = 0;
  g_autofree char *title = NULL;

  yi_staff_list_box_clear (self->pending);
  gtk_widget_set_visible (GTK_WIDGET (self->attest_reason), can_attest);
  if (list == NULL)
    {
      gtk_list_box_append (self->pending, yi_staff_row_new (error->message, NULL, NULL));
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      YiPendingService *s = list->pdata[i];
      g_autofree char *hhmm = NULL;
      g_autofree char *title_text = NULL;
      g_autofree char *sub = NULL;
      GtkWidget *suffix = NULL;
      GtkWidget *row;
      gboolean cannot_tap;
      gint64 us = 0;

      if (!visible_to_session (self, s->elder_id))
        continue;
      if (yi_clock_parse_utc (s->started_at, &us))
        hhmm = yi_clock_local_hhmm (us, yi_store_get_timezone (store_of (self)));
      cannot_tap = yi_store_count (store_of (self), "SELECT count(*) FROM elders WHERE id = ? AND can_confirm = 0",
                                   s->elder_id, NULL) > 0;
      title_text = g_strdup_printf ("%s · %s", s->elder_name, s->service_name);
      sub = g_strdup_printf (_("%s %s, %d minutes, by %s%s"), s->local_date, hhmm ? hhmm : "", s->duration_min,
                             s->provider_name ? s->provider_name : "—",
                             cannot_tap ? _(" · cannot confirm by card") : _(" · waiting for the elder’s card"));
      row = yi_staff_row_new (title_text, sub, &suffix);
      if (can_attest)
        {
          GtkWidget *b = yi_staff_button_new (_("Vouch for it"), cannot_tap ? "suggested-action" : NULL);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "services.attest");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", s->id);
          gtk_box_append (GTK_BOX (suffix), b);
        }
      gtk_list_box_append (self->pending, row);
      shown++;
    }
  if (shown == 0)
    gtk_list_box_append (self->pending, yi_staff_row_new (_("Every service has been confirmed"), NULL, NULL));
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service not yet confirmed", "%u services not yet confirmed", shown), shown);
  gtk_label_set_label (self->pending_title, title);
}

static void
yi_staff_services_page_refresh (YiStaffPage *page)
{
  YiStaffServicesPage *self = YI_STAFF_SERVICES_PAGE (page);
  YiStore *store;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_SERVICES))
    return;
  store = store_of (self);
  fill_choices (self->service_type, self->type_ids, store,
                "SELECT id, name_zh FROM service_types WHERE active = 1 ORDER BY category, code", NULL);
  fill_choices (self->provider, self->staff_ids, store,
                "SELECT id, name FROM staff WHERE active = 1 ORDER BY name", yi_staff_session_get_staff_id (self->session));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->started_at)) == '\0')
    {
      g_autofree char *now = yi_clock_local_hhmm (yi_clock_now_us (), yi_store_get_timezone (store));
      gtk_editable_set_text (GTK_EDITABLE (self->started_at), now);
    }
  fill_pending (self);
}

/* "HH:MM" today in the centre's time zone, as UTC ISO 8601. */
static char *
started_at_utc (YiStaffServicesPage *self,
                const char          *hhmm)
{
  g_autofree char *today = yi_store_today (store_of (self));
  int y, m, d, h, mi;
  char *end = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (!yi_date_parse (today, &y, &m, &d) || hhmm == NULL)
    return NULL;
  h = (int) strtol (hhmm, &end, 10);
  if (end == hhmm || *end != ':' || h < 0 || h > 23)
    return NULL;
  hhmm = end + 1;
  mi = (int) strtol (hhmm, &end, 10);
  if (end == hhmm || *end != '\0' || mi < 0 || mi > 59)
    return NULL;
  local = g_date_time_new (yi_store_get_timezone (store_of (self)), y, m, d, h, mi, 0);
  return yi_clock_format_utc (g_date_time_to_unix (local) * G_USEC_PER_SEC);
}

static void
record_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffServicesPage *self = YI_STAFF_SERVICES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *elder = yi_staff_elder_picker_get_elder (self->elder_picker);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->duration));
  g_autofree char *start = started_at_utc (self, gtk_editable_get_text (GTK_EDITABLE (self->started_at)));
  g_autofree char *id = NULL;
  g_autofree char *msg = NULL;
  char *end = NULL;
  long minutes = strtol (text, &end, 10);

  if (elder == NULL)
    {
      gtk_label_set_label (self->record_error, _("Choose the elder first: tap their card, or search"));
      return;
    }
  if (start == NULL)
    {
      gtk_label_set_label (self->record_error, _("Write the starting time as hours and minutes, for example 09:30"));
      return;
    }
  if (end == text || *end != '\0')
    {
      gtk_label_set_label (self->record_error, _("Write how many minutes the service took, for example 45"));
      return;
    }
  id = yi_store_record_service (store_of (self), elder, chosen_id (self->service_type, self->type_ids),
                                chosen_id (self->provider, self->staff_ids), start, (int) CLAMP (minutes, -1, 100000),
                                gtk_editable_get_text (GTK_EDITABLE (self->notes)), &error);
  if (id == NULL)
    {
      gtk_label_set_label (self->record_error, error->message);
      return;
    }
  gtk_label_set_label (self->record_error, "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes), "");
  gtk_editable_set_text (GTK_EDITABLE (self->duration), "");
  yi_staff_elder_picker_set_elder (self->elder_picker, NULL);
  msg = g_strdup (_("Recorded. It counts once the elder taps their card at the kiosk to confirm."));
  yi_staff_toast (widget, msg);
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
attest_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffServicesPage *self = YI_STAFF_SERVICES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!yi_staff_session_can (self->session, YI_STAFF_PERM_ATTEST_SERVICES))
    return;
  id = yi_store_attest_service (store_of (self), g_variant_get_string (parameter, NULL),
                                gtk_editable_get_text (GTK_EDITABLE (self->attest_reason)), &error);
  if (id == NULL)
    {
      yi_staff_toast_error (widget, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->attest_reason), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->attest_reason), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->attest_reason), "");
  yi_staff_toast (widget, _("Confirmed by staff; it now counts for the subsidy"));
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

gboolean
yi_staff_services_page_pick_elder (YiStaffServicesPage *self,
                                   const char          *elder_id,
                                   const char          *card_uid)
{
  if (!visible_to_session (self, elder_id))
    {
      yi_staff_toast (GTK_WIDGET (self), _("This elder is not paired with you"));
      return TRUE;
    }
  yi_staff_elder_picker_set_elder (self->elder_picker, elder_id);
  return TRUE;
}

static void
yi_staff_services_page_set_session (YiStaffPage    *page,
                                    YiStaffSession *session)
{
  YiStaffServicesPage *self = YI_STAFF_SERVICES_PAGE (page);

  g_set_object (&self->session, session);
  yi_staff_elder_picker_set_session (self->elder_picker, session);
}

static void
yi_staff_services_page_dispose (GObject *object)
{
  YiStaffServicesPage *self = YI_STAFF_SERVICES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_SERVICES_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);
  g_clear_pointer (&self->staff_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (yi_staff_services_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffServicesPage, name)

static void
yi_staff_services_page_class_init (YiStaffServicesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_services_page_dispose;
  g_type_ensure (YI_TYPE_STAFF_ELDER_PICKER);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-services-page.ui");
  BIND (elder_picker); BIND (service_type); BIND (provider); BIND (started_at); BIND (duration);
  BIND (notes); BIND (record_error); BIND (pending_title); BIND (attest_reason); BIND (pending);
  gtk_widget_class_install_action (widget_class, "services.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "services.attest", "s", attest_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_services_page_init (YiStaffServicesPage *self)
{
  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  self->staff_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
yi_staff_services_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_services_page_set_session;
  iface->refresh = yi_staff_services_page_refresh;
}
