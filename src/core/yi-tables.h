#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  YI_TABLE_UNKNOWN,
  YI_TABLE_ENTITY,
  YI_TABLE_EVENT,
} YiTableKind;

YiTableKind   yi_table_kind            (const char *table);
const char  **yi_table_entities        (void);
const char  **yi_table_events          (void);
/* Tables a device may receive from the district (registry, catalogue,
 * policy) as opposed to only sending. */
gboolean      yi_table_is_synced       (const char *table);

G_END_DECLS
