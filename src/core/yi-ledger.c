#include "config.h"

#include "yi-ledger.h"
#include "yi-clock.h"
#include "yi-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A line's effect on the allowance balance: reversals count as the kind
 * they reverse (their amount is already negated). */
#define NET_ALLOWANCE \
  "coalesce(sum(CASE coalesce(r.kind, l.kind) WHEN 'grant' THEN l.amount_fen ELSE -l.amount_fen END), 0)"
#define LEDGER_WITH_REVERSED \
  "FROM ledger_entries l LEFT JOIN ledger_entries r ON r.id = l.reverses_id "

static gboolean
query_int64 (YiStore     *store,
             const char  *sql,
             const char  *a,
             const char  *b,
             gint64      *out,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return yi_store_set_sql_error (store, error, "Reading the ledger failed");
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The balance of the window the roll-over rule pools: the period alone, its
 * calendar year, or everything ever granted. */
static gboolean
window_balance (YiStore             *store,
                const YiEntitlement *ent,
                gint64              *out,
                GError             **error)
{
  g_autofree char *year = g_strndup (ent->date, 4);

  switch (ent->roll_over)
    {
    case YI_ROLL_OVER_YEAR:
      return query_int64 (store, "SELECT " NET_ALLOWANCE LEDGER_WITH_REVERSED
                          "WHERE l.elder_id = ?1 AND l.fund = 'allowance' AND substr(l.period, 1, 4) = ?2",
                          ent->elder_id, year, out, error);
    case YI_ROLL_OVER_ALWAYS:
      return query_int64 (store, "SELECT " NET_ALLOWANCE LEDGER_WITH_REVERSED
                          "WHERE l.elder_id = ?1 AND l.fund = 'allowance' AND ?2 IS NOT NULL",
                          ent->elder_id, year, out, error);
    case YI_ROLL_OVER_NONE:
    default:
      return query_int64 (store, "SELECT " NET_ALLOWANCE LEDGER_WITH_REVERSED
                          "WHERE l.elder_id = ?1 AND l.fund = 'allowance' AND l.period = ?2",
                          ent->elder_id, ent->period, out, error);
    }
}

static gboolean
granted_in_period (YiStore             *store,
                   const YiEntitlement *ent,
                   gint64              *out,
                   GError             **error)
{
  return query_int64 (store,
                      "SELECT coalesce(sum(l.amount_fen), 0) " LEDGER_WITH_REVERSED
                      "WHERE l.elder_id = ?1 AND l.period = ?2 AND coalesce(r.kind, l.kind) = 'grant'",
                      ent->elder_id, ent->period, out, error);
}

gboolean
yi_ledger_available (YiStore             *store,
                     const YiEntitlement *ent,
                     gint64              *available_fen,
                     GError             **error)
{
  gint64 balance = 0, granted = 0;

  *available_fen = 0;
  if (!yi_entitlement_is_active (ent) || ent->allowance_rule == NULL)
    return TRUE;
  if (!window_balance (store, ent, &balance, error) ||
      !granted_in_period (store, ent, &granted, error))
    return FALSE;
  /* Never stacked: a period is topped up to the best amount, never beyond. */
  *available_fen = MAX (0, balance + MAX (0, ent->allowance_fen - granted));
  return TRUE;
}

static gboolean
post_line (YiStore             *store,
           const YiEntitlement *ent,
           const char          *kind,
           const char          *fund,
           gint64               amount,
           const char          *period,
           const char          *rule,
           const char          *category,
           const YiCharge      *charge,
           GError             **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (f, "elder_id", ent->elder_id);
  json_object_set_string_member (f, "kind", kind);
  json_object_set_string_member (f, "fund", fund);
  json_object_set_int_member (f, "amount_fen", amount);
  json_object_set_string_member (f, "period", period);
  if (charge != NULL)
    {
      json_object_set_string_member (f, "source_table", charge->source_table);
      json_object_set_string_member (f, "source_id", charge->source_id);
    }
  if (ent->policy_id)
    json_object_set_string_member (f, "policy_id", ent->policy_id);
  if (rule)
    json_object_set_string_member (f, "rule", rule);
  if (ent->tier != YI_TIER_NONE)
    json_object_set_string_member (f, "funding_tier", yi_tier_to_string (ent->tier));
  if (category)
    json_object_set_string_member (f, "category", category);
  id = yi_store_append_event (store, "ledger_entries", f, error);
  return id != NULL;
}

/* Lapses what earlier periods left unused, as the roll-over rule says, when
 * a new period's allowance is first granted.  The lines say so on the
 * statement rather than the balance quietly shrinking. */
static gboolean
expire_closed_periods (YiStore             *store,
                       const YiEntitlement *ent,
                       GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *sql;

  if (ent->roll_over == YI_ROLL_OVER_ALWAYS)
    return TRUE;
  if (ent->roll_over == YI_ROLL_OVER_YEAR)
    sql = "SELECT substr(l.period, 1, 4) AS p, " NET_ALLOWANCE " AS net " LEDGER_WITH_REVERSED
          "WHERE l.elder_id = ?1 AND l.fund = 'allowance' GROUP BY p "
          "HAVING p < substr(?2, 1, 4) AND net > 0 ORDER BY p";
  else
    sql = "SELECT l.period AS p, " NET_ALLOWANCE " AS net " LEDGER_WITH_REVERSED
          "WHERE l.elder_id = ?1 AND l.fund = 'allowance' GROUP BY p "
          "HAVING p < substr(?2, 1, length(p)) AND net > 0 ORDER BY p";

  stmt = yi_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ent->elder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ent->date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 net = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (periods, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (amounts, net);
    }
  for (guint i = 0; i < periods->len; i++)
    if (!post_line (store, ent, "expiry", "allowance", g_array_index (amounts, gint64, i),
                    g_ptr_array_index (periods, i), ent->allowance_rule, ent->allowance_category,
                    NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
ensure_grant (YiStore             *store,
              const YiEntitlement *ent,
              GError             **error)
{
  gint64 granted = 0;

  if (!granted_in_period (store, ent, &granted, error))
    return FALSE;
  if (granted >= ent->allowance_fen)
    return TRUE;
  if (granted == 0 && !expire_closed_periods (store, ent, error))
    return FALSE;
  return post_line (store, ent, "grant", "allowance", ent->allowance_fen - granted,
                    ent->period, ent->allowance_rule, ent->allowance_category, NULL, error);
}

gboolean
yi_ledger_split_charge (YiStore             *store,
                        const YiEntitlement *ent,
                        const YiCharge      *charge,
                        YiChargeSplit       *split,
                        GError             **error)
{
  gint64 rest;

  memset (split, 0, sizeof *split);
  if (charge->price_fen < 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("A price cannot be negative"));
      return FALSE;
    }
  split->subsidy_fen = CLAMP (charge->subsidy_fen, 0, charge->price_fen);
  rest = charge->price_fen - split->subsidy_fen;
  if (charge->allowance_may_pay && rest > 0)
    {
      gint64 available = 0;

      if (!yi_ledger_available (store, ent, &available, error))
        return FALSE;
      split->allowance_fen = MIN (rest, available);
    }
  split->copay_fen = rest - split->allowance_fen;
  return TRUE;
}

gboolean
yi_ledger_post_charge (YiStore             *store,
                       const YiEntitlement *ent,
                       const YiCharge      *charge,
                       YiChargeSplit       *split,
                       GError             **error)
{
  g_autofree char *month = g_strndup (charge->date, 7);

  if (!yi_ledger_split_charge (store, ent, charge, split, error))
    return FALSE;
  if (split->subsidy_fen > 0 &&
      !post_line (store, ent, "allowance_debit", "subsidy", split->subsidy_fen, month,
                  charge->subsidy_rule, ent->tier_category, charge, error))
    return FALSE;
  if (split->allowance_fen > 0 &&
      (!ensure_grant (store, ent, error) ||
       !post_line (store, ent, "allowance_debit", "allowance", split->allowance_fen, ent->period,
                   ent->allowance_rule, ent->allowance_category, charge, error)))
    return FALSE;
  if (split->copay_fen > 0 &&
      !post_line (store, ent, "copay", "elder", split->copay_fen, month,
                  ent->tier_rule ? ent->tier_rule : "no-policy", ent->tier_category, charge, error))
    return FALSE;
  return TRUE;
}

gboolean
yi_ledger_reverse_source (YiStore     *store,
                          const char  *source_id,
                          GError     **error)
{
  static const char *const copied[] = {
    "elder_id", "fund", "period", "source_table", "source_id", "policy_id", "rule", "funding_tier", "category", NULL
  };
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT id FROM ledger_entries l WHERE source_id = ? AND kind <> 'reversal' "
      "AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id) ORDER BY at, id", error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, source_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) row = yi_store_row_to_json (store, "ledger_entries", g_ptr_array_index (ids, i));
      g_autoptr(JsonObject) f = json_object_new ();
      g_autofree char *id = NULL;

      if (row == NULL)
        return yi_store_set_sql_error (store, error, "Reading a ledger entry failed");
      for (guint c = 0; copied[c]; c++)
        if (json_object_has_member (row, copied[c]))
          json_object_set_member (f, copied[c], json_node_copy (json_object_get_member (row, copied[c])));
      json_object_set_string_member (f, "kind", "reversal");
      json_object_set_int_member (f, "amount_fen", -json_object_get_int_member (row, "amount_fen"));
      json_object_set_string_member (f, "reverses_id", g_ptr_array_index (ids, i));
      id = yi_store_append_event (store, "ledger_entries", f, error);
      if (id == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
yi_ledger_after_void (YiStore     *store,
                      const char  *table,
                      const char  *id,
                      GError     **error)
{
  g_autofree char *record = NULL;

  if (g_strcmp0 (table, "ledger_entries") == 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("A ledger entry is never cancelled by itself. Cancel the service confirmation, "
                     "service or served meal it came from, and the money is reversed."));
      return FALSE;
    }
  if (g_strcmp0 (table, "service_records") == 0 || g_strcmp0 (table, "meals_served") == 0)
    return yi_ledger_reverse_source (store, id, error);
  if (g_strcmp0 (table, "service_confirmations") != 0)
    return TRUE;
  record = yi_store_query_string (store, "SELECT service_record_id FROM service_confirmations WHERE id = ?", id, NULL);
  return record == NULL || yi_ledger_reverse_source (store, record, error);
}

/* ---------------------------------------------------------------- statement */

static void
ledger_line_free (YiLedgerLine *line)
{
  g_free (line->id);
  g_free (line->local_date);
  g_free (line->kind);
  g_free (line->fund);
  g_free (line->period);
  g_free (line->rule);
  g_free (line->funding_tier);
  g_free (line->category);
  g_free (line->what);
  g_free (line);
}

void
yi_statement_free (YiStatement *st)
{
  if (st == NULL)
    return;
  g_free (st->elder_id);
  g_free (st->elder_name);
  g_free (st->month);
  g_clear_pointer (&st->lines, g_ptr_array_unref);
  g_clear_pointer (&st->entitlement, yi_entitlement_free);
  g_free (st);
}

char *
yi_month_last_day (const char *month)
{
  int y = 0, m = 0, d = 0;
  g_autofree char *first = g_strconcat (month ? month : "", "-01", NULL);

  if (month == NULL || strlen (month) != 7 || !yi_date_parse (first, &y, &m, &d))
    return NULL;
  return g_strdup_printf ("%s-%02d", month, g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

YiStatement *
yi_store_get_statement (YiStore     *store,
                        const char  *elder_id,
                        const char  *month,
                        GError     **error)
{
  g_autoptr(YiStatement) st = g_new0 (YiStatement, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *last = yi_month_last_day (month);
  g_autofree char *today = yi_store_today (store);

  if (last == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("“%s” is not a month written as YYYY-MM"), month ? month : "");
      return NULL;
    }
  st->elder_name = yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL);
  if (st->elder_name == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   _("No elder is registered under this record"));
      return NULL;
    }
  st->elder_id = g_strdup (elder_id);
  st->month = g_strdup (month);
  st->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ledger_line_free);

  stmt = yi_store_prepare (store,
      "SELECT l.id, l.local_date, l.kind, l.fund, l.amount_fen, l.period, l.rule, l.funding_tier, l.category, "
      "  coalesce(r.kind, l.kind), "
      "  CASE l.source_table WHEN 'service_records' THEN "
      "    (SELECT t.name_zh FROM service_records s JOIN service_types t ON t.id = s.service_type_id WHERE s.id = l.source_id) "
      "  WHEN 'meals_served' THEN (SELECT m.on_date || ' ' || m.meal FROM meals_served m WHERE m.id = l.source_id) END "
      LEDGER_WITH_REVERSED
      "WHERE l.elder_id = ?1 AND substr(l.local_date, 1, 7) = ?2 ORDER BY l.at, l.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiLedgerLine *line = g_new0 (YiLedgerLine, 1);
      const char *effective = (const char *) sqlite3_column_text (stmt, 9);

      line->id = column_dup (stmt, 0);
      line->local_date = column_dup (stmt, 1);
      line->kind = column_dup (stmt, 2);
      line->fund = column_dup (stmt, 3);
      line->amount_fen = sqlite3_column_int64 (stmt, 4);
      line->period = column_dup (stmt, 5);
      line->rule = column_dup (stmt, 6);
      line->funding_tier = column_dup (stmt, 7);
      line->category = column_dup (stmt, 8);
      line->what = column_dup (stmt, 10);
      g_ptr_array_add (st->lines, line);

      if (g_strcmp0 (effective, "grant") == 0)
        st->granted_fen += line->amount_fen;
      else if (g_strcmp0 (effective, "expiry") == 0)
        st->expired_fen += line->amount_fen;
      else if (g_strcmp0 (effective, "copay") == 0)
        st->copay_fen += line->amount_fen;
      else if (g_strcmp0 (line->fund, "subsidy") == 0)
        st->subsidy_fen += line->amount_fen;
      else
        st->allowance_used_fen += line->amount_fen;
    }

  /* The balance as it stands at the end of the month, or today within it. */
  st->entitlement = yi_store_get_entitlement (store, elder_id,
                                              strcmp (today, last) < 0 && strncmp (today, month, 7) == 0 ? today : last,
                                              error);
  if (st->entitlement == NULL ||
      !yi_ledger_available (store, st->entitlement, &st->available_fen, error))
    return NULL;
  return g_steal_pointer (&st);
}
