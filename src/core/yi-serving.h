#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Meals served in the dining hall or delivered, and what they cost. */

#define YI_SERVING_ERROR (yi_serving_error_quark ())

typedef enum {
  YI_SERVING_ERROR_INVALID,
  YI_SERVING_ERROR_NOT_FOUND,
  YI_SERVING_ERROR_NO_ORDER,          /* the elder did not order this meal */
  YI_SERVING_ERROR_ALREADY_SERVED,    /* this order has been served already */
  YI_SERVING_ERROR_INACTIVE_ELDER,
  YI_SERVING_ERROR_NO_PRICE,          /* neither a menu nor a policy prices it */
  YI_SERVING_ERROR_NEEDS_STAFF,       /* a manual serving needs a signed-in staff member */
} YiServingError;

GQuark yi_serving_error_quark (void);

/* Marks the elder's order for @meal on @date served (@method "card" or
 * "manual") and posts its ledger lines in the same transaction: the free
 * meals of the month, one subsidised meal a day, the tier's discount, the
 * delivery surcharge, as the policy says.  Returns the meals_served id. */
char *yi_store_serve_meal            (YiStore     *store,
                                      const char  *elder_id,
                                      const char  *date,
                                      const char  *meal,
                                      const char  *method,
                                      GError     **error);

/* What the elder will pay for this meal if it is served (@mode "dine_in"
 * or "delivery"): the co-payment only, never a balance.  Returns TRUE and
 * sets *@price_fen, or FALSE with @error set. */
int   yi_policy_meal_price_for_elder (YiStore     *store,
                                      const char  *elder_id,
                                      const char  *date,
                                      const char  *meal,
                                      const char  *mode,
                                      gint64      *price_fen,
                                      GError     **error);

G_END_DECLS
