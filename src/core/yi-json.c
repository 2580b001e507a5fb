#include "config.h"

#include "yi-json.h"

static gboolean
is_text (const char *s)
{
  return s != NULL && g_utf8_validate (s, -1, NULL);
}

static gboolean
node_is_text (JsonNode *node,
              guint     depth)
{
  if (node == NULL)
    return TRUE;
  /* json-glib itself refuses deeper documents; stay well clear of the stack. */
  if (depth > 1024)
    return FALSE;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return is_text (json_node_get_string (node));
      return TRUE;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_text (json_array_get_element (array, i), depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!is_text (name) || !node_is_text (member, depth + 1))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

gboolean
yi_json_node_is_valid_text (JsonNode *node)
{
  return node_is_text (node, 0);
}

char *
yi_json_error_text (const GError *error)
{
  return g_utf8_make_valid (error && error->message ? error->message : "", -1);
}

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

char *
yi_json_object_to_string (JsonObject *object)
{
  g_autoptr(GString) out = g_string_sized_new (512);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_json_string (out, name);
      g_string_append_c (out, ':');
      if (JSON_NODE_HOLDS_NULL (node))
        g_string_append (out, "null");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        append_json_string (out, json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          char digits[24];
          char *p = digits + sizeof digits;
          gint64 v = json_node_get_int (node);
          guint64 u = v < 0 ? -(guint64) v : (guint64) v;

          do
            *--p = (char) ('0' + u % 10);
          while ((u /= 10) > 0);
          if (v < 0)
            *--p = '-';
          g_string_append_len (out, p, digits + sizeof digits - p);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      else
        {
          /* Numbers with a fraction, lists and objects: json-glib's own
           * writer for the whole object, so they read back the same. */
          g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (root, object);
          return json_to_string (root, FALSE);
        }
    }
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
