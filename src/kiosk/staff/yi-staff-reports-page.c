#include "config.h"

#include "yi-clock.h"
#include "yi-staff-reports-page-private.h"
#include "yi-staff-reports-private.h"
#include "yi-staff-keypad.h"
#include "yi-staff-private.h"
#include "yi-report-chart-view.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (YiStaffReportsPage, yi_staff_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EXPORT_DIR,
  PROP_PERIOD,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The chart shown at the top of each section's page. */
static const struct {
  const char    *section;
  YiReportChart  chart;
} section_charts[] = {
  { "elders", YI_REPORT_CHART_AGE_PYRAMID },
  { "attendance", YI_REPORT_CHART_ATTENDANCE },
  { "meals", YI_REPORT_CHART_MEALS },
  { "services", YI_REPORT_CHART_SERVICES },
  { "care", YI_REPORT_CHART_SATISFACTION },
};

void
yi_staff_reports_page_update_busy (YiStaffReportsPage *self)
{
  gboolean busy = self->computing != NULL || self->exporting;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->loading_spinner, self->computing != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", self->report != NULL && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-as", self->report != NULL && !self->exporting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
yi_staff_reports_page_show_error (YiStaffReportsPage *self,
                                  const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

void
yi_staff_reports_page_clear_error (YiStaffReportsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_label (self->error_label, "");
}

void
yi_staff_reports_page_toast (YiStaffReportsPage *self,
                             const char         *message)
{
  /* A toast's title is markup; a folder may be called "A&B". */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *t = adw_toast_new (escaped);

  /* The newest file is the one to tell about, at once. */
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
show_period_label (YiStaffReportsPage *self)
{
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;

  if (self->report == NULL)
    {
      gtk_label_set_label (self->period_label, "");
      return;
    }
  period = yi_report_period_label (yi_report_get_from (self->report), yi_report_get_to (self->report));
  text = g_strdup_printf ("%s · %s", yi_report_get_title (self->report), period);
  gtk_label_set_label (self->period_label, text);
}

static void
set_figure (GtkLabel   *label,
            YiReport   *report,
            const char *table_id,
            const char *row_key,
            const char *column_id)
{
  g_autofree char *text = yi_report_format_value (report, table_id, row_key, column_id);

  gtk_label_set_label (label, text);
}

/* A section's tables are built when it is first shown for a report:
 * building all of them at once would hold up the screen. */
static void
fill_section (YiStaffReportsPage *self,
              const char         *section)
{
  GtkBox *box = section ? g_hash_table_lookup (self->section_tables, section) : NULL;
  GPtrArray *tables;
  GtkWidget *child;

  if (box == NULL || self->report == NULL || g_object_get_data (G_OBJECT (box), "report") == self->report)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  tables = yi_report_get_tables (self->report);
  /* Daily and weekly series are read from their charts, as in print. */
  for (guint i = 0; i < tables->len; i++)
    {
      YiReportTable *t = tables->pdata[i];

      if (strcmp (yi_report_table_get_section (t), section) == 0 && !yi_report_table_is_series (t))
        gtk_box_append (box, yi_staff_reports_table_new (self->report, t));
    }
  g_object_set_data_full (G_OBJECT (box), "report", g_object_ref (self->report), g_object_unref);
}

static void
on_section_shown (YiStaffReportsPage *self)
{
  fill_section (self, gtk_stack_get_visible_child_name (self->sections));
}

static void
show_report (YiStaffReportsPage *self,
             YiReport           *report)
{
  gboolean missed = yi_staff_reports_missed_target (report);

  g_set_object (&self->report, report);
  set_figure (self->elders_value, report, "attendance_summary", "total", "elders");
  set_figure (self->visits_value, report, "attendance_summary", "total", "visits");
  set_figure (self->meals_value, report, "meals_by_meal", "total", "total");
  set_figure (self->services_value, report, "services_by_type", "total", "count");
  set_figure (self->volunteer_value, report, "volunteers", "total", "hours");
  set_figure (self->satisfaction_value, report, "satisfaction", "total", "rate");
  if (missed)
    gtk_widget_add_css_class (self->satisfaction_tile, "yi-reports-tile-missed");
  else
    gtk_widget_remove_css_class (self->satisfaction_tile, "yi-reports-tile-missed");
  for (guint i = 0; i < self->charts->len; i++)
    yi_report_chart_view_set_report (self->charts->pdata[i], report);
  on_section_shown (self);
  show_period_label (self);
  gtk_stack_set_visible_child_name (self->content, "report");
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(YiReport) report = yi_staff_reports_compute_finish (result, &error);

  /* A newer request took over, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->computing);
  if (report != NULL)
    {
      yi_staff_reports_page_clear_error (self);
      show_report (self, report);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("The figures could not be counted: %s"), error->message);

      yi_staff_reports_page_show_error (self, message);
      show_period_label (self);
      gtk_stack_set_visible_child_name (self->content, self->report ? "report" : "failed");
    }
  yi_staff_reports_page_update_busy (self);
}

static void
start_compute (YiStaffReportsPage *self,
               const char         *from,
               const char         *to)
{
  g_autofree char *period = yi_report_period_label (from, to);
  g_autofree char *status = g_strdup_printf (_("Counting %s…"), period);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->computing = g_cancellable_new ();
  yi_staff_reports_page_clear_error (self);
  gtk_label_set_label (self->period_label, status);
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->content, "loading");
  yi_staff_reports_page_update_busy (self);
  yi_staff_reports_compute_async (self, self->store, from, to, self->computing, on_computed, NULL);
}

static void
prefill_custom (YiStaffReportsPage *self)
{
  const char *from = self->report ? yi_report_get_from (self->report) : NULL;
  const char *to = self->report ? yi_report_get_to (self->report) : NULL;

  if (from == NULL)
    return;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
}

static void
apply_custom (YiStaffReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = yi_staff_reports_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), &error);
  g_autofree char *to = from ? yi_staff_reports_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), &error) : NULL;

  if (to == NULL || !yi_report_period_check (from, to, &error))
    {
      yi_staff_reports_page_show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  start_compute (self, from, to);
}

void
yi_staff_reports_page_refresh (YiStaffReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_if_fail (YI_IS_STAFF_REPORTS_PAGE (self));

  if (g_strcmp0 (self->period, "custom") == 0)
    {
      apply_custom (self);
      return;
    }
  today = yi_store_today (self->store);
  if (!yi_report_period_parse (self->period, today, &from, &to, &error))
    {
      yi_staff_reports_page_show_error (self, error->message);
      return;
    }
  start_compute (self, from, to);
}

static void
set_period (YiStaffReportsPage *self,
            const char         *period)
{
  gboolean custom = g_strcmp0 (period, "custom") == 0;

  g_free (self->period);
  self->period = g_strdup (period ? period : "this-month");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
  gtk_revealer_set_reveal_child (self->custom_revealer, custom);
  if (custom)
    {
      /* Wait for the days; the figures on screen stay until then. */
      prefill_custom (self);
      return;
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    yi_staff_reports_page_refresh (self);
}

static void
pick_day (YiStaffReportsPage *self,
          GtkCalendar        *calendar,
          GtkEntry           *entry,
          GtkMenuButton      *button)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  if (self->syncing_calendar)
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_menu_button_popdown (button);
}

static void
on_from_day_selected (YiStaffReportsPage *self)
{
  pick_day (self, self->from_calendar, self->from_entry, self->from_pick);
}

static void
on_to_day_selected (YiStaffReportsPage *self)
{
  pick_day (self, self->to_calendar, self->to_entry, self->to_pick);
}

/* The calendar opens on the day in the field, the pad empty. */
static void
open_pick (YiStaffReportsPage *self,
           GtkCalendar        *calendar,
           YiStaffKeypad      *keypad,
           GtkEntry           *entry)
{
  int y, m, d;

  yi_staff_keypad_clear (keypad);
  if (yi_date_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &y, &m, &d))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 12, 0, 0);

      self->syncing_calendar = TRUE;
      gtk_calendar_select_day (calendar, dt);
      self->syncing_calendar = FALSE;
    }
}

/* Typed on the pad: 8 digits become YYYY-MM-DD as soon as they are in. */
static void
type_day (YiStaffKeypad *keypad,
          GtkEntry      *entry)
{
  const char *digits = yi_staff_keypad_get_text (keypad);
  g_autofree char *date = *digits ? yi_staff_reports_parse_date (digits, NULL) : NULL;

  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), date);
}

static void
on_from_keypad_changed (YiStaffReportsPage *self)
{
  type_day (self->from_keypad, self->from_entry);
}

static void
on_to_keypad_changed (YiStaffReportsPage *self)
{
  type_day (self->to_keypad, self->to_entry);
}

static void
on_from_keypad_submitted (YiStaffReportsPage *self)
{
  gtk_menu_button_popdown (self->from_pick);
}

static void
on_to_keypad_submitted (YiStaffReportsPage *self)
{
  gtk_menu_button_popdown (self->to_pick);
}

static void
on_from_pick_shown (YiStaffReportsPage *self)
{
  open_pick (self, self->from_calendar, self->from_keypad, self->from_entry);
}

static void
on_to_pick_shown (YiStaffReportsPage *self)
{
  open_pick (self, self->to_calendar, self->to_keypad, self->to_entry);
}

static void
on_custom_entry_activate (YiStaffReportsPage *self)
{
  apply_custom (self);
}

static void
action_apply_custom (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  apply_custom (YI_STAFF_REPORTS_PAGE (widget));
}

void
yi_staff_reports_page_set_export_dir (YiStaffReportsPage *self,
                                      const char         *dir)
{
  g_return_if_fail (YI_IS_STAFF_REPORTS_PAGE (self));

  if (g_strcmp0 (self->export_dir, dir) == 0)
    return;
  g_free (self->export_dir);
  self->export_dir = (dir && *dir) ? g_strdup (dir) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORT_DIR]);
}

const char *
yi_staff_reports_page_get_export_dir (YiStaffReportsPage *self)
{
  g_return_val_if_fail (YI_IS_STAFF_REPORTS_PAGE (self), NULL);
  return self->export_dir;
}

YiReport *
yi_staff_reports_page_get_report (YiStaffReportsPage *self)
{
  g_return_val_if_fail (YI_IS_STAFF_REPORTS_PAGE (self), NULL);
  return self->report;
}

gboolean
yi_staff_reports_page_get_busy (YiStaffReportsPage *self)
{
  g_return_val_if_fail (YI_IS_STAFF_REPORTS_PAGE (self), FALSE);
  return self->computing != NULL || self->exporting;
}

/* Figures are counted when staff look, not while the page sits unseen,
 * and again each time they come back (records keep arriving). */
static void
yi_staff_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (yi_staff_reports_page_parent_class)->map (widget);
  yi_staff_reports_page_refresh (YI_STAFF_REPORTS_PAGE (widget));
}

static void
add_section_pages (YiStaffReportsPage *self)
{
  const char *const *sections = yi_report_sections ();

  for (guint i = 0; sections[i] != NULL; i++)
    {
      GtkWidget *scroll = gtk_scrolled_window_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
      GtkWidget *tables = gtk_box_new (GTK_ORIENTATION_VERTICAL, 28);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_widget_add_css_class (box, "yi-reports-section");
      for (guint c = 0; c < G_N_ELEMENTS (section_charts); c++)
        if (strcmp (section_charts[c].section, sections[i]) == 0)
          {
            GtkWidget *chart = yi_report_chart_view_new (section_charts[c].chart);

            g_ptr_array_add (self->charts, chart);
            gtk_box_append (GTK_BOX (box), chart);
          }
      gtk_box_append (GTK_BOX (box), tables);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), box);
      gtk_stack_add_titled (self->sections, scroll, sections[i], yi_report_section_title (sections[i]));
      g_hash_table_insert (self->section_tables, g_strdup (sections[i]), tables);
    }
}

static void
yi_staff_reports_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EXPORT_DIR:
      g_value_set_string (value, self->export_dir);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, yi_staff_reports_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_staff_reports_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_EXPORT_DIR:
      yi_staff_reports_page_set_export_dir (self, g_value_get_string (value));
      break;
    case PROP_PERIOD:
      set_period (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_staff_reports_page_dispose (GObject *object)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (object);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_REPORTS_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->section_tables, g_hash_table_unref);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (yi_staff_reports_page_parent_class)->dispose (object);
}

static void
yi_staff_reports_page_finalize (GObject *object)
{
  YiStaffReportsPage *self = YI_STAFF_REPORTS_PAGE (object);

  g_free (self->export_dir);
  g_free (self->period);
  G_OBJECT_CLASS (yi_staff_reports_page_parent_class)->finalize (object);
}

static void
yi_staff_reports_page_class_init (YiStaffReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = yi_staff_reports_page_get_property;
  object_class->set_property = yi_staff_reports_page_set_property;
  object_class->dispose = yi_staff_reports_page_dispose;
  object_class->finalize = yi_staff_reports_page_finalize;
  widget_class->map = yi_staff_reports_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, YI_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORT_DIR] =
    g_param_spec_string ("export-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* this-month, last-month, this-quarter, last-quarter, this-year,
   * last-year or custom (the days in the two date fields). */
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, "this-month",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YI_TYPE_REPORT_CHART_VIEW);
  g_type_ensure (YI_TYPE_STAFF_KEYPAD);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, from_pick);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, to_pick);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, from_keypad);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, to_keypad);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, content);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, sections);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, elders_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, visits_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, meals_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, services_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, volunteer_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, satisfaction_value);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, satisfaction_tile);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, overview_attendance);
  gtk_widget_class_bind_template_child (widget_class, YiStaffReportsPage, overview_meals);
  gtk_widget_class_bind_template_callback (widget_class, on_from_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_to_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_from_keypad_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_to_keypad_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_from_keypad_submitted);
  gtk_widget_class_bind_template_callback (widget_class, on_to_keypad_submitted);
  gtk_widget_class_bind_template_callback (widget_class, on_from_pick_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_to_pick_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_section_shown);

  gtk_widget_class_install_property_action (widget_class, "reports.period", "period");
  gtk_widget_class_install_action (widget_class, "reports.apply-custom", NULL, action_apply_custom);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", yi_staff_reports_page_action_export);
  gtk_widget_class_install_action (widget_class, "reports.save-as", "s", yi_staff_reports_page_action_save_as);

  gtk_widget_class_set_css_name (widget_class, "yi-staff-reports-page");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_reports_page_init (YiStaffReportsPage *self)
{
  self->period = g_strdup ("this-month");
  self->charts = g_ptr_array_new ();
  self->section_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  yi_staff_keypad_set_max_length (self->from_keypad, 8);
  yi_staff_keypad_set_max_length (self->to_keypad, 8);
  g_ptr_array_add (self->charts, self->overview_attendance);
  g_ptr_array_add (self->charts, self->overview_meals);
  add_section_pages (self);
  yi_staff_reports_page_update_busy (self);
  yi_staff_ensure_style ();
}

GtkWidget *
yi_staff_reports_page_new (YiStore *store)
{
  g_return_val_if_fail (YI_IS_STORE (store), NULL);

  return g_object_new (YI_TYPE_STAFF_REPORTS_PAGE, "store", store, NULL);
}
