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
  static const char hex[] = "0123456789abcdef";
  guint8 b[16];
  char *out = g_malloc (37);
  char *p = out;

  b[0] = unix_ms >> 40;
  b[1] = unix_ms >> 32;
  b[2] = unix_ms >> 24;
  b[3] = unix_ms >> 16;
  b[4] = unix_ms >> 8;
  b[5] = unix_ms;
  memcpy (b + 6, rand, 10);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = (b[8] & 0x3f) | 0x80;

  /* Every record, change and audit entry gets one: no printf here. */
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[b[i] >> 4];
      *p++ = hex[b[i] & 0x0f];
    }
  *p = '\0';
  return out;
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
