#include "config.h"

#include "yi-kitchen.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-serving.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-kitchen-error-quark, yi_kitchen_error)

static const char *const meal_codes[] = { "breakfast", "lunch", "dinner", NULL };
static const char *const diet_codes[] = { "normal", "soft", "low_salt", "diabetic", NULL };

/* Orders nobody cancelled. */
#define LIVE_ORDER(alias) \
  "NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = " alias ".id)"
#define SERVED(alias) \
  "EXISTS (SELECT 1 FROM meals_served s WHERE s.order_id = " alias ".id " \
  "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = s.id))"
#define MEAL_RANK(col) \
  "CASE " col " WHEN 'breakfast' THEN 0 WHEN 'lunch' THEN 1 ELSE 2 END"
#define DIET_RANK(col) \
  "CASE " col " WHEN 'normal' THEN 0 WHEN 'soft' THEN 1 WHEN 'low_salt' THEN 2 WHEN 'diabetic' THEN 3 ELSE 4 END"

const char *const *
yi_meal_codes (void)
{
  return meal_codes;
}


const char *
yi_meal_label (const char *meal)
{
  if (g_strcmp0 (meal, "breakfast") == 0)
    return C_("meal", "Breakfast");
  if (g_strcmp0 (meal, "lunch") == 0)
    return C_("meal", "Lunch");
  if (g_strcmp0 (meal, "dinner") == 0)
    return C_("meal", "Dinner");
  return meal;
}

const char *const *
yi_diet_codes (void)
{
  return diet_codes;
}

const char *
yi_diet_label (const char *diet)
{
  if (g_strcmp0 (diet, "normal") == 0)
    return C_("diet", "Normal");
  if (g_strcmp0 (diet, "soft") == 0)
    return C_("diet", "Soft food");
  if (g_strcmp0 (diet, "low_salt") == 0)
    return C_("diet", "Low salt");
  if (g_strcmp0 (diet, "diabetic") == 0)
    return C_("diet", "Diabetic");
  return diet;
}

const char *
yi_meal_mode_label (const char *mode)
{
  return g_strcmp0 (mode, "delivery") == 0 ? C_("meal", "Delivered") : C_("meal", "At the centre");
}

const char *
yi_meal_at_time (const char *hhmm)
{
  if (g_strcmp0 (hhmm, "10:00") < 0)
    return "breakfast";
  if (g_strcmp0 (hhmm, "15:00") < 0)
    return "lunch";
  return "dinner";
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
check_date_meal (const char  *date,
                 const char  *meal,
                 gboolean     meal_optional,
                 GError     **error)
{
  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID,
                   _("“%s” is not a date written as YYYY-MM-DD"), date ? date : "");
      return FALSE;
    }
  if ((meal != NULL || !meal_optional) && !yi_meal_is_known (meal))
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID,
                   _("A meal is breakfast, lunch or dinner"));
      return FALSE;
    }
  return TRUE;
}

void
yi_meal_count_free (YiMealCount *c)
{
  if (c == NULL)
    return;
  g_free (c->meal);
  g_free (c->diet);
  g_free (c);
}

GPtrArray *
yi_kitchen_counts (YiStore     *store,
                   const char  *date,
                   GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_date_meal (date, NULL, TRUE, error))
    return NULL;
  stmt = yi_store_prepare (store,
      "SELECT o.meal, o.diet, sum(o.mode = 'dine_in'), sum(o.mode = 'delivery'), sum(" SERVED ("o") ") "
      "FROM meal_orders o WHERE o.on_date = ? AND " LIVE_ORDER ("o") " "
      "GROUP BY o.meal, o.diet ORDER BY " MEAL_RANK ("o.meal") ", " DIET_RANK ("o.diet") ", o.diet", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_meal_count_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiMealCount *c = g_new0 (YiMealCount, 1);

      c->meal = column_dup (stmt, 0);
      c->diet = column_dup (stmt, 1);
      c->dine_in = sqlite3_column_int (stmt, 2);
      c->delivery = sqlite3_column_int (stmt, 3);
      c->served = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (out, c);
    }
  return g_steal_pointer (&out);
}

void
yi_meal_order_free (YiMealOrder *o)
{
  if (o == NULL)
    return;
  g_free (o->id);
  g_free (o->elder_id);
  g_free (o->name);
  g_free (o->meal);
  g_free (o->mode);
  g_free (o->diet);
  g_free (o->channel);
  g_free (o->street);
  g_free (o->address);
  g_free (o->phone);
  g_free (o->allergies);
  g_free (o);
}

static GPtrArray *
list_orders (YiStore     *store,
             const char  *date,
             const char  *meal,
             gboolean     delivery_only,
             GError     **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (!check_date_meal (date, meal, TRUE, error))
    return NULL;
  sql = g_strdup_printf (
      "SELECT o.id, o.elder_id, e.name, o.meal, o.mode, o.diet, o.channel, e.street, e.address, e.phone, "
      "e.allergies, o.price_fen, " SERVED ("o") " "
      "FROM meal_orders o JOIN elders e ON e.id = o.elder_id "
      "WHERE o.on_date = ?1 AND (?2 IS NULL OR o.meal = ?2) AND " LIVE_ORDER ("o") " %s "
      "ORDER BY %s",
      delivery_only ? "AND o.mode = 'delivery'" : "",
      delivery_only
        ? MEAL_RANK ("o.meal") ", coalesce(e.street, '') COLLATE NOCASE, coalesce(e.address, '') COLLATE NOCASE, e.name, o.id"
        : MEAL_RANK ("o.meal") ", e.name, o.id");
  stmt = yi_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  if (meal)
    sqlite3_bind_text (stmt, 2, meal, -1, SQLITE_TRANSIENT);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_meal_order_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiMealOrder *o = g_new0 (YiMealOrder, 1);

      o->id = column_dup (stmt, 0);
      o->elder_id = column_dup (stmt, 1);
      o->name = column_dup (stmt, 2);
      o->meal = column_dup (stmt, 3);
      o->mode = column_dup (stmt, 4);
      o->diet = column_dup (stmt, 5);
      o->channel = column_dup (stmt, 6);
      o->street = column_dup (stmt, 7);
      o->address = column_dup (stmt, 8);
      o->phone = column_dup (stmt, 9);
      o->allergies = column_dup (stmt, 10);
      o->price_fen = sqlite3_column_int64 (stmt, 11);
      o->served = sqlite3_column_int (stmt, 12) != 0;
      g_ptr_array_add (out, o);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
yi_kitchen_orders (YiStore     *store,
                   const char  *date,
                   const char  *meal,
                   GError     **error)
{
  return list_orders (store, date, meal, FALSE, error);
}

GPtrArray *
yi_kitchen_delivery_list (YiStore     *store,
                          const char  *date,
                          const char  *meal,
                          GError     **error)
{
  return list_orders (store, date, meal, TRUE, error);
}

static const char *
cutoff_column (const char *meal)
{
  if (g_strcmp0 (meal, "breakfast") == 0)
    return "breakfast_cutoff";
  if (g_strcmp0 (meal, "dinner") == 0)
    return "dinner_cutoff";
  return "lunch_cutoff";
}


static gboolean
is_hhmm (const char *s)
{
  return s != NULL && strlen (s) == 5 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && s[2] == ':' &&
         g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]) &&
         (s[0] - '0') * 10 + (s[1] - '0') < 24 && (s[3] - '0') * 10 + (s[4] - '0') < 60;
}

gboolean
yi_kitchen_set_cutoff (YiStore     *store,
                       const char  *meal,
                       const char  *hhmm,
                       GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *centre = NULL;
  g_autofree char *normal = NULL;

  if (!yi_meal_is_known (meal))
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID, _("A meal is breakfast, lunch or dinner"));
      return FALSE;
    }
  /* "9:30" is what people type. */
  normal = hhmm && strlen (hhmm) == 4 && hhmm[1] == ':' ? g_strconcat ("0", hhmm, NULL) : g_strdup (hhmm);
  if (!is_hhmm (normal))
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID,
                   _("Write the cut-off time as hours and minutes, for example 09:30"));
      return FALSE;
    }
  centre = yi_store_query_string (store, "SELECT id FROM centre ORDER BY id LIMIT 1", NULL);
  if (centre == NULL)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NO_CENTRE,
                   _("The centre’s details are not set up yet. Sync with the district first."));
      return FALSE;
    }
  json_object_set_string_member (f, cutoff_column (meal), normal);
  return yi_store_put_entity (store, "centre", centre, f, error);
}


char *
yi_kitchen_order_for_elder (YiStore     *store,
                            const char  *elder_id,
                            const char  *date,
                            const char  *meal,
                            const char  *mode,
                            const char  *late_reason,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *name = NULL;
  g_autofree char *diet = NULL;
  g_autofree char *status = NULL;
  g_autofree char *why = g_strstrip (g_strdup (late_reason ? late_reason : ""));
  g_autofree char *id = NULL;
  g_autofree char *today = NULL;
  gboolean delivery_allowed, late;
  gint64 price = 0;

  if (yi_store_get_actor (store) == NULL)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NEEDS_STAFF,
                   _("Only a signed-in staff member can order a meal for an elder"));
      return NULL;
    }
  if (!check_date_meal (date, meal, FALSE, error))
    return NULL;
  if (g_strcmp0 (mode, "dine_in") != 0 && g_strcmp0 (mode, "delivery") != 0)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID,
                   _("A meal is eaten at the centre or delivered"));
      return NULL;
    }
  stmt = yi_store_prepare (store, "SELECT name, diet, status, delivery_allowed FROM elders WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  name = column_dup (stmt, 0);
  diet = column_dup (stmt, 1);
  status = column_dup (stmt, 2);
  delivery_allowed = sqlite3_column_int (stmt, 3) != 0;
  if (g_strcmp0 (status, "active") != 0)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INACTIVE_ELDER,
                   _("%s is no longer registered at the centre"), name);
      return NULL;
    }
  if (g_strcmp0 (mode, "delivery") == 0 && !delivery_allowed)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NO_DELIVERY,
                   _("%s is not on the delivery round. Allow delivery in the elder’s record first."), name);
      return NULL;
    }
  if (yi_store_count (store,
                      "SELECT count(*) FROM meal_orders o WHERE o.elder_id = ? AND o.on_date = ? AND o.meal = ? AND "
                      LIVE_ORDER ("o"), elder_id, date, meal, NULL) > 0)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_DUPLICATE,
                   _("%s has already ordered %s for %s"), name, yi_meal_label (meal), date);
      return NULL;
    }
  today = yi_store_today (store);
  /* A reason lets a late order through, never one for a past day. */
  if (strcmp (date, today) < 0)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_AFTER_CUTOFF,
                   _("%s is in the past; meals cannot be ordered for it"), date);
      return NULL;
    }
  late = !yi_store_meal_order_open (store, date, meal);
  if (late && *why == '\0')
    {
      g_autofree char *cutoff = yi_store_meal_cutoff (store, meal);

      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_AFTER_CUTOFF,
                   _("Orders for today’s %s closed at %s. To order anyway, write why (for example: the kitchen agreed)."),
                   yi_meal_label (meal), cutoff);
      return NULL;
    }
  if (!yi_policy_meal_price_for_elder (store, elder_id, date, meal, mode, &price, error))
    return NULL;

  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "on_date", date);
  json_object_set_string_member (f, "meal", meal);
  json_object_set_string_member (f, "mode", mode);
  json_object_set_string_member (f, "diet", diet ? diet : "normal");
  json_object_set_int_member (f, "price_fen", price);
  json_object_set_string_member (f, "channel", "staff");

  if (!yi_store_begin (store, error))
    return NULL;
  id = yi_store_append_event (store, "meal_orders", f, error);
  if (id == NULL ||
      (late && !yi_store_audit (store, "order_after_cutoff", "meal_orders", id, why, error)))
    {
      yi_store_rollback (store);
      return NULL;
    }
  if (!yi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
yi_kitchen_cancel_order (YiStore     *store,
                         const char  *order_id,
                         const char  *reason,
                         GError     **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));

  if (yi_store_get_actor (store) == NULL)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NEEDS_STAFF,
                   _("Only a signed-in staff member can cancel an order"));
      return NULL;
    }
  if (order_id == NULL ||
      yi_store_count (store, "SELECT count(*) FROM meal_orders o WHERE o.id = ? AND " LIVE_ORDER ("o"), order_id, NULL) != 1)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NOT_FOUND,
                   _("There is no such order, or it has been cancelled already"));
      return NULL;
    }
  if (yi_store_count (store, "SELECT count(*) FROM meal_orders o WHERE o.id = ? AND " SERVED ("o"), order_id, NULL) > 0)
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_ALREADY_SERVED,
                   _("This meal has been served already, so the order cannot be cancelled"));
      return NULL;
    }
  if (*why == '\0')
    {
      g_set_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID,
                   _("Say why the order is cancelled (for example: in hospital)"));
      return NULL;
    }
  return yi_store_void_event (store, "meal_orders", order_id, why, error);
}




gboolean
yi_yuan_parse (const char *text,
               gint64     *fen)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  const char *p = s;
  gint64 yuan = 0;
  int decimals = 0, cents = 0;

  if (*p == '\0')
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      yuan = yuan * 10 + (*p - '0');
      if (yuan > 1000000)
        return FALSE;
    }
  if (p == s && *p != '.')
    return FALSE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (++decimals > 2)
          return FALSE;
        cents = cents * 10 + (*p - '0');
      }
  if (*p != '\0' || (p == s + 1 && s[0] == '.'))
    return FALSE;
  if (decimals == 1)
    cents *= 10;
  *fen = yuan * 100 + cents;
  return TRUE;
}
