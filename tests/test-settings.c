/* The settings schema against the code that reads it, and
 * `yiyang-admin config` as an installer uses it: two processes sharing one
 * keyfile of settings, as two commands share dconf on a real kiosk. */

#include "config.h"

#include "yi-settings.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

static GSettingsSchema *
kiosk_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  g_assert_nonnull (schema);
  return schema;
}

/* Every key the code names is in the schema, with the default the code
 * falls back on, and the schema has no key the code does not know. */
static void
test_keys_match_schema (void)
{
  g_autoptr(GSettingsSchema) schema = kiosk_schema ();
  g_auto(GStrv) schema_keys = g_settings_schema_list_keys (schema);
  const char * const *code_keys = yi_settings_list_keys ();

  for (const char * const *key = code_keys; *key != NULL; key++)
    {
      g_autoptr(GSettingsSchemaKey) skey = NULL;
      g_autoptr(GVariant) schema_default = NULL;
      g_autoptr(GVariant) fallback = NULL;

      if (!g_settings_schema_has_key (schema, *key))
        g_error ("The code reads %s, which the schema does not have", *key);
      skey = g_settings_schema_get_key (schema, *key);
      schema_default = g_settings_schema_key_get_default_value (skey);
      fallback = g_variant_parse (g_settings_schema_key_get_value_type (skey),
                                  yi_settings_get_fallback (*key), NULL, NULL, NULL);
      g_assert_nonnull (fallback);
      if (!g_variant_equal (schema_default, fallback))
        g_error ("%s: the schema's default is %s, the code's %s", *key,
                 g_variant_print (schema_default, FALSE), yi_settings_get_fallback (*key));
      /* every key is explained to whoever runs gsettings or the admin tool */
      g_assert_nonnull (g_settings_schema_key_get_summary (skey));
      g_assert_nonnull (g_settings_schema_key_get_description (skey));
    }
  for (guint i = 0; schema_keys[i] != NULL; i++)
    if (!g_strv_contains (code_keys, schema_keys[i]))
      g_error ("The schema has %s, which yi-settings.h does not name", schema_keys[i]);
}

static void
assert_refused (GSettings  *settings,
                const char *key,
                const char *text,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = yi_settings_to_text (settings, key);
  g_autofree char *after = NULL;

  g_assert_false (yi_settings_set_from_text (settings, key, text, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("%s=%s: “%s” does not say “%s”", key, text, error->message, words);
  after = yi_settings_to_text (settings, key);
  g_assert_cmpstr (before, ==, after);
}

static void
test_set_from_text (void)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings = yi_settings_require (&error);
  double low, high;
  g_autofree char *ca = g_test_build_filename (G_TEST_DIST, "test-settings.c", NULL);

  g_assert_no_error (error);
  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_KIOSK_ROLE, " dining ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_enum (settings, YI_SETTING_KIOSK_ROLE), ==, 1);
  assert_refused (settings, YI_SETTING_KIOSK_ROLE, "kitchen", "door, dining, activity");

  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_STAFF_IDLE_LOCK, "300", &error));
  g_assert_cmpint (yi_settings_get_int (YI_SETTING_STAFF_IDLE_LOCK), ==, 300);
  assert_refused (settings, YI_SETTING_STAFF_IDLE_LOCK, "5", "from 10 to 3600");
  assert_refused (settings, YI_SETTING_STAFF_IDLE_LOCK, "two minutes", "from 10 to 3600");

  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_ALLOW_PLAIN_HTTP, "yes", &error));
  g_assert_true (yi_settings_get_boolean (YI_SETTING_ALLOW_PLAIN_HTTP));
  assert_refused (settings, YI_SETTING_ALLOW_PLAIN_HTTP, "maybe", "either true or false");

  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_NORMAL_TEMPERATURE, "36.1-37.2", &error));
  yi_settings_get_pair (YI_SETTING_NORMAL_TEMPERATURE, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 36.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (high, 37.2, 1e-9);
  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_NORMAL_SYSTOLIC, "(95, 140)", &error));
  g_assert_no_error (error);
  assert_refused (settings, YI_SETTING_NORMAL_TEMPERATURE, "37.3-36", "low end");
  assert_refused (settings, YI_SETTING_NORMAL_TEMPERATURE, "30-37", "between 34 and 43");
  assert_refused (settings, YI_SETTING_NORMAL_DIASTOLIC, "10-80", "diastolic");
  assert_refused (settings, YI_SETTING_NORMAL_WEIGHT, "heavy", "low-high");

  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_TIME_ZONE, "Asia/Urumqi", &error));
  assert_refused (settings, YI_SETTING_TIME_ZONE, "Mars/Olympus", "not a time zone");
  assert_refused (settings, YI_SETTING_TIME_ZONE, "", "not a time zone");

  assert_refused (settings, YI_SETTING_DISTRICT_CA_FILE, "ca.pem", "full path");
  assert_refused (settings, YI_SETTING_DISTRICT_CA_FILE, "/nonexistent/ca.pem", "full path");
  /* a file, but no certificate in it */
  assert_refused (settings, YI_SETTING_DISTRICT_CA_FILE, ca, "PEM");
  g_assert_true (yi_settings_set_from_text (settings, YI_SETTING_DISTRICT_CA_FILE, "", &error));

  g_assert_false (yi_settings_set_from_text (settings, "sync_ca_file", "x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "yiyang-admin config"));
  g_clear_error (&error);

  for (const char * const *key = yi_settings_list_keys (); *key != NULL; key++)
    g_settings_reset (settings, *key);
}

/* Runs yiyang-admin with @dir's keyfile for settings and an empty
 * database there; returns its output, or NULL (then *err says why). */
static char *
run_admin (const char  *dir,
           const char  *schema_dir,
           int         *status,
           char       **err,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "kiosk.db", NULL);
  g_autofree char *config_home = g_build_filename (dir, "config", NULL);
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  /* no schemas but the one above, even if the kiosk is installed here */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", dir, TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("YIYANG_ADMIN"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, err, &error));
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);
  return out;
}

static void
test_admin_config (void)
{
  g_autofree char *dir = g_dir_make_tmp ("yiyang-settings-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "no-schemas", NULL);
  const char *schema_dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *cmd = NULL;
  int status;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);

  /* Every setting is listed with its summary. */
  out = run_admin (dir, schema_dir, &status, &err, "config", NULL);
  g_assert_cmpint (status, ==, 0);
  for (const char * const *key = yi_settings_list_keys (); *key != NULL; key++)
    g_assert_nonnull (strstr (out, *key));
  g_assert_nonnull (strstr (out, "Where this kiosk stands"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A change made by one process is what the next one reads. */
  out = run_admin (dir, schema_dir, &status, &err, "config", "kiosk-role", "activity", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_admin (dir, schema_dir, &status, &err, "config", "kiosk-role", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "activity\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_admin (dir, schema_dir, &status, &err, "staff-idle-lock", "600", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_admin (dir, schema_dir, &status, &err, "config", "staff-idle-lock", NULL);
  g_assert_cmpstr (out, ==, "600\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A mistake is refused in words, and the setting stays as it was. */
  out = run_admin (dir, schema_dir, &status, &err, "config", "kiosk-role", "kitchen", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "door, dining, activity"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_admin (dir, schema_dir, &status, &err, "config", "kiosk-role", NULL);
  g_assert_cmpstr (out, ==, "activity\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Each change made is in the audit log; the refused one is not. */
  {
    g_autofree char *db = g_build_filename (dir, "kiosk.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(YiStore) store = yi_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM audit_log WHERE action = 'config' "
                                     "AND record_table = 'settings' AND record_id = 'kiosk-role'", NULL), ==, 1);
    g_assert_cmpint (yi_store_count (store, "SELECT count(*) FROM audit_log WHERE action = 'config' "
                                     "AND record_id = 'staff-idle-lock' AND summary = '600'", NULL), ==, 1);
  }

  /* Without the schema: a message saying how to install it, not an abort. */
  out = run_admin (dir, empty, &status, &err, "config", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "are not installed"));

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_cmpint (system (cmd), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/settings/keys-match-schema", test_keys_match_schema);
  g_test_add_func ("/settings/set-from-text", test_set_from_text);
  g_test_add_func ("/settings/admin-config", test_admin_config);
  return g_test_run ();
}
