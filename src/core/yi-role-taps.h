#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* What a card tap means depends on where the kiosk stands: by the door it
 * checks the elder in or out (yi_store_tap), in the dining hall it marks
 * the meal served, in the activity room it takes attendance.  The role is
 * the setting kiosk-role (yi-settings.h); the enum's values are the
 * schema's. */

typedef enum {
  YI_KIOSK_ROLE_DOOR,
  YI_KIOSK_ROLE_DINING,
  YI_KIOSK_ROLE_ACTIVITY,
} YiKioskRole;

const char  *yi_kiosk_role_code        (YiKioskRole  role);
gboolean     yi_kiosk_role_parse       (const char  *code,
                                        YiKioskRole *role);
const char  *yi_kiosk_role_label       (YiKioskRole  role);
/* The door unless set otherwise. */
YiKioskRole  yi_store_get_kiosk_role   (YiStore     *store);
gboolean     yi_store_set_kiosk_role   (YiStore     *store,
                                        YiKioskRole  role,
                                        GError     **error);

typedef enum {
  YI_ROLE_TAP_MEAL_SERVED,
  YI_ROLE_TAP_MEAL_NOT_ORDERED,
  YI_ROLE_TAP_MEAL_ALREADY_SERVED,
  YI_ROLE_TAP_ATTENDED,            /* signed up and now marked present */
  YI_ROLE_TAP_WALK_IN,             /* not signed up, a seat was free */
  YI_ROLE_TAP_ALREADY_ATTENDED,
  YI_ROLE_TAP_SESSION_FULL,        /* not signed up, no seat left */
  YI_ROLE_TAP_NO_SESSION,          /* nothing on now or in the next 30 minutes */
  YI_ROLE_TAP_UNKNOWN_CARD,
  YI_ROLE_TAP_INACTIVE_ELDER,
  YI_ROLE_TAP_STAFF,               /* a staff card: the window opens staff mode */
} YiRoleTapKind;

typedef struct {
  YiRoleTapKind kind;
  char         *uid;
  char         *elder_id;
  char         *elder_name;
  char         *staff_id;
  char         *event_id;      /* meals_served or activity_attendance row written */
  char         *meal;
  char         *activity_id;
  char         *activity_title;
  int           seats_left;
  char         *message;       /* what the screen says to the elder */
} YiRoleTapResult;

void         yi_role_tap_result_free   (YiRoleTapResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiRoleTapResult, yi_role_tap_result_free)

/* A tap in the dining hall: marks the elder's order of the meal being
 * served now (breakfast, lunch or dinner by the clock) served by card. */
YiRoleTapResult *yi_store_dining_tap   (YiStore     *store,
                                        const char  *uid,
                                        GError     **error);
/* A tap in the activity room: attendance for the session running now or
 * starting within 30 minutes. */
YiRoleTapResult *yi_store_activity_tap (YiStore     *store,
                                        const char  *uid,
                                        GError     **error);
/* Dispatches on @role; the door role is yi_store_tap()'s, and is refused
 * here with G_IO_ERROR_NOT_SUPPORTED. */
YiRoleTapResult *yi_store_role_tap     (YiStore     *store,
                                        YiKioskRole  role,
                                        const char  *uid,
                                        GError     **error);

G_END_DECLS
