#include "config.h"

#include "yi-tables.h"

#include <string.h>

static const char *entity_tables[] = {
  "centre", "elders", "elder_contacts", "elder_categories", "elder_assessments",
  "elder_consents", "staff", "cards", "service_types", "activities", "menus",
  "volunteers", "volunteer_pairs", "policies", "notices", "duty_roster",
  NULL
};

static const char *event_tables[] = {
  "event_voids", "elder_status_changes", "attendance", "unknown_card_taps",
  "meal_orders", "meals_served", "activity_signups", "activity_attendance",
  "service_records", "service_confirmations", "vital_signs", "vital_alert_acks",
  "feedback", "volunteer_hours", "welfare_calls", "ledger_entries",
  NULL
};

static gboolean
in_list (const char **list,
         const char  *name)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (list[i], name) == 0)
      return TRUE;
  return FALSE;
}

YiTableKind
yi_table_kind (const char *table)
{
  if (table == NULL)
    return YI_TABLE_UNKNOWN;
  if (in_list (entity_tables, table))
    return YI_TABLE_ENTITY;
  if (in_list (event_tables, table))
    return YI_TABLE_EVENT;
  return YI_TABLE_UNKNOWN;
}

const char **
yi_table_entities (void)
{
  return entity_tables;
}

const char **
yi_table_events (void)
{
  return event_tables;
}

gboolean
yi_table_is_synced (const char *table)
{
  return yi_table_kind (table) != YI_TABLE_UNKNOWN;
}
