#include "config.h"

#include "yi-reader.h"

#include <glib/gi18n-lib.h>

struct _YiWedgeReader
{
  YiReader         parent_instance;
  YiWedgeDetector *detector;
};

G_DEFINE_FINAL_TYPE (YiWedgeReader, yi_wedge_reader, YI_TYPE_READER)

static void
yi_wedge_reader_start (YiReader *reader)
{
  /* A wedge reader is a keyboard: nothing to open, nothing to lose. */
  yi_reader_set_status (reader, YI_READER_STATUS_CONNECTED,
                        _("The keyboard card reader is ready."));
}

static void
yi_wedge_reader_finalize (GObject *object)
{
  YiWedgeReader *self = YI_WEDGE_READER (object);

  g_clear_pointer (&self->detector, yi_wedge_detector_free);
  G_OBJECT_CLASS (yi_wedge_reader_parent_class)->finalize (object);
}

static void
yi_wedge_reader_class_init (YiWedgeReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_wedge_reader_finalize;
  YI_READER_CLASS (klass)->start = yi_wedge_reader_start;
}

static void
yi_wedge_reader_init (YiWedgeReader *self)
{
}

YiReader *
yi_wedge_reader_new (guint max_gap_ms)
{
  YiWedgeReader *self = g_object_new (YI_TYPE_WEDGE_READER, NULL);

  self->detector = yi_wedge_detector_new (max_gap_ms);
  return YI_READER (self);
}

YiWedgeDetector *
yi_wedge_reader_get_detector (YiWedgeReader *self)
{
  g_return_val_if_fail (YI_IS_WEDGE_READER (self), NULL);
  return self->detector;
}

YiWedgeVerdict
yi_wedge_reader_feed (YiWedgeReader *self,
                      gunichar       ch,
                      gint64         time_us)
{
  YiWedgeVerdict verdict;

  g_return_val_if_fail (YI_IS_WEDGE_READER (self), YI_WEDGE_PASS);

  verdict = yi_wedge_detector_feed (self->detector, ch, time_us);
  if (verdict == YI_WEDGE_TAP)
    {
      g_autofree char *uid = yi_wedge_detector_take_uid (self->detector);
      g_autoptr(GError) error = NULL;

      if (!yi_reader_report_tap (YI_READER (self), uid, &error))
        g_warning ("Keyboard card reader: %s", error->message);
    }
  return verdict;
}
