#include "config.h"

#include "yi-store-sync.h"
#include "yi-store-private.h"
#include "yi-sync-reader.h"
#include "yi-clock.h"
#include "yi-hlc.h"
#include "yi-tables.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *entity_reserved[] = { "id", "hlc", "updated_at", "created_at", NULL };

static gboolean
check_field (GHashTable          *cols,
             const YiSyncChange  *change,
             const char          *name,
             gboolean             single,
             GError             **error)
{
  if (!g_hash_table_contains (cols, name))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("“%s” has no field “%s” in this version"), change->table, name);
      return FALSE;
    }
  if (g_strcmp0 (change->kind, "entity") == 0 && g_strv_contains (entity_reserved, name))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("The field “%s” of “%s” is kept by the store itself"), name, change->table);
      return FALSE;
    }
  if (!single)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("The field “%s” holds a list or object where a single value belongs"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_store_check_change_fields (YiStore             *self,
                              const YiSyncChange  *change,
                              GError             **error)
{
  GHashTable *cols = yi_store_table_columns (self, change->table);

  if (cols == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of record this version keeps"), change->table);
      return FALSE;
    }
  if (change->payload == NULL && change->payload_fields != NULL)
    {
      /* A payload the district has read as a list of names and kinds. */
      const char *p = change->payload_fields;

      for (guint i = 0; i < change->payload_n_fields; i++)
        {
          if (!check_field (cols, change, p + 1, p[0] == 'v', error))
            return FALSE;
          p += strlen (p) + 1;
        }
      return TRUE;
    }
  if (change->payload != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, change->payload);
      while (json_object_iter_next (&iter, &name, &node))
        if (!check_field (cols, change, name, JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node), error))
          return FALSE;
    }
  return TRUE;
}

static char *
field_clock (YiStore    *self,
             const char *table,
             const char *id,
             const char *field)
{
  return yi_store_query_string (self,
                                "SELECT hlc FROM field_clocks WHERE record_table = ? AND record_id = ? AND field = ?",
                                table, id, field, NULL);
}

static gboolean
apply_entity (YiStore             *self,
              const YiSyncChange  *change,
              YiApplyOutcome      *outcome,
              GError             **error)
{
  g_autoptr(JsonObject) winners = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (change->payload);
  g_autofree char *row_hlc = NULL;
  g_autofree char *row_updated = NULL;
  g_autofree char *sql = NULL;
  const char *hlc = change->hlc;
  const char *stamp = change->at;
  guint equal = 0;

  if (!yi_store_check_change_fields (self, change, error))
    return FALSE;

  for (GList *l = names; l; l = l->next)
    {
      g_autofree char *current = field_clock (self, change->table, change->record_id, l->data);
      int cmp = yi_hlc_compare (change->hlc, current);

      if (current == NULL || cmp > 0)
        json_object_set_member (winners, l->data,
                                json_node_copy (json_object_get_member (change->payload, l->data)));
      else if (cmp == 0)
        equal++;
    }

  if (json_object_get_size (winners) == 0)
    {
      *outcome = equal == g_list_length (names) ? YI_APPLY_DUPLICATE : YI_APPLY_SUPERSEDED;
      return TRUE;
    }

  /* The row's own clock and updated_at follow its newest change, whatever
   * order changes arrive in, so every replica ends up with the same row. */
  sql = g_strdup_printf ("SELECT hlc FROM %s WHERE id = ?", change->table);
  row_hlc = yi_store_query_string (self, sql, change->record_id, NULL);
  if (row_hlc != NULL && yi_hlc_compare (row_hlc, change->hlc) > 0)
    {
      g_free (sql);
      sql = g_strdup_printf ("SELECT updated_at FROM %s WHERE id = ?", change->table);
      row_updated = yi_store_query_string (self, sql, change->record_id, NULL);
      hlc = row_hlc;
      stamp = row_updated;
    }

  if (!yi_store_write_entity_row (self, change->table, change->record_id, winners,
                                  hlc, stamp, NULL, error))
    return FALSE;
  {
    g_autoptr(GList) won = json_object_get_members (winners);

    for (GList *l = won; l; l = l->next)
      if (!yi_store_set_field_clock (self, change->table, change->record_id, l->data,
                                     change->hlc, error))
        return FALSE;
  }
  *outcome = YI_APPLY_APPLIED;
  return TRUE;
}

/* SQLite hands back 36 for a REAL column written as 36.0 and the other way
 * round, so numbers compare by value, not by JSON type. */
static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);
  GType ta, tb;

  if (a_null || b_null)
    return a_null && b_null;
  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if (ta == G_TYPE_STRING || tb == G_TYPE_STRING)
    return ta == tb && g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (ta == G_TYPE_BOOLEAN)
    return json_node_get_boolean (a) == (tb == G_TYPE_BOOLEAN ? json_node_get_boolean (b) : json_node_get_int (b) != 0);
  if (tb == G_TYPE_BOOLEAN)
    return values_equal (b, a);
  if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64)
    return json_node_get_int (a) == json_node_get_int (b);
  return json_node_get_double (a) == json_node_get_double (b);
}

gboolean
yi_sync_event_matches (const YiSyncChange  *change,
                       JsonObject          *existing,
                       GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, change->payload);
  while (json_object_iter_next (&iter, &name, &node))
    if (!values_equal (node, json_object_get_member (existing, name)))
      {
        g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                     _("A different record with the id %s is already stored (field “%s” differs); "
                       "records cannot be changed, only cancelled"),
                     change->record_id, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
apply_event (YiStore             *self,
             const YiSyncChange  *change,
             YiApplyOutcome      *outcome,
             GError             **error)
{
  g_autoptr(JsonObject) existing = NULL;

  if (!yi_store_check_change_fields (self, change, error))
    return FALSE;

  existing = yi_store_row_to_json (self, change->table, change->record_id);
  if (existing != NULL)
    {
      if (!yi_sync_event_matches (change, existing, error))
        return FALSE;
      *outcome = YI_APPLY_DUPLICATE;
      return TRUE;
    }
  if (!yi_store_insert_event_row (self, change->table, change->payload, error))
    return FALSE;
  *outcome = YI_APPLY_APPLIED;
  return TRUE;
}

gboolean
yi_store_apply_change (YiStore             *self,
                       const YiSyncChange  *change,
                       YiApplyOutcome      *outcome,
                       GError             **error)
{
  YiApplyOutcome dummy;
  gboolean ok;

  if (outcome == NULL)
    outcome = &dummy;
  if (!yi_sync_change_validate (change, error))
    return FALSE;

  if (yi_table_kind (change->table) == YI_TABLE_ENTITY)
    ok = apply_entity (self, change, outcome, error);
  else
    ok = apply_event (self, change, outcome, error);
  if (!ok)
    return FALSE;

  /* Our next local change must order after everything we have received. */
  yi_store_observe_hlc (self, change->hlc);

  if (*outcome == YI_APPLY_APPLIED)
    {
      g_autofree char *summary = g_strdup_printf ("from device %s",
                                                  change->origin_device ? change->origin_device : "district");
      if (!yi_store_audit (self, "receive", change->table, change->record_id, summary, error))
        return FALSE;
    }
  return TRUE;
}

/* Runs one of the few fixed statements of the apply loop, prepared once
 * rather than parsed for every change. */
static gboolean
run_cached (YiStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Applying a change failed");
  return TRUE;
}

gboolean
yi_store_sync_savepoint (YiStore  *self,
                         GError  **error)
{
  return run_cached (self, "SAVEPOINT yi_sync_change", error);
}

void
yi_store_sync_release (YiStore  *self,
                       gboolean  undo)
{
  if (undo)
    run_cached (self, "ROLLBACK TO yi_sync_change", NULL);
  run_cached (self, "RELEASE yi_sync_change", NULL);
}

char *
yi_store_sync_get (YiStore    *self,
                   const char *key)
{
  return yi_store_query_string (self, "SELECT value FROM sync_state WHERE key = ?", key, NULL);
}

gint64
yi_store_sync_get_int (YiStore    *self,
                       const char *key,
                       gint64      fallback)
{
  g_autofree char *text = yi_store_sync_get (self, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

gboolean
yi_store_sync_set (YiStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL)
    stmt = yi_store_prepare (self, "DELETE FROM sync_state WHERE key = ?", error);
  else
    stmt = yi_store_prepare (self,
                             "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Saving the sync state failed");
  return TRUE;
}

gboolean
yi_store_sync_set_int (YiStore     *self,
                       const char  *key,
                       gint64       value,
                       GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return yi_store_sync_set (self, key, text, error);
}

/* The columns both the outbox and the district's change log are read in:
 * seq, change_id, table, record_id, kind, hlc, at, payload text.  The
 * payload is kept as text; it goes on the wire as it is. */
static YiSyncChange *
change_from_columns (sqlite3_stmt *stmt)
{
  YiSyncChange *change = yi_sync_change_new ();

  change->seq = sqlite3_column_int64 (stmt, 0);
  change->change_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  change->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  change->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  change->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  change->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  change->at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  change->payload_text = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return change;
}

/* Columns: seq, change_id, table, record_id, kind, hlc, at, payload, origin. */
YiSyncChange *
yi_sync_change_from_row (sqlite3_stmt  *stmt,
                         GError       **error)
{
  g_autoptr(YiSyncChange) change = change_from_columns (stmt);

  change->origin_device = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  if (change->payload_text == NULL ||
      (change->payload = yi_sync_json_object_read (change->payload_text, -1, NULL)) == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CORRUPT,
                   _("A stored change for the district is damaged (%s)"), change->change_id);
      return NULL;
    }
  return g_steal_pointer (&change);
}

#define OUTBOX_COLUMNS "seq, change_id, record_table, record_id, kind, hlc, created_at, payload, NULL"

GPtrArray *
yi_store_outbox_pending (YiStore  *self,
                         guint     limit,
                         GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (self,
      "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, change_from_columns (stmt));
  if (rc != SQLITE_DONE)
    {
      yi_store_set_sql_error (self, error, "Reading the changes waiting for the district failed");
      return NULL;
    }
  return g_steal_pointer (&changes);
}

GPtrArray *
yi_store_outbox_lookup_pending (YiStore     *self,
                                const char **change_ids,
                                GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (self,
      "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE change_id = ? AND state = 'pending'", error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; change_ids[i]; i++)
    {
      YiSyncChange *change;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, change_ids[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return NULL;
      change = change_from_columns (stmt);
      g_ptr_array_add (changes, change);
    }
  return g_steal_pointer (&changes);
}

gboolean
yi_store_outbox_count_attempt (YiStore     *self,
                               const char  *change_id,
                               GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "UPDATE outbox SET attempts = attempts + 1 WHERE change_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Counting a sending attempt failed");
  return TRUE;
}

gboolean
yi_store_outbox_count_attempts (YiStore     *self,
                                gint64       first_seq,
                                gint64       last_seq,
                                GError     **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "UPDATE outbox SET attempts = attempts + 1 WHERE seq BETWEEN ? AND ? AND state = 'pending'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_seq);
  sqlite3_bind_int64 (stmt, 2, last_seq);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Counting a sending attempt failed");
  return TRUE;
}

gboolean
yi_store_outbox_settle (YiStore            *self,
                        const char         *change_id,
                        YiSyncResultStatus  status,
                        const char         *reason,
                        GError            **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "UPDATE outbox SET state = ?, reject_reason = ?, settled_at = ? WHERE change_id = ? AND state = 'pending'",
      error);
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, yi_sync_result_status_to_string (status), -1, SQLITE_STATIC);
  if (status == YI_SYNC_RESULT_REJECTED)
    sqlite3_bind_text (stmt, 2, reason ? reason : "", -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, change_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Recording the district's answer failed");
  return TRUE;
}

gboolean
yi_store_outbox_settle_accepted (YiStore  *self,
                                 gint64    first_seq,
                                 gint64    last_seq,
                                 GError  **error)
{
  g_autoptr(YiCachedStmt) stmt = yi_store_prepare_cached (self,
      "UPDATE outbox SET state = 'accepted', reject_reason = NULL, settled_at = ? "
      "WHERE seq BETWEEN ? AND ? AND state = 'pending'", error);
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, first_seq);
  sqlite3_bind_int64 (stmt, 3, last_seq);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Recording the district's answer failed");
  return TRUE;
}

gint64
yi_store_outbox_count_state (YiStore    *self,
                             const char *state)
{
  return yi_store_count (self, "SELECT count(*) FROM outbox WHERE state = ?", state, NULL);
}

gboolean
yi_store_sync_record_failure (YiStore             *self,
                              const YiSyncChange  *change,
                              const char          *reason,
                              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (self,
      "INSERT INTO sync_inbox_failures (change_id, record_table, record_id, hlc, payload, reason, failed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_id) DO UPDATE SET reason = excluded.reason",
      error);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *payload = NULL;
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());

  if (stmt == NULL)
    return FALSE;
  json_node_set_object (root, change->payload);
  payload = json_to_string (root, FALSE);
  sqlite3_bind_text (stmt, 1, change->change_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, change->table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, change->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, change->hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_store_set_sql_error (self, error, "Keeping a change that could not be applied failed");
  return TRUE;
}
