#include "config.h"

#include "yi-sync-reader.h"
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
 * comments, no other escapes, no trailing commas. */

#define MAX_DEPTH 64

typedef struct {
  const char *p;
  const char *end;
  const char *start;
  GError    **error;
  gboolean    failed;
  gboolean    syntax;   /* the failure is in the JSON itself */
  gboolean    scan;     /* payloads as field lists, not objects */
} Reader;

static gboolean
fail (Reader     *r,
      const char *what)
{
  if (!r->failed)
    {
      g_autofree char *valid = g_utf8_make_valid (what, -1);

      yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid JSON: %s (at byte %ld)"),
                         valid, (long) (r->p - r->start));
    }
  r->failed = r->syntax = TRUE;
  return FALSE;
}

static gboolean
bad_text (Reader *r)
{
  if (!r->failed)
    yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED,
                       _("The body holds text that is not valid UTF-8 (check the escapes in its strings)"));
  r->failed = r->syntax = TRUE;
  return FALSE;
}

/* g_utf8_validate_len() for bodies that are mostly ASCII (ids, clocks,
 * times): eight bytes at a time while they are ASCII and not NUL, the
 * runs of other bytes by GLib (a sequence never holds an ASCII byte). */
static gboolean
text_is_utf8 (const char *data,
              gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          if (((w | ((w - 0x0101010101010101ULL) & ~w)) & 0x8080808080808080ULL) != 0)
            break;
          p += 8;
        }
      if (p >= end)
        break;
      if ((guchar) *p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
        }
      else
        {
          const char *run = p;

          while (p < end && (guchar) *p >= 0x80)
            p++;
          if (!g_utf8_validate_len (run, p - run, NULL))
            return FALSE;
        }
    }
  return TRUE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static gboolean
expect (Reader *r,
        char    c)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != c)
    {
      char what[64];

      g_snprintf (what, sizeof what, "“%c” expected", c);
      return fail (r, what);
    }
  r->p++;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A string; its unescaped text in @out (reset first), which is valid UTF-8
 * without NUL because the body was checked and escapes are checked here. */
static gboolean
read_string (Reader  *r,
             GString *out,
             gboolean *escaped)
{
  const char *run;

  g_string_truncate (out, 0);
  skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return fail (r, "a string expected");
  run = ++r->p;
  for (;;)
    {
      if (r->p >= r->end)
        return fail (r, "unfinished string");
      if (*r->p == '"')
        break;
      if ((guchar) *r->p < 0x20)
        return fail (r, "a control character inside a string");
      if (*r->p != '\\')
        {
          r->p++;
          continue;
        }
      if (escaped)
        *escaped = TRUE;
      g_string_append_len (out, run, r->p - run);
      if (r->p + 1 >= r->end)
        return fail (r, "unfinished string");
      switch (r->p[1])
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int c, lo;

            if (r->end - r->p < 6 || (c = hex4 (r->p + 2)) < 0)
              return fail (r, "a bad \\u escape");
            if (c >= 0xDC00 && c <= 0xDFFF)
              return bad_text (r);
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if (r->end - r->p < 12 || r->p[6] != '\\' || r->p[7] != 'u' ||
                    (lo = hex4 (r->p + 8)) < 0xDC00 || lo > 0xDFFF)
                  return bad_text (r);
                c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                r->p += 6;
              }
            if (c == 0)
              return bad_text (r);
            g_string_append_unichar (out, (gunichar) c);
            r->p += 4;
          }
          break;
        default:
          return fail (r, "an escape JSON does not have");
        }
      r->p += 2;
      run = r->p;
    }
  g_string_append_len (out, run, r->p - run);
  r->p++;
  return TRUE;
}

static gboolean
read_literal (Reader     *r,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, "an unexpected character");
  r->p += len;
  return TRUE;
}

/* A number's text, checked, into @buf (NUL-terminated); FALSE after a
 * failure.  *@integer says it has neither fraction nor exponent. */
static gboolean
scan_number (Reader   *r,
             char      buf[64],
             gboolean *integer)
{
  const char *s = r->p;

  *integer = TRUE;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      fail (r, "an unexpected character");
      return FALSE;
    }
  if (*r->p == '0')
    r->p++;
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      *integer = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, "a digit expected after the decimal point");
          return FALSE;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      *integer = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        {
          fail (r, "a digit expected in the exponent");
          return FALSE;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if ((gsize) (r->p - s) >= 64)
    {
      fail (r, "a number too long");
      return FALSE;
    }
  memcpy (buf, s, r->p - s);
  buf[r->p - s] = '\0';
  return TRUE;
}

static JsonNode *
read_number (Reader *r)
{
  gboolean integer = TRUE;
  char buf[64];

  if (!scan_number (r, buf, &integer))
    return NULL;
  if (integer)
    {
      gint64 v;

      if (g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, &v, NULL))
        return json_node_init_int (json_node_alloc (), v);
    }
  return json_node_init_double (json_node_alloc (), g_ascii_strtod (buf, NULL));
}

static JsonNode *read_value (Reader *r, GString *scratch, int depth, gboolean *escaped);

static JsonObject *
read_object (Reader   *r,
             GString  *scratch,
             int       depth,
             gboolean *escaped)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GString) name = g_string_new (NULL);

  if (!expect (r, '{'))
    return NULL;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return g_steal_pointer (&obj);
    }
  for (;;)
    {
      JsonNode *value;

      if (!read_string (r, name, escaped) || !expect (r, ':'))
        return NULL;
      if ((value = read_value (r, scratch, depth + 1, escaped)) == NULL)
        return NULL;
      json_object_set_member (obj, name->str, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (!expect (r, '}'))
        return NULL;
      return g_steal_pointer (&obj);
    }
}

static JsonArray *
read_array (Reader   *r,
            GString  *scratch,
            int       depth,
            gboolean *escaped)
{
  g_autoptr(JsonArray) array = json_array_new ();

  if (!expect (r, '['))
    return NULL;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return g_steal_pointer (&array);
    }
  for (;;)
    {
      JsonNode *value = read_value (r, scratch, depth + 1, escaped);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (!expect (r, ']'))
        return NULL;
      return g_steal_pointer (&array);
    }
}

static JsonNode *
read_value (Reader   *r,
            GString  *scratch,
            int       depth,
            gboolean *escaped)
{
  if (depth > MAX_DEPTH)
    {
      fail (r, "nested too deeply");
      return NULL;
    }
  skip_space (r);
  if (r->p >= r->end)
    {
      fail (r, "unexpected end of the body");
      return NULL;
    }
  switch (*r->p)
    {
    case '"':
      if (!read_string (r, scratch, escaped))
        return NULL;
      return json_node_init_string (json_node_alloc (), scratch->str);
    case '{':
      {
        JsonObject *obj = read_object (r, scratch, depth, escaped);

        return obj ? json_node_init_object (json_node_alloc (), obj) : NULL;
      }
    case '[':
      {
        JsonArray *array = read_array (r, scratch, depth, escaped);
        JsonNode *node;

        if (array == NULL)
          return NULL;
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case 't':
      return read_literal (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return read_literal (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return read_literal (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_number (r);
    }
}

/* A value checked as read_value() checks it, without building it. */
static gboolean
skip_value (Reader   *r,
            GString  *scratch,
            int       depth,
            gboolean *escaped)
{
  gboolean integer;
  char buf[64];
  char close;

  if (depth > MAX_DEPTH)
    return fail (r, "nested too deeply");
  skip_space (r);
  if (r->p >= r->end)
    return fail (r, "unexpected end of the body");
  switch (*r->p)
    {
    case '"':
      return read_string (r, scratch, escaped);
    case 't':
      return read_literal (r, "true");
    case 'f':
      return read_literal (r, "false");
    case 'n':
      return read_literal (r, "null");
    case '{':
    case '[':
      close = *r->p == '{' ? '}' : ']';
      r->p++;
      skip_space (r);
      if (r->p < r->end && *r->p == close)
        {
          r->p++;
          return TRUE;
        }
      for (;;)
        {
          if (close == '}' && (!read_string (r, scratch, escaped) || !expect (r, ':')))
            return FALSE;
          if (!skip_value (r, scratch, depth + 1, escaped))
            return FALSE;
          skip_space (r);
          if (r->p < r->end && *r->p == ',')
            {
              r->p++;
              continue;
            }
          return expect (r, close);
        }
    default:
      return scan_number (r, buf, &integer);
    }
}

/* A payload object as the district reads it: its members' names and
 * kinds into @change->payload_fields, its text into payload_text.  FALSE
 * with *@escaped set means the object holds escapes and has to be read
 * as an object after all (r->p is then undefined; the caller goes back). */
static gboolean
scan_payload (Reader       *r,
              GString      *scratch,
              YiSyncChange *change,
              gboolean     *escaped)
{
  g_autoptr(GString) fields = g_string_new (NULL);
  const char *from = r->p;
  guint n = 0;

  g_clear_pointer (&change->payload_id, g_free);
  change->payload_has_id = FALSE;
  if (!expect (r, '{'))
    return FALSE;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        gsize at = fields->len;
        const char *value;

        if (!read_string (r, scratch, escaped) || *escaped || !expect (r, ':'))
          return FALSE;
        g_string_append_c (fields, 'v');
        g_string_append_len (fields, scratch->str, scratch->len + 1);
        n++;
        skip_space (r);
        value = r->p;
        if (!skip_value (r, scratch, 3, escaped) || *escaped)
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
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (!expect (r, '}'))
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
read_change_string (Reader   *r,
                    GString  *scratch,
                    char    **slot,
                    gboolean *wrong_type)
{
  skip_space (r);
  g_clear_pointer (slot, g_free);
  if (r->p < r->end && *r->p == '"')
    {
      if (!read_string (r, scratch, NULL))
        return FALSE;
      *slot = g_strndup (scratch->str, scratch->len);
      return TRUE;
    }
  if (r->p < r->end && *r->p == 'n')
    return read_literal (r, "null");
  *wrong_type = TRUE;
  {
    g_autoptr(JsonNode) skipped = read_value (r, scratch, 2, NULL);

    return skipped != NULL;
  }
}

typedef enum { F_CHANGE_ID, F_TABLE, F_RECORD_ID, F_KIND, F_HLC, F_AT, N_FIELDS } Field;
static const char *field_names[N_FIELDS] = { "change_id", "table", "record_id", "kind", "hlc", "at" };

static YiSyncChange *
read_change (Reader  *r,
             GString *scratch)
{
  g_autoptr(YiSyncChange) change = yi_sync_change_new ();
  g_autoptr(GString) name = g_string_new (NULL);
  char **slots[N_FIELDS] = { &change->change_id, &change->table, &change->record_id,
                             &change->kind, &change->hlc, &change->at };
  gboolean wrong[N_FIELDS] = { FALSE, };
  gboolean payload_wrong = FALSE;

  skip_space (r);
  if (r->p >= r->end || *r->p != '{')
    {
      g_autoptr(JsonNode) skipped = read_value (r, scratch, 1, NULL);

      if (skipped != NULL)
        yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("Each change must be a JSON object"));
      r->failed = TRUE;
      return NULL;
    }
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        guint f;

        if (!read_string (r, name, NULL) || !expect (r, ':'))
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

            skip_space (r);
            from = r->p;
            g_clear_pointer (&change->payload, json_object_unref);
            g_clear_pointer (&change->payload_text, g_free);
            g_clear_pointer (&change->payload_fields, g_free);
            payload_wrong = r->p >= r->end || *r->p != '{';
            if (payload_wrong)
              {
                g_autoptr(JsonNode) skipped = read_value (r, scratch, 2, NULL);

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
                if ((change->payload = read_object (r, scratch, 2, &escaped)) == NULL)
                  return NULL;
                /* The text as sent goes into the change log unless escapes
                 * make it differ from the usual spelling. */
                if (!escaped)
                  change->payload_text = g_strndup (from, r->p - from);
              }
          }
        else
          {
            g_autoptr(JsonNode) skipped = read_value (r, scratch, 2, NULL);

            if (skipped == NULL)
              return NULL;
          }
      next_member:
        skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (!expect (r, '}'))
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
read_changes (Reader  *r,
              GString *scratch)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);

  skip_space (r);
  if (r->p >= r->end || *r->p != '[')
    {
      g_autoptr(JsonNode) skipped = read_value (r, scratch, 1, NULL);

      if (skipped != NULL)
        yi_sync_set_error (r->error, YI_SYNC_ERROR_MALFORMED, _("The field “%s” must be a list"), "changes");
      r->failed = TRUE;
      return NULL;
    }
  r->p++;
  skip_space (r);
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
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (!expect (r, ']'))
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
  Reader r;

  if (data == NULL)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is empty; a JSON object was expected"));
      return NULL;
    }
  if (len < 0)
    len = (gssize) strlen (data);
  if (!text_is_utf8 (data, len))
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid UTF-8"));
      return NULL;
    }
  r.p = r.start = data;
  r.end = data + len;
  r.error = error;
  r.failed = r.syntax = FALSE;
  r.scan = scan;

  skip_space (&r);
  if (r.p >= r.end)
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid JSON: %s"), "empty");
      return NULL;
    }
  if (*r.p != '{')
    {
      g_autoptr(JsonNode) skipped = read_value (&r, scratch, 0, NULL);

      if (skipped != NULL)
        yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body must be a JSON object"));
      return NULL;
    }
  r.p++;
  skip_space (&r);
  if (r.p < r.end && *r.p == '}')
    r.p++;
  else
    for (;;)
      {
        if (!read_string (&r, name, NULL) || !expect (&r, ':'))
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
            g_autoptr(JsonNode) skipped = read_value (&r, scratch, 1, NULL);

            if (skipped == NULL)
              return NULL;
          }
        skip_space (&r);
        if (r.p < r.end && *r.p == ',')
          {
            r.p++;
            continue;
          }
        if (!expect (&r, '}'))
          return NULL;
        break;
      }
  skip_space (&r);
  if (r.p != r.end)
    {
      fail (&r, "text after the end of the object");
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
  Reader r;

  if (len < 0)
    len = (gssize) strlen (text);
  if (!text_is_utf8 (text, len))
    {
      yi_sync_set_error (error, YI_SYNC_ERROR_MALFORMED, _("The body is not valid UTF-8"));
      return NULL;
    }
  r.p = r.start = text;
  r.end = text + len;
  r.error = error;
  r.failed = r.syntax = r.scan = FALSE;
  if ((obj = read_object (&r, scratch, 1, NULL)) == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    {
      fail (&r, "text after the end of the object");
      return NULL;
    }
  return g_steal_pointer (&obj);
}
