#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 9562 UUID version 7: 48 bits of Unix milliseconds, then randomness,
 * so ids made on any device sort by creation time without coordination. */
char     *yi_uuid_v7_new      (void);
char     *yi_uuid_v7_format   (guint64       unix_ms,
                               const guint8 *rand);
gboolean  yi_uuid_is_valid    (const char *s);

G_END_DECLS
