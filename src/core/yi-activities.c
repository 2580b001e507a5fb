#include "config.h"

#include "yi-activities.h"
#include "yi-clock.h"
#include "yi-meals.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (yi-activity-error-quark, yi_activity_error)

void
yi_activity_session_free (YiActivitySession *s)
{
  if (s == NULL)
    return;
  g_free (s->activity_id);
  g_free (s->session_date);
  g_free (s->title_zh);
  g_free (s->title_en);
  g_free (s->kind);
  g_free (s->room);
  g_free (s->leader);
  g_free (s->starts_at);
  g_free (s);
}

/* ?1 = date, ?2 = ISO weekday of the date (1 = Monday), ?3 = activity id or NULL */
#define SESSIONS_SQL \
  "SELECT a.id, a.title_zh, a.title_en, a.kind, a.room, a.leader, a.starts_at, " \
  "       a.duration_min, a.capacity, " \
  "       (SELECT count(*) FROM activity_signups s WHERE s.activity_id = a.id AND s.session_date = ?1 " \
  "          AND s.id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'activity_signups')) " \
  "FROM activities a " \
  "WHERE a.active = 1 AND (?3 IS NULL OR a.id = ?3) " \
  "  AND (a.on_date = ?1 OR (a.on_date IS NULL AND a.weekday = ?2)) " \
  "  AND (a.valid_from IS NULL OR a.valid_from <= ?1) AND (a.valid_to IS NULL OR a.valid_to >= ?1) " \
  "ORDER BY a.starts_at, a.title_zh"

static GPtrArray *
query_sessions (YiStore     *store,
                const char  *date,
                const char  *activity_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_NOT_ON_DATE,
                   _("Give the date as YYYY-MM-DD"));
      return NULL;
    }
  stmt = yi_store_prepare (store, SESSIONS_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, yi_date_weekday (date));
  sqlite3_bind_text (stmt, 3, activity_id, -1, SQLITE_TRANSIENT);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_activity_session_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiActivitySession *s = g_new0 (YiActivitySession, 1);

      s->activity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      s->session_date = g_strdup (date);
      s->title_zh = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->title_en = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      s->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      s->room = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      s->leader = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      s->starts_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      s->duration_min = sqlite3_column_int (stmt, 7);
      s->capacity = sqlite3_column_int (stmt, 8);
      s->joined = sqlite3_column_int (stmt, 9);
      s->seats_left = MAX (0, s->capacity - s->joined);
      g_ptr_array_add (list, s);
    }
  return g_steal_pointer (&list);
}

GPtrArray *
yi_store_list_activity_sessions (YiStore     *store,
                                 const char  *date,
                                 GError     **error)
{
  return query_sessions (store, date, NULL, error);
}

YiActivitySession *
yi_store_get_activity_session (YiStore     *store,
                               const char  *activity_id,
                               const char  *date,
                               GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  if (activity_id == NULL || !yi_store_count (store, "SELECT count(*) FROM activities WHERE id = ?", activity_id, NULL))
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_NOT_FOUND, _("No such activity"));
      return NULL;
    }
  list = query_sessions (store, date, activity_id, error);
  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_NOT_ON_DATE,
                   _("This activity is not held on %s"), date);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

gboolean
yi_store_elder_joined_activity (YiStore    *store,
                                const char *elder_id,
                                const char *activity_id,
                                const char *date)
{
  return yi_store_count (store,
      "SELECT count(*) FROM activity_signups WHERE elder_id = ? AND activity_id = ? AND session_date = ? "
      "AND id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'activity_signups')",
      elder_id, activity_id, date, NULL) > 0;
}

/* Minutes from local midnight of @date to now; negative before the day. */
static gint64
minutes_into (YiStore    *store,
              const char *date)
{
  gint64 now = yi_clock_now_us ();
  g_autoptr(GDateTime) local = yi_clock_local (now, yi_store_get_timezone (store));
  g_autofree char *today = yi_store_local_date_of (store, now);
  int cmp = strcmp (date, today);

  if (cmp > 0)
    return -1;
  if (cmp < 0)
    return G_MAXINT32;
  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

static int
hhmm_minutes (const char *hhmm)
{
  int h = 0, m = 0;

  if (hhmm == NULL || sscanf (hhmm, "%d:%d", &h, &m) != 2)
    return 0;
  return h * 60 + m;
}

gboolean
yi_activity_session_is_upcoming (YiStore           *store,
                                 YiActivitySession *session)
{
  return minutes_into (store, session->session_date) < hhmm_minutes (session->starts_at);
}

char *
yi_store_join_activity (YiStore     *store,
                        const char  *elder_id,
                        const char  *activity_id,
                        const char  *date,
                        const char  *channel,
                        GError     **error)
{
  g_autoptr(YiActivitySession) session = NULL;
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;

  if (g_strcmp0 (channel, "kiosk") != 0 && g_strcmp0 (channel, "staff") != 0)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_NOT_FOUND,
                   "A sign-up comes from the kiosk or from staff, not “%s”", channel);
      return NULL;
    }
  if (!yi_store_check_elder_active (store, elder_id, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_INACTIVE_ELDER, error))
    return NULL;

  if (!yi_store_begin (store, error))
    return NULL;
  session = yi_store_get_activity_session (store, activity_id, date, error);
  if (session == NULL)
    goto refused;
  if (minutes_into (store, date) >= hhmm_minutes (session->starts_at) + session->duration_min)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_OVER,
                   _("“%s” on %s is already over"), session->title_zh, date);
      goto refused;
    }
  if (yi_store_elder_joined_activity (store, elder_id, activity_id, date))
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_ALREADY_JOINED,
                   _("Already signed up for “%s” on %s"), session->title_zh, date);
      goto refused;
    }
  if (session->seats_left <= 0)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_FULL,
                   _("“%s” on %s is full (%d places)"), session->title_zh, date, session->capacity);
      goto refused;
    }
  json_object_set_string_member (f, "activity_id", activity_id);
  json_object_set_string_member (f, "session_date", date);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "channel", channel);
  id = yi_store_append_event (store, "activity_signups", f, error);
  if (id == NULL)
    goto refused;
  if (!yi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);

refused:
  yi_store_rollback (store);
  return NULL;
}
