#include "config.h"

#include "yi-hlc.h"
#include "yi-clock.h"

#include <stdlib.h>
#include <string.h>

void
yi_hlc_init (YiHlc      *hlc,
             const char *device_id)
{
  hlc->physical_ms = 0;
  hlc->counter = 0;
  hlc->device_id = g_strdup (device_id);
  g_mutex_init (&hlc->lock);
}

void
yi_hlc_clear (YiHlc *hlc)
{
  g_clear_pointer (&hlc->device_id, g_free);
  g_mutex_clear (&hlc->lock);
}

char *
yi_hlc_now (YiHlc *hlc)
{
  guint64 wall = (guint64) (yi_clock_now_us () / 1000);
  char *text;

  g_mutex_lock (&hlc->lock);
  if (wall > hlc->physical_ms)
    {
      hlc->physical_ms = wall;
      hlc->counter = 0;
    }
  else
    hlc->counter++;
  /* By hand rather than printf: every record written takes a clock. */
  if (hlc->physical_ms < G_GUINT64_CONSTANT (1000000000000000) && hlc->counter < 100000)
    {
      gsize id_len = strlen (hlc->device_id);
      guint64 v = hlc->physical_ms;
      guint32 c = hlc->counter;

      text = g_malloc (15 + 1 + 5 + 1 + id_len + 1);
      for (int i = 14; i >= 0; i--, v /= 10)
        text[i] = (char) ('0' + v % 10);
      text[15] = '-';
      for (int i = 20; i >= 16; i--, c /= 10)
        text[i] = (char) ('0' + c % 10);
      text[21] = '-';
      memcpy (text + 22, hlc->device_id, id_len + 1);
    }
  else
    text = g_strdup_printf ("%015" G_GUINT64_FORMAT "-%05u-%s",
                            hlc->physical_ms, hlc->counter, hlc->device_id);
  g_mutex_unlock (&hlc->lock);
  return text;
}

gboolean
yi_hlc_parse (const char *text,
              guint64    *physical_ms,
              guint32    *counter)
{
  char *end;
  guint64 p;
  unsigned long c;

  if (text == NULL || strlen (text) < 22 || text[15] != '-' || text[21] != '-')
    return FALSE;
  p = g_ascii_strtoull (text, &end, 10);
  if (end != text + 15)
    return FALSE;
  c = strtoul (text + 16, &end, 10);
  if (end != text + 21 || c > 99999)
    return FALSE;
  if (physical_ms) *physical_ms = p;
  if (counter) *counter = (guint32) c;
  return TRUE;
}

/* Receiving a clock from elsewhere moves ours past it, so our next local
 * change orders after everything we have seen.  Remote clocks more than a
 * day ahead of our wall time are not followed: one bad clock must not drag
 * every device into the future. */
gboolean
yi_hlc_observe (YiHlc      *hlc,
                const char *remote)
{
  guint64 rp;
  guint32 rc;
  guint64 wall = (guint64) (yi_clock_now_us () / 1000);

  if (!yi_hlc_parse (remote, &rp, &rc))
    return FALSE;
  if (rp > wall + 24 * 3600 * 1000ULL)
    return FALSE;
  g_mutex_lock (&hlc->lock);
  if (rp > hlc->physical_ms)
    {
      hlc->physical_ms = rp;
      hlc->counter = rc;
    }
  else if (rp == hlc->physical_ms && rc > hlc->counter)
    hlc->counter = rc;
  g_mutex_unlock (&hlc->lock);
  return TRUE;
}

int
yi_hlc_compare (const char *a,
                const char *b)
{
  if (a == NULL)
    return b == NULL ? 0 : -1;
  if (b == NULL)
    return 1;
  return strcmp (a, b);
}
