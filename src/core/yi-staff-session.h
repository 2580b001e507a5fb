#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_STAFF_SESSION_ERROR (yi_staff_session_error_quark ())

typedef enum {
  YI_STAFF_SESSION_ERROR_WRONG_PIN,
  YI_STAFF_SESSION_ERROR_LOCKED_OUT,
  YI_STAFF_SESSION_ERROR_NOT_STAFF_CARD,
  YI_STAFF_SESSION_ERROR_INACTIVE,
} YiStaffSessionError;

GQuark yi_staff_session_error_quark (void);

/* What a role may see and do in staff mode (domain §6). */
typedef enum {
  YI_STAFF_PERM_VIEW_ELDERS,       /* the register (volunteers: their pairs only) */
  YI_STAFF_PERM_EDIT_ELDERS,       /* register, edit, photo, contacts, consents */
  YI_STAFF_PERM_VIEW_SENSITIVE,    /* ID number, categories, assessments */
  YI_STAFF_PERM_SET_ELDER_STATUS,  /* moved / deceased: stops entitlements */
  YI_STAFF_PERM_MANAGE_CARDS,      /* issue, revoke, replace; unknown-card queue */
  YI_STAFF_PERM_VIEW_TODAY,        /* who is in, who came and left */
  YI_STAFF_PERM_MANUAL_ATTENDANCE, /* check in / out by hand */
  YI_STAFF_PERM_WELFARE_CALLS,     /* the 问安 list and its follow-ups */
  YI_STAFF_PERM_MEALS,             /* kitchen counts, delivery round, orders, menus */
  YI_STAFF_PERM_ACTIVITIES,        /* the programme and attendance */
  YI_STAFF_PERM_SERVICES,          /* on-site services (volunteers: their pairs only) */
  YI_STAFF_PERM_ATTEST_SERVICES,   /* vouch for a service the elder cannot confirm */
  YI_STAFF_PERM_HEALTH,            /* vital signs, alerts, trends */
  YI_STAFF_PERM_VOLUNTEERS,        /* the register (volunteers: their own hours only) */
  YI_STAFF_PERM_FEEDBACK,          /* the suggestions box and service ratings */
  YI_STAFF_PERM_REPORTS,           /* the centre's statistics and their exports */
  YI_STAFF_N_PERMS
} YiStaffPermission;

gboolean      yi_staff_role_allows        (const char        *role,
                                           YiStaffPermission  permission);
const char   *yi_staff_role_label         (const char        *role);

typedef enum {
  YI_STAFF_SESSION_LOCKED,
  YI_STAFF_SESSION_OPEN,
} YiStaffSessionState;

#define YI_TYPE_STAFF_SESSION (yi_staff_session_get_type ())
G_DECLARE_FINAL_TYPE (YiStaffSession, yi_staff_session, YI, STAFF_SESSION, GObject)

/* The login / lock state machine of staff mode, with no GTK in it so that
 * it can be tested on its own.  Time is yi_clock_now_us(); the caller
 * drives idle locking by calling yi_staff_session_check_idle() now and then.
 * Wrong-PIN counts survive a restart (kept in the store's meta table), so
 * closing the program does not reset a lockout. */
YiStaffSession *yi_staff_session_new            (YiStore        *store);

YiStore      *yi_staff_session_get_store        (YiStaffSession *self);
YiStaffSessionState yi_staff_session_get_state  (YiStaffSession *self);
const char   *yi_staff_session_get_staff_id     (YiStaffSession *self);
const char   *yi_staff_session_get_staff_name   (YiStaffSession *self);
const char   *yi_staff_session_get_role         (YiStaffSession *self);
/* Non-NULL for a volunteer: pass it to yi_store_search_elders(). */
const char   *yi_staff_session_get_volunteer_filter (YiStaffSession *self);
gboolean      yi_staff_session_can              (YiStaffSession *self,
                                                 YiStaffPermission permission);

/* A staff card on the reader while locked: the next PIN is checked against
 * that person only.  Returns FALSE (and forgets any earlier card) when the
 * card is not a live staff card. */
gboolean      yi_staff_session_present_card     (YiStaffSession *self,
                                                 const char     *uid,
                                                 GError        **error);
const char   *yi_staff_session_get_pending_name (YiStaffSession *self);
void          yi_staff_session_forget_card      (YiStaffSession *self);

/* Checks @pin (against the presented card's owner, or every active staff
 * member when no card was presented) and opens the session. */
gboolean      yi_staff_session_unlock           (YiStaffSession *self,
                                                 const char     *pin,
                                                 GError        **error);
/* Microseconds until PINs are accepted again; 0 when not locked out. */
gint64        yi_staff_session_lockout_remaining (YiStaffSession *self);
int           yi_staff_session_get_failures     (YiStaffSession *self);

void          yi_staff_session_touch            (YiStaffSession *self);
void          yi_staff_session_set_idle_timeout (YiStaffSession *self,
                                                 guint           seconds);
guint         yi_staff_session_get_idle_timeout (YiStaffSession *self);
gint64        yi_staff_session_idle_remaining   (YiStaffSession *self);
/* Locks when idle too long; returns TRUE if it locked now. */
gboolean      yi_staff_session_check_idle       (YiStaffSession *self);
/* @reason is recorded in the audit log ("demand", "idle", ...). */
void          yi_staff_session_lock             (YiStaffSession *self,
                                                 const char     *reason);

/* Staff-mode words that other screens use too ("Cancel", "Staff") carry
 * the gettext context "staff", so each screen can word them its own way. */
#define YI_STAFF_GETTEXT(msgid) g_dpgettext2 (GETTEXT_PACKAGE, "staff", (msgid))

#define YI_STAFF_PIN_ATTEMPTS 5
#define YI_STAFF_LOCKOUT_BASE_S 30

G_END_DECLS
