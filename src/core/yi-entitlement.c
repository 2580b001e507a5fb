#include "config.h"

#include "yi-entitlement.h"
#include "yi-clock.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
yi_entitlement_free (YiEntitlement *ent)
{
  if (ent == NULL)
    return;
  g_free (ent->elder_id);
  g_free (ent->date);
  g_free (ent->status);
  g_clear_object (&ent->policy);
  g_free (ent->policy_id);
  g_free (ent->tier_rule);
  g_free (ent->tier_category);
  g_free (ent->allowance_rule);
  g_free (ent->allowance_category);
  g_free (ent->period);
  g_free (ent);
}

gboolean
yi_entitlement_is_active (const YiEntitlement *ent)
{
  return g_strcmp0 (ent->status, "active") == 0;
}

char *
yi_period_of (YiPeriodKind  kind,
              const char   *date)
{
  return g_strndup (date, kind == YI_PERIOD_MONTH ? 7 : 4);
}

/* Parsed policies, kept on the store by id and clock so a re-synced
 * document is parsed again but an unchanged one only once. */
static YiPolicy *
cached_policy (YiStore     *store,
               const char  *id,
               const char  *hlc,
               const char  *document,
               GError     **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), "yi-policy-cache");
  g_autofree char *key = g_strconcat (id, "@", hlc, NULL);
  YiPolicy *policy;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_object_set_data_full (G_OBJECT (store), "yi-policy-cache", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  policy = g_hash_table_lookup (cache, key);
  if (policy != NULL)
    return g_object_ref (policy);

  policy = yi_policy_new_from_data (document, -1, error);
  if (policy == NULL)
    return NULL;
  g_hash_table_insert (cache, g_steal_pointer (&key), g_object_ref (policy));
  return policy;
}

YiPolicy *
yi_store_get_policy_for_date (YiStore     *store,
                              const char  *date,
                              char       **policy_id,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT id, hlc, document, version FROM policies WHERE effective_from <= ? "
      "ORDER BY effective_from DESC, version DESC, id DESC LIMIT 1", error);
  g_autoptr(YiPolicy) policy = NULL;
  g_autoptr(GError) local = NULL;

  if (policy_id)
    *policy_id = NULL;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  policy = cached_policy (store, (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2), &local);
  if (policy == NULL)
    {
      g_set_error (error, YI_POLICY_ERROR, YI_POLICY_ERROR_INVALID,
                   _("The subsidy policy version %s in force on %s cannot be used: %s. "
                     "Nothing is charged until the district publishes a readable one."),
                   (const char *) sqlite3_column_text (stmt, 3), date, local->message);
      return NULL;
    }
  /* A policy with an end date that has passed leaves no policy, rather than
   * reviving an older one the district has replaced. */
  if (!yi_policy_is_in_force (policy, date))
    return NULL;
  if (policy_id)
    *policy_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return g_steal_pointer (&policy);
}

char *
yi_store_save_policy (YiStore     *store,
                      const char  *document,
                      gssize       length,
                      gboolean    *already_loaded,
                      GError     **error)
{
  g_autoptr(YiPolicy) policy = yi_policy_new_from_data (document, length, error);
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(sqlite3_stmt) same = NULL;
  g_autofree char *id = NULL;

  if (already_loaded)
    *already_loaded = FALSE;
  if (policy == NULL)
    return NULL;

  same = yi_store_prepare (store,
      "SELECT id, document, version, effective_from FROM policies WHERE version = ? OR effective_from = ?", error);
  if (same == NULL)
    return NULL;
  sqlite3_bind_text (same, 1, yi_policy_get_version (policy), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (same, 2, yi_policy_get_effective_from (policy), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (same) == SQLITE_ROW)
    {
      const char *other_version = (const char *) sqlite3_column_text (same, 2);

      if (g_strcmp0 ((const char *) sqlite3_column_text (same, 1), yi_policy_get_document (policy)) == 0)
        {
          if (already_loaded)
            *already_loaded = TRUE;
          return g_strdup ((const char *) sqlite3_column_text (same, 0));
        }
      if (g_strcmp0 (other_version, yi_policy_get_version (policy)) == 0)
        g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                     _("Policy version %s is already loaded with different content. "
                       "A published version never changes: give the new document a new version."),
                     other_version);
      else
        g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                     _("Policy version %s already takes effect on %s. "
                       "Two policies cannot start on the same day; give one a different effective date."),
                     other_version, (const char *) sqlite3_column_text (same, 3));
      return NULL;
    }

  id = yi_uuid_v7_new ();
  fields = json_object_new ();
  json_object_set_string_member (fields, "version", yi_policy_get_version (policy));
  json_object_set_string_member (fields, "effective_from", yi_policy_get_effective_from (policy));
  json_object_set_string_member (fields, "document", yi_policy_get_document (policy));
  if (!yi_store_put_entity (store, "policies", id, fields, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* The status in force on @date: the latest dated change not after it (a
 * moved elder may come back), else the elder row's own status and date. */
static char *
status_on (YiStore    *store,
           const char *elder_id,
           const char *date)
{
  char *status = yi_store_query_string (store,
      "SELECT status FROM elder_status_changes c WHERE elder_id = ? AND effective_date <= ? "
      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = c.id) "
      "ORDER BY effective_date DESC, at DESC LIMIT 1", elder_id, date, NULL);

  if (status != NULL)
    return status;
  if (yi_store_count (store,
                      "SELECT count(*) FROM elder_status_changes c WHERE elder_id = ? "
                      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = c.id)",
                      elder_id, NULL) > 0)
    return g_strdup ("active");   /* every recorded change is later than @date */
  return yi_store_query_string (store,
      "SELECT CASE WHEN status <> 'active' AND (status_date IS NULL OR status_date <= ?2) "
      "THEN status ELSE 'active' END FROM elders WHERE id = ?1", elder_id, date, NULL);
}

static GStrv
categories_on (YiStore     *store,
               const char  *elder_id,
               const char  *date,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT DISTINCT category FROM elder_categories WHERE elder_id = ?1 AND removed = 0 "
      "AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?2) ORDER BY category", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  return g_strv_builder_end (builder);
}

YiEntitlement *
yi_store_get_entitlement (YiStore     *store,
                          const char  *elder_id,
                          const char  *date,
                          GError     **error)
{
  g_autoptr(YiEntitlement) ent = g_new0 (YiEntitlement, 1);
  g_autofree char *birth = NULL;
  g_auto(GStrv) held = NULL;
  YiPolicyMatch match;
  GError *local = NULL;

  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("“%s” is not a date written as YYYY-MM-DD"), date ? date : "");
      return NULL;
    }
  birth = yi_store_query_string (store, "SELECT birth_date FROM elders WHERE id = ?", elder_id, NULL);
  if (birth == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   _("No elder is registered under this record"));
      return NULL;
    }

  ent->elder_id = g_strdup (elder_id);
  ent->date = g_strdup (date);
  ent->age = yi_age_on (birth, date);
  ent->status = status_on (store, elder_id, date);
  ent->period = yi_period_of (YI_PERIOD_MONTH, date);
  ent->policy = yi_store_get_policy_for_date (store, date, &ent->policy_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (ent->policy == NULL || !yi_entitlement_is_active (ent))
    return g_steal_pointer (&ent);

  held = categories_on (store, elder_id, date, error);
  if (held == NULL)
    return NULL;
  yi_policy_match (ent->policy, (const char * const *) held, ent->age, &match);
  if (match.tier_rule != NULL)
    {
      ent->tier = match.tier_rule->tier;
      ent->tier_rule = g_strdup (match.tier_rule->id);
      ent->tier_category = g_strdup (match.tier_category);
    }
  if (match.allowance != NULL)
    {
      ent->allowance_rule = g_strdup (match.allowance->id);
      ent->allowance_category = g_strdup (match.allowance_category);
      ent->allowance_fen = match.allowance->amount_fen;
      ent->period_kind = match.allowance->period;
      ent->roll_over = match.allowance->roll_over;
      g_free (ent->period);
      ent->period = yi_period_of (ent->period_kind, date);
    }
  return g_steal_pointer (&ent);
}
