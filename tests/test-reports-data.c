#include "config.h"

#include "test-reports-data.h"
#include "yi-clock.h"
#include "yi-ids.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  YiStore    *store;
  GRand      *rng;
  GPtrArray  *elders;        /* ids */
  GPtrArray  *service_types; /* ids */
  GPtrArray  *activities;    /* ids */
  GPtrArray  *volunteers;    /* ids */
  GPtrArray  *events;        /* (table, id) pairs that may be voided */
  GPtrArray  *gone;          /* elders who left before the period */
  int         visits_per_day;
} Gen;

static const char *const diets[] = { "normal", "normal", "normal", "soft", "low_salt", "diabetic" };
static const char *const categories[] = { "dibao", "alone", "empty_nest", "advanced_age", "disabled", "veteran", "sanwu" };
static const char *const outcomes[] = { "fine", "fine", "fine", "no_answer", "unwell", "home_visit", "resolved" };
static const char *const vital_kinds[] = { "bp", "glucose", "weight", "temperature" };
static const char *const tiers[] = { "free", "low_cost", "paid", "government" };

char *
yi_test_at (const char *date,
            int         hour,
            int         minute)
{
  int y, m, d;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) dt = NULL;

  g_assert_true (yi_date_parse (date, &y, &m, &d));
  dt = g_date_time_new (tz, y, m, d, hour, minute, 0);
  return yi_clock_format_utc (g_date_time_to_unix (dt) * G_USEC_PER_SEC);
}

static gboolean
put (Gen         *g,
     const char  *table,
     char       **out_id,
     JsonObject  *fields,
     GError     **error)
{
  g_autofree char *id = yi_uuid_v7_new ();
  gboolean ok = yi_store_put_entity (g->store, table, id, fields, error);

  json_object_unref (fields);
  if (ok && out_id)
    *out_id = g_steal_pointer (&id);
  return ok;
}

static char *
event (Gen         *g,
       const char  *table,
       JsonObject  *fields,
       gboolean     voidable,
       GError     **error)
{
  char *id = yi_store_append_event (g->store, table, fields, error);

  json_object_unref (fields);
  if (id && voidable)
    {
      g_ptr_array_add (g->events, g_strdup (table));
      g_ptr_array_add (g->events, g_strdup (id));
    }
  return id;
}

static JsonObject *
obj (void)
{
  return json_object_new ();
}

static const char *
pick (Gen *g, GPtrArray *a)
{
  return a->pdata[g_rand_int_range (g->rng, 0, (gint32) a->len)];
}

static gboolean
make_catalogue (Gen         *g,
                const char  *centre_name,
                const char  *first_day,
                GError     **error)
{
  static const struct { const char *code, *zh, *cat; int price; } types[] = {
    { "clean", "助洁", "clean", 3000 }, { "bath", "助浴", "bath", 5000 },
    { "haircut", "理发", "other", 0 }, { "massage", "按摩", "care", 2000 },
    { "medical", "助医", "medical", 1500 }, { "counsel", "精神慰藉", "care", 0 },
  };
  static const char *kinds[] = { "lecture", "taichi", "calligraphy", "choir" };
  JsonObject *f;
  char *id;

  /* Several centres may be written into one store (the union the
   * district's sum is checked against): one centre row, one catalogue. */
  if (yi_store_count (g->store, "SELECT count(*) FROM centre", NULL) == 0)
    {
      f = obj ();
      json_object_set_string_member (f, "name", centre_name);
      json_object_set_string_member (f, "closes_at", "17:00");
      if (!put (g, "centre", NULL, f, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      id = yi_store_query_string (g->store, "SELECT id FROM service_types WHERE code = ?", types[i].code, NULL);
      if (id != NULL)
        {
          g_ptr_array_add (g->service_types, id);
          continue;
        }
      f = obj ();
      json_object_set_string_member (f, "code", types[i].code);
      json_object_set_string_member (f, "name_zh", types[i].zh);
      json_object_set_string_member (f, "name_en", types[i].code);
      json_object_set_string_member (f, "category", types[i].cat);
      json_object_set_int_member (f, "price_fen", types[i].price);
      if (!put (g, "service_types", &id, f, error))
        return FALSE;
      g_ptr_array_add (g->service_types, id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      f = obj ();
      json_object_set_string_member (f, "title_zh", kinds[i]);
      json_object_set_string_member (f, "kind", kinds[i]);
      json_object_set_int_member (f, "weekday", (gint64) i + 1);
      json_object_set_string_member (f, "starts_at", "14:00");
      if (!put (g, "activities", &id, f, error))
        return FALSE;
      g_ptr_array_add (g->activities, id);
    }
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("志愿者%d", i);

      f = obj ();
      json_object_set_string_member (f, "name", name);
      /* one registers only after the period starts, one has left */
      json_object_set_string_member (f, "registered_on", i == 11 ? "2099-01-01" : first_day);
      json_object_set_int_member (f, "active", i == 10 ? 0 : 1);
      if (!put (g, "volunteers", &id, f, error))
        return FALSE;
      if (i < 10)
        g_ptr_array_add (g->volunteers, id);
      else
        g_free (id);
    }
  return TRUE;
}

static gboolean
make_elders (Gen         *g,
             int          n,
             const char  *first_day,
             GError     **error)
{
  int fy, fm, fd;

  yi_date_parse (first_day, &fy, &fm, &fd);
  for (int i = 0; i < n; i++)
    {
      JsonObject *f = obj ();
      g_autofree char *name = g_strdup_printf ("老人%04d", i);
      g_autofree char *birth = NULL;
      int roll = g_rand_int_range (g->rng, 0, 1000);
      int age = roll < 280 ? g_rand_int_range (g->rng, 60, 65)
              : roll < 530 ? g_rand_int_range (g->rng, 65, 70)
              : roll < 870 ? g_rand_int_range (g->rng, 70, 80)
              : roll < 985 ? g_rand_int_range (g->rng, 80, 90)
              : roll < 997 ? g_rand_int_range (g->rng, 90, 100)
              : g_rand_int_range (g->rng, 55, 60);
      char *id;

      /* Birthdays spread over the year, so some fall inside the period and
       * move an elder across a band boundary. */
      birth = g_strdup_printf ("%04d-%02d-%02d", fy - age, g_rand_int_range (g->rng, 1, 13),
                               g_rand_int_range (g->rng, 1, 29));
      json_object_set_string_member (f, "name", name);
      json_object_set_string_member (f, "gender", g_rand_boolean (g->rng) ? "F" : "M");
      json_object_set_string_member (f, "birth_date", birth);
      json_object_set_string_member (f, "diet", diets[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (diets))]);
      if (i % 50 == 7)
        {
          /* moved away before the period: not on the register */
          json_object_set_string_member (f, "status", "moved");
          json_object_set_string_member (f, "status_date", "2020-01-01");
        }
      else if (i % 50 == 19)
        {
          /* died during the period: still counted */
          g_autofree char *when = yi_date_add_days (first_day, 20);

          json_object_set_string_member (f, "status", "deceased");
          json_object_set_string_member (f, "status_date", when);
        }
      if (!put (g, "elders", &id, f, error))
        return FALSE;
      g_ptr_array_add (i % 50 != 7 ? g->elders : g->gone, id);

      for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
        if (g_rand_int_range (g->rng, 0, 100) < 18)
          {
            JsonObject *cf = obj ();
            int kind = g_rand_int_range (g->rng, 0, 10);

            json_object_set_string_member (cf, "elder_id", id);
            json_object_set_string_member (cf, "category", categories[c]);
            /* mostly open-ended; some ended before the period, some start
             * after it, some removed */
            json_object_set_string_member (cf, "valid_from", kind == 1 ? "2099-01-01" : "2024-01-01");
            if (kind == 2)
              json_object_set_string_member (cf, "valid_to", "2025-12-31");
            else if (kind == 3)
              json_object_set_string_member (cf, "valid_to", first_day);
            json_object_set_int_member (cf, "removed", kind == 4 ? 1 : 0);
            if (!put (g, "elder_categories", NULL, cf, error))
              return FALSE;
          }
    }
  return TRUE;
}

static gboolean
make_ledger (Gen         *g,
             const char  *elder,
             const char  *day,
             const char  *source_table,
             const char  *source_id,
             int          debit,
             int          copay,
             const char  *tier,
             GError     **error)
{
  g_autofree char *at = yi_test_at (day, 12, 30);
  g_autofree char *period = g_strndup (day, 7);
  const char *kinds[] = { "allowance_debit", "copay" };
  int amounts[] = { -debit, copay };

  for (guint k = 0; k < 2; k++)
    {
      JsonObject *f;
      g_autofree char *id = NULL;

      if (amounts[k] == 0 && k == 0)
        continue;
      f = obj ();
      json_object_set_string_member (f, "elder_id", elder);
      json_object_set_string_member (f, "kind", kinds[k]);
      json_object_set_int_member (f, "amount_fen", amounts[k]);
      json_object_set_string_member (f, "period", period);
      json_object_set_string_member (f, "source_table", source_table);
      json_object_set_string_member (f, "source_id", source_id);
      if (tier)
        json_object_set_string_member (f, "funding_tier", tier);
      json_object_set_string_member (f, "at", at);
      if ((id = event (g, "ledger_entries", f, FALSE, error)) == NULL)
        return FALSE;

      /* Now and then a correction: a reversing entry. */
      if (g_rand_int_range (g->rng, 0, 100) < 6)
        {
          g_autofree char *rid = NULL;
          g_autofree char *rat = yi_test_at (day, 16, 0);

          f = obj ();
          json_object_set_string_member (f, "elder_id", elder);
          json_object_set_string_member (f, "kind", "reversal");
          json_object_set_int_member (f, "amount_fen", -amounts[k]);
          json_object_set_string_member (f, "period", period);
          json_object_set_string_member (f, "reverses_id", id);
          json_object_set_string_member (f, "at", rat);
          if ((rid = event (g, "ledger_entries", f, FALSE, error)) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
tap (Gen         *g,
     const char  *elder,
     const char  *kind,
     const char  *day,
     int          hour,
     int          minute,
     GError     **error)
{
  g_autofree char *at = yi_test_at (day, hour, minute);
  g_autofree char *id = NULL;
  JsonObject *f = obj ();

  json_object_set_string_member (f, "elder_id", elder);
  json_object_set_string_member (f, "kind", kind);
  json_object_set_string_member (f, "method", "card");
  json_object_set_string_member (f, "at", at);
  id = event (g, "attendance", f, TRUE, error);
  return id != NULL;
}

static gboolean
make_attendance (Gen *g, const char *day, GError **error)
{
  int n = g->visits_per_day + g_rand_int_range (g->rng, -g->visits_per_day / 4, g->visits_per_day / 4 + 1);

  for (int i = 0; i < n; i++)
    {
      const char *elder = pick (g, g->elders);
      int in_h = g_rand_int_range (g->rng, 8, 12), in_m = g_rand_int_range (g->rng, 0, 60);
      int shape = g_rand_int_range (g->rng, 0, 100);

      /* a few stray check-outs */
      if (!tap (g, elder, shape < 3 ? "out" : "in", day, in_h, in_m, error))
        return FALSE;
      if (shape < 3)
        continue;
      /* back again in the afternoon without checking out */
      if (shape < 10 && !tap (g, elder, "in", day, 13, g_rand_int_range (g->rng, 0, 60), error))
        return FALSE;
      /* checked out; some after closing time */
      if (shape < 80 && !tap (g, elder, "out", day, g_rand_int_range (g->rng, 14, 18),
                              g_rand_int_range (g->rng, 0, 60), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_meals (Gen *g, const char *day, GError **error)
{
  static const char *meals[] = { "breakfast", "lunch", "lunch", "lunch", "dinner" };
  int n = g->visits_per_day / 2 + 2;

  /* The menu follows the date alone, so two centres written into one
   * store agree on it. */
  int dom = atoi (day + 8);
  gboolean menu = dom % 3 != 0;
  int menu_price = dom % 2 ? 1000 : 0;

  if (menu && yi_store_count (g->store, "SELECT count(*) FROM menus WHERE on_date = ? AND meal = 'lunch'",
                              day, NULL) == 0)
    {
      JsonObject *f = obj ();

      json_object_set_string_member (f, "on_date", day);
      json_object_set_string_member (f, "meal", "lunch");
      json_object_set_string_member (f, "dishes_zh", "米饭 青菜 鱼");
      json_object_set_int_member (f, "price_fen", menu_price);
      json_object_set_int_member (f, "delivery_fen", 200);
      if (!put (g, "menus", NULL, f, error))
        return FALSE;
    }

  for (int i = 0; i < n; i++)
    {
      const char *elder = pick (g, g->elders);
      const char *meal = meals[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (meals))];
      gboolean delivery = g_rand_int_range (g->rng, 0, 100) < 25;
      int price = g_rand_int_range (g->rng, 0, 4) == 0 ? 0 : 1000 + (delivery ? 200 : 0);
      g_autofree char *at = yi_test_at (day, 8, g_rand_int_range (g->rng, 0, 59));
      g_autofree char *served_at = yi_test_at (day, 11, g_rand_int_range (g->rng, 0, 59));
      g_autofree char *order = NULL;
      g_autofree char *served = NULL;
      int shape = g_rand_int_range (g->rng, 0, 100);
      JsonObject *f;

      if (shape >= 5)
        {
          f = obj ();
          json_object_set_string_member (f, "elder_id", elder);
          json_object_set_string_member (f, "on_date", day);
          json_object_set_string_member (f, "meal", meal);
          json_object_set_string_member (f, "mode", delivery ? "delivery" : "dine_in");
          json_object_set_string_member (f, "diet", diets[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (diets))]);
          json_object_set_int_member (f, "price_fen", price);
          json_object_set_string_member (f, "channel", "kiosk");
          json_object_set_string_member (f, "at", at);
          if ((order = event (g, "meal_orders", f, TRUE, error)) == NULL)
            return FALSE;
        }
      if (shape >= 12 || shape < 5)
        {
          /* served (a few without an order); some orders never served */
          f = obj ();
          if (order)
            json_object_set_string_member (f, "order_id", order);
          json_object_set_string_member (f, "elder_id", elder);
          json_object_set_string_member (f, "on_date", day);
          json_object_set_string_member (f, "meal", meal);
          json_object_set_string_member (f, "mode", delivery ? "delivery" : "dine_in");
          json_object_set_string_member (f, "method", "card");
          json_object_set_string_member (f, "at", served_at);
          if ((served = event (g, "meals_served", f, TRUE, error)) == NULL)
            return FALSE;
          if (price > 0 && g_rand_int_range (g->rng, 0, 100) < 40)
            {
              int debit = g_rand_boolean (g->rng) ? price : 800;

              if (!make_ledger (g, elder, day, g_rand_boolean (g->rng) ? "meals_served" : "meal_orders",
                                g_rand_boolean (g->rng) || !order ? served : order,
                                debit, price - debit, NULL, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
make_services (Gen *g, const char *day, GError **error)
{
  int n = g->visits_per_day / 5 + 1;

  for (int i = 0; i < n; i++)
    {
      const char *elder = pick (g, g->elders);
      int type = g_rand_int_range (g->rng, 0, (gint32) g->service_types->len);
      int price = type == 2 || type == 5 ? 0 : 1000 * g_rand_int_range (g->rng, 1, 6);
      g_autofree char *started = yi_test_at (day, g_rand_int_range (g->rng, 9, 16), 0);
      g_autofree char *rec = NULL;
      int shape = g_rand_int_range (g->rng, 0, 100);
      JsonObject *f = obj ();

      json_object_set_string_member (f, "elder_id", elder);
      json_object_set_string_member (f, "service_type_id", g->service_types->pdata[type]);
      json_object_set_string_member (f, "started_at", started);
      json_object_set_int_member (f, "duration_min", 15 * g_rand_int_range (g->rng, 1, 9));
      json_object_set_int_member (f, "price_fen", price);
      json_object_set_string_member (f, "at", started);
      if ((rec = event (g, "service_records", f, TRUE, error)) == NULL)
        return FALSE;

      if (shape < 88)
        {
          g_autofree char *conf = NULL;

          f = obj ();
          json_object_set_string_member (f, "service_record_id", rec);
          if (shape < 80)
            {
              int r = g_rand_int_range (g->rng, 0, 100);

              json_object_set_string_member (f, "method", "tap");
              json_object_set_string_member (f, "card_uid", "04A1B2C3");
              json_object_set_int_member (f, "rating", r < 80 ? 5 : r < 93 ? 4 : r < 97 ? 3 : r < 99 ? 2 : 1);
            }
          else
            {
              json_object_set_string_member (f, "method", "attestation");
              json_object_set_string_member (f, "reason", "卧床，护理员代为确认");
              json_object_set_string_member (f, "staff_id", "staff-1");
            }
          json_object_set_string_member (f, "at", started);
          if ((conf = event (g, "service_confirmations", f, TRUE, error)) == NULL)
            return FALSE;
          if (price > 0 && g_rand_int_range (g->rng, 0, 100) < 60)
            {
              int debit = price * g_rand_int_range (g->rng, 5, 11) / 10;

              if (!make_ledger (g, elder, day, "service_records", rec, debit, price - debit,
                                tiers[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (tiers))], error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
make_daily_life (Gen *g, const char *day, GError **error)
{
  /* activities: one or two sessions a day, a few elders each */
  for (int s = 0; s < g_rand_int_range (g->rng, 1, 3); s++)
    {
      const char *activity = pick (g, g->activities);
      int n = g_rand_int_range (g->rng, 0, 12);

      for (int i = 0; i < n; i++)
        {
          g_autofree char *at = yi_test_at (day, 14, i);
          g_autofree char *id = NULL;
          JsonObject *f = obj ();

          json_object_set_string_member (f, "activity_id", activity);
          json_object_set_string_member (f, "session_date", day);
          json_object_set_string_member (f, "elder_id", pick (g, g->elders));
          json_object_set_string_member (f, "method", "card");
          json_object_set_string_member (f, "at", at);
          if ((id = event (g, "activity_attendance", f, TRUE, error)) == NULL)
            return FALSE;
        }
    }

  for (int i = 0; i < g->visits_per_day / 4 + 1; i++)
    {
      const char *kind = vital_kinds[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (vital_kinds))];
      g_autofree char *at = yi_test_at (day, 10, g_rand_int_range (g->rng, 0, 59));
      g_autofree char *id = NULL;
      JsonObject *f = obj ();

      json_object_set_string_member (f, "elder_id", pick (g, g->elders));
      json_object_set_string_member (f, "kind", kind);
      json_object_set_double_member (f, "value1", 120 + g_rand_int_range (g->rng, 0, 60));
      json_object_set_int_member (f, "out_of_range", g_rand_int_range (g->rng, 0, 100) < 12);
      json_object_set_string_member (f, "taken_at", at);
      json_object_set_string_member (f, "at", at);
      if ((id = event (g, "vital_signs", f, TRUE, error)) == NULL)
        return FALSE;
    }

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *at = yi_test_at (day, 15, 10 * i);
      g_autofree char *id = NULL;
      JsonObject *f = obj ();

      json_object_set_string_member (f, "volunteer_id", pick (g, g->volunteers));
      json_object_set_string_member (f, "elder_id", pick (g, g->elders));
      json_object_set_string_member (f, "served_on", day);
      json_object_set_int_member (f, "minutes", 30 * g_rand_int_range (g->rng, 1, 6));
      json_object_set_string_member (f, "at", at);
      if ((id = event (g, "volunteer_hours", f, TRUE, error)) == NULL)
        return FALSE;
    }

  for (int i = 0; i < g->visits_per_day / 10 + 1; i++)
    {
      g_autofree char *at = yi_test_at (day, 10, 30 + i % 29);
      g_autofree char *id = NULL;
      JsonObject *f = obj ();

      json_object_set_string_member (f, "elder_id", pick (g, g->elders));
      json_object_set_string_member (f, "call_date", day);
      json_object_set_string_member (f, "outcome", outcomes[g_rand_int_range (g->rng, 0, G_N_ELEMENTS (outcomes))]);
      json_object_set_string_member (f, "at", at);
      if ((id = event (g, "welfare_calls", f, TRUE, error)) == NULL)
        return FALSE;
    }

  for (int i = 0; i < g->visits_per_day / 10 + 1; i++)
    {
      int r = g_rand_int_range (g->rng, 0, 100);
      g_autofree char *at = yi_test_at (day, 16, i % 60);
      g_autofree char *id = NULL;
      JsonObject *f = obj ();

      json_object_set_string_member (f, "elder_id", pick (g, g->elders));
      json_object_set_int_member (f, "rating", r < 75 ? 5 : r < 92 ? 4 : r < 96 ? 3 : 2);
      json_object_set_string_member (f, "at", at);
      if ((id = event (g, "feedback", f, TRUE, error)) == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
yi_test_generate_centre (YiStore             *store,
                         const YiTestCentre  *spec,
                         GError             **error)
{
  Gen g = { store, g_rand_new_with_seed (spec->seed),
            g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
            g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
            g_ptr_array_new_with_free_func (g_free), NULL, spec->visits_per_day };
  g_autofree char *registered = yi_test_at (spec->first_day, 9, 0);
  g_autofree char *day = g_strdup (spec->first_day);
  gboolean ok = TRUE;

  g.gone = g_ptr_array_new_with_free_func (g_free);
  /* The register exists before the first recorded day. */
  yi_clock_set_now (registered, NULL);
  yi_clock_set_offset (yi_clock_get_offset () - (gint64) 30 * 24 * 3600 * G_USEC_PER_SEC);

  ok = yi_store_begin (store, error) &&
       make_catalogue (&g, spec->centre_name, spec->first_day, error) &&
       make_elders (&g, spec->n_elders, spec->first_day, error) &&
       yi_store_commit (store, error);

  for (int d = 0; ok && d < spec->n_days; d++)
    {
      int weekday = yi_date_weekday (day);
      char *next;

      /* one transaction per month keeps the fsyncs few */
      if (d % 30 == 0)
        ok = yi_store_begin (store, error);
      if (ok && weekday <= 5)
        ok = make_attendance (&g, day, error) &&
             make_meals (&g, day, error) &&
             make_services (&g, day, error);
      if (ok)
        ok = make_daily_life (&g, day, error);
      if (ok && (d % 30 == 29 || d + 1 == spec->n_days))
        ok = yi_store_commit (store, error);
      else if (!ok)
        yi_store_rollback (store);
      next = yi_date_add_days (day, 1);
      g_free (day);
      day = next;
    }

  /* Corrections: about one event in forty is cancelled. */
  if (ok)
    ok = yi_store_begin (store, error);
  for (guint i = 0; ok && i < g.events->len; i += 2)
    if (g_rand_int_range (g.rng, 0, 40) == 0)
      {
        g_autofree char *vid = yi_store_void_event (store, g.events->pdata[i], g.events->pdata[i + 1],
                                                    "录入错误", error);
        ok = vid != NULL;
      }
  if (ok)
    ok = yi_store_commit (store, error);

  /* An elder registered after the period who never came is not counted. */
  if (ok)
    {
      JsonObject *f = obj ();

      yi_clock_set_offset (yi_clock_get_offset () + (gint64) 3650 * 24 * 3600 * G_USEC_PER_SEC);
      json_object_set_string_member (f, "name", "新登记老人");
      json_object_set_string_member (f, "gender", "F");
      json_object_set_string_member (f, "birth_date", "1950-05-05");
      ok = put (&g, "elders", NULL, f, error);
    }
  yi_clock_set_offset (0);

  g_rand_free (g.rng);
  g_ptr_array_unref (g.elders);
  g_ptr_array_unref (g.service_types);
  g_ptr_array_unref (g.activities);
  g_ptr_array_unref (g.volunteers);
  g_ptr_array_unref (g.events);
  g_ptr_array_unref (g.gone);
  return ok;
}
