/* The district's subsidy policy document (data/policy-default.json is the
 * shape), as published to every kiosk.  A document that parses is then
 * asked every question the kiosk asks of it. */

#include "config.h"

#include "fuzz-common.h"
#include "yi-policy.h"

#include <string.h>

static const char * const some_categories[][4] = {
  { NULL },
  { "dibao", NULL },
  { "tekun", "disabled", NULL },
  { "lonely", "veteran", "low_income", NULL },
};

static void
ask (YiPolicy *policy)
{
  const char *version = yi_policy_get_version (policy);
  const char *from = yi_policy_get_effective_from (policy);
  const char *document = yi_policy_get_document (policy);

  yi_fuzz_check (version != NULL && from != NULL && document != NULL);
  yi_fuzz_check (g_utf8_validate (document, -1, NULL));
  yi_policy_get_effective_to (policy);
  yi_policy_get_district (policy);
  yi_policy_is_in_force (policy, from);
  yi_policy_is_in_force (policy, "2026-06-30");

  for (guint c = 0; c < G_N_ELEMENTS (some_categories); c++)
    for (int age = 55; age <= 105; age += 10)
      {
        YiPolicyMatch match = { 0 };

        yi_policy_match (policy, some_categories[c], age, &match);
        if (match.allowance != NULL)
          yi_fuzz_check (yi_allowance_rule_yearly_value (match.allowance) >= 0);
      }
  for (YiTier tier = YI_TIER_NONE; tier < YI_N_TIERS; tier++)
    {
      int discount = yi_policy_service_discount (policy, tier);

      yi_fuzz_check (discount >= 0 && discount <= 100);
      yi_policy_meal_tier (policy, tier);
    }
  yi_fuzz_check (yi_policy_service_price (policy, "bath", 3000, "visit", 60) >= 0);
  yi_fuzz_check (yi_policy_service_price (policy, "massage", 2000, "hour", 90) >= 0);
  yi_fuzz_check (yi_policy_meal_price (policy, "lunch") >= 0);
  yi_fuzz_check (yi_policy_delivery_fen (policy) >= 0);
  yi_fuzz_check (yi_policy_subsidised_meals_per_day (policy) >= 0);
  yi_policy_allowance_pays_meals (policy);
  yi_policy_allowance_pays_for (policy, "care");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(YiPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiPolicy) again = NULL;

  yi_fuzz_setup (FALSE);
  policy = yi_policy_new_from_data ((const char *) data, (gssize) size, &error);
  if (policy == NULL)
    {
      yi_fuzz_check (error != NULL && error->domain == YI_POLICY_ERROR);
      yi_fuzz_check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  ask (policy);
  /* The stored document reads back as the same policy. */
  again = yi_policy_new_from_data (yi_policy_get_document (policy), -1, NULL);
  yi_fuzz_check (again != NULL);
  yi_fuzz_check (strcmp (yi_policy_get_version (again), yi_policy_get_version (policy)) == 0);
  return 0;
}
