#include "config.h"

#include "yi-admin.h"
#include "yi-admin-config.h"
#include "yi-admin-staff.h"
#include "yi-settings.h"

#include <glib/gi18n-lib.h>

/* yiyang-admin staff-idle-lock [SECONDS]: how long staff mode stays open
 * with nobody touching it; `config staff-idle-lock` by a shorter name. */
int
yi_admin_cmd_staff_idle_lock (int      argc,
                              char   **argv,
                              GError **error)
{
  char *config_argv[] = { (char *) "config", (char *) YI_SETTING_STAFF_IDLE_LOCK, NULL, NULL };

  if (argc > 2)
    {
      g_printerr (_("Usage: yiyang-admin staff-idle-lock [SECONDS]\n"));
      return 2;
    }
  config_argv[2] = argc == 2 ? argv[1] : NULL;
  return yi_admin_cmd_config (argc + 1, config_argv, error);
}
