#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* The quarterly settlement (季度结算): what the district paid, from the
 * allowance and as per-use subsidies, and what elders paid themselves, per
 * elder, category and service type, for ledger lines posted in the
 * quarter.  Corrections appear in the quarter they were booked. */

typedef struct {
  char   *elder_id;
  char   *elder_name;
  char   *id_number;
  char   *category;        /* the flag the rule was met by; "" for none */
  char   *service;         /* service type code, or meal:lunch and so on */
  char   *service_name;
  gint64  uses;            /* services or meals, net of reversals */
  gint64  allowance_fen;
  gint64  subsidy_fen;
  gint64  copay_fen;
} YiSettlementRow;

typedef struct {
  char      *quarter;      /* 2026Q3 */
  char      *from;         /* first and last day */
  char      *to;
  GPtrArray *rows;         /* YiSettlementRow */
  gint64     allowance_fen;
  gint64     subsidy_fen;
  gint64     copay_fen;
} YiSettlement;

void          yi_settlement_free       (YiSettlement *settlement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSettlement, yi_settlement_free)

gboolean      yi_quarter_parse         (const char   *quarter,
                                        char        **first_day,
                                        char        **last_day,
                                        GError      **error);
YiSettlement *yi_store_get_settlement  (YiStore      *store,
                                        const char   *quarter,
                                        GError      **error);
/* CSV in UTF-8 with a byte-order mark, so Excel shows the Chinese. */
char         *yi_settlement_to_csv     (YiSettlement *settlement);

G_END_DECLS
