#pragma once

#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* The push request body (docs/sync-protocol.md §3.3) read without
 * json-glib's parser; what yi_sync_push_request_parse() uses.  Each change
 * keeps its payload's text as sent (payload_text) when that text has no
 * escapes, so the district can log it without writing it out again. */
YiSyncPushRequest *yi_sync_push_request_read (const char  *data,
                                              gssize       len,
                                              GError     **error);

/* The same, for the district, which needs of a payload only its text and
 * its members' names and kinds: a payload without escapes is checked as
 * JSON but not built; the change has payload_fields, payload_text and a
 * NULL payload (yi_sync_change_ensure_payload() builds it when needed). */
YiSyncPushRequest *yi_sync_push_request_scan (const char  *data,
                                              gssize       len,
                                              GError     **error);

/* Builds @change->payload from its payload_text if it has none. */
gboolean           yi_sync_change_ensure_payload (YiSyncChange  *change,
                                                  GError       **error);

/* One JSON object, such as a stored payload, by the same reader. */
JsonObject        *yi_sync_json_object_read  (const char  *text,
                                              gssize       len,
                                              GError     **error);

G_END_DECLS
