#include "config.h"

#include "yi-sync-reader.h"
#include "yi-sync-reader-private.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

/* A reader for the one body the district parses thousands of times a
 * second, the push request.  json-glib's parser builds a tree of the whole
 * body through a general tokenizer and was a third of the district's
 * work; this one reads the fixed shape of §3.3 straight into changes,
 * keeps each payload's text for the change log, and builds only the
 * payload objects as JsonObjects.  It accepts exactly JSON (RFC 8259): no
 * comments, no other escapes, no trailing commas.  This file holds the
 * shape of the push request; the JSON primitives under it are in
 * yi-sync-reader-scan.c. */

/* A payload object as the district reads it: its members' names and
 * kinds into @change->payload_fields, its text into payload_text.  FALSE
 * with *@escaped set means the object holds escapes and has to be read
 * as an object after all (r->p is then undefined; the caller goes back). */
static gboolean
scan_payload (YiSyncReader *r,
              GString      *scratch,
              YiSyncChange *change,
              gboolean     *escaped)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  const char *from = r->p;
  guint n = 0;

  g_clear_pointer (&change->payload_id, g_free);
  change->payload_has_id = FALSE;
  if (!yi_sync_reader_expect (r, '{'))
    return FALSE;
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        gsize at = fields->len;
        const char *value;

        if (!yi_sync_reader_string (r, scratch, escaped) || *escaped || !yi_sync_reader_expect (r, ':'))
          return FALSE;
        g_string_append_c (fields, 'v');
        g_string_append_len (fields, scratch->str, scratch->len + 1);
        n++;
        yi_sync_reader_skip_space (r);
        value = r->p;
        if (!yi_sync_reader_skip_value (r, scratch, 3, escaped) || *escaped)
          return FALSE;
        if (*value == '{' || *value == '[')
          fields->str[at] = 'c';
        if (strcmp (fields->str + at + 1, "id") == 0)
          {
            g_clear_pointer (&change->payload_id, g_free);
            change->payload_has_id = TRUE;
            if (*value == '"')
              change->payload_id = g_strndup (scratch->str, scratch->len);
          }
        if (yi_sync_reader_more (r, '}'))
          continue;
        if (r->failed)
          return FALSE;
        break;
      }
  change->payload_n_fields = n;
  change->payload_fields = g_string_free (g_steal_pointer (&fields), FALSE);
  change->payload_text = g_strndup (from, r->p - from);
  return TRUE;
}

/* One member of a change: a string (or null, which counts as missing) into
 * *@slot; a later duplicate member wins, as with json-glib. */
static gboolean
read_change_string (YiSyncReader  *r,
                    GString       *scratch,
                    char         **slot,
                    gboolean      *wrong_type)
{
  yi_sync_reader_skip_space (r);
  g_clear_pointer (slot, g_free);
  if (r->p < r->end && *r->p == '"')
    {
      if (!yi_sync_reader_string (r, scratch, NULL))
        return FALSE;
      *slot = g_strndup (scratch->str, scratch->len);
      return TRUE;
    }
  if (r->p < r->end && *r->p == 'n')
    return yi_sync_reader_literal (r, "null");
  *wrong_type = TRUE;
  {
    g_autoptr(JsonNode) skipped = yi_sync_reader_value (r, scratch, 2, NULL);

    return skipped != NULL;
  }
}

typedef enum { F_CHANGE_ID, F_TABLE, F_RECORD_ID, F_KIND, F_HLC, F_AT, N_FIELDS } Field;
static const char *field_names[N_FIELDS] = { "change_id", "table", "record_id", "kind", "hlc", "at" };

static YiSyncChange *
read_change (YiSyncReader *r,
             GString      *scratch)
{
  g_autoptr(YiSyncChange) change = yi_sync_change_new ();
  g_autoptr(GString) name = g_string_new (NULL);
  char **slots[N_FIELDS] = { &change->change_id, &change->table, &change->record_id,
                             &change->kind, &change->hlc, &change->at };
  gboolean wrong[N_FIELDS] = { FALSE, };
  gboolean payload_wrong = FALSE;

  yi_sync_reader_skip_space (r);
  if (r->p >= r->end || *r->p != '{')
    {
      g_autoptr(JsonNode) skipped = yi_sync_reader_value (r, scratch, 1, NULL);

      if (skipped != NULL)
        yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("Each change must be a JSON object"));
      r->failed = TRUE;
      return NULL;
    }
  r->p++;
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        guint f;

        if (!yi_sync_reader_string (r, name, NULL) || !yi_sync_reader_expect (r, ':'))
          return NULL;
        for (f = 0; f < N_FIELDS; f++)
          if (strcmp (name->str, field_names[f]) == 0)
            break;
        if (f < N_FIELDS)
          {
            if (!read_change_string (r, scratch, slots[f], &wrong[f]))
              return NULL;
          }
        else if (strcmp (name->str, "payload") == 0)
          {
            gboolean escaped = FALSE;
            const char *from;

            yi_sync_reader_skip_space (r);
            from = r->p;
            g_clear_pointer (&change->payload, json_object_unref);
            g_clear_pointer (&change->payload_text, g_free);
            g_clear_pointer (&change->payload_fields, g_free);
            payload_wrong = r->p >= r->end || *r->p != '{';
            if (payload_wrong)
              {
                g_autoptr(JsonNode) skipped = yi_sync_reader_value (r, scratch, 2, NULL);

                if (skipped == NULL)
                  return NULL;
              }
            else
              {
                g_clear_pointer (&change->payload_fields, g_free);
                g_clear_pointer (&change->payload_id, g_free);
                change->payload_n_fields = 0;
                change->payload_has_id = FALSE;
                if (r->scan && scan_payload (r, scratch, change, &escaped))
                  goto next_member;
                if (r->failed)
                  return NULL;
                g_clear_pointer (&change->payload_id, g_free);
                r->p = from;
                escaped = FALSE;
                if ((change->payload = yi_sync_reader_object (r, scratch, 2, &escaped)) == NULL)
                  return NULL;
                /* The text as sent goes into the change log unless escapes
                 * make it differ from the usual spelling. */
                if (!escaped)
                  change->payload_text = g_strndup (from, r->p - from);
              }
          }
        else
          {
            g_autoptr(JsonNode) skipped = yi_sync_reader_value (r, scratch, 2, NULL);

            if (skipped == NULL)
              return NULL;
          }
      next_member:
        if (yi_sync_reader_more (r, '}'))
          continue;
        if (r->failed)
          return NULL;
        break;
      }

  for (guint f = 0; f < N_FIELDS; f++)
    if (*slots[f] == NULL)
      {
        r->failed = TRUE;
        if (wrong[f])
          yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("The field “%s” must be a string"), field_names[f]);
        else
          yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("The field “%s” is missing"), field_names[f]);
        return NULL;
      }
  if ((change->payload == NULL && change->payload_fields == NULL) || payload_wrong)
    {
      r->failed = TRUE;
      yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("A change's “payload” must be a JSON object"));
      return NULL;
    }
  if (!yi_sync_change_validate (change, r->error))
    {
      r->failed = TRUE;
      return NULL;
    }
  return g_steal_pointer (&change);
}

/* The "changes" list; a structural error stops the whole body, a change
 * that is well-formed JSON but not a valid change names its position. */
static GPtrArray *
read_changes (YiSyncReader *r,
              GString      *scratch)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);

  yi_sync_reader_skip_space (r);
  if (r->p >= r->end || *r->p != '[')
    {
      g_autoptr(JsonNode) skipped = yi_sync_reader_value (r, scratch, 1, NULL);

      if (skipped != NULL)
        yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("The field “%s” must be a list"), "changes");
      r->failed = TRUE;
      return NULL;
    }
  r->p++;
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return g_steal_pointer (&changes);
    }
  for (;;)
    {
      YiSyncChange *change;

      if (changes->len >= YI_SYNC_MAX_BATCH)
        {
          r->failed = TRUE;
          yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("Too many changes at once (more than %u)"),
                             (guint) YI_SYNC_MAX_BATCH);
          return NULL;
        }
      if ((change = read_change (r, scratch)) == NULL)
        {
          if (!r->syntax)
            g_prefix_error (r->error, _("Change %u: "), changes->len + 1);
          return NULL;
        }
      g_ptr_array_add (changes, change);
      if (yi_sync_reader_more (r, ']'))
        continue;
      if (r->failed)
        return NULL;
      return g_steal_pointer (&changes);
    }
}

static YiSyncPushRequest *
read_push (const char  *data,
           gssize       len,
           gboolean     scan,
           GError     **error)
{
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_new ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  gboolean batch_wrong = FALSE, device_wrong = FALSE;
  YiSyncReader r;

  if (data == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is empty; a JSON object was expected"));
      return NULL;
    }
  if (len < 0)
    len = (gssize) strlen (data);
  if (!yi_sync_text_is_utf8 (data, len))
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid UTF-8"));
      return NULL;
    }
  r.p = r.start = data;
  r.end = data + len;
  r.error = error;
  r.failed = r.syntax = FALSE;
  r.scan = scan;

  yi_sync_reader_skip_space (&r);
  if (r.p >= r.end)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid JSON: %s"), "empty");
      return NULL;
    }
  if (*r.p != '{')
    {
      g_autoptr(JsonNode) skipped = yi_sync_reader_value (&r, scratch, 0, NULL);

      if (skipped != NULL)
        yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body must be a JSON object"));
      return NULL;
    }
  r.p++;
  yi_sync_reader_skip_space (&r);
  if (r.p < r.end && *r.p == '}')
    r.p++;
  else
    for (;;)
      {
        if (!yi_sync_reader_string (&r, name, NULL) || !yi_sync_reader_expect (&r, ':'))
          return NULL;
        if (strcmp (name->str, "batch_id") == 0)
          {
            if (!read_change_string (&r, scratch, &req->batch_id, &batch_wrong))
              return NULL;
          }
        else if (strcmp (name->str, "device_id") == 0)
          {
            if (!read_change_string (&r, scratch, &req->device_id, &device_wrong))
              return NULL;
          }
        else if (strcmp (name->str, "changes") == 0)
          {
            g_clear_pointer (&changes, g_ptr_array_unref);
            if ((changes = read_changes (&r, scratch)) == NULL)
              return NULL;
          }
        else
          {
            g_autoptr(JsonNode) skipped = yi_sync_reader_value (&r, scratch, 1, NULL);

            if (skipped == NULL)
              return NULL;
          }
        if (yi_sync_reader_more (&r, '}'))
          continue;
        if (r.failed)
          return NULL;
        break;
      }
  yi_sync_reader_skip_space (&r);
  if (r.p != r.end)
    {
      yi_sync_reader_fail (&r, "text after the end of the object");
      return NULL;
    }

  if (req->batch_id == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED,
                         batch_wrong ? _("The field “%s” must be a string") : _("The field “%s” is missing"), "batch_id");
      return NULL;
    }
  if (req->device_id == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED,
                         device_wrong ? _("The field “%s” must be a string") : _("The field “%s” is missing"), "device_id");
      return NULL;
    }
  if (!yi_uuid_is_valid (req->batch_id))
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The batch id is not a UUID"));
      return NULL;
    }
  if (changes == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The field “%s” must be a list"), "changes");
      return NULL;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < changes->len; i++)
    {
      YiSyncChange *change = g_ptr_array_index (changes, i);

      if (!g_hash_table_add (seen, change->change_id))
        {
          yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The change %s appears twice in one batch"), change->change_id);
          return NULL;
        }
    }
  g_ptr_array_unref (req->changes);
  req->changes = g_steal_pointer (&changes);
  return g_steal_pointer (&req);
}

YiSyncPushRequest *
yi_sync_push_request_read (const char  *data,
                           gssize       len,
                           GError     **error)
{
  return read_push (data, len, FALSE, error);
}

YiSyncPushRequest *
yi_sync_push_request_scan (const char  *data,
                           gssize       len,
                           GError     **error)
{
  return read_push (data, len, TRUE, error);
}

gboolean
yi_sync_change_ensure_payload (YiSyncChange  *change,
                               GError       **error)
{
  if (change->payload != NULL)
    return TRUE;
  if (change->payload_text == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("A change's “payload” must be a JSON object"));
      return FALSE;
    }
  change->payload = yi_sync_json_object_read (change->payload_text, -1, error);
  return change->payload != NULL;
}

JsonObject *
yi_sync_json_object_read (const char  *text,
                          gssize       len,
                          GError     **error)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(JsonObject) obj = NULL;
  YiSyncReader r;

  if (len < 0)
    len = (gssize) strlen (text);
  if (!yi_sync_text_is_utf8 (text, len))
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid UTF-8"));
      return NULL;
    }
  r.p = r.start = text;
  r.end = text + len;
  r.error = error;
  r.failed = r.syntax = r.scan = FALSE;
  if ((obj = yi_sync_reader_object (&r, scratch, 1, NULL)) == NULL)
    return NULL;
  yi_sync_reader_skip_space (&r);
  if (r.p != r.end)
    {
      yi_sync_reader_fail (&r, "text after the end of the object");
      return NULL;
    }
  return g_steal_pointer (&obj);
}
