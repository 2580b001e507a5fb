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
  yi_report_table_add_column (t, "male", C_("report", "Men"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "female", C_("report", "Women"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", C_("report", "Total"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "share", C_("report", "Share"), YI_REPORT_VALUE_PERCENT,
                               "total", "total", TRUE);
}

static void
layout_elders (YiReport *self)
{
  YiReportTable *t;
  const char *const *codes = yi_category_codes ();

  t = yi_report_add_table (self, "elders_age", "elders", C_("report", "Elders by age and gender"), C_("report", "Age"), FALSE);
  yi_report_table_set_note (t, C_("report", "Age in full years on the last day of the period; elders on the register at any time in the period."));
  add_gender_columns (t);
  yi_report_table_ensure_row (t, "under_60", C_("report", "Under 60"), FALSE);
  yi_report_table_ensure_row (t, "60_69", C_("report", "60–69"), FALSE);
  yi_report_table_ensure_row (t, "70_79", C_("report", "70–79"), FALSE);
  yi_report_table_ensure_row (t, "80_89", C_("report", "80–89"), FALSE);
  yi_report_table_ensure_row (t, "90_plus", C_("report", "90 and over"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "elders_summary", "elders", C_("report", "Advanced age"), C_("report", "Elders"), FALSE);
  add_gender_columns (t);
  yi_report_table_ensure_row (t, "age_80_plus", C_("report", "Aged 80 and over"), FALSE);
  yi_report_table_ensure_row (t, "all", C_("report", "All registered elders"), TRUE);

  t = yi_report_add_table (self, "elders_category", "elders", C_("report", "Elders by category"), C_("report", "Category"), FALSE);
  yi_report_table_set_note (t, C_("report", "An elder with several categories is counted under each; a category counts when it is valid on any day of the period."));
  add_gender_columns (t);
  for (guint i = 0; codes[i]; i++)
    yi_report_table_ensure_row (t, codes[i], yi_category_label (codes[i]), FALSE);
  yi_report_table_ensure_row (t, "all", C_("report", "All registered elders"), TRUE);
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

  t = yi_report_add_table (self, "attendance_summary", "attendance", C_("report", "Day care"), C_("report", "Period"), FALSE);
  yi_report_table_set_note (t, C_("report", "A stay runs from check-in to check-out; a check-in with no check-out counts until the centre closes."));
  yi_report_table_add_column (t, "elders", C_("report", "Elders served"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "visits", C_("report", "Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "days", C_("report", "Day-care days"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", C_("report", "Day-care hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_add_column (t, "open_days", C_("report", "Days with attendance"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "per_day", C_("report", "Visits per day"), YI_REPORT_VALUE_RATIO,
                               "visits", "open_days", FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "attendance_daily", "attendance", C_("report", "Day care per day"), C_("report", "Date"), TRUE);
  yi_report_table_add_column (t, "visits", C_("report", "Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "elders", C_("report", "Elders served"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", C_("report", "Day-care hours"), YI_REPORT_VALUE_MINUTES);
  add_dates (self, t);
}

static void
add_mode_columns (YiReportTable *t)
{
  yi_report_table_add_column (t, "dine_in", C_("report", "At the centre"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "delivery", C_("report", "Delivered"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "total", C_("report", "Total"), YI_REPORT_VALUE_COUNT);
}

static void
layout_meals (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "meals_by_meal", "meals", C_("report", "Meals served"), C_("report", "Meal"), FALSE);
  yi_report_table_set_note (t, C_("report", "Free: nothing was charged to the elder (by the ledger when it has the meal, otherwise by its price)."));
  add_mode_columns (t);
  yi_report_table_add_column (t, "free", C_("report", "Free"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "paid", C_("report", "Paid"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "breakfast", C_("report", "Breakfast"), FALSE);
  yi_report_table_ensure_row (t, "lunch", C_("report", "Lunch"), FALSE);
  yi_report_table_ensure_row (t, "dinner", C_("report", "Dinner"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "meals_by_diet", "meals", C_("report", "Meals served by diet"), C_("report", "Diet"), FALSE);
  add_mode_columns (t);
  yi_report_table_ensure_row (t, "normal", C_("report", "Normal"), FALSE);
  yi_report_table_ensure_row (t, "soft", C_("report", "Soft"), FALSE);
  yi_report_table_ensure_row (t, "low_salt", C_("report", "Low salt"), FALSE);
  yi_report_table_ensure_row (t, "diabetic", C_("report", "Diabetic"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "meals_daily", "meals", C_("report", "Meals per day"), C_("report", "Date"), TRUE);
  add_mode_columns (t);
  add_dates (self, t);
}

const char *
yi_report_tier_label (const char *tier)
{
  if (g_strcmp0 (tier, "free") == 0)
    return C_("report", "Free of charge");
  if (g_strcmp0 (tier, "low_cost") == 0)
    return C_("report", "Low cost");
  if (g_strcmp0 (tier, "paid") == 0)
    return C_("report", "Paid service");
  if (g_strcmp0 (tier, "government") == 0)
    return C_("report", "Government-purchased");
  if (g_strcmp0 (tier, "unrecorded") == 0)
    return C_("report", "Not in the ledger");
  return tier;
}

static void
layout_services (YiReport *self)
{
  static const char *tiers[] = { "free", "low_cost", "paid", "government", "unrecorded" };
  YiReportTable *t;

  t = yi_report_add_table (self, "services_by_type", "services", C_("report", "Services by type"), C_("report", "Service"), FALSE);
  yi_report_table_set_note (t, C_("report", "Confirmed services only (card tap or staff attestation); cancelled records left out."));
  yi_report_table_add_column (t, "count", C_("report", "Number of services"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", C_("report", "Hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "services_by_tier", "services", C_("report", "Services by funding tier"), C_("report", "Funding tier"), FALSE);
  yi_report_table_add_column (t, "count", C_("report", "Number of services"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", C_("report", "Hours"), YI_REPORT_VALUE_MINUTES);
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    yi_report_table_ensure_row (t, tiers[i], yi_report_tier_label (tiers[i]), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "services_money", "services", C_("report", "Subsidy and co-payments"), C_("report", "Period"), FALSE);
  yi_report_table_set_note (t, C_("report", "From the ledger, net of reversals made in the period."));
  yi_report_table_add_column (t, "subsidy", C_("report", "Subsidy used (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_add_column (t, "copay", C_("report", "Co-payments (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_add_column (t, "total", C_("report", "Total (yuan)"), YI_REPORT_VALUE_FEN);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);
}

const char *
yi_report_activity_label (const char *kind)
{
  static const struct { const char *code; const char *label; } kinds[] = {
    { "lecture", NC_("report", "Health lectures") }, { "calligraphy", NC_("report", "Calligraphy and painting") },
    { "chess", NC_("report", "Chess and cards") }, { "taichi", NC_("report", "Tai chi") }, { "choir", NC_("report", "Choir") },
    { "dance", NC_("report", "Dance") }, { "trip", NC_("report", "Trips") }, { "festival", NC_("report", "Festivals") },
    { "birthday", NC_("report", "Birthday parties") }, { "other", NC_("report", "Other activities") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, kind) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "report", kinds[i].label);
  return kind;
}

static void
layout_activities (YiReport *self)
{
  static const char *kinds[] = {
    "lecture", "calligraphy", "chess", "taichi", "choir", "dance", "trip", "festival", "birthday", "other"
  };
  YiReportTable *t;

  t = yi_report_add_table (self, "activities_by_kind", "activities", C_("report", "Activities"), C_("report", "Activity"), FALSE);
  yi_report_table_set_note (t, C_("report", "A session counts as held when at least one elder attended it."));
  yi_report_table_add_column (t, "sessions", C_("report", "Sessions held"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "participants", C_("report", "Participant-visits"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "per_session", C_("report", "Per session"), YI_REPORT_VALUE_RATIO,
                               "participants", "sessions", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    yi_report_table_ensure_row (t, kinds[i], yi_report_activity_label (kinds[i]), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "volunteers", "activities", C_("report", "Volunteers"), C_("report", "Period"), FALSE);
  /* xgettext:no-c-format */
  yi_report_table_set_note (t, C_("report", "Target: registered volunteers at least 10% of registered elders."));
  yi_report_table_add_column (t, "registered", C_("report", "Registered volunteers"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "served", C_("report", "Volunteers who served"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "hours", C_("report", "Volunteer hours"), YI_REPORT_VALUE_MINUTES);
  yi_report_table_add_column (t, "elders", C_("report", "Registered elders"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "ratio", C_("report", "Volunteers to elders"), YI_REPORT_VALUE_PERCENT,
                               "registered", "elders", FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);
}

static void
layout_health (YiReport *self)
{
  YiReportTable *t;

  t = yi_report_add_table (self, "vitals_by_kind", "health", C_("report", "Health checks"), C_("report", "Reading"), FALSE);
  yi_report_table_add_column (t, "taken", C_("report", "Readings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "alerts", C_("report", "Alerts"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "alert_rate", C_("report", "Alert rate"), YI_REPORT_VALUE_PERCENT,
                               "alerts", "taken", FALSE);
  yi_report_table_add_column (t, "elders", C_("report", "Elders checked"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "bp", C_("report", "Blood pressure"), FALSE);
  yi_report_table_ensure_row (t, "glucose", C_("report", "Blood glucose"), FALSE);
  yi_report_table_ensure_row (t, "weight", C_("report", "Weight"), FALSE);
  yi_report_table_ensure_row (t, "temperature", C_("report", "Temperature"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);
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
          g_autofree char *label = g_strdup_printf (C_("report", "Week of %s"), monday + 5);
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

  t = yi_report_add_table (self, "welfare_calls", "care", C_("report", "Welfare calls"), C_("report", "Outcome"), FALSE);
  yi_report_table_add_column (t, "calls", C_("report", "Calls"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "share", C_("report", "Share"), YI_REPORT_VALUE_PERCENT, "calls", "calls", TRUE);
  yi_report_table_add_column (t, "elders", C_("report", "Elders called"), YI_REPORT_VALUE_COUNT);
  yi_report_table_ensure_row (t, "fine", C_("report", "Fine"), FALSE);
  yi_report_table_ensure_row (t, "no_answer", C_("report", "No answer"), FALSE);
  yi_report_table_ensure_row (t, "unwell", C_("report", "Unwell"), FALSE);
  yi_report_table_ensure_row (t, "home_visit", C_("report", "Home visit"), FALSE);
  yi_report_table_ensure_row (t, "resolved", C_("report", "Resolved"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "satisfaction", "care", C_("report", "Satisfaction"), C_("report", "Source"), FALSE);
  yi_report_table_set_note (t, C_("report", "Satisfied: a rating of 4 or 5 out of 5. Target: at least 95%."));
  yi_report_table_add_column (t, "satisfied", C_("report", "Satisfied"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "ratings", C_("report", "Ratings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "rate", C_("report", "Satisfaction rate"), YI_REPORT_VALUE_PERCENT,
                               "satisfied", "ratings", FALSE);
  yi_report_table_ensure_row (t, "feedback", C_("report", "Feedback"), FALSE);
  yi_report_table_ensure_row (t, "confirmations", C_("report", "Service confirmations"), FALSE);
  yi_report_table_ensure_row (t, "total", C_("report", "Total"), TRUE);

  t = yi_report_add_table (self, "satisfaction_trend", "care", C_("report", "Satisfaction trend"), C_("report", "Period"), TRUE);
  yi_report_table_add_column (t, "satisfied", C_("report", "Satisfied"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_column (t, "ratings", C_("report", "Ratings"), YI_REPORT_VALUE_COUNT);
  yi_report_table_add_derived (t, "rate", C_("report", "Satisfaction rate"), YI_REPORT_VALUE_PERCENT,
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
