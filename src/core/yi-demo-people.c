#include "config.h"

#include "yi-demo-private.h"
#include "yi-clock.h"
#include "yi-idcard.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

/* The most common surnames, roughly in order of frequency. */
static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
  "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
  "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", NULL
};

/* Given names as people born 1925–1965 were named. */
static const char *const female_names[] = {
  "桂英", "秀英", "玉兰", "淑珍", "凤英", "秀兰", "桂兰", "玉珍", "素珍", "淑英", "丽华", "秀珍", "桂芳",
  "玉梅", "翠花", "秀芳", "淑华", "美兰", "桂珍", "金凤", "兰英", "秀梅", "玉芬", "淑兰", "凤兰", "秀云",
  "桂香", "玉英", "月英", "素芳", "春兰", "爱华", "红英", "凤芝", "淑芬", "敏", "芳", "英", "兰", "珍", NULL
};
static const char *const male_names[] = {
  "建国", "国华", "德明", "志强", "建华", "振华", "国强", "文华", "德胜", "明山", "永福", "长林", "树林",
  "福生", "宝山", "玉林", "志明", "国庆", "建军", "卫国", "和平", "金山", "立新", "广才", "德全", "春生",
  "保国", "洪亮", "学军", "新民", "云龙", "富贵", "庆丰", "长江", "伟", "勇", "军", "杰", "刚", "斌", NULL
};

/* Where elders were born: most in the city, some from the province and beyond. */
static const char *const regions[] = {
  "370102", "370102", "370102", "370103", "370104", "370105", "370112", "370124", "370828", "371302", "410105", NULL
};

static const struct { const char *name; const char *residence; } streets[] = {
  { "和平路", "济南市历下区和平路街道" },
  { "文化东路", "济南市历下区文东街道" },
  { "花园路", "济南市历城区洪家楼街道" },
  { "历山路", "济南市历下区甸柳街道" },
  { "山大路", "济南市历下区姚家街道" },
};

char *
yi_demo_person_name (Demo       *demo,
                     char        gender,
                     const char *surname)
{
  if (surname == NULL)
    {
      /* Weighted toward the front of the list, as real surnames are. */
      guint n = g_strv_length ((char **) surnames);
      double r = g_rand_double (demo->rand);
      surname = surnames[(guint) (r * r * n)];
    }
  return g_strconcat (surname, yi_demo_pick (demo, gender == 'F' ? female_names : male_names), NULL);
}

char *
yi_demo_phone (Demo *demo)
{
  static const char *const prefixes[] = { "130", "131", "133", "135", "137", "138", "139", "150", "152", "155", "158", "186", "189", NULL };

  return g_strdup_printf ("%s%08d", yi_demo_pick (demo, prefixes), yi_demo_int (demo, 0, 99999999));
}

void
yi_demo_elder_free (DemoElder *e)
{
  g_free (e->id);
  g_free (e->name);
  g_free (e->birth_date);
  g_free (e->card_uid);
  g_free (e->diet);
  g_free (e->living);
  g_free (e->mobility);
  g_free (e->hobbies);
  g_free (e);
}

/* Age bands of the registry (the district's figures) and the share of women
 * in each, which grows with age. */
static int
pick_age (Demo  *demo,
          char  *gender)
{
  static const struct { int low, high; double share, women; } bands[] = {
    { 60, 64, 0.28, 0.51 }, { 65, 69, 0.25, 0.52 }, { 70, 79, 0.34, 0.55 },
    { 80, 89, 0.115, 0.60 }, { 90, 99, 0.011, 0.68 }, { 100, 104, 0.0002, 0.80 },
  };
  double r = g_rand_double (demo->rand) * 0.9962;
  guint i = 0;

  while (i + 1 < G_N_ELEMENTS (bands) && r >= bands[i].share)
    r -= bands[i++].share;
  *gender = yi_demo_chance (demo, bands[i].women) ? 'F' : 'M';
  return yi_demo_int (demo, bands[i].low, bands[i].high);
}

static char *
make_id_number (Demo        *demo,
                const char  *birth_date,
                char         gender,
                GHashTable  *taken)
{
  for (;;)
    {
      char first17[18];
      int seq = yi_demo_int (demo, 0, 499) * 2 + (gender == 'M' ? 1 : 0);
      char *number;

      g_snprintf (first17, sizeof first17, "%s%.4s%.2s%.2s%03d", yi_demo_pick (demo, regions),
                  birth_date, birth_date + 5, birth_date + 8, seq);
      number = g_strdup_printf ("%s%c", first17, yi_idcard_check_digit (first17));
      if (g_hash_table_add (taken, number))
        return g_strdup (number);
    }
}

static gboolean
add_category (Demo        *demo,
              DemoElder   *e,
              const char  *category,
              const char  *grade,
              const char  *evidence_type,
              const char  *evidence_number,
              const char  *valid_from,
              const char  *valid_to,
              GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = yi_demo_id (demo, demo->setup_us);

  json_object_set_string_member (f, "elder_id", e->id);
  json_object_set_string_member (f, "category", category);
  if (grade)
    json_object_set_string_member (f, "grade", grade);
  json_object_set_string_member (f, "evidence_type", evidence_type);
  if (evidence_number)
    json_object_set_string_member (f, "evidence_number", evidence_number);
  json_object_set_string_member (f, "valid_from", valid_from);
  if (valid_to)
    json_object_set_string_member (f, "valid_to", valid_to);
  return yi_demo_put (demo, "elder_categories", id, f, error);
}

static gboolean
add_categories (Demo       *demo,
                DemoElder  *e,
                gboolean    disabled,
                gboolean    semi_disabled,
                gboolean    dementia,
                GError    **error)
{
  g_autofree char *since = yi_date_add_days (demo->first_day, -yi_demo_int (demo, 30, 2000));
  int year = 0;
  g_autofree char *year_end = NULL;
  g_autofree char *number = g_strdup_printf ("%06d", yi_demo_int (demo, 0, 999999));

  yi_date_parse (demo->today, &year, NULL, NULL);
  year_end = g_strdup_printf ("%04d-12-31", year);

  if (e->age >= 80)
    {
      g_autofree char *eightieth = g_strdup_printf ("%04d%s", atoi (e->birth_date) + 80, e->birth_date + 4);

      if (!yi_date_is_valid (eightieth))   /* born on 29 February */
        eightieth[9] = '8';
      if (!add_category (demo, e, "advanced_age", NULL, "身份证", NULL, eightieth, NULL, error))
        return FALSE;
    }
  if (e->age >= 100 &&
      !add_category (demo, e, "centenarian", NULL, "身份证", NULL, since, NULL, error))
    return FALSE;
  if (g_strcmp0 (e->living, "alone") == 0 &&
      !add_category (demo, e, "alone", NULL, "社区核实", NULL, since, NULL, error))
    return FALSE;
  if (g_strcmp0 (e->living, "empty_nest") == 0 &&
      !add_category (demo, e, "empty_nest", NULL, "社区核实", NULL, since, NULL, error))
    return FALSE;
  if (yi_demo_chance (demo, 0.05))
    {
      g_autofree char *cert = g_strdup_printf ("济民低字%s", number);
      if (!add_category (demo, e, "dibao", NULL, "低保证", cert, since, year_end, error))
        return FALSE;
    }
  else if (yi_demo_chance (demo, 0.02) &&
           !add_category (demo, e, "dibao_edge", NULL, "低保边缘证明", NULL, since, year_end, error))
    return FALSE;
  if (yi_demo_chance (demo, 0.005) &&
      !add_category (demo, e, "wubao", NULL, "特困人员供养证", number, since, NULL, error))
    return FALSE;
  if (disabled &&
      !add_category (demo, e, "disabled", NULL, "能力评估报告", NULL, since, NULL, error))
    return FALSE;
  if (semi_disabled &&
      !add_category (demo, e, "semi_disabled", NULL, "能力评估报告", NULL, since, NULL, error))
    return FALSE;
  if (dementia &&
      !add_category (demo, e, "dementia", NULL, "医院诊断证明", NULL, since, NULL, error))
    return FALSE;
  if (yi_demo_chance (demo, 0.03))
    {
      g_autofree char *grade = g_strdup_printf ("%d", yi_demo_int (demo, 1, 4));
      g_autofree char *cert = g_strdup_printf ("3701%014d", yi_demo_int (demo, 0, 99999999));
      if (!add_category (demo, e, "disability", grade, "残疾人证", cert, since, NULL, error))
        return FALSE;
    }
  if (e->age >= 75 && yi_demo_chance (demo, 0.03) &&
      !add_category (demo, e, "veteran", NULL, "优抚证", number, since, NULL, error))
    return FALSE;
  if (yi_demo_chance (demo, 0.01) &&
      !add_category (demo, e, "widowed", NULL, "社区核实", NULL, since, NULL, error))
    return FALSE;
  if (yi_demo_chance (demo, 0.005) &&
      !add_category (demo, e, "family_planning_special", NULL, "计生部门证明", NULL, since, NULL, error))
    return FALSE;
  return TRUE;
}

static gboolean
add_contacts (Demo       *demo,
              DemoElder  *e,
              GError    **error)
{
  guint n = g_strcmp0 (e->living, "alone") == 0 ? 1 : yi_demo_int (demo, 1, 2);
  g_autofree char *surname = g_utf8_substring (e->name, 0, 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) f = json_object_new ();
      g_autofree char *id = yi_demo_id (demo, demo->setup_us);
      gboolean son = yi_demo_chance (demo, 0.5);
      g_autofree char *name = yi_demo_person_name (demo, son ? 'M' : 'F', son ? surname : NULL);
      g_autofree char *phone = yi_demo_phone (demo);

      json_object_set_string_member (f, "elder_id", e->id);
      json_object_set_string_member (f, "name", name);
      json_object_set_string_member (f, "relation", son ? "儿子" : (yi_demo_chance (demo, 0.8) ? "女儿" : "儿媳"));
      json_object_set_string_member (f, "phone", phone);
      json_object_set_int_member (f, "priority", i + 1);
      if (!yi_demo_put (demo, "elder_contacts", id, f, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_assessment (Demo        *demo,
                DemoElder   *e,
                const char  *level,
                GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = yi_demo_id (demo, demo->setup_us);
  g_autofree char *on = yi_date_add_days (demo->first_day, -yi_demo_int (demo, 10, 300));
  g_autofree char *review = yi_date_add_days (on, 365);

  json_object_set_string_member (f, "elder_id", e->id);
  json_object_set_string_member (f, "assessed_on", on);
  json_object_set_string_member (f, "assessor", "周明");
  json_object_set_string_member (f, "organisation", "历下区养老服务评估中心");
  json_object_set_string_member (f, "level", level);
  json_object_set_string_member (f, "approved_items", "[\"cleaning\",\"bathing\",\"meal_help\"]");
  json_object_set_double_member (f, "monthly_hours", strcmp (level, "severe") == 0 ? 30 : 15);
  json_object_set_string_member (f, "next_review", review);
  return yi_demo_put (demo, "elder_assessments", id, f, error);
}

static char *
new_card_uid (Demo       *demo,
              GHashTable *taken)
{
  for (;;)
    {
      /* 7-byte UIDs of NXP cards start with the manufacturer byte 04. */
      char *uid = g_strdup_printf ("04%06X%06X", yi_demo_int (demo, 0, 0xFFFFFF), yi_demo_int (demo, 0, 0xFFFFFF));

      if (g_hash_table_add (taken, uid))
        return g_strdup (uid);
    }
}

static gboolean
add_elder (Demo        *demo,
           GHashTable  *ids_taken,
           GHashTable  *uids_taken,
           GError     **error)
{
  static const char *const hobbies[] = { "太极", "书法", "唱歌", "下棋", "打牌", "跳舞", "听戏", "养花", "读报", NULL };
  static const char *const allergies[] = { "青霉素", "海鲜", "花生", "磺胺类药物", NULL };
  DemoElder *e = g_new0 (DemoElder, 1);
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id_number = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *card_id = NULL;
  g_autoptr(JsonObject) card = json_object_new ();
  g_autofree char *issued = yi_clock_format_utc (demo->setup_us);
  guint street = yi_demo_int (demo, 0, G_N_ELEMENTS (streets) - 1);
  double r;
  gboolean disabled, semi_disabled, dementia;
  int age_years;

  g_ptr_array_add (demo->elders, e);
  e->id = yi_demo_id (demo, demo->setup_us);
  e->active = TRUE;
  age_years = pick_age (demo, &e->gender);
  e->birth_date = yi_date_add_days (demo->today, -(age_years * 365 + age_years / 4 + yi_demo_int (demo, 0, 364)));
  e->age = yi_age_on (e->birth_date, demo->today);
  e->name = yi_demo_person_name (demo, e->gender, NULL);
  id_number = make_id_number (demo, e->birth_date, e->gender, ids_taken);

  r = g_rand_double (demo->rand);
  e->living = g_strdup (r < 0.12 ? "alone" : r < 0.37 ? "empty_nest" : r < 0.72 ? "with_spouse" :
                        r < 0.75 ? "with_disabled_child" : "with_family");
  disabled = yi_demo_chance (demo, e->age >= 80 ? 0.08 : 0.015);
  semi_disabled = !disabled && yi_demo_chance (demo, e->age >= 80 ? 0.12 : 0.03);
  dementia = yi_demo_chance (demo, e->age >= 80 ? 0.05 : 0.005);
  e->mobility = g_strdup (disabled ? (yi_demo_chance (demo, 0.6) ? "bedridden" : "wheelchair") :
                          semi_disabled ? "aided" : "independent");
  e->can_confirm = !dementia && strcmp (e->mobility, "bedridden") != 0;
  e->delivery = disabled || semi_disabled || e->age >= 90 || (e->age >= 80 && yi_demo_chance (demo, 0.3));
  r = g_rand_double (demo->rand);
  e->diet = g_strdup (r < 0.70 ? "normal" : r < 0.85 ? "low_salt" : r < 0.95 ? "diabetic" : "soft");
  if (strcmp (e->mobility, "bedridden") == 0)
    {
      g_free (e->diet);
      e->diet = g_strdup ("soft");
    }
  e->hobbies = g_strdup_printf ("%s、%s", yi_demo_pick (demo, hobbies), yi_demo_pick (demo, hobbies));
  e->watched = strcmp (e->living, "alone") == 0 || strcmp (e->living, "empty_nest") == 0 || e->age >= 80;
  /* About a quarter come on set days; the others drop in now and then. */
  e->regular = strcmp (e->mobility, "independent") == 0 && yi_demo_chance (demo, 0.27);
  if (e->regular)
    {
      guint days = yi_demo_int (demo, 2, 5);
      while ((guint) __builtin_popcount (e->expected_weekdays) < days)
        e->expected_weekdays |= 1 << yi_demo_int (demo, 0, 4);
    }

  phone = e->age >= 85 && yi_demo_chance (demo, 0.4)
          ? g_strdup_printf ("05318%07d", yi_demo_int (demo, 0, 9999999))
          : yi_demo_phone (demo);
  address = g_strdup_printf ("%s%d号%d单元%d0%d室", streets[street].name, yi_demo_int (demo, 1, 120),
                             yi_demo_int (demo, 1, 4), yi_demo_int (demo, 1, 7), yi_demo_int (demo, 1, 4));

  json_object_set_string_member (f, "name", e->name);
  json_object_set_string_member (f, "gender", e->gender == 'M' ? "M" : "F");
  json_object_set_string_member (f, "birth_date", e->birth_date);
  json_object_set_string_member (f, "id_number", id_number);
  json_object_set_string_member (f, "phone", phone);
  json_object_set_string_member (f, "address", address);
  json_object_set_string_member (f, "street", streets[street].name);
  json_object_set_string_member (f, "hukou_locality", g_str_has_prefix (id_number, "3701") ? "山东省济南市" : "山东省外地");
  json_object_set_string_member (f, "residence_locality", streets[street].residence);
  json_object_set_string_member (f, "living_arrangement", e->living);
  json_object_set_int_member (f, "has_caregiver", disabled && yi_demo_chance (demo, 0.5));
  json_object_set_string_member (f, "diet", e->diet);
  if (yi_demo_chance (demo, 0.05))
    json_object_set_string_member (f, "allergies", yi_demo_pick (demo, allergies));
  json_object_set_string_member (f, "mobility", e->mobility);
  json_object_set_string_member (f, "hobbies", e->hobbies);
  json_object_set_int_member (f, "delivery_allowed", e->delivery);
  json_object_set_int_member (f, "expected_weekdays", e->expected_weekdays);
  json_object_set_int_member (f, "can_confirm", e->can_confirm);
  if (!yi_demo_put (demo, "elders", e->id, f, error))
    return FALSE;

  if (!add_categories (demo, e, disabled, semi_disabled, dementia, error) ||
      !add_contacts (demo, e, error))
    return FALSE;
  if ((disabled || semi_disabled) &&
      !add_assessment (demo, e, disabled ? "severe" : (yi_demo_chance (demo, 0.5) ? "moderate" : "mild"), error))
    return FALSE;

  e->card_uid = new_card_uid (demo, uids_taken);
  card_id = yi_demo_id (demo, demo->setup_us);
  json_object_set_string_member (card, "uid", e->card_uid);
  json_object_set_string_member (card, "elder_id", e->id);
  json_object_set_string_member (card, "issued_at", issued);
  return yi_demo_put (demo, "cards", card_id, card, error);
}

gboolean
yi_demo_add_elders (Demo     *demo,
                    guint     n_elders,
                    GError  **error)
{
  g_autoptr(GHashTable) ids_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) uids_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_elders; i++)
    {
      if (!add_elder (demo, ids_taken, uids_taken, error))
        return FALSE;
      if (demo->progress && (i + 1) % 100 == 0)
        demo->progress (_("Registering elders"), i + 1, n_elders, demo->user_data);
    }
  return TRUE;
}
