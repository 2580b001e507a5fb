#include "config.h"

#include "yi-policy.h"
#include "yi-json.h"
#include "yi-policy-private.h"
#include "yi-clock.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define POLICY_FORMAT "yiyang-policy/1"
#define MAX_DOCUMENT_BYTES (1024 * 1024)
#define MAX_AMOUNT_FEN G_GINT64_CONSTANT (100000000)   /* one million yuan */

struct _YiPolicy
{
  GObject     parent_instance;

  char       *document;
  char       *version;
  char       *district;
  char       *effective_from;
  char       *effective_to;
  GPtrArray  *tier_rules;        /* YiTierRule */
  GPtrArray  *allowance_rules;   /* YiAllowanceRule */
  char      **allowance_pays_for;
  GHashTable *service_prices;    /* code -> gint64* fen */
  int         service_discount[YI_N_TIERS];
  gint64      meal_price[3];     /* breakfast, lunch, dinner */
  gint64      delivery_fen;
  int         subsidised_per_day;
  gboolean    allowance_pays_meals;
  YiMealTier  meal_tiers[YI_N_TIERS];
};

G_DEFINE_TYPE (YiPolicy, yi_policy, G_TYPE_OBJECT)
G_DEFINE_QUARK (yi-policy-error-quark, yi_policy_error)

static const char *const tier_codes[YI_N_TIERS] = {
  NULL, "free", "low_cost", "paid", "government_purchased",
};

static const char *const meal_names[] = { "breakfast", "lunch", "dinner", NULL };

/* Service catalogue categories an allowance may be spent on.  Goods and
 * medicine are deliberately absent: the rules pay for services only. */
static const char *const service_categories[] = {
  "meal", "clean", "bath", "medical", "walk", "emergency", "care", "health", "other", NULL
};

const char *
yi_tier_to_string (YiTier tier)
{
  if (tier <= YI_TIER_NONE || tier >= YI_N_TIERS)
    return NULL;
  return tier_codes[tier];
}

YiTier
yi_tier_from_string (const char *code)
{
  for (int t = YI_TIER_FREE; t < YI_N_TIERS; t++)
    if (g_strcmp0 (tier_codes[t], code) == 0)
      return (YiTier) t;
  return YI_TIER_NONE;
}

const char *
yi_tier_label (YiTier tier)
{
  switch (tier)
    {
    case YI_TIER_FREE:
      return _("Free");
    case YI_TIER_LOW_COST:
      return _("Low-cost");
    case YI_TIER_PAID:
      return _("Paid");
    case YI_TIER_GOVERNMENT_PURCHASED:
      return _("Government-purchased");
    case YI_TIER_NONE:
    case YI_N_TIERS:
    default:
      return _("No tier");
    }
}

static void
condition_clear (YiPolicyCondition *c)
{
  g_clear_pointer (&c->any_category, g_strfreev);
  g_clear_pointer (&c->all_categories, g_strfreev);
}

static void
tier_rule_free (YiTierRule *r)
{
  g_free (r->id);
  condition_clear (&r->when);
  g_free (r);
}

static void
allowance_rule_free (YiAllowanceRule *r)
{
  g_free (r->id);
  g_free (r->settle_as);
  condition_clear (&r->when);
  g_free (r);
}

static void
yi_policy_finalize (GObject *object)
{
  YiPolicy *self = (YiPolicy *) object;

  g_free (self->document);
  g_free (self->version);
  g_free (self->district);
  g_free (self->effective_from);
  g_free (self->effective_to);
  g_clear_pointer (&self->tier_rules, g_ptr_array_unref);
  g_clear_pointer (&self->allowance_rules, g_ptr_array_unref);
  g_strfreev (self->allowance_pays_for);
  g_clear_pointer (&self->service_prices, g_hash_table_unref);

  G_OBJECT_CLASS (yi_policy_parent_class)->finalize (object);
}

static void
yi_policy_class_init (YiPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_policy_finalize;
}

static void
yi_policy_init (YiPolicy *self)
{
  self->tier_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_rule_free);
  self->allowance_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) allowance_rule_free);
  self->service_prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
read_condition (JsonObject        *rule,
                const char        *path,
                YiPolicyCondition *c,
                GError           **error)
{
  static const char *const keys[] = { "any_category", "all_categories", "min_age", "max_age", NULL };
  const char * const *cats = yi_category_codes ();
  g_autofree char *where = yi_policy_child_path (path, "when");
  JsonObject *when = NULL;
  gint64 min_age = -1, max_age = -1;

  c->min_age = c->max_age = -1;
  if (!yi_policy_read_object (rule, "when", path, TRUE, &when, error) ||
      !yi_policy_only_keys (when, where, keys, error) ||
      !yi_policy_read_codes (when, "any_category", where, cats, _("category"), &c->any_category, error) ||
      !yi_policy_read_codes (when, "all_categories", where, cats, _("category"), &c->all_categories, error) ||
      !yi_policy_read_int (when, "min_age", where, FALSE, 0, 150, &min_age, error) ||
      !yi_policy_read_int (when, "max_age", where, FALSE, 0, 150, &max_age, error))
    return FALSE;
  if (min_age >= 0 && max_age >= 0 && max_age < min_age)
    return yi_policy_invalid (error, where, _("max_age is below min_age, so no one could ever match"));
  c->min_age = (int) min_age;
  c->max_age = (int) max_age;
  return TRUE;
}

static gboolean
condition_is_empty (const YiPolicyCondition *c)
{
  return c->any_category == NULL && c->all_categories == NULL && c->min_age < 0 && c->max_age < 0;
}

static gboolean
read_rule_id (JsonObject  *rule,
              const char  *path,
              GHashTable  *seen,
              char       **out,
              GError     **error)
{
  const char *id = NULL;
  g_autofree char *where = yi_policy_child_path (path, "rule");

  if (!yi_policy_read_string (rule, "rule", path, TRUE, &id, error))
    return FALSE;
  if (strlen (id) > 64)
    return yi_policy_invalid (error, where, _("is longer than 64 characters"));
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return yi_policy_invalid (error, where, _("“%s” may use only letters, digits, “-”, “_” and “.”"), id);
  if (g_hash_table_contains (seen, id))
    return yi_policy_invalid (error, where, _("the rule name “%s” is used twice; each rule needs its own name, since ledger entries record it"), id);
  g_hash_table_add (seen, g_strdup (id));
  *out = g_strdup (id);
  return TRUE;
}

static gboolean
parse_tier_rules (YiPolicy    *self,
                  JsonObject  *root,
                  GHashTable  *seen,
                  GError     **error)
{
  static const char *const keys[] = { "rule", "tier", "when", "note", NULL };
  JsonArray *arr = NULL;
  YiTierRule *last = NULL;

  if (!yi_policy_read_array (root, "funding_tiers", "", TRUE, &arr, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      g_autofree char *path = g_strdup_printf ("funding_tiers[%u]", i + 1);
      g_autofree char *tier_path = yi_policy_child_path (path, "tier");
      YiTierRule *r;
      const char *tier = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return yi_policy_invalid (error, path, _("must be an object { … }"));
      r = g_new0 (YiTierRule, 1);
      g_ptr_array_add (self->tier_rules, r);
      if (!yi_policy_only_keys (json_node_get_object (n), path, keys, error) ||
          !read_rule_id (json_node_get_object (n), path, seen, &r->id, error) ||
          !yi_policy_read_string (json_node_get_object (n), "tier", path, TRUE, &tier, error) ||
          !read_condition (json_node_get_object (n), path, &r->when, error))
        return FALSE;
      r->tier = yi_tier_from_string (tier);
      if (r->tier == YI_TIER_NONE)
        return yi_policy_invalid (error, tier_path, _("“%s” is not a funding tier (use free, low_cost, paid or government_purchased)"), tier);
      last = r;
    }
  /* Every elder must come out with some tier, so the last rule catches all. */
  if (last == NULL || !condition_is_empty (&last->when))
    return yi_policy_invalid (error, "funding_tiers",
                    _("the last rule must have an empty condition (\"when\": {}) so that every elder gets a tier"));
  return TRUE;
}

static gboolean
parse_allowance_rules (YiPolicy    *self,
                       JsonObject  *root,
                       GHashTable  *seen,
                       GError     **error)
{
  static const char *const keys[] = { "rule", "when", "amount_fen", "period", "roll_over", "settle_as", "note", NULL };
  static const char *const periods[] = { "month", "year", NULL };
  static const char *const roll_overs[] = { "none", "year", "always", NULL };
  JsonArray *arr = NULL;

  if (!yi_policy_read_array (root, "allowances", "", TRUE, &arr, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *n = json_array_get_element (arr, i);
      g_autofree char *path = g_strdup_printf ("allowances[%u]", i + 1);
      g_autofree char *period_path = yi_policy_child_path (path, "period");
      g_autofree char *roll_path = yi_policy_child_path (path, "roll_over");
      g_autofree char *settle_path = yi_policy_child_path (path, "settle_as");
      const char *period = NULL, *roll = NULL, *settle = NULL;
      YiAllowanceRule *r;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return yi_policy_invalid (error, path, _("must be an object { … }"));
      o = json_node_get_object (n);
      r = g_new0 (YiAllowanceRule, 1);
      g_ptr_array_add (self->allowance_rules, r);
      if (!yi_policy_only_keys (o, path, keys, error) ||
          !read_rule_id (o, path, seen, &r->id, error) ||
          !read_condition (o, path, &r->when, error) ||
          !yi_policy_read_int (o, "amount_fen", path, TRUE, 1, MAX_AMOUNT_FEN, &r->amount_fen, error) ||
          !yi_policy_read_string (o, "period", path, TRUE, &period, error) ||
          !yi_policy_read_string (o, "roll_over", path, FALSE, &roll, error) ||
          !yi_policy_read_string (o, "settle_as", path, FALSE, &settle, error))
        return FALSE;
      if (!g_strv_contains (periods, period))
        return yi_policy_invalid (error, period_path, _("“%s” is not a period (use month or year)"), period);
      r->period = strcmp (period, "month") == 0 ? YI_PERIOD_MONTH : YI_PERIOD_YEAR;
      if (roll != NULL && !g_strv_contains (roll_overs, roll))
        return yi_policy_invalid (error, roll_path, _("“%s” is not a roll-over rule (use none, year or always)"), roll);
      r->roll_over = roll == NULL || strcmp (roll, "none") == 0 ? YI_ROLL_OVER_NONE :
                     strcmp (roll, "year") == 0 ? YI_ROLL_OVER_YEAR : YI_ROLL_OVER_ALWAYS;
      if (r->period == YI_PERIOD_YEAR && r->roll_over == YI_ROLL_OVER_YEAR)
        r->roll_over = YI_ROLL_OVER_NONE;   /* a yearly allowance ends with its year anyway */
      if (settle != NULL && !yi_category_is_known (settle))
        return yi_policy_invalid (error, settle_path, _("“%s” is not a known category"), settle);
      r->settle_as = g_strdup (settle);
      if (condition_is_empty (&r->when))
        return yi_policy_invalid (error, path, _("an allowance needs a condition; an empty one would give it to everybody"));
    }
  return TRUE;
}

/* An object with exactly the four tiers as keys. */
static gboolean
read_tier_object (JsonObject  *obj,
                  const char  *key,
                  const char  *path,
                  JsonObject **out,
                  GError     **error)
{
  static const char *const keys[] = { "free", "low_cost", "paid", "government_purchased", NULL };
  g_autofree char *where = yi_policy_child_path (path, key);

  if (!yi_policy_read_object (obj, key, path, TRUE, out, error) ||
      !yi_policy_only_keys (*out, where, keys, error))
    return FALSE;
  for (guint i = 0; keys[i]; i++)
    if (!json_object_has_member (*out, keys[i]))
      {
        g_autofree char *missing = yi_policy_child_path (where, keys[i]);
        return yi_policy_invalid (error, missing, _("is missing (give every tier, even when it is 0)"));
      }
  return TRUE;
}

static gboolean
parse_services (YiPolicy    *self,
                JsonObject  *root,
                GError     **error)
{
  static const char *const keys[] = { "allowance_pays_for", "prices_fen", "tier_discount_percent", "note", NULL };
  JsonObject *services = NULL, *prices = NULL, *discount = NULL;

  if (!yi_policy_read_object (root, "services", "", TRUE, &services, error) ||
      !yi_policy_only_keys (services, "services", keys, error) ||
      !yi_policy_read_codes (services, "allowance_pays_for", "services", service_categories,
                   _("service category (allowances pay for services only, never goods or medicine)"),
                   &self->allowance_pays_for, error) ||
      !yi_policy_read_object (services, "prices_fen", "services", FALSE, &prices, error) ||
      !read_tier_object (services, "tier_discount_percent", "services", &discount, error))
    return FALSE;
  if (self->allowance_pays_for == NULL)
    self->allowance_pays_for = g_new0 (char *, 1);

  if (prices != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (prices);

      for (GList *l = names; l; l = l->next)
        {
          gint64 fen = 0;

          if (!yi_policy_read_int (prices, l->data, "services.prices_fen", TRUE, 0, MAX_AMOUNT_FEN, &fen, error))
            return FALSE;
          g_hash_table_insert (self->service_prices, g_strdup (l->data), g_memdup2 (&fen, sizeof fen));
        }
    }
  for (int t = YI_TIER_FREE; t < YI_N_TIERS; t++)
    {
      gint64 pct = 0;

      if (!yi_policy_read_int (discount, tier_codes[t], "services.tier_discount_percent", TRUE, 0, 100, &pct, error))
        return FALSE;
      self->service_discount[t] = (int) pct;
    }
  return TRUE;
}

static gboolean
parse_meals (YiPolicy    *self,
             JsonObject  *root,
             GError     **error)
{
  static const char *const keys[] = { "price_fen", "delivery_fen", "subsidised_per_day", "allowance_pays", "tiers", "note", NULL };
  static const char *const tier_keys[] = { "free_per_month", "discount_percent", "delivery_covered", "note", NULL };
  JsonObject *meals = NULL, *prices = NULL, *tiers = NULL;
  gint64 per_day = 1;

  if (!yi_policy_read_object (root, "meals", "", TRUE, &meals, error) ||
      !yi_policy_only_keys (meals, "meals", keys, error) ||
      !yi_policy_read_object (meals, "price_fen", "meals", TRUE, &prices, error) ||
      !yi_policy_only_keys (prices, "meals.price_fen", meal_names, error) ||
      !yi_policy_read_int (meals, "delivery_fen", "meals", TRUE, 0, MAX_AMOUNT_FEN, &self->delivery_fen, error) ||
      !yi_policy_read_int (meals, "subsidised_per_day", "meals", FALSE, 0, 3, &per_day, error) ||
      !yi_policy_read_bool (meals, "allowance_pays", "meals", &self->allowance_pays_meals, error) ||
      !read_tier_object (meals, "tiers", "meals", &tiers, error))
    return FALSE;
  self->subsidised_per_day = (int) per_day;

  for (guint m = 0; meal_names[m]; m++)
    if (!yi_policy_read_int (prices, meal_names[m], "meals.price_fen", TRUE, 0, MAX_AMOUNT_FEN, &self->meal_price[m], error))
      return FALSE;

  for (int t = YI_TIER_FREE; t < YI_N_TIERS; t++)
    {
      g_autofree char *path = g_strdup_printf ("meals.tiers.%s", tier_codes[t]);
      JsonObject *o = NULL;
      gint64 free_meals = 0, pct = 0;

      if (!yi_policy_read_object (tiers, tier_codes[t], "meals.tiers", TRUE, &o, error) ||
          !yi_policy_only_keys (o, path, tier_keys, error) ||
          !yi_policy_read_int (o, "free_per_month", path, TRUE, 0, 93, &free_meals, error) ||
          !yi_policy_read_int (o, "discount_percent", path, TRUE, 0, 100, &pct, error) ||
          !yi_policy_read_bool (o, "delivery_covered", path, &self->meal_tiers[t].delivery_covered, error))
        return FALSE;
      self->meal_tiers[t].free_per_month = (int) free_meals;
      self->meal_tiers[t].discount_percent = (int) pct;
    }
  return TRUE;
}

static gboolean
parse_document (YiPolicy    *self,
                JsonNode    *root_node,
                GError     **error)
{
  static const char *const keys[] = {
    "format", "district", "title", "version", "effective_from", "effective_to",
    "funding_tiers", "allowances", "services", "meals", "note", NULL
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  const char *format = NULL, *version = NULL, *district = NULL, *title = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE,
                   _("A policy document is one JSON object { … }"));
      return FALSE;
    }
  root = json_node_get_object (root_node);
  if (!yi_policy_read_string (root, "format", "", TRUE, &format, error))
    return FALSE;
  if (strcmp (format, POLICY_FORMAT) != 0)
    return yi_policy_invalid (error, "format", _("“%s” is not a policy format this version reads (it reads “%s”); a newer Yiyang may be needed"),
                    format, POLICY_FORMAT);
  if (!yi_policy_only_keys (root, "", keys, error) ||
      !yi_policy_read_string (root, "version", "", TRUE, &version, error) ||
      !yi_policy_read_string (root, "district", "", FALSE, &district, error) ||
      !yi_policy_read_string (root, "title", "", FALSE, &title, error) ||
      !yi_policy_read_date (root, "effective_from", "", TRUE, &self->effective_from, error) ||
      !yi_policy_read_date (root, "effective_to", "", FALSE, &self->effective_to, error))
    return FALSE;
  if (strlen (version) > 64)
    return yi_policy_invalid (error, "version", _("is longer than 64 characters"));
  if (self->effective_to != NULL && strcmp (self->effective_to, self->effective_from) < 0)
    return yi_policy_invalid (error, "effective_to", _("the policy ends (%s) before it starts (%s)"),
                    self->effective_to, self->effective_from);
  self->version = g_strdup (version);
  self->district = g_strdup (district);

  return parse_tier_rules (self, root, seen, error) &&
         parse_allowance_rules (self, root, seen, error) &&
         parse_services (self, root, error) &&
         parse_meals (self, root, error);
}

YiPolicy *
yi_policy_new_from_data (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(YiPolicy) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > MAX_DOCUMENT_BYTES)
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE,
                   _("The policy document is larger than 1 MiB; this cannot be a real policy"));
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate (data, (gssize) len, NULL))
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE,
                   _("The policy document is not UTF-8 text"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      g_autofree char *why = yi_json_error_text (local);
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE,
                   _("The policy document is not valid JSON: %s"), why);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE, _("The policy document is empty"));
      return NULL;
    }
  if (!yi_json_node_is_valid_text (json_parser_get_root (parser)))
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_PARSE,
                   _("The policy document holds text that is not valid UTF-8 (check the escapes in its strings)"));
      return NULL;
    }

  self = g_object_new (YI_TYPE_POLICY, NULL);
  self->document = g_strndup (data, len);
  if (!parse_document (self, json_parser_get_root (parser), error))
    return NULL;
  return g_steal_pointer (&self);
}

YiPolicy *
yi_policy_new_from_file (const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return yi_policy_new_from_data (data, (gssize) len, error);
}

const char *
yi_policy_get_version (YiPolicy *self)
{
  return self->version;
}

const char *
yi_policy_get_effective_from (YiPolicy *self)
{
  return self->effective_from;
}

const char *
yi_policy_get_effective_to (YiPolicy *self)
{
  return self->effective_to;
}

const char *
yi_policy_get_district (YiPolicy *self)
{
  return self->district;
}

const char *
yi_policy_get_document (YiPolicy *self)
{
  return self->document;
}

gboolean
yi_policy_is_in_force (YiPolicy   *self,
                       const char *date)
{
  return strcmp (date, self->effective_from) >= 0 &&
         (self->effective_to == NULL || strcmp (date, self->effective_to) <= 0);
}

/* ---------------------------------------------------------------- evaluation */

/* Returns whether @c holds; *@by is the flag it was met by (first listed
 * flag the elder holds), or NULL when it was met by age alone. */
static gboolean
condition_holds (const YiPolicyCondition *c,
                 const char * const      *held,
                 int                      age,
                 const char             **by)
{
  *by = NULL;
  if (c->min_age >= 0 && (age < 0 || age < c->min_age))
    return FALSE;
  if (c->max_age >= 0 && (age < 0 || age > c->max_age))
    return FALSE;
  for (guint i = 0; c->all_categories && c->all_categories[i]; i++)
    {
      if (!g_strv_contains (held, c->all_categories[i]))
        return FALSE;
      if (*by == NULL)
        *by = c->all_categories[i];
    }
  if (c->any_category != NULL)
    {
      for (guint i = 0; c->any_category[i]; i++)
        if (g_strv_contains (held, c->any_category[i]))
          {
            *by = c->any_category[i];
            return TRUE;
          }
      return FALSE;
    }
  return TRUE;
}

gint64
yi_allowance_rule_yearly_value (const YiAllowanceRule *rule)
{
  return rule->period == YI_PERIOD_MONTH ? rule->amount_fen * 12 : rule->amount_fen;
}

void
yi_policy_match (YiPolicy           *self,
                 const char * const *categories,
                 int                 age,
                 YiPolicyMatch      *match)
{
  static const char *const none[] = { NULL };
  const char * const *held = categories ? categories : none;

  memset (match, 0, sizeof *match);
  for (guint i = 0; i < self->tier_rules->len; i++)
    {
      const YiTierRule *r = g_ptr_array_index (self->tier_rules, i);
      const char *by = NULL;

      if (condition_holds (&r->when, held, age, &by))
        {
          match->tier_rule = r;
          match->tier_category = by;
          break;
        }
    }

  /* 就高不就低, 不重复计算: one allowance, the most generous; on a tie the
   * rule listed first. */
  for (guint i = 0; i < self->allowance_rules->len; i++)
    {
      const YiAllowanceRule *r = g_ptr_array_index (self->allowance_rules, i);
      const char *by = NULL;

      if (!condition_holds (&r->when, held, age, &by))
        continue;
      if (match->allowance == NULL ||
          yi_allowance_rule_yearly_value (r) > yi_allowance_rule_yearly_value (match->allowance))
        {
          match->allowance = r;
          match->allowance_category = by ? by : r->settle_as;
        }
    }
}

gint64
yi_fen_percent (gint64 fen,
                int    percent)
{
  /* fen is at most MAX_AMOUNT_FEN-sized in practice; round half up. */
  return (fen * percent + 50) / 100;
}

char *
yi_fen_format (gint64 fen)
{
  guint64 abs_fen = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "",
                          abs_fen / 100, (guint) (abs_fen % 100));
}

gint64
yi_policy_service_price (YiPolicy   *self,
                         const char *service_code,
                         gint64      catalogue_price_fen,
                         const char *unit,
                         int         duration_min)
{
  gint64 *override = self && service_code ? g_hash_table_lookup (self->service_prices, service_code) : NULL;
  gint64 price = override ? *override : catalogue_price_fen;

  /* Hourly services are charged by the minute, rounded half up to the fen. */
  if (g_strcmp0 (unit, "hour") == 0)
    return (price * MAX (duration_min, 0) + 30) / 60;
  return price;
}

gboolean
yi_policy_allowance_pays_for (YiPolicy   *self,
                              const char *service_category)
{
  return service_category != NULL && g_strv_contains ((const char * const *) self->allowance_pays_for, service_category);
}

int
yi_policy_service_discount (YiPolicy *self,
                            YiTier    tier)
{
  if (tier <= YI_TIER_NONE || tier >= YI_N_TIERS)
    return 0;
  return self->service_discount[tier];
}

gint64
yi_policy_meal_price (YiPolicy   *self,
                      const char *meal)
{
  for (guint m = 0; meal_names[m]; m++)
    if (g_strcmp0 (meal, meal_names[m]) == 0)
      return self->meal_price[m];
  return -1;
}

gint64
yi_policy_delivery_fen (YiPolicy *self)
{
  return self->delivery_fen;
}

int
yi_policy_subsidised_meals_per_day (YiPolicy *self)
{
  return self->subsidised_per_day;
}

gboolean
yi_policy_allowance_pays_meals (YiPolicy *self)
{
  return self->allowance_pays_meals;
}

const YiMealTier *
yi_policy_meal_tier (YiPolicy *self,
                     YiTier    tier)
{
  static const YiMealTier nothing = { 0, 0, FALSE };

  if (tier <= YI_TIER_NONE || tier >= YI_N_TIERS)
    return &nothing;
  return &self->meal_tiers[tier];
}
