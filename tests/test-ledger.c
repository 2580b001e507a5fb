#include "config.h"

#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-entitlement.h"
#include "yi-ids.h"
#include "yi-ledger.h"
#include "yi-services.h"
#include "yi-serving.h"
#include "yi-settlement.h"
#include "yi-test-staff.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char    *dir;
  char    *path;
  YiStore *store;
  char    *policy_id;
  char    *bath;          /* 50 yuan a time */
  char    *clean;         /* 30 yuan an hour */
  char    *staff;
} Fixture;

static char *
put (YiStore    *store,
     const char *table,
     JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_uuid_v7_new ();

  yi_store_put_entity (store, table, id, fields, &error);
  g_assert_no_error (error);
  return id;
}

static char *
add_service_type (YiStore    *store,
                  const char *code,
                  const char *category,
                  gint64      price,
                  const char *unit)
{
  g_autoptr(JsonObject) f = json_object_new ();

  json_object_set_string_member (f, "code", code);
  json_object_set_string_member (f, "name_zh", code);
  json_object_set_string_member (f, "name_en", code);
  json_object_set_string_member (f, "category", category);
  json_object_set_int_member (f, "price_fen", price);
  json_object_set_string_member (f, "unit", unit);
  return put (store, "service_types", f);
}

static char *
load_policy_text (YiStore *store, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_store_save_policy (store, text, -1, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static char *
default_document (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "policy-default.json", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = default_document ();

  yi_clock_set_now ("2026-07-01T01:00:00Z", NULL);
  f->dir = g_dir_make_tmp ("yiyang-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (f->path, &error);
  g_assert_no_error (error);
  f->policy_id = load_policy_text (f->store, doc);
  f->bath = add_service_type (f->store, "bath", "bath", 5000, "time");
  f->clean = add_service_type (f->store, "clean", "clean", 3000, "hour");
  f->staff = yi_test_add_staff (f->store, "Li Hua", "staff", "4321");
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->policy_id);
  g_free (f->bath);
  g_free (f->clean);
  g_free (f->staff);
}

static char *
add_elder (YiStore    *store,
           const char *name,
           const char *birth,
           const char *category,
           const char *valid_from,
           const char *valid_to)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "birth_date", birth);
  json_object_set_string_member (fields, "gender", "F");
  id = yi_store_save_elder (store, NULL, fields, &error);
  g_assert_no_error (error);
  if (category)
    {
      g_autofree char *cat = yi_store_add_elder_category (store, id, category, "certificate", "X-1",
                                                          valid_from ? valid_from : "2020-01-01", valid_to, &error);
      g_assert_no_error (error);
    }
  return id;
}

static char *
issue_card (YiStore *store, const char *elder, const char *uid)
{
  g_autoptr(GError) error = NULL;
  char *card = yi_store_issue_card (store, uid, elder, NULL, &error);

  g_assert_no_error (error);
  return card;
}

static void
order_meal (YiStore *store, const char *elder, const char *date, const char *meal, const char *mode)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (f, "elder_id", elder);
  json_object_set_string_member (f, "on_date", date);
  json_object_set_string_member (f, "meal", meal);
  json_object_set_string_member (f, "mode", mode);
  json_object_set_int_member (f, "price_fen", 0);
  json_object_set_string_member (f, "channel", "kiosk");
  id = yi_store_append_event (store, "meal_orders", f, &error);
  g_assert_no_error (error);
}

/* Sum of one fund's lines for a source, reversals included. */
static gint64
fund_sum (YiStore *store, const char *source_id, const char *fund)
{
  return yi_store_count (store, "SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries WHERE source_id = ? AND fund = ?",
                         source_id, fund, NULL);
}

static gint64
available (YiStore *store, const char *elder, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiEntitlement) ent = yi_store_get_entitlement (store, elder, date, &error);
  gint64 fen = -1;

  g_assert_no_error (error);
  g_assert_true (yi_ledger_available (store, ent, &fen, &error));
  return fen;
}

static char *
record (Fixture *f, const char *elder, const char *type, const char *start, int minutes)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_store_record_service (f->store, elder, type, f->staff, start, minutes, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
test_service_confirmation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *elder = add_elder (f->store, "Wang Fang", "1950-03-02", "dibao", NULL, NULL);
  g_autofree char *other = add_elder (f->store, "Zhao Min", "1952-05-06", NULL, NULL, NULL);
  g_autofree char *card = issue_card (f->store, elder, "04A1B2C3");
  g_autofree char *card2 = issue_card (f->store, other, "04A1B2C4");
  g_autofree char *s1 = record (f, elder, f->bath, "2026-07-01T00:30:00Z", 40);
  g_autofree char *s2 = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *v = NULL, *again = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  /* Recorded is not confirmed: nothing is charged yet. */
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries", NULL), ==, 0);
  pending = yi_store_pending_services (f->store, elder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((YiPendingService *) pending->pdata[0])->price_fen, ==, 5000);
  g_assert_cmpstr (((YiPendingService *) pending->pdata[0])->local_date, ==, "2026-07-01");

  c1 = yi_store_confirm_service_by_tap (f->store, s1, "04A1B2C4", 5, &error);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_WRONG_CARD);
  g_clear_error (&error);
  c1 = yi_store_confirm_service_by_tap (f->store, s1, "04A1B2C3", 0, &error);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries", NULL), ==, 0);

  /* dibao: government-purchased tier (no discount), 200 yuan a month. */
  c1 = yi_store_confirm_service_by_tap (f->store, s1, "04:a1:b2:c3", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fund_sum (f->store, s1, "allowance"), ==, 5000);
  g_assert_cmpint (fund_sum (f->store, s1, "elder"), ==, 0);
  g_assert_cmpint (available (f->store, elder, "2026-07-01"), ==, 15000);
  g_assert_cmpint (yi_store_count (f->store,
      "SELECT count(*) FROM ledger_entries WHERE kind = 'grant' AND amount_fen = 20000 AND period = '2026-07' "
      "AND rule = 'allowance-dibao' AND policy_id = ? AND funding_tier = 'government_purchased' AND category = 'dibao'",
      f->policy_id, NULL), ==, 1);
  again = yi_store_confirm_service_by_tap (f->store, s1, "04A1B2C3", 4, &error);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_ALREADY_CONFIRMED);
  g_clear_error (&error);

  /* 6 hours of cleaning at 30 an hour = 180: the allowance pays the 150
   * left, the elder 30. */
  yi_clock_set_now ("2026-07-02T09:00:00Z", NULL);
  s2 = record (f, elder, f->clean, "2026-07-02T01:00:00Z", 360);
  c2 = yi_store_attest_service (f->store, s2, "bedridden", &error);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NEEDS_STAFF);
  g_clear_error (&error);
  yi_store_set_actor (f->store, f->staff);
  c2 = yi_store_attest_service (f->store, s2, "  ", &error);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID);
  g_clear_error (&error);
  c2 = yi_store_attest_service (f->store, s2, "bedridden after a fall", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fund_sum (f->store, s2, "allowance"), ==, 15000);
  g_assert_cmpint (fund_sum (f->store, s2, "elder"), ==, 3000);
  g_assert_cmpint (available (f->store, elder, "2026-07-02"), ==, 0);
  {
    g_autofree char *attested_by = yi_store_query_string (f->store, "SELECT staff_id FROM service_confirmations WHERE id = ?", c2, NULL);
    g_assert_cmpstr (attested_by, ==, f->staff);
  }

  /* Cancelling the first confirmation gives the money back and makes the
   * service pending again. */
  v = yi_store_void_event (f->store, "service_confirmations", c1, "tapped by mistake", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fund_sum (f->store, s1, "allowance"), ==, 0);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE kind = 'reversal' AND source_id = ?",
                                   s1, NULL), ==, 1);
  g_assert_cmpint (available (f->store, elder, "2026-07-02"), ==, 5000);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = yi_store_pending_services (f->store, NULL, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((YiPendingService *) pending->pdata[0])->id, ==, s1);

  /* A ledger line itself cannot be cancelled. */
  {
    g_autofree char *line = yi_store_query_string (f->store, "SELECT id FROM ledger_entries LIMIT 1", NULL);
    g_autofree char *nope = yi_store_void_event (f->store, "ledger_entries", line, "why not", &error);

    g_assert_null (nope);
    g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Cancelling the service itself reverses what it had posted. */
  g_free (v);
  v = yi_store_void_event (f->store, "service_records", s2, "entered twice", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fund_sum (f->store, s2, "allowance") + fund_sum (f->store, s2, "elder"), ==, 0);
  g_assert_cmpint (available (f->store, elder, "2026-07-02"), ==, 20000);
}

static void
test_periods_and_status (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *elder = add_elder (f->store, "Sun Li", "1948-01-01", "dibao", NULL, NULL);
  g_autofree char *old = add_elder (f->store, "Qian Lao", "1940-01-01", NULL, NULL, NULL);
  g_autofree char *lapsed = add_elder (f->store, "Zhou Ping", "1955-01-01", "low_income", "2020-01-01", "2026-06-30");
  g_autofree char *card = issue_card (f->store, elder, "04A1B2C5");
  g_autofree char *s1 = record (f, elder, f->bath, "2026-07-01T00:30:00Z", 30);
  g_autofree char *c1 = yi_store_confirm_service_by_tap (f->store, s1, "04A1B2C5", 4, &error);
  g_autofree char *s2 = NULL, *c2 = NULL, *s3 = NULL;
  g_autoptr(YiEntitlement) ent = NULL;
  g_autoptr(YiEntitlement) ent_lapsed = NULL;
  g_autoptr(YiStatement) st = NULL;

  g_assert_no_error (error);

  /* The July balance lapses when August's allowance is first used. */
  yi_clock_set_now ("2026-08-03T02:00:00Z", NULL);
  s2 = record (f, elder, f->bath, "2026-08-03T01:00:00Z", 30);
  c2 = yi_store_confirm_service_by_tap (f->store, s2, "04A1B2C5", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT amount_fen FROM ledger_entries WHERE kind = 'expiry' AND period = '2026-07'",
                                   NULL), ==, 15000);
  g_assert_cmpint (available (f->store, elder, "2026-08-03"), ==, 15000);

  st = yi_store_get_statement (f->store, elder, "2026-08", &error);
  g_assert_no_error (error);
  g_assert_cmpint (st->granted_fen, ==, 20000);
  g_assert_cmpint (st->expired_fen, ==, 15000);
  g_assert_cmpint (st->allowance_used_fen, ==, 5000);
  g_assert_cmpint (st->available_fen, ==, 15000);
  g_assert_cmpuint (st->lines->len, ==, 3);

  /* Age alone: 80+ gets 60 a month that rolls over within the year. */
  ent = yi_store_get_entitlement (f->store, old, "2026-08-03", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ent->allowance_rule, ==, "allowance-age-80");
  g_assert_cmpint (ent->roll_over, ==, YI_ROLL_OVER_YEAR);
  g_assert_cmpint (ent->tier, ==, YI_TIER_LOW_COST);

  /* A category past its valid-to date no longer counts. */
  ent_lapsed = yi_store_get_entitlement (f->store, lapsed, "2026-07-01", &error);
  g_assert_no_error (error);
  g_assert_null (ent_lapsed->allowance_rule);
  g_assert_cmpint (ent_lapsed->tier, ==, YI_TIER_PAID);
  g_clear_pointer (&ent_lapsed, yi_entitlement_free);
  ent_lapsed = yi_store_get_entitlement (f->store, lapsed, "2026-06-30", &error);
  g_assert_cmpstr (ent_lapsed->allowance_rule, ==, "allowance-low-income");

  /* Death stops everything from its date, not before. */
  g_assert_true (yi_store_set_elder_status (f->store, elder, "deceased", "2026-08-04", NULL, &error));
  g_clear_pointer (&ent, yi_entitlement_free);
  ent = yi_store_get_entitlement (f->store, elder, "2026-08-04", &error);
  g_assert_false (yi_entitlement_is_active (ent));
  g_assert_null (ent->allowance_rule);
  g_clear_pointer (&ent, yi_entitlement_free);
  ent = yi_store_get_entitlement (f->store, elder, "2026-08-03", &error);
  g_assert_true (yi_entitlement_is_active (ent));
  yi_clock_set_now ("2026-08-05T02:00:00Z", NULL);
  s3 = yi_store_record_service (f->store, elder, f->bath, NULL, "2026-08-05T01:00:00Z", 30, NULL, &error);
  g_assert_null (s3);
  g_assert_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INACTIVE_ELDER);
}

static void
test_meals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tekun = add_elder (f->store, "Liu Ying", "1945-02-03", "wubao", NULL, NULL);
  g_autofree char *low = add_elder (f->store, "Ma Jun", "1950-02-03", "low_income", NULL, NULL);
  g_autofree char *paid = add_elder (f->store, "He Xin", "1960-02-03", NULL, NULL, NULL);
  g_autofree char *served = NULL;
  gint64 price = -1;
  char date[11];

  /* wubao: 15 free meals a month, one a day; then half price. */
  for (int d = 1; d <= 16; d++)
    {
      g_autofree char *id = NULL;

      g_snprintf (date, sizeof date, "2026-07-%02d", d);
      order_meal (f->store, tekun, date, "lunch", "dine_in");
      g_assert_true (yi_policy_meal_price_for_elder (f->store, tekun, date, "lunch", "dine_in", &price, &error));
      g_assert_cmpint (price, ==, d <= 15 ? 0 : 500);
      id = yi_store_serve_meal (f->store, tekun, date, "lunch", "card", &error);
      g_assert_no_error (error);
      g_assert_cmpint (fund_sum (f->store, id, "elder"), ==, d <= 15 ? 0 : 500);
    }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE rule = 'tier-tekun:free-meal'", NULL), ==, 15);

  /* A second meal the same day is not subsidised; a delivery adds 2 yuan,
   * which the free tier's rules cover only on a subsidised meal. */
  order_meal (f->store, tekun, "2026-07-16", "dinner", "delivery");
  g_assert_true (yi_policy_meal_price_for_elder (f->store, tekun, "2026-07-16", "dinner", "delivery", &price, &error));
  g_assert_cmpint (price, ==, 1000);

  served = yi_store_serve_meal (f->store, tekun, "2026-07-16", "lunch", "card", &error);
  g_assert_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_ALREADY_SERVED);
  g_clear_error (&error);
  served = yi_store_serve_meal (f->store, tekun, "2026-07-17", "lunch", "card", &error);
  g_assert_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NO_ORDER);
  g_assert_nonnull (strstr (error->message, "Liu Ying"));
  g_clear_error (&error);
  order_meal (f->store, tekun, "2026-07-17", "lunch", "dine_in");
  served = yi_store_serve_meal (f->store, tekun, "2026-07-17", "lunch", "manual", &error);
  g_assert_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_NEEDS_STAFF);
  g_clear_error (&error);

  /* Cancelling a served free meal gives the free meal back. */
  {
    g_autofree char *first = yi_store_query_string (f->store,
        "SELECT id FROM meals_served WHERE elder_id = ? AND on_date = '2026-07-01'", tekun, NULL);
    g_autofree char *v = yi_store_void_event (f->store, "meals_served", first, "served to the wrong person", &error);

    g_assert_no_error (error);
    g_assert_true (yi_policy_meal_price_for_elder (f->store, tekun, "2026-07-17", "lunch", "dine_in", &price, &error));
    g_assert_cmpint (price, ==, 0);
  }

  /* Low-cost tier, delivered: 10 - 30% + 2 = 9 yuan.  Menu price wins. */
  g_assert_true (yi_policy_meal_price_for_elder (f->store, low, "2026-07-03", "lunch", "delivery", &price, &error));
  g_assert_cmpint (price, ==, 900);
  {
    g_autoptr(JsonObject) menu = json_object_new ();
    g_autofree char *id = NULL;

    json_object_set_string_member (menu, "on_date", "2026-07-03");
    json_object_set_string_member (menu, "meal", "lunch");
    json_object_set_string_member (menu, "dishes_zh", "红烧肉");
    json_object_set_int_member (menu, "price_fen", 1200);
    id = put (f->store, "menus", menu);
  }
  g_assert_true (yi_policy_meal_price_for_elder (f->store, low, "2026-07-03", "lunch", "dine_in", &price, &error));
  g_assert_cmpint (price, ==, 840);
  g_assert_true (yi_policy_meal_price_for_elder (f->store, paid, "2026-07-03", "lunch", "dine_in", &price, &error));
  g_assert_cmpint (price, ==, 1200);
  g_assert_false (yi_policy_meal_price_for_elder (f->store, paid, "2026-07-03", "supper", "dine_in", &price, &error));
  g_assert_error (error, YI_SERVING_ERROR, YI_SERVING_ERROR_INVALID);
}

static void
test_policy_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = default_document ();
  g_autoptr(GString) next = g_string_new (doc);
  g_autofree char *elder = add_elder (f->store, "Lin Hui", "1950-09-09", "dibao", NULL, NULL);
  g_autofree char *card = issue_card (f->store, elder, "04A1B2C6");
  g_autofree char *next_id = NULL, *s1 = NULL, *s2 = NULL, *c1 = NULL, *c2 = NULL, *dup = NULL;
  gboolean already = FALSE;

  g_string_replace (next, "\"version\": \"2026.1\"", "\"version\": \"2026.2\"", 1);
  g_string_replace (next, "\"effective_from\": \"2026-01-01\"", "\"effective_from\": \"2026-08-15\"", 1);
  g_string_replace (next, "\"amount_fen\": 20000", "\"amount_fen\": 25000", 1);

  /* The same document again is harmless; a changed one under the same
   * version is refused. */
  dup = yi_store_save_policy (f->store, doc, -1, &already, &error);
  g_assert_no_error (error);
  g_assert_true (already);
  g_assert_cmpstr (dup, ==, f->policy_id);
  {
    g_autoptr(GString) changed = g_string_new (doc);
    g_autofree char *no = NULL;

    g_string_replace (changed, "\"amount_fen\": 20000", "\"amount_fen\": 21000", 1);
    no = yi_store_save_policy (f->store, changed->str, -1, NULL, &error);
    g_assert_null (no);
    g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  next_id = load_policy_text (f->store, next->str);
  yi_clock_set_now ("2026-08-20T08:00:00Z", NULL);
  s1 = record (f, elder, f->bath, "2026-08-10T01:00:00Z", 30);
  s2 = record (f, elder, f->bath, "2026-08-20T01:00:00Z", 30);
  /* Confirmed after the change, but given before it: the old rules. */
  c1 = yi_store_confirm_service_by_tap (f->store, s1, "04A1B2C6", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE source_id = ? AND policy_id = ?",
                                   s1, f->policy_id, NULL), ==, 1);
  c2 = yi_store_confirm_service_by_tap (f->store, s2, "04A1B2C6", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE source_id = ? AND policy_id = ?",
                                   s2, next_id, NULL), ==, 1);
  /* The month is topped up to the new amount, never given both. */
  g_assert_cmpint (yi_store_count (f->store,
      "SELECT sum(amount_fen) FROM ledger_entries WHERE elder_id = ? AND kind = 'grant' AND period = '2026-08'", elder, NULL),
      ==, 25000);
  g_assert_cmpint (available (f->store, elder, "2026-08-20"), ==, 15000);
}

/* A quarter of generated activity; the settlement must agree with a plain
 * sum over the ledger to the fen. */
static void
test_settlement_matches_ledger (Fixture *f, gconstpointer data)
{
  static const char *const cats[] = { "sanwu", "wubao", "dibao", "dibao_edge", "low_income", "disability",
                                      "veteran", "alone", "disabled", "semi_disabled", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) elders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) confirmations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(YiSettlement) s = NULL;
  g_autofree char *doc = default_document ();
  g_autoptr(GString) next = g_string_new (doc);
  g_autofree char *csv = NULL;
  g_autofree char *next_id = NULL;
  gint64 sql_allowance, sql_subsidy, sql_copay;
  guint served = 0, services = 0, voids = 0;

  yi_clock_set_now ("2026-06-20T01:00:00Z", NULL);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Elder %03u", i);
      g_autofree char *birth = g_strdup_printf ("%d-%02d-15", 1926 + g_rand_int_range (rand, 0, 40),
                                                g_rand_int_range (rand, 1, 13));
      const char *cat = g_rand_int_range (rand, 0, 3) ? cats[g_rand_int_range (rand, 0, 10)] : NULL;
      char *id = add_elder (f->store, name, birth, cat, NULL, NULL);
      g_autofree char *uid = g_strdup_printf ("04%06X", i);
      g_autofree char *card = issue_card (f->store, id, uid);

      g_ptr_array_add (elders, id);
    }

  g_string_replace (next, "\"version\": \"2026.1\"", "\"version\": \"2026.2\"", 1);
  g_string_replace (next, "\"effective_from\": \"2026-01-01\"", "\"effective_from\": \"2026-08-16\"", 1);
  g_string_replace (next, "\"amount_fen\": 10000", "\"amount_fen\": 12000", 1);
  g_string_replace (next, "\"low_cost\": 30, \"paid\": 0", "\"low_cost\": 40, \"paid\": 0", 1);
  next_id = load_policy_text (f->store, next->str);

  for (int day = 0; day < 92; day++)
    {
      g_autofree char *date = yi_date_add_days ("2026-07-01", day);
      g_autofree char *noon = g_strdup_printf ("%sT04:00:00Z", date);
      g_autofree char *morning = g_strdup_printf ("%sT01:00:00Z", date);

      yi_clock_set_now (noon, NULL);
      g_assert_true (yi_store_begin (f->store, &error));
      for (int k = 0; k < 12; k++)
        {
          guint e = (guint) g_rand_int_range (rand, 0, (gint32) elders->len);
          const char *elder = elders->pdata[e];
          const char *mode = g_rand_int_range (rand, 0, 4) ? "dine_in" : "delivery";
          g_autofree char *id = NULL;

          if (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ? AND on_date = ?",
                              elder, date, NULL) > 0)
            continue;
          order_meal (f->store, elder, date, "lunch", mode);
          id = yi_store_serve_meal (f->store, elder, date, "lunch", "card", &error);
          g_assert_no_error (error);
          served++;
          if (g_rand_int_range (rand, 0, 25) == 0)
            {
              g_autofree char *v = yi_store_void_event (f->store, "meals_served", id, "wrong tray", &error);
              g_assert_no_error (error);
              voids++;
            }
        }
      for (int k = 0; k < 6; k++)
        {
          guint e = (guint) g_rand_int_range (rand, 0, (gint32) elders->len);
          gboolean hourly = g_rand_boolean (rand);
          g_autofree char *rec = record (f, elders->pdata[e], hourly ? f->clean : f->bath, morning,
                                         g_rand_int_range (rand, 15, 181));
          g_autofree char *uid = g_strdup_printf ("04%06X", e);
          char *conf;

          if (g_rand_int_range (rand, 0, 8) == 0)
            continue;   /* never confirmed: must never be charged */
          conf = yi_store_confirm_service_by_tap (f->store, rec, uid, g_rand_int_range (rand, 3, 6), &error);
          g_assert_no_error (error);
          g_ptr_array_add (confirmations, conf);
          services++;
        }
      /* Now and then a confirmation from earlier in the quarter is
       * cancelled, so reversals land in later days. */
      if (confirmations->len > 10 && g_rand_int_range (rand, 0, 3) == 0)
        {
          guint c = (guint) g_rand_int_range (rand, 0, (gint32) confirmations->len);

          if (!yi_store_is_voided (f->store, confirmations->pdata[c]))
            {
              g_autofree char *v = yi_store_void_event (f->store, "service_confirmations", confirmations->pdata[c],
                                                        "not satisfied", &error);
              g_assert_no_error (error);
              voids++;
            }
        }
      g_assert_true (yi_store_commit (f->store, &error));
    }

  /* Unconfirmed services posted nothing. */
  g_assert_cmpint (yi_store_count (f->store,
      "SELECT count(*) FROM ledger_entries l WHERE l.source_table = 'service_records' AND NOT EXISTS "
      "(SELECT 1 FROM service_confirmations c WHERE c.service_record_id = l.source_id)", NULL), ==, 0);
  /* Both policies were used. */
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE policy_id = ?", f->policy_id, NULL), >, 0);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM ledger_entries WHERE policy_id = ?", next_id, NULL), >, 0);

  s = yi_store_get_settlement (f->store, "2026Q3", &error);
  g_assert_no_error (error);
  sql_allowance = yi_store_count (f->store, "SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries "
                                  "WHERE fund = 'allowance' AND kind IN ('allowance_debit', 'reversal') "
                                  "AND local_date BETWEEN '2026-07-01' AND '2026-09-30'", NULL);
  sql_subsidy = yi_store_count (f->store, "SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries "
                                "WHERE fund = 'subsidy' AND local_date BETWEEN '2026-07-01' AND '2026-09-30'", NULL);
  sql_copay = yi_store_count (f->store, "SELECT coalesce(sum(amount_fen), 0) FROM ledger_entries "
                              "WHERE fund = 'elder' AND local_date BETWEEN '2026-07-01' AND '2026-09-30'", NULL);
  g_test_message ("%u meals, %u services confirmed, %u voids; %u settlement rows; "
                  "allowance %" G_GINT64_FORMAT " subsidy %" G_GINT64_FORMAT " copay %" G_GINT64_FORMAT " fen",
                  served, services, voids, s->rows->len, sql_allowance, sql_subsidy, sql_copay);
  g_assert_cmpint (sql_allowance, >, 0);
  g_assert_cmpint (sql_subsidy, >, 0);
  g_assert_cmpint (sql_copay, >, 0);
  g_assert_cmpint (voids, >, 10);
  g_assert_cmpint (s->allowance_fen, ==, sql_allowance);
  g_assert_cmpint (s->subsidy_fen, ==, sql_subsidy);
  g_assert_cmpint (s->copay_fen, ==, sql_copay);

  /* Nothing in the quarter before. */
  {
    g_autoptr(YiSettlement) q2 = yi_store_get_settlement (f->store, "2026Q2", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (q2->rows->len, ==, 0);
  }

  csv = yi_settlement_to_csv (s);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF\"Quarter\""));
  {
    g_autofree char *total = yi_fen_format (sql_allowance + sql_subsidy + sql_copay);

    g_assert_nonnull (strstr (csv, total));
  }
  g_assert_false (yi_quarter_parse ("2026Q5", &(char *){ NULL }, &(char *){ NULL }, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ledger/service-confirmation", Fixture, NULL, fixture_setup, test_service_confirmation, fixture_teardown);
  g_test_add ("/ledger/periods-and-status", Fixture, NULL, fixture_setup, test_periods_and_status, fixture_teardown);
  g_test_add ("/ledger/meals", Fixture, NULL, fixture_setup, test_meals, fixture_teardown);
  g_test_add ("/ledger/policy-change", Fixture, NULL, fixture_setup, test_policy_change, fixture_teardown);
  g_test_add ("/ledger/settlement-matches-ledger", Fixture, NULL, fixture_setup, test_settlement_matches_ledger, fixture_teardown);
  return g_test_run ();
}
