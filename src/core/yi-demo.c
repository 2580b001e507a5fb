#include "config.h"

#include "yi-demo-private.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-pin.h"
#include "yi-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Ids come from the seeded generator and the record's own time, so that
 * the same seed gives the same centre, ids included. */
char *
yi_demo_id (Demo   *demo,
            gint64  at_us)
{
  guint8 rand[10];

  for (guint i = 0; i < sizeof rand; i++)
    rand[i] = (guint8) g_rand_int_range (demo->rand, 0, 256);
  return yi_uuid_v7_format ((guint64) (at_us / 1000), rand);
}

gint64
yi_demo_local_us (Demo       *demo,
                  const char *date,
                  int         minute_of_day,
                  int         second)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  yi_date_parse (date, &y, &m, &d);
  dt = g_date_time_new (demo->tz, y, m, d, minute_of_day / 60, minute_of_day % 60, second);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

gboolean
yi_demo_put (Demo        *demo,
             const char  *table,
             const char  *id,
             JsonObject  *fields,
             GError     **error)
{
  return yi_store_put_entity (demo->store, table, id, fields, error);
}

/* Appends an event that happened at @at_us; events later than now (the rest
 * of today) have not happened yet and are left out, with TRUE and no id. */
gboolean
yi_demo_event (Demo        *demo,
               const char  *table,
               JsonObject  *fields,
               gint64       at_us,
               const char  *staff_id,
               char       **id,
               GError     **error)
{
  g_autofree char *event_id = NULL;
  g_autofree char *at = NULL;
  g_autofree char *written = NULL;

  if (id)
    *id = NULL;
  if (at_us > demo->now_us)
    return TRUE;
  event_id = yi_demo_id (demo, at_us);
  at = yi_clock_format_utc (at_us);
  json_object_set_string_member (fields, "id", event_id);
  json_object_set_string_member (fields, "at", at);
  if (staff_id)
    json_object_set_string_member (fields, "staff_id", staff_id);
  else
    json_object_set_null_member (fields, "staff_id");
  yi_store_set_actor (demo->store, staff_id);
  written = yi_store_append_event (demo->store, table, fields, error);
  if (written == NULL)
    return FALSE;
  if (id)
    *id = g_steal_pointer (&written);
  return TRUE;
}

int
yi_demo_int (Demo *demo,
             int   low,
             int   high_inclusive)
{
  return g_rand_int_range (demo->rand, low, high_inclusive + 1);
}

gboolean
yi_demo_chance (Demo   *demo,
                double  p)
{
  return g_rand_double (demo->rand) < p;
}

const char *
yi_demo_pick (Demo              *demo,
              const char *const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (demo->rand, 0, n)];
}

const char *
yi_demo_staff_of_role (Demo       *demo,
                       const char *role)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < demo->staff->len; i++)
    {
      DemoStaff *s = demo->staff->pdata[i];

      if (strcmp (s->role, role) == 0)
        g_ptr_array_add (found, s->id);
    }
  if (found->len == 0)
    return ((DemoStaff *) demo->staff->pdata[0])->id;
  return found->pdata[g_rand_int_range (demo->rand, 0, found->len)];
}

static JsonObject *
fields_new (void)
{
  return json_object_new ();
}

static gboolean
add_centre (Demo    *demo,
            GError **error)
{
  g_autoptr(JsonObject) f = fields_new ();
  g_autofree char *id = yi_demo_id (demo, demo->setup_us);

  json_object_set_string_member (f, "name", "幸福里社区日间照料中心");
  json_object_set_string_member (f, "district", "历下区");
  json_object_set_string_member (f, "address", "济南市历下区和平路街道幸福里小区8号楼");
  json_object_set_string_member (f, "phone", "053186123456");
  json_object_set_string_member (f, "timezone", "Asia/Shanghai");
  return yi_demo_put (demo, "centre", id, f, error);
}

static void
staff_free (DemoStaff *s)
{
  g_free (s->id);
  g_free (s);
}

static gboolean
add_staff (Demo    *demo,
           guint    n_elders,
           GError **error)
{
  /* The first two are the demo logins documented in the README. */
  static const struct { const char *name; const char *role; const char *pin; } people[] = {
    { "王芳", "admin", "1234" },
    { "李师傅", "kitchen", "5678" },
    { "张丽", "staff", NULL },
    { "陈静", "health", NULL },
    { "赵志强", "volunteer", NULL },
    { "刘敏", "staff", NULL },
    { "孙红梅", "staff", NULL },
    { "周师傅", "kitchen", NULL },
    { "吴秀云", "health", NULL },
    { "郑凯", "staff", NULL },
    { "马晓燕", "staff", NULL },
  };
  guint n = CLAMP (n_elders / 70, 5, G_N_ELEMENTS (people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) f = fields_new ();
      DemoStaff *s = g_new0 (DemoStaff, 1);
      g_autofree char *phone = yi_demo_phone (demo);

      s->id = yi_demo_id (demo, demo->setup_us);
      s->name = people[i].name;
      s->role = people[i].role;
      g_ptr_array_add (demo->staff, s);
      json_object_set_string_member (f, "name", s->name);
      json_object_set_string_member (f, "role", s->role);
      json_object_set_string_member (f, "phone", phone);
      if (people[i].pin)
        {
          g_autofree char *hash = yi_pin_hash (people[i].pin, error);

          if (hash == NULL)
            return FALSE;
          json_object_set_string_member (f, "pin_hash", hash);
        }
      if (!yi_demo_put (demo, "staff", s->id, f, error))
        return FALSE;
    }
  return TRUE;
}

static void
service_free (DemoService *s)
{
  g_free (s->id);
  g_free (s);
}

static gboolean
add_services (Demo    *demo,
              GError **error)
{
  static const struct {
    const char *code, *zh, *en, *category;
    int price_fen;
    gboolean hourly, at_home;
    int weight;
  } catalogue[] = {
    { "meal_help", "助餐", "Meal help", "meal", 1000, FALSE, TRUE, 2 },
    { "cleaning", "助洁", "Home cleaning", "clean", 4000, TRUE, TRUE, 6 },
    { "bathing", "助浴", "Bathing help", "bath", 5000, FALSE, TRUE, 4 },
    { "medical_escort", "助医", "Escort to the doctor", "medical", 3000, FALSE, TRUE, 3 },
    { "walking", "助行", "Walking help", "walk", 2000, TRUE, TRUE, 2 },
    { "emergency", "助急", "Emergency help", "emergency", 0, FALSE, TRUE, 1 },
    { "haircut", "理发", "Haircut", "care", 1000, FALSE, FALSE, 8 },
    { "foot_care", "足疗", "Foot care", "care", 3000, FALSE, FALSE, 5 },
    { "massage", "按摩", "Massage", "care", 3000, FALSE, FALSE, 6 },
    { "rehab", "康复", "Rehabilitation", "health", 4000, TRUE, FALSE, 4 },
    { "health_check", "健康检查", "Health check", "health", 0, FALSE, FALSE, 5 },
    { "counselling", "精神慰藉", "Counselling", "care", 0, FALSE, FALSE, 4 },
    { "legal_advice", "法律咨询", "Legal advice", "other", 0, FALSE, FALSE, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      g_autoptr(JsonObject) f = fields_new ();
      DemoService *s = g_new0 (DemoService, 1);

      s->id = yi_demo_id (demo, demo->setup_us);
      s->code = catalogue[i].code;
      s->name = catalogue[i].zh;
      s->price_fen = catalogue[i].price_fen;
      s->hourly = catalogue[i].hourly;
      s->at_home = catalogue[i].at_home;
      s->weight = catalogue[i].weight;
      g_ptr_array_add (demo->services, s);
      json_object_set_string_member (f, "code", s->code);
      json_object_set_string_member (f, "name_zh", catalogue[i].zh);
      json_object_set_string_member (f, "name_en", catalogue[i].en);
      json_object_set_string_member (f, "category", catalogue[i].category);
      json_object_set_int_member (f, "price_fen", s->price_fen);
      json_object_set_string_member (f, "unit", s->hourly ? "hour" : "time");
      json_object_set_int_member (f, "subsidy_eligible", strcmp (s->code, "legal_advice") != 0);
      if (!yi_demo_put (demo, "service_types", s->id, f, error))
        return FALSE;
    }
  return TRUE;
}

static void
activity_free (DemoActivity *a)
{
  g_free (a->id);
  g_free (a->on_date);
  g_free (a);
}

/* Festivals by their Gregorian dates (the lunar ones move each year). */
static const struct { const char *date; const char *title; } festival_dates[] = {
  { "2024-02-09", "春节联欢会" }, { "2024-02-24", "元宵节猜灯谜" }, { "2024-06-10", "端午节包粽子" },
  { "2024-09-17", "中秋节赏月会" }, { "2024-10-11", "重阳节敬老宴" },
  { "2025-01-28", "春节联欢会" }, { "2025-02-12", "元宵节猜灯谜" }, { "2025-05-31", "端午节包粽子" },
  { "2025-10-06", "中秋节赏月会" }, { "2025-10-29", "重阳节敬老宴" },
  { "2026-02-16", "春节联欢会" }, { "2026-03-03", "元宵节猜灯谜" }, { "2026-06-19", "端午节包粽子" },
  { "2026-09-25", "中秋节赏月会" }, { "2026-10-18", "重阳节敬老宴" },
  { "2027-02-05", "春节联欢会" }, { "2027-02-20", "元宵节猜灯谜" }, { "2027-06-09", "端午节包粽子" },
  { "2027-09-15", "中秋节赏月会" }, { "2027-10-08", "重阳节敬老宴" },
};

static gboolean
put_activity (Demo          *demo,
              DemoActivity  *a,
              const char    *kind,
              const char    *room,
              const char    *leader,
              GError       **error)
{
  g_autoptr(JsonObject) f = fields_new ();
  g_autofree char *starts = g_strdup_printf ("%02d:%02d", a->starts_min / 60, a->starts_min % 60);

  a->id = yi_demo_id (demo, demo->setup_us);
  g_ptr_array_add (demo->activities, a);
  json_object_set_string_member (f, "title_zh", a->title);
  json_object_set_string_member (f, "kind", kind);
  json_object_set_string_member (f, "room", room);
  json_object_set_string_member (f, "leader", leader);
  json_object_set_int_member (f, "capacity", a->capacity);
  if (a->weekday)
    {
      json_object_set_int_member (f, "weekday", a->weekday);
      json_object_set_string_member (f, "valid_from", demo->first_day);
    }
  else
    json_object_set_string_member (f, "on_date", a->on_date);
  json_object_set_string_member (f, "starts_at", starts);
  json_object_set_int_member (f, "duration_min", a->duration_min);
  return yi_demo_put (demo, "activities", a->id, f, error);
}

static gboolean
add_programme (Demo    *demo,
               GError **error)
{
  static const struct {
    const char *title, *kind, *room, *leader, *hobby;
    int weekday, starts_min, duration_min, capacity;
  } weekly[] = {
    { "太极拳", "taichi", "活动室", "张建华教练", "太极", 1, 9 * 60 + 30, 60, 30 },
    { "书法班", "calligraphy", "书画室", "钱老师", "书法", 2, 14 * 60, 90, 15 },
    { "养生讲座", "lecture", "多功能厅", "社区卫生服务中心刘医生", NULL, 3, 14 * 60, 60, 50 },
    { "太极拳", "taichi", "活动室", "张建华教练", "太极", 3, 9 * 60 + 30, 60, 30 },
    { "合唱团", "choir", "多功能厅", "孙老师", "唱歌", 4, 10 * 60, 90, 30 },
    { "棋牌活动", "chess", "棋牌室", "志愿者", "下棋", 2, 9 * 60 + 30, 120, 24 },
    { "棋牌活动", "chess", "棋牌室", "志愿者", "打牌", 4, 14 * 60, 120, 24 },
    { "广场舞", "dance", "活动室", "李红老师", "跳舞", 5, 14 * 60 + 30, 60, 25 },
    { "太极拳", "taichi", "活动室", "张建华教练", "太极", 5, 9 * 60 + 30, 60, 30 },
  };
  g_autofree char *horizon = yi_date_add_days (demo->today, 60);

  for (guint i = 0; i < G_N_ELEMENTS (weekly); i++)
    {
      DemoActivity *a = g_new0 (DemoActivity, 1);

      a->title = weekly[i].title;
      a->weekday = weekly[i].weekday;
      a->starts_min = weekly[i].starts_min;
      a->duration_min = weekly[i].duration_min;
      a->capacity = weekly[i].capacity;
      a->hobby = weekly[i].hobby;
      if (!put_activity (demo, a, weekly[i].kind, weekly[i].room, weekly[i].leader, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (festival_dates); i++)
    {
      DemoActivity *a;

      if (strcmp (festival_dates[i].date, demo->first_day) < 0 || strcmp (festival_dates[i].date, horizon) > 0)
        continue;
      a = g_new0 (DemoActivity, 1);
      a->title = festival_dates[i].title;
      a->on_date = g_strdup (festival_dates[i].date);
      a->starts_min = 10 * 60;
      a->duration_min = 150;
      a->capacity = 200;
      g_hash_table_insert (demo->festivals, (gpointer) festival_dates[i].date, (gpointer) festival_dates[i].title);
      if (!put_activity (demo, a, "festival", "多功能厅", "中心全体工作人员", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_menus (Demo    *demo,
           GError **error)
{
  static const char *const breakfast[] = { "小米粥、鸡蛋、馒头、咸菜", "豆浆、油条、茶叶蛋", "八宝粥、花卷、拌黄瓜",
                                           "鸡蛋羹、南瓜粥、发糕", "豆腐脑、烧饼、煮鸡蛋", NULL };
  static const char *const mains[] = { "红烧肉", "清蒸鲈鱼", "土豆炖牛肉", "宫保鸡丁", "西红柿炒鸡蛋", "红烧带鱼",
                                       "肉末茄子", "糖醋里脊", "白菜炖豆腐", "香菇炖鸡", "鱼香肉丝", "木须肉", NULL };
  static const char *const greens[] = { "清炒油菜", "醋溜白菜", "蒜蓉西兰花", "炒青菜", "凉拌菠菜", "素炒冬瓜", "炒豆芽", NULL };
  static const char *const soups[] = { "紫菜蛋花汤", "冬瓜排骨汤", "西红柿鸡蛋汤", "小米南瓜粥", "萝卜丝汤", "绿豆汤", NULL };
  static const char *const staples[] = { "米饭", "馒头", "米饭", "花卷", NULL };
  static const char *const dinner[] = { "鸡汤面条", "猪肉白菜水饺", "小米粥、炒青菜、馒头", "西红柿鸡蛋面", "馄饨、素包子", NULL };
  g_autofree char *last = yi_date_add_days (demo->today, 7);
  g_autofree char *date = g_strdup (demo->first_day);

  while (strcmp (date, last) <= 0)
    {
      static const char *const meals[] = { "breakfast", "lunch", "dinner" };
      static const int prices[] = { 300, 1000, 800 };
      char *next;

      for (guint m = 0; m < G_N_ELEMENTS (meals); m++)
        {
          g_autoptr(JsonObject) f = fields_new ();
          g_autofree char *id = yi_demo_id (demo, demo->setup_us);
          g_autofree char *dishes = NULL;

          if (m == 0)
            dishes = g_strdup (yi_demo_pick (demo, breakfast));
          else if (m == 1)
            dishes = g_strdup_printf ("%s、%s、%s、%s", yi_demo_pick (demo, mains), yi_demo_pick (demo, greens),
                                      yi_demo_pick (demo, soups), yi_demo_pick (demo, staples));
          else
            dishes = g_strdup (yi_demo_pick (demo, dinner));
          json_object_set_string_member (f, "on_date", date);
          json_object_set_string_member (f, "meal", meals[m]);
          json_object_set_string_member (f, "dishes_zh", dishes);
          json_object_set_int_member (f, "price_fen", prices[m]);
          json_object_set_int_member (f, "delivery_fen", 200);
          if (!yi_demo_put (demo, "menus", id, f, error))
            return FALSE;
        }
      next = yi_date_add_days (date, 1);
      g_free (date);
      date = next;
    }
  return TRUE;
}

static void
volunteer_free (DemoVolunteer *v)
{
  g_free (v->id);
  g_array_unref (v->elders);
  g_free (v);
}

static gboolean
add_volunteers (Demo    *demo,
                GError **error)
{
  static const char *const teams[] = { "党员志愿服务队", "巾帼志愿服务队", "大学生志愿服务队", "低龄老人互助队", NULL };
  static const char *const skills[] = { "陪伴聊天", "理发", "电器维修", "读报", "文艺表演", "代买代办", "手机教学", NULL };
  guint n = MAX (2, (demo->elders->len + 8) / 9);   /* a little over 10% of the elders */
  g_autoptr(GArray) watched = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < demo->elders->len; i++)
    if (((DemoElder *) demo->elders->pdata[i])->watched)
      g_array_append_val (watched, i);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) f = fields_new ();
      DemoVolunteer *v = g_new0 (DemoVolunteer, 1);
      char gender = yi_demo_chance (demo, 0.6) ? 'F' : 'M';
      g_autofree char *name = yi_demo_person_name (demo, gender, NULL);
      g_autofree char *phone = yi_demo_phone (demo);
      g_autofree char *since = yi_date_add_days (demo->first_day, -yi_demo_int (demo, 30, 900));
      guint pairs = watched->len ? yi_demo_int (demo, 0, 2) : 0;

      v->id = yi_demo_id (demo, demo->setup_us);
      v->elders = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (demo->volunteers, v);
      json_object_set_string_member (f, "name", name);
      json_object_set_string_member (f, "phone", phone);
      json_object_set_string_member (f, "team", yi_demo_pick (demo, teams));
      json_object_set_string_member (f, "skills", yi_demo_pick (demo, skills));
      json_object_set_string_member (f, "registered_on", since);
      if (!yi_demo_put (demo, "volunteers", v->id, f, error))
        return FALSE;

      for (guint p = 0; p < pairs; p++)
        {
          g_autoptr(JsonObject) pf = fields_new ();
          g_autofree char *pair_id = yi_demo_id (demo, demo->setup_us);
          guint elder = g_array_index (watched, guint, g_rand_int_range (demo->rand, 0, watched->len));

          g_array_append_val (v->elders, elder);
          json_object_set_string_member (pf, "volunteer_id", v->id);
          json_object_set_string_member (pf, "elder_id", ((DemoElder *) demo->elders->pdata[elder])->id);
          json_object_set_string_member (pf, "since", since);
          if (!yi_demo_put (demo, "volunteer_pairs", pair_id, pf, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_notices (Demo    *demo,
             GError **error)
{
  static const struct { int from, to; const char *text; } notices[] = {
    { -80, -50, "本周四上午社区卫生服务中心来站免费量血压、测血糖，请带好医保卡。" },
    { -45, -15, "防范电信诈骗讲座：凡是让您转账的“公检法”电话都是骗子！" },
    { -20, 10, "天气转凉，请老人们注意添衣保暖，雨雪天出行注意防滑。" },
    { -7, 20, "重阳节敬老宴开始报名，请到前台或在刷卡机上报名。" },
    { -3, 30, "本月集体生日会定于月底周五下午举行，欢迎当月过生日的老人参加。" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_autoptr(JsonObject) f = fields_new ();
      g_autofree char *id = yi_demo_id (demo, demo->setup_us);
      g_autofree char *from = yi_date_add_days (demo->today, notices[i].from);
      g_autofree char *to = yi_date_add_days (demo->today, notices[i].to);

      json_object_set_string_member (f, "text_zh", notices[i].text);
      json_object_set_string_member (f, "shown_from", from);
      json_object_set_string_member (f, "shown_to", to);
      if (!yi_demo_put (demo, "notices", id, f, error))
        return FALSE;
    }
  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->today, g_free);
  g_clear_pointer (&demo->first_day, g_free);
  g_clear_pointer (&demo->elders, g_ptr_array_unref);
  g_clear_pointer (&demo->staff, g_ptr_array_unref);
  g_clear_pointer (&demo->services, g_ptr_array_unref);
  g_clear_pointer (&demo->activities, g_ptr_array_unref);
  g_clear_pointer (&demo->volunteers, g_ptr_array_unref);
  g_clear_pointer (&demo->festivals, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static gboolean
add_registry (Demo    *demo,
              guint    n_elders,
              GError **error)
{
  if (!yi_store_begin (demo->store, error))
    return FALSE;
  if (!add_centre (demo, error) ||
      !add_staff (demo, n_elders, error) ||
      !add_services (demo, error) ||
      !add_programme (demo, error) ||
      !add_menus (demo, error) ||
      !yi_demo_add_elders (demo, n_elders, error) ||
      !add_volunteers (demo, error) ||
      !add_notices (demo, error))
    {
      yi_store_rollback (demo->store);
      return FALSE;
    }
  return yi_store_commit (demo->store, error);
}

static gboolean
generate (Demo     *demo,
          guint     n_elders,
          guint     days,
          GError  **error)
{
  g_autofree char *date = NULL;
  gboolean ok = TRUE;

  if (!add_registry (demo, n_elders, error))
    return FALSE;

  date = g_strdup (demo->first_day);
  for (guint d = 0; d < days && ok; d++)
    {
      char *next;

      if (!yi_store_begin (demo->store, error))
        return FALSE;
      ok = yi_demo_add_day (demo, date, error);
      if (ok)
        ok = yi_store_commit (demo->store, error);
      else
        yi_store_rollback (demo->store);
      if (demo->progress)
        demo->progress (_("Recording past days"), d + 1, days, demo->user_data);
      next = yi_date_add_days (date, 1);
      g_free (date);
      date = next;
    }
  return ok;
}

gboolean
yi_demo_generate (YiStore             *store,
                  guint                n_elders,
                  guint                days,
                  guint32              seed,
                  YiDemoProgressFunc   progress,
                  gpointer             user_data,
                  GError             **error)
{
  g_auto(Demo) demo = { NULL, };
  g_autofree char *saved_actor = g_strdup (yi_store_get_actor (store));
  gint64 existing = yi_store_count (store, "SELECT count(*) FROM elders", NULL);
  gboolean ok;

  if (existing != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                   _("This database already holds %d elders. Demo data goes into a new, empty database (choose one with --db)."),
                   (int) existing);
      return FALSE;
    }
  if (n_elders < 1 || n_elders > 100000 || days > 3660)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Ask for 1 to 100,000 elders and at most 3,660 days"));
      return FALSE;
    }

  demo.store = store;
  demo.rand = g_rand_new_with_seed (seed);
  demo.progress = progress;
  demo.user_data = user_data;
  demo.now_us = yi_clock_now_us ();
  demo.tz = yi_store_get_timezone (store);
  demo.today = yi_store_today (store);
  demo.first_day = yi_date_add_days (demo.today, -(int) MAX (days, 1) + 1);
  /* The registry is entered the evening before the first day shown. */
  {
    g_autofree char *eve = yi_date_add_days (demo.first_day, -1);
    demo.setup_us = MIN (yi_demo_local_us (&demo, eve, 18 * 60, 0), demo.now_us);
  }
  demo.elders = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_demo_elder_free);
  demo.staff = g_ptr_array_new_with_free_func ((GDestroyNotify) staff_free);
  demo.services = g_ptr_array_new_with_free_func ((GDestroyNotify) service_free);
  demo.activities = g_ptr_array_new_with_free_func ((GDestroyNotify) activity_free);
  demo.volunteers = g_ptr_array_new_with_free_func ((GDestroyNotify) volunteer_free);
  demo.festivals = g_hash_table_new (g_str_hash, g_str_equal);

  /* Made-up history need not wait for the disk at every day's commit: with
   * WAL and synchronous=NORMAL a power cut can lose the last days made, never
   * the database.  The store's own setting is back before anything real is
   * written. */
  if (!yi_store_exec (store, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  ok = generate (&demo, n_elders, days, error);
  if (!yi_store_exec (store, "PRAGMA synchronous = FULL", ok ? error : NULL))
    ok = FALSE;
  yi_store_set_actor (store, saved_actor);
  return ok;
}
