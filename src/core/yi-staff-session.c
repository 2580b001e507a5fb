#include "config.h"

#include "yi-staff-session.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-settings.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (yi-staff-session-error-quark, yi_staff_session_error)

#define META_FAILURES     "staff_pin_failures"
#define META_LOCKOUTS     "staff_pin_lockouts"
#define META_LOCKED_UNTIL "staff_pin_locked_until_us"
#define LOCKOUT_MAX_S     3600

struct _YiStaffSession
{
  GObject  parent_instance;

  YiStore *store;
  YiStaffSessionState state;
  char    *staff_id;
  char    *staff_name;
  char    *role;
  char    *volunteer_filter;
  char    *pending_staff_id;
  char    *pending_name;
  guint    idle_timeout_s;
  gint64   last_activity_us;
};

G_DEFINE_FINAL_TYPE (YiStaffSession, yi_staff_session, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Rows: admin, staff, kitchen, health, volunteer.  Columns follow
 * YiStaffPermission.  Kitchen staff need names and who is in (for lunch
 * counts) but not ID numbers or subsidy flags; health assistants read the
 * sensitive record and phone the absent; volunteers phone the elders paired
 * with them.  The second line of each row: meals, activities, services,
 * attesting services, health, volunteers, feedback — the kitchen sees
 * meals, health assistants health and services, volunteers the services
 * and hours of their own pairs. */
static const struct {
  const char *role;
  const char *label;
  gboolean    allows[YI_STAFF_N_PERMS];
} role_table[] = {
  /* the last column is REPORTS: totals only, never one elder, but still
   * nothing for the kitchen or volunteers (domain §6) */
  { "admin",     NC_("staff", "Administrator"), { TRUE, TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,
                                                  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE } },
  { "staff",     NC_("staff", "Staff"),         { TRUE, TRUE,  TRUE,  FALSE, TRUE,  TRUE,  TRUE,  TRUE,
                                                  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE } },
  { "kitchen",   NC_("staff", "Kitchen"),       { TRUE, FALSE, FALSE, FALSE, FALSE, TRUE,  FALSE, FALSE,
                                                  TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE } },
  { "health",    NC_("staff", "Health"),        { TRUE, FALSE, TRUE,  FALSE, FALSE, TRUE,  FALSE, TRUE,
                                                  FALSE, FALSE, TRUE,  TRUE,  TRUE,  FALSE, FALSE, TRUE } },
  { "volunteer", NC_("staff", "Volunteer"),     { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE,
                                                  FALSE, FALSE, TRUE,  FALSE, FALSE, TRUE,  FALSE, FALSE } },
};

gboolean
yi_staff_role_allows (const char        *role,
                      YiStaffPermission  permission)
{
  g_return_val_if_fail (permission < YI_STAFF_N_PERMS, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (g_strcmp0 (role_table[i].role, role) == 0)
      return role_table[i].allows[permission];
  return FALSE;
}

const char *
yi_staff_role_label (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (g_strcmp0 (role_table[i].role, role) == 0)
      return YI_STAFF_GETTEXT (role_table[i].label);
  return role;
}

static void
yi_staff_session_finalize (GObject *object)
{
  YiStaffSession *self = YI_STAFF_SESSION (object);

  g_clear_object (&self->store);
  g_free (self->staff_id);
  g_free (self->staff_name);
  g_free (self->role);
  g_free (self->volunteer_filter);
  g_free (self->pending_staff_id);
  g_free (self->pending_name);
  G_OBJECT_CLASS (yi_staff_session_parent_class)->finalize (object);
}

static void
yi_staff_session_class_init (YiStaffSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_staff_session_finalize;

  /* Emitted when the session opens or locks. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
yi_staff_session_init (YiStaffSession *self)
{
  self->state = YI_STAFF_SESSION_LOCKED;
}

YiStaffSession *
yi_staff_session_new (YiStore *store)
{
  YiStaffSession *self = g_object_new (YI_TYPE_STAFF_SESSION, NULL);
  self->store = g_object_ref (store);
  self->idle_timeout_s = (guint) MAX (yi_settings_get_int (YI_SETTING_STAFF_IDLE_LOCK), 10);
  return self;
}

YiStore *
yi_staff_session_get_store (YiStaffSession *self)
{
  return self->store;
}

YiStaffSessionState
yi_staff_session_get_state (YiStaffSession *self)
{
  return self->state;
}

const char *
yi_staff_session_get_staff_id (YiStaffSession *self)
{
  return self->staff_id;
}

const char *
yi_staff_session_get_staff_name (YiStaffSession *self)
{
  return self->staff_name;
}

const char *
yi_staff_session_get_role (YiStaffSession *self)
{
  return self->role;
}

const char *
yi_staff_session_get_volunteer_filter (YiStaffSession *self)
{
  return self->volunteer_filter;
}

gboolean
yi_staff_session_can (YiStaffSession    *self,
                      YiStaffPermission  permission)
{
  return self->state == YI_STAFF_SESSION_OPEN && yi_staff_role_allows (self->role, permission);
}

void
yi_staff_session_forget_card (YiStaffSession *self)
{
  g_clear_pointer (&self->pending_staff_id, g_free);
  g_clear_pointer (&self->pending_name, g_free);
}

const char *
yi_staff_session_get_pending_name (YiStaffSession *self)
{
  return self->pending_name;
}

gboolean
yi_staff_session_present_card (YiStaffSession  *self,
                               const char      *uid,
                               GError         **error)
{
  g_autofree char *normal = yi_card_uid_normalise (uid, error);
  g_autofree char *staff_id = NULL;

  yi_staff_session_forget_card (self);
  if (normal == NULL)
    return FALSE;
  staff_id = yi_store_query_string (self->store,
      "SELECT c.staff_id FROM cards c JOIN staff s ON s.id = c.staff_id "
      "WHERE c.uid = ? AND c.revoked_at IS NULL AND s.active = 1", normal, NULL);
  if (staff_id == NULL)
    {
      g_set_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_NOT_STAFF_CARD,
                   _("This is not a staff card"));
      return FALSE;
    }
  self->pending_name = yi_store_query_string (self->store, "SELECT name FROM staff WHERE id = ?", staff_id, NULL);
  self->pending_staff_id = g_steal_pointer (&staff_id);
  return TRUE;
}

static gint64
meta_int64 (YiStaffSession *self,
            const char     *key)
{
  g_autofree char *v = yi_store_get_meta (self->store, key);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

static void
set_meta_int64 (YiStaffSession *self,
                const char     *key,
                gint64          value)
{
  g_autoptr(GError) error = NULL;
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  if (!yi_store_set_meta (self->store, key, buf, &error))
    g_warning ("Could not remember the PIN attempt count: %s", error->message);
}

gint64
yi_staff_session_lockout_remaining (YiStaffSession *self)
{
  gint64 until = meta_int64 (self, META_LOCKED_UNTIL);
  gint64 now = yi_clock_now_us ();

  return until > now ? until - now : 0;
}

int
yi_staff_session_get_failures (YiStaffSession *self)
{
  return (int) meta_int64 (self, META_FAILURES);
}

static void
audit (YiStaffSession *self,
       const char     *action,
       const char     *record_id,
       const char     *summary)
{
  g_autoptr(GError) error = NULL;

  if (!yi_store_audit (self->store, action, "staff", record_id, summary, &error))
    g_warning ("Could not write the audit log: %s", error->message);
}

static gboolean
record_failure (YiStaffSession  *self,
                GError         **error)
{
  gint64 failures = meta_int64 (self, META_FAILURES) + 1;
  g_autofree char *summary = NULL;

  summary = g_strdup_printf ("wrong PIN (%" G_GINT64_FORMAT " in a row)%s", failures,
                             self->pending_staff_id ? " with staff card" : "");
  audit (self, "login_failed", self->pending_staff_id, summary);

  if (failures >= YI_STAFF_PIN_ATTEMPTS)
    {
      gint64 lockouts = meta_int64 (self, META_LOCKOUTS) + 1;
      gint64 delay_s = YI_STAFF_LOCKOUT_BASE_S;

      /* Each further lockout doubles the wait, so guessing stays hopeless. */
      for (gint64 i = 1; i < lockouts && delay_s < LOCKOUT_MAX_S; i++)
        delay_s *= 2;
      delay_s = MIN (delay_s, LOCKOUT_MAX_S);
      set_meta_int64 (self, META_LOCKOUTS, lockouts);
      set_meta_int64 (self, META_FAILURES, 0);
      set_meta_int64 (self, META_LOCKED_UNTIL, yi_clock_now_us () + delay_s * G_USEC_PER_SEC);
      g_autofree char *what = g_strdup_printf ("staff mode locked for %" G_GINT64_FORMAT " s", delay_s);
      audit (self, "login_lockout", NULL, what);
      g_set_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_LOCKED_OUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Wrong PIN %d times. Try again in %d second.",
                                "Wrong PIN %d times. Try again in %d seconds.", (gulong) delay_s),
                   YI_STAFF_PIN_ATTEMPTS, (int) delay_s);
      return FALSE;
    }
  set_meta_int64 (self, META_FAILURES, failures);
  g_set_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_WRONG_PIN,
               g_dngettext (GETTEXT_PACKAGE,
                            "Wrong PIN. %d try left before staff mode locks.",
                            "Wrong PIN. %d tries left before staff mode locks.",
                            (gulong) (YI_STAFF_PIN_ATTEMPTS - failures)),
               (int) (YI_STAFF_PIN_ATTEMPTS - failures));
  return FALSE;
}

gboolean
yi_staff_session_unlock (YiStaffSession  *self,
                         const char      *pin,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *staff_id = NULL;
  gint64 remaining = yi_staff_session_lockout_remaining (self);
  g_autofree char *summary = NULL;

  if (remaining > 0)
    {
      int s = (int) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

      g_set_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_LOCKED_OUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong PINs. Try again in %d second.",
                                "Too many wrong PINs. Try again in %d seconds.", (gulong) s), s);
      return FALSE;
    }
  if (self->state == YI_STAFF_SESSION_OPEN)
    yi_staff_session_lock (self, "new login");

  staff_id = yi_store_verify_staff_pin (self->store, self->pending_staff_id, pin ? pin : "");
  if (staff_id == NULL)
    return record_failure (self, error);

  stmt = yi_store_prepare (self->store, "SELECT name, role, volunteer_id FROM staff WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_INACTIVE,
                   _("This staff account no longer exists"));
      return FALSE;
    }
  set_meta_int64 (self, META_FAILURES, 0);
  set_meta_int64 (self, META_LOCKOUTS, 0);
  set_meta_int64 (self, META_LOCKED_UNTIL, 0);

  g_free (self->staff_name);
  g_free (self->role);
  g_clear_pointer (&self->volunteer_filter, g_free);
  self->staff_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  /* yi_store_search_elders() narrows by the staff id of a volunteer login. */
  if (g_strcmp0 (self->role, "volunteer") == 0)
    self->volunteer_filter = g_strdup (staff_id);
  summary = g_strdup_printf ("staff mode opened (%s)", self->pending_staff_id ? "card and PIN" : "PIN");
  g_free (self->staff_id);
  self->staff_id = g_steal_pointer (&staff_id);
  yi_staff_session_forget_card (self);
  self->state = YI_STAFF_SESSION_OPEN;
  self->last_activity_us = yi_clock_now_us ();
  yi_store_set_actor (self->store, self->staff_id);
  audit (self, "login", self->staff_id, summary);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

void
yi_staff_session_touch (YiStaffSession *self)
{
  self->last_activity_us = yi_clock_now_us ();
}

void
yi_staff_session_set_idle_timeout (YiStaffSession *self,
                                   guint           seconds)
{
  self->idle_timeout_s = MAX (seconds, 1);
}

guint
yi_staff_session_get_idle_timeout (YiStaffSession *self)
{
  return self->idle_timeout_s;
}

gint64
yi_staff_session_idle_remaining (YiStaffSession *self)
{
  gint64 left;

  if (self->state != YI_STAFF_SESSION_OPEN)
    return 0;
  left = self->last_activity_us + (gint64) self->idle_timeout_s * G_USEC_PER_SEC - yi_clock_now_us ();
  return MAX (left, 0);
}

gboolean
yi_staff_session_check_idle (YiStaffSession *self)
{
  if (self->state != YI_STAFF_SESSION_OPEN || yi_staff_session_idle_remaining (self) > 0)
    return FALSE;
  yi_staff_session_lock (self, "idle");
  return TRUE;
}

void
yi_staff_session_lock (YiStaffSession *self,
                       const char     *reason)
{
  g_autofree char *summary = NULL;

  yi_staff_session_forget_card (self);
  if (self->state != YI_STAFF_SESSION_OPEN)
    return;
  summary = g_strdup_printf ("staff mode locked (%s)", reason ? reason : "demand");
  audit (self, "logout", self->staff_id, summary);
  yi_store_set_actor (self->store, NULL);
  self->state = YI_STAFF_SESSION_LOCKED;
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->volunteer_filter, g_free);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}
