#include "config.h"

#include "yi-card-desk.h"
#include "yi-clock.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>

char **
yi_cards_of_elder (YiStore    *store,
                   const char *elder_id)
{
  g_autoptr(GStrvBuilder) uids = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT uid FROM cards WHERE elder_id = ? AND revoked_at IS NULL ORDER BY issued_at DESC", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (uids, (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_strv_builder_end (uids);
}

char *
yi_cards_replace_lost (YiStore     *store,
                       const char  *elder_id,
                       const char  *new_uid,
                       GError     **error)
{
  g_auto(GStrv) old = yi_cards_of_elder (store, elder_id);
  g_autofree char *card_id = NULL;
  g_autofree char *normal = yi_card_uid_normalise (new_uid, error);

  if (normal == NULL)
    return NULL;
  if (g_strv_contains ((const char *const *) old, normal))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                   _("This is the card being replaced. Tap the new card."));
      return NULL;
    }
  if (!yi_store_begin (store, error))
    return NULL;
  for (guint i = 0; old[i]; i++)
    if (!yi_store_revoke_card (store, old[i], "lost", error))
      {
        yi_store_rollback (store);
        return NULL;
      }
  card_id = yi_store_issue_card (store, new_uid, elder_id, NULL, error);
  if (card_id == NULL || !yi_store_commit (store, error))
    {
      if (card_id == NULL)
        yi_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&card_id);
}

void
yi_unknown_card_free (YiUnknownCard *card)
{
  if (card == NULL)
    return;
  g_free (card->uid);
  g_free (card->why);
  g_free (card->last_date);
  g_free (card->last_time);
  g_free (card);
}

GPtrArray *
yi_cards_unknown_queue (YiStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_unknown_card_free);
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT u.uid, count(*), max(u.at), "
      "  (SELECT why FROM unknown_card_taps l WHERE l.uid = u.uid ORDER BY l.at DESC LIMIT 1) "
      "FROM unknown_card_taps u "
      "WHERE NOT EXISTS (SELECT 1 FROM cards c WHERE c.uid = u.uid AND c.revoked_at IS NULL) "
      "GROUP BY u.uid ORDER BY max(u.at) DESC", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiUnknownCard *c = g_new0 (YiUnknownCard, 1);
      gint64 at = 0;

      c->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->taps = sqlite3_column_int (stmt, 1);
      c->why = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (yi_clock_parse_utc ((const char *) sqlite3_column_text (stmt, 2), &at))
        {
          c->last_date = yi_clock_local_date (at, yi_store_get_timezone (store));
          c->last_time = yi_clock_local_hhmm (at, yi_store_get_timezone (store));
        }
      g_ptr_array_add (cards, c);
    }
  return g_steal_pointer (&cards);
}
