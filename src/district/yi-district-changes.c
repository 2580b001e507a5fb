#include "config.h"

#include "yi-json.h"

#include "yi-district-private.h"
#include "yi-district-ingest.h"
#include "yi-clock.h"
#include "yi-idcard.h"
#include "yi-ids.h"
#include "yi-store-private.h"
#include "yi-store-sync.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#define MIRROR_CURSOR "district_seq"

YiStore *
yi_district_db_get_mirror (YiDistrictDb  *self,
                           const char    *centre_id,
                           GError       **error)
{
  YiStore *mirror = g_hash_table_lookup (self->mirrors, centre_id);
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (mirror != NULL)
    return mirror;
  if (!yi_uuid_is_valid (centre_id) || !yi_district_db_centre_exists (self, centre_id))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NOT_FOUND, _("There is no centre with the id “%s”"), centre_id);
      return NULL;
    }
  file = g_strconcat (centre_id, ".db", NULL);
  path = g_build_filename (self->mirror_dir, file, NULL);
  mirror = yi_store_open (path, error);
  if (mirror == NULL)
    {
      g_prefix_error (error, _("The centre's copy at the district cannot be opened: "));
      return NULL;
    }
  /* The change log, not the mirror, is what the district answers kiosks
   * from, and it commits first with synchronous=FULL.  A mirror commit lost
   * to a power cut loses its cursor with it, and catch_up() replays those
   * changes from the log; so the mirror need not wait for the disk. */
  if (!yi_store_exec (mirror, "PRAGMA synchronous = NORMAL", error))
    {
      g_object_unref (mirror);
      return NULL;
    }
  g_hash_table_insert (self->mirrors, g_strdup (centre_id), mirror);
  return mirror;
}

/* How many entries of the log one pull may pass over, per change it returns. */
#define PULL_SCAN_FACTOR 50

#define LOG_COLUMNS "seq, change_id, record_table, record_id, kind, hlc, at, payload, origin_device"

gboolean
yi_district_db_catch_up (YiDistrictDb  *self,
                         sqlite3       *log,
                         const char    *centre_id,
                         guint          limit,
                         guint         *applied,
                         GError       **error)
{
  YiStore *mirror = yi_district_db_get_mirror (self, centre_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 cursor, last;
  guint n = 0;
  int rc;

  if (applied != NULL)
    *applied = 0;
  if (mirror == NULL)
    return FALSE;
  if (!yi_store_begin (mirror, error))
    return FALSE;
  cursor = last = yi_store_sync_get_int (mirror, MIRROR_CURSOR, 0);
  if (sqlite3_prepare_v2 (log, "SELECT " LOG_COLUMNS " FROM changes WHERE centre_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      yi_district_sql_error (log, error);
      goto fail;
    }
  sqlite3_bind_text (stmt, 1, centre_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, cursor);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(YiSyncChange) change = yi_sync_change_from_row (stmt, NULL);
      g_autoptr(GError) local = NULL;

      n++;
      last = sqlite3_column_int64 (stmt, 0);
      if (!yi_store_sync_savepoint (mirror, error))
        goto fail;
      if (change == NULL || !yi_store_apply_change (mirror, change, NULL, &local))
        {
          yi_store_sync_release (mirror, TRUE);
          /* The district's own trouble: stop, and try again later. */
          if (g_error_matches (local, YI_STORE_ERROR, YI_STORE_ERROR_BUSY) ||
              g_error_matches (local, YI_STORE_ERROR, YI_STORE_ERROR_CORRUPT))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto fail;
            }
          /* Stays in the log, which kiosks pull from; only this copy,
           * used for statistics, lacks it.  Tell the operator. */
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                            "MESSAGE", "A logged change could not be applied to the centre's copy: %s",
                            local ? local->message : "damaged entry",
                            "YIYANG_CENTRE", centre_id,
                            "YIYANG_SEQ", "%" G_GINT64_FORMAT, last);
          continue;
        }
      yi_store_sync_release (mirror, FALSE);
    }
  if (rc != SQLITE_DONE)
    {
      yi_district_sql_error (log, error);
      goto fail;
    }
  if (last != cursor && !yi_store_sync_set_int (mirror, MIRROR_CURSOR, last, error))
    goto fail;
  if (!yi_store_commit (mirror, error))
    return FALSE;
  if (applied != NULL)
    *applied = n;
  return TRUE;

fail:
  yi_store_rollback (mirror);
  return FALSE;
}

YiStore *
yi_district_db_lock_mirror (YiDistrictDb  *self,
                            const char    *centre_id,
                            GError       **error)
{
  g_mutex_lock (&self->mirror_lock);
  if (!yi_district_db_catch_up (self, self->db, centre_id, 0, NULL, error))
    return NULL;
  return yi_district_db_get_mirror (self, centre_id, error);
}

void
yi_district_db_unlock_mirror (YiDistrictDb *self)
{
  g_mutex_unlock (&self->mirror_lock);
}

gboolean
yi_district_db_catch_up_all (YiDistrictDb  *self,
                             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_district_db_prepare (self, "SELECT id FROM centres", error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  for (guint i = 0; i < ids->len; i++)
    {
      YiStore *mirror = yi_district_db_lock_mirror (self, g_ptr_array_index (ids, i), error);

      yi_district_db_unlock_mirror (self);
      if (mirror == NULL)
        return FALSE;
    }
  return TRUE;
}

YiSyncPushResponse *
yi_district_db_push (YiDistrictDb  *self,
                     const char    *centre_id,
                     const char    *device_id,
                     const char    *batch_id,
                     GPtrArray     *changes,
                     GError       **error)
{
  g_autoptr(YiDistrictPush) push = yi_district_push_new (centre_id, device_id, batch_id, changes);
  YiDistrictPush *one = push;
  YiStore *mirror;

  if (self->ingest == NULL && (self->ingest = yi_district_ingest_new (self->db, error)) == NULL)
    return NULL;
  yi_district_ingest_run (self->ingest, &one, 1);
  if (push->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&push->error));
      return NULL;
    }
  /* Called directly (the command line, tests), the centre's copy is
   * brought up to the log before returning. */
  mirror = yi_district_db_lock_mirror (self, centre_id, NULL);
  yi_district_db_unlock_mirror (self);
  if (mirror == NULL)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "MESSAGE", "The centre's copy did not take the new changes; it will catch up from the log",
                      "YIYANG_CENTRE", centre_id);
  return g_steal_pointer (&push->response);
}

YiSyncPullResponse *
yi_district_db_pull (YiDistrictDb  *self,
                     const char    *centre_id,
                     const char    *device_id,
                     gint64         since,
                     guint          limit,
                     GError       **error)
{
  g_autoptr(YiSyncPullResponse) resp = yi_sync_pull_response_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint scanned = 0;
  int rc;

  if (limit == 0 || limit > YI_SYNC_MAX_PAGE)
    limit = YI_SYNC_MAX_PAGE;
  stmt = yi_district_db_prepare (self,
      "SELECT " LOG_COLUMNS " FROM changes WHERE centre_id = ? AND seq > ? ORDER BY seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, centre_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  /* A device's own changes are passed over without counting towards the
   * page, so a kiosk that has just sent a year does not fetch it back as
   * hundreds of empty pages; the scan stops somewhere all the same. */
  sqlite3_bind_int (stmt, 3, (int) limit * PULL_SCAN_FACTOR);
  resp->next_cursor = since;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YiSyncChange *change;

      if (resp->changes->len == limit)
        {
          resp->more = TRUE;
          break;
        }
      scanned++;
      resp->next_cursor = sqlite3_column_int64 (stmt, 0);
      /* A device already has what it sent. */
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 8), device_id) == 0)
        continue;
      change = yi_sync_change_from_row (stmt, NULL);
      if (change == NULL)
        {
          g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, resp->next_cursor);

          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER,
                       _("The district's change log is damaged at entry %s"), seq);
          return NULL;
        }
      g_ptr_array_add (resp->changes, change);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      yi_district_db_sql_error (self, error);
      return NULL;
    }
  if (scanned == limit * PULL_SCAN_FACTOR)
    resp->more = TRUE;
  resp->server_time = yi_district_now ();
  return g_steal_pointer (&resp);
}

/* ------------------------------------------------- registry and policy */

static JsonNode *
load_json_file (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_autofree char *why = yi_json_error_text (local);
      g_set_error (error, local->domain, local->code, _("Cannot read “%s”: %s"), path, why);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED, _("“%s” is empty"), path);
      return NULL;
    }
  if (!yi_json_node_is_valid_text (root))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("“%s” holds text that is not valid UTF-8 (check the escapes in its strings)"), path);
      return NULL;
    }
  return json_node_copy (root);
}

static YiSyncChange *
district_change (YiStore    *mirror,
                 const char *table,
                 const char *record_id,
                 JsonObject *payload)
{
  YiSyncChange *change = yi_sync_change_new ();

  change->change_id = yi_uuid_v7_new ();
  change->table = g_strdup (table);
  change->record_id = g_strdup (record_id);
  change->kind = g_strdup ("entity");
  change->hlc = yi_store_new_hlc (mirror);
  change->at = yi_district_now ();
  change->payload = json_object_ref (payload);
  return change;
}

/* Only the fields whose values differ from the mirror's row, so loading
 * the same file twice changes nothing. */
static JsonObject *
changed_fields (YiStore    *mirror,
                const char *table,
                const char *id,
                JsonObject *wanted)
{
  g_autoptr(JsonObject) current = id ? yi_store_row_to_json (mirror, table, id) : NULL;
  JsonObject *diff = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, wanted);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *have = current ? json_object_get_member (current, name) : NULL;

      if (have == NULL || !json_node_equal (have, node))
        json_object_set_member (diff, name, json_node_copy (node));
    }
  return diff;
}

static int
push_district_changes (YiDistrictDb  *self,
                       const char    *centre_id,
                       GPtrArray     *changes,
                       GError       **error)
{
  int accepted = 0;
  GString *refused = g_string_new (NULL);

  for (guint start = 0; start < changes->len; start += YI_SYNC_MAX_BATCH)
    {
      g_autoptr(GPtrArray) slice = g_ptr_array_new ();
      g_autoptr(YiSyncPushResponse) resp = NULL;

      for (guint i = start; i < changes->len && i < start + YI_SYNC_MAX_BATCH; i++)
        g_ptr_array_add (slice, g_ptr_array_index (changes, i));
      resp = yi_district_db_push (self, centre_id, NULL, NULL, slice, error);
      if (resp == NULL)
        {
          g_string_free (refused, TRUE);
          return -1;
        }
      for (guint i = 0; i < resp->results->len; i++)
        {
          YiSyncResult *r = g_ptr_array_index (resp->results, i);

          if (r->status == YI_SYNC_RESULT_ACCEPTED)
            accepted++;
          else if (r->status == YI_SYNC_RESULT_REJECTED)
            g_string_append_printf (refused, "\n  %s: %s",
                                    ((YiSyncChange *) g_ptr_array_index (slice, i))->record_id, r->reason);
        }
    }
  if (refused->len > 0)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("%d records were loaded; these were refused:%s"), accepted, refused->str);
      g_string_free (refused, TRUE);
      return -1;
    }
  g_string_free (refused, TRUE);
  return accepted;
}

int
yi_district_db_load_registry (YiDistrictDb  *self,
                              const char    *centre_id,
                              const char    *path,
                              GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  YiStore *mirror;
  GHashTable *cols;
  JsonArray *list;

  mirror = yi_district_db_lock_mirror (self, centre_id, error);
  yi_district_db_unlock_mirror (self);
  if (mirror == NULL || (root = load_json_file (path, error)) == NULL)
    return -1;
  if (JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_get_array_member (json_node_get_object (root), "elders") != NULL)
    list = json_object_get_array_member (json_node_get_object (root), "elders");
  else if (JSON_NODE_HOLDS_ARRAY (root))
    list = json_node_get_array (root);
  else
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("“%s” must hold a list of elders, or an object with the list in “elders”"), path);
      return -1;
    }
  cols = yi_store_table_columns (mirror, "elders");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autoptr(JsonObject) wanted = json_object_new ();
      g_autoptr(JsonObject) diff = NULL;
      g_autofree char *id_number = NULL;
      g_autofree char *birth = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GError) local = NULL;
      char gender = 0;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member (json_node_get_object (node), "id_number"))
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                       _("Elder %u in “%s” has no “id_number”; the registry is matched by ID number"), i + 1, path);
          return -1;
        }
      id_number = yi_idcard_normalise (json_object_get_string_member_with_default (json_node_get_object (node), "id_number", ""),
                                       &birth, &gender, &local);
      if (id_number == NULL)
        {
          g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                       _("Elder %u in “%s”: %s"), i + 1, path, local->message);
          return -1;
        }
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (!g_hash_table_contains (cols, name) || g_str_equal (name, "id") || g_str_equal (name, "hlc") ||
              g_str_equal (name, "created_at") || g_str_equal (name, "updated_at"))
            {
              g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                           _("Elder %u in “%s”: an elder record has no field “%s”"), i + 1, path, name);
              return -1;
            }
          json_object_set_member (wanted, name, json_node_copy (value));
        }
      json_object_set_string_member (wanted, "id_number", id_number);
      if (!json_object_has_member (wanted, "birth_date"))
        json_object_set_string_member (wanted, "birth_date", birth);
      if (!json_object_has_member (wanted, "gender"))
        json_object_set_string_member (wanted, "gender", gender == 'F' ? "F" : "M");

      id = yi_store_query_string (mirror, "SELECT id FROM elders WHERE id_number = ?", id_number, NULL);
      diff = changed_fields (mirror, "elders", id, wanted);
      if (json_object_get_size (diff) == 0)
        continue;
      if (id == NULL)
        id = yi_uuid_v7_new ();
      g_ptr_array_add (changes, district_change (mirror, "elders", id, diff));
    }
  return push_district_changes (self, centre_id, changes, error);
}

int
yi_district_db_load_policy (YiDistrictDb  *self,
                            const char    *centre_id,
                            const char    *path,
                            GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) wanted = json_object_new ();
  g_autoptr(JsonObject) diff = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_sync_change_free);
  g_autofree char *document = NULL;
  g_autofree char *id = NULL;
  const char *version;
  const char *effective;
  YiStore *mirror;
  JsonObject *obj;

  mirror = yi_district_db_lock_mirror (self, centre_id, error);
  yi_district_db_unlock_mirror (self);
  if (mirror == NULL || (root = load_json_file (path, error)) == NULL)
    return -1;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED, _("A policy document must be a JSON object"));
      return -1;
    }
  obj = json_node_get_object (root);
  version = json_object_get_string_member_with_default (obj, "version", NULL);
  effective = json_object_get_string_member_with_default (obj, "effective_from", NULL);
  if (version == NULL || *version == '\0' || effective == NULL || !yi_date_is_valid (effective))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("A policy document needs a “version” and an “effective_from” date (YYYY-MM-DD)"));
      return -1;
    }
  document = json_to_string (root, FALSE);
  json_object_set_string_member (wanted, "version", version);
  json_object_set_string_member (wanted, "effective_from", effective);
  json_object_set_string_member (wanted, "document", document);

  id = yi_store_query_string (mirror, "SELECT id FROM policies WHERE version = ?", version, NULL);
  diff = changed_fields (mirror, "policies", id, wanted);
  if (json_object_get_size (diff) == 0)
    return 0;
  if (id == NULL)
    id = yi_uuid_v7_new ();
  g_ptr_array_add (changes, district_change (mirror, "policies", id, diff));
  return push_district_changes (self, centre_id, changes, error);
}
