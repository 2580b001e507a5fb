#include "config.h"

#include "yi-sync-reader-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The JSON primitives under the push request reader: the UTF-8 check of a
 * whole body, white space, strings with their escapes, literals, numbers,
 * and general values read into json-glib nodes or checked and skipped.
 * Exactly JSON (RFC 8259), as yi-sync-reader.c promises. */

#define MAX_DEPTH 64

gboolean
yi_sync_reader_fail (YiSyncReader *r,
                     const char   *what)
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
bad_text (YiSyncReader *r)
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
gboolean
yi_sync_text_is_utf8 (const char *data,
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

void
yi_sync_reader_skip_space (YiSyncReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

gboolean
yi_sync_reader_expect (YiSyncReader *r,
                       char          c)
{
  yi_sync_reader_skip_space (r);
  if (r->p >= r->end || *r->p != c)
    {
      char what[64];

      g_snprintf (what, sizeof what, "“%c” expected", c);
      return yi_sync_reader_fail (r, what);
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
gboolean
yi_sync_reader_string (YiSyncReader *r,
                       GString      *out,
                       gboolean     *escaped)
{
  const char *run;

  g_string_truncate (out, 0);
  yi_sync_reader_skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return yi_sync_reader_fail (r, "a string expected");
  run = ++r->p;
  for (;;)
    {
      if (r->p >= r->end)
        return yi_sync_reader_fail (r, "unfinished string");
      if (*r->p == '"')
        break;
      if ((guchar) *r->p < 0x20)
        return yi_sync_reader_fail (r, "a control character inside a string");
      if (*r->p != '\\')
        {
          r->p++;
          continue;
        }
      if (escaped)
        *escaped = TRUE;
      g_string_append_len (out, run, r->p - run);
      if (r->p + 1 >= r->end)
        return yi_sync_reader_fail (r, "unfinished string");
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
              return yi_sync_reader_fail (r, "a bad \\u escape");
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
          return yi_sync_reader_fail (r, "an escape JSON does not have");
        }
      r->p += 2;
      run = r->p;
    }
  g_string_append_len (out, run, r->p - run);
  r->p++;
  return TRUE;
}

gboolean
yi_sync_reader_literal (YiSyncReader *r,
                        const char   *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return yi_sync_reader_fail (r, "an unexpected character");
  r->p += len;
  return TRUE;
}

/* A number's text, checked, into @buf (NUL-terminated); FALSE after a
 * failure.  *@integer says it has neither fraction nor exponent. */
static gboolean
scan_number (YiSyncReader *r,
             char          buf[64],
             gboolean     *integer)
{
  const char *s = r->p;

  *integer = TRUE;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    {
      yi_sync_reader_fail (r, "an unexpected character");
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
          yi_sync_reader_fail (r, "a digit expected after the decimal point");
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
          yi_sync_reader_fail (r, "a digit expected in the exponent");
          return FALSE;
        }
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if ((gsize) (r->p - s) >= 64)
    {
      yi_sync_reader_fail (r, "a number too long");
      return FALSE;
    }
  memcpy (buf, s, r->p - s);
  buf[r->p - s] = '\0';
  return TRUE;
}

static JsonNode *
read_number (YiSyncReader *r)
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

JsonObject *
yi_sync_reader_object (YiSyncReader *r,
                       GString      *scratch,
                       int           depth,
                       gboolean     *escaped)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GString) name = g_string_new (NULL);

  if (!yi_sync_reader_expect (r, '{'))
    return NULL;
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return g_steal_pointer (&obj);
    }
  for (;;)
    {
      JsonNode *value;

      if (!yi_sync_reader_string (r, name, escaped) || !yi_sync_reader_expect (r, ':'))
        return NULL;
      if ((value = yi_sync_reader_value (r, scratch, depth + 1, escaped)) == NULL)
        return NULL;
      json_object_set_member (obj, name->str, value);
      if (yi_sync_reader_more (r, '}'))
        continue;
      if (r->failed)
        return NULL;
      return g_steal_pointer (&obj);
    }
}

static JsonArray *
read_array (YiSyncReader *r,
            GString      *scratch,
            int           depth,
            gboolean     *escaped)
{
  g_autoptr(JsonArray) array = json_array_new ();

  if (!yi_sync_reader_expect (r, '['))
    return NULL;
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return g_steal_pointer (&array);
    }
  for (;;)
    {
      JsonNode *value = yi_sync_reader_value (r, scratch, depth + 1, escaped);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      if (yi_sync_reader_more (r, ']'))
        continue;
      if (r->failed)
        return NULL;
      return g_steal_pointer (&array);
    }
}

gboolean
yi_sync_reader_more (YiSyncReader *r,
                     char          close)
{
  yi_sync_reader_skip_space (r);
  if (r->p < r->end && *r->p == ',')
    {
      r->p++;
      return TRUE;
    }
  yi_sync_reader_expect (r, close);
  return FALSE;
}

JsonNode *
yi_sync_reader_value (YiSyncReader *r,
                      GString      *scratch,
                      int           depth,
                      gboolean     *escaped)
{
  if (depth > MAX_DEPTH)
    {
      yi_sync_reader_fail (r, "nested too deeply");
      return NULL;
    }
  yi_sync_reader_skip_space (r);
  if (r->p >= r->end)
    {
      yi_sync_reader_fail (r, "unexpected end of the body");
      return NULL;
    }
  switch (*r->p)
    {
    case '"':
      if (!yi_sync_reader_string (r, scratch, escaped))
        return NULL;
      return json_node_init_string (json_node_alloc (), scratch->str);
    case '{':
      {
        JsonObject *obj = yi_sync_reader_object (r, scratch, depth, escaped);

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
      return yi_sync_reader_literal (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return yi_sync_reader_literal (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return yi_sync_reader_literal (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_number (r);
    }
}

/* A value checked as yi_sync_reader_value() checks it, without building it. */
gboolean
yi_sync_reader_skip_value (YiSyncReader *r,
                           GString      *scratch,
                           int           depth,
                           gboolean     *escaped)
{
  gboolean integer;
  char buf[64];
  char close;

  if (depth > MAX_DEPTH)
    return yi_sync_reader_fail (r, "nested too deeply");
  yi_sync_reader_skip_space (r);
  if (r->p >= r->end)
    return yi_sync_reader_fail (r, "unexpected end of the body");
  switch (*r->p)
    {
    case '"':
      return yi_sync_reader_string (r, scratch, escaped);
    case 't':
      return yi_sync_reader_literal (r, "true");
    case 'f':
      return yi_sync_reader_literal (r, "false");
    case 'n':
      return yi_sync_reader_literal (r, "null");
    case '{':
    case '[':
      close = *r->p == '{' ? '}' : ']';
      r->p++;
      yi_sync_reader_skip_space (r);
      if (r->p < r->end && *r->p == close)
        {
          r->p++;
          return TRUE;
        }
      for (;;)
        {
          if (close == '}' && (!yi_sync_reader_string (r, scratch, escaped) || !yi_sync_reader_expect (r, ':')))
            return FALSE;
          if (!yi_sync_reader_skip_value (r, scratch, depth + 1, escaped))
            return FALSE;
          if (yi_sync_reader_more (r, close))
            continue;
          return !r->failed;
        }
    default:
      return scan_number (r, buf, &integer);
    }
}
