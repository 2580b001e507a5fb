#include "config.h"

#include "yi-ids.h"
#include "yi-clock.h"

#include <sodium.h>
#include <string.h>

char *
yi_uuid_v7_new (void)
{
  static GMutex lock;
  static guint64 last_ms;
  static guint16 seq;
  guint8 b[16];
  guint64 ms = (guint64) (yi_clock_now_us () / 1000);

  randombytes_buf (b, sizeof b);

  /* Ids made within one millisecond still sort in creation order. */
  g_mutex_lock (&lock);
  if (ms <= last_ms)
    {
      ms = last_ms;
      seq++;
    }
  else
    {
      last_ms = ms;
      seq = (guint16) (b[6] << 4 | b[7] >> 4) & 0x1ff;
    }
  g_mutex_unlock (&lock);

  b[6] = (seq >> 8) & 0x0f;
  b[7] = seq & 0xff;
  return yi_uuid_v7_format (ms, b + 6);
}

/* @rand holds the 10 bytes after the timestamp; the version and variant
 * bits are set here.  Lets seeded generators (demo data) make stable ids. */
char *
yi_uuid_v7_format (guint64       unix_ms,
                   const guint8 *rand)
{
  guint8 b[16];

  b[0] = unix_ms >> 40;
  b[1] = unix_ms >> 32;
  b[2] = unix_ms >> 24;
  b[3] = unix_ms >> 16;
  b[4] = unix_ms >> 8;
  b[5] = unix_ms;
  memcpy (b + 6, rand, 10);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

gboolean
yi_uuid_is_valid (const char *s)
{
  if (s == NULL || strlen (s) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (s[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (s[i]))
        return FALSE;
    }
  return TRUE;
}
