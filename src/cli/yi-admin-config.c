#include "config.h"

#include "yi-admin.h"
#include "yi-admin-config.h"
#include "yi-care.h"
#include "yi-role-taps.h"
#include "yi-sync-client.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* The store settings an administrator may change from the shell; each has
 * a check so that a typing mistake is refused, not stored. */
typedef gboolean (*CheckFunc) (YiStore *store, const char *key, const char *value, GError **error);

typedef struct {
  const char *key;
  const char *summary;
  CheckFunc   check;
} Setting;

static gboolean
check_bool (YiStore *store, const char *key, const char *value, GError **error)
{
  if (g_strv_contains ((const char *const[]) { "0", "1", "true", "false", NULL }, value))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is either true or false"), key);
  return FALSE;
}

static gboolean
check_file (YiStore *store, const char *key, const char *value, GError **error)
{
  if (*value == '\0' || (g_path_is_absolute (value) && g_file_test (value, G_FILE_TEST_IS_REGULAR)))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("%s must name an existing file by its full path (or be empty to clear it)"), key);
  return FALSE;
}

static gboolean
check_timezone (YiStore *store, const char *key, const char *value, GError **error)
{
  return yi_store_set_timezone (store, value, error);
}

static gboolean
check_vital_range (YiStore *store, const char *key, const char *value, GError **error)
{
  YiVitalKind kind;

  if (!yi_vital_kind_parse (key + strlen ("vital_range."), &kind))
    return FALSE;
  return yi_store_set_vital_range (store, kind, value, error);
}

static gboolean
check_kiosk_role (YiStore *store, const char *key, const char *value, GError **error)
{
  YiKioskRole role;

  if (!yi_kiosk_role_parse (value, &role))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A kiosk stands at the door, in the dining hall or in an activity room: door, dining or activity"));
      return FALSE;
    }
  return yi_store_set_kiosk_role (store, role, error);
}

static const Setting settings[] = {
  { YI_KIOSK_ROLE_META, N_("what a tap does here: door (check in), dining (serve the meal) or activity (take attendance)"), check_kiosk_role },
  { YI_SYNC_META_CA_FILE, N_("certificate authority file of the district's own CA (PEM)"), check_file },
  { YI_SYNC_META_ALLOW_HTTP, N_("allow plain http to a district that is not on this machine"), check_bool },
  { "timezone", N_("the centre's time zone, e.g. Asia/Shanghai"), check_timezone },
  { "vital_range.bp", N_("normal blood pressure, e.g. 90-139/60-89"), check_vital_range },
  { "vital_range.glucose", N_("normal blood glucose in mmol/L, e.g. 3.9-7.8"), check_vital_range },
  { "vital_range.weight", N_("normal weight in kg, e.g. 35-90"), check_vital_range },
  { "vital_range.temperature", N_("normal temperature in °C, e.g. 36.0-37.3"), check_vital_range },
};

int
yi_admin_cmd_config (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  const Setting *setting = NULL;

  if (argc < 1 || argc > 3)
    {
      g_printerr (_("Usage: yiyang-admin config [KEY [VALUE]]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;

  if (argc == 1)
    {
      for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
        {
          g_autofree char *value = yi_store_get_meta (store, settings[i].key);
          g_print ("%-24s %-20s  # %s\n", settings[i].key, value ? value : "-", _(settings[i].summary));
        }
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].key, argv[1]) == 0)
      setting = &settings[i];
  if (setting == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no setting “%s”; `yiyang-admin config` lists them"), argv[1]);
      return 1;
    }
  if (argc == 2)
    {
      g_autofree char *value = yi_store_get_meta (store, setting->key);
      g_print ("%s\n", value ? value : "");
      return 0;
    }
  if (!setting->check (store, setting->key, argv[2], error))
    return 1;
  /* Checks that store the value themselves (time zone, ranges) already
   * audited it; the rest are stored and audited here. */
  if (setting->check == check_bool || setting->check == check_file)
    {
      if (!yi_store_set_meta (store, setting->key, argv[2], error) ||
          !yi_store_audit (store, "config", "meta", setting->key, argv[2], error))
        return 1;
    }
  g_print (_("%s is now %s\n"), setting->key, argv[2]);
  return 0;
}
