#include "config.h"

#include "yi-admin-sync.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"

#include <glib/gi18n.h>

int
yi_admin_cmd_enrol (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autofree char *centre = NULL;

  if (argc != 3)
    {
      g_printerr (_("Usage: yiyang-admin enrol URL CODE   (the code comes from the district office)\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if (!yi_sync_enrol (store, argv[1], argv[2], NULL, error))
    return 1;
  centre = yi_store_get_meta (store, YI_SYNC_META_CENTRE);
  g_print (_("Enrolled with %s (centre %s). Records will now be exchanged with the district.\n"), argv[1], centre);
  return 0;
}

int
yi_admin_cmd_sync (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiSyncClient) client = NULL;
  g_autoptr(YiSyncStatus) status = NULL;

  if (argc != 1)
    {
      g_printerr (_("Usage: yiyang-admin sync\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  if ((client = yi_sync_client_new (store, error)) == NULL ||
      !yi_sync_client_run_round (client, NULL, error))
    return 1;
  status = yi_sync_status_load (store);
  g_print (_("Sync done: %d changes waiting, %d refused by the district.\n"),
           (int) status->pending, (int) status->rejected);
  return 0;
}

static void
print_rejected (YiStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT settled_at, record_table, record_id, reject_reason FROM outbox WHERE state = 'rejected' ORDER BY seq",
      NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("  %s  %s %s: %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
             sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
}

static void
print_inbox_failures (YiStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT failed_at, record_table, record_id, reason FROM sync_inbox_failures ORDER BY failed_at", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("  %s  %s %s: %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
             sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
}

int
yi_admin_cmd_sync_status (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiSyncStatus) status = NULL;
  g_autofree char *skew = NULL;

  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  status = yi_sync_status_load (store);
  if (!status->enrolled)
    {
      g_print (_("Not enrolled with a district server (yiyang-admin enrol URL CODE).\n"));
      g_print (_("Changes waiting to be sent: %d\n"), (int) status->pending);
      return 0;
    }
  g_print (_("District server: %s\n"), status->server_url);
  g_print (_("Centre: %s\n"), status->centre_id ? status->centre_id : "-");
  g_print (_("Last successful sync: %s\n"), status->last_success ? status->last_success : _("never"));
  g_print (_("Last attempt: %s\n"), status->last_attempt ? status->last_attempt : _("never"));
  g_print (_("Changes waiting to be sent: %d\n"), (int) status->pending);
  if (status->revoked)
    g_print (_("This kiosk's access has been revoked by the district: nothing is sent or received until it is enrolled again.\n"));
  if (status->last_error)
    g_print (_("Last error: %s\n"), status->last_error);
  if ((skew = yi_sync_status_describe_skew (status)) != NULL)
    g_print (_("Warning: %s\n"), skew);
  else if (status->skew_known)
    g_print (_("Clock difference with the district: %.1f s\n"), status->clock_skew_ms / 1000.0 + 0.0);
  g_print (_("Changes refused by the district: %d\n"), (int) status->rejected);
  print_rejected (store);
  if (status->inbox_failures > 0)
    {
      g_print (_("Changes from the district that could not be applied here: %d\n"),
               (int) status->inbox_failures);
      print_inbox_failures (store);
    }
  return 0;
}
