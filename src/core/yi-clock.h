#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Microseconds since the Unix epoch, UTC.  Tests and demos can move the
 * clock with YIYANG_NOW=2026-03-02T08:30:00Z (time then runs on from there)
 * or yi_clock_set_offset(). */
gint64     yi_clock_now_us           (void);
void       yi_clock_set_offset       (gint64 offset_us);
gint64     yi_clock_get_offset       (void);
gboolean   yi_clock_set_now          (const char *iso8601,
                                      GError    **error);

char      *yi_clock_format_utc       (gint64 unix_us);
gboolean   yi_clock_parse_utc        (const char *iso8601,
                                      gint64     *out_unix_us);
GDateTime *yi_clock_local            (gint64     unix_us,
                                      GTimeZone *tz);
char      *yi_clock_local_date       (gint64     unix_us,
                                      GTimeZone *tz);
char      *yi_clock_local_hhmm       (gint64     unix_us,
                                      GTimeZone *tz);
gboolean   yi_date_parse             (const char *yyyy_mm_dd,
                                      int        *year,
                                      int        *month,
                                      int        *day);
gboolean   yi_date_is_valid          (const char *yyyy_mm_dd);
int        yi_age_on                 (const char *birth_date,
                                      const char *on_date);
int        yi_date_weekday           (const char *yyyy_mm_dd);
char      *yi_date_add_days          (const char *yyyy_mm_dd,
                                      int         days);

G_END_DECLS
