#include "yi-admin.h"
#include "yi-admin-report.h"

#include <glib/gi18n.h>

static const YiAdminCommand extra_commands[] = {
  { "report", N_("Statistics for a period: --from DATE --to DATE (or --period) --format xlsx|csv|pdf --output FILE"), yi_admin_cmd_report },
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
