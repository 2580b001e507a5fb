#include "config.h"

#include "yi-serving.h"
#include "yi-clock.h"
#include "yi-entitlement.h"
#include "yi-ledger.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-serving-error-quark, yi_serving_error)

/* Counts an elder's live meal-subsidy lines (not reversed) whose rule ends
 * in @suffix: for a served date, or for a month. */
#define LIVE_MEAL_SUBSIDY \
  "SELECT count(*) FROM ledger_entries l JOIN meals_served m ON m.id = l.source_id " \
  "WHERE l.elder_id = ?1 AND l.source_table = 'meals_served' AND l.fund = 'subsidy' AND l.kind = 'allowance_debit' " \
  "AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id) "

static const char *
meal_label (const char *meal)
{
  if (g_strcmp0 (meal, "breakfast") == 0)
    return _("breakfast");
  if (g_strcmp0 (meal, "dinner") == 0)
    return _("dinner");
  return _("lunch");
}

static gboolean
check_meal_args (const char  *date,
                 const char  *meal,
                 const char  *mode,
                 GError     **error)
{
  static const char *const meals[] = { "breakfast", "lunch", "dinner", NULL };

  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INVALID,
                   _("“%s” is not a date written as YYYY-MM-DD"), date ? date : "");
      return FALSE;
    }
  if (meal == NULL || !g_strv_contains (meals, meal))
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INVALID,
                   _("A meal is breakfast, lunch or dinner"));
      return FALSE;
    }
  if (mode != NULL && g_strcmp0 (mode, "dine_in") != 0 && g_strcmp0 (mode, "delivery") != 0)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INVALID,
                   _("A meal is eaten at the centre (dine_in) or delivered (delivery)"));
      return FALSE;
    }
  return TRUE;
}

/* Works out the charge for one meal under the rules of its day.  The menu
 * posted for the day sets the meal's price (明码标价); without one, the
 * policy's price for that meal.  The delivery surcharge is the policy's. */
static gboolean
meal_charge (YiStore             *store,
             const YiEntitlement *ent,
             const char          *meal,
             const char          *mode,
             YiCharge            *charge,
             char               **subsidy_rule,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) menu = yi_store_prepare (store,
      "SELECT price_fen, delivery_fen FROM menus WHERE on_date = ? AND meal = ?", error);
  gboolean delivery = g_strcmp0 (mode, "delivery") == 0;
  gint64 meal_fen = -1, delivery_fen = 0;
  g_autofree char *month = g_strndup (ent->date, 7);

  if (menu == NULL)
    return FALSE;
  sqlite3_bind_text (menu, 1, ent->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (menu, 2, meal, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (menu) == SQLITE_ROW)
    {
      meal_fen = sqlite3_column_int64 (menu, 0);
      delivery_fen = sqlite3_column_int64 (menu, 1);
    }
  if (ent->policy != NULL)
    {
      if (meal_fen < 0)
        meal_fen = yi_policy_meal_price (ent->policy, meal);
      delivery_fen = yi_policy_delivery_fen (ent->policy);
    }
  if (meal_fen < 0)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NO_PRICE,
                   _("No price is set for %s on %s: post the day’s menu, or load the district’s policy"),
                   meal_label (meal), ent->date);
      return FALSE;
    }

  charge->elder_id = ent->elder_id;
  charge->date = ent->date;
  charge->price_fen = meal_fen + (delivery ? delivery_fen : 0);
  *subsidy_rule = NULL;

  if (ent->policy != NULL && ent->tier != YI_TIER_NONE)
    {
      const YiMealTier *tier = yi_policy_meal_tier (ent->policy, ent->tier);
      gint64 today = yi_store_count (store, LIVE_MEAL_SUBSIDY "AND m.on_date = ?2", ent->elder_id, ent->date, NULL);
      gint64 free_used = yi_store_count (store, LIVE_MEAL_SUBSIDY "AND l.period = ?2 AND l.rule LIKE '%:free-meal'",
                                         ent->elder_id, month, NULL);
      gint64 covered_delivery = delivery && tier->delivery_covered ? delivery_fen : 0;

      if (today < 0 || free_used < 0)
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_SQL, "Counting subsidised meals failed");
          return FALSE;
        }
      /* One subsidised meal a day at most; the month's free meals first. */
      if (today < yi_policy_subsidised_meals_per_day (ent->policy))
        {
          if (free_used < tier->free_per_month)
            {
              charge->subsidy_fen = meal_fen + covered_delivery;
              *subsidy_rule = g_strconcat (ent->tier_rule, ":free-meal", NULL);
            }
          else if (tier->discount_percent > 0 || covered_delivery > 0)
            {
              charge->subsidy_fen = yi_fen_percent (meal_fen, tier->discount_percent) + covered_delivery;
              *subsidy_rule = g_strconcat (ent->tier_rule, ":meal-discount", NULL);
            }
        }
      charge->subsidy_rule = *subsidy_rule;
      charge->allowance_may_pay = yi_policy_allowance_pays_meals (ent->policy);
    }
  return TRUE;
}

static YiEntitlement *
active_entitlement (YiStore     *store,
                    const char  *elder_id,
                    const char  *date,
                    char       **name,
                    GError     **error)
{
  g_autoptr(YiEntitlement) ent = NULL;

  *name = elder_id ? yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL) : NULL;
  if (*name == NULL)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  ent = yi_store_get_entitlement (store, elder_id, date, error);
  if (ent == NULL)
    return NULL;
  if (!yi_entitlement_is_active (ent))
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INACTIVE_ELDER,
                   _("%s is no longer registered at the centre on %s"), *name, date);
      return NULL;
    }
  return g_steal_pointer (&ent);
}

int
yi_policy_meal_price_for_elder (YiStore     *store,
                                const char  *elder_id,
                                const char  *date,
                                const char  *meal,
                                const char  *mode,
                                gint64      *price_fen,
                                GError     **error)
{
  g_autoptr(YiEntitlement) ent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *rule = NULL;
  YiCharge charge = { 0 };
  YiChargeSplit split;

  if (!check_meal_args (date, meal, mode ? mode : "dine_in", error))
    return FALSE;
  ent = active_entitlement (store, elder_id, date, &name, error);
  if (ent == NULL ||
      !meal_charge (store, ent, meal, mode, &charge, &rule, error) ||
      !yi_ledger_split_charge (store, ent, &charge, &split, error))
    return FALSE;
  *price_fen = split.copay_fen;
  return TRUE;
}

char *
yi_store_serve_meal (YiStore     *store,
                     const char  *elder_id,
                     const char  *date,
                     const char  *meal,
                     const char  *method,
                     GError     **error)
{
  g_autoptr(YiEntitlement) ent = NULL;
  g_autoptr(sqlite3_stmt) order = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *name = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *id = NULL;
  YiCharge charge = { 0 };
  YiChargeSplit split;

  if (!check_meal_args (date, meal, NULL, error))
    return NULL;
  if (g_strcmp0 (method, "card") != 0 && g_strcmp0 (method, "manual") != 0)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INVALID,
                   _("A meal is marked served by card or manually"));
      return NULL;
    }
  /* Every subsidised meal must trace to a tap or to a named staff member. */
  if (g_strcmp0 (method, "manual") == 0 && yi_store_get_actor (store) == NULL)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NEEDS_STAFF,
                   _("Only a signed-in staff member can mark a meal served by hand"));
      return NULL;
    }
  ent = active_entitlement (store, elder_id, date, &name, error);
  if (ent == NULL)
    return NULL;

  order = yi_store_prepare (store,
      "SELECT id, mode FROM meal_orders o WHERE elder_id = ? AND on_date = ? AND meal = ? "
      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = o.id) ORDER BY at DESC, id DESC LIMIT 1", error);
  if (order == NULL)
    return NULL;
  sqlite3_bind_text (order, 1, elder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (order, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (order, 3, meal, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (order) != SQLITE_ROW)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NO_ORDER,
                   _("%s has no %s ordered for %s. Please ask the staff."), name, meal_label (meal), date);
      return NULL;
    }
  order_id = g_strdup ((const char *) sqlite3_column_text (order, 0));
  mode = g_strdup ((const char *) sqlite3_column_text (order, 1));
  if (yi_store_count (store,
                      "SELECT count(*) FROM meals_served s WHERE elder_id = ? AND on_date = ? AND meal = ? "
                      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = s.id)",
                      elder_id, date, meal, NULL) > 0)
    {
      g_set_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_ALREADY_SERVED,
                   _("%s’s %s for %s has already been served"), name, meal_label (meal), date);
      return NULL;
    }
  if (!meal_charge (store, ent, meal, mode, &charge, &rule, error))
    return NULL;

  f = json_object_new ();
  json_object_set_string_member (f, "order_id", order_id);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "on_date", date);
  json_object_set_string_member (f, "meal", meal);
  json_object_set_string_member (f, "mode", mode);
  json_object_set_string_member (f, "method", method);

  if (!yi_store_begin (store, error))
    return NULL;
  id = yi_store_append_event (store, "meals_served", f, error);
  charge.source_table = "meals_served";
  charge.source_id = id;
  if (id == NULL || !yi_ledger_post_charge (store, ent, &charge, &split, error))
    {
      yi_store_rollback (store);
      return NULL;
    }
  if (!yi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}
