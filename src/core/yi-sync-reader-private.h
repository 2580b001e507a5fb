#pragma once

#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* Shared between the push request reader (yi-sync-reader.c) and its JSON
 * primitives (yi-sync-reader-scan.c); not for other callers. */

typedef struct {
  const char *p;
  const char *end;
  const char *start;
  GError    **error;
  gboolean    failed;
  gboolean    syntax;   /* the failure is in the JSON itself */
  gboolean    scan;     /* payloads as field lists, not objects */
} YiSyncReader;

/* g_utf8_validate_len() that also refuses NUL, fast on mostly ASCII. */
gboolean    yi_sync_text_is_utf8      (const char   *data,
                                       gsize         len);

/* Sets the syntax error at the current position (once); always FALSE. */
gboolean    yi_sync_reader_fail       (YiSyncReader *r,
                                       const char   *what);
void        yi_sync_reader_skip_space (YiSyncReader *r);
gboolean    yi_sync_reader_expect     (YiSyncReader *r,
                                       char          c);
/* After a member or an element: TRUE when a comma says another follows;
 * FALSE at @close, which it takes, or on an error (r->failed set). */
gboolean    yi_sync_reader_more       (YiSyncReader *r,
                                       char          close);

/* A string's unescaped text into @out; *@escaped set if it had escapes. */
gboolean    yi_sync_reader_string     (YiSyncReader *r,
                                       GString      *out,
                                       gboolean     *escaped);
gboolean    yi_sync_reader_literal    (YiSyncReader *r,
                                       const char   *word);

/* Any value as a json-glib node; NULL after a failure. */
JsonNode   *yi_sync_reader_value      (YiSyncReader *r,
                                       GString      *scratch,
                                       int           depth,
                                       gboolean     *escaped);
JsonObject *yi_sync_reader_object     (YiSyncReader *r,
                                       GString      *scratch,
                                       int           depth,
                                       gboolean     *escaped);

/* A value checked as yi_sync_reader_value() checks it, without building it. */
gboolean    yi_sync_reader_skip_value (YiSyncReader *r,
                                       GString      *scratch,
                                       int           depth,
                                       gboolean     *escaped);

G_END_DECLS
