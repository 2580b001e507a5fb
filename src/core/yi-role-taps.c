#include "config.h"

#include "yi-role-taps.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-kitchen.h"
#include "yi-programme.h"
#include "yi-serving.h"
#include "yi-settings.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

static const struct {
  const char *code;
  const char *label;
} roles[] = {
  [YI_KIOSK_ROLE_DOOR]     = { "door",     NC_("kiosk-role", "By the door: check in and out") },
  [YI_KIOSK_ROLE_DINING]   = { "dining",   NC_("kiosk-role", "Dining hall: meals served") },
  [YI_KIOSK_ROLE_ACTIVITY] = { "activity", NC_("kiosk-role", "Activity room: attendance") },
};

const char *
yi_kiosk_role_code (YiKioskRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (roles), "door");
  return roles[role].code;
}

gboolean
yi_kiosk_role_parse (const char  *code,
                     YiKioskRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].code, code) == 0)
      {
        *role = (YiKioskRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
yi_kiosk_role_label (YiKioskRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (roles), "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "kiosk-role", roles[role].label);
}

YiKioskRole
yi_store_get_kiosk_role (YiStore *store)
{
  g_autofree char *code = yi_settings_get_string (YI_SETTING_KIOSK_ROLE);
  YiKioskRole role = YI_KIOSK_ROLE_DOOR;

  yi_kiosk_role_parse (code, &role);
  return role;
}

gboolean
yi_store_set_kiosk_role (YiStore     *store,
                         YiKioskRole  role,
                         GError     **error)
{
  GSettings *settings;

  if ((guint) role >= G_N_ELEMENTS (roles))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown kiosk role");
      return FALSE;
    }
  if ((settings = yi_settings_require (error)) == NULL)
    return FALSE;
  g_settings_set_string (settings, YI_SETTING_KIOSK_ROLE, roles[role].code);
  g_settings_sync ();
  return yi_store_audit (store, "set_kiosk_role", "settings", YI_SETTING_KIOSK_ROLE, roles[role].code, error);
}

void
yi_role_tap_result_free (YiRoleTapResult *r)
{
  if (r == NULL)
    return;
  g_free (r->uid);
  g_free (r->elder_id);
  g_free (r->elder_name);
  g_free (r->staff_id);
  g_free (r->event_id);
  g_free (r->meal);
  g_free (r->activity_id);
  g_free (r->activity_title);
  g_free (r->message);
  g_free (r);
}

/* Looks the card up.  Returns NULL on a store error; otherwise a result
 * that is already final (see is_final()) unless the card is a live
 * elder's, whose tap the caller then works out. */
static YiRoleTapResult *
identify (YiStore     *store,
          const char  *uid,
          GError     **error)
{
  g_autoptr(YiRoleTapResult) r = g_new0 (YiRoleTapResult, 1);
  g_autoptr(sqlite3_stmt) card = NULL;

  r->uid = yi_card_uid_normalise (uid, error);
  if (r->uid == NULL)
    return NULL;
  card = yi_store_prepare (store,
      "SELECT c.elder_id, c.staff_id, e.name, e.status FROM cards c LEFT JOIN elders e ON e.id = c.elder_id "
      "WHERE c.uid = ? AND c.revoked_at IS NULL", error);
  if (card == NULL)
    return NULL;
  sqlite3_bind_text (card, 1, r->uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (card) != SQLITE_ROW)
    {
      g_autoptr(JsonObject) f = json_object_new ();
      g_autofree char *id = NULL;

      /* Joins the staff's unknown-card list, as a tap at the door would. */
      json_object_set_string_member (f, "uid", r->uid);
      json_object_set_string_member (f, "why", "unknown");
      id = yi_store_append_event (store, "unknown_card_taps", f, error);
      if (id == NULL)
        return NULL;
      r->kind = YI_ROLE_TAP_UNKNOWN_CARD;
      r->message = g_strdup (_("This card is not registered. Please ask the staff."));
      return g_steal_pointer (&r);
    }
  if (sqlite3_column_type (card, 1) != SQLITE_NULL)
    {
      r->kind = YI_ROLE_TAP_STAFF;
      r->staff_id = g_strdup ((const char *) sqlite3_column_text (card, 1));
      return g_steal_pointer (&r);
    }
  r->elder_id = g_strdup ((const char *) sqlite3_column_text (card, 0));
  r->elder_name = g_strdup ((const char *) sqlite3_column_text (card, 2));
  if (g_strcmp0 ((const char *) sqlite3_column_text (card, 3), "active") != 0)
    {
      r->kind = YI_ROLE_TAP_INACTIVE_ELDER;
      r->message = g_strdup_printf (_("%s, your card is no longer valid. Please ask the staff."), r->elder_name);
    }
  return g_steal_pointer (&r);
}

static gboolean
is_final (const YiRoleTapResult *r)
{
  return r->elder_id == NULL || r->kind == YI_ROLE_TAP_INACTIVE_ELDER;
}

YiRoleTapResult *
yi_store_dining_tap (YiStore     *store,
                     const char  *uid,
                     GError     **error)
{
  g_autoptr(YiRoleTapResult) r = identify (store, uid, error);
  g_autoptr(GError) local = NULL;
  gint64 now = yi_clock_now_us ();
  g_autofree char *today = NULL;
  g_autofree char *hhmm = NULL;

  if (r == NULL || is_final (r))
    return g_steal_pointer (&r);
  today = yi_clock_local_date (now, yi_store_get_timezone (store));
  hhmm = yi_clock_local_hhmm (now, yi_store_get_timezone (store));
  r->meal = g_strdup (yi_meal_at_time (hhmm));
  r->event_id = yi_store_serve_meal (store, r->elder_id, today, r->meal, "card", &local);
  if (r->event_id != NULL)
    {
      r->kind = YI_ROLE_TAP_MEAL_SERVED;
      r->message = g_strdup_printf (_("%s, enjoy your %s!"), r->elder_name, yi_meal_label (r->meal));
    }
  else if (g_error_matches (local, YI_SERVING_ERROR, YI_SERVING_ERROR_NO_ORDER))
    {
      r->kind = YI_ROLE_TAP_MEAL_NOT_ORDERED;
      r->message = g_strdup_printf (_("%s, you have not ordered %s today. Please ask the staff, they will help."),
                                    r->elder_name, yi_meal_label (r->meal));
    }
  else if (g_error_matches (local, YI_SERVING_ERROR, YI_SERVING_ERROR_ALREADY_SERVED))
    {
      r->kind = YI_ROLE_TAP_MEAL_ALREADY_SERVED;
      r->message = g_strdup_printf (_("%s, your %s today has already been served."),
                                    r->elder_name, yi_meal_label (r->meal));
    }
  else if (g_error_matches (local, YI_SERVING_ERROR, YI_SERVING_ERROR_INACTIVE_ELDER))
    {
      r->kind = YI_ROLE_TAP_INACTIVE_ELDER;
      r->message = g_strdup_printf (_("%s, your card is no longer valid. Please ask the staff."), r->elder_name);
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&r);
}

YiRoleTapResult *
yi_store_activity_tap (YiStore     *store,
                       const char  *uid,
                       GError     **error)
{
  g_autoptr(YiRoleTapResult) r = identify (store, uid, error);
  g_autoptr(YiSession) s = NULL;
  gboolean signed_up;

  if (r == NULL || is_final (r))
    return g_steal_pointer (&r);
  s = yi_programme_session_now (store, yi_clock_now_us (), error);
  if (s == NULL)
    {
      if (error && *error)
        return NULL;
      r->kind = YI_ROLE_TAP_NO_SESSION;
      r->message = g_strdup_printf (_("%s, there is no activity here just now. Please look at today’s programme."),
                                    r->elder_name);
      return g_steal_pointer (&r);
    }
  r->activity_id = g_strdup (s->activity_id);
  r->activity_title = g_strdup (s->title);
  signed_up = yi_store_count (store,
      "SELECT count(*) FROM activity_signups s WHERE s.activity_id = ? AND s.session_date = ? AND s.elder_id = ? "
      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = s.id)",
      s->activity_id, s->date, r->elder_id, NULL) > 0;
  if (yi_store_count (store,
      "SELECT count(*) FROM activity_attendance t WHERE t.activity_id = ? AND t.session_date = ? AND t.elder_id = ? "
      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = t.id)",
      s->activity_id, s->date, r->elder_id, NULL) > 0)
    {
      r->kind = YI_ROLE_TAP_ALREADY_ATTENDED;
      r->message = g_strdup_printf (_("%s, you are already signed in for %s."), r->elder_name, s->title);
      return g_steal_pointer (&r);
    }
  if (!signed_up && yi_session_seats_left (s) <= 0)
    {
      r->kind = YI_ROLE_TAP_SESSION_FULL;
      r->message = g_strdup_printf (_("%s, %s is full today. Please ask the staff."), r->elder_name, s->title);
      return g_steal_pointer (&r);
    }
  r->event_id = yi_programme_take_attendance (store, s->activity_id, s->date, r->elder_id, "card", error);
  if (r->event_id == NULL)
    return NULL;
  r->seats_left = yi_session_seats_left (s) - (signed_up ? 0 : 1);
  if (signed_up)
    {
      r->kind = YI_ROLE_TAP_ATTENDED;
      r->message = g_strdup_printf (_("Welcome to %s, %s!"), s->title, r->elder_name);
    }
  else
    {
      r->kind = YI_ROLE_TAP_WALK_IN;
      r->message = g_strdup_printf (_("Welcome to %s, %s! You had not signed up, but there was a seat, so you are signed in."),
                                    s->title, r->elder_name);
    }
  return g_steal_pointer (&r);
}

YiRoleTapResult *
yi_store_role_tap (YiStore     *store,
                   YiKioskRole  role,
                   const char  *uid,
                   GError     **error)
{
  switch (role)
    {
    case YI_KIOSK_ROLE_DINING:
      return yi_store_dining_tap (store, uid, error);
    case YI_KIOSK_ROLE_ACTIVITY:
      return yi_store_activity_tap (store, uid, error);
    case YI_KIOSK_ROLE_DOOR:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Taps at the door are handled by yi_store_tap()");
      return NULL;
    }
}
