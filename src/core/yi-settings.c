#include "config.h"

#include "yi-settings.h"
#include "yi-care.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The schema's defaults, for a process where the schema is not installed;
 * tests/test-settings.c fails when they drift from the schema. */
static const struct {
  const char *key;
  const char *fallback;
} keys[] = {
  { YI_SETTING_IDLE_TIMEOUT,       "10" },
  { YI_SETTING_TAP_REPEAT_WINDOW,  "300" },
  { YI_SETTING_SOUNDS,             "true" },
  { YI_SETTING_SPOKEN_GREETING,    "false" },
  { YI_SETTING_HIGH_CONTRAST,      "false" },
  { YI_SETTING_LARGE_TEXT,         "false" },
  { YI_SETTING_LANGUAGE,           "''" },
  { YI_SETTING_READER_CONNSTRING,  "''" },
  { YI_SETTING_READER_DEBOUNCE,    "1000" },
  { YI_SETTING_WEDGE_READER,       "true" },
  { YI_SETTING_KIOSK_ROLE,         "'door'" },
  { YI_SETTING_STAFF_IDLE_LOCK,    "120" },
  { YI_SETTING_NORMAL_SYSTOLIC,    "(90.0, 139.0)" },
  { YI_SETTING_NORMAL_DIASTOLIC,   "(60.0, 89.0)" },
  { YI_SETTING_NORMAL_GLUCOSE,     "(3.9, 7.8)" },
  { YI_SETTING_NORMAL_WEIGHT,      "(35.0, 90.0)" },
  { YI_SETTING_NORMAL_TEMPERATURE, "(36.0, 37.3)" },
  { YI_SETTING_TIME_ZONE,          "'Asia/Shanghai'" },
  { YI_SETTING_DISTRICT_CA_FILE,   "''" },
  { YI_SETTING_ALLOW_PLAIN_HTTP,   "false" },
  { YI_SETTING_GPU_RENDERING,      "false" },
};

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  return source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
}

static void
set_not_installed_error (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The kiosk's settings (%s) are not installed. Install the kiosk, "
                 "or point GSETTINGS_SCHEMA_DIR at the build's data directory."), APP_ID);
}

GSettings *
yi_settings_new (GError **error)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();

  if (schema == NULL)
    {
      set_not_installed_error (error);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

GSettings *
yi_settings_get_default (void)
{
  static GSettings *settings;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GSettingsSchema) schema = lookup_schema ();

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("The schema %s is not installed; settings keep their defaults", APP_ID);
      g_once_init_leave (&once, 1);
    }
  return settings;
}

GSettings *
yi_settings_require (GError **error)
{
  GSettings *settings = yi_settings_get_default ();

  if (settings == NULL)
    set_not_installed_error (error);
  return settings;
}

const char *
yi_settings_get_fallback (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (keys[i].key, key) == 0)
      return keys[i].fallback;
  return NULL;
}

const char * const *
yi_settings_list_keys (void)
{
  static const char *names[G_N_ELEMENTS (keys) + 1];
  static gsize once;

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        names[i] = keys[i].key;
      g_once_init_leave (&once, 1);
    }
  return names;
}

GVariant *
yi_settings_get_value (const char *key)
{
  GSettings *settings = yi_settings_get_default ();
  const char *fallback;

  if (settings != NULL)
    return g_settings_get_value (settings, key);
  fallback = yi_settings_get_fallback (key);
  g_return_val_if_fail (fallback != NULL, NULL);
  return g_variant_ref_sink (g_variant_parse (NULL, fallback, NULL, NULL, NULL));
}

gboolean
yi_settings_get_boolean (const char *key)
{
  g_autoptr(GVariant) v = yi_settings_get_value (key);

  return g_variant_get_boolean (v);
}

int
yi_settings_get_int (const char *key)
{
  g_autoptr(GVariant) v = yi_settings_get_value (key);

  return g_variant_get_int32 (v);
}

char *
yi_settings_get_string (const char *key)
{
  g_autoptr(GVariant) v = yi_settings_get_value (key);

  return g_variant_dup_string (v, NULL);
}

void
yi_settings_get_pair (const char *key,
                      double     *first,
                      double     *second)
{
  g_autoptr(GVariant) v = yi_settings_get_value (key);

  g_variant_get (v, "(dd)", first, second);
}

static GSettingsSchemaKey *
lookup_key (GSettings   *settings,
            const char  *key,
            GError     **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no setting “%s”; `yiyang-admin config` lists them"), key);
      return NULL;
    }
  return g_settings_schema_get_key (schema, key);
}

/* What the schema allows, in words: "from 10 to 3600", "door, dining or activity". */
static void
set_out_of_range_error (GSettingsSchemaKey  *skey,
                        const char          *key,
                        GError             **error)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (skey);
  const char *kind = NULL;
  g_autoptr(GVariant) detail = NULL;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (strcmp (kind, "range") == 0)
    {
      g_autoptr(GVariant) lo = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) hi = g_variant_get_child_value (detail, 1);
      g_autofree char *lo_text = g_variant_print (lo, FALSE);
      g_autofree char *hi_text = g_variant_print (hi, FALSE);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is a whole number from %s to %s"), key, lo_text, hi_text);
    }
  else if (strcmp (kind, "enum") == 0 || strcmp (kind, "choices") == 0)
    {
      g_autofree const char **nicks = g_variant_get_strv (detail, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) nicks);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s is one of: %s"), key, list);
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 _("That value is not allowed for %s"), key);
}

static gboolean
check_ca_file (const char  *path,
               GError     **error)
{
  g_autoptr(GTlsDatabase) db = NULL;
  g_autoptr(GError) local_error = NULL;

  if (*path == '\0')
    return TRUE;
  if (!g_path_is_absolute (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The certificate authority file must be named by its full path and exist "
                     "(or be empty to trust the system's certificate authorities): %s"), path);
      return FALSE;
    }
  db = g_tls_file_database_new (path, &local_error);
  if (db == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a certificate file the district's CA could be read from (PEM): %s"),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_time_zone (const char  *identifier,
                 GError     **error)
{
  GTimeZone *tz = *identifier != '\0' ? g_time_zone_new_identifier (identifier) : NULL;

  if (tz == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a time zone this system knows (for example Asia/Shanghai)"), identifier);
      return FALSE;
    }
  g_time_zone_unref (tz);
  return TRUE;
}

gboolean
yi_settings_check (GSettings   *settings,
                   const char  *key,
                   GVariant    *value,
                   GError     **error)
{
  g_autoptr(GSettingsSchemaKey) skey = lookup_key (settings, key, error);

  if (skey == NULL)
    return FALSE;
  if (!g_variant_is_of_type (value, g_settings_schema_key_get_value_type (skey)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s takes a value of type %s"), key,
                   (const char *) g_settings_schema_key_get_value_type (skey));
      return FALSE;
    }
  if (!g_settings_schema_key_range_check (skey, value))
    {
      set_out_of_range_error (skey, key, error);
      return FALSE;
    }
  if (strcmp (key, YI_SETTING_TIME_ZONE) == 0)
    return check_time_zone (g_variant_get_string (value, NULL), error);
  if (strcmp (key, YI_SETTING_DISTRICT_CA_FILE) == 0)
    return check_ca_file (g_variant_get_string (value, NULL), error);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("(dd)")))
    {
      double low, high;

      g_variant_get (value, "(dd)", &low, &high);
      return yi_vital_check_normal_range (key, low, high, error);
    }
  return TRUE;
}

static GVariant *
parse_boolean (const char *text)
{
  static const char *const yes[] = { "true", "yes", "on", "1", NULL };
  static const char *const no[] = { "false", "no", "off", "0", NULL };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (g_strv_contains (yes, lower))
    return g_variant_new_boolean (TRUE);
  if (g_strv_contains (no, lower))
    return g_variant_new_boolean (FALSE);
  return NULL;
}

static GVariant *
parse_int (const char *text)
{
  char *end = NULL;
  gint64 n;

  errno = 0;
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || errno != 0 || n < G_MININT32 || n > G_MAXINT32)
    return NULL;
  return g_variant_new_int32 ((gint32) n);
}

/* "36.0-37.3" as staff write a range; "(36.0, 37.3)" as gsettings prints it. */
static GVariant *
parse_pair (const char *text)
{
  g_auto(GStrv) ends = NULL;
  double v[2];

  if (text[0] == '(')
    return g_variant_parse (G_VARIANT_TYPE ("(dd)"), text, NULL, NULL, NULL);
  ends = g_strsplit (text, "-", 2);
  if (g_strv_length (ends) != 2)
    return NULL;
  for (guint i = 0; i < 2; i++)
    {
      char *end = NULL;

      g_strstrip (ends[i]);
      v[i] = g_ascii_strtod (ends[i], &end);
      if (end == ends[i] || *end != '\0')
        return NULL;
    }
  return g_variant_new ("(dd)", v[0], v[1]);
}

gboolean
yi_settings_set_from_text (GSettings   *settings,
                           const char  *key,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(GSettingsSchemaKey) skey = lookup_key (settings, key, error);
  g_autoptr(GVariant) value = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const GVariantType *type;

  if (skey == NULL)
    return FALSE;
  type = g_settings_schema_key_get_value_type (skey);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    value = parse_boolean (trimmed);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    value = parse_int (trimmed);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    value = g_variant_new_string (trimmed);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dd)")))
    value = parse_pair (trimmed);
  else
    value = g_variant_parse (type, trimmed, NULL, NULL, NULL);
  if (value == NULL)
    {
      if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is either true or false"), key);
      else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
        set_out_of_range_error (skey, key, error);
      else if (g_variant_type_equal (type, G_VARIANT_TYPE ("(dd)")))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("Write %s as low-high, for example 36.0-37.3"), key);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a value %s takes"), trimmed, key);
      return FALSE;
    }
  g_variant_ref_sink (value);
  if (!yi_settings_check (settings, key, value, error))
    return FALSE;
  if (!g_settings_set_value (settings, key, value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s is locked by the system administrator and cannot be changed here"), key);
      return FALSE;
    }
  g_settings_sync ();
  return TRUE;
}

char *
yi_settings_to_text (GSettings  *settings,
                     const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("(dd)")))
    {
      char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
      double l, h;

      g_variant_get (value, "(dd)", &l, &h);
      return g_strdup_printf ("%s-%s", g_ascii_formatd (low, sizeof low, "%g", l),
                              g_ascii_formatd (high, sizeof high, "%g", h));
    }
  return g_variant_print (value, FALSE);
}
