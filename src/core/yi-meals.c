#include "config.h"

#include "yi-meals.h"
#include "yi-entitlement.h"
#include "yi-serving.h"
#include "yi-clock.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-meal-error-quark, yi_meal_error)

static const char *const meals[] = { "breakfast", "lunch", "dinner", NULL };

void
yi_menu_free (YiMenu *menu)
{
  if (menu == NULL)
    return;
  g_free (menu->id);
  g_free (menu->on_date);
  g_free (menu->meal);
  g_free (menu->dishes_zh);
  g_free (menu->dishes_en);
  g_free (menu);
}

gboolean
yi_meal_is_known (const char *meal)
{
  return meal != NULL && g_strv_contains (meals, meal);
}

gboolean
yi_meal_mode_is_known (const char *mode)
{
  return g_strcmp0 (mode, "dine_in") == 0 || g_strcmp0 (mode, "delivery") == 0;
}

static gboolean
check_mode (const char  *mode,
            GError     **error)
{
  if (!yi_meal_mode_is_known (mode))
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID,
                   _("Unknown way of serving “%s”: use dine_in or delivery"), mode);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_meal (const char  *date,
            const char  *meal,
            GError     **error)
{
  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID,
                   _("Give the date as YYYY-MM-DD"));
      return FALSE;
    }
  if (!yi_meal_is_known (meal))
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID,
                   _("Unknown meal “%s”: use breakfast, lunch or dinner"), meal);
      return FALSE;
    }
  return TRUE;
}

char *
yi_store_save_menu (YiStore     *store,
                    const char  *date,
                    const char  *meal,
                    const char  *dishes_zh,
                    const char  *dishes_en,
                    gint64       price_fen,
                    gint64       delivery_fen,
                    GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *text = g_strstrip (g_strdup (dishes_zh ? dishes_zh : ""));

  if (!check_meal (date, meal, error))
    return NULL;
  if (*text == '\0')
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID, _("The menu lists no dishes"));
      return NULL;
    }
  /* 1,000 yuan a meal is a typing slip, not a price. */
  if (price_fen < 0 || price_fen > 100000 || delivery_fen < 0 || delivery_fen > 100000)
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID,
                   _("A price must be between 0 and 1000 yuan"));
      return NULL;
    }
  id = yi_store_query_string (store, "SELECT id FROM menus WHERE on_date = ? AND meal = ?", date, meal, NULL);
  if (id == NULL)
    {
      id = yi_uuid_v7_new ();
      json_object_set_string_member (f, "on_date", date);
      json_object_set_string_member (f, "meal", meal);
    }
  json_object_set_string_member (f, "dishes_zh", text);
  if (dishes_en != NULL)
    json_object_set_string_member (f, "dishes_en", dishes_en);
  json_object_set_int_member (f, "price_fen", price_fen);
  json_object_set_int_member (f, "delivery_fen", delivery_fen);
  if (!yi_store_put_entity (store, "menus", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

static YiMenu *
menu_from_row (sqlite3_stmt *stmt)
{
  YiMenu *m = g_new0 (YiMenu, 1);

  m->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  m->on_date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  m->meal = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  m->dishes_zh = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  m->dishes_en = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  m->price_fen = sqlite3_column_int64 (stmt, 5);
  m->delivery_fen = sqlite3_column_int64 (stmt, 6);
  return m;
}

#define MENU_COLUMNS "id, on_date, meal, dishes_zh, dishes_en, price_fen, delivery_fen"

YiMenu *
yi_store_get_menu (YiStore     *store,
                   const char  *date,
                   const char  *meal,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_meal (date, meal, error))
    return NULL;
  stmt = yi_store_prepare (store, "SELECT " MENU_COLUMNS " FROM menus WHERE on_date = ? AND meal = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, meal, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_NO_MENU,
                   _("There is no menu for this meal on %s yet"), date);
      return NULL;
    }
  return menu_from_row (stmt);
}

GPtrArray *
yi_store_list_menus (YiStore     *store,
                     const char  *date,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT " MENU_COLUMNS " FROM menus WHERE on_date = ? "
      "ORDER BY CASE meal WHEN 'breakfast' THEN 0 WHEN 'lunch' THEN 1 ELSE 2 END", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_menu_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, menu_from_row (stmt));
  return g_steal_pointer (&list);
}

char *
yi_store_meal_cutoff (YiStore    *store,
                      const char *meal)
{
  static const char *const fallback[] = { "07:00", "09:30", "14:00" };
  g_autofree char *sql = NULL;
  char *value;
  guint i;

  for (i = 0; meals[i] != NULL; i++)
    if (g_strcmp0 (meals[i], meal) == 0)
      break;
  if (meals[i] == NULL)
    return NULL;
  /* the column name comes from the fixed list above, never from input */
  sql = g_strdup_printf ("SELECT %s_cutoff FROM centre ORDER BY id LIMIT 1", meals[i]);
  value = yi_store_query_string (store, sql, NULL);
  return value != NULL ? value : g_strdup (fallback[i]);
}

gboolean
yi_store_meal_order_open (YiStore    *store,
                          const char *date,
                          const char *meal)
{
  gint64 now = yi_clock_now_us ();
  g_autofree char *today = yi_store_local_date_of (store, now);
  g_autofree char *hhmm = NULL;
  g_autofree char *cutoff = yi_store_meal_cutoff (store, meal);

  if (cutoff == NULL || !yi_date_is_valid (date))
    return FALSE;
  if (strcmp (date, today) != 0)
    return strcmp (date, today) > 0;
  hhmm = yi_clock_local_hhmm (now, yi_store_get_timezone (store));
  return strcmp (hhmm, cutoff) < 0;
}

gboolean
yi_store_check_elder_active (YiStore     *store,
                             const char  *elder_id,
                             GQuark       domain,
                             int          code,
                             GError     **error)
{
  g_autofree char *status = yi_store_query_string (store, "SELECT status FROM elders WHERE id = ?", elder_id, NULL);

  if (status == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such elder"));
      return FALSE;
    }
  if (strcmp (status, "active") != 0)
    {
      g_set_error (error, domain, code,
                   _("This elder has moved away or died, so nothing can be booked for them"));
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_meal_price_for_elder (YiStore     *store,
                         const char  *elder_id,
                         const char  *date,
                         const char  *meal,
                         const char  *mode,
                         gint64      *price_fen,
                         GError     **error)
{
  g_autoptr(YiMenu) menu = NULL;
  g_autoptr(YiPolicy) policy = NULL;
  g_autoptr(GError) policy_error = NULL;

  g_return_val_if_fail (price_fen != NULL, FALSE);

  if (!check_mode (mode, error))
    return FALSE;
  menu = yi_store_get_menu (store, date, meal, error);
  if (menu == NULL)
    return FALSE;
  /* Under a district policy the elder pays their co-payment only, after
   * the month's free meals, the tier's discount and the allowance. */
  policy = yi_store_get_policy_for_date (store, date, NULL, &policy_error);
  if (policy != NULL)
    return yi_policy_meal_price_for_elder (store, elder_id, date, meal, mode, price_fen, error);
  if (policy_error != NULL)
    g_warning ("Meal prices fall back to the menu: %s", policy_error->message);
  *price_fen = menu->price_fen + (strcmp (mode, "delivery") == 0 ? menu->delivery_fen : 0);
  return TRUE;
}

char *
yi_store_find_meal_order (YiStore    *store,
                          const char *elder_id,
                          const char *date,
                          const char *meal)
{
  return yi_store_query_string (store,
      "SELECT id FROM meal_orders WHERE elder_id = ? AND on_date = ? AND meal = ? "
      "AND id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'meal_orders') "
      "ORDER BY at LIMIT 1", elder_id, date, meal, NULL);
}

static gboolean
check_order (YiStore     *store,
             const char  *elder_id,
             const char  *date,
             const char  *meal,
             const char  *mode,
             const char  *channel,
             GError     **error)
{
  g_autofree char *existing = NULL;
  g_autofree char *cutoff = NULL;

  if (!check_meal (date, meal, error) || !check_mode (mode, error))
    return FALSE;
  if (g_strcmp0 (channel, "kiosk") != 0 && g_strcmp0 (channel, "staff") != 0)
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID,
                   "An order comes from the kiosk or from staff, not “%s”", channel);
      return FALSE;
    }
  if (!yi_store_check_elder_active (store, elder_id, YI_MEAL_ERROR, YI_MEAL_ERROR_INACTIVE_ELDER, error))
    return FALSE;
  if (!yi_store_meal_order_open (store, date, meal))
    {
      cutoff = yi_store_meal_cutoff (store, meal);
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_CLOSED,
                   _("Orders for this meal on %s closed at %s"), date, cutoff);
      return FALSE;
    }
  if (strcmp (mode, "delivery") == 0 &&
      yi_store_count (store, "SELECT delivery_allowed FROM elders WHERE id = ?", elder_id, NULL) == 0)
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_NO_DELIVERY,
                   _("Meal delivery is not arranged for this elder; staff can allow it in the elder's record"));
      return FALSE;
    }
  existing = yi_store_find_meal_order (store, elder_id, date, meal);
  if (existing != NULL)
    {
      g_set_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_ALREADY_ORDERED,
                   _("This meal is already ordered for %s"), date);
      return FALSE;
    }
  return TRUE;
}

char *
yi_store_order_meal (YiStore     *store,
                     const char  *elder_id,
                     const char  *date,
                     const char  *meal,
                     const char  *mode,
                     const char  *channel,
                     GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *diet = NULL;
  g_autofree char *id = NULL;
  gint64 price = 0;

  /* the checks and the write are one transaction, so two kiosks cannot
   * both take the same elder's order */
  if (!yi_store_begin (store, error))
    return NULL;
  if (!check_order (store, elder_id, date, meal, mode, channel, error) ||
      !yi_meal_price_for_elder (store, elder_id, date, meal, mode, &price, error))
    {
      yi_store_rollback (store);
      return NULL;
    }
  diet = yi_store_query_string (store, "SELECT diet FROM elders WHERE id = ?", elder_id, NULL);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "on_date", date);
  json_object_set_string_member (f, "meal", meal);
  json_object_set_string_member (f, "mode", mode);
  json_object_set_string_member (f, "diet", diet != NULL ? diet : "normal");
  json_object_set_int_member (f, "price_fen", price);
  json_object_set_string_member (f, "channel", channel);
  id = yi_store_append_event (store, "meal_orders", f, error);
  if (id == NULL)
    {
      yi_store_rollback (store);
      return NULL;
    }
  if (!yi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}
