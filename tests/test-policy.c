#include "config.h"

#include "yi-policy.h"

#include <string.h>

static char *
default_document (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "policy-default.json", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static YiPolicy *
default_policy (void)
{
  g_autofree char *text = default_document ();
  g_autoptr(GError) error = NULL;
  YiPolicy *policy = yi_policy_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

static void
test_default_document (void)
{
  g_autoptr(YiPolicy) p = default_policy ();

  g_assert_cmpstr (yi_policy_get_version (p), ==, "2026.1");
  g_assert_cmpstr (yi_policy_get_effective_from (p), ==, "2026-01-01");
  g_assert_null (yi_policy_get_effective_to (p));
  g_assert_true (yi_policy_is_in_force (p, "2026-07-01"));
  g_assert_false (yi_policy_is_in_force (p, "2025-12-31"));
  g_assert_cmpint (yi_policy_meal_price (p, "lunch"), ==, 1000);
  g_assert_cmpint (yi_policy_meal_price (p, "supper"), ==, -1);
  g_assert_cmpint (yi_policy_delivery_fen (p), ==, 200);
  g_assert_cmpint (yi_policy_meal_tier (p, YI_TIER_FREE)->free_per_month, ==, 15);
  g_assert_true (yi_policy_allowance_pays_for (p, "bath"));
  g_assert_false (yi_policy_allowance_pays_for (p, "other"));
  g_assert_cmpint (yi_policy_service_discount (p, YI_TIER_LOW_COST), ==, 30);
  /* Hourly services are charged by the minute, rounded half up. */
  g_assert_cmpint (yi_policy_service_price (p, "clean", 3000, "hour", 90), ==, 4500);
  g_assert_cmpint (yi_policy_service_price (p, "clean", 1000, "hour", 1), ==, 17);
  g_assert_cmpint (yi_policy_service_price (NULL, "x", 1234, "time", 45), ==, 1234);
}

typedef struct {
  const char *categories[4];
  int         age;
  YiTier      tier;
  const char *tier_rule;
  const char *allowance_rule;   /* NULL: none */
  const char *category;
} MatchCase;

static void
test_match (void)
{
  static const MatchCase cases[] = {
    { { "sanwu", NULL }, 70, YI_TIER_FREE, "tier-tekun", "allowance-tekun", "sanwu" },
    /* 200 a month beats 60 a month: the highest applies, never both. */
    { { "dibao", NULL }, 85, YI_TIER_GOVERNMENT_PURCHASED, "tier-dibao-care", "allowance-dibao", "dibao" },
    { { "disability", NULL }, 70, YI_TIER_LOW_COST, "tier-low-income", "allowance-disability", "disability" },
    /* 60 a month (720 a year) beats 500 a year. */
    { { "disability", NULL }, 82, YI_TIER_LOW_COST, "tier-low-income", "allowance-age-80", "advanced_age" },
    { { NULL }, 80, YI_TIER_LOW_COST, "tier-age-80", "allowance-age-80", "advanced_age" },
    { { NULL }, 79, YI_TIER_PAID, "tier-paid", NULL, NULL },
    { { "alone", "empty_nest", NULL }, 66, YI_TIER_LOW_COST, "tier-low-income", NULL, NULL },
    { { "wubao", "dibao", "disability", NULL }, 90, YI_TIER_FREE, "tier-tekun", "allowance-tekun", "wubao" },
  };
  g_autoptr(YiPolicy) p = default_policy ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YiPolicyMatch m;

      yi_policy_match (p, cases[i].categories, cases[i].age, &m);
      g_assert_nonnull (m.tier_rule);
      g_assert_cmpint (m.tier_rule->tier, ==, cases[i].tier);
      g_assert_cmpstr (m.tier_rule->id, ==, cases[i].tier_rule);
      if (cases[i].allowance_rule == NULL)
        g_assert_null (m.allowance);
      else
        {
          g_assert_nonnull (m.allowance);
          g_assert_cmpstr (m.allowance->id, ==, cases[i].allowance_rule);
          g_assert_cmpstr (m.allowance_category, ==, cases[i].category);
        }
    }
}

typedef struct {
  const char *from;
  const char *to;
  const char *error_has;
} Mutation;

static void
test_invalid_documents (void)
{
  static const Mutation cases[] = {
    { "\"amount_fen\": 30000", "\"amount_fen\": 300.5", "allowances[1].amount_fen" },
    { "\"amount_fen\": 30000", "\"amount_fen\": -1", "between" },
    { "\"amount_fen\": 30000", "\"amount\": 30000", "unknown field" },
    { "[\"sanwu\", \"wubao\"] },\n      \"amount_fen\"", "[\"sanwu\", \"wubao\", \"rich\"] },\n      \"amount_fen\"", "“rich” is not a known category" },
    { "\"tier\": \"paid\", \"when\": {}", "\"tier\": \"paid\", \"when\": { \"min_age\": 60 }", "empty condition" },
    { "\"rule\": \"tier-paid\"", "\"rule\": \"tier-tekun\"", "used twice" },
    { "\"tier\": \"free\"", "\"tier\": \"gratis\"", "not a funding tier" },
    { "[\"meal\", \"clean\"", "[\"medicine\", \"clean\"", "never goods or medicine" },
    { "\"effective_from\": \"2026-01-01\"", "\"effective_from\": \"2026-02-30\"", "YYYY-MM-DD" },
    { "\"effective_from\": \"2026-01-01\"", "\"effective_from\": \"2026-01-01\", \"effective_to\": \"2025-01-01\"", "before it starts" },
    { "yiyang-policy/1", "yiyang-policy/9", "newer Yiyang" },
    { "\"period\": \"month\", \"roll_over\": \"none\",\n      \"note\": \"每人每月 300 元\"", "\"period\": \"week\", \"roll_over\": \"none\",\n      \"note\": \"每人每月 300 元\"", "not a period" },
    { "\"low_cost\": 30, \"paid\": 0 }", "\"low_cost\": 30 }", "give every tier" },
    { "\"discount_percent\": 50, \"delivery_covered\": true },\n      \"government", "\"discount_percent\": 150, \"delivery_covered\": true },\n      \"government", "between 0 and 100" },
    { "\"when\": { \"min_age\": 80 },\n      \"amount_fen\"", "\"when\": {},\n      \"amount_fen\"", "give it to everybody" },
    { "\"subsidised_per_day\": 1", "\"subsidised_per_day\": \"one\"", "whole number" },
  };
  g_autofree char *text = default_document ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YiPolicy) p = NULL;
      g_autoptr(GString) doc = g_string_new (text);

      g_assert_nonnull (strstr (text, cases[i].from));
      g_string_replace (doc, cases[i].from, cases[i].to, 1);
      p = yi_policy_new_from_data (doc->str, (gssize) doc->len, &error);
      g_assert_null (p);
      g_assert_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_INVALID);
      if (strstr (error->message, cases[i].error_has) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].error_has);
    }
}

static void
test_not_a_policy (void)
{
  static const char *const inputs[] = { "", "[]", "42", "{", "{\"format\": 1}", "null", "\"x\"", "{}" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YiPolicy) p = yi_policy_new_from_data (inputs[i], -1, &error);

      g_assert_null (p);
      g_assert_true (error != NULL && error->domain == YI_POLICY_ERROR);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YiPolicy) p = yi_policy_new_from_data ("{\"a\":\0}", 7, &error);

    g_assert_null (p);
    g_assert_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE);
  }
}

/* Random damage to a real document: every outcome is a policy or a clear
 * error, never a crash (AddressSanitizer in CI sees the rest). */
static void
test_damaged_documents (void)
{
  g_autofree char *text = default_document ();
  gsize len = strlen (text);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260701);
  guint parsed = 0, refused = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *copy = g_memdup2 (text, len + 1);
      gsize n = len;
      g_autoptr(GError) error = NULL;
      g_autoptr(YiPolicy) p = NULL;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          for (int k = g_rand_int_range (rand, 1, 4); k > 0; k--)
            copy[g_rand_int_range (rand, 0, (gint32) len)] = (char) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          n = (gsize) g_rand_int_range (rand, 0, (gint32) len);
          break;
        default:
          {
            gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) len);
            const char *tokens[] = { "{", "}", "[", "]", ",", "\"", "null", "1e999", "-", "99999999999999999999" };
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize tl = strlen (t);

            if (at + tl < len)
              memcpy (copy + at, t, tl);
          }
          break;
        }
      p = yi_policy_new_from_data (copy, (gssize) n, &error);
      g_assert_true ((p == NULL) != (error == NULL));
      if (p)
        parsed++;
      else
        {
          g_assert_cmpstr (error->message, !=, "");
          refused++;
        }
    }
  g_test_message ("damaged documents: %u still valid, %u refused", parsed, refused);
  g_assert_cmpuint (refused, >, 1000);
}

static void
test_money (void)
{
  g_autofree char *a = yi_fen_format (123456);
  g_autofree char *b = yi_fen_format (-5);
  g_autofree char *c = yi_fen_format (0);

  g_assert_cmpstr (a, ==, "1234.56");
  g_assert_cmpstr (b, ==, "-0.05");
  g_assert_cmpstr (c, ==, "0.00");
  g_assert_cmpint (yi_fen_percent (1000, 30), ==, 300);
  g_assert_cmpint (yi_fen_percent (15, 50), ==, 8);     /* 7.5 rounds half up */
  g_assert_cmpint (yi_fen_percent (15, 0), ==, 0);
  g_assert_cmpint (yi_fen_percent (15, 100), ==, 15);
  g_assert_cmpint (yi_tier_from_string ("government_purchased"), ==, YI_TIER_GOVERNMENT_PURCHASED);
  g_assert_cmpint (yi_tier_from_string ("nope"), ==, YI_TIER_NONE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/default-document", test_default_document);
  g_test_add_func ("/policy/match", test_match);
  g_test_add_func ("/policy/invalid-documents", test_invalid_documents);
  g_test_add_func ("/policy/not-a-policy", test_not_a_policy);
  g_test_add_func ("/policy/damaged-documents", test_damaged_documents);
  g_test_add_func ("/policy/money", test_money);
  return g_test_run ();
}
