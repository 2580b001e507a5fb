#include "config.h"

#include "yi-import.h"
#include "yi-idcard.h"
#include "yi-import-columns.h"
#include "yi-clock.h"
#include "yi-csv.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-store-private.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (yi-import-error-quark, yi_import_error)

/* One good row, read and checked, ready to write. */
typedef struct {
  guint       line;
  char       *id_number;
  JsonObject *fields;          /* columns of `elders`, in stored form */
  GStrv       categories;
  char       *contact_name;
  char       *contact_phone;
  char       *contact_relation;
} ElderRow;

static void
elder_row_free (ElderRow *row)
{
  g_free (row->id_number);
  g_clear_pointer (&row->fields, json_object_unref);
  g_strfreev (row->categories);
  g_free (row->contact_name);
  g_free (row->contact_phone);
  g_free (row->contact_relation);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ElderRow, elder_row_free)

static void
problem_free (YiImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

void
yi_import_report_free (YiImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

char *
yi_import_parse_date (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  int y, m, d;
  char *end;

  if (text == NULL)
    return NULL;
  if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      y = (int) g_ascii_strtoll (text, NULL, 10) / 10000;
      m = (int) (g_ascii_strtoll (text, NULL, 10) / 100 % 100);
      d = (int) (g_ascii_strtoll (text, NULL, 10) % 100);
    }
  else
    {
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */ || c == '/' || c == '.' || c == '-')
            g_string_append_c (s, '-');
          else if (c == 0x65E5 /* 日 */ || c == 0x53F7 /* 号 */)
            {
              if (p[strlen ("日")] != '\0')
                return NULL;
            }
          else if (g_ascii_isdigit (c))
            g_string_append_c (s, (char) c);
          else
            return NULL;
        }
      parts = g_strsplit (s->str, "-", -1);
      if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 ||
          *parts[1] == '\0' || strlen (parts[1]) > 2 || *parts[2] == '\0' || strlen (parts[2]) > 2)
        return NULL;
      y = (int) strtol (parts[0], &end, 10);
      m = (int) strtol (parts[1], &end, 10);
      d = (int) strtol (parts[2], &end, 10);
    }
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

typedef struct {
  YiStore        *store;
  YiImportColumn  map[128];   /* file column -> meaning */
  guint           n_columns;
  char           *today;
  GHashTable     *lines_by_id;   /* normalised ID number -> first line */
} Reader;

/* Maps the header row; an unknown column is refused so that a typo such as
 * 身分证号 cannot silently drop a whole column of data. */
static gboolean
read_header (Reader   *r,
             GStrv     header,
             GError  **error)
{
  gboolean seen[YI_N_COLS] = { FALSE, };
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

  r->n_columns = g_strv_length (header);
  if (r->n_columns > G_N_ELEMENTS (r->map))
    {
      g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS,
                   _("The file has %u columns; an elder sheet has at most %u"),
                   r->n_columns, (guint) G_N_ELEMENTS (r->map));
      return FALSE;
    }
  for (guint i = 0; i < r->n_columns; i++)
    {
      YiImportColumn col = yi_import_column_from_header (header[i]);

      r->map[i] = col;
      if (col == YI_COL_UNKNOWN)
        {
          if (*g_strstrip (header[i]) != '\0')
            g_ptr_array_add (unknown, header[i]);
          else
            r->map[i] = YI_COL_IGNORED;   /* a trailing empty column of the sheet */
          continue;
        }
      if (col != YI_COL_IGNORED && seen[col])
        {
          g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS,
                       _("The column “%s” appears twice in the header row"), header[i]);
          return FALSE;
        }
      seen[col] = TRUE;
    }
  if (unknown->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < unknown->len; i++)
        g_string_append_printf (names, "%s“%s”", i ? "、" : "", (char *) unknown->pdata[i]);
      g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS,
                   _("Unknown column %s in the header row. Rename it to one of the known headers "
                     "(姓名, 性别, 身份证号, 出生日期, 联系电话, 住址, 户籍地, 居住地, 街道, 类别, 紧急联系人, "
                     "紧急联系电话, 与老人关系, 居住状况, 饮食, 备注 …) or delete the column."),
                   names->str);
      return FALSE;
    }
  if (!seen[YI_COL_NAME] || !seen[YI_COL_ID_NUMBER])
    {
      g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_COLUMNS,
                   _("The header row needs the columns “姓名” (name) and “身份证号” (ID number); "
                     "elders are matched by their ID number"));
      return FALSE;
    }
  return TRUE;
}

static void
complain (GPtrArray  *why,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
complain (GPtrArray  *why,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (why, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
set_field (JsonObject *fields,
           const char *field,
           const char *value)
{
  json_object_set_string_member (fields, field, value);
}

/* Reads one data row; on failure returns NULL and adds the reasons to @why. */
static ElderRow *
read_row (Reader     *r,
          GStrv       cells,
          guint       line,
          GPtrArray  *why)
{
  g_autoptr(ElderRow) row = g_new0 (ElderRow, 1);
  const char *value[YI_N_COLS] = { NULL, };
  g_autofree char *gender = NULL;
  g_autofree char *birth = NULL;
  guint n_cells = g_strv_length (cells);

  row->line = line;
  row->fields = json_object_new ();

  if (n_cells > r->n_columns)
    {
      /* Cells past the header are tolerated only when empty. */
      for (guint i = r->n_columns; i < n_cells; i++)
        if (*g_strstrip (cells[i]) != '\0')
          {
            complain (why, _("the row has %u cells but the header only %u"), n_cells, r->n_columns);
            return NULL;
          }
    }
  for (guint i = 0; i < MIN (n_cells, r->n_columns); i++)
    {
      char *cell = g_strstrip (cells[i]);

      if (*cell != '\0' && r->map[i] > YI_COL_IGNORED)
        value[r->map[i]] = cell;
    }

  for (int col = YI_COL_NAME; col < YI_N_COLS; col++)
    {
      const char *v = value[col];
      const char *field = yi_import_column_field (col);
      const char *code;

      if (v == NULL)
        continue;
      switch (col)
        {
        case YI_COL_GENDER:
          gender = yi_import_read_gender (v);
          if (gender == NULL)
            complain (why, _("the gender “%s” is not 男 or 女"), v);
          else
            set_field (row->fields, field, gender);
          break;
        case YI_COL_BIRTH_DATE:
        case YI_COL_RESIDENCE_SINCE:
          {
            g_autofree char *date = yi_import_parse_date (v);

            if (date == NULL)
              complain (why, _("“%s” is not a date (write it like 1949-12-31)"), v);
            else
              {
                set_field (row->fields, field, date);
                if (col == YI_COL_BIRTH_DATE)
                  birth = g_steal_pointer (&date);
              }
          }
          break;
        case YI_COL_PHONE:
        case YI_COL_CONTACT_PHONE:
          {
            g_autofree char *phone = yi_import_read_phone (v);

            if (phone == NULL)
              complain (why, _("“%s” is not a phone number"), v);
            else if (col == YI_COL_PHONE)
              set_field (row->fields, field, phone);
            else
              row->contact_phone = g_steal_pointer (&phone);
          }
          break;
        case YI_COL_LIVING:
        case YI_COL_DIET:
        case YI_COL_MOBILITY:
          code = col == YI_COL_LIVING ? yi_import_read_living (v) :
                 col == YI_COL_DIET ? yi_import_read_diet (v) : yi_import_read_mobility (v);
          if (code == NULL)
            complain (why,
                      col == YI_COL_LIVING ? _("the living arrangement “%s” is not one of 独居, 空巢, 与配偶同住, 与残疾子女同住, 与子女同住") :
                      col == YI_COL_DIET ? _("the diet “%s” is not one of 普通, 软食, 低盐, 糖尿病餐") :
                      _("the mobility “%s” is not one of 自理, 拐杖, 轮椅, 卧床"), v);
          else
            set_field (row->fields, field, code);
          break;
        case YI_COL_DELIVERY:
          {
            int yes = yi_import_read_yes_no (v);

            if (yes < 0)
              complain (why, _("“%s” under 送餐 is not 是 or 否"), v);
            else
              json_object_set_int_member (row->fields, field, yes);
          }
          break;
        case YI_COL_CATEGORIES:
          {
            g_autofree char *unknown = NULL;

            row->categories = yi_import_read_categories (v, &unknown);
            if (row->categories == NULL)
              complain (why, _("the category “%s” is not known (for example 低保, 独居, 空巢, 高龄, 失能, 残疾)"), unknown);
          }
          break;
        case YI_COL_CONTACT_NAME:
          row->contact_name = g_strdup (v);
          break;
        case YI_COL_CONTACT_RELATION:
          row->contact_relation = g_strdup (v);
          break;
        case YI_COL_ID_NUMBER:
          break;   /* checked below, with birth date and gender */
        default:
          set_field (row->fields, field, v);
          break;
        }
    }

  if (value[YI_COL_NAME] == NULL)
    complain (why, _("the name (姓名) is missing"));
  if (value[YI_COL_ID_NUMBER] == NULL)
    complain (why, _("the ID number (身份证号) is missing"));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id_birth = NULL;
      char id_gender = 0;

      row->id_number = yi_elder_check_identity (value[YI_COL_ID_NUMBER], birth, gender,
                                                &id_birth, &id_gender, &error);
      if (row->id_number == NULL)
        complain (why, "%s", error->message);
      else
        {
          gpointer first = g_hash_table_lookup (r->lines_by_id, row->id_number);

          if (first != NULL)
            {
              /* Reports end up in terminals and logs: never the whole number. */
              g_autofree char *masked = yi_idcard_mask (row->id_number);
              complain (why, _("the ID number %s is already on line %u"), masked, GPOINTER_TO_UINT (first));
            }
          else
            g_hash_table_insert (r->lines_by_id, g_strdup (row->id_number), GUINT_TO_POINTER (line));
          set_field (row->fields, "id_number", row->id_number);
          set_field (row->fields, "birth_date", id_birth);
          set_field (row->fields, "gender", id_gender == 'M' ? "M" : "F");
          if (strcmp (id_birth, r->today) > 0)
            complain (why, _("the birth date %s is in the future"), id_birth);
        }
    }
  if (value[YI_COL_CONTACT_NAME] == NULL && (value[YI_COL_CONTACT_PHONE] || value[YI_COL_CONTACT_RELATION]))
    complain (why, _("an emergency contact's phone or relation is given without the contact's name"));

  if (why->len > 0)
    return NULL;
  return g_steal_pointer (&row);
}

static gboolean
empty_record (GStrv cells)
{
  for (guint i = 0; cells[i]; i++)
    if (*g_strstrip (cells[i]) != '\0')
      return FALSE;
  return TRUE;
}

static GPtrArray *
read_rows (Reader          *r,
           const char      *text,
           YiImportReport  *report,
           GError         **error)
{
  g_autoptr(YiCsvReader) csv = yi_csv_reader_new (text);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) elder_row_free);
  g_auto(GStrv) header = NULL;
  GStrv cells;
  guint line = 0;

  header = yi_csv_reader_next (csv, &line, error);
  if (header == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_EMPTY,
                     _("The file is empty: it needs a header row (姓名, 性别, 身份证号 …) and one row per elder"));
      return NULL;
    }
  if (!read_header (r, header, error))
    return NULL;

  while ((cells = yi_csv_reader_next (csv, &line, error)) != NULL)
    {
      g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
      ElderRow *row;

      if (empty_record (cells))
        {
          g_strfreev (cells);
          continue;
        }
      report->rows++;
      row = read_row (r, cells, line, why);
      g_strfreev (cells);
      if (row != NULL)
        {
          g_ptr_array_add (rows, row);
          continue;
        }
      {
        YiImportProblem *problem = g_new0 (YiImportProblem, 1);

        g_ptr_array_add (why, NULL);
        problem->line = line;
        problem->message = g_strjoinv ("; ", (char **) why->pdata);
        g_ptr_array_add (report->problems, problem);
      }
    }
  if (error && *error != NULL)
    return NULL;
  if (report->rows == 0)
    {
      g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_EMPTY,
                   _("The file has a header row but no elders below it"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* What is stored already, read once so that 100,000 rows do not mean
 * 100,000 look-ups. */
typedef struct {
  GHashTable *elders;       /* id_number -> JsonObject of the mapped columns, with "id" */
  GHashTable *categories;   /* "elder-id/code" of categories in force today */
  GHashTable *contacts;     /* "elder-id/name" -> JsonObject (id, relation, phone) */
} Existing;

static void
existing_clear (Existing *e)
{
  g_clear_pointer (&e->elders, g_hash_table_unref);
  g_clear_pointer (&e->categories, g_hash_table_unref);
  g_clear_pointer (&e->contacts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Existing, existing_clear)

static JsonObject *
row_as_json (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    if (sqlite3_column_type (stmt, i) != SQLITE_NULL)
      json_object_set_string_member (obj, sqlite3_column_name (stmt, i),
                                     (const char *) sqlite3_column_text (stmt, i));
  return obj;
}

static gboolean
load_existing (YiStore     *store,
               const char  *today,
               Existing    *e,
               GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  g_autoptr(sqlite3_stmt) elders = NULL;
  g_autoptr(sqlite3_stmt) categories = NULL;
  g_autoptr(sqlite3_stmt) contacts = NULL;

  for (int col = YI_COL_NAME; col < YI_N_COLS; col++)
    if (yi_import_column_field (col))
      g_string_append_printf (sql, ", %s", yi_import_column_field (col));
  g_string_append (sql, " FROM elders WHERE id_number IS NOT NULL");

  e->elders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  e->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);

  if ((elders = yi_store_prepare (store, sql->str, error)) == NULL)
    return FALSE;
  while (sqlite3_step (elders) == SQLITE_ROW)
    {
      JsonObject *obj = row_as_json (elders);

      g_hash_table_insert (e->elders, g_strdup (json_object_get_string_member (obj, "id_number")), obj);
    }

  categories = yi_store_prepare (store,
      "SELECT elder_id || '/' || category FROM elder_categories "
      "WHERE removed = 0 AND valid_from <= ?1 AND (valid_to IS NULL OR valid_to >= ?1)", error);
  if (categories == NULL)
    return FALSE;
  sqlite3_bind_text (categories, 1, today, -1, SQLITE_STATIC);
  while (sqlite3_step (categories) == SQLITE_ROW)
    g_hash_table_add (e->categories, g_strdup ((const char *) sqlite3_column_text (categories, 0)));

  contacts = yi_store_prepare (store,
      "SELECT elder_id || '/' || name AS key, id, relation, phone FROM elder_contacts WHERE removed = 0", error);
  if (contacts == NULL)
    return FALSE;
  while (sqlite3_step (contacts) == SQLITE_ROW)
    g_hash_table_insert (e->contacts, g_strdup ((const char *) sqlite3_column_text (contacts, 0)),
                         row_as_json (contacts));
  return TRUE;
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (json_node_get_string (node));
}

/* The fields of @row that differ from what is stored. */
static JsonObject *
changed_fields (JsonObject *row,
                JsonObject *stored)
{
  JsonObject *changes = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, row);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *mine = node_text (node);
      g_autofree char *theirs = node_text (json_object_get_member (stored, name));

      if (g_strcmp0 (mine, theirs) != 0)
        json_object_set_member (changes, name, json_node_copy (node));
    }
  return changes;
}

static gboolean
write_contact (YiStore     *store,
               Existing    *existing,
               const char  *elder_id,
               ElderRow    *row,
               gboolean    *changed,
               GError     **error)
{
  g_autofree char *key = g_strconcat (elder_id, "/", row->contact_name, NULL);
  JsonObject *stored = g_hash_table_lookup (existing->contacts, key);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *id = NULL;

  if (row->contact_relation)
    json_object_set_string_member (fields, "relation", row->contact_relation);
  if (row->contact_phone)
    json_object_set_string_member (fields, "phone", row->contact_phone);
  if (stored != NULL)
    {
      changes = changed_fields (fields, stored);
      if (json_object_get_size (changes) == 0)
        return TRUE;
      *changed = TRUE;
      return yi_store_put_entity (store, "elder_contacts",
                                  json_object_get_string_member (stored, "id"), changes, error);
    }
  json_object_set_string_member (fields, "elder_id", elder_id);
  json_object_set_string_member (fields, "name", row->contact_name);
  id = yi_uuid_v7_new ();
  *changed = TRUE;
  return yi_store_put_entity (store, "elder_contacts", id, fields, error);
}

static gboolean
write_row (YiStore         *store,
           Existing        *existing,
           ElderRow        *row,
           const char      *today,
           YiImportReport  *report,
           GError         **error)
{
  JsonObject *stored = g_hash_table_lookup (existing->elders, row->id_number);
  g_autofree char *elder_id = NULL;
  gboolean changed = FALSE;

  if (stored != NULL)
    {
      g_autoptr(JsonObject) changes = changed_fields (row->fields, stored);

      elder_id = g_strdup (json_object_get_string_member (stored, "id"));
      if (json_object_get_size (changes) > 0)
        {
          changed = TRUE;
          if (!yi_store_put_entity (store, "elders", elder_id, changes, error))
            return FALSE;
        }
    }
  else
    {
      elder_id = yi_uuid_v7_new ();
      changed = TRUE;
      if (!yi_store_put_entity (store, "elders", elder_id, row->fields, error))
        return FALSE;
    }

  for (guint i = 0; row->categories && row->categories[i]; i++)
    {
      g_autofree char *key = g_strconcat (elder_id, "/", row->categories[i], NULL);
      g_autofree char *id = NULL;

      if (g_hash_table_contains (existing->categories, key))
        continue;
      id = yi_store_add_elder_category (store, elder_id, row->categories[i], NULL, NULL, today, NULL, error);
      if (id == NULL)
        return FALSE;
      changed = TRUE;
    }
  if (row->contact_name && !write_contact (store, existing, elder_id, row, &changed, error))
    return FALSE;

  if (stored == NULL)
    report->added++;
  else if (changed)
    report->updated++;
  else
    report->unchanged++;
  return TRUE;
}

gboolean
yi_import_elders (YiStore               *store,
                  GBytes                *contents,
                  YiImportFlags          flags,
                  YiImportProgressFunc   progress,
                  gpointer               user_data,
                  YiImportReport       **report_out,
                  GError               **error)
{
  g_autoptr(YiImportReport) report = g_new0 (YiImportReport, 1);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = yi_store_today (store);
  g_auto(Existing) existing = { NULL, };
  Reader reader = { .store = store, .today = today };
  gsize len = 0;
  const char *data = g_bytes_get_data (contents, &len);
  gboolean ok = FALSE;

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  text = yi_csv_decode (data ? data : "", len, &report->encoding, error);
  if (text == NULL)
    goto out;
  reader.lines_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows = read_rows (&reader, text, report, error);
  g_hash_table_unref (reader.lines_by_id);
  if (rows == NULL)
    goto out;

  if (report->problems->len > 0 && !(flags & YI_IMPORT_FLAGS_SKIP_BAD))
    {
      g_set_error (error, YI_IMPORT_ERROR, YI_IMPORT_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row has a problem, so nothing was imported. Correct it, or import with --skip-bad to leave it out.",
                                "%u rows have problems, so nothing was imported. Correct them, or import with --skip-bad to leave them out.",
                                report->problems->len),
                   report->problems->len);
      goto out;
    }
  report->skipped = report->problems->len;

  if (!yi_store_begin_bulk (store, error))
    goto out;
  if (!load_existing (store, today, &existing, error))
    {
      yi_store_rollback (store);
      goto out;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      ElderRow *row = rows->pdata[i];

      if (!write_row (store, &existing, row, today, report, error))
        {
          g_prefix_error (error, _("Line %u: "), row->line);
          yi_store_rollback (store);
          report->added = report->updated = report->unchanged = 0;
          goto out;
        }
      if (progress && ((i + 1) % 500 == 0 || i + 1 == rows->len))
        progress (i + 1, rows->len, user_data);
    }
  ok = yi_store_commit (store, error);
  if (!ok)
    report->added = report->updated = report->unchanged = 0;

out:
  if (report_out)
    *report_out = g_steal_pointer (&report);
  return ok;
}

gboolean
yi_import_elders_from_file (YiStore               *store,
                            const char            *path,
                            YiImportFlags          flags,
                            YiImportProgressFunc   progress,
                            gpointer               user_data,
                            YiImportReport       **report,
                            GError               **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GBytes) contents = g_file_load_bytes (file, NULL, NULL, error);

  if (contents == NULL)
    return FALSE;
  return yi_import_elders (store, contents, flags, progress, user_data, report, error);
}
