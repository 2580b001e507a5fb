#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A district's subsidy policy as published (docs/entitlements.md describes
 * the document).  Parsing is strict: anything unknown or out of range is an
 * error naming the field, because a silently ignored typo would pay the
 * wrong people. */

#define YI_POLICY_ERROR (yi_policy_error_quark ())

typedef enum {
  YI_POLICY_ERROR_PARSE,      /* not JSON, or not an object */
  YI_POLICY_ERROR_INVALID,    /* JSON, but not a valid policy */
} YiPolicyError;

GQuark yi_policy_error_quark (void);

typedef enum {
  YI_TIER_NONE = 0,
  YI_TIER_FREE,                  /* 无偿 */
  YI_TIER_LOW_COST,              /* 低偿 */
  YI_TIER_PAID,                  /* 有偿 */
  YI_TIER_GOVERNMENT_PURCHASED,  /* 政府购买 */
  YI_N_TIERS
} YiTier;

const char *yi_tier_to_string   (YiTier      tier);
YiTier      yi_tier_from_string (const char *code);
const char *yi_tier_label       (YiTier      tier);

typedef enum {
  YI_PERIOD_MONTH,
  YI_PERIOD_YEAR,
} YiPeriodKind;

/* What happens to an unused allowance when its period ends. */
typedef enum {
  YI_ROLL_OVER_NONE,     /* it expires with the period */
  YI_ROLL_OVER_YEAR,     /* it carries on until the end of the calendar year */
  YI_ROLL_OVER_ALWAYS,   /* it never expires while the elder is entitled */
} YiRollOver;

typedef struct {
  char  **any_category;    /* holds at least one of these (NULL: no test) */
  char  **all_categories;  /* holds every one of these (NULL: no test) */
  int     min_age;         /* -1: no test */
  int     max_age;         /* -1: no test */
} YiPolicyCondition;

typedef struct {
  char              *id;
  YiTier             tier;
  YiPolicyCondition  when;
} YiTierRule;

typedef struct {
  char              *id;
  YiPolicyCondition  when;
  gint64             amount_fen;
  YiPeriodKind       period;
  YiRollOver         roll_over;
  char              *settle_as;   /* category to settle age-only matches under */
} YiAllowanceRule;

typedef struct {
  int       free_per_month;    /* meals fully paid by the district each month */
  int       discount_percent;  /* share of the meal price the district pays after that */
  gboolean  delivery_covered;  /* the district also pays the delivery surcharge */
} YiMealTier;

/* The outcome of the rules for one elder on one day. */
typedef struct {
  const YiTierRule      *tier_rule;
  const char            *tier_category;       /* the flag the tier rule was met by, or NULL */
  const YiAllowanceRule *allowance;           /* NULL: no allowance */
  const char            *allowance_category;
} YiPolicyMatch;

#define YI_TYPE_POLICY (yi_policy_get_type ())
G_DECLARE_FINAL_TYPE (YiPolicy, yi_policy, YI, POLICY, GObject)

YiPolicy   *yi_policy_new_from_data          (const char   *data,
                                              gssize        length,
                                              GError      **error);
YiPolicy   *yi_policy_new_from_file          (const char   *path,
                                              GError      **error);

const char *yi_policy_get_version            (YiPolicy     *self);
const char *yi_policy_get_effective_from     (YiPolicy     *self);
const char *yi_policy_get_effective_to       (YiPolicy     *self);
const char *yi_policy_get_district           (YiPolicy     *self);
const char *yi_policy_get_document           (YiPolicy     *self);
gboolean    yi_policy_is_in_force            (YiPolicy     *self,
                                              const char   *date);

/* Applies the tier rules (first match wins) and the allowance rules (the
 * highest yearly value wins, never added together) to the category flags an
 * elder holds on a day and their age on it. */
void        yi_policy_match                  (YiPolicy           *self,
                                              const char * const *categories,
                                              int                 age,
                                              YiPolicyMatch      *match);
/* Monthly allowances count twelve times, so 60 a month beats 500 a year. */
gint64      yi_allowance_rule_yearly_value   (const YiAllowanceRule *rule);

/* Services.  @self may be NULL (no policy in force): the catalogue price. */
gint64      yi_policy_service_price          (YiPolicy     *self,
                                              const char   *service_code,
                                              gint64        catalogue_price_fen,
                                              const char   *unit,
                                              int           duration_min);
gboolean    yi_policy_allowance_pays_for     (YiPolicy     *self,
                                              const char   *service_category);
int         yi_policy_service_discount       (YiPolicy     *self,
                                              YiTier        tier);

/* Meals */
gint64      yi_policy_meal_price             (YiPolicy     *self,
                                              const char   *meal);
gint64      yi_policy_delivery_fen           (YiPolicy     *self);
int         yi_policy_subsidised_meals_per_day (YiPolicy   *self);
gboolean    yi_policy_allowance_pays_meals   (YiPolicy     *self);
const YiMealTier *yi_policy_meal_tier        (YiPolicy     *self,
                                              YiTier        tier);

/* Money: integer fen, and the one rounding rule used everywhere: a share of
 * a price is rounded half up to the fen (the district pays the half fen). */
gint64      yi_fen_percent                   (gint64        fen,
                                              int           percent);
char       *yi_fen_format                    (gint64        fen);

G_END_DECLS
