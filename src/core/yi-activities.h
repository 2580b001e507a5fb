#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_ACTIVITY_ERROR (yi_activity_error_quark ())

typedef enum {
  YI_ACTIVITY_ERROR_NOT_FOUND,
  YI_ACTIVITY_ERROR_NOT_ON_DATE,     /* no session of it that day */
  YI_ACTIVITY_ERROR_OVER,            /* the session has ended */
  YI_ACTIVITY_ERROR_FULL,
  YI_ACTIVITY_ERROR_ALREADY_JOINED,
  YI_ACTIVITY_ERROR_INACTIVE_ELDER,
} YiActivityError;

GQuark   yi_activity_error_quark          (void);

/* One activity on one day: a weekly session or a one-off event. */
typedef struct {
  char *activity_id;
  char *session_date;
  char *title_zh;
  char *title_en;
  char *kind;
  char *room;
  char *leader;
  char *starts_at;                  /* local HH:MM */
  int   duration_min;
  int   capacity;
  int   joined;                     /* sign-ups, voided ones excluded */
  int   seats_left;
} YiActivitySession;

void     yi_activity_session_free         (YiActivitySession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiActivitySession, yi_activity_session_free)

/* Sessions held on @date, by starting time.  YiActivitySession each. */
GPtrArray *yi_store_list_activity_sessions (YiStore     *store,
                                            const char  *date,
                                            GError     **error);
YiActivitySession *yi_store_get_activity_session (YiStore     *store,
                                                  const char  *activity_id,
                                                  const char  *date,
                                                  GError     **error);
gboolean yi_store_elder_joined_activity   (YiStore     *store,
                                           const char  *elder_id,
                                           const char  *activity_id,
                                           const char  *date);
/* Whether the session has not started yet at the store's clock. */
gboolean yi_activity_session_is_upcoming  (YiStore           *store,
                                           YiActivitySession *session);

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
