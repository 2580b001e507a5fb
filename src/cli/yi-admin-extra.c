#include "config.h"

#include "yi-admin.h"
#include "yi-admin-sync.h"

#include <glib/gi18n.h>


static const YiAdminCommand extra_commands[] = {
  { "enrol", N_("Enrol this kiosk with the district: URL CODE"), yi_admin_cmd_enrol },
  { "sync", N_("Exchange records with the district now (exit status 0 if it worked)"), yi_admin_cmd_sync },
  { "sync-status", N_("Show when the kiosk last reached the district and what is waiting"), yi_admin_cmd_sync_status },
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
