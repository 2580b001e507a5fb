#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-keypad.h"
#include "yi-staff-private.h"
#include "yi-care.h"
#include "yi-clock.h"
#include "yi-vital-chart.h"

#include <glib/gi18n-lib.h>

#define TREND_DAYS 90

struct _YiStaffHealthPage
{
  GtkWidget           parent_instance;

  YiStaffSession     *session;
  YiVitalKind         kind;

  YiStaffElderPicker *elder_picker;
  GtkToggleButton    *kind_bp;
  GtkToggleButton    *kind_glucose;
  GtkToggleButton    *kind_weight;
  GtkToggleButton    *kind_temperature;
  GtkEntry           *value1;
  GtkLabel           *slash;
  GtkEntry           *value2;
  GtkLabel           *unit;
  YiStaffKeypad      *pad;
  GtkLabel           *result;
  GtkDrawingArea     *chart;
  GtkLabel           *alerts_title;
  GtkListBox         *alerts;
};

static void yi_staff_health_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffHealthPage, yi_staff_health_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_health_page_iface_init))

static YiStore *
store_of (YiStaffHealthPage *self)
{
  return yi_staff_session_get_store (self->session);
}

static void
show_result (YiStaffHealthPage *self,
             const char        *text,
             const char        *css)
{
  gtk_label_set_label (self->result, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result), "yi-error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result), "yi-ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result), "yi-warning");
  if (css)
    gtk_widget_add_css_class (GTK_WIDGET (self->result), css);
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  YiStaffHealthPage *self = data;
  const char *elder = yi_staff_elder_picker_get_elder (self->elder_picker);
  g_autofree char *today = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) series = NULL;
  double band[4];

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->session == NULL || elder == NULL || yi_staff_session_get_state (self->session) != YI_STAFF_SESSION_OPEN)
    return;
  today = yi_store_today (store_of (self));
  from = yi_date_add_days (today, -(TREND_DAYS - 1));
  series = yi_store_vital_series (store_of (self), elder, self->kind, from, today, NULL);
  if (series == NULL)
    return;
  yi_vital_normal_range (self->kind, &band[0], &band[1], &band[2], &band[3]);
  yi_vital_chart_draw (cr, 0, 0, width, height, self->kind, series, from, today, band, 18);
}

static void
fill_alerts (YiStaffHealthPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = yi_store_vital_alerts (store_of (self), &error);
  g_autofree char *title = NULL;

  yi_staff_list_box_clear (self->alerts);
  if (alerts == NULL)
    {
      gtk_label_set_label (self->alerts_title, error->message);
      return;
    }
  for (guint i = 0; i < alerts->len; i++)
    {
      YiVitalReading *r = alerts->pdata[i];
      YiVitalKind kind = YI_VITAL_BLOOD_PRESSURE;
      g_autofree char *value = NULL;
      g_autofree char *when = NULL;
      g_autofree char *sub = NULL;
      GtkWidget *suffix = NULL;
      GtkWidget *row, *b;
      gint64 us = 0;

      yi_vital_kind_parse (r->kind, &kind);
      value = r->has_value2 ? g_strdup_printf ("%g/%g %s", r->value1, r->value2, yi_vital_kind_unit (kind))
                            : g_strdup_printf ("%g %s", r->value1, yi_vital_kind_unit (kind));
      if (yi_clock_parse_utc (r->taken_at, &us))
        {
          g_autoptr(GDateTime) local = yi_clock_local (us, yi_store_get_timezone (store_of (self)));
          when = g_date_time_format (local, "%m-%d %H:%M");
        }
      sub = g_strdup_printf (_("%s %s, outside the normal range · %s"), yi_vital_kind_label (kind), value, when ? when : "");
      row = yi_staff_row_new (r->elder_name, sub, &suffix);
      b = yi_staff_button_new (_("Dealt with"), "suggested-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "health.ack");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", r->id);
      gtk_box_append (GTK_BOX (suffix), b);
      gtk_list_box_append (self->alerts, row);
    }
  if (alerts->len == 0)
    gtk_list_box_append (self->alerts, yi_staff_row_new (_("No alerts: every reading is in range or dealt with"), NULL, NULL));
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u alert to deal with", "%u alerts to deal with", alerts->len), alerts->len);
  gtk_label_set_label (self->alerts_title, title);
}

static void
set_kind (YiStaffHealthPage *self,
          YiVitalKind        kind)
{
  gboolean bp = kind == YI_VITAL_BLOOD_PRESSURE;
  double l1, h1, l2, h2;
  g_autofree char *hint = NULL;

  self->kind = kind;
  gtk_widget_set_visible (GTK_WIDGET (self->slash), bp);
  gtk_widget_set_visible (GTK_WIDGET (self->value2), bp);
  gtk_label_set_label (self->unit, yi_vital_kind_unit (kind));
  yi_staff_keypad_set_allow_point (self->pad, kind == YI_VITAL_GLUCOSE || kind == YI_VITAL_TEMPERATURE ||
                                              kind == YI_VITAL_WEIGHT);
  gtk_editable_set_text (GTK_EDITABLE (self->value1), "");
  gtk_editable_set_text (GTK_EDITABLE (self->value2), "");
  yi_staff_keypad_set_target (self->pad, GTK_EDITABLE (self->value1));
  if (self->session)
    {
      yi_vital_normal_range (kind, &l1, &h1, &l2, &h2);
      hint = bp ? g_strdup_printf (_("Normal: %g–%g / %g–%g %s"), l1, h1, l2, h2, yi_vital_kind_unit (kind))
                : g_strdup_printf (_("Normal: %g–%g %s"), l1, h1, yi_vital_kind_unit (kind));
      gtk_entry_set_placeholder_text (self->value1, bp ? _("upper") : hint);
      gtk_entry_set_placeholder_text (self->value2, _("lower"));
      show_result (self, hint, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
on_kind_toggled (YiStaffHealthPage *self,
                 GtkToggleButton   *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->kind_glucose)
    set_kind (self, YI_VITAL_GLUCOSE);
  else if (button == self->kind_weight)
    set_kind (self, YI_VITAL_WEIGHT);
  else if (button == self->kind_temperature)
    set_kind (self, YI_VITAL_TEMPERATURE);
  else
    set_kind (self, YI_VITAL_BLOOD_PRESSURE);
}

static void
on_elder_picked (YiStaffHealthPage *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static gboolean
parse_reading (const char *text,
               double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static void
record_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffHealthPage *self = YI_STAFF_HEALTH_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *elder = yi_staff_elder_picker_get_elder (self->elder_picker);
  gboolean bp = self->kind == YI_VITAL_BLOOD_PRESSURE;
  gboolean outside = FALSE;
  double v1 = 0, v2 = 0;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *msg = NULL;

  if (elder == NULL)
    {
      show_result (self, _("Choose the elder first: tap their card, or search"), "yi-error");
      return;
    }
  if (!parse_reading (gtk_editable_get_text (GTK_EDITABLE (self->value1)), &v1) ||
      (bp && !parse_reading (gtk_editable_get_text (GTK_EDITABLE (self->value2)), &v2)))
    {
      show_result (self, bp ? _("Enter both numbers: the upper (systolic) and the lower (diastolic) pressure")
                            : _("Enter the reading as a number"), "yi-error");
      return;
    }
  id = yi_store_record_vital (store_of (self), elder, self->kind, v1, v2, &outside, &error);
  if (id == NULL)
    {
      show_result (self, error->message, "yi-error");
      return;
    }
  name = yi_staff_elder_name (store_of (self), elder);
  msg = outside
    ? g_strdup_printf (_("Saved for %s. This reading is outside the normal range and is now on the alert list."), name)
    : g_strdup_printf (_("Saved for %s. The reading is in the normal range."), name);
  show_result (self, msg, outside ? "yi-warning" : "yi-ok");
  gtk_editable_set_text (GTK_EDITABLE (self->value1), "");
  gtk_editable_set_text (GTK_EDITABLE (self->value2), "");
  yi_staff_keypad_set_target (self->pad, GTK_EDITABLE (self->value1));
  fill_alerts (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* OK on the keypad: for blood pressure the first OK moves on to the lower
 * number, the second records. */
static void
on_pad_submitted (YiStaffHealthPage *self)
{
  if (self->kind == YI_VITAL_BLOOD_PRESSURE &&
      *gtk_editable_get_text (GTK_EDITABLE (self->value2)) == '\0' &&
      *gtk_editable_get_text (GTK_EDITABLE (self->value1)) != '\0')
    {
      yi_staff_keypad_set_target (self->pad, GTK_EDITABLE (self->value2));
      gtk_widget_grab_focus (GTK_WIDGET (self->value2));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "health.record", NULL);
}

static void
ack_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YiStaffHealthPage *self = YI_STAFF_HEALTH_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = yi_store_ack_vital_alert (store_of (self), g_variant_get_string (parameter, NULL), NULL, &error);

  if (id == NULL)
    yi_staff_toast_error (widget, error);
  else
    yi_staff_toast (widget, _("Alert marked as dealt with"));
  fill_alerts (self);
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                YiStaffHealthPage       *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  yi_staff_keypad_set_target (self->pad, GTK_EDITABLE (entry));
}

static void
yi_staff_health_page_refresh (YiStaffPage *page)
{
  YiStaffHealthPage *self = YI_STAFF_HEALTH_PAGE (page);

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_HEALTH))
    return;
  set_kind (self, self->kind);
  fill_alerts (self);
}

gboolean
yi_staff_health_page_pick_elder (YiStaffHealthPage *self,
                                 const char        *elder_id)
{
  yi_staff_elder_picker_set_elder (self->elder_picker, elder_id);
  return TRUE;
}

static void
yi_staff_health_page_set_session (YiStaffPage    *page,
                                  YiStaffSession *session)
{
  YiStaffHealthPage *self = YI_STAFF_HEALTH_PAGE (page);

  g_set_object (&self->session, session);
  yi_staff_elder_picker_set_session (self->elder_picker, session);
}

static void
yi_staff_health_page_dispose (GObject *object)
{
  YiStaffHealthPage *self = YI_STAFF_HEALTH_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_HEALTH_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yi_staff_health_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffHealthPage, name)

static void
yi_staff_health_page_class_init (YiStaffHealthPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_health_page_dispose;
  g_type_ensure (YI_TYPE_STAFF_ELDER_PICKER);
  g_type_ensure (YI_TYPE_STAFF_KEYPAD);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-health-page.ui");
  BIND (elder_picker); BIND (kind_bp); BIND (kind_glucose); BIND (kind_weight); BIND (kind_temperature);
  BIND (value1); BIND (slash); BIND (value2); BIND (unit); BIND (pad); BIND (result); BIND (chart);
  BIND (alerts_title); BIND (alerts);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_elder_picked);
  gtk_widget_class_bind_template_callback (widget_class, on_pad_submitted);
  gtk_widget_class_install_action (widget_class, "health.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "health.ack", "s", ack_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yi-staff-health-page");
}

static void
yi_staff_health_page_init (YiStaffHealthPage *self)
{
  GtkEntry *entries[] = { NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  entries[0] = self->value1;
  entries[1] = self->value2;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }
  yi_staff_keypad_set_masked (self->pad, FALSE);
  yi_staff_keypad_set_max_length (self->pad, 6);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  set_kind (self, YI_VITAL_BLOOD_PRESSURE);
}

static void
yi_staff_health_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_health_page_set_session;
  iface->refresh = yi_staff_health_page_refresh;
}
