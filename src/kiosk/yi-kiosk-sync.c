#include "config.h"

#include "yi-kiosk-sync.h"
#include "yi-sync-client.h"

#include <glib/gi18n.h>

static void
on_changes_received (YiStore    *store,
                     const char *hlc)
{
  /* later local edits must order after what another device wrote */
  yi_store_observe_hlc (store, hlc);
}

YiSyncEngine *
yi_kiosk_sync_start (YiStore *store)
{
  /* Only whether it is enrolled: the whole status also counts the changes
   * waiting to be sent, which a kiosk never enrolled has years of. */
  g_autofree char *url = yi_store_get_meta (store, YI_SYNC_META_URL);
  g_autofree char *token_path = yi_sync_token_path (yi_store_get_path (store));
  YiSyncEngine *engine;

  if (url == NULL || !g_file_test (token_path, G_FILE_TEST_EXISTS))
    return NULL;
  engine = yi_sync_engine_new (yi_store_get_path (store));
  g_signal_connect_object (store, "committed", G_CALLBACK (yi_sync_engine_nudge), engine, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "changes-received", G_CALLBACK (on_changes_received), store, G_CONNECT_SWAPPED);
  yi_sync_engine_start (engine);
  return engine;
}

static char *
format_local_time (const char *utc,
                   GTimeZone  *timezone)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (when == NULL)
    return g_strdup (utc);
  local = g_date_time_to_timezone (when, timezone);
  now = g_date_time_new_now (timezone);
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
yi_kiosk_sync_describe (YiSyncEngine *engine,
                        GTimeZone    *timezone,
                        gboolean     *warning)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *last_success = yi_sync_engine_get_last_success (engine);
  const char *last_error = yi_sync_engine_get_last_error (engine);
  const char *clock_warning = yi_sync_engine_get_clock_warning (engine);
  int pending = (int) MIN (yi_sync_engine_get_pending (engine), G_MAXINT);
  int rejected = (int) MIN (yi_sync_engine_get_rejected (engine), G_MAXINT);

  *warning = FALSE;
  if (yi_sync_engine_get_revoked (engine))
    {
      *warning = TRUE;
      return g_strdup (_("The district has withdrawn this kiosk’s access: records stay here until "
                         "the district office enrols it again."));
    }
  if (yi_sync_engine_get_syncing (engine))
    g_ptr_array_add (parts, g_strdup (_("Exchanging records with the district…")));
  else if (last_success != NULL)
    {
      g_autofree char *when = format_local_time (last_success, timezone);
      g_ptr_array_add (parts, g_strdup_printf (_("Last exchange with the district at %s"), when));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("Not yet in touch with the district")));
  if (pending > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d record waiting to be sent",
                                                          "%d records waiting to be sent", pending), pending));
  if (rejected > 0)
    {
      *warning = TRUE;
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d record refused by the district (see yiyang-admin sync-status)",
                                                            "%d records refused by the district (see yiyang-admin sync-status)", rejected), rejected));
    }
  if (last_error != NULL)
    {
      *warning = TRUE;
      g_ptr_array_add (parts, g_strdup_printf (_("Last try failed: %s"), last_error));
    }
  if (clock_warning != NULL)
    {
      *warning = TRUE;
      g_ptr_array_add (parts, g_strdup (clock_warning));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
