#include "config.h"

#include "yi-settlement.h"
#include "yi-domain.h"
#include "yi-policy.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

static void
settlement_row_free (YiSettlementRow *row)
{
  g_free (row->elder_id);
  g_free (row->elder_name);
  g_free (row->id_number);
  g_free (row->category);
  g_free (row->service);
  g_free (row->service_name);
  g_free (row);
}

void
yi_settlement_free (YiSettlement *s)
{
  if (s == NULL)
    return;
  g_free (s->quarter);
  g_free (s->from);
  g_free (s->to);
  g_clear_pointer (&s->rows, g_ptr_array_unref);
  g_free (s);
}

gboolean
yi_quarter_parse (const char  *quarter,
                  char       **first_day,
                  char       **last_day,
                  GError     **error)
{
  static const char *const ends[] = { "03-31", "06-30", "09-30", "12-31" };
  int year, q;

  if (quarter == NULL || strlen (quarter) != 6 || !g_ascii_isdigit (quarter[0]) ||
      !g_ascii_isdigit (quarter[1]) || !g_ascii_isdigit (quarter[2]) || !g_ascii_isdigit (quarter[3]) ||
      g_ascii_toupper (quarter[4]) != 'Q' || quarter[5] < '1' || quarter[5] > '4')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a quarter written like 2026Q3"), quarter ? quarter : "");
      return FALSE;
    }
  year = atoi (quarter);
  q = quarter[5] - '0';
  *first_day = g_strdup_printf ("%04d-%02d-01", year, (q - 1) * 3 + 1);
  *last_day = g_strdup_printf ("%04d-%s", year, ends[q - 1]);
  return TRUE;
}

YiSettlement *
yi_store_get_settlement (YiStore     *store,
                         const char  *quarter,
                         GError     **error)
{
  g_autoptr(YiSettlement) s = g_new0 (YiSettlement, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!yi_quarter_parse (quarter, &s->from, &s->to, error))
    return NULL;
  s->quarter = g_ascii_strup (quarter, -1);
  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) settlement_row_free);

  /* Grants and expiries move no money to a provider, so only lines that
   * came from a service or a meal are settled. */
  stmt = yi_store_prepare (store,
      "SELECT l.elder_id, e.name, e.id_number, coalesce(l.category, '') AS cat, "
      "  CASE l.source_table WHEN 'service_records' THEN t.code ELSE 'meal:' || m.meal END AS svc, "
      "  CASE l.source_table WHEN 'service_records' THEN t.name_zh ELSE m.meal END, "
      "  count(DISTINCT CASE WHEN l.kind <> 'reversal' THEN l.source_id END) "
      "    - count(DISTINCT CASE WHEN l.kind = 'reversal' THEN l.source_id END), "
      "  coalesce(sum(CASE l.fund WHEN 'allowance' THEN l.amount_fen END), 0), "
      "  coalesce(sum(CASE l.fund WHEN 'subsidy' THEN l.amount_fen END), 0), "
      "  coalesce(sum(CASE l.fund WHEN 'elder' THEN l.amount_fen END), 0) "
      "FROM ledger_entries l JOIN elders e ON e.id = l.elder_id "
      "LEFT JOIN service_records s ON l.source_table = 'service_records' AND s.id = l.source_id "
      "LEFT JOIN service_types t ON t.id = s.service_type_id "
      "LEFT JOIN meals_served m ON l.source_table = 'meals_served' AND m.id = l.source_id "
      "WHERE l.local_date BETWEEN ?1 AND ?2 AND l.source_id IS NOT NULL "
      "GROUP BY l.elder_id, cat, svc ORDER BY e.name, e.id_number, l.elder_id, cat, svc", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, s->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, s->to, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiSettlementRow *row = g_new0 (YiSettlementRow, 1);

      row->elder_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->elder_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->id_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->category = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->service = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->service_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->uses = sqlite3_column_int64 (stmt, 6);
      row->allowance_fen = sqlite3_column_int64 (stmt, 7);
      row->subsidy_fen = sqlite3_column_int64 (stmt, 8);
      row->copay_fen = sqlite3_column_int64 (stmt, 9);
      s->allowance_fen += row->allowance_fen;
      s->subsidy_fen += row->subsidy_fen;
      s->copay_fen += row->copay_fen;
      g_ptr_array_add (s->rows, row);
    }
  return g_steal_pointer (&s);
}

/* Quotes a CSV field, and defuses text a spreadsheet would run as a formula. */
static void
csv_field (GString    *out,
           const char *value)
{
  const char *v = value ? value : "";
  gboolean formula = strchr ("=+-@", v[0]) != NULL && v[0] != '\0';

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = v; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_money (GString *out,
           gint64   fen)
{
  g_autofree char *yuan = yi_fen_format (fen);

  g_string_append_printf (out, ",%s", yuan);
}

char *
yi_settlement_to_csv (YiSettlement *s)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  const char *headers[] = {
    _("Quarter"), _("Elder"), _("ID number"), _("Category"), _("Service code"), _("Service"),
    _("Uses"), _("Allowance used (yuan)"), _("Subsidy (yuan)"), _("Co-payment (yuan)"), _("Total (yuan)"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i)
        g_string_append_c (out, ',');
      csv_field (out, headers[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < s->rows->len; i++)
    {
      YiSettlementRow *r = g_ptr_array_index (s->rows, i);

      csv_field (out, s->quarter);
      g_string_append_c (out, ',');
      csv_field (out, r->elder_name);
      g_string_append_c (out, ',');
      csv_field (out, r->id_number);
      g_string_append_c (out, ',');
      csv_field (out, *r->category ? yi_category_label (r->category) : _("none"));
      g_string_append_c (out, ',');
      csv_field (out, r->service);
      g_string_append_c (out, ',');
      csv_field (out, r->service_name);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT, r->uses);
      csv_money (out, r->allowance_fen);
      csv_money (out, r->subsidy_fen);
      csv_money (out, r->copay_fen);
      csv_money (out, r->allowance_fen + r->subsidy_fen + r->copay_fen);
      g_string_append (out, "\r\n");
    }

  csv_field (out, s->quarter);
  g_string_append_c (out, ',');
  csv_field (out, _("Total"));
  g_string_append (out, ",,,,,");
  csv_money (out, s->allowance_fen);
  csv_money (out, s->subsidy_fen);
  csv_money (out, s->copay_fen);
  csv_money (out, s->allowance_fen + s->subsidy_fen + s->copay_fen);
  g_string_append (out, "\r\n");
  return g_string_free (out, FALSE);
}
