#pragma once

#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* Shared between the push request and change codec (yi-sync-codec.c) and
 * the codecs of the other sync bodies (yi-sync-codec-answer.c); not for
 * other callers. */

#define malformed(error, ...) yi_sync_set_error ((error), YI_SYNC_ERROR_MALFORMED, __VA_ARGS__)

/* A body that must be one JSON object, read by json-glib and checked. */
JsonObject *yi_sync_codec_parse_object        (const char  *data,
                                               gssize       len,
                                               GError     **error);

/* A string member; NULL with an error if it is required and missing or
 * not a string, NULL without one if it is optional and absent or null. */
char       *yi_sync_codec_get_string          (JsonObject  *obj,
                                               const char  *name,
                                               gboolean     required,
                                               GError     **error);
gboolean    yi_sync_codec_get_int             (JsonObject  *obj,
                                               const char  *name,
                                               gint64      *out,
                                               GError     **error);
JsonArray  *yi_sync_codec_get_array           (JsonObject  *obj,
                                               const char  *name,
                                               GError     **error);

char       *yi_sync_codec_object_to_string    (JsonObject  *obj);
void        yi_sync_codec_set_optional_string (JsonObject  *obj,
                                               const char  *name,
                                               const char  *value);

/* A "changes" list read into YiSyncChanges, at most @max of them. */
GPtrArray  *yi_sync_codec_changes_from_array  (JsonArray   *array,
                                               gboolean     with_origin,
                                               guint        max,
                                               GError     **error);

/* "name":"value" written straight into @out. */
void        yi_sync_codec_append_member       (GString     *out,
                                               const char  *name,
                                               const char  *value);

/* The members of a change after the opening brace, and the closing one. */
void        yi_sync_codec_append_change       (GString            *out,
                                               const YiSyncChange *change,
                                               gboolean            with_origin);

G_END_DECLS
