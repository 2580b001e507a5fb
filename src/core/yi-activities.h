#pragma once

#include "yi-programme.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_ACTIVITY_ERROR (yi_activity_error_quark ())

typedef enum {
  YI_ACTIVITY_ERROR_NOT_FOUND,
  YI_ACTIVITY_ERROR_OVER,            /* the session has ended */
  YI_ACTIVITY_ERROR_FULL,
  YI_ACTIVITY_ERROR_ALREADY_JOINED,
  YI_ACTIVITY_ERROR_INACTIVE_ELDER,
} YiActivityError;

GQuark   yi_activity_error_quark          (void);

/* The sessions themselves (what is on, seats left) come from
 * yi-programme.h: yi_programme_sessions_on() and yi_programme_session(),
 * the same figures staff see.  This is what an elder does with one. */
gboolean yi_store_elder_joined_activity   (YiStore     *store,
                                           const char  *elder_id,
                                           const char  *activity_id,
                                           const char  *date);
/* Whether the session has not started yet at the store's clock. */
gboolean yi_activity_session_is_upcoming  (YiStore           *store,
                                           const YiSession   *session);

/* Signs @elder_id up for the session of @activity_id on @date; @channel is
 * "kiosk" or "staff".  Refused when full, already joined or over.
 * Returns the new activity_signups id. */
char    *yi_store_join_activity           (YiStore     *store,
                                           const char  *elder_id,
                                           const char  *activity_id,
                                           const char  *date,
                                           const char  *channel,
                                           GError     **error);

G_END_DECLS
