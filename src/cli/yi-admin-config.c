#include "config.h"

#include "yi-admin.h"
#include "yi-admin-config.h"
#include "yi-settings.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Settings the kiosk reads when it starts rather than live. */
static const char *const read_at_start[] = {
  YI_SETTING_LANGUAGE, YI_SETTING_TIME_ZONE, NULL
};

static void
print_setting (GSettings  *settings,
               const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) skey = NULL;
  g_autofree char *value = yi_settings_to_text (settings, key);

  g_object_get (settings, "settings-schema", &schema, NULL);
  skey = g_settings_schema_get_key (schema, key);
  g_print ("%-20s %-22s  # %s\n", key, *value != '\0' ? value : "''", g_settings_schema_key_get_summary (skey));
}

/* yiyang-admin config [KEY [VALUE]]: the kiosk's GSettings, checked as the
 * settings page checks them, with each change in the audit log.  Run it as
 * the user the kiosk runs as (sudo -u kiosk), whose settings they are. */
int
yi_admin_cmd_config (int argc, char **argv, GError **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YiStore) store = NULL;
  g_autofree char *now = NULL;

  if (argc < 1 || argc > 3)
    {
      g_printerr (_("Usage: yiyang-admin config [KEY [VALUE]]\n"));
      return 2;
    }
  if ((settings = yi_settings_new (error)) == NULL)
    return 1;

  if (argc == 1)
    {
      for (const char * const *key = yi_settings_list_keys (); *key != NULL; key++)
        print_setting (settings, *key);
      return 0;
    }
  if (!g_strv_contains (yi_settings_list_keys (), argv[1]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no setting “%s”; `yiyang-admin config` lists them"), argv[1]);
      return 1;
    }
  if (argc == 2)
    {
      g_autofree char *value = yi_settings_to_text (settings, argv[1]);

      g_print ("%s\n", value);
      return 0;
    }

  /* The database first: a change nobody could audit is not made. */
  if ((store = yi_admin_open_store (error)) == NULL ||
      !yi_settings_set_from_text (settings, argv[1], argv[2], error))
    return 1;
  now = yi_settings_to_text (settings, argv[1]);
  if (!yi_store_audit (store, "config", "settings", argv[1], now, error))
    return 1;
  g_print (_("%s is now %s\n"), argv[1], *now != '\0' ? now : "''");
  if (g_strv_contains (read_at_start, argv[1]))
    g_print (_("The kiosk uses it from its next start.\n"));
  return 0;
}
