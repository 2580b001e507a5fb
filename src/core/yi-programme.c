#include "config.h"

#include "yi-programme.h"
#include "yi-clock.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-programme-error-quark, yi_programme_error)

#define EARLY_MINUTES 30

#define LIVE(alias) "NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = " alias ".id)"

/* An activity meets on ?1 (a date) when it is the one-off of that day, or a
 * weekly one on that weekday (?2) inside its validity. */
#define MEETS_ON \
  "a.active = 1 AND (a.on_date = ?1 OR (a.on_date IS NULL AND a.weekday = ?2 " \
  "AND (a.valid_from IS NULL OR a.valid_from <= ?1) AND (a.valid_to IS NULL OR a.valid_to >= ?1)))"

#define SESSION_COLUMNS \
  "a.id, a.title_zh, a.kind, a.room, a.leader, a.starts_at, a.duration_min, a.capacity, a.on_date IS NOT NULL, " \
  "(SELECT count(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.session_date = ?1 AND " LIVE ("s") "), " \
  "(SELECT count(DISTINCT t.elder_id) FROM activity_attendance t WHERE t.activity_id = a.id AND t.session_date = ?1 AND " LIVE ("t") "), " \
  "(SELECT count(DISTINCT t.elder_id) FROM activity_attendance t WHERE t.activity_id = a.id AND t.session_date = ?1 AND " LIVE ("t") \
  " AND NOT EXISTS (SELECT 1 FROM activity_signups s WHERE s.activity_id = a.id AND s.session_date = ?1 " \
  "AND s.elder_id = t.elder_id AND " LIVE ("s") ")), a.title_en "

static const struct {
  const char *code;
  const char *label;
} kinds[] = {
  { "lecture",     NC_("activity", "Health talk") },
  { "calligraphy", NC_("activity", "Calligraphy") },
  { "chess",       NC_("activity", "Chess and cards") },
  { "taichi",      NC_("activity", "Tai chi") },
  { "choir",       NC_("activity", "Choir") },
  { "dance",       NC_("activity", "Dance") },
  { "trip",        NC_("activity", "Outing") },
  { "festival",    NC_("activity", "Festival") },
  { "birthday",    NC_("activity", "Birthday party") },
  { "other",       NC_("activity", "Other") },
};

const char *const *
yi_activity_kind_codes (void)
{
  static const char *codes[G_N_ELEMENTS (kinds) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      codes[i] = kinds[i].code;
  return codes;
}

const char *
yi_activity_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].code, kind) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "activity", kinds[i].label);
  return kind;
}

const char *
yi_weekday_label (int weekday)
{
  static const char *const days[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };

  if (weekday < 1 || weekday > 7)
    return "";
  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", days[weekday - 1]);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

void
yi_activity_free (YiActivity *a)
{
  if (a == NULL)
    return;
  g_free (a->id);
  g_free (a->title);
  g_free (a->kind);
  g_free (a->room);
  g_free (a->leader);
  g_free (a->on_date);
  g_free (a->starts_at);
  g_free (a->valid_from);
  g_free (a->valid_to);
  g_free (a);
}

#define ACTIVITY_COLUMNS \
  "id, title_zh, kind, room, leader, capacity, coalesce(weekday, 0), on_date, starts_at, duration_min, " \
  "valid_from, valid_to, active "

static YiActivity *
activity_from_row (sqlite3_stmt *stmt)
{
  YiActivity *a = g_new0 (YiActivity, 1);

  a->id = column_dup (stmt, 0);
  a->title = column_dup (stmt, 1);
  a->kind = column_dup (stmt, 2);
  a->room = column_dup (stmt, 3);
  a->leader = column_dup (stmt, 4);
  a->capacity = sqlite3_column_int (stmt, 5);
  a->weekday = sqlite3_column_int (stmt, 6);
  a->on_date = column_dup (stmt, 7);
  a->starts_at = column_dup (stmt, 8);
  a->duration_min = sqlite3_column_int (stmt, 9);
  a->valid_from = column_dup (stmt, 10);
  a->valid_to = column_dup (stmt, 11);
  a->active = sqlite3_column_int (stmt, 12) != 0;
  return a;
}

YiActivity *
yi_programme_get (YiStore     *store,
                  const char  *activity_id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, "SELECT " ACTIVITY_COLUMNS "FROM activities WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NOT_FOUND, _("There is no such activity"));
      return NULL;
    }
  return activity_from_row (stmt);
}

GPtrArray *
yi_programme_list (YiStore     *store,
                   const char  *from_date,
                   GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_activity_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT " ACTIVITY_COLUMNS "FROM activities WHERE active = 1 AND "
      "((on_date IS NULL AND (valid_to IS NULL OR valid_to >= ?1)) OR on_date >= ?1) "
      "ORDER BY on_date IS NOT NULL, on_date, weekday, starts_at, title_zh", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from_date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, activity_from_row (stmt));
  return g_steal_pointer (&out);
}

static gboolean
is_hhmm (const char *s)
{
  return s != NULL && strlen (s) == 5 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && s[2] == ':' &&
         g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]) &&
         (s[0] - '0') * 10 + (s[1] - '0') < 24 && (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_activity (const YiActivity *a,
                char            **starts_at,
                GError          **error)
{
  g_autofree char *title = g_strstrip (g_strdup (a->title ? a->title : ""));

  if (*title == '\0')
    return invalid (error, _("Give the activity a name"));
  *starts_at = a->starts_at && strlen (a->starts_at) == 4 && a->starts_at[1] == ':'
    ? g_strconcat ("0", a->starts_at, NULL) : g_strdup (a->starts_at);
  if (!is_hhmm (*starts_at))
    return invalid (error, _("Write the starting time as hours and minutes, for example 09:30"));
  if (a->capacity < 1 || a->capacity > 500)
    return invalid (error, _("The number of places must be between 1 and 500"));
  if (a->duration_min < 5 || a->duration_min > 12 * 60)
    return invalid (error, _("An activity lasts between 5 minutes and 12 hours"));
  if (a->on_date == NULL && (a->weekday < 1 || a->weekday > 7))
    return invalid (error, _("Choose the day of the week it meets, or the date of a one-off event"));
  if (a->on_date != NULL && !yi_date_is_valid (a->on_date))
    return invalid (error, _("Write the date as YYYY-MM-DD, for example 2026-10-29"));
  if ((a->valid_from && *a->valid_from && !yi_date_is_valid (a->valid_from)) ||
      (a->valid_to && *a->valid_to && !yi_date_is_valid (a->valid_to)))
    return invalid (error, _("Write the first and last dates as YYYY-MM-DD"));
  if (a->valid_from && a->valid_to && *a->valid_from && *a->valid_to && strcmp (a->valid_from, a->valid_to) > 0)
    return invalid (error, _("The last session cannot be before the first"));
  if (a->kind && !g_strv_contains (yi_activity_kind_codes (), a->kind))
    return invalid (error, _("Unknown kind of activity"));
  return TRUE;
}

static void
set_or_null (JsonObject *f,
             const char *member,
             const char *value)
{
  g_autofree char *v = g_strstrip (g_strdup (value ? value : ""));

  if (*v)
    json_object_set_string_member (f, member, v);
  else
    json_object_set_null_member (f, member);
}

char *
yi_programme_save (YiStore          *store,
                   const YiActivity *a,
                   GError          **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *starts_at = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  if (!check_activity (a, &starts_at, error))
    return NULL;
  if (a->id != NULL && yi_store_count (store, "SELECT count(*) FROM activities WHERE id = ?", a->id, NULL) != 1)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NOT_FOUND, _("There is no such activity"));
      return NULL;
    }
  id = a->id ? g_strdup (a->id) : yi_uuid_v7_new ();
  title = g_strstrip (g_strdup (a->title));
  json_object_set_string_member (f, "title_zh", title);
  json_object_set_string_member (f, "kind", a->kind ? a->kind : "other");
  set_or_null (f, "room", a->room);
  set_or_null (f, "leader", a->leader);
  json_object_set_int_member (f, "capacity", a->capacity);
  json_object_set_string_member (f, "starts_at", starts_at);
  json_object_set_int_member (f, "duration_min", a->duration_min);
  if (a->on_date)
    {
      json_object_set_string_member (f, "on_date", a->on_date);
      json_object_set_null_member (f, "weekday");
      json_object_set_null_member (f, "valid_from");
      json_object_set_null_member (f, "valid_to");
    }
  else
    {
      json_object_set_int_member (f, "weekday", a->weekday);
      json_object_set_null_member (f, "on_date");
      set_or_null (f, "valid_from", a->valid_from);
      set_or_null (f, "valid_to", a->valid_to);
    }
  json_object_set_int_member (f, "active", 1);
  if (!yi_store_put_entity (store, "activities", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
yi_programme_end (YiStore     *store,
                  const char  *activity_id,
                  const char  *last_date,
                  GError     **error)
{
  g_autoptr(YiActivity) a = yi_programme_get (store, activity_id, error);
  g_autoptr(JsonObject) f = json_object_new ();

  if (a == NULL)
    return FALSE;
  if (a->on_date != NULL)
    json_object_set_int_member (f, "active", 0);
  else
    {
      if (!yi_date_is_valid (last_date))
        return invalid (error, _("Write the date of the last session as YYYY-MM-DD"));
      if (a->valid_from && strcmp (last_date, a->valid_from) < 0)
        return invalid (error, _("The last session cannot be before the first"));
      json_object_set_string_member (f, "valid_to", last_date);
    }
  return yi_store_put_entity (store, "activities", activity_id, f, error);
}

void
yi_session_free (YiSession *s)
{
  if (s == NULL)
    return;
  g_free (s->activity_id);
  g_free (s->date);
  g_free (s->title);
  g_free (s->title_en);
  g_free (s->kind);
  g_free (s->room);
  g_free (s->leader);
  g_free (s->starts_at);
  g_free (s);
}

int
yi_session_seats_left (const YiSession *s)
{
  return MAX (0, s->capacity - s->signed_up - s->walk_ins);
}

static GPtrArray *
query_sessions (YiStore     *store,
                const char  *date,
                const char  *activity_id,
                GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_INVALID,
                   _("“%s” is not a date written as YYYY-MM-DD"), date ? date : "");
      return NULL;
    }
  stmt = yi_store_prepare (store,
      "SELECT " SESSION_COLUMNS "FROM activities a WHERE " MEETS_ON " AND (?3 IS NULL OR a.id = ?3) "
      "ORDER BY a.starts_at, a.title_zh", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, yi_date_weekday (date));
  if (activity_id)
    sqlite3_bind_text (stmt, 3, activity_id, -1, SQLITE_TRANSIENT);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_session_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiSession *s = g_new0 (YiSession, 1);

      s->activity_id = column_dup (stmt, 0);
      s->date = g_strdup (date);
      s->title = column_dup (stmt, 1);
      s->kind = column_dup (stmt, 2);
      s->room = column_dup (stmt, 3);
      s->leader = column_dup (stmt, 4);
      s->starts_at = column_dup (stmt, 5);
      s->duration_min = sqlite3_column_int (stmt, 6);
      s->capacity = sqlite3_column_int (stmt, 7);
      s->one_off = sqlite3_column_int (stmt, 8) != 0;
      s->signed_up = sqlite3_column_int (stmt, 9);
      s->attended = sqlite3_column_int (stmt, 10);
      s->walk_ins = sqlite3_column_int (stmt, 11);
      s->title_en = column_dup (stmt, 12);
      g_ptr_array_add (out, s);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
yi_programme_sessions_on (YiStore     *store,
                          const char  *date,
                          GError     **error)
{
  return query_sessions (store, date, NULL, error);
}

YiSession *
yi_programme_session (YiStore     *store,
                      const char  *activity_id,
                      const char  *date,
                      GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *title = NULL;

  if (activity_id == NULL ||
      (title = yi_store_query_string (store, "SELECT title_zh FROM activities WHERE id = ?", activity_id, NULL)) == NULL)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NOT_FOUND, _("There is no such activity"));
      return NULL;
    }
  all = query_sessions (store, date, activity_id, error);
  if (all == NULL)
    return NULL;
  if (all->len == 0)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NO_SESSION,
                   _("%s does not meet on %s"), title, date);
      return NULL;
    }
  return g_ptr_array_steal_index (all, 0);
}

static int
hhmm_minutes (const char *hhmm)
{
  return (hhmm[0] - '0') * 600 + (hhmm[1] - '0') * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

YiSession *
yi_programme_session_now (YiStore     *store,
                          gint64       now_us,
                          GError     **error)
{
  GTimeZone *tz = yi_store_get_timezone (store);
  g_autofree char *date = yi_clock_local_date (now_us, tz);
  g_autofree char *hhmm = yi_clock_local_hhmm (now_us, tz);
  g_autoptr(GPtrArray) sessions = yi_programme_sessions_on (store, date, error);
  int now = hhmm_minutes (hhmm);

  if (sessions == NULL)
    return NULL;
  for (guint i = 0; i < sessions->len; i++)
    {
      YiSession *s = sessions->pdata[i];
      int start = hhmm_minutes (s->starts_at);

      if (now >= start - EARLY_MINUTES && now < start + s->duration_min)
        return g_ptr_array_steal_index (sessions, i);
    }
  return NULL;
}

void
yi_attendee_free (YiAttendee *a)
{
  if (a == NULL)
    return;
  g_free (a->elder_id);
  g_free (a->name);
  g_free (a->signup_id);
  g_free (a->attendance_id);
  g_free (a->method);
  g_free (a->arrived_at);
  g_free (a);
}

GPtrArray *
yi_programme_attendance (YiStore     *store,
                         const char  *activity_id,
                         const char  *date,
                         GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "WITH who AS ("
      "  SELECT s.elder_id FROM activity_signups s WHERE s.activity_id = ?1 AND s.session_date = ?2 AND " LIVE ("s")
      "  UNION SELECT t.elder_id FROM activity_attendance t WHERE t.activity_id = ?1 AND t.session_date = ?2 AND " LIVE ("t") ") "
      "SELECT w.elder_id, e.name, "
      "(SELECT s.id FROM activity_signups s WHERE s.activity_id = ?1 AND s.session_date = ?2 AND s.elder_id = w.elder_id AND " LIVE ("s") " LIMIT 1), "
      "(SELECT t.id FROM activity_attendance t WHERE t.activity_id = ?1 AND t.session_date = ?2 AND t.elder_id = w.elder_id AND " LIVE ("t") " ORDER BY t.at LIMIT 1), "
      "(SELECT t.method FROM activity_attendance t WHERE t.activity_id = ?1 AND t.session_date = ?2 AND t.elder_id = w.elder_id AND " LIVE ("t") " ORDER BY t.at LIMIT 1), "
      "(SELECT t.at FROM activity_attendance t WHERE t.activity_id = ?1 AND t.session_date = ?2 AND t.elder_id = w.elder_id AND " LIVE ("t") " ORDER BY t.at LIMIT 1) "
      "FROM who w JOIN elders e ON e.id = w.elder_id ORDER BY e.name", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_attendee_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiAttendee *a = g_new0 (YiAttendee, 1);
      gint64 us = 0;

      a->elder_id = column_dup (stmt, 0);
      a->name = column_dup (stmt, 1);
      a->signup_id = column_dup (stmt, 2);
      a->attendance_id = column_dup (stmt, 3);
      a->method = column_dup (stmt, 4);
      if (sqlite3_column_text (stmt, 5) && yi_clock_parse_utc ((const char *) sqlite3_column_text (stmt, 5), &us))
        a->arrived_at = yi_clock_local_hhmm (us, yi_store_get_timezone (store));
      g_ptr_array_add (out, a);
    }
  return g_steal_pointer (&out);
}

static char *
active_elder_name (YiStore     *store,
                   const char  *elder_id,
                   GError     **error)
{
  g_autofree char *name = elder_id ? yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL) : NULL;

  if (name == NULL)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM elders WHERE id = ? AND status = 'active'", elder_id, NULL) != 1)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_INACTIVE_ELDER,
                   _("%s is no longer registered at the centre"), name);
      return NULL;
    }
  return g_steal_pointer (&name);
}

static JsonObject *
session_event (const char *activity_id,
               const char *date,
               const char *elder_id)
{
  JsonObject *f = json_object_new ();

  json_object_set_string_member (f, "activity_id", activity_id);
  json_object_set_string_member (f, "session_date", date);
  json_object_set_string_member (f, "elder_id", elder_id);
  return f;
}

#define SIGNED_UP \
  "SELECT count(*) FROM activity_signups s WHERE s.activity_id = ? AND s.session_date = ? AND s.elder_id = ? AND " LIVE ("s")

char *
yi_programme_sign_up (YiStore     *store,
                      const char  *activity_id,
                      const char  *date,
                      const char  *elder_id,
                      const char  *channel,
                      GError     **error)
{
  g_autoptr(YiSession) s = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *name = active_elder_name (store, elder_id, error);

  if (name == NULL || (s = yi_programme_session (store, activity_id, date, error)) == NULL)
    return NULL;
  if (yi_store_count (store, SIGNED_UP, activity_id, date, elder_id, NULL) > 0)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_ALREADY_DONE,
                   _("%s has already signed up for %s"), name, s->title);
      return NULL;
    }
  if (yi_session_seats_left (s) <= 0)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_FULL,
                   _("%s on %s is full"), s->title, date);
      return NULL;
    }
  f = session_event (activity_id, date, elder_id);
  json_object_set_string_member (f, "channel", g_strcmp0 (channel, "kiosk") == 0 ? "kiosk" : "staff");
  return yi_store_append_event (store, "activity_signups", f, error);
}

char *
yi_programme_take_attendance (YiStore     *store,
                              const char  *activity_id,
                              const char  *date,
                              const char  *elder_id,
                              const char  *method,
                              GError     **error)
{
  g_autoptr(YiSession) s = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (method, "card") != 0 && g_strcmp0 (method, "manual") != 0)
    {
      invalid (error, _("Attendance is taken by card or by hand"));
      return NULL;
    }
  name = active_elder_name (store, elder_id, error);
  if (name == NULL || (s = yi_programme_session (store, activity_id, date, error)) == NULL)
    return NULL;
  if (yi_store_count (store,
                      "SELECT count(*) FROM activity_attendance t WHERE t.activity_id = ? AND t.session_date = ? "
                      "AND t.elder_id = ? AND " LIVE ("t"), activity_id, date, elder_id, NULL) > 0)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_ALREADY_DONE,
                   _("%s is already marked present at %s"), name, s->title);
      return NULL;
    }
  if (yi_store_count (store, SIGNED_UP, activity_id, date, elder_id, NULL) == 0 && yi_session_seats_left (s) <= 0)
    {
      g_set_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_FULL,
                   _("%s is full and %s did not sign up"), s->title, name);
      return NULL;
    }
  f = session_event (activity_id, date, elder_id);
  json_object_set_string_member (f, "method", method);
  return yi_store_append_event (store, "activity_attendance", f, error);
}
