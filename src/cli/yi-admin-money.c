#include "config.h"

#include "yi-admin-money.h"
#include "yi-domain.h"
#include "yi-entitlement.h"
#include "yi-ledger.h"
#include "yi-settlement.h"

#include <glib/gi18n.h>
#include <string.h>

static char *
find_elder (YiStore     *store,
            const char  *id_number,
            GError     **error)
{
  char *elder = yi_store_find_elder_by_id_number (store, id_number);

  if (elder == NULL)
    g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                 _("No elder is registered with the ID number %s"), id_number);
  return elder;
}

/* Parses "--name VALUE" options after the positional arguments. */
static gboolean
parse_options (int           argc,
               char        **argv,
               int           positional,
               const char   *name,
               char        **value,
               const char   *name2,
               char        **value2)
{
  if (argc < positional + 1)
    return FALSE;
  for (int i = positional + 1; i < argc; i++)
    {
      if (i + 1 < argc && g_strcmp0 (argv[i], name) == 0)
        *value = argv[++i];
      else if (name2 && i + 1 < argc && g_strcmp0 (argv[i], name2) == 0)
        *value2 = argv[++i];
      else
        return FALSE;
    }
  return TRUE;
}

int
yi_admin_cmd_policy_load (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiPolicy) policy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  gsize len = 0;
  gboolean already = FALSE;

  if (argc != 2)
    {
      g_printerr (_("Usage: yiyang-admin policy-load FILE\n"));
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &len, error))
    return 1;
  if ((store = yi_admin_open_store (error)) == NULL)
    return 1;
  id = yi_store_save_policy (store, text, (gssize) len, &already, error);
  if (id == NULL)
    return 1;
  policy = yi_policy_new_from_data (text, (gssize) len, error);
  if (policy == NULL)
    return 1;
  if (already)
    g_print (_("Policy version %s was already loaded; nothing changed.\n"), yi_policy_get_version (policy));
  else
    g_print (_("Policy version %s loaded; it applies from %s.\n"),
             yi_policy_get_version (policy), yi_policy_get_effective_from (policy));
  return 0;
}

static void
print_entitlement (const YiEntitlement *ent,
                   gint64               available)
{
  g_autofree char *amount = yi_fen_format (ent->allowance_fen);
  g_autofree char *left = yi_fen_format (available);

  if (!yi_entitlement_is_active (ent))
    {
      g_print (_("Not entitled on %s: recorded as %s.\n"), ent->date, ent->status);
      return;
    }
  if (ent->policy == NULL)
    {
      g_print (_("No subsidy policy is in force on %s.\n"), ent->date);
      return;
    }
  g_print (_("Policy:        %s (from %s)\n"), yi_policy_get_version (ent->policy),
           yi_policy_get_effective_from (ent->policy));
  g_print (_("Age:           %d\n"), ent->age);
  g_print (_("Funding tier:  %s (rule %s%s%s)\n"), yi_tier_label (ent->tier), ent->tier_rule,
           ent->tier_category ? ", " : "", ent->tier_category ? yi_category_label (ent->tier_category) : "");
  if (ent->allowance_rule == NULL)
    g_print (_("Allowance:     none\n"));
  else
    g_print (_("Allowance:     %s yuan a %s (rule %s%s%s); %s yuan left for %s\n"), amount,
             ent->period_kind == YI_PERIOD_MONTH ? _("month") : _("year"), ent->allowance_rule,
             ent->allowance_category ? ", " : "",
             ent->allowance_category ? yi_category_label (ent->allowance_category) : "",
             left, ent->period);
}

int
yi_admin_cmd_entitlement (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiEntitlement) ent = NULL;
  g_autofree char *elder = NULL;
  g_autofree char *today = NULL;
  char *date = NULL;
  gint64 available = 0;

  if (!parse_options (argc, argv, 1, "--date", &date, NULL, NULL))
    {
      g_printerr (_("Usage: yiyang-admin entitlement ELDER-ID-NUMBER [--date YYYY-MM-DD]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL ||
      (elder = find_elder (store, argv[1], error)) == NULL)
    return 1;
  today = yi_store_today (store);
  ent = yi_store_get_entitlement (store, elder, date ? date : today, error);
  if (ent == NULL || !yi_ledger_available (store, ent, &available, error))
    return 1;
  print_entitlement (ent, available);
  return 0;
}

int
yi_admin_cmd_statement (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiStatement) st = NULL;
  g_autofree char *elder = NULL;
  g_autofree char *today = NULL;
  g_autofree char *this_month = NULL;
  char *month = NULL;

  if (!parse_options (argc, argv, 1, "--month", &month, NULL, NULL))
    {
      g_printerr (_("Usage: yiyang-admin statement ELDER-ID-NUMBER [--month YYYY-MM]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL ||
      (elder = find_elder (store, argv[1], error)) == NULL)
    return 1;
  today = yi_store_today (store);
  this_month = g_strndup (today, 7);
  st = yi_store_get_statement (store, elder, month ? month : this_month, error);
  if (st == NULL)
    return 1;

  g_print (_("Statement for %s, %s\n\n"), st->elder_name, st->month);
  g_print ("%-10s  %-15s  %-9s  %10s  %-8s  %s\n", _("Date"), _("Kind"), _("Paid by"), _("Yuan"), _("Period"), _("For"));
  for (guint i = 0; i < st->lines->len; i++)
    {
      YiLedgerLine *l = g_ptr_array_index (st->lines, i);
      g_autofree char *yuan = yi_fen_format (l->amount_fen);

      g_print ("%-10s  %-15s  %-9s  %10s  %-8s  %s\n", l->local_date, l->kind, l->fund, yuan,
               l->period, l->what ? l->what : (l->rule ? l->rule : ""));
    }
  {
    g_autofree char *granted = yi_fen_format (st->granted_fen);
    g_autofree char *used = yi_fen_format (st->allowance_used_fen);
    g_autofree char *subsidy = yi_fen_format (st->subsidy_fen);
    g_autofree char *copay = yi_fen_format (st->copay_fen);
    g_autofree char *expired = yi_fen_format (st->expired_fen);

    g_print (_("\nAllowance granted %s, used %s, expired %s; subsidies %s; paid by the elder %s (yuan)\n"),
             granted, used, expired, subsidy, copay);
  }
  print_entitlement (st->entitlement, st->available_fen);
  return 0;
}

int
yi_admin_cmd_settlement (int argc, char **argv, GError **error)
{
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiSettlement) s = NULL;
  g_autofree char *csv = NULL;
  char *quarter = NULL, *output = NULL;

  if (!parse_options (argc, argv, 0, "--quarter", &quarter, "--output", &output) || quarter == NULL)
    {
      g_printerr (_("Usage: yiyang-admin settlement --quarter 2026Q3 [--output FILE.csv]\n"));
      return 2;
    }
  if ((store = yi_admin_open_store (error)) == NULL ||
      (s = yi_store_get_settlement (store, quarter, error)) == NULL)
    return 1;
  csv = yi_settlement_to_csv (s);
  if (output == NULL)
    {
      /* Without the byte-order mark on a terminal. */
      g_print ("%s", csv + 3);
      return 0;
    }
  if (!g_file_set_contents (output, csv, -1, error))
    return 1;
  {
    g_autofree char *allowance = yi_fen_format (s->allowance_fen);
    g_autofree char *subsidy = yi_fen_format (s->subsidy_fen);
    g_autofree char *copay = yi_fen_format (s->copay_fen);

    g_print (_("Settlement %s (%s to %s) written to %s: %u lines; allowance %s, subsidies %s, co-payments %s yuan\n"),
             s->quarter, s->from, s->to, output, s->rows->len, allowance, subsidy, copay);
  }
  return 0;
}
