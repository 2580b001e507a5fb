#include "config.h"

#include "yi-report-private.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

static char *
format_date (int year,
             int month,
             int day)
{
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static void
set_months (int    year,
            int    first_month,
            int    n_months,
            char **from,
            char **to)
{
  int last = first_month + n_months - 1;

  *from = format_date (year, first_month, 1);
  *to = format_date (year, last, g_date_get_days_in_month ((GDateMonth) last, (GDateYear) year));
}

static gboolean
parse_number (const char *s,
              gsize       len,
              int        *out)
{
  int v = 0;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
yi_report_period_parse (const char  *spec,
                        const char  *today,
                        char       **from,
                        char       **to,
                        GError     **error)
{
  int y, m, d, q;
  gsize len = strlen (spec);

  if (!yi_date_parse (today, &y, &m, &d))
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD,
                   C_("report", "Today's date “%s” is not valid"), today);
      return FALSE;
    }

  if (strcmp (spec, "this-month") == 0)
    set_months (y, m, 1, from, to);
  else if (strcmp (spec, "last-month") == 0)
    set_months (m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1, 1, from, to);
  else if (strcmp (spec, "this-quarter") == 0)
    set_months (y, (m - 1) / 3 * 3 + 1, 3, from, to);
  else if (strcmp (spec, "last-quarter") == 0)
    {
      q = (m - 1) / 3;
      if (q == 0)
        set_months (y - 1, 10, 3, from, to);
      else
        set_months (y, (q - 1) * 3 + 1, 3, from, to);
    }
  else if (strcmp (spec, "this-year") == 0)
    set_months (y, 1, 12, from, to);
  else if (strcmp (spec, "last-year") == 0)
    set_months (y - 1, 1, 12, from, to);
  else if (len == 4 && parse_number (spec, 4, &y) && y >= 1900)
    set_months (y, 1, 12, from, to);
  else if (len == 6 && (spec[4] == 'Q' || spec[4] == 'q') &&
           parse_number (spec, 4, &y) && y >= 1900 &&
           parse_number (spec + 5, 1, &q) && q >= 1 && q <= 4)
    set_months (y, (q - 1) * 3 + 1, 3, from, to);
  else if (len == 7 && spec[4] == '-' && parse_number (spec, 4, &y) && y >= 1900 &&
           parse_number (spec + 5, 2, &m) && m >= 1 && m <= 12)
    set_months (y, m, 1, from, to);
  else
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD,
                   C_("report", "“%s” is not a period; use this-month, last-month, this-quarter, "
                     "last-quarter, this-year, last-year, a year (2026), a quarter (2026Q3) "
                     "or a month (2026-07)"), spec);
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_report_period_check (const char  *from,
                        const char  *to,
                        GError     **error)
{
  const char *dates[] = { from, to };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] == NULL || !yi_date_is_valid (dates[i]))
      {
        g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD,
                     C_("report", "“%s” is not a date; write it as YYYY-MM-DD, for example 2026-07-01"),
                     dates[i] ? dates[i] : "");
        return FALSE;
      }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_BAD_PERIOD,
                   C_("report", "The period starts (%s) after it ends (%s)"), from, to);
      return FALSE;
    }
  return TRUE;
}

char *
yi_report_period_label (const char *from,
                        const char *to)
{
  int fy, fm, fd, ty, tm, td;

  if (!yi_date_parse (from, &fy, &fm, &fd) || !yi_date_parse (to, &ty, &tm, &td))
    return g_strdup_printf ("%s – %s", from, to);
  if (fd == 1 && fy == ty && td == g_date_get_days_in_month ((GDateMonth) tm, (GDateYear) ty))
    {
      if (fm == 1 && tm == 12)
        /* TRANSLATORS: a whole year in a report title */
        return g_strdup_printf (C_("report", "Year %d"), fy);
      if (fm == tm)
        /* TRANSLATORS: a whole month in a report title: year, month */
        return g_strdup_printf (C_("report", "%d-%02d"), fy, fm);
      if ((fm - 1) % 3 == 0 && tm == fm + 2)
        /* TRANSLATORS: a quarter in a report title: year, quarter number */
        return g_strdup_printf (C_("report", "%d Q%d"), fy, (fm - 1) / 3 + 1);
    }
  /* TRANSLATORS: a custom period in a report title */
  return g_strdup_printf (C_("report", "%s to %s"), from, to);
}

gboolean
yi_report_trend_is_weekly (const char *from,
                           const char *to)
{
  int fy, fm, fd, ty, tm, td;
  GDate a, b;

  if (!yi_date_parse (from, &fy, &fm, &fd) || !yi_date_parse (to, &ty, &tm, &td))
    return FALSE;
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, (GDateDay) fd, (GDateMonth) fm, (GDateYear) fy);
  g_date_set_dmy (&b, (GDateDay) td, (GDateMonth) tm, (GDateYear) ty);
  return g_date_days_between (&a, &b) < 92;
}
