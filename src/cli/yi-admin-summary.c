#include "config.h"

#include "yi-admin-centre.h"
#include "yi-clock.h"
#include "yi-tables.h"

#include <glib/gi18n.h>

/* Age bands of the district's monthly report, plus those under 60. */
static const struct { int low; const char *label; } bands[] = {
  { 0, N_("under 60") }, { 60, "60–69" }, { 70, "70–79" }, { 80, "80–89" }, { 90, N_("90 and over") },
};

/* Counts for messages: translators see plain %d. */
#define count(...) ((int) yi_store_count (__VA_ARGS__))

static guint
band_of (int age)
{
  guint b = 0;

  while (b + 1 < G_N_ELEMENTS (bands) && age >= bands[b + 1].low)
    b++;
  return b;
}

static void
print_ages (YiStore    *store,
            const char *today)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT birth_date, gender FROM elders WHERE status = 'active'", NULL);
  guint counts[G_N_ELEMENTS (bands)][2] = { { 0, }, };
  guint total = 0, over80 = 0;

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int age = yi_age_on ((const char *) sqlite3_column_text (stmt, 0), today);
      gboolean woman = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "F") == 0;

      counts[band_of (age)][woman]++;
      total++;
      if (age >= 80)
        over80++;
    }
  if (total == 0)
    return;
  g_print (_("  by age          men  women\n"));
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    if (counts[b][0] + counts[b][1] > 0)
      g_print ("    %-12s %5u  %5u\n", _(bands[b].label), counts[b][0], counts[b][1]);
  g_print (_("  aged 80 and over: %.1f%%\n"), 100.0 * over80 / total);
}

int
yi_admin_summary (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autofree char *today = NULL;
  g_autofree char *centre = NULL;
  const char **events = yi_table_events ();

  if (argc != 1)
    {
      g_printerr (_("Usage: yiyang-admin summary\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  today = yi_store_today (store);
  centre = yi_store_query_string (store, "SELECT name FROM centre ORDER BY updated_at LIMIT 1", NULL);

  g_print (_("Centre: %s\n"), centre ? centre : _("(not set up yet)"));
  g_print (_("Database: %s (schema %d), today is %s\n"),
           yi_store_get_path (store), yi_store_get_version (store), today);
  g_print (_("Elders: %d active, %d moved away, %d deceased\n"),
           count (store, "SELECT count(*) FROM elders WHERE status = 'active'", NULL),
           count (store, "SELECT count(*) FROM elders WHERE status = 'moved'", NULL),
           count (store, "SELECT count(*) FROM elders WHERE status = 'deceased'", NULL));
  print_ages (store, today);
  g_print (_("Cards: %d in use, %d revoked\n"),
           count (store, "SELECT count(*) FROM cards WHERE revoked_at IS NULL", NULL),
           count (store, "SELECT count(*) FROM cards WHERE revoked_at IS NOT NULL", NULL));
  g_print (_("Staff: %d active (%d can log in with a PIN); volunteers: %d\n"),
           count (store, "SELECT count(*) FROM staff WHERE active = 1", NULL),
           count (store, "SELECT count(*) FROM staff WHERE active = 1 AND pin_hash IS NOT NULL", NULL),
           count (store, "SELECT count(*) FROM volunteers WHERE active = 1", NULL));
  g_print (_("Today: %d elders checked in, %d still here\n"),
           count (store,
                           "SELECT count(DISTINCT elder_id) FROM attendance WHERE local_date = ? AND kind = 'in' "
                           "AND id NOT IN (SELECT target_id FROM event_voids)", today, NULL),
           count (store,
                           "SELECT count(*) FROM (SELECT elder_id, kind FROM attendance a WHERE local_date = ? "
                           "AND id NOT IN (SELECT target_id FROM event_voids) "
                           "AND at = (SELECT max(at) FROM attendance b WHERE b.elder_id = a.elder_id AND b.local_date = a.local_date)) "
                           "WHERE kind = 'in'", today, NULL));
  g_print (_("Records (events):\n"));
  for (guint i = 0; events[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", events[i]);
      gint64 n = yi_store_count (store, sql, NULL);

      if (n > 0)
        g_print ("    %-22s %8" G_GINT64_FORMAT "\n", events[i], n);
    }
  g_print (_("Waiting to be sent to the district: %d changes\n"),
           count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'", NULL));
  return 0;
}
