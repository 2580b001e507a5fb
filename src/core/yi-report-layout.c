#include "config.h"

#include "yi-report-private.h"
#include "yi-clock.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>

/* The fixed shape of the report: every table, column and known row, made
 * before any figure is read so that every centre's report lines up and a
 * district sum adds like with like. */

static void
add_gender_columns (YiReportTable *t)
{
  yi_report_table_add_column (t, "male", _("Men"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "female", _("Women"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", _("Total"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "share", _("Share"), YI_REPORT_VALUE_PERCENT,
                               "total", "total", TRUE);
}

static void
layout_elders (YiReport *self)
{
  YiReportTable *t;
  const char *const *codes = yi_category_codes ();

  t = yi_report_add_table (self, "elders_age", "elders", _("Elders by age and gender"), _("Age"), FALSE);
  yi_report_table_set_note (t, _("Age in full years on the last day of the period; elders on the register at any time in the period."));
  add_gender_columns (t);
  yi_report_table_ensure_row (t, "under_60", _("Under 60"), FALSE);
  yi_report_table_ensure_row (t, "60_69", _("60–69"), FALSE);
  yi_report_table_ensure_row (t, "70_79", _("70–79"), FALSE);
  yi_report_table_ensure_row (t, "80_89", _("80–89"), FALSE);
  yi_report_table_ensure_row (t, "90_plus", _("90 and over"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "elders_summary", "elders", _("Advanced age"), _("Elders"), FALSE);
  add_gender_columns (t);
  yi_report_table_ensure_row (t, "age_80_plus", _("Aged 80 and over"), FALSE);
  yi_report_table_ensure_row (t, "all", _("All registered elders"), TRUE);

  t = yi_report_add_table (self, "elders_category", "elders", _("Elders by category"), _("Category"), FALSE);
  yi_report_table_set_note (t, _("An elder with several categories is counted under each; a category counts when it is valid on any day of the period."));
  add_gender_columns (t);
  for (guint i = 0; codes[i]; i++)
    yi_report_table_ensure_row (t, codes[i], yi_category_label (codes[i]), FALSE);
  yi_report_table_ensure_row (t, "all", _("All registered elders"), TRUE);
}

static void
add_dates (YiReport      *self,
           YiReportTable *t)
{
  g_autofree char *day = g_strdup (yi_report_get_from (self));

  while (g_strcmp0 (day, yi_report_get_to (self)) <= 0)
    {
      char *next;

      yi_report_table_ensure_row (t, day, day, FALSE);
      next = yi_date_add_days (day, 1);
      g_free (day);
      day = next;
    }
}

static void
layout_attendance (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "attendance_summary", "attendance", _("Day care"), _("Period"), FALSE);
  yi_report_table_set_note (t, _("A stay runs from check-in to check-out; a check-in with no check-out counts until the centre closes."));
  yi_report_table_add_column (t, "elders", _("Elders"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "visits", _("Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "days", _("Day-care days"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", _("Day-care hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_add_column (t, "open_days", _("Days with attendance"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "per_day", _("Visits per day"), YI_REPORT_VALUE_RATIO,
                               "visits", "open_days", FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "attendance_daily", "attendance", _("Day care per day"), _("Date"), TRUE);
  yi_report_table_add_column (t, "visits", _("Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "elders", _("Elders"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", _("Day-care hours"), YI_REPORT_VALUE_MINUTES);
  add_dates (self, t);
}

static void
layout_meals (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "meals_by_meal", "meals", _("Meals served"), _("Meal"), FALSE);
  yi_report_table_set_note (t, _("Free: nothing was charged to the elder (by the ledger when it has the meal, otherwise by its price)."));
  yi_report_table_add_column (t, "dine_in", _("At the centre"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "delivery", _("Delivered"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", _("Total"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "free", _("Free"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "paid", _("Paid"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "breakfast", _("Breakfast"), FALSE);
  yi_report_table_ensure_row (t, "lunch", _("Lunch"), FALSE);
  yi_report_table_ensure_row (t, "dinner", _("Dinner"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "meals_by_diet", "meals", _("Meals served by diet"), _("Diet"), FALSE);
  yi_report_table_add_column (t, "dine_in", _("At the centre"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "delivery", _("Delivered"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", _("Total"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "normal", _("Normal"), FALSE);
  yi_report_table_ensure_row (t, "soft", _("Soft"), FALSE);
  yi_report_table_ensure_row (t, "low_salt", _("Low salt"), FALSE);
  yi_report_table_ensure_row (t, "diabetic", _("Diabetic"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "meals_daily", "meals", _("Meals per day"), _("Date"), TRUE);
  yi_report_table_add_column (t, "dine_in", _("At the centre"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "delivery", _("Delivered"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", _("Total"), YI_REPORT_VALUE_COUNT);
  add_dates (self, t);
}

const char *
yi_report_tier_label (const char *tier)
{
  if (g_strcmp0 (tier, "free") == 0)
    return _("Free of charge");
  if (g_strcmp0 (tier, "low_cost") == 0)
    return _("Low cost");
  if (g_strcmp0 (tier, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (tier, "government") == 0)
    return _("Government-purchased");
  if (g_strcmp0 (tier, "unrecorded") == 0)
    return _("Not in the ledger");
  return tier;
}

static void
layout_services (YiReport *self)
{
  static const char *tiers[] = { "free", "low_cost", "paid", "government", "unrecorded" };
  YiReportTable *t;

  t = yi_report_add_table (self, "services_by_type", "services", _("Services by type"), _("Service"), FALSE);
  yi_report_table_set_note (t, _("Confirmed services only (card tap or staff attestation); cancelled records left out."));
  yi_report_table_add_column (t, "count", _("Services"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", _("Hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "services_by_tier", "services", _("Services by funding tier"), _("Funding tier"), FALSE);
  yi_report_table_add_column (t, "count", _("Services"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", _("Hours"), YI_REPORT_VALUE_MINUTES);
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    yi_report_table_ensure_row (t, tiers[i], yi_report_tier_label (tiers[i]), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "services_money", "services", _("Subsidy and co-payments"), _("Period"), FALSE);
  yi_report_table_set_note (t, _("From the ledger, net of reversals made in the period."));
  yi_report_table_add_column (t, "subsidy", _("Subsidy used (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_add_column (t, "copay", _("Co-payments (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_add_column (t, "total", _("Total (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);
}

const char *
yi_report_activity_label (const char *kind)
{
  static const struct { const char *code; const char *label; } kinds[] = {
    { "lecture", N_("Health lectures") }, { "calligraphy", N_("Calligraphy and painting") },
    { "chess", N_("Chess and cards") }, { "taichi", N_("Tai chi") }, { "choir", N_("Choir") },
    { "dance", N_("Dance") }, { "trip", N_("Trips") }, { "festival", N_("Festivals") },
    { "birthday", N_("Birthday parties") }, { "other", N_("Other activities") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, kind) == 0)
      return _(kinds[i].label);
  return kind;
}

static void
layout_activities (YiReport *self)
{
  static const char *kinds[] = {
    "lecture", "calligraphy", "chess", "taichi", "choir", "dance", "trip", "festival", "birthday", "other"
  };
  YiReportTable *t;

  t = yi_report_add_table (self, "activities_by_kind", "activities", _("Activities"), _("Activity"), FALSE);
  yi_report_table_set_note (t, _("A session counts as held when at least one elder attended it."));
  yi_report_table_add_column (t, "sessions", _("Sessions held"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "participants", _("Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "per_session", _("Per session"), YI_REPORT_VALUE_RATIO,
                               "participants", "sessions", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    yi_report_table_ensure_row (t, kinds[i], yi_report_activity_label (kinds[i]), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "volunteers", "activities", _("Volunteers"), _("Period"), FALSE);
  yi_report_table_set_note (t, _("Target: registered volunteers at least 10% of registered elders."));
  yi_report_table_add_column (t, "registered", _("Registered volunteers"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "served", _("Volunteers who served"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", _("Volunteer hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_add_column (t, "elders", _("Registered elders"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "ratio", _("Volunteers to elders"), YI_REPORT_VALUE_PERCENT,
                               "registered", "elders", FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);
}

static void
layout_health (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "vitals_by_kind", "health", _("Health checks"), _("Reading"), FALSE);
  yi_report_table_add_column (t, "taken", _("Readings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "alerts", _("Alerts"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "alert_rate", _("Alert rate"), YI_REPORT_VALUE_PERCENT,
                               "alerts", "taken", FALSE);
  yi_report_table_add_column (t, "elders", _("Elders checked"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "bp", _("Blood pressure"), FALSE);
  yi_report_table_ensure_row (t, "glucose", _("Blood glucose"), FALSE);
  yi_report_table_ensure_row (t, "weight", _("Weight"), FALSE);
  yi_report_table_ensure_row (t, "temperature", _("Temperature"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);
}

static void
add_trend_rows (YiReport      *self,
                YiReportTable *t)
{
  const char *from = yi_report_get_from (self);
  const char *to = yi_report_get_to (self);

  if (yi_report_trend_is_weekly (from, to))
    {
      g_autofree char *monday = yi_date_add_days (from, 1 - yi_date_weekday (from));

      while (g_strcmp0 (monday, to) <= 0)
        {
          /* TRANSLATORS: a week in the satisfaction trend, by its Monday (MM-DD) */
          g_autofree char *label = g_strdup_printf (_("Week of %s"), monday + 5);
          char *next = yi_date_add_days (monday, 7);

          yi_report_table_ensure_row (t, monday, label, FALSE);
          g_free (monday);
          monday = next;
        }
    }
  else
    {
      int y, m, d, ty, tm, td;

      if (!yi_date_parse (from, &y, &m, &d) || !yi_date_parse (to, &ty, &tm, &td))
        return;
      while (y * 12 + m <= ty * 12 + tm)
        {
          g_autofree char *key = g_strdup_printf ("%04d-%02d", y, m);

          yi_report_table_ensure_row (t, key, key, FALSE);
          if (++m > 12)
            {
              m = 1;
              y++;
            }
        }
    }
}

static void
layout_care (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "welfare_calls", "care", _("Welfare calls"), _("Outcome"), FALSE);
  yi_report_table_add_column (t, "calls", _("Calls"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "share", _("Share"), YI_REPORT_VALUE_PERCENT, "calls", "calls", TRUE);
  yi_report_table_add_column (t, "elders", _("Elders called"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "fine", _("Fine"), FALSE);
  yi_report_table_ensure_row (t, "no_answer", _("No answer"), FALSE);
  yi_report_table_ensure_row (t, "unwell", _("Unwell"), FALSE);
  yi_report_table_ensure_row (t, "home_visit", _("Home visit"), FALSE);
  yi_report_table_ensure_row (t, "resolved", _("Resolved"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "satisfaction", "care", _("Satisfaction"), _("Source"), FALSE);
  yi_report_table_set_note (t, _("Satisfied: a rating of 4 or 5 out of 5. Target: at least 95%."));
  yi_report_table_add_column (t, "satisfied", _("Satisfied"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "ratings", _("Ratings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "rate", _("Satisfaction rate"), YI_REPORT_VALUE_PERCENT,
                               "satisfied", "ratings", FALSE);
  yi_report_table_ensure_row (t, "feedback", _("Feedback"), FALSE);
  yi_report_table_ensure_row (t, "confirmations", _("Service confirmations"), FALSE);
  yi_report_table_ensure_row (t, "total", _("Total"), TRUE);

  t = yi_report_add_table (self, "satisfaction_trend", "care", _("Satisfaction trend"), _("Period"), TRUE);
  yi_report_table_add_column (t, "satisfied", _("Satisfied"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "ratings", _("Ratings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "rate", _("Satisfaction rate"), YI_REPORT_VALUE_PERCENT,
                               "satisfied", "ratings", FALSE);
  add_trend_rows (self, t);
}

void
yi_report_build_layout (YiReport *self)
{
  layout_elders (self);
  layout_attendance (self);
  layout_meals (self);
  layout_services (self);
  layout_activities (self);
  layout_health (self);
  layout_care (self);
}
