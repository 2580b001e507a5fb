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
