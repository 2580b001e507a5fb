/* A keyboard-wedge card reader types a card's UID as hex digits and Enter
 * within milliseconds; people type the same keys slowly.  The input is a
 * sequence of (gap, key) byte pairs: gap in milliseconds (255: let the
 * detector's deadline pass), key an ASCII character, or above 0x7f a CJK
 * character as an input method would deliver.  Whatever arrives, every
 * digit fed comes out exactly once, as typed text or in a card's UID, and
 * every UID is 8, 14 or 20 upper-case hex digits. */

#include "config.h"

#include "fuzz-common.h"
#include "yi-reader.h"

#include <string.h>

static guint
count_hex (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += g_ascii_isxdigit (*text) ? 1 : 0;
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(YiWedgeDetector) detector = NULL;
  gint64 now = 1000000;
  guint digits_in = 0, digits_out = 0;

  yi_fuzz_setup (FALSE);
  if (size < 1)
    return 0;
  detector = yi_wedge_detector_new (data[0] % 100);
  for (size_t i = 1; i + 1 < size; i += 2)
    {
      guint8 gap = data[i], key = data[i + 1];
      gunichar ch = key < 0x80 ? key : 0x4e00 + key;
      YiWedgeVerdict verdict;
      char *text;
      gint64 deadline;

      if (gap == 255)
        {
          deadline = yi_wedge_detector_get_deadline (detector);
          if (deadline >= 0)
            {
              yi_fuzz_check (deadline > now - 100 * 1000);
              now = MAX (now, deadline);
              yi_wedge_detector_expire (detector, now);
              yi_fuzz_check (yi_wedge_detector_get_deadline (detector) == -1);
            }
        }
      else
        now += gap * 1000;

      if (ch < 0x80 && g_ascii_isxdigit (ch))
        digits_in++;
      verdict = yi_wedge_detector_feed (detector, ch, now);
      if (verdict == YI_WEDGE_TAP)
        {
          g_autofree char *uid = yi_wedge_detector_take_uid (detector);
          gsize len;

          yi_fuzz_check (ch == '\n' || ch == '\r');
          yi_fuzz_check (uid != NULL);
          len = strlen (uid);
          yi_fuzz_check (len == 8 || len == 14 || len == 20);
          for (gsize k = 0; k < len; k++)
            yi_fuzz_check (g_ascii_isxdigit (uid[k]) && !g_ascii_islower (uid[k]));
          digits_out += len;
        }
      else
        yi_fuzz_check (verdict == YI_WEDGE_HOLD || verdict == YI_WEDGE_PASS);
      if ((text = yi_wedge_detector_take_released (detector)) != NULL)
        {
          yi_fuzz_check (count_hex (text) == strlen (text));
          digits_out += strlen (text);
          g_free (text);
        }
    }
  /* Whatever is still held is typing once its deadline passes. */
  yi_wedge_detector_expire (detector, G_MAXINT64 / 2);
  {
    g_autofree char *rest = yi_wedge_detector_take_released (detector);

    digits_out += rest ? strlen (rest) : 0;
  }
  yi_fuzz_check (digits_in == digits_out);
  return 0;
}
