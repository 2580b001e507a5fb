#include "config.h"

#include "yi-sync-codec.h"
#include "yi-sync-reader.h"
#include "yi-sync-codec-private.h"
#include "yi-json.h"
#include "yi-clock.h"
#include "yi-hlc.h"
#include "yi-ids.h"
#include "yi-tables.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-sync-error-quark, yi_sync_error)

static const struct {
  YiSyncError  code;
  const char  *name;
  guint        http_status;
} error_codes[] = {
  { YI_SYNC_ERROR_MALFORMED, "malformed", 400 },
  { YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL, "unsupported_protocol", 400 },
  { YI_SYNC_ERROR_UNAUTHORIZED, "unauthorized", 401 },
  { YI_SYNC_ERROR_REVOKED, "revoked", 401 },
  { YI_SYNC_ERROR_FORBIDDEN, "forbidden", 403 },
  { YI_SYNC_ERROR_NOT_FOUND, "not_found", 404 },
  { YI_SYNC_ERROR_CONFLICT, "conflict", 409 },
  { YI_SYNC_ERROR_TOO_LARGE, "too_large", 413 },
  { YI_SYNC_ERROR_SERVER, "server_error", 500 },
  { YI_SYNC_ERROR_UNAVAILABLE, "unavailable", 503 },
};

const char *
yi_sync_error_code_to_string (YiSyncError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (error_codes[i].code == code)
      return error_codes[i].name;
  return "server_error";
}

YiSyncError
yi_sync_error_code_from_string (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (g_strcmp0 (error_codes[i].name, code) == 0)
      return error_codes[i].code;
  return YI_SYNC_ERROR_SERVER;
}

guint
yi_sync_error_http_status (YiSyncError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    if (error_codes[i].code == code)
      return error_codes[i].http_status;
  return 500;
}

const char *
yi_sync_result_status_to_string (YiSyncResultStatus status)
{
  switch (status)
    {
    case YI_SYNC_RESULT_ACCEPTED:
      return "accepted";
    case YI_SYNC_RESULT_DUPLICATE:
      return "duplicate";
    case YI_SYNC_RESULT_REJECTED:
    default:
      return "rejected";
    }
}

gboolean
yi_sync_set_error (GError      **error,
                   YiSyncError   code,
                   const char   *format,
                   ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, YI_SYNC_ERROR, code, msg);
  return FALSE;
}

GBytes *
yi_sync_gzip (GBytes *plain)
{
  /* Level 3: a third of level 6's work for a body 15 % larger; a kiosk
   * sending a year of records spent more time compressing than anything. */
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 3);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (plain);
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (mem, G_CONVERTER (gz));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, conv, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, NULL) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

JsonObject *
yi_sync_codec_parse_object (const char  *data,
                            gssize       len,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (data == NULL)
    {
      malformed (error, _("The body is empty; a JSON object was expected"));
      return NULL;
    }
  if (len < 0)
    len = (gssize) strlen (data);
  if (!g_utf8_validate (data, len, NULL))
    {
      malformed (error, _("The body is not valid UTF-8"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      g_autofree char *why = yi_json_error_text (local);
      malformed (error, _("The body is not valid JSON: %s"), why);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, _("The body must be a JSON object"));
      return NULL;
    }
  if (!yi_json_node_is_valid_text (root))
    {
      malformed (error, _("The body holds text that is not valid UTF-8 (check the escapes in its strings)"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* A string member; NULL with an error if it is required and missing or
 * not a string, NULL without one if it is optional and absent or null. */
char *
yi_sync_codec_get_string (JsonObject  *obj,
                          const char  *name,
                          gboolean     required,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        malformed (error, _("The field “%s” is missing"), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      malformed (error, _("The field “%s” must be a string"), name);
      return NULL;
    }
  return g_strdup (json_node_get_string (node));
}

gboolean
yi_sync_codec_get_int (JsonObject  *obj,
                       const char  *name,
                       gint64      *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return malformed (error, _("The field “%s” must be a whole number"), name);
  *out = json_node_get_int (node);
  return TRUE;
}

JsonArray *
yi_sync_codec_get_array (JsonObject  *obj,
                         const char  *name,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      malformed (error, _("The field “%s” must be a list"), name);
      return NULL;
    }
  return json_node_get_array (node);
}

static char *
node_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
yi_sync_codec_object_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (root, obj);
  return node_to_string (root);
}

void
yi_sync_codec_set_optional_string (JsonObject *obj,
                                   const char *name,
                                   const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

/* ------------------------------------------------------------- changes */

YiSyncChange *
yi_sync_change_new (void)
{
  return g_new0 (YiSyncChange, 1);
}

void
yi_sync_change_free (YiSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->change_id);
  g_free (change->table);
  g_free (change->record_id);
  g_free (change->kind);
  g_free (change->hlc);
  g_free (change->at);
  g_free (change->origin_device);
  g_clear_pointer (&change->payload, json_object_unref);
  g_free (change->payload_text);
  g_free (change->payload_fields);
  g_free (change->payload_id);
  g_free (change);
}

YiSyncChange *
yi_sync_change_copy (const YiSyncChange *change)
{
  YiSyncChange *copy = yi_sync_change_new ();

  copy->seq = change->seq;
  copy->change_id = g_strdup (change->change_id);
  copy->table = g_strdup (change->table);
  copy->record_id = g_strdup (change->record_id);
  copy->kind = g_strdup (change->kind);
  copy->hlc = g_strdup (change->hlc);
  copy->at = g_strdup (change->at);
  copy->origin_device = g_strdup (change->origin_device);
  if (change->payload)
    copy->payload = json_object_ref (change->payload);
  copy->payload_text = g_strdup (change->payload_text);
  if (change->payload_fields != NULL)
    {
      const char *end = change->payload_fields;

      for (guint i = 0; i < change->payload_n_fields; i++)
        end += strlen (end) + 1;
      copy->payload_fields = g_memdup2 (change->payload_fields, end - change->payload_fields);
    }
  copy->payload_n_fields = change->payload_n_fields;
  copy->payload_has_id = change->payload_has_id;
  copy->payload_id = g_strdup (change->payload_id);
  return copy;
}

/* Errors go back to the sender and into the district's log: they quote a
 * table name only if it looks like one, never other values a change
 * carries (they may be personal data sent in the wrong field). */
static const char *
table_name_to_quote (const char *table)
{
  gsize len = table ? strlen (table) : 0;

  if (len == 0 || len > 40)
    return "…";
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (table[i]) || table[i] == '_'))
      return "…";
  return table;
}

gboolean
yi_sync_change_validate (const YiSyncChange  *change,
                         GError             **error)
{
  YiTableKind kind = yi_table_kind (change->table);
  gint64 at_us;
  JsonNode *id_node;
  gboolean has_fields = FALSE, has_id = FALSE;
  const char *id = NULL;

  if (!yi_uuid_is_valid (change->change_id))
    return malformed (error, _("A change id is not a UUID"));
  if (kind == YI_TABLE_UNKNOWN)
    return malformed (error, _("“%s” is not a kind of record the district keeps"), table_name_to_quote (change->table));
  if (g_strcmp0 (change->kind, kind == YI_TABLE_ENTITY ? "entity" : "event") != 0)
    return malformed (error, _("A change to “%s” must be of kind “%s”"),
                      change->table, kind == YI_TABLE_ENTITY ? "entity" : "event");
  if (!yi_uuid_is_valid (change->record_id))
    return malformed (error, _("A record id is not a UUID"));
  if (!yi_hlc_parse (change->hlc, NULL, NULL))
    return malformed (error, _("The clock stamp (hlc) is not valid; write it like 001772440200123-00000-DEVICE-ID"));
  if (!yi_clock_parse_utc (change->at, &at_us))
    return malformed (error, _("The change time (at) is not a UTC time like 2026-03-02T08:30:00.123Z"));
  if (change->payload != NULL)
    {
      has_fields = json_object_get_size (change->payload) > 0;
      id_node = json_object_get_member (change->payload, "id");
      has_id = id_node != NULL;
      if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) && json_node_get_value_type (id_node) == G_TYPE_STRING)
        id = json_node_get_string (id_node);
    }
  else if (change->payload_fields != NULL)
    {
      has_fields = change->payload_n_fields > 0;
      has_id = change->payload_has_id;
      id = change->payload_id;
    }
  if (!has_fields)
    return malformed (error, _("A change carries no fields"));

  /* An event's payload is the whole row and must name itself; an entity's
   * payload holds only the fields written, never the id. */
  if (kind == YI_TABLE_EVENT)
    {
      if (id == NULL || strcmp (id, change->record_id) != 0)
        return malformed (error, _("An event's payload must carry its own id"));
    }
  else if (has_id)
    return malformed (error, _("An entity change must not carry the field “id”"));
  return TRUE;
}

JsonNode *
yi_sync_change_to_node (const YiSyncChange *change,
                        gboolean            with_origin)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (with_origin)
    json_object_set_int_member (obj, "seq", change->seq);
  json_object_set_string_member (obj, "change_id", change->change_id);
  json_object_set_string_member (obj, "table", change->table);
  json_object_set_string_member (obj, "record_id", change->record_id);
  json_object_set_string_member (obj, "kind", change->kind);
  json_object_set_string_member (obj, "hlc", change->hlc);
  json_object_set_string_member (obj, "at", change->at);
  if (with_origin)
    yi_sync_codec_set_optional_string (obj, "origin_device", change->origin_device);
  json_object_set_object_member (obj, "payload", json_object_ref (change->payload));
  json_node_take_object (node, obj);
  return node;
}

static YiSyncChange *
change_from_node (JsonNode  *node,
                  gboolean   with_origin,
                  GError   **error)
{
  g_autoptr(YiSyncChange) change = yi_sync_change_new ();
  JsonObject *obj;
  JsonNode *payload;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      malformed (error, _("Each change must be a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  if (with_origin && !yi_sync_codec_get_int (obj, "seq", &change->seq, error))
    return NULL;
  if (!(change->change_id = yi_sync_codec_get_string (obj, "change_id", TRUE, error)) ||
      !(change->table = yi_sync_codec_get_string (obj, "table", TRUE, error)) ||
      !(change->record_id = yi_sync_codec_get_string (obj, "record_id", TRUE, error)) ||
      !(change->kind = yi_sync_codec_get_string (obj, "kind", TRUE, error)) ||
      !(change->hlc = yi_sync_codec_get_string (obj, "hlc", TRUE, error)) ||
      !(change->at = yi_sync_codec_get_string (obj, "at", TRUE, error)))
    return NULL;
  if (with_origin)
    {
      g_autoptr(GError) local = NULL;

      change->origin_device = yi_sync_codec_get_string (obj, "origin_device", FALSE, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  payload = json_object_get_member (obj, "payload");
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      malformed (error, _("A change's “payload” must be a JSON object"));
      return NULL;
    }
  change->payload = json_object_ref (json_node_get_object (payload));
  if (!yi_sync_change_validate (change, error))
    return NULL;
  return g_steal_pointer (&change);
}

GPtrArray *
yi_sync_codec_changes_from_array (JsonArray  *array,
                                  gboolean    with_origin,
                                  guint       max,
                                  GError    **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  guint n = json_array_get_length (array);

  if (n > max)
    {
      malformed (error, _("Too many changes at once (%u; at most %u)"), n, max);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      YiSyncChange *change = change_from_node (json_array_get_element (array, i), with_origin, error);

      if (change == NULL)
        {
          g_prefix_error (error, _("Change %u: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (changes, change);
    }
  return g_steal_pointer (&changes);
}

/* ---------------------------------------------------------------- push */

YiSyncPushRequest *
yi_sync_push_request_new (void)
{
  YiSyncPushRequest *req = g_new0 (YiSyncPushRequest, 1);

  req->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  return req;
}

void
yi_sync_push_request_free (YiSyncPushRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->batch_id);
  g_free (req->device_id);
  g_clear_pointer (&req->changes, g_ptr_array_unref);
  g_free (req);
}

char *
yi_sync_change_payload_text (const YiSyncChange *change)
{
  if (change->payload_text != NULL)
    return g_strdup (change->payload_text);
  return yi_sync_codec_object_to_string (change->payload);
}

void
yi_sync_json_append_string (GString    *out,
                            const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
yi_sync_codec_append_member (GString    *out,
                             const char *name,
                             const char *value)
{
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
  yi_sync_json_append_string (out, value);
}

/* The members of a change after the opening brace, and the closing one. */
void
yi_sync_codec_append_change (GString            *out,
                             const YiSyncChange *change,
                             gboolean            with_origin)
{
  yi_sync_codec_append_member (out, "change_id", change->change_id);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "table", change->table);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "record_id", change->record_id);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "kind", change->kind);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "hlc", change->hlc);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "at", change->at);
  if (with_origin)
    {
      if (change->origin_device != NULL)
        {
          g_string_append_c (out, ',');
          yi_sync_codec_append_member (out, "origin_device", change->origin_device);
        }
      else
        g_string_append (out, ",\"origin_device\":null");
    }
  g_string_append (out, ",\"payload\":");
  if (change->payload_text != NULL)
    g_string_append (out, change->payload_text);
  else
    {
      g_autofree char *text = yi_sync_codec_object_to_string (change->payload);

      g_string_append (out, text);
    }
  g_string_append_c (out, '}');
}

/* Written directly rather than through a json-glib tree: the kiosk sends
 * its outbox's payload text as it is, and a year of a centre is 160,000
 * changes. */
char *
yi_sync_push_request_to_json (const YiSyncPushRequest *req)
{
  GString *out = g_string_sized_new (256 + req->changes->len * 400);

  g_string_append_c (out, '{');
  yi_sync_codec_append_member (out, "batch_id", req->batch_id);
  g_string_append_c (out, ',');
  yi_sync_codec_append_member (out, "device_id", req->device_id);
  g_string_append (out, ",\"changes\":[");
  for (guint i = 0; i < req->changes->len; i++)
    {
      const YiSyncChange *change = g_ptr_array_index (req->changes, i);

      g_string_append (out, i > 0 ? ",{" : "{");
      yi_sync_codec_append_change (out, change, FALSE);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

YiSyncPushRequest *
yi_sync_push_request_parse (const char  *data,
                            gssize       len,
                            GError     **error)
{
  return yi_sync_push_request_read (data, len, error);
}
