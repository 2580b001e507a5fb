#pragma once

#include "yi-entitlement.h"
#include "yi-store.h"

G_BEGIN_DECLS

/* The append-only money ledger.  Every amount is integer fen.  A line's
 * fund says whose money moved: "allowance" (the elder's allowance balance),
 * "subsidy" (a per-use district subsidy: free meals, tier discounts) or
 * "elder" (the co-payment).  Kinds: grant (+ to the allowance),
 * allowance_debit (paid by the district, from the fund named), copay,
 * expiry (unused allowance lapsing) and reversal (the negated amount of the
 * line named by reverses_id). */

/* One thing to be paid for: a confirmed service or a served meal. */
typedef struct {
  const char *elder_id;
  const char *date;             /* the day of the service or meal */
  const char *source_table;     /* service_records or meals_served */
  const char *source_id;
  gint64      price_fen;        /* the full price */
  gint64      subsidy_fen;      /* the per-use district subsidy the rules give */
  const char *subsidy_rule;     /* recorded on the subsidy line */
  gboolean    allowance_may_pay;
} YiCharge;

typedef struct {
  gint64 subsidy_fen;
  gint64 allowance_fen;
  gint64 copay_fen;
} YiChargeSplit;

/* How @charge would be paid now, without writing anything: the subsidy,
 * then the allowance as far as it goes, and the rest by the elder. */
gboolean yi_ledger_split_charge      (YiStore             *store,
                                      const YiEntitlement *ent,
                                      const YiCharge      *charge,
                                      YiChargeSplit       *split,
                                      GError             **error);
/* Posts the lines of @charge (and the period's allowance grant when first
 * used).  Call inside the transaction that confirms or serves. */
gboolean yi_ledger_post_charge       (YiStore             *store,
                                      const YiEntitlement *ent,
                                      const YiCharge      *charge,
                                      YiChargeSplit       *split,
                                      GError             **error);
/* Posts a reversal for every live line that @source_id produced. */
gboolean yi_ledger_reverse_source    (YiStore             *store,
                                      const char          *source_id,
                                      GError             **error);
/* Called by yi_store_void_event inside its transaction. */
gboolean yi_ledger_after_void        (YiStore             *store,
                                      const char          *table,
                                      const char          *id,
                                      GError             **error);

/* What the elder's allowance still holds on @ent's day, counting a period
 * allowance not yet granted (for staff; never shown to the elder). */
gboolean yi_ledger_available         (YiStore             *store,
                                      const YiEntitlement *ent,
                                      gint64              *available_fen,
                                      GError             **error);

typedef struct {
  char   *id;
  char   *local_date;
  char   *kind;
  char   *fund;
  gint64  amount_fen;
  char   *period;
  char   *rule;
  char   *funding_tier;
  char   *category;
  char   *what;            /* service name or meal, if any */
} YiLedgerLine;

typedef struct {
  char          *elder_id;
  char          *elder_name;
  char          *month;             /* YYYY-MM */
  GPtrArray     *lines;             /* YiLedgerLine, in posting order */
  gint64         granted_fen;
  gint64         allowance_used_fen;
  gint64         subsidy_fen;
  gint64         copay_fen;
  gint64         expired_fen;
  YiEntitlement *entitlement;       /* on the month's last day (or today) */
  gint64         available_fen;     /* the allowance left at that day */
} YiStatement;

void         yi_statement_free       (YiStatement *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiStatement, yi_statement_free)

/* An elder's ledger lines posted in @month, with totals (reversals counted
 * under the kind they reverse) and the balance: for staff only. */
YiStatement *yi_store_get_statement  (YiStore     *store,
                                      const char  *elder_id,
                                      const char  *month,
                                      GError     **error);

/* The last day of a YYYY-MM month. */
char        *yi_month_last_day       (const char  *month);

G_END_DECLS
