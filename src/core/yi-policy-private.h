#pragma once

#include "yi-policy.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Strict readers for the policy document: each names the field's path in
 * its error, and a missing optional field leaves *out untouched. */
gboolean yi_policy_invalid (GError **error, const char *path, const char *format, ...) G_GNUC_PRINTF (3, 4);
char *yi_policy_child_path (const char *path, const char *key);
gboolean yi_policy_only_keys (JsonObject *obj, const char *path, const char * const *allowed, GError **error);
JsonNode *yi_policy_member (JsonObject *obj, const char *key);
gboolean yi_policy_read_object (JsonObject *obj, const char *key, const char *path, gboolean required, JsonObject **out, GError **error);
gboolean yi_policy_read_array (JsonObject *obj, const char *key, const char *path, gboolean required, JsonArray **out, GError **error);
gboolean yi_policy_node_is_string (JsonNode *node);
gboolean yi_policy_read_string (JsonObject *obj, const char *key, const char *path, gboolean required, const char **out, GError **error);
gboolean yi_policy_read_int (JsonObject *obj, const char *key, const char *path, gboolean required, gint64 min, gint64 max, gint64 *out, GError **error);
gboolean yi_policy_read_bool (JsonObject *obj, const char *key, const char *path, gboolean *out, GError **error);
gboolean yi_policy_read_date (JsonObject *obj, const char *key, const char *path, gboolean required, char **out, GError **error);
gboolean yi_policy_read_codes (JsonObject *obj, const char *key, const char *path, const char * const *allowed, const char *what, char ***out, GError **error);

G_END_DECLS
