#include "config.h"

#include "yi-care.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-kitchen.h"
#include "yi-kitchen-sheet.h"
#include "yi-programme.h"
#include "yi-role-taps.h"
#include "yi-serving.h"
#include "yi-store.h"
#include "yi-vital-chart.h"
#include "yi-settings.h"
#include "yi-test-staff.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

/* The kitchen, the activity programme and the kiosk's tap roles, against
 * a real store.  Monday 2 March 2026 in Asia/Shanghai. */

typedef struct {
  char    *dir;
  YiStore *store;
  char    *staff;
  char    *zhang;   /* delivery, 文化东路 */
  char    *li;      /* delivery, 和平路, soft food */
  char    *wang;    /* eats at the centre only */
} Fixture;

static void
at_local (const char *hhmm)
{
  g_autoptr(GError) error = NULL;
  int h = atoi (hhmm), m = atoi (hhmm + 3);
  g_autofree char *utc = NULL;

  /* Shanghai is UTC+8 all year. */
  h -= 8;
  utc = h >= 0 ? g_strdup_printf ("2026-03-02T%02d:%02d:00Z", h, m)
               : g_strdup_printf ("2026-03-01T%02d:%02d:00Z", h + 24, m);
  g_assert_true (yi_clock_set_now (utc, &error));
}

static char *
add_elder (Fixture    *f,
           const char *name,
           const char *birth,
           const char *gender,
           const char *street,
           const char *address,
           const char *diet,
           gboolean    delivery,
           const char *card)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *card_id = NULL;
  char *id;

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "birth_date", birth);
  json_object_set_string_member (o, "gender", gender);
  json_object_set_string_member (o, "phone", "13800000000");
  if (street)
    json_object_set_string_member (o, "street", street);
  if (address)
    json_object_set_string_member (o, "address", address);
  json_object_set_string_member (o, "diet", diet);
  json_object_set_int_member (o, "delivery_allowed", delivery);
  id = yi_store_save_elder (f->store, NULL, o, &error);
  g_assert_no_error (error);
  card_id = yi_store_issue_card (f->store, card, id, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) centre = json_object_new ();
  g_autofree char *path = NULL;
  g_autofree char *centre_id = yi_uuid_v7_new ();
  g_autofree char *card = NULL;
  const char *meals[] = { "breakfast", "lunch", "dinner" };

  f->dir = g_dir_make_tmp ("yiyang-kitchen-XXXXXX", &error);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (path, &error);
  g_assert_no_error (error);
  at_local ("08:00");
  json_object_set_string_member (centre, "name", "文化东路日间照料中心");
  g_assert_true (yi_store_put_entity (f->store, "centre", centre_id, centre, &error));
  f->staff = yi_test_add_staff (f->store, "刘师傅", "kitchen", "1357");
  g_assert_no_error (error);
  card = yi_store_issue_card (f->store, "5A5A5A5A", NULL, f->staff, &error);
  g_assert_no_error (error);
  f->zhang = add_elder (f, "张桂英", "1949-12-31", "F", "文化东路", "12号3单元401", "normal", TRUE, "04A1B2C3");
  f->li = add_elder (f, "李建国", "1940-06-01", "M", "和平路", "8号101", "soft", TRUE, "04D4E5F6");
  f->wang = add_elder (f, "王秀兰", "1952-02-11", "F", NULL, NULL, "low_salt", FALSE, "04070809");
  for (guint i = 0; i < G_N_ELEMENTS (meals); i++)
    {
      g_autofree char *menu = yi_store_save_menu (f->store, "2026-03-02", meals[i], "米饭 青菜 红烧鱼", NULL, 1000, 200, &error);
      g_assert_no_error (error);
    }
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  /* settings live in this process for all the tests: put them back */
  g_settings_reset (yi_settings_get_default (), YI_SETTING_KIOSK_ROLE);
  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->staff);
  g_free (f->zhang);
  g_free (f->li);
  g_free (f->wang);
  yi_clock_set_offset (0);
}

static char *
order (Fixture    *f,
       const char *elder,
       const char *date,
       const char *meal,
       const char *mode,
       const char *reason,
       GQuark      domain,
       int         code)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_kitchen_order_for_elder (f->store, elder, date, meal, mode, reason, &error);

  if (code < 0)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, domain, code);
      g_assert_null (id);
      g_test_message ("refused as expected: %s", error->message);
    }
  return id;
}

static void
test_order_rules (Fixture *f, gconstpointer data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  const GQuark K = YI_KITCHEN_ERROR;

  /* only a signed-in staff member orders for someone else */
  g_free (order (f, f->wang, "2026-03-02", "lunch", "dine_in", NULL, K, YI_KITCHEN_ERROR_NEEDS_STAFF));
  yi_store_set_actor (f->store, f->staff);

  a = order (f, f->wang, "2026-03-02", "lunch", "dine_in", NULL, 0, -1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE id = ? AND elder_id = ? AND channel = 'staff' "
                                   "AND mode = 'dine_in' AND diet = 'low_salt' AND price_fen = 1000 AND on_date = '2026-03-02' "
                                   "AND meal = 'lunch' AND staff_id = ?", a, f->wang, f->staff, NULL), ==, 1);
  /* the same meal twice is refused, nothing written */
  g_free (order (f, f->wang, "2026-03-02", "lunch", "dine_in", NULL, K, YI_KITCHEN_ERROR_DUPLICATE));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ?", f->wang, NULL), ==, 1);
  /* delivery only for elders on the round; the delivery surcharge is priced in */
  g_free (order (f, f->wang, "2026-03-02", "dinner", "delivery", NULL, K, YI_KITCHEN_ERROR_NO_DELIVERY));
  b = order (f, f->zhang, "2026-03-02", "lunch", "delivery", NULL, 0, -1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT price_fen FROM meal_orders WHERE id = ?", b, NULL), ==, 1200);
  g_free (order (f, f->zhang, "2026-03-02", "supper", "dine_in", NULL, K, YI_KITCHEN_ERROR_INVALID));
  g_free (order (f, f->zhang, "2026-3-2", "lunch", "dine_in", NULL, K, YI_KITCHEN_ERROR_INVALID));
  g_free (order (f, f->zhang, "2026-03-02", "lunch", "takeaway", NULL, K, YI_KITCHEN_ERROR_INVALID));

  /* 10:00: lunch orders closed at 09:30; a reason lets staff through */
  at_local ("10:00");
  g_assert_true (!yi_store_meal_order_open (f->store, "2026-03-02", "lunch"));
  g_assert_false (!yi_store_meal_order_open (f->store, "2026-03-02", "dinner"));
  g_free (order (f, f->li, "2026-03-02", "lunch", "dine_in", NULL, K, YI_KITCHEN_ERROR_AFTER_CUTOFF));
  g_free (order (f, f->li, "2026-03-02", "lunch", "dine_in", "   ", K, YI_KITCHEN_ERROR_AFTER_CUTOFF));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meal_orders WHERE elder_id = ?", f->li, NULL), ==, 0);
  c = order (f, f->li, "2026-03-02", "lunch", "dine_in", "厨房同意加一份", 0, -1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'order_after_cutoff' "
                                   "AND record_id = ? AND summary = '厨房同意加一份' AND staff_id = ?", c, f->staff, NULL), ==, 1);
  /* dinner is still open; a past day never is; tomorrow always is */
  g_free (order (f, f->li, "2026-03-01", "lunch", "dine_in", "补录", K, YI_KITCHEN_ERROR_AFTER_CUTOFF));
  /* without a menu or a policy there is no price to order at */
  g_free (order (f, f->li, "2026-03-03", "breakfast", "dine_in", NULL, YI_SERVING_ERROR, YI_SERVING_ERROR_NO_PRICE));
  g_free (yi_store_save_menu (f->store, "2026-03-03", "breakfast", "豆浆 油条", NULL, 500, 0, NULL));
  d = order (f, f->li, "2026-03-03", "breakfast", "dine_in", NULL, 0, -1);
  g_assert_nonnull (d);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'order_after_cutoff'", NULL), ==, 1);
}

static void
test_counts_delivery_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) round = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *voided = NULL, *served = NULL;
  YiMealCount *lunch_normal, *lunch_soft;

  yi_store_set_actor (f->store, f->staff);
  a = order (f, f->zhang, "2026-03-02", "lunch", "delivery", NULL, 0, -1);
  b = order (f, f->li, "2026-03-02", "lunch", "delivery", NULL, 0, -1);
  c = order (f, f->wang, "2026-03-02", "lunch", "dine_in", NULL, 0, -1);
  g_free (order (f, f->wang, "2026-03-02", "dinner", "dine_in", NULL, 0, -1));

  counts = yi_kitchen_counts (f->store, "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 4);  /* lunch: normal, soft, low salt; dinner: low salt */
  lunch_normal = counts->pdata[0];
  lunch_soft = counts->pdata[1];
  g_assert_cmpstr (lunch_normal->meal, ==, "lunch");
  g_assert_cmpstr (lunch_normal->diet, ==, "normal");
  g_assert_cmpint (lunch_normal->delivery, ==, 1);
  g_assert_cmpint (lunch_normal->dine_in, ==, 0);
  g_assert_cmpstr (lunch_soft->diet, ==, "soft");
  g_assert_cmpstr (((YiMealCount *) counts->pdata[2])->diet, ==, "low_salt");
  g_assert_cmpint (((YiMealCount *) counts->pdata[2])->dine_in, ==, 1);
  g_assert_cmpstr (((YiMealCount *) counts->pdata[3])->meal, ==, "dinner");

  /* route order: 和平路 comes before 文化东路; addresses and phones come along */
  round = yi_kitchen_delivery_list (f->store, "2026-03-02", "lunch", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round->len, ==, 2);
  g_assert_cmpstr (((YiMealOrder *) round->pdata[0])->name, ==, "李建国");
  g_assert_cmpstr (((YiMealOrder *) round->pdata[0])->address, ==, "8号101");
  g_assert_cmpstr (((YiMealOrder *) round->pdata[1])->street, ==, "文化东路");
  g_assert_cmpstr (((YiMealOrder *) round->pdata[1])->phone, ==, "13800000000");

  /* cancelling needs a reason; a served meal cannot be cancelled */
  voided = yi_kitchen_cancel_order (f->store, b, "", &error);
  g_assert_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID);
  g_clear_error (&error);
  voided = yi_kitchen_cancel_order (f->store, b, "住院了", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM event_voids WHERE id = ? AND target_table = 'meal_orders' "
                                   "AND target_id = ? AND reason = '住院了' AND staff_id = ?", voided, b, f->staff, NULL), ==, 1);
  g_assert_null (yi_kitchen_cancel_order (f->store, b, "again", &error));
  g_assert_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = yi_kitchen_delivery_list (f->store, "2026-03-02", NULL, &error);
  g_assert_cmpuint (after->len, ==, 1);
  /* once cancelled, the elder may order again */
  g_free (order (f, f->li, "2026-03-02", "lunch", "dine_in", NULL, 0, -1));

  served = yi_store_serve_meal (f->store, f->wang, "2026-03-02", "lunch", "manual", &error);
  g_assert_no_error (error);
  g_assert_null (yi_kitchen_cancel_order (f->store, c, "不想吃了", &error));
  g_assert_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_ALREADY_SERVED);
  g_clear_error (&error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM event_voids WHERE target_id = ?", c, NULL), ==, 0);
  {
    g_autoptr(GPtrArray) orders = yi_kitchen_orders (f->store, "2026-03-02", "lunch", &error);
    guint n_served = 0;

    for (guint i = 0; i < orders->len; i++)
      n_served += ((YiMealOrder *) orders->pdata[i])->served;
    g_assert_cmpuint (orders->len, ==, 3);
    g_assert_cmpuint (n_served, ==, 1);
  }
  (void) a;
}

static void
test_menus_cutoffs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) menus = NULL;
  g_autofree char *first = NULL, *again = NULL, *bad = NULL, *cut = NULL;
  gint64 fen = 0;

  first = yi_store_save_menu (f->store, "2026-03-04", "lunch", "饺子", NULL, 800, 0, &error);
  g_assert_no_error (error);
  again = yi_store_save_menu (f->store, "2026-03-04", "lunch", "  饺子 小米粥  ", NULL, 900, 200, &error);
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM menus WHERE on_date = '2026-03-04' AND meal = 'lunch' "
                                   "AND dishes_zh = '饺子 小米粥' AND price_fen = 900 AND delivery_fen = 200", NULL), ==, 1);
  bad = yi_store_save_menu (f->store, "2026-03-04", "lunch", "", NULL, 900, 0, &error);
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yi_store_save_menu (f->store, "2026-03-04", "lunch", "鱼", NULL, -5, 0, &error));
  g_assert_error (error, YI_MEAL_ERROR, YI_MEAL_ERROR_INVALID);
  g_clear_error (&error);
  menus = yi_store_list_menus (f->store, "2026-03-02", &error);
  g_assert_cmpuint (menus->len, ==, 3);
  g_assert_cmpstr (((YiMenu *) menus->pdata[0])->meal, ==, "breakfast");

  g_assert_true (yi_kitchen_set_cutoff (f->store, "lunch", "9:45", &error));
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM centre WHERE lunch_cutoff = '09:45'", NULL), ==, 1);
  cut = yi_store_meal_cutoff (f->store, "lunch");
  g_assert_cmpstr (cut, ==, "09:45");
  g_assert_false (yi_kitchen_set_cutoff (f->store, "lunch", "25:00", &error));
  g_assert_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yi_kitchen_set_cutoff (f->store, "lunch", "half past nine", &error));
  g_clear_error (&error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM centre WHERE lunch_cutoff = '09:45'", NULL), ==, 1);
  at_local ("09:40");
  g_assert_false (!yi_store_meal_order_open (f->store, "2026-03-02", "lunch"));

  g_assert_true (yi_yuan_parse ("12.5", &fen));
  g_assert_cmpint (fen, ==, 1250);
  g_assert_true (yi_yuan_parse (" 8 ", &fen));
  g_assert_cmpint (fen, ==, 800);
  g_assert_true (yi_yuan_parse ("0.05", &fen));
  g_assert_cmpint (fen, ==, 5);
  g_assert_false (yi_yuan_parse ("1.234", &fen));
  g_assert_false (yi_yuan_parse ("abc", &fen));
  g_assert_false (yi_yuan_parse (".", &fen));
  g_assert_false (yi_yuan_parse ("", &fen));
}

static guint
dark_pixels (const char *png)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (png);
  guint n = 0;
  int w, h, stride;
  const guint8 *data;

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  w = cairo_image_surface_get_width (s);
  h = cairo_image_surface_get_height (s);
  stride = cairo_image_surface_get_stride (s);
  data = cairo_image_surface_get_data (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        if (((px >> 16) & 0xff) < 80 && ((px >> 8) & 0xff) < 80 && (px & 0xff) < 80)
          n++;
      }
  cairo_surface_destroy (s);
  return n;
}

static void
test_sheet (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "kitchen-sheet.png", NULL);
  g_autofree char *pdf = g_test_build_filename (G_TEST_BUILT, "kitchen-sheet.pdf", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.png", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (yi_kitchen_save_page (f->store, "2026-03-02", empty, &error));
  yi_store_set_actor (f->store, f->staff);
  g_free (order (f, f->zhang, "2026-03-02", "lunch", "delivery", NULL, 0, -1));
  g_free (order (f, f->li, "2026-03-02", "lunch", "delivery", NULL, 0, -1));
  g_free (order (f, f->wang, "2026-03-02", "lunch", "dine_in", NULL, 0, -1));
  g_assert_true (yi_kitchen_save_page (f->store, "2026-03-02", png, &error));
  g_assert_no_error (error);
  g_assert_true (yi_kitchen_save_page (f->store, "2026-03-02", pdf, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* the table and the round put ink on the page the empty day does not */
  g_assert_cmpuint (dark_pixels (png), >, dark_pixels (empty) + 2000);
  g_test_message ("kitchen sheet: %s and %s", png, pdf);
  g_assert_false (yi_kitchen_save_page (f->store, "yesterday", png, &error));
  g_assert_error (error, YI_KITCHEN_ERROR, YI_KITCHEN_ERROR_INVALID);
}

static YiActivity
weekly (const char *title,
        int         weekday,
        const char *starts_at,
        int         capacity)
{
  YiActivity a = { 0 };

  a.title = (char *) title;
  a.kind = (char *) "taichi";
  a.room = (char *) "活动室";
  a.leader = (char *) "孙老师";
  a.weekday = weekday;
  a.starts_at = (char *) starts_at;
  a.duration_min = 60;
  a.capacity = capacity;
  a.valid_from = (char *) "2026-03-01";
  return a;
}

static char *
save_activity (Fixture          *f,
               const YiActivity *a,
               int               code)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_programme_save (f->store, a, &error);

  if (code < 0)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, YI_PROGRAMME_ERROR, code);
      g_test_message ("refused as expected: %s", error->message);
    }
  return id;
}

static void
test_programme (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) monday = NULL;
  g_autoptr(GPtrArray) tuesday = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) who = NULL;
  g_autoptr(YiSession) s = NULL;
  g_autofree char *taichi = NULL, *festival = NULL, *s1 = NULL, *s2 = NULL, *t1 = NULL, *walk = NULL;
  YiActivity a = weekly ("太极拳", 1, "9:30", 2);
  YiActivity bad;
  YiActivity one_off = weekly ("重阳节联欢会", 0, "14:00", 80);

  yi_store_set_actor (f->store, f->staff);
  taichi = save_activity (f, &a, -1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities WHERE id = ? AND starts_at = '09:30' AND weekday = 1 "
                                   "AND capacity = 2 AND room = '活动室' AND leader = '孙老师' AND on_date IS NULL", taichi, NULL), ==, 1);
  one_off.kind = (char *) "festival";
  one_off.on_date = (char *) "2026-03-02";
  festival = save_activity (f, &one_off, -1);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities WHERE id = ? AND weekday IS NULL AND on_date = '2026-03-02'",
                                   festival, NULL), ==, 1);
  bad = a; bad.title = (char *) " ";
  g_free (save_activity (f, &bad, YI_PROGRAMME_ERROR_INVALID));
  bad = a; bad.weekday = 0;
  g_free (save_activity (f, &bad, YI_PROGRAMME_ERROR_INVALID));
  bad = a; bad.capacity = 0;
  g_free (save_activity (f, &bad, YI_PROGRAMME_ERROR_INVALID));
  bad = a; bad.starts_at = (char *) "25:00";
  g_free (save_activity (f, &bad, YI_PROGRAMME_ERROR_INVALID));
  bad = a; bad.valid_to = (char *) "2026-02-01";
  g_free (save_activity (f, &bad, YI_PROGRAMME_ERROR_INVALID));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activities", NULL), ==, 2);

  monday = yi_programme_sessions_on (f->store, "2026-03-02", &error);
  g_assert_cmpuint (monday->len, ==, 2);
  g_assert_cmpstr (((YiSession *) monday->pdata[0])->title, ==, "太极拳");
  g_assert_true (((YiSession *) monday->pdata[1])->one_off);
  tuesday = yi_programme_sessions_on (f->store, "2026-03-03", &error);
  g_assert_cmpuint (tuesday->len, ==, 0);
  list = yi_programme_list (f->store, "2026-03-02", &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* two places: a third sign-up and a walk-in are turned away */
  s1 = yi_programme_sign_up (f->store, taichi, "2026-03-02", f->zhang, "staff", &error);
  s2 = yi_programme_sign_up (f->store, taichi, "2026-03-02", f->li, "kiosk", &error);
  g_assert_no_error (error);
  g_assert_null (yi_programme_sign_up (f->store, taichi, "2026-03-02", f->li, "staff", &error));
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_null (yi_programme_sign_up (f->store, taichi, "2026-03-02", f->wang, "staff", &error));
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_FULL);
  g_clear_error (&error);
  g_assert_null (yi_programme_sign_up (f->store, taichi, "2026-03-03", f->wang, "staff", &error));
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_NO_SESSION);
  g_clear_error (&error);

  t1 = yi_programme_take_attendance (f->store, taichi, "2026-03-02", f->zhang, "manual", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE id = ? AND method = 'manual' "
                                   "AND elder_id = ? AND session_date = '2026-03-02' AND staff_id = ?", t1, f->zhang, f->staff, NULL), ==, 1);
  g_assert_null (yi_programme_take_attendance (f->store, taichi, "2026-03-02", f->zhang, "manual", &error));
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_null (yi_programme_take_attendance (f->store, taichi, "2026-03-02", f->wang, "manual", &error));
  g_assert_error (error, YI_PROGRAMME_ERROR, YI_PROGRAMME_ERROR_FULL);
  g_clear_error (&error);

  /* one more place: the walk-in is let in and takes it */
  a.id = taichi;
  a.capacity = 3;
  g_free (save_activity (f, &a, -1));
  walk = yi_programme_take_attendance (f->store, taichi, "2026-03-02", f->wang, "manual", &error);
  g_assert_no_error (error);
  s = yi_programme_session (f->store, taichi, "2026-03-02", &error);
  g_assert_cmpint (s->signed_up, ==, 2);
  g_assert_cmpint (s->attended, ==, 2);
  g_assert_cmpint (s->walk_ins, ==, 1);
  g_assert_cmpint (yi_session_seats_left (s), ==, 0);
  who = yi_programme_attendance (f->store, taichi, "2026-03-02", &error);
  g_assert_cmpuint (who->len, ==, 3);
  for (guint i = 0; i < who->len; i++)
    {
      YiAttendee *p = who->pdata[i];

      if (g_strcmp0 (p->name, "李建国") == 0)
        g_assert_null (p->attendance_id);
      else
        g_assert_nonnull (p->attendance_id);
      if (g_strcmp0 (p->name, "王秀兰") == 0)
        g_assert_null (p->signup_id);
    }

  /* a withdrawn sign-up frees its place */
  g_free (yi_store_void_event (f->store, "activity_signups", s2, "不来了", &error));
  g_clear_pointer (&s, yi_session_free);
  s = yi_programme_session (f->store, taichi, "2026-03-02", &error);
  g_assert_cmpint (yi_session_seats_left (s), ==, 1);

  /* the weekly class ends after the 9th; the festival is called off */
  g_assert_false (yi_programme_end (f->store, taichi, "2026-02-01", &error));
  g_clear_error (&error);
  g_assert_true (yi_programme_end (f->store, taichi, "2026-03-09", &error));
  g_assert_true (yi_programme_end (f->store, festival, NULL, &error));
  g_clear_pointer (&monday, g_ptr_array_unref);
  monday = yi_programme_sessions_on (f->store, "2026-03-09", &error);
  g_assert_cmpuint (monday->len, ==, 1);
  g_clear_pointer (&monday, g_ptr_array_unref);
  monday = yi_programme_sessions_on (f->store, "2026-03-16", &error);
  g_assert_cmpuint (monday->len, ==, 0);
  g_clear_pointer (&monday, g_ptr_array_unref);
  monday = yi_programme_sessions_on (f->store, "2026-03-02", &error);
  g_assert_cmpuint (monday->len, ==, 1);
  (void) s1;
}

static YiRoleTapResult *
tap (Fixture     *f,
     YiKioskRole  role,
     const char  *uid,
     YiRoleTapKind kind)
{
  g_autoptr(GError) error = NULL;
  YiRoleTapResult *r = yi_store_role_tap (f->store, role, uid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, kind);
  if (r->message)
    g_test_message ("%s", r->message);
  return r;
}

static void
test_role_taps (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  YiActivity a = weekly ("太极拳", 1, "09:30", 2);
  g_autofree char *taichi = NULL;
  g_autofree char *signup = NULL;
  g_autofree char *role_text = NULL;
  YiKioskRole role;

  g_assert_cmpint (yi_store_get_kiosk_role (f->store), ==, YI_KIOSK_ROLE_DOOR);
  g_assert_true (yi_store_set_kiosk_role (f->store, YI_KIOSK_ROLE_DINING, &error));
  g_assert_cmpint (yi_store_get_kiosk_role (f->store), ==, YI_KIOSK_ROLE_DINING);
  role_text = g_settings_get_string (yi_settings_get_default (), YI_SETTING_KIOSK_ROLE);
  g_assert_cmpstr (role_text, ==, "dining");
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'set_kiosk_role' AND summary = 'dining'", NULL), ==, 1);
  g_assert_true (yi_kiosk_role_parse ("activity", &role));
  g_assert_cmpint (role, ==, YI_KIOSK_ROLE_ACTIVITY);
  g_assert_false (yi_kiosk_role_parse ("kitchen", &role));
  g_assert_null (yi_store_role_tap (f->store, YI_KIOSK_ROLE_DOOR, "04A1B2C3", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  yi_store_set_actor (f->store, f->staff);
  g_free (order (f, f->zhang, "2026-03-02", "lunch", "dine_in", NULL, 0, -1));
  yi_store_set_actor (f->store, NULL);

  /* lunch time in the dining hall */
  at_local ("12:05");
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_DINING, "04:a1:b2:c3", YI_ROLE_TAP_MEAL_SERVED);
    g_assert_cmpstr (r->meal, ==, "lunch");
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meals_served WHERE id = ? AND elder_id = ? AND method = 'card' "
                                     "AND meal = 'lunch' AND staff_id IS NULL", r->event_id, f->zhang, NULL), ==, 1);
    g_assert_nonnull (strstr (r->message, "张桂英"));
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_DINING, "04A1B2C3", YI_ROLE_TAP_MEAL_ALREADY_SERVED);
    g_assert_null (r->event_id);
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_DINING, "04070809", YI_ROLE_TAP_MEAL_NOT_ORDERED);
    g_assert_nonnull (strstr (r->message, "王秀兰"));
  }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM meals_served", NULL), ==, 1);
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_DINING, "DEADBEEF", YI_ROLE_TAP_UNKNOWN_CARD);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM unknown_card_taps WHERE uid = 'DEADBEEF'", NULL), ==, 1);
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_DINING, "5A5A5A5A", YI_ROLE_TAP_STAFF);
    g_assert_cmpstr (r->staff_id, ==, f->staff);
  }

  /* the activity room: nothing at 08:00, tai chi from 09:00 (it starts at 09:30) */
  taichi = save_activity (f, &a, -1);
  signup = yi_programme_sign_up (f->store, taichi, "2026-03-02", f->zhang, "kiosk", &error);
  g_assert_no_error (error);
  at_local ("08:00");
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04A1B2C3", YI_ROLE_TAP_NO_SESSION);
  }
  at_local ("09:05");
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04A1B2C3", YI_ROLE_TAP_ATTENDED);
    g_assert_cmpstr (r->activity_id, ==, taichi);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance WHERE id = ? AND method = 'card' "
                                     "AND elder_id = ?", r->event_id, f->zhang, NULL), ==, 1);
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04A1B2C3", YI_ROLE_TAP_ALREADY_ATTENDED);
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04D4E5F6", YI_ROLE_TAP_WALK_IN);
    g_assert_cmpint (r->seats_left, ==, 0);
  }
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04070809", YI_ROLE_TAP_SESSION_FULL);
  }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM activity_attendance", NULL), ==, 2);
  at_local ("10:30");
  {
    g_autoptr(YiRoleTapResult) r = tap (f, YI_KIOSK_ROLE_ACTIVITY, "04070809", YI_ROLE_TAP_NO_SESSION);
  }
}

static void
test_vital_chart (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "vital-chart.png", NULL);
  double band[4];
  cairo_surface_t *surface;
  cairo_t *cr;
  const double sys[] = { 128, 135, 150, 142, 131 };
  const double dia[] = { 82, 86, 95, 90, 84 };

  for (guint i = 0; i < G_N_ELEMENTS (sys); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *now = g_strdup_printf ("2026-02-%02uT01:00:00Z", 2 + i * 6);

      g_assert_true (yi_clock_set_now (now, &error));
      id = yi_store_record_vital (f->store, f->zhang, YI_VITAL_BLOOD_PRESSURE, sys[i], dia[i], NULL, &error);
      g_assert_no_error (error);
    }
  series = yi_store_vital_series (f->store, f->zhang, YI_VITAL_BLOOD_PRESSURE, "2025-12-03", "2026-03-02", &error);
  g_assert_cmpuint (series->len, ==, 5);
  yi_vital_normal_range (YI_VITAL_BLOOD_PRESSURE, &band[0], &band[1], &band[2], &band[3]);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 420);
  cr = cairo_create (surface);
  yi_vital_chart_draw (cr, 0, 0, 900, 420, YI_VITAL_BLOOD_PRESSURE, series, "2025-12-03", "2026-03-02", band, 18);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (dark_pixels (png), >, 500);
  g_test_message ("chart: %s", png);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/kitchen/order-rules", Fixture, NULL, setup, test_order_rules, teardown);
  g_test_add ("/kitchen/counts-delivery-cancel", Fixture, NULL, setup, test_counts_delivery_cancel, teardown);
  g_test_add ("/kitchen/menus-cutoffs", Fixture, NULL, setup, test_menus_cutoffs, teardown);
  g_test_add ("/kitchen/sheet", Fixture, NULL, setup, test_sheet, teardown);
  g_test_add ("/programme/sessions-attendance", Fixture, NULL, setup, test_programme, teardown);
  g_test_add ("/role-taps/dining-activity", Fixture, NULL, setup, test_role_taps, teardown);
  g_test_add ("/health/trend-chart", Fixture, NULL, setup, test_vital_chart, teardown);
  return g_test_run ();
}
