#include "config.h"

#include "yi-import-columns.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
  YiImportColumn  column;
  const char     *field;     /* column of `elders`, if it maps to one */
  const char     *label;     /* the header we suggest */
  const char     *names;     /* every header accepted, '|' separated */
} ColumnSpec;

static const ColumnSpec columns[] = {
  { YI_COL_IGNORED, NULL, "序号", "序号|编号|no|no.|#" },
  { YI_COL_NAME, "name", "姓名", "姓名|名字|老人姓名|name" },
  { YI_COL_GENDER, "gender", "性别", "性别|gender|sex" },
  { YI_COL_ID_NUMBER, "id_number", "身份证号", "身份证号|身份证号码|身份证|公民身份号码|id_number|idnumber|id_card" },
  { YI_COL_BIRTH_DATE, "birth_date", "出生日期", "出生日期|出生年月日|生日|birth_date|birthdate|date_of_birth|birthday" },
  { YI_COL_PHONE, "phone", "联系电话", "联系电话|电话|手机|手机号|本人电话|phone|mobile" },
  { YI_COL_ADDRESS, "address", "住址", "住址|地址|家庭住址|现住址|address" },
  { YI_COL_STREET, "street", "街道", "街道|所在街道|street" },
  { YI_COL_HUKOU, "hukou_locality", "户籍地", "户籍|户籍地|户籍所在地|hukou|hukou_locality" },
  { YI_COL_RESIDENCE, "residence_locality", "居住地", "居住地|现居住地|residence|residence_locality" },
  { YI_COL_RESIDENCE_SINCE, "residence_since", "居住起始日期", "居住起始日期|入住日期|residence_since" },
  { YI_COL_LIVING, "living_arrangement", "居住状况", "居住状况|居住情况|living_arrangement|living" },
  { YI_COL_DIET, "diet", "饮食", "饮食|饮食要求|diet" },
  { YI_COL_ALLERGIES, "allergies", "过敏", "过敏|过敏史|allergies" },
  { YI_COL_MOBILITY, "mobility", "行动能力", "行动能力|行动状况|mobility" },
  { YI_COL_HOBBIES, "hobbies", "爱好", "爱好|兴趣爱好|hobbies" },
  { YI_COL_DELIVERY, "delivery_allowed", "送餐", "送餐|需要送餐|delivery|delivery_allowed" },
  { YI_COL_NOTES, "notes", "备注", "备注|说明|notes|remarks" },
  { YI_COL_CATEGORIES, NULL, "类别", "类别|人员类别|老人类别|category|categories" },
  { YI_COL_CONTACT_NAME, NULL, "紧急联系人", "紧急联系人|联系人|emergency_contact|contact_name" },
  { YI_COL_CONTACT_PHONE, NULL, "紧急联系电话", "紧急联系电话|联系人电话|紧急联系人电话|emergency_phone|contact_phone" },
  { YI_COL_CONTACT_RELATION, NULL, "与老人关系", "与老人关系|关系|与本人关系|contact_relation|relation" },
};

/* Header cells carry decorations people add for each other: spaces, a
 * required-field star, English capitals. */
static char *
header_key (const char *header)
{
  g_autofree char *lower = g_utf8_strdown (header, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '*' || c == 0xFF0A /* ＊ */ || c == 0xFEFF)
        continue;
      g_string_append_unichar (key, c == ' ' ? '_' : c);
    }
  return g_string_free (key, FALSE);
}

YiImportColumn
yi_import_column_from_header (const char *header)
{
  g_autofree char *key = header_key (header);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_auto(GStrv) names = g_strsplit (columns[i].names, "|", -1);

      if (g_strv_contains ((const char * const *) names, key))
        return columns[i].column;
    }
  return YI_COL_UNKNOWN;
}

const char *
yi_import_column_label (YiImportColumn column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].column == column)
      return columns[i].label;
  return "?";
}

const char *
yi_import_column_field (YiImportColumn column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].column == column)
      return columns[i].field;
  return NULL;
}

typedef struct {
  const char *code;
  const char *words;     /* '|' separated */
} Synonyms;

static const char *
lookup (const Synonyms *table,
        guint           n,
        const char     *cell)
{
  g_autofree char *key = g_utf8_strdown (cell, -1);
  gsize key_len = strlen (key);

  /* The words are matched in place: this runs for every row imported. */
  for (guint i = 0; i < n; i++)
    {
      if (strcmp (key, table[i].code) == 0)
        return table[i].code;
      for (const char *w = table[i].words; *w != '\0';)
        {
          gsize len = strcspn (w, "|");

          if (len == key_len && memcmp (w, key, len) == 0)
            return table[i].code;
          w += len + (w[len] == '|');
        }
    }
  return NULL;
}

char *
yi_import_read_gender (const char *cell)
{
  static const Synonyms genders[] = {
    { "M", "男|男性|m|male|1" },
    { "F", "女|女性|f|female|2" },
  };
  const char *code = lookup (genders, G_N_ELEMENTS (genders), cell);

  return g_strdup (code);
}

char *
yi_import_read_phone (const char *cell)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = cell; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && *p != '+')
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }
  if (g_str_has_prefix (digits->str, "0086"))
    g_string_erase (digits, 0, 4);
  else if (g_str_has_prefix (cell, "+86"))
    g_string_erase (digits, 0, 2);
  /* Seven-digit local numbers up to twelve-digit ones with an area code. */
  if (digits->len < 7 || digits->len > 12)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

const char *
yi_import_read_living (const char *cell)
{
  static const Synonyms living[] = {
    { "alone", "独居|一人居住|独自居住" },
    { "empty_nest", "空巢|空巢老人" },
    { "with_spouse", "与配偶同住|与老伴同住|夫妻同住|配偶|老伴" },
    { "with_disabled_child", "与残疾子女同住|残疾子女" },
    { "with_family", "与子女同住|与家人同住|子女同住|家人" },
  };

  return lookup (living, G_N_ELEMENTS (living), cell);
}

const char *
yi_import_read_diet (const char *cell)
{
  static const Synonyms diets[] = {
    { "normal", "普通|正常|普食|无|normal" },
    { "soft", "软食|流食|半流食" },
    { "low_salt", "低盐|低盐饮食|low-salt" },
    { "diabetic", "糖尿病餐|糖尿病|低糖|无糖" },
  };

  return lookup (diets, G_N_ELEMENTS (diets), cell);
}

const char *
yi_import_read_mobility (const char *cell)
{
  static const Synonyms mobility[] = {
    { "independent", "自理|能自理|行走自如|正常" },
    { "aided", "拐杖|助行器|需搀扶|借助辅具" },
    { "wheelchair", "轮椅" },
    { "bedridden", "卧床|长期卧床" },
  };

  return lookup (mobility, G_N_ELEMENTS (mobility), cell);
}

int
yi_import_read_yes_no (const char *cell)
{
  static const Synonyms answers[] = {
    { "1", "是|需要|有|y|yes|true|√" },
    { "0", "否|不需要|无|n|no|false|×" },
  };
  const char *code = lookup (answers, G_N_ELEMENTS (answers), cell);

  return code == NULL ? -1 : code[0] - '0';
}

static const Synonyms category_words[] = {
  { "sanwu", "三无|三无老人" },
  { "wubao", "五保|特困|特困供养|五保户" },
  { "dibao", "低保|低保户" },
  { "dibao_edge", "低保边缘|低边" },
  { "low_income", "低收入" },
  { "empty_nest", "空巢" },
  { "alone", "独居" },
  { "widowed", "孤寡" },
  { "advanced_age", "高龄" },
  { "disabled", "失能" },
  { "semi_disabled", "半失能" },
  { "dementia", "失智" },
  { "disability", "残疾" },
  { "veteran", "重点优抚|优抚|优抚对象" },
  { "model_worker", "劳模" },
  { "centenarian", "百岁老人|百岁" },
  { "family_planning_special", "计生特殊家庭|失独" },
  { "left_behind", "留守|留守老人" },
};

static gboolean
is_category_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == ',' || c == ';' || c == '/' ||
         c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == 0xFF1B /* ； */ ||
         c == 0xFF0F /* ／ */;
}

GStrv
yi_import_read_categories (const char  *cell,
                           char       **unknown)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = cell;

  for (;;)
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && !is_category_separator (c))
        {
          g_string_append_unichar (word, c);
          p = g_utf8_next_char (p);
          continue;
        }
      if (word->len > 0)
        {
          const char *code = lookup (category_words, G_N_ELEMENTS (category_words), word->str);

          if (code == NULL)
            {
              *unknown = g_strdup (word->str);
              return NULL;
            }
          g_assert (yi_category_is_known (code));
          if (!g_ptr_array_find (seen, code, NULL))
            {
              g_ptr_array_add (seen, (gpointer) code);
              g_strv_builder_add (codes, code);
            }
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }
  return g_strv_builder_end (codes);
}
