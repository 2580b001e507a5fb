#include "config.h"

#include "yi-district-ingest.h"
#include "yi-sync-reader.h"
#include "yi-district-private.h"
#include "yi-clock.h"
#include "yi-ids.h"
#include "yi-store-private.h"
#include "yi-store-sync.h"
#include "yi-tables.h"

#include <glib/gi18n.h>
#include <string.h>

enum {
  ST_BATCH_LOOKUP,
  ST_KNOWN,
  ST_OWNER,
  ST_LOGGED_PAYLOAD,
  ST_FIRST_PAYLOAD,
  ST_LOG,
  ST_OWN,
  ST_REJECT,
  ST_SEEN,
  ST_BATCH,
  N_STATEMENTS
};

static const char *statement_sql[N_STATEMENTS] = {
  [ST_BATCH_LOOKUP] = "SELECT device_id, digest, results FROM batches WHERE batch_id = ?",
  [ST_KNOWN] = "SELECT 1 FROM changes WHERE change_id = ?",
  [ST_OWNER] = "SELECT centre_id, seq FROM records WHERE record_table = ? AND record_id = ?",
  [ST_LOGGED_PAYLOAD] = "SELECT payload FROM changes WHERE seq = ?",
  /* records kept before the district noted the first change of each */
  [ST_FIRST_PAYLOAD] = "SELECT payload FROM changes WHERE record_table = ? AND record_id = ? ORDER BY seq LIMIT 1",
  [ST_LOG] = "INSERT INTO changes (change_id, centre_id, origin_device, batch_id, record_table, record_id, kind, hlc, at, payload, received_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [ST_OWN] = "INSERT INTO records (record_table, record_id, centre_id, seq) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  [ST_REJECT] = "INSERT INTO rejections (change_id, centre_id, device_id, batch_id, record_table, record_id, payload, reason, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_id) DO UPDATE SET reason = excluded.reason, "
                "received_at = excluded.received_at",
  [ST_SEEN] = "UPDATE devices SET last_seen_at = ? WHERE id = ?",
  [ST_BATCH] = "INSERT INTO batches (batch_id, device_id, centre_id, digest, results, received_at) VALUES (?, ?, ?, ?, ?, ?)",
};

struct _YiDistrictIngest
{
  sqlite3      *db;
  sqlite3_stmt *st[N_STATEMENTS];
  YiStore      *schema;   /* an empty store of the kiosk schema, for field checks */
};

YiDistrictPush *
yi_district_push_new (const char *centre_id,
                      const char *device_id,
                      const char *batch_id,
                      GPtrArray  *changes)
{
  YiDistrictPush *push = g_new0 (YiDistrictPush, 1);

  push->centre_id = g_strdup (centre_id);
  push->device_id = g_strdup (device_id);
  push->batch_id = g_strdup (batch_id);
  push->changes = g_ptr_array_ref (changes);
  return push;
}

void
yi_district_push_free (YiDistrictPush *push)
{
  if (push == NULL)
    return;
  g_free (push->centre_id);
  g_free (push->device_id);
  g_free (push->batch_id);
  g_clear_pointer (&push->changes, g_ptr_array_unref);
  g_clear_pointer (&push->response, yi_sync_push_response_free);
  g_clear_error (&push->error);
  g_free (push);
}

static gboolean
sql_error (YiDistrictIngest  *self,
           GError           **error)
{
  return yi_district_sql_error (self->db, error);
}

static gboolean
exec (YiDistrictIngest  *self,
      const char        *sql,
      GError           **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (self, error);
  return TRUE;
}

YiDistrictIngest *
yi_district_ingest_new (sqlite3  *db,
                        GError  **error)
{
  YiDistrictIngest *self = g_new0 (YiDistrictIngest, 1);

  self->db = db;
  for (guint i = 0; i < N_STATEMENTS; i++)
    if (sqlite3_prepare_v3 (db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &self->st[i], NULL) != SQLITE_OK)
      {
        sql_error (self, error);
        yi_district_ingest_free (self);
        return NULL;
      }
  self->schema = yi_store_open (":memory:", error);
  if (self->schema == NULL)
    {
      yi_district_ingest_free (self);
      return NULL;
    }
  return self;
}

void
yi_district_ingest_free (YiDistrictIngest *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STATEMENTS; i++)
    g_clear_pointer (&self->st[i], sqlite3_finalize);
  g_clear_object (&self->schema);
  g_free (self);
}

static char *
batch_digest (GPtrArray *changes)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < changes->len; i++)
    {
      YiSyncChange *change = g_ptr_array_index (changes, i);

      g_checksum_update (sum, (const guchar *) change->change_id, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
step_done (YiDistrictIngest  *self,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, error);
  return TRUE;
}

/* A retried batch: the stored answer, or a conflict if the id is reused. */
static gboolean
lookup_batch (YiDistrictIngest    *self,
              YiDistrictPush      *push,
              const char          *digest,
              YiSyncPushResponse **out,
              GError             **error)
{
  sqlite3_stmt *stmt = self->st[ST_BATCH_LOOKUP];
  gboolean ok = TRUE;

  *out = NULL;
  sqlite3_bind_text (stmt, 1, push->batch_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), push->device_id) != 0 ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), digest) != 0)
        ok = yi_sync_set_error (error, YI_SYNC_ERROR_CONFLICT,
                                _("The batch id %s was already used for different changes; every batch needs a new id"),
                                push->batch_id);
      else
        ok = (*out = yi_sync_push_response_parse ((const char *) sqlite3_column_text (stmt, 2), -1, error)) != NULL;
    }
  sqlite3_reset (stmt);
  return ok;
}

/* An event id seen before: the same event again is a duplicate, another
 * one under the same id is refused. */
static gboolean
event_seen_before (YiDistrictIngest    *self,
                   const YiSyncChange  *change,
                   const char          *payload,
                   gint64               first_seq,
                   gboolean             have_seq,
                   GError             **refused)
{
  sqlite3_stmt *stmt = self->st[have_seq ? ST_LOGGED_PAYLOAD : ST_FIRST_PAYLOAD];
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  gboolean same = FALSE;

  if (have_seq)
    sqlite3_bind_int64 (stmt, 1, first_seq);
  else
    {
      sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, change->record_id, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (strcmp ((const char *) sqlite3_column_text (stmt, 0), payload) == 0)
    same = TRUE;
  else
    {
      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        same = yi_sync_event_matches (change, json_node_get_object (root), refused);
    }
  sqlite3_reset (stmt);
  return same;
}

static void
bind_texts (sqlite3_stmt *stmt,
            const char   *first,
            ...)
{
  va_list args;
  const char *value = first;
  int i = 1;

  va_start (args, first);
  for (int n = sqlite3_bind_parameter_count (stmt); i <= n; i++)
    {
      sqlite3_bind_text (stmt, i, value, -1, SQLITE_STATIC);
      value = va_arg (args, const char *);
    }
  va_end (args);
}

/* Decides and logs one change.  FALSE only for a failure of the district
 * itself. */
static gboolean
store_change (YiDistrictIngest    *self,
              YiDistrictPush      *push,
              const char          *now,
              YiSyncChange        *change,
              YiSyncPushResponse  *resp,
              GError             **error)
{
  g_autoptr(GError) refused = NULL;
  g_autofree char *payload = yi_sync_change_payload_text (change);
  sqlite3_stmt *stmt;
  gboolean owned = FALSE, have_seq = FALSE;
  gint64 first_seq = 0;

  stmt = self->st[ST_KNOWN];
  sqlite3_bind_text (stmt, 1, change->change_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      yi_sync_push_response_add (resp, change->change_id, YI_SYNC_RESULT_DUPLICATE, NULL);
      return TRUE;
    }
  sqlite3_reset (stmt);

  stmt = self->st[ST_OWNER];
  sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->record_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      owned = TRUE;
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), push->centre_id) != 0)
        g_set_error (&refused, YI_SYNC_ERROR, YI_SYNC_ERROR_FORBIDDEN,
                     _("This record belongs to another centre"));
      have_seq = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      first_seq = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (refused == NULL)
    yi_store_check_change_fields (self->schema, change, &refused);

  /* A second copy of an event under a new change id adds nothing.  Only
   * then is the payload needed as an object. */
  if (refused == NULL && owned && yi_table_kind (change->table) == YI_TABLE_EVENT &&
      yi_sync_change_ensure_payload (change, &refused) &&
      event_seen_before (self, change, payload, first_seq, have_seq, &refused))
    {
      yi_sync_push_response_add (resp, change->change_id, YI_SYNC_RESULT_DUPLICATE, NULL);
      return TRUE;
    }

  if (refused != NULL)
    {
      bind_texts (self->st[ST_REJECT], change->change_id, push->centre_id, push->device_id, push->batch_id,
                  change->table, change->record_id, payload, refused->message, now);
      if (!step_done (self, self->st[ST_REJECT], error))
        return FALSE;
      yi_sync_push_response_add (resp, change->change_id, YI_SYNC_RESULT_REJECTED, refused->message);
      return TRUE;
    }

  bind_texts (self->st[ST_LOG], change->change_id, push->centre_id, push->device_id, push->batch_id,
              change->table, change->record_id, change->kind, change->hlc, change->at, payload, now);
  if (!step_done (self, self->st[ST_LOG], error))
    return FALSE;

  stmt = self->st[ST_OWN];
  sqlite3_bind_text (stmt, 1, change->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, push->centre_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, sqlite3_last_insert_rowid (self->db));
  if (!step_done (self, stmt, error))
    return FALSE;

  push->stored = TRUE;
  yi_sync_push_response_add (resp, change->change_id, YI_SYNC_RESULT_ACCEPTED, NULL);
  return TRUE;
}

static gboolean
store_push (YiDistrictIngest  *self,
            YiDistrictPush    *push,
            const char        *now,
            GError           **error)
{
  g_autoptr(YiSyncPushResponse) resp = NULL;
  g_autofree char *digest = batch_digest (push->changes);
  g_autofree char *results = NULL;

  if (push->batch_id == NULL)
    push->batch_id = yi_uuid_v7_new ();
  if (!lookup_batch (self, push, digest, &resp, error))
    return FALSE;
  if (resp != NULL)
    {
      g_free (resp->server_time);
      resp->server_time = g_strdup (now);
      push->response = g_steal_pointer (&resp);
      return TRUE;
    }

  resp = yi_sync_push_response_new ();
  resp->batch_id = g_strdup (push->batch_id);
  resp->server_time = g_strdup (now);
  for (guint i = 0; i < push->changes->len; i++)
    if (!store_change (self, push, now, g_ptr_array_index (push->changes, i), resp, error))
      return FALSE;

  /* A push notes the device's contact in its own transaction. */
  if (push->device_id != NULL)
    {
      bind_texts (self->st[ST_SEEN], now, push->device_id);
      if (!step_done (self, self->st[ST_SEEN], error))
        return FALSE;
    }
  results = yi_sync_push_response_to_json (resp);
  bind_texts (self->st[ST_BATCH], push->batch_id, push->device_id, push->centre_id, digest, results, now);
  if (!step_done (self, self->st[ST_BATCH], error))
    return FALSE;
  push->response = g_steal_pointer (&resp);
  return TRUE;
}

void
yi_district_ingest_run (YiDistrictIngest  *self,
                        YiDistrictPush   **pushes,
                        guint              n)
{
  g_autofree char *now = yi_clock_format_utc (yi_clock_now_us ());
  g_autoptr(GError) error = NULL;

  if (!exec (self, "BEGIN IMMEDIATE", &error))
    {
      for (guint i = 0; i < n; i++)
        pushes[i]->error = g_error_copy (error);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      YiDistrictPush *push = pushes[i];

      if (!exec (self, "SAVEPOINT yi_push", &push->error))
        continue;
      if (!store_push (self, push, now, &push->error))
        {
          g_clear_pointer (&push->response, yi_sync_push_response_free);
          push->stored = FALSE;
          sqlite3_exec (self->db, "ROLLBACK TO yi_push", NULL, NULL, NULL);
        }
      sqlite3_exec (self->db, "RELEASE yi_push", NULL, NULL, NULL);
    }
  /* One commit, and one wait for the disk, for every push in the group. */
  if (!exec (self, "COMMIT", &error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      for (guint i = 0; i < n; i++)
        if (pushes[i]->error == NULL)
          {
            g_clear_pointer (&pushes[i]->response, yi_sync_push_response_free);
            pushes[i]->stored = FALSE;
            pushes[i]->error = g_error_copy (error);
          }
    }
}
