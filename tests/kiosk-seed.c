#include "config.h"

#include "kiosk-seed.h"
#include "yi-activities.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-meals.h"
#include "yi-test-staff.h"

static char *
put (YiStore    *store,
     const char *table,
     JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  char *id = yi_uuid_v7_new ();

  yi_store_put_entity (store, table, id, fields, &error);
  g_assert_no_error (error);
  json_object_unref (fields);
  return id;
}

static char *
elder (YiStore    *store,
       const char *name,
       const char *id_number,
       gboolean    delivery)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) f = json_object_new ();
  char *id;

  json_object_set_string_member (f, "name", name);
  json_object_set_string_member (f, "id_number", id_number);
  json_object_set_boolean_member (f, "delivery_allowed", delivery);
  json_object_set_string_member (f, "phone", "13800001234");
  id = yi_store_save_elder (store, NULL, f, &error);
  g_assert_no_error (error);
  return id;
}

static char *
activity (YiStore    *store,
          const char *title_zh,
          const char *title_en,
          const char *room,
          const char *starts_at,
          int         capacity,
          const char *on_date)
{
  JsonObject *f = json_object_new ();

  json_object_set_string_member (f, "title_zh", title_zh);
  json_object_set_string_member (f, "title_en", title_en);
  json_object_set_string_member (f, "room", room);
  json_object_set_string_member (f, "starts_at", starts_at);
  json_object_set_int_member (f, "capacity", capacity);
  json_object_set_int_member (f, "duration_min", 60);
  if (on_date != NULL)
    json_object_set_string_member (f, "on_date", on_date);
  else
    json_object_set_int_member (f, "weekday", 1);
  return put (store, "activities", f);
}

static void
signup (YiStore    *store,
        const char *activity_id,
        const char *elder_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (f, "activity_id", activity_id);
  json_object_set_string_member (f, "session_date", KIOSK_SEED_DATE);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "channel", "staff");
  id = yi_store_append_event (store, "activity_signups", f, &error);
  g_assert_no_error (error);
}

static void
service (YiStore    *store,
         const char *code,
         const char *zh,
         const char *en,
         const char *category,
         int         price_fen,
         const char *unit)
{
  JsonObject *f = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (f, "code", code);
  json_object_set_string_member (f, "name_zh", zh);
  json_object_set_string_member (f, "name_en", en);
  json_object_set_string_member (f, "category", category);
  json_object_set_int_member (f, "price_fen", price_fen);
  json_object_set_string_member (f, "unit", unit);
  id = put (store, "service_types", f);
}

static void
on_duty (YiStore    *store,
         const char *staff_id,
         const char *duty)
{
  JsonObject *f = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (f, "on_date", KIOSK_SEED_DATE);
  json_object_set_string_member (f, "staff_id", staff_id);
  json_object_set_string_member (f, "duty", duty);
  id = put (store, "duty_roster", f);
}

void
kiosk_seed (YiStore   *store,
            KioskSeed *seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *centre = NULL;
  g_autofree char *menu = NULL;
  g_autofree char *card = NULL;
  g_autofree char *other = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *old_notice = NULL;
  g_autofree char *helper = NULL;
  g_autofree char *category = NULL;
  JsonObject *f;

  f = json_object_new ();
  json_object_set_string_member (f, "name", "幸福里日间照料中心");
  json_object_set_string_member (f, "lunch_cutoff", "09:30");
  centre = put (store, "centre", f);

  seed->zhang_id = elder (store, "张桂英", "11010519491231002X", TRUE);
  seed->li_id = elder (store, "李建国", "110105194603020010", FALSE);
  seed->wang_id = elder (store, "王秀兰", "11010519500505002X", FALSE);
  g_assert_true (yi_store_set_elder_status (store, seed->wang_id, "moved", "2026-02-01", "moved to her daughter", &error));
  g_assert_no_error (error);

  /* private facts that must never reach an elder-facing screen */
  category = yi_store_add_elder_category (store, seed->zhang_id, "dibao", "低保证", "DB-2024-0815",
                                          "2024-01-01", NULL, &error);
  g_assert_no_error (error);

  card = yi_store_issue_card (store, "11223344", seed->zhang_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (yi_store_revoke_card (store, "11223344", "lost", &error));
  g_clear_pointer (&card, g_free);
  card = yi_store_issue_card (store, "04A1B2C3", seed->zhang_id, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&card, g_free);
  card = yi_store_issue_card (store, "04D4E5F6", seed->li_id, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&card, g_free);
  card = yi_store_issue_card (store, "0A0B0C0D", seed->wang_id, NULL, &error);
  g_assert_no_error (error);

  menu = yi_store_save_menu (store, KIOSK_SEED_DATE, "lunch", "红烧鱼、番茄炒蛋、清炒菠菜、米饭、紫菜汤",
                             "Braised fish, tomato and egg, spinach, rice, seaweed soup", 1000, 200, &error);
  g_assert_no_error (error);

  seed->taichi_id = activity (store, "太极拳", "Tai chi", "活动室", "10:00", 20, NULL);
  seed->calligraphy_id = activity (store, "书法班", "Calligraphy", "书画室", "14:30", 1, NULL);
  seed->lecture_id = activity (store, "养生讲座：冬春季防跌倒", "Health talk: avoiding falls",
                               "多功能厅", "15:00", 40, KIOSK_SEED_DATE);
  /* held on Tuesdays only: must not show on a Monday */
  other = activity (store, "合唱团", "Choir", "活动室", "09:30", 30, "2026-03-03");
  signup (store, seed->taichi_id, seed->wang_id);
  signup (store, seed->taichi_id, seed->li_id);
  signup (store, seed->calligraphy_id, seed->li_id);

  service (store, "haircut", "理发", "Haircut", "care", 1000, "time");
  service (store, "bath", "助浴", "Bathing help", "bath", 3000, "time");
  service (store, "massage", "按摩", "Massage", "care", 4000, "hour");
  service (store, "footcare", "修脚", "Foot care", "care", 1500, "time");
  service (store, "clean", "助洁", "Home cleaning", "clean", 2500, "hour");
  service (store, "bp", "测血压", "Blood pressure check", "health", 0, "time");

  seed->staff_id = yi_test_add_staff (store, "王芳", "staff", "2468");
  g_assert_no_error (error);
  helper = yi_test_add_staff (store, "陈晓明", "health", "1357");
  g_assert_no_error (error);
  on_duty (store, seed->staff_id, "值班");
  on_duty (store, helper, "健康助理员");
  g_clear_pointer (&card, g_free);
  card = yi_store_issue_card (store, "5A5A5A5A", NULL, seed->staff_id, &error);
  g_assert_no_error (error);

  f = json_object_new ();
  json_object_set_string_member (f, "text_zh", "3月5日（周四）上午社区医院来中心义诊，请带上医保卡。");
  json_object_set_string_member (f, "text_en", "Thursday 5 March, morning: free check-ups by the community hospital. Bring your medical insurance card.");
  json_object_set_string_member (f, "shown_from", "2026-02-25");
  json_object_set_string_member (f, "shown_to", "2026-03-05");
  notice = put (store, "notices", f);
  f = json_object_new ();
  json_object_set_string_member (f, "text_zh", "春节放假通知");
  json_object_set_string_member (f, "shown_from", "2026-02-10");
  json_object_set_string_member (f, "shown_to", "2026-02-20");
  old_notice = put (store, "notices", f);
}

void
kiosk_seed_clear (KioskSeed *seed)
{
  g_free (seed->zhang_id);
  g_free (seed->li_id);
  g_free (seed->wang_id);
  g_free (seed->taichi_id);
  g_free (seed->calligraphy_id);
  g_free (seed->lecture_id);
  g_free (seed->staff_id);
}
