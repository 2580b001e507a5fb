#include "config.h"

#include "yi-report-chart-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* The chart code lays out in PDF points (labels of 7.5–9 pt); on screen
 * every unit becomes up to this many pixels, so the smallest label is
 * about 16 px. */
#define CHART_SCALE_MAX 2.2
#define CHART_SCALE_MIN 1.3
/* Below this many units the chart code crowds its labels. */
#define CHART_MIN_UNITS_WIDE 420.0
#define CHART_MIN_UNITS_HIGH 150.0
/* Pixels: the natural (and least) height, and the margin inside the frame. */
#define CHART_HEIGHT 340
#define CHART_PADDING 14.0

struct _YiReportChartView
{
  GtkWidget      parent_instance;

  YiReportChart  chart;
  YiReport      *report;
  char          *description;
};

G_DEFINE_FINAL_TYPE (YiReportChartView, yi_report_chart_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (YiReportChart, yi_report_chart,
  G_DEFINE_ENUM_VALUE (YI_REPORT_CHART_ATTENDANCE, "attendance"),
  G_DEFINE_ENUM_VALUE (YI_REPORT_CHART_MEALS, "meals"),
  G_DEFINE_ENUM_VALUE (YI_REPORT_CHART_AGE_PYRAMID, "age-pyramid"),
  G_DEFINE_ENUM_VALUE (YI_REPORT_CHART_SERVICES, "services"),
  G_DEFINE_ENUM_VALUE (YI_REPORT_CHART_SATISFACTION, "satisfaction"))

enum {
  PROP_0,
  PROP_CHART,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
count_text (YiReport   *report,
            const char *table,
            const char *row,
            const char *column)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, yi_report_get_value (report, table, row, column));
}

static char *
describe_attendance (YiReport *report)
{
  YiReportTable *daily = yi_report_get_table (report, "attendance_daily");
  gint64 open_days = yi_report_get_value (report, "attendance_summary", "total", "open_days");
  g_autofree char *visits = count_text (report, "attendance_summary", "total", "visits");
  g_autofree char *busiest_visits = NULL;
  const char *busiest = NULL;
  gint64 most = 0;

  for (guint r = 0; daily && r < yi_report_table_get_n_rows (daily); r++)
    if (yi_report_table_get_raw (daily, r, 0) > most)
      {
        most = yi_report_table_get_raw (daily, r, 0);
        busiest = yi_report_table_get_row_label (daily, r);
      }
  if (busiest == NULL)
    return NULL;
  busiest_visits = g_strdup_printf ("%" G_GINT64_FORMAT, most);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s participant-visits on %u day; the busiest day was %s with %s.",
                                       "%s participant-visits on %u days; the busiest day was %s with %s.",
                                       (gulong) open_days),
                          visits, (guint) open_days, busiest, busiest_visits);
}

static char *
describe_meals (YiReport *report)
{
  g_autofree char *dine_in = count_text (report, "meals_by_meal", "total", "dine_in");
  g_autofree char *delivered = count_text (report, "meals_by_meal", "total", "delivery");

  if (yi_report_get_value (report, "meals_by_meal", "total", "total") == 0)
    return NULL;
  return g_strdup_printf (_("%s meals eaten at the centre and %s delivered."), dine_in, delivered);
}

static char *
describe_age (YiReport *report)
{
  g_autofree char *men = count_text (report, "elders_age", "total", "male");
  g_autofree char *women = count_text (report, "elders_age", "total", "female");
  g_autofree char *old = count_text (report, "elders_summary", "age_80_plus", "total");

  if (yi_report_get_value (report, "elders_age", "total", "total") == 0)
    return NULL;
  return g_strdup_printf (_("%s men and %s women; %s aged 80 and over."), men, women, old);
}

static char *
describe_services (YiReport *report)
{
  YiReportTable *t = yi_report_get_table (report, "services_by_type");
  g_autofree char *count = count_text (report, "services_by_type", "total", "count");
  g_autofree char *most_count = NULL;
  g_autofree char *hours = NULL;
  const char *most = NULL;
  gint64 best = 0;

  for (guint r = 0; t && r < yi_report_table_get_n_rows (t); r++)
    if (!yi_report_table_row_is_total (t, r) && yi_report_table_get_raw (t, r, 0) > best)
      {
        best = yi_report_table_get_raw (t, r, 0);
        most = yi_report_table_get_row_label (t, r);
      }
  if (most == NULL)
    return NULL;
  hours = g_strdup_printf ("%.1f", yi_report_get_number (report, "services_by_type", "total", "hours"));
  most_count = g_strdup_printf ("%" G_GINT64_FORMAT, best);
  return g_strdup_printf (_("%s services taking %s hours; the most asked for was %s (%s)."),
                          count, hours, most, most_count);
}

static char *
describe_satisfaction (YiReport *report)
{
  double rate = yi_report_get_number (report, "satisfaction", "total", "rate");

  if (isnan (rate) || yi_report_get_value (report, "satisfaction", "total", "ratings") == 0)
    return NULL;
  if (rate < 95.0)
    return g_strdup_printf (_("%.1f%% satisfied, below the target of 95%%."), rate);
  return g_strdup_printf (_("%.1f%% satisfied, meeting the target of 95%%."), rate);
}

static char *
describe (YiReportChart  chart,
          YiReport      *report)
{
  g_autofree char *figures = NULL;

  switch (chart)
    {
    case YI_REPORT_CHART_ATTENDANCE:
      figures = describe_attendance (report);
      break;
    case YI_REPORT_CHART_MEALS:
      figures = describe_meals (report);
      break;
    case YI_REPORT_CHART_AGE_PYRAMID:
      figures = describe_age (report);
      break;
    case YI_REPORT_CHART_SERVICES:
      figures = describe_services (report);
      break;
    case YI_REPORT_CHART_SATISFACTION:
    default:
      figures = describe_satisfaction (report);
      break;
    }
  /* TRANSLATORS: a chart read aloud: its title, then its main figures */
  return g_strdup_printf (_("%s: %s"), yi_report_chart_title (chart),
                          figures ? figures : _("no records in this period."));
}

static void
update_description (YiReportChartView *self)
{
  g_clear_pointer (&self->description, g_free);
  if (self->report != NULL)
    self->description = describe (self->chart, self->report);
  else
    self->description = g_strdup (yi_report_chart_title (self->chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->description,
                                  -1);
}

static void
yi_report_chart_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  YiReportChartView *self = YI_REPORT_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double w = width - 2 * CHART_PADDING;
  double h = height - 2 * CHART_PADDING;
  double scale;
  cairo_t *cr;

  if (self->report == NULL || w < 1 || h < 1)
    return;
  scale = MIN (CHART_SCALE_MAX, MIN (w / CHART_MIN_UNITS_WIDE, h / CHART_MIN_UNITS_HIGH));
  scale = MAX (scale, CHART_SCALE_MIN);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, CHART_PADDING, CHART_PADDING);
  cairo_scale (cr, scale, scale);
  yi_report_draw_chart (self->report, self->chart, cr, 0, 0, w / scale, h / scale);
  cairo_destroy (cr);
}

static void
yi_report_chart_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (CHART_MIN_UNITS_WIDE * CHART_SCALE_MIN + 2 * CHART_PADDING);
      *natural = (int) (CHART_MIN_UNITS_WIDE * CHART_SCALE_MAX + 2 * CHART_PADDING);
    }
  else
    {
      /* Scrolled windows give their content its least height: ask for the
       * full height there, or the words of the chart shrink. */
      *minimum = *natural = CHART_HEIGHT;
    }
}

void
yi_report_chart_view_set_report (YiReportChartView *self,
                                 YiReport          *report)
{
  g_return_if_fail (YI_IS_REPORT_CHART_VIEW (self));
  g_return_if_fail (report == NULL || YI_IS_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

YiReport *
yi_report_chart_view_get_report (YiReportChartView *self)
{
  g_return_val_if_fail (YI_IS_REPORT_CHART_VIEW (self), NULL);
  return self->report;
}

YiReportChart
yi_report_chart_view_get_chart (YiReportChartView *self)
{
  g_return_val_if_fail (YI_IS_REPORT_CHART_VIEW (self), YI_REPORT_CHART_ATTENDANCE);
  return self->chart;
}

const char *
yi_report_chart_view_get_description (YiReportChartView *self)
{
  g_return_val_if_fail (YI_IS_REPORT_CHART_VIEW (self), NULL);
  return self->description;
}

static void
yi_report_chart_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  YiReportChartView *self = YI_REPORT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_enum (value, self->chart);
      break;
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_report_chart_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  YiReportChartView *self = YI_REPORT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      self->chart = g_value_get_enum (value);
      update_description (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_REPORT:
      yi_report_chart_view_set_report (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yi_report_chart_view_finalize (GObject *object)
{
  YiReportChartView *self = YI_REPORT_CHART_VIEW (object);

  g_clear_object (&self->report);
  g_free (self->description);
  G_OBJECT_CLASS (yi_report_chart_view_parent_class)->finalize (object);
}

static void
yi_report_chart_view_class_init (YiReportChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = yi_report_chart_view_get_property;
  object_class->set_property = yi_report_chart_view_set_property;
  object_class->finalize = yi_report_chart_view_finalize;
  widget_class->snapshot = yi_report_chart_view_snapshot;
  widget_class->measure = yi_report_chart_view_measure;

  properties[PROP_CHART] =
    g_param_spec_enum ("chart", NULL, NULL, YI_TYPE_REPORT_CHART, YI_REPORT_CHART_ATTENDANCE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, YI_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "yi-report-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
yi_report_chart_view_init (YiReportChartView *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
yi_report_chart_view_new (YiReportChart chart)
{
  return g_object_new (YI_TYPE_REPORT_CHART_VIEW, "chart", chart, NULL);
}
