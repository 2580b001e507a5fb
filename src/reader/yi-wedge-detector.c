#include "config.h"

#include "yi-reader.h"

/* The longest UID is 10 bytes, 20 hex digits. */
#define MAX_DIGITS 20

struct _YiWedgeDetector
{
  gint64   max_gap_us;
  GString *held;          /* digits that may be a card burst */
  gint64   last_us;       /* time of the last held digit */
  GString *released;      /* human typing to hand back */
  char    *uid;
};

YiWedgeDetector *
yi_wedge_detector_new (guint max_gap_ms)
{
  YiWedgeDetector *self = g_new0 (YiWedgeDetector, 1);

  self->max_gap_us = (gint64) (max_gap_ms ? max_gap_ms : YI_WEDGE_DEFAULT_MAX_GAP_MS) * 1000;
  self->held = g_string_new (NULL);
  self->released = g_string_new (NULL);
  return self;
}

void
yi_wedge_detector_free (YiWedgeDetector *self)
{
  if (self == NULL)
    return;
  g_string_free (self->held, TRUE);
  g_string_free (self->released, TRUE);
  g_free (self->uid);
  g_free (self);
}

static void
release_held (YiWedgeDetector *self)
{
  g_string_append_len (self->released, self->held->str, self->held->len);
  g_string_truncate (self->held, 0);
}

static gboolean
is_uid_length (gsize digits)
{
  return digits == 8 || digits == 14 || digits == 20;
}

YiWedgeVerdict
yi_wedge_detector_feed (YiWedgeDetector *self,
                        gunichar         ch,
                        gint64           time_us)
{
  gboolean in_burst;

  g_return_val_if_fail (self != NULL, YI_WEDGE_PASS);

  in_burst = self->held->len > 0 && time_us - self->last_us <= self->max_gap_us;

  if (ch < 0x80 && g_ascii_isxdigit ((char) ch))
    {
      if (!in_burst || self->held->len >= MAX_DIGITS)
        release_held (self);
      g_string_append_c (self->held, (char) ch);
      self->last_us = time_us;
      return YI_WEDGE_HOLD;
    }

  if ((ch == '\n' || ch == '\r') && in_burst && is_uid_length (self->held->len))
    {
      g_free (self->uid);
      self->uid = g_ascii_strup (self->held->str, self->held->len);
      g_string_truncate (self->held, 0);
      return YI_WEDGE_TAP;
    }

  release_held (self);
  return YI_WEDGE_PASS;
}

gint64
yi_wedge_detector_get_deadline (YiWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->held->len == 0)
    return -1;
  return self->last_us + self->max_gap_us;
}

void
yi_wedge_detector_expire (YiWedgeDetector *self,
                          gint64           now_us)
{
  g_return_if_fail (self != NULL);

  if (self->held->len > 0 && now_us >= self->last_us + self->max_gap_us)
    release_held (self);
}

char *
yi_wedge_detector_take_released (YiWedgeDetector *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->released->len == 0)
    return NULL;
  text = g_strndup (self->released->str, self->released->len);
  g_string_truncate (self->released, 0);
  return text;
}

char *
yi_wedge_detector_take_uid (YiWedgeDetector *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_steal_pointer (&self->uid);
}
