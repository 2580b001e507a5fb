#include "config.h"

#include "yi-admin.h"
#include "yi-admin-centre.h"
#include "yi-admin-config.h"
#include "yi-admin-money.h"
#include "yi-admin-report.h"
#include "yi-admin-staff.h"
#include "yi-admin-sync.h"

#include <glib/gi18n-lib.h>

static const YiAdminCommand extra_commands[] = {
  { "import-elders", N_("Import or update elders from a spreadsheet saved as CSV: FILE [--skip-bad]"), yi_admin_import_elders },
  { "demo-data", N_("Fill an empty database with a demo centre: --elders N --days D [--seed S]"), yi_admin_demo_data },
  { "summary", N_("Show what the database holds"), yi_admin_summary },
  { "policy-load", N_("Check and store a district subsidy policy: FILE"), yi_admin_cmd_policy_load },
  { "entitlement", N_("Show an elder's tier and allowance: ELDER-ID-NUMBER [--date D]"), yi_admin_cmd_entitlement },
  { "statement", N_("An elder's ledger for a month: ELDER-ID-NUMBER [--month YYYY-MM]"), yi_admin_cmd_statement },
  { "settlement", N_("Quarterly subsidy settlement as CSV: --quarter 2026Q3 [--output FILE.csv]"), yi_admin_cmd_settlement },
  { "staff-idle-lock", N_("How long staff mode stays open untouched: [SECONDS]"), yi_admin_cmd_staff_idle_lock },
  { "enrol", N_("Enrol this kiosk with the district: URL CODE"), yi_admin_cmd_enrol },
  { "sync", N_("Exchange records with the district now (exit status 0 if it worked)"), yi_admin_cmd_sync },
  { "sync-status", N_("Show when the kiosk last reached the district and what is waiting"), yi_admin_cmd_sync_status },
  { "report", N_("Statistics for a period: --from DATE --to DATE (or --period) --format xlsx|csv|pdf --output FILE"), yi_admin_cmd_report },
  { "config", N_("Show or change a setting of this kiosk (run as its user): [KEY [VALUE]]"), yi_admin_cmd_config },
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
