#include "config.h"

#include "yi-policy-private.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_LIST_ENTRIES 200

gboolean
yi_policy_invalid (GError     **error,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_INVALID, "%s: %s", path, msg);
  return FALSE;
}

char *
yi_policy_child_path (const char *path,
            const char *key)
{
  return *path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
}

gboolean
yi_policy_only_keys (JsonObject         *obj,
           const char         *path,
           const char * const *allowed,
           GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *where = yi_policy_child_path (path, l->data);
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        return yi_policy_invalid (error, where, _("unknown field (check the spelling; fields allowed here: %s)"), list);
      }
  return TRUE;
}

JsonNode *
yi_policy_member (JsonObject *obj,
        const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  return (node == NULL || JSON_NODE_HOLDS_NULL (node)) ? NULL : node;
}

gboolean
yi_policy_read_object (JsonObject  *obj,
             const char  *key,
             const char  *path,
             gboolean     required,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = yi_policy_member (obj, key);
  g_autofree char *where = yi_policy_child_path (path, key);

  *out = NULL;
  if (node == NULL)
    return required ? yi_policy_invalid (error, where, _("is missing")) : TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return yi_policy_invalid (error, where, _("must be an object { … }"));
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
yi_policy_read_array (JsonObject  *obj,
            const char  *key,
            const char  *path,
            gboolean     required,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = yi_policy_member (obj, key);
  g_autofree char *where = yi_policy_child_path (path, key);

  *out = NULL;
  if (node == NULL)
    return required ? yi_policy_invalid (error, where, _("is missing")) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return yi_policy_invalid (error, where, _("must be a list [ … ]"));
  if (json_array_get_length (json_node_get_array (node)) > MAX_LIST_ENTRIES)
    return yi_policy_invalid (error, where, _("has more than %d entries"), MAX_LIST_ENTRIES);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
yi_policy_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
yi_policy_read_string (JsonObject  *obj,
             const char  *key,
             const char  *path,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = yi_policy_member (obj, key);
  g_autofree char *where = yi_policy_child_path (path, key);

  *out = NULL;
  if (node == NULL)
    return required ? yi_policy_invalid (error, where, _("is missing")) : TRUE;
  if (!yi_policy_node_is_string (node) || *json_node_get_string (node) == '\0')
    return yi_policy_invalid (error, where, _("must be a non-empty text in quotes"));
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
yi_policy_read_int (JsonObject  *obj,
          const char  *key,
          const char  *path,
          gboolean     required,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = yi_policy_member (obj, key);
  g_autofree char *where = yi_policy_child_path (path, key);
  gint64 v;

  if (node == NULL)
    return required ? yi_policy_invalid (error, where, _("is missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return yi_policy_invalid (error, where, _("must be a whole number (money is written in fen: 10 yuan is 1000)"));
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      /* Numbers go in as text: gettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      return yi_policy_invalid (error, where, _("must be between %s and %s"), lo, hi);
    }
  *out = v;
  return TRUE;
}

gboolean
yi_policy_read_bool (JsonObject  *obj,
           const char  *key,
           const char  *path,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = yi_policy_member (obj, key);
  g_autofree char *where = yi_policy_child_path (path, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return yi_policy_invalid (error, where, _("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
yi_policy_read_date (JsonObject  *obj,
           const char  *key,
           const char  *path,
           gboolean     required,
           char       **out,
           GError     **error)
{
  const char *s = NULL;
  g_autofree char *where = yi_policy_child_path (path, key);

  if (!yi_policy_read_string (obj, key, path, required, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!yi_date_is_valid (s))
    return yi_policy_invalid (error, where, _("“%s” is not a date written as YYYY-MM-DD"), s);
  *out = g_strdup (s);
  return TRUE;
}

/* A list of strings, each of which must be one of @allowed. */
gboolean
yi_policy_read_codes (JsonObject          *obj,
            const char          *key,
            const char          *path,
            const char * const  *allowed,
            const char          *what,
            char              ***out,
            GError             **error)
{
  JsonArray *arr = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = yi_policy_child_path (path, key);

  if (!yi_policy_read_array (obj, key, path, FALSE, &arr, error))
    return FALSE;
  if (arr == NULL)
    return TRUE;
  if (json_array_get_length (arr) == 0)
    return yi_policy_invalid (error, where, _("must not be an empty list (leave it out instead)"));
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);

      if (!yi_policy_node_is_string (n))
        return yi_policy_invalid (error, where, _("entry %u must be a text in quotes"), i + 1);
      if (!g_strv_contains (allowed, json_node_get_string (n)))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          return yi_policy_invalid (error, where, _("“%s” is not a known %s (known: %s)"),
                          json_node_get_string (n), what, list);
        }
      g_ptr_array_add (codes, g_strdup (json_node_get_string (n)));
    }
  g_ptr_array_add (codes, NULL);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
  return TRUE;
}

