#pragma once

#include "yi-policy.h"
#include "yi-store.h"

G_BEGIN_DECLS

/* What the policy in force gives one elder on one day. */
typedef struct {
  char         *elder_id;
  char         *date;
  char         *status;              /* active, moved or deceased on that day */
  int           age;
  YiPolicy     *policy;              /* NULL: no policy in force that day */
  char         *policy_id;
  YiTier        tier;                /* YI_TIER_NONE when inactive or no policy */
  char         *tier_rule;
  char         *tier_category;
  char         *allowance_rule;      /* NULL: no allowance */
  char         *allowance_category;
  gint64        allowance_fen;
  YiPeriodKind  period_kind;
  YiRollOver    roll_over;
  char         *period;              /* "2026-07" for monthly, "2026" for yearly */
} YiEntitlement;

void           yi_entitlement_free          (YiEntitlement *ent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiEntitlement, yi_entitlement_free)

gboolean       yi_entitlement_is_active     (const YiEntitlement *ent);

/* Death or moving (dated) stops every entitlement from that day; category
 * flags count only inside their validity dates. */
YiEntitlement *yi_store_get_entitlement     (YiStore     *store,
                                             const char  *elder_id,
                                             const char  *date,
                                             GError     **error);

/* Validates and stores a district policy in `policies`.  Loading the same
 * version with the same text again is harmless (*@already_loaded is set);
 * different text under a version already loaded is refused. */
char          *yi_store_save_policy         (YiStore     *store,
                                             const char  *document,
                                             gssize       length,
                                             gboolean    *already_loaded,
                                             GError     **error);
/* The policy in force on @date (the latest effective_from not after it), or
 * NULL without an error when there is none. */
YiPolicy      *yi_store_get_policy_for_date (YiStore     *store,
                                             const char  *date,
                                             char       **policy_id,
                                             GError     **error);

/* "2026-07" or "2026": the allowance period a date falls in. */
char          *yi_period_of                 (YiPeriodKind kind,
                                             const char  *date);

G_END_DECLS
