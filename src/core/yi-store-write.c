#include "config.h"

#include "yi-store.h"
#include "yi-store-private.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-json.h"
#include "yi-ledger.h"
#include "yi-tables.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* The single write path: record, outbox change and audit entry together. */

GHashTable *
yi_store_table_columns (YiStore    *self,
                        const char *table)
{
  GHashTable *cols = g_hash_table_lookup (self->columns, table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (cols != NULL)
    return cols;
  if (yi_table_kind (table) == YI_TABLE_UNKNOWN)
    return NULL;

  sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  cols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (cols,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_ascii_strup ((const char *) sqlite3_column_text (stmt, 2), -1));
  if (g_hash_table_size (cols) == 0)
    {
      g_hash_table_unref (cols);
      return NULL;
    }
  g_hash_table_insert (self->columns, g_strdup (table), cols);
  return cols;
}

gboolean
yi_store_bind_json (YiStore       *self,
                    sqlite3_stmt  *stmt,
                    int            index,
                    const char    *column_type,
                    JsonNode      *node,
                    GError       **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, index);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "A field holds a list or object where a single value belongs");
      return FALSE;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      return TRUE;
    case G_TYPE_DOUBLE:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      return TRUE;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
      return TRUE;
    case G_TYPE_STRING:
      if (g_strcmp0 (column_type, "BLOB") == 0)
        {
          gsize len = 0;
          guchar *data = g_base64_decode (json_node_get_string (node), &len);

          sqlite3_bind_blob (stmt, index, data, (int) len, g_free);
          return TRUE;
        }
      /* Not copied: @node outlives the step, and the statement's bindings
       * are cleared when the caller lets it go (see yi_store_release()). */
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_STATIC);
      return TRUE;
    default:
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "A field holds a value of an unsupported type");
      return FALSE;
    }
}

static gboolean
check_fields (YiStore     *self,
              const char  *table,
              GHashTable  *cols,
              JsonObject  *fields,
              const char **reserved,
              GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_hash_table_contains (cols, name))
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       "“%s” has no field “%s”", table, name);
          return FALSE;
        }
      for (guint i = 0; reserved && reserved[i]; i++)
        if (strcmp (reserved[i], name) == 0)
          {
            g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                         "The field “%s” of “%s” is kept by the store itself", name, table);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
yi_store_outbox_append (YiStore     *self,
                        const char  *table,
                        const char  *record_id,
                        const char  *kind,
                        const char  *hlc,
                        JsonObject  *payload,
                        const char  *now,
                        GError     **error)
{
  g_autofree char *text = yi_json_object_to_string (payload);
  g_autofree char *change_id = yi_uuid_v7_new ();
  /* Declared last so that it is released, and its bindings dropped,
   * before the strings bound to it without copies are freed. */
  g_autoptr(YiCachedStmt) stmt = NULL;

  if (self->bulk)
    {
      const char *values[] = { change_id, table, record_id, kind, hlc, text, now };

      return yi_store_bulk_add (self, YI_BULK_OUTBOX, values, error);
    }
  stmt = yi_store_prepare_cached (self,
                           "INSERT INTO outbox (change_id, record_table, record_id, kind, hlc, payload, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Queueing a change for the district failed");
  return TRUE;
}

static gboolean
audit_insert (YiStore     *self,
              const char  *action,
              const char  *table,
              const char  *record_id,
              const char  *summary,
              const char  *now,
              GError     **error)
{
  g_autofree char *id = yi_uuid_v7_new ();
  g_autoptr(YiCachedStmt) stmt = NULL;   /* last: see yi_store_outbox_append() */

  if (self->bulk)
    {
      const char *values[] = { id, now, self->device_id, self->actor, action, table, record_id, summary };

      return yi_store_bulk_add (self, YI_BULK_AUDIT, values, error);
    }
  stmt = yi_store_prepare_cached (self,
                           "INSERT INTO audit_log (id, at, device_id, staff_id, action, record_table, record_id, summary) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, summary, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Writing the audit log failed");
  return TRUE;
}

gboolean
yi_store_audit (YiStore     *self,
                const char  *action,
                const char  *table,
                const char  *record_id,
                const char  *summary,
                GError     **error)
{
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (!yi_store_begin (self, error))
    return FALSE;
  if (!audit_insert (self, action, table, record_id, summary, now, error))
    {
      yi_store_rollback (self);
      return FALSE;
    }
  return yi_store_commit (self, error);
}

static char *
field_names (JsonObject *fields)
{
  GString *s = g_string_sized_new (128);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, fields);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (s->len)
        g_string_append_c (s, ',');
      g_string_append (s, name);
    }
  return g_string_free (s, FALSE);
}

gboolean
yi_store_row_exists (YiStore    *self,
                     const char *table,
                     const char *id)
{
  g_autofree char *sql = g_strconcat ("SELECT 1 FROM ", table, " WHERE id = ?", NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;

  if (yi_table_kind (table) == YI_TABLE_UNKNOWN)
    return FALSE;
  stmt = yi_store_prepare_cached (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Writes @fields of one entity row with the given clock, without touching
 * the outbox or the audit log; shared by local writes and sync. */
gboolean
yi_store_write_entity_row (YiStore     *self,
                           const char  *table,
                           const char  *id,
                           JsonObject  *fields,
                           const char  *hlc,
                           const char  *now,
                           gboolean    *inserted,
                           GError     **error)
{
  GHashTable *cols = yi_store_table_columns (self, table);
  g_autoptr(GList) names = json_object_get_members (fields);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;
  gboolean exists = yi_store_row_exists (self, table, id);
  int idx = 1;

  /* Plain appends, not printf: this runs for every record written. */
  if (exists)
    {
      g_string_append (sql, "UPDATE ");
      g_string_append (sql, table);
      g_string_append (sql, " SET hlc = ?, updated_at = ?");
      for (GList *l = names; l; l = l->next)
        {
          g_string_append (sql, ", ");
          g_string_append (sql, l->data);
          g_string_append (sql, " = ?");
        }
      g_string_append (sql, " WHERE id = ?");
    }
  else
    {
      g_string_append (sql, "INSERT INTO ");
      g_string_append (sql, table);
      g_string_append (sql, " (id, hlc, updated_at");
      if (g_hash_table_contains (cols, "created_at"))
        g_string_append (sql, ", created_at");
      for (GList *l = names; l; l = l->next)
        {
          g_string_append (sql, ", ");
          g_string_append (sql, l->data);
        }
      g_string_append (sql, ") VALUES (?, ?, ?");
      if (g_hash_table_contains (cols, "created_at"))
        g_string_append (sql, ", ?");
      for (GList *l = names; l; l = l->next)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
    }

  stmt = yi_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  if (!exists)
    sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, idx++, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, idx++, now, -1, SQLITE_STATIC);
  if (!exists && g_hash_table_contains (cols, "created_at"))
    sqlite3_bind_text (stmt, idx++, now, -1, SQLITE_STATIC);
  for (GList *l = names; l; l = l->next)
    if (!yi_store_bind_json (self, stmt, idx++, g_hash_table_lookup (cols, l->data),
                             json_object_get_member (fields, l->data), error))
      return FALSE;
  if (exists)
    sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf ("Saving a record of “%s” failed", table);
      return yi_store_set_sql_error (self, error, what);
    }
  if (inserted)
    *inserted = !exists;
  return TRUE;
}

gboolean
yi_store_set_field_clock (YiStore     *self,
                          const char  *table,
                          const char  *id,
                          const char  *field,
                          const char  *hlc,
                          GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "INSERT INTO field_clocks (record_table, record_id, field, hlc) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (record_table, record_id, field) DO UPDATE SET hlc = excluded.hlc", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving a field clock failed");
  return TRUE;
}

/* All fields of one write share a clock: one statement for all of them. */
static gboolean
set_field_clocks (YiStore     *self,
                  const char  *table,
                  const char  *id,
                  GList       *fields,
                  const char  *hlc,
                  GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = NULL;
  guint n = g_list_length (fields);
  int idx = 1;

  if (fields == NULL)
    return TRUE;
  if (self->bulk)
    {
      for (GList *l = fields; l; l = l->next)
        {
          const char *values[] = { table, id, l->data, hlc };

          if (!yi_store_bulk_add (self, YI_BULK_CLOCKS, values, error))
            return FALSE;
        }
      return TRUE;
    }
  /* The statement text depends only on the number of fields. */
  if (self->field_clock_sql == NULL)
    self->field_clock_sql = g_ptr_array_new_with_free_func (g_free);
  while (self->field_clock_sql->len <= n)
    g_ptr_array_add (self->field_clock_sql, NULL);
  if (self->field_clock_sql->pdata[n] == NULL)
    {
      GString *sql = g_string_new ("INSERT INTO field_clocks (record_table, record_id, field, hlc) VALUES ");

      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%s(?1, ?2, ?%u, ?3)", i == 0 ? "" : ", ", 4 + i);
      g_string_append (sql, " ON CONFLICT (record_table, record_id, field) DO UPDATE SET hlc = excluded.hlc");
      self->field_clock_sql->pdata[n] = g_string_free (sql, FALSE);
    }

  stmt = yi_store_prepare_cached (self, self->field_clock_sql->pdata[n], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, idx++, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, idx++, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, idx++, hlc, -1, SQLITE_TRANSIENT);
  for (GList *l = fields; l; l = l->next)
    sqlite3_bind_text (stmt, idx++, l->data, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving field clocks failed");
  return TRUE;
}

gboolean
yi_store_put_entity (YiStore     *self,
                     const char  *table,
                     const char  *id,
                     JsonObject  *fields,
                     GError     **error)
{
  static const char *reserved[] = { "id", "hlc", "updated_at", "created_at", NULL };
  GHashTable *cols;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GList) names = NULL;
  gboolean inserted = FALSE;

  if (yi_table_kind (table) != YI_TABLE_ENTITY)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a kind of record that can be edited", table);
      return FALSE;
    }
  if (!yi_uuid_is_valid (id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a record id", id);
      return FALSE;
    }
  cols = yi_store_table_columns (self, table);
  if (cols == NULL)
    return yi_store_set_sql_error (self, error, "Reading the table layout failed");
  if (!check_fields (self, table, cols, fields, reserved, error))
    return FALSE;

  hlc = yi_store_new_hlc (self);
  now = yi_clock_format_utc (yi_clock_now_us ());
  names = json_object_get_members (fields);

  if (!yi_store_begin (self, error))
    return FALSE;

  if (!yi_store_write_entity_row (self, table, id, fields, hlc, now, &inserted, error))
    goto fail;
  if (!set_field_clocks (self, table, id, names, hlc, error))
    goto fail;

  /* The change carries exactly the fields written. */
  if (!yi_store_outbox_append (self, table, id, "entity", hlc, fields, now, error))
    goto fail;

  summary = field_names (fields);
  if (!audit_insert (self, inserted ? "insert" : "update", table, id, summary, now, error))
    goto fail;

  return yi_store_commit (self, error);

fail:
  yi_store_rollback (self);
  return FALSE;
}

/* Reads a whole row back as JSON, as the outbox and the district see it. */
JsonObject *
yi_store_row_to_json (YiStore    *self,
                      const char *table,
                      const char *id)
{
  g_autofree char *sql = g_strconcat ("SELECT * FROM ", table, " WHERE id = ?", NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;
  JsonObject *obj;

  /* Sync compares every incoming event with its stored copy, if any. */
  if (yi_table_kind (table) == YI_TABLE_UNKNOWN ||
      (stmt = yi_store_prepare_cached (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  obj = json_object_new ();
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (obj, name, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (obj, name, sqlite3_column_double (stmt, i));
          break;
        case SQLITE_TEXT:
          json_object_set_string_member (obj, name, (const char *) sqlite3_column_text (stmt, i));
          break;
        case SQLITE_BLOB:
          {
            g_autofree char *b64 = g_base64_encode (sqlite3_column_blob (stmt, i),
                                                    sqlite3_column_bytes (stmt, i));
            json_object_set_string_member (obj, name, b64);
          }
          break;
        default:
          json_object_set_null_member (obj, name);
          break;
        }
    }
  return obj;
}

gboolean
yi_store_insert_event_row (YiStore     *self,
                           const char  *table,
                           JsonObject  *row,
                           GError     **error)
{
  GHashTable *cols = yi_store_table_columns (self, table);
  g_autoptr(GList) names = json_object_get_members (row);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(YiCachedStmt) stmt = NULL;
  int idx = 1;

  g_string_append (sql, "INSERT INTO ");
  g_string_append (sql, table);
  g_string_append (sql, " (");
  for (GList *l = names; l; l = l->next)
    {
      if (l != names)
        g_string_append (sql, ", ");
      g_string_append (sql, l->data);
    }
  g_string_append (sql, ") VALUES (");
  for (GList *l = names; l; l = l->next)
    g_string_append (sql, l == names ? "?" : ", ?");
  g_string_append (sql, ")");

  stmt = yi_store_prepare_cached (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (GList *l = names; l; l = l->next)
    if (!yi_store_bind_json (self, stmt, idx++, g_hash_table_lookup (cols, l->data),
                             json_object_get_member (row, l->data), error))
      return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf ("Saving a record of “%s” failed", table);
      return yi_store_set_sql_error (self, error, what);
    }
  return TRUE;
}

char *
yi_store_append_event (YiStore     *self,
                       const char  *table,
                       JsonObject  *fields,
                       GError     **error)
{
  GHashTable *cols;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *now = NULL;
  g_autofree char *summary = NULL;
  gint64 at_us = yi_clock_now_us ();

  if (yi_table_kind (table) != YI_TABLE_EVENT)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "“%s” is not a kind of event", table);
      return NULL;
    }
  cols = yi_store_table_columns (self, table);
  if (cols == NULL)
    {
      yi_store_set_sql_error (self, error, "Reading the table layout failed");
      return NULL;
    }
  if (!check_fields (self, table, cols, fields, NULL, error))
    return NULL;

  now = yi_clock_format_utc (at_us);
  row = json_object_new ();
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, fields);
    while (json_object_iter_next (&iter, &name, &node))
      json_object_set_member (row, name, json_node_copy (node));
  }

  if (json_object_has_member (row, "id"))
    id = g_strdup (json_object_get_string_member (row, "id"));
  else
    {
      id = yi_uuid_v7_new ();
      json_object_set_string_member (row, "id", id);
    }
  if (!json_object_has_member (row, "at"))
    json_object_set_string_member (row, "at", now);
  else if (!yi_clock_parse_utc (json_object_get_string_member (row, "at"), &at_us))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "The event time “%s” is not a UTC time", json_object_get_string_member (row, "at"));
      return NULL;
    }
  if (!json_object_has_member (row, "local_date"))
    {
      g_autofree char *local = yi_clock_local_date (at_us, self->tz);
      json_object_set_string_member (row, "local_date", local);
    }
  if (!json_object_has_member (row, "device_id"))
    json_object_set_string_member (row, "device_id", self->device_id);
  if (!json_object_has_member (row, "staff_id"))
    {
      if (self->actor)
        json_object_set_string_member (row, "staff_id", self->actor);
      else
        json_object_set_null_member (row, "staff_id");
    }

  hlc = yi_store_new_hlc (self);

  if (!yi_store_begin (self, error))
    return NULL;
  if (!yi_store_insert_event_row (self, table, row, error) ||
      !yi_store_outbox_append (self, table, id, "event", hlc, row, now, error))
    goto fail;
  summary = field_names (fields);
  if (!audit_insert (self, "append", table, id, summary, now, error))
    goto fail;
  if (!yi_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  yi_store_rollback (self);
  return NULL;
}

char *
yi_store_void_event (YiStore     *self,
                     const char  *table,
                     const char  *id,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *void_id = NULL;

  if (yi_table_kind (table) != YI_TABLE_EVENT || !yi_store_row_exists (self, table, id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   "There is no record %s to cancel", id);
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "Say why the record is being cancelled");
      return NULL;
    }
  if (yi_store_is_voided (self, id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                   "This record was already cancelled");
      return NULL;
    }
  json_object_set_string_member (fields, "target_table", table);
  json_object_set_string_member (fields, "target_id", id);
  json_object_set_string_member (fields, "reason", reason);

  /* Cancelling what money came from reverses that money in the same change. */
  if (!yi_store_begin (self, error))
    return NULL;
  void_id = yi_store_append_event (self, "event_voids", fields, error);
  if (void_id == NULL || !yi_ledger_after_void (self, table, id, error))
    {
      yi_store_rollback (self);
      return NULL;
    }
  if (!yi_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&void_id);
}

gboolean
yi_store_is_voided (YiStore    *self,
                    const char *id)
{
  return yi_store_count (self, "SELECT count(*) FROM event_voids WHERE target_id = ?", id, NULL) > 0;
}
