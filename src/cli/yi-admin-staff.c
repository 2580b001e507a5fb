#include "config.h"

#include "yi-admin.h"
#include "yi-admin-staff.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>

/* yiyang-admin staff-idle-lock [SECONDS]: how long staff mode stays open
 * with nobody touching it.  Without an argument, prints the setting. */
int
yi_admin_cmd_staff_idle_lock (int      argc,
                              char   **argv,
                              GError **error)
{
  g_autoptr(YiStore) store = NULL;
  gint64 seconds = 0;
  char *end = NULL;

  if (argc > 2)
    {
      g_printerr (_("Usage: yiyang-admin staff-idle-lock [SECONDS]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (argc == 1)
    {
      g_print ("%d\n", yi_store_get_setting_int (store, "staff_idle_lock_s", 120));
      return 0;
    }
  seconds = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || seconds < 10 || seconds > 3600)
    {
      g_printerr (_("Give the idle time in seconds, from 10 to 3600 (e.g. 120 for two minutes)\n"));
      return 2;
    }
  if (!yi_store_set_meta (store, "staff_idle_lock_s", argv[1], error))
    return 1;
  g_print (_("Staff mode now locks after %s seconds without a touch.\n"), argv[1]);
  return 0;
}
