#include "config.h"

#include "yi-admin.h"
#include "yi-admin-staff.h"

#include <glib/gi18n-lib.h>

static const YiAdminCommand extra_commands[] = {
  { "staff-idle-lock", N_("How long staff mode stays open untouched: [SECONDS]"), yi_admin_cmd_staff_idle_lock },
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
