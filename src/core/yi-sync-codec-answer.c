#include "config.h"

#include "yi-sync-codec.h"
#include "yi-sync-codec-private.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The sync bodies other than the push request: the push response, the
 * pull response, enrolment and the error body, each with its writer and
 * its parser.  The shared field readers and writers are in
 * yi-sync-codec.c. */

static void
result_free (gpointer data)
{
  YiSyncResult *result = data;

  g_free (result->change_id);
  g_free (result->reason);
  g_free (result);
}

YiSyncPushResponse *
yi_sync_push_response_new (void)
{
  YiSyncPushResponse *resp = g_new0 (YiSyncPushResponse, 1);

  resp->results = g_ptr_array_new_with_free_func (result_free);
  return resp;
}

void
yi_sync_push_response_free (YiSyncPushResponse *resp)
{
  if (resp == NULL)
    return;
  g_free (resp->batch_id);
  g_free (resp->server_time);
  g_ptr_array_unref (resp->results);
  g_free (resp);
}

void
yi_sync_push_response_add (YiSyncPushResponse *resp,
                           const char         *change_id,
                           YiSyncResultStatus  status,
                           const char         *reason)
{
  YiSyncResult *result = g_new0 (YiSyncResult, 1);

  result->change_id = g_strdup (change_id);
  result->status = status;
  result->reason = g_strdup (reason);
  g_ptr_array_add (resp->results, result);
}

char *
yi_sync_push_response_to_json (const YiSyncPushResponse *resp)
{
  GString *out = g_string_sized_new (128 + resp->results->len * 80);

  g_string_append_c (out, '{');
  yi_sync_codec_append_member (out, "batch_id", resp->batch_id);
  if (resp->server_time != NULL)
    {
      g_string_append_c (out, ',');
      yi_sync_codec_append_member (out, "server_time", resp->server_time);
    }
  else
    g_string_append (out, ",\"server_time\":null");
  g_string_append (out, ",\"results\":[");
  for (guint i = 0; i < resp->results->len; i++)
    {
      YiSyncResult *result = g_ptr_array_index (resp->results, i);

      g_string_append (out, i > 0 ? ",{" : "{");
      yi_sync_codec_append_member (out, "change_id", result->change_id);
      g_string_append_c (out, ',');
      yi_sync_codec_append_member (out, "status", yi_sync_result_status_to_string (result->status));
      if (result->status == YI_SYNC_RESULT_REJECTED)
        {
          g_string_append_c (out, ',');
          yi_sync_codec_append_member (out, "reason", result->reason ? result->reason : "");
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

YiSyncPushResponse *
yi_sync_push_response_parse (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonObject) obj = yi_sync_codec_parse_object (data, len, error);
  g_autoptr(YiSyncPushResponse) resp = NULL;
  JsonArray *results;

  if (obj == NULL)
    return NULL;
  resp = yi_sync_push_response_new ();
  if (!(resp->batch_id = yi_sync_codec_get_string (obj, "batch_id", TRUE, error)) ||
      !(resp->server_time = yi_sync_codec_get_string (obj, "server_time", TRUE, error)) ||
      !(results = yi_sync_codec_get_array (obj, "results", error)))
    return NULL;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      g_autofree char *change_id = NULL;
      g_autofree char *status = NULL;
      g_autofree char *reason = NULL;
      YiSyncResultStatus st;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          malformed (error, _("Each result must be a JSON object"));
          return NULL;
        }
      if (!(change_id = yi_sync_codec_get_string (json_node_get_object (node), "change_id", TRUE, error)) ||
          !(status = yi_sync_codec_get_string (json_node_get_object (node), "status", TRUE, error)))
        return NULL;
      if (strcmp (status, "accepted") == 0)
        st = YI_SYNC_RESULT_ACCEPTED;
      else if (strcmp (status, "duplicate") == 0)
        st = YI_SYNC_RESULT_DUPLICATE;
      else if (strcmp (status, "rejected") == 0)
        {
          st = YI_SYNC_RESULT_REJECTED;
          reason = yi_sync_codec_get_string (json_node_get_object (node), "reason", TRUE, error);
          if (reason == NULL)
            return NULL;
        }
      else
        {
          malformed (error, _("Unknown result “%s”"), status);
          return NULL;
        }
      yi_sync_push_response_add (resp, change_id, st, reason);
    }
  return g_steal_pointer (&resp);
}

/* ---------------------------------------------------------------- pull */

YiSyncPullResponse *
yi_sync_pull_response_new (void)
{
  YiSyncPullResponse *resp = g_new0 (YiSyncPullResponse, 1);

  resp->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  return resp;
}

void
yi_sync_pull_response_free (YiSyncPullResponse *resp)
{
  if (resp == NULL)
    return;
  g_free (resp->server_time);
  g_clear_pointer (&resp->changes, g_ptr_array_unref);
  g_free (resp);
}

char *
yi_sync_pull_response_to_json (const YiSyncPullResponse *resp)
{
  GString *out = g_string_sized_new (128 + resp->changes->len * 500);

  g_string_append (out, "{\"server_time\":");
  if (resp->server_time != NULL)
    yi_sync_json_append_string (out, resp->server_time);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"next_cursor\":%" G_GINT64_FORMAT ",\"more\":%s,\"changes\":[",
                          resp->next_cursor, resp->more ? "true" : "false");
  for (guint i = 0; i < resp->changes->len; i++)
    {
      const YiSyncChange *change = g_ptr_array_index (resp->changes, i);

      g_string_append_printf (out, "%s{\"seq\":%" G_GINT64_FORMAT ",", i > 0 ? "," : "", change->seq);
      yi_sync_codec_append_change (out, change, TRUE);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

YiSyncPullResponse *
yi_sync_pull_response_parse (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonObject) obj = yi_sync_codec_parse_object (data, len, error);
  g_autoptr(YiSyncPullResponse) resp = NULL;
  JsonNode *more;
  JsonArray *array;
  GPtrArray *changes;

  if (obj == NULL)
    return NULL;
  resp = yi_sync_pull_response_new ();
  if (!(resp->server_time = yi_sync_codec_get_string (obj, "server_time", TRUE, error)) ||
      !yi_sync_codec_get_int (obj, "next_cursor", &resp->next_cursor, error))
    return NULL;
  more = json_object_get_member (obj, "more");
  if (more == NULL || !JSON_NODE_HOLDS_VALUE (more) || json_node_get_value_type (more) != G_TYPE_BOOLEAN)
    {
      malformed (error, _("The field “%s” must be true or false"), "more");
      return NULL;
    }
  resp->more = json_node_get_boolean (more);
  if ((array = yi_sync_codec_get_array (obj, "changes", error)) == NULL)
    return NULL;
  if ((changes = yi_sync_codec_changes_from_array (array, TRUE, YI_SYNC_MAX_PAGE, error)) == NULL)
    return NULL;
  g_ptr_array_unref (resp->changes);
  resp->changes = changes;
  return g_steal_pointer (&resp);
}

/* --------------------------------------------------------------- enrol */

void
yi_sync_enrol_request_free (YiSyncEnrolRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->code);
  g_free (req->device_id);
  g_free (req->device_name);
  g_free (req);
}

char *
yi_sync_enrol_request_to_json (const YiSyncEnrolRequest *req)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  json_object_set_string_member (obj, "code", req->code);
  json_object_set_string_member (obj, "device_id", req->device_id);
  yi_sync_codec_set_optional_string (obj, "device_name", req->device_name);
  return yi_sync_codec_object_to_string (obj);
}

YiSyncEnrolRequest *
yi_sync_enrol_request_parse (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonObject) obj = yi_sync_codec_parse_object (data, len, error);
  g_autoptr(YiSyncEnrolRequest) req = NULL;
  g_autoptr(GError) local = NULL;

  if (obj == NULL)
    return NULL;
  req = g_new0 (YiSyncEnrolRequest, 1);
  if (!(req->code = yi_sync_codec_get_string (obj, "code", TRUE, error)) ||
      !(req->device_id = yi_sync_codec_get_string (obj, "device_id", TRUE, error)))
    return NULL;
  req->device_name = yi_sync_codec_get_string (obj, "device_name", FALSE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!yi_uuid_is_valid (req->device_id))
    {
      malformed (error, _("The device id is not a UUID"));
      return NULL;
    }
  return g_steal_pointer (&req);
}

void
yi_sync_enrol_response_free (YiSyncEnrolResponse *resp)
{
  if (resp == NULL)
    return;
  if (resp->device_token)
    memset (resp->device_token, 0, strlen (resp->device_token));
  g_free (resp->device_token);
  g_free (resp->device_id);
  g_free (resp->centre_id);
  g_free (resp->centre_name);
  g_free (resp->server_time);
  g_free (resp);
}

char *
yi_sync_enrol_response_to_json (const YiSyncEnrolResponse *resp)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  json_object_set_string_member (obj, "device_token", resp->device_token);
  json_object_set_string_member (obj, "device_id", resp->device_id);
  json_object_set_string_member (obj, "centre_id", resp->centre_id);
  yi_sync_codec_set_optional_string (obj, "centre_name", resp->centre_name);
  yi_sync_codec_set_optional_string (obj, "server_time", resp->server_time);
  return yi_sync_codec_object_to_string (obj);
}

YiSyncEnrolResponse *
yi_sync_enrol_response_parse (const char  *data,
                              gssize       len,
                              GError     **error)
{
  g_autoptr(JsonObject) obj = yi_sync_codec_parse_object (data, len, error);
  g_autoptr(YiSyncEnrolResponse) resp = NULL;

  if (obj == NULL)
    return NULL;
  resp = g_new0 (YiSyncEnrolResponse, 1);
  if (!(resp->device_token = yi_sync_codec_get_string (obj, "device_token", TRUE, error)) ||
      !(resp->device_id = yi_sync_codec_get_string (obj, "device_id", TRUE, error)) ||
      !(resp->centre_id = yi_sync_codec_get_string (obj, "centre_id", TRUE, error)) ||
      !(resp->server_time = yi_sync_codec_get_string (obj, "server_time", TRUE, error)))
    return NULL;
  resp->centre_name = yi_sync_codec_get_string (obj, "centre_name", FALSE, NULL);
  return g_steal_pointer (&resp);
}

/* --------------------------------------------------------------- errors */

char *
yi_sync_error_to_json (YiSyncError  code,
                       const char  *message,
                       const char  *server_time)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonObject *err = json_object_new ();

  json_object_set_string_member (err, "code", yi_sync_error_code_to_string (code));
  json_object_set_string_member (err, "message", message ? message : "");
  json_object_set_object_member (obj, "error", err);
  yi_sync_codec_set_optional_string (obj, "server_time", server_time);
  json_object_set_int_member (obj, "protocol", YI_SYNC_PROTOCOL_VERSION);
  return yi_sync_codec_object_to_string (obj);
}

gboolean
yi_sync_error_parse (const char  *data,
                     gssize       len,
                     GError     **error)
{
  g_autoptr(JsonObject) obj = yi_sync_codec_parse_object (data, len, NULL);
  JsonNode *node;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  if (obj == NULL)
    return FALSE;
  node = json_object_get_member (obj, "error");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  code = yi_sync_codec_get_string (json_node_get_object (node), "code", TRUE, NULL);
  message = yi_sync_codec_get_string (json_node_get_object (node), "message", FALSE, NULL);
  if (code == NULL)
    return FALSE;
  g_set_error_literal (error, YI_SYNC_ERROR, yi_sync_error_code_from_string (code),
                       message ? message : code);
  return TRUE;
}
