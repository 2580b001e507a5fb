#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 accepts escapes JSON does not have ("\316" is read as an
 * octal byte), so text that was valid UTF-8 on the wire can come out of
 * the parser as a string that is not.  Every parser of outside input
 * checks the tree with this before using it: TRUE when every string and
 * member name is valid UTF-8 without NUL characters. */
gboolean yi_json_node_is_valid_text (JsonNode *node);

/* json-glib's parse errors quote the text near the fault, cut at a byte
 * boundary; this is the message made valid UTF-8, fit for an answer, a
 * log or the screen. */
char    *yi_json_error_text         (const GError *error);

/* @object as compact JSON, members in the order they were set, as
 * json_to_string() writes it; flat objects of text, whole numbers, truth
 * values and nulls are written without building json-glib's generator,
 * since every record written becomes one. */
char    *yi_json_object_to_string   (JsonObject   *object);

G_END_DECLS
