#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* The activity programme (文体活动): weekly sessions that recur on a
 * weekday between valid_from and valid_to, and one-off events on a date
 * (重阳节, a trip).  A session is one activity on one date; elders sign up
 * for it and their attendance is taken by card or by hand. */

#define YI_PROGRAMME_ERROR (yi_programme_error_quark ())

typedef enum {
  YI_PROGRAMME_ERROR_INVALID,
  YI_PROGRAMME_ERROR_NOT_FOUND,
  YI_PROGRAMME_ERROR_NO_SESSION,      /* the activity does not meet that day */
  YI_PROGRAMME_ERROR_FULL,
  YI_PROGRAMME_ERROR_ALREADY_DONE,
  YI_PROGRAMME_ERROR_INACTIVE_ELDER,
} YiProgrammeError;

GQuark       yi_programme_error_quark   (void);

typedef struct {
  char    *id;
  char    *title;            /* Chinese */
  char    *title_en;         /* English, or NULL */
  char    *kind;
  char    *room;
  char    *leader;
  int      capacity;
  int      weekday;          /* 1 = Monday .. 7; 0 for a one-off */
  char    *on_date;          /* one-off events */
  char    *starts_at;        /* HH:MM */
  int      duration_min;
  char    *valid_from;
  char    *valid_to;
  gboolean active;
} YiActivity;

void         yi_activity_free           (YiActivity *activity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiActivity, yi_activity_free)

/* Kinds: lecture, calligraphy, chess, taichi, choir, dance, trip,
 * festival, birthday, other. */
const char *const *yi_activity_kind_codes (void);
const char  *yi_activity_kind_label     (const char *kind);
/* 周一 .. 周日 for 1 .. 7. */
const char  *yi_weekday_label           (int         weekday);

YiActivity  *yi_programme_get           (YiStore     *store,
                                         const char  *activity_id,
                                         GError     **error);
/* Weekly activities still running on or after @from_date, by weekday and
 * time, then one-off events on or after @from_date, by date and time. */
GPtrArray   *yi_programme_list          (YiStore     *store,
                                         const char  *from_date,
                                         GError     **error);
/* Creates (@activity->id NULL) or updates an activity after checking it:
 * a title, a time, a capacity of 1..500, a duration of 5 minutes to 12
 * hours, and either a weekday (weekly) or a date (one-off).  Returns the
 * id. */
char        *yi_programme_save          (YiStore     *store,
                                         const YiActivity *activity,
                                         GError     **error);
/* Ends a weekly activity after @last_date (its last session), or calls
 * off a one-off event. */
gboolean     yi_programme_end           (YiStore     *store,
                                         const char  *activity_id,
                                         const char  *last_date,
                                         GError     **error);

typedef struct {
  char    *activity_id;
  char    *date;
  char    *title;            /* Chinese */
  char    *title_en;         /* English, or NULL */
  char    *kind;
  char    *room;
  char    *leader;
  char    *starts_at;
  int      duration_min;
  int      capacity;
  int      signed_up;
  int      attended;
  int      walk_ins;         /* came without signing up */
  gboolean one_off;
} YiSession;

void         yi_session_free            (YiSession *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSession, yi_session_free)

/* Seats still free: capacity less those signed up and those who came
 * without signing up (a walk-in takes a seat too).  Never below 0. */
int          yi_session_seats_left      (const YiSession *session);

/* The sessions held on @date, by start time. */
GPtrArray   *yi_programme_sessions_on   (YiStore     *store,
                                         const char  *date,
                                         GError     **error);
YiSession   *yi_programme_session       (YiStore     *store,
                                         const char  *activity_id,
                                         const char  *date,
                                         GError     **error);
/* The session running at @now_us or starting within 30 minutes of it
 * (the earliest start wins); NULL without error when there is none. */
YiSession   *yi_programme_session_now   (YiStore     *store,
                                         gint64       now_us,
                                         GError     **error);

typedef struct {
  char     *elder_id;
  char     *name;
  char     *signup_id;       /* NULL: came without signing up */
  char     *attendance_id;   /* NULL: not here (yet) */
  char     *method;          /* "card" or "manual" */
  char     *arrived_at;      /* local HH:MM */
} YiAttendee;

void         yi_attendee_free           (YiAttendee *attendee);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiAttendee, yi_attendee_free)

/* Who signed up for the session and who came, by name. */
GPtrArray   *yi_programme_attendance    (YiStore     *store,
                                         const char  *activity_id,
                                         const char  *date,
                                         GError     **error);
/* Signs an elder up for a session (channel "staff" or "kiosk"); refused
 * when full or already signed up.  Returns the signup's id. */
char        *yi_programme_sign_up       (YiStore     *store,
                                         const char  *activity_id,
                                         const char  *date,
                                         const char  *elder_id,
                                         const char  *channel,
                                         GError     **error);
/* Records that the elder came (@method "card" or "manual").  Someone who
 * did not sign up is let in while seats are left.  Returns the
 * attendance's id. */
char        *yi_programme_take_attendance (YiStore     *store,
                                           const char  *activity_id,
                                           const char  *date,
                                           const char  *elder_id,
                                           const char  *method,
                                           GError     **error);

G_END_DECLS
