#include "config.h"

#include "yi-care.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-settings.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (yi-care-error-quark, yi_care_error)

typedef struct {
  const char *code;
  const char *label;
  const char *unit;
  /* Outside these, the reading is a typing or device error, not a person. */
  double      possible_low1, possible_high1, possible_low2, possible_high2;
  /* The settings that hold its normal range (the second: diastolic). */
  const char *normal_key1, *normal_key2;
} VitalInfo;

static const VitalInfo vitals[] = {
  [YI_VITAL_BLOOD_PRESSURE] = { "bp", N_("Blood pressure"), "mmHg", 50, 280, 20, 180,
                                YI_SETTING_NORMAL_SYSTOLIC, YI_SETTING_NORMAL_DIASTOLIC },
  [YI_VITAL_GLUCOSE]        = { "glucose", N_("Blood glucose"), "mmol/L", 1.0, 35.0, 0, 0, YI_SETTING_NORMAL_GLUCOSE, NULL },
  [YI_VITAL_WEIGHT]         = { "weight", N_("Weight"), "kg", 20, 200, 0, 0, YI_SETTING_NORMAL_WEIGHT, NULL },
  [YI_VITAL_TEMPERATURE]    = { "temperature", N_("Temperature"), "°C", 34.0, 43.0, 0, 0, YI_SETTING_NORMAL_TEMPERATURE, NULL },
};

const char *
yi_vital_kind_code (YiVitalKind kind)
{
  return vitals[kind].code;
}

gboolean
yi_vital_kind_parse (const char  *code,
                     YiVitalKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (vitals); i++)
    if (g_strcmp0 (vitals[i].code, code) == 0)
      {
        *kind = (YiVitalKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yi_vital_kind_label (YiVitalKind kind)
{
  return _(vitals[kind].label);
}

const char *
yi_vital_kind_unit (YiVitalKind kind)
{
  return vitals[kind].unit;
}

static gboolean
parse_pair (const char *text,
            double     *low,
            double     *high)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  char *end1 = NULL, *end2 = NULL;

  if (g_strv_length (parts) != 2)
    return FALSE;
  *low = g_ascii_strtod (parts[0], &end1);
  *high = g_ascii_strtod (parts[1], &end2);
  return end1 != parts[0] && *end1 == '\0' && end2 != parts[1] && *end2 == '\0' &&
         isfinite (*low) && isfinite (*high) && *low < *high;
}

static gboolean
parse_range (YiVitalKind  kind,
             const char  *text,
             double      *l1,
             double      *h1,
             double      *l2,
             double      *h2)
{
  g_auto(GStrv) halves = NULL;

  if (text == NULL)
    return FALSE;
  halves = g_strsplit (text, "/", 2);
  if (kind == YI_VITAL_BLOOD_PRESSURE)
    return g_strv_length (halves) == 2 &&
           parse_pair (halves[0], l1, h1) && parse_pair (halves[1], l2, h2);
  *l2 = *h2 = 0;
  return g_strv_length (halves) == 1 && parse_pair (halves[0], l1, h1);
}

/* A range set with `gsettings` bypasses yi_vital_check_normal_range; one
 * that makes no sense is ignored for the schema's default. */
static void
read_normal_range (const char *key,
                   double     *low,
                   double     *high)
{
  yi_settings_get_pair (key, low, high);
  if (!isfinite (*low) || !isfinite (*high) || *low >= *high)
    {
      g_autoptr(GVariant) fallback = g_variant_parse (G_VARIANT_TYPE ("(dd)"), yi_settings_get_fallback (key),
                                                      NULL, NULL, NULL);

      g_warning ("The setting %s has its low end above its high end; using the default", key);
      g_variant_get (fallback, "(dd)", low, high);
    }
}

void
yi_vital_normal_range (YiVitalKind  kind,
                       double      *low1,
                       double      *high1,
                       double      *low2,
                       double      *high2)
{
  read_normal_range (vitals[kind].normal_key1, low1, high1);
  *low2 = *high2 = 0;
  if (vitals[kind].normal_key2 != NULL)
    read_normal_range (vitals[kind].normal_key2, low2, high2);
}

/* The vital sign whose normal range @key holds, and whether it is the
 * second value (the diastolic pressure). */
static const VitalInfo *
vital_of_setting (const char *key,
                  gboolean   *second)
{
  for (guint i = 0; i < G_N_ELEMENTS (vitals); i++)
    if (g_strcmp0 (vitals[i].normal_key1, key) == 0 || g_strcmp0 (vitals[i].normal_key2, key) == 0)
      {
        *second = g_strcmp0 (vitals[i].normal_key2, key) == 0;
        return &vitals[i];
      }
  return NULL;
}

gboolean
yi_vital_setting_limits (const char *key,
                         double     *min,
                         double     *max)
{
  gboolean second = FALSE;
  const VitalInfo *info = vital_of_setting (key, &second);

  if (info == NULL)
    return FALSE;
  *min = second ? info->possible_low2 : info->possible_low1;
  *max = second ? info->possible_high2 : info->possible_high1;
  return TRUE;
}

gboolean
yi_vital_check_normal_range (const char  *key,
                             double       low,
                             double       high,
                             GError     **error)
{
  gboolean second = FALSE;
  const VitalInfo *info = vital_of_setting (key, &second);
  double min, max;

  if (info == NULL || !yi_vital_setting_limits (key, &min, &max))
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID, "%s is not the normal range of a reading", key);
      return FALSE;
    }
  if (!isfinite (low) || !isfinite (high) || low >= high)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID,
                   _("A normal range starts with its low end: for example 36.0-37.3, not 37.3-36.0"));
      return FALSE;
    }
  if (low < min || high > max)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID,
                   _("The normal range of %s must lie between %g and %g %s"),
                   second ? _("the diastolic pressure") : _(info->label), min, max, info->unit);
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_store_set_vital_range (YiStore     *store,
                          YiVitalKind  kind,
                          const char  *range,
                          GError     **error)
{
  const VitalInfo *info = &vitals[kind];
  GSettings *settings;
  double l1, h1, l2, h2;

  if (!parse_range (kind, range, &l1, &h1, &l2, &h2))
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID,
                   kind == YI_VITAL_BLOOD_PRESSURE
                   ? _("Write the range as low-high/low-high, for example 90-139/60-89")
                   : _("Write the range as low-high, for example 36.0-37.3"));
      return FALSE;
    }
  if (!yi_vital_check_normal_range (info->normal_key1, l1, h1, error) ||
      (info->normal_key2 != NULL && !yi_vital_check_normal_range (info->normal_key2, l2, h2, error)))
    return FALSE;
  if ((settings = yi_settings_require (error)) == NULL)
    return FALSE;
  g_settings_set (settings, info->normal_key1, "(dd)", l1, h1);
  if (info->normal_key2 != NULL)
    g_settings_set (settings, info->normal_key2, "(dd)", l2, h2);
  g_settings_sync ();
  return yi_store_audit (store, "set_vital_range", "settings", info->normal_key1, range, error);
}

static gboolean
check_possible (YiVitalKind  kind,
                double       v1,
                double       v2,
                GError     **error)
{
  const VitalInfo *info = &vitals[kind];

  if (!isfinite (v1) || v1 < info->possible_low1 || v1 > info->possible_high1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_IMPOSSIBLE,
                   _("%s of %g %s is not possible (it must lie between %g and %g); please measure again"),
                   _(info->label), v1, info->unit, info->possible_low1, info->possible_high1);
      return FALSE;
    }
  if (kind == YI_VITAL_BLOOD_PRESSURE)
    {
      if (!isfinite (v2) || v2 < info->possible_low2 || v2 > info->possible_high2)
        {
          g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_IMPOSSIBLE,
                       _("A diastolic pressure of %g mmHg is not possible (it must lie between %g and %g); please measure again"),
                       v2, info->possible_low2, info->possible_high2);
          return FALSE;
        }
      if (v2 >= v1)
        {
          g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_IMPOSSIBLE,
                       _("The diastolic (lower) pressure must be below the systolic (upper) one; were they swapped?"));
          return FALSE;
        }
    }
  return TRUE;
}

char *
yi_store_record_vital (YiStore     *store,
                       const char  *elder_id,
                       YiVitalKind  kind,
                       double       value1,
                       double       value2,
                       gboolean    *out_of_range,
                       GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());
  double l1, h1, l2, h2;
  gboolean outside;

  if ((guint) kind >= G_N_ELEMENTS (vitals))
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID, "Unknown kind of reading");
      return NULL;
    }
  if (elder_id == NULL || yi_store_count (store, "SELECT count(*) FROM elders WHERE id = ?", elder_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  if (!check_possible (kind, value1, value2, error))
    return NULL;

  yi_vital_normal_range (kind, &l1, &h1, &l2, &h2);
  outside = value1 < l1 || value1 > h1;
  if (kind == YI_VITAL_BLOOD_PRESSURE)
    outside = outside || value2 < l2 || value2 > h2;
  if (out_of_range)
    *out_of_range = outside;

  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "kind", vitals[kind].code);
  json_object_set_double_member (f, "value1", value1);
  if (kind == YI_VITAL_BLOOD_PRESSURE)
    json_object_set_double_member (f, "value2", value2);
  json_object_set_int_member (f, "out_of_range", outside ? 1 : 0);
  json_object_set_string_member (f, "taken_at", now);
  return yi_store_append_event (store, "vital_signs", f, error);
}

void
yi_vital_reading_free (YiVitalReading *r)
{
  if (r == NULL)
    return;
  g_free (r->id);
  g_free (r->elder_id);
  g_free (r->elder_name);
  g_free (r->kind);
  g_free (r->taken_at);
  g_free (r);
}

static YiVitalReading *
reading_from_row (sqlite3_stmt *stmt)
{
  YiVitalReading *r = g_new0 (YiVitalReading, 1);

  r->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  r->elder_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  r->elder_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  r->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  r->value1 = sqlite3_column_double (stmt, 4);
  r->has_value2 = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  r->value2 = sqlite3_column_double (stmt, 5);
  r->taken_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return r;
}

#define READING_COLUMNS "v.id, v.elder_id, e.name, v.kind, v.value1, v.value2, v.taken_at "
#define NOT_VOIDED(alias, table) alias ".id NOT IN (SELECT target_id FROM event_voids WHERE target_table = '" table "')"

GPtrArray *
yi_store_vital_alerts (YiStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_vital_reading_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT " READING_COLUMNS "FROM vital_signs v JOIN elders e ON e.id = v.elder_id "
      "WHERE v.out_of_range = 1 AND " NOT_VOIDED ("v", "vital_signs")
      " AND NOT EXISTS (SELECT 1 FROM vital_alert_acks a WHERE a.vital_id = v.id) "
      "ORDER BY v.taken_at DESC", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, reading_from_row (stmt));
  return g_steal_pointer (&out);
}

char *
yi_store_ack_vital_alert (YiStore     *store,
                          const char  *vital_id,
                          const char  *note,
                          GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();

  if (yi_store_get_actor (store) == NULL)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NEEDS_STAFF,
                   _("A staff member must be signed in to acknowledge an alert"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM vital_signs WHERE id = ? AND out_of_range = 1", vital_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("There is no such alert"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM vital_alert_acks WHERE vital_id = ?", vital_id, NULL) > 0)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_ALREADY_DONE,
                   _("Someone has already acknowledged this alert"));
      return NULL;
    }
  json_object_set_string_member (f, "vital_id", vital_id);
  if (note && *note)
    json_object_set_string_member (f, "note", note);
  return yi_store_append_event (store, "vital_alert_acks", f, error);
}

GPtrArray *
yi_store_vital_series (YiStore     *store,
                       const char  *elder_id,
                       YiVitalKind  kind,
                       const char  *from_date,
                       const char  *to_date,
                       GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_vital_reading_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT " READING_COLUMNS "FROM vital_signs v JOIN elders e ON e.id = v.elder_id "
      "WHERE v.elder_id = ? AND v.kind = ? AND v.local_date BETWEEN ? AND ? AND " NOT_VOIDED ("v", "vital_signs")
      " ORDER BY v.taken_at", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, vitals[kind].code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, from_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, to_date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, reading_from_row (stmt));
  return g_steal_pointer (&out);
}

char *
yi_store_register_volunteer (YiStore     *store,
                             const char  *name,
                             const char  *phone,
                             const char  *team,
                             const char  *skills,
                             GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *today = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID, _("The name is missing"));
      return NULL;
    }
  id = yi_uuid_v7_new ();
  today = yi_store_today (store);
  json_object_set_string_member (f, "name", trimmed);
  if (phone && *phone)
    json_object_set_string_member (f, "phone", phone);
  if (team && *team)
    json_object_set_string_member (f, "team", team);
  if (skills && *skills)
    json_object_set_string_member (f, "skills", skills);
  json_object_set_string_member (f, "registered_on", today);
  if (!yi_store_put_entity (store, "volunteers", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
yi_store_pair_volunteer (YiStore     *store,
                         const char  *volunteer_id,
                         const char  *elder_id,
                         GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *today = yi_store_today (store);

  if (yi_store_count (store, "SELECT count(*) FROM volunteers WHERE id = ? AND active = 1", volunteer_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such volunteer"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM elders WHERE id = ? AND status = 'active'", elder_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such elder, or the elder has moved away"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM volunteer_pairs WHERE volunteer_id = ? AND elder_id = ? "
                             "AND (until IS NULL OR until >= ?)", volunteer_id, elder_id, today, NULL) > 0)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_ALREADY_DONE, _("This volunteer is already paired with this elder"));
      return NULL;
    }
  id = yi_uuid_v7_new ();
  json_object_set_string_member (f, "volunteer_id", volunteer_id);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "since", today);
  if (!yi_store_put_entity (store, "volunteer_pairs", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
yi_store_end_pairing (YiStore     *store,
                      const char  *pair_id,
                      GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *today = yi_store_today (store);

  if (yi_store_count (store, "SELECT count(*) FROM volunteer_pairs WHERE id = ?", pair_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such pairing"));
      return FALSE;
    }
  json_object_set_string_member (f, "until", today);
  return yi_store_put_entity (store, "volunteer_pairs", pair_id, f, error);
}

char *
yi_store_log_volunteer_hours (YiStore     *store,
                              const char  *volunteer_id,
                              const char  *elder_id,
                              const char  *served_on,
                              int          minutes,
                              const char  *activity,
                              GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *today = yi_store_today (store);

  if (yi_store_count (store, "SELECT count(*) FROM volunteers WHERE id = ?", volunteer_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such volunteer"));
      return NULL;
    }
  if (minutes <= 0 || minutes > 16 * 60)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID,
                   _("Hours served in one day must be more than 0 and at most 16"));
      return NULL;
    }
  if (!yi_date_is_valid (served_on) || strcmp (served_on, today) > 0)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID,
                   _("Give the day served as YYYY-MM-DD, not in the future"));
      return NULL;
    }
  if (elder_id && yi_store_count (store, "SELECT count(*) FROM elders WHERE id = ?", elder_id, NULL) != 1)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  json_object_set_string_member (f, "volunteer_id", volunteer_id);
  if (elder_id)
    json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "served_on", served_on);
  json_object_set_int_member (f, "minutes", minutes);
  if (activity && *activity)
    json_object_set_string_member (f, "activity", activity);
  return yi_store_append_event (store, "volunteer_hours", f, error);
}

gint64
yi_store_volunteer_minutes (YiStore    *store,
                            const char *volunteer_id,
                            const char *from_date,
                            const char *to_date)
{
  return yi_store_count (store,
      "SELECT coalesce(sum(minutes), 0) FROM volunteer_hours h WHERE volunteer_id = ? "
      "AND served_on BETWEEN ? AND ? AND " NOT_VOIDED ("h", "volunteer_hours"),
      volunteer_id, from_date, to_date, NULL);
}

char *
yi_store_submit_feedback (YiStore     *store,
                          const char  *elder_id,
                          int          rating,
                          const char  *comment,
                          GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (comment ? comment : ""));

  if (rating < 1 || rating > 5)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID, _("Choose one of the five faces"));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > 500)
    {
      g_set_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID, _("The comment is too long (at most 500 characters)"));
      return NULL;
    }
  if (elder_id)
    json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_int_member (f, "rating", rating);
  if (*trimmed)
    json_object_set_string_member (f, "comment", trimmed);
  return yi_store_append_event (store, "feedback", f, error);
}
