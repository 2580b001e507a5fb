#include "yi-admin.h"
#include "yi-admin-centre.h"

#include <glib/gi18n.h>

static const YiAdminCommand extra_commands[] = {
  { "import-elders", N_("Import or update elders from a spreadsheet saved as CSV: FILE [--skip-bad]"), yi_admin_import_elders },
  { "demo-data", N_("Fill an empty database with a demo centre: --elders N --days D [--seed S]"), yi_admin_demo_data },
  { "summary", N_("Show what the database holds"), yi_admin_summary },
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
