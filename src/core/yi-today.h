#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* One elder's day at the centre, from the attendance events of that date. */
typedef struct {
  char    *elder_id;
  char    *name;
  char    *first_in;      /* local HH:MM of the first check-in */
  char    *last_out;      /* local HH:MM of the last check-out, or NULL */
  gboolean present;       /* the last event of the day is a check-in */
  gboolean manual;        /* any of the day's events was entered by hand */
} YiTodayEntry;

typedef struct {
  char      *date;
  GPtrArray *entries;     /* YiTodayEntry, in now first, then by arrival */
  guint      came;        /* distinct elders who checked in */
  guint      present;     /* still in */
  guint      left;        /* came and have gone */
} YiToday;

void     yi_today_free            (YiToday *today);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiToday, yi_today_free)

/* Who came on @date (NULL: today at the centre).  Voided events do not
 * count.  With @volunteer_staff_id set, only that volunteer's elders. */
YiToday *yi_today_load            (YiStore     *store,
                                   const char  *date,
                                   const char  *volunteer_staff_id,
                                   GError     **error);

/* Checks an elder in or out by hand (they came without their card); the
 * event is recorded with method 'manual' under the current actor.  Refuses
 * a check-in for someone already in, a check-out for someone not in, and
 * elders who have moved or died. */
char    *yi_today_check_in        (YiStore     *store,
                                   const char  *elder_id,
                                   GError     **error);
char    *yi_today_check_out       (YiStore     *store,
                                   const char  *elder_id,
                                   GError     **error);
/* The centre's local "HH:MM" of a stored UTC timestamp (NULL if unreadable). */
char    *yi_today_hhmm_of         (YiStore     *store,
                                   const char  *utc);
gboolean yi_today_is_present      (YiStore     *store,
                                   const char  *elder_id);

G_END_DECLS
