#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hybrid logical clock.  Its text form "PPPPPPPPPPPPPPP-CCCCC-DEVICE"
 * (physical ms, counter, device id) compares correctly with strcmp, so the
 * device id breaks ties between equal clocks. */
typedef struct {
  guint64  physical_ms;
  guint32  counter;
  char    *device_id;
  GMutex   lock;
} YiHlc;

void      yi_hlc_init      (YiHlc      *hlc,
                            const char *device_id);
void      yi_hlc_clear     (YiHlc      *hlc);
char     *yi_hlc_now       (YiHlc      *hlc);
gboolean  yi_hlc_observe   (YiHlc      *hlc,
                            const char *remote);
gboolean  yi_hlc_parse     (const char *text,
                            guint64    *physical_ms,
                            guint32    *counter);
int       yi_hlc_compare   (const char *a,
                            const char *b);

G_END_DECLS
