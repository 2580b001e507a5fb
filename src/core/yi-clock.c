#include "config.h"

#include "yi-clock.h"

#include <gio/gio.h>

#include <stdlib.h>
#include <string.h>

static gint64 clock_offset_us;
static gsize clock_env_read;

static void
clock_read_env_once (void)
{
  if (g_once_init_enter (&clock_env_read))
    {
      const char *env = g_getenv ("YIYANG_NOW");
      gint64 at;

      if (env != NULL && yi_clock_parse_utc (env, &at))
        clock_offset_us = at - g_get_real_time ();
      g_once_init_leave (&clock_env_read, 1);
    }
}

gint64
yi_clock_now_us (void)
{
  clock_read_env_once ();
  return g_get_real_time () + clock_offset_us;
}

void
yi_clock_set_offset (gint64 offset_us)
{
  clock_read_env_once ();
  clock_offset_us = offset_us;
}

gint64
yi_clock_get_offset (void)
{
  clock_read_env_once ();
  return clock_offset_us;
}

gboolean
yi_clock_set_now (const char *iso8601,
                  GError    **error)
{
  gint64 at;

  if (!yi_clock_parse_utc (iso8601, &at))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a date and time such as 2026-03-02T08:30:00Z", iso8601);
      return FALSE;
    }
  yi_clock_set_offset (at - g_get_real_time ());
  return TRUE;
}

static char *
yi_clock_format_utc_slow (gint64 unix_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) full = g_date_time_add (dt, unix_us % G_USEC_PER_SEC);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (full),
                          g_date_time_get_month (full),
                          g_date_time_get_day_of_month (full),
                          g_date_time_get_hour (full),
                          g_date_time_get_minute (full),
                          g_date_time_get_second (full),
                          (int) ((unix_us % G_USEC_PER_SEC) / 1000));
}

static char *
put_digits (char    *p,
            guint64  v,
            int      width)
{
  for (int i = width - 1; i >= 0; i--, v /= 10)
    p[i] = (char) ('0' + v % 10);
  return p + width;
}

char *
yi_clock_format_utc (gint64 unix_us)
{
  /* By hand for the years the store lives in: every record written
   * formats its time, and GDateTime with printf cost more than the
   * rest of the formatting of a bulk import together. */
  if (unix_us >= 0 && unix_us < G_GINT64_CONSTANT (253402300800000000))
    {
      gint64 secs = unix_us / G_USEC_PER_SEC;
      gint64 days = secs / 86400 + 719468;
      int sod = (int) (secs % 86400);
      /* civil from days, proleptic Gregorian */
      int era = (int) (days / 146097);
      int doe = (int) (days - (gint64) era * 146097);
      int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      int mp = (5 * doy + 2) / 153;
      int d = doy - (153 * mp + 2) / 5 + 1;
      int m = mp < 10 ? mp + 3 : mp - 9;
      int y = yoe + era * 400 + (m <= 2);
      char *out = g_malloc (25);
      char *p = out;

      p = put_digits (p, (guint64) y, 4);
      *p++ = '-';
      p = put_digits (p, (guint64) m, 2);
      *p++ = '-';
      p = put_digits (p, (guint64) d, 2);
      *p++ = 'T';
      p = put_digits (p, (guint64) (sod / 3600), 2);
      *p++ = ':';
      p = put_digits (p, (guint64) (sod / 60 % 60), 2);
      *p++ = ':';
      p = put_digits (p, (guint64) (sod % 60), 2);
      *p++ = '.';
      p = put_digits (p, (guint64) (unix_us % G_USEC_PER_SEC / 1000), 3);
      *p++ = 'Z';
      *p = '\0';
      return out;
    }
  return yi_clock_format_utc_slow (unix_us);
}

gboolean
yi_clock_parse_utc (const char *iso8601,
                    gint64     *out_unix_us)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (iso8601 == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (iso8601, utc);
  if (dt == NULL)
    return FALSE;
  *out_unix_us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

GDateTime *
yi_clock_local (gint64     unix_us,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_us / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, tz);
}

char *
yi_clock_local_date (gint64     unix_us,
                     GTimeZone *tz)
{
  g_autoptr(GDateTime) local = yi_clock_local (unix_us, tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
yi_clock_local_hhmm (gint64     unix_us,
                     GTimeZone *tz)
{
  g_autoptr(GDateTime) local = yi_clock_local (unix_us, tz);

  return g_date_time_format (local, "%H:%M");
}

gboolean
yi_date_parse (const char *s,
               int        *year,
               int        *month,
               int        *day)
{
  int y, m, d;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  return TRUE;
}

gboolean
yi_date_is_valid (const char *s)
{
  return yi_date_parse (s, NULL, NULL, NULL);
}

/* Age in full years (周岁) on a given date. */
int
yi_age_on (const char *birth_date,
           const char *on_date)
{
  int by, bm, bd, y, m, d, age;

  if (!yi_date_parse (birth_date, &by, &bm, &bd) || !yi_date_parse (on_date, &y, &m, &d))
    return -1;
  age = y - by;
  if (m < bm || (m == bm && d < bd))
    age--;
  return age;
}

/* 1 = Monday ... 7 = Sunday */
int
yi_date_weekday (const char *s)
{
  int y, m, d;

  GDate date;

  if (!yi_date_parse (s, &y, &m, &d))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_weekday (&date);
}

char *
yi_date_add_days (const char *s,
                  int         days)
{
  GDate date;
  int y, m, d;
  char buf[16];

  if (!yi_date_parse (s, &y, &m, &d))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buf);
}
