#include "config.h"

#include "yi-activities.h"
#include "yi-clock.h"
#include "yi-meals.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (yi-activity-error-quark, yi_activity_error)

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
yi_activity_session_is_upcoming (YiStore         *store,
                                 const YiSession *session)
{
  return minutes_into (store, session->date) < hhmm_minutes (session->starts_at);
}

char *
yi_store_join_activity (YiStore     *store,
                        const char  *elder_id,
                        const char  *activity_id,
                        const char  *date,
                        const char  *channel,
                        GError     **error)
{
  g_autoptr(YiSession) session = NULL;
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
  session = yi_programme_session (store, activity_id, date, error);
  if (session == NULL)
    goto refused;
  if (minutes_into (store, date) >= hhmm_minutes (session->starts_at) + session->duration_min)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_OVER,
                   _("“%s” on %s is already over"), session->title, date);
      goto refused;
    }
  if (yi_store_elder_joined_activity (store, elder_id, activity_id, date))
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_ALREADY_JOINED,
                   _("Already signed up for “%s” on %s"), session->title, date);
      goto refused;
    }
  if (yi_session_seats_left (session) <= 0)
    {
      g_set_error (error, YI_ACTIVITY_ERROR, YI_ACTIVITY_ERROR_FULL,
                   _("“%s” on %s is full (%d places)"), session->title, date, session->capacity);
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
