/* The kiosk side of the sync fault test, as its own process so the test
 * can kill -9 it at any moment:
 *
 *   yi-sync-test-kiosk work DB URL TARGET SEED
 *       records check-ins (25 per transaction) and edits the shared elder
 *       records until this device has made TARGET check-ins, running a
 *       sync round after each step, then syncs until nothing is pending.
 *   yi-sync-test-kiosk final DB
 *       syncs until a round succeeds with nothing pending.
 *
 * Exit status 0 when done; anything else means "run me again". */

#include "config.h"

#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-client.h"

#include <stdlib.h>

static gboolean
one_round (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiSyncClient) client = yi_sync_client_new (store, &error);

  return client != NULL && yi_sync_client_run_round (client, NULL, &error);
}

static int
sync_until_settled (YiStore *store)
{
  for (int i = 0; i < 600; i++)
    {
      if (one_round (store) && yi_store_outbox_count_state (store, "pending") == 0)
        return 0;
      g_usleep (50 * 1000);
    }
  return 3;
}

static GPtrArray *
elder_ids (YiStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store, "SELECT id FROM elders ORDER BY id", NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return ids;
}

static gboolean
record_step (YiStore  *store,
             GRand    *rng,
             GPtrArray *elders,
             gint64    count,
             gint64    target,
             GError  **error)
{
  gint64 n = MIN (25, target - count);

  if (!yi_store_begin (store, error))
    return FALSE;
  for (gint64 i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = NULL;
      g_autofree char *uid = g_strdup_printf ("04%012X", g_rand_int (rng));

      json_object_set_string_member (fields, "elder_id", g_ptr_array_index (elders, g_rand_int_range (rng, 0, elders->len)));
      json_object_set_string_member (fields, "kind", (count + i) % 2 ? "out" : "in");
      json_object_set_string_member (fields, "method", "card");
      json_object_set_string_member (fields, "card_uid", uid);
      if ((id = yi_store_append_event (store, "attendance", fields, error)) == NULL)
        {
          yi_store_rollback (store);
          return FALSE;
        }
    }
  if (!yi_store_commit (store, error))
    return FALSE;

  /* Both kiosks edit the same elders: phone on both, one field each. */
  if (g_rand_boolean (rng))
    {
      g_autoptr(JsonObject) edit = json_object_new ();
      g_autofree char *phone = g_strdup_printf ("139%08u", g_rand_int_range (rng, 0, 99999999));
      g_autofree char *note = g_strdup_printf ("%s %" G_GINT64_FORMAT, yi_store_get_device_id (store), count);
      const char *own_field = g_str_has_suffix (yi_store_get_path (store), "a.db") ? "notes" : "address";

      json_object_set_string_member (edit, "phone", phone);
      json_object_set_string_member (edit, own_field, note);
      if (!yi_store_put_entity (store, "elders", g_ptr_array_index (elders, g_rand_int_range (rng, 0, elders->len)),
                                edit, error))
        return FALSE;
    }
  return TRUE;
}

static int
work (const char *db, const char *url, gint64 target, guint32 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (db, &error);
  g_autoptr(GRand) rng = NULL;
  g_autofree char *current = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  rng = g_rand_new_with_seed (seed ^ (guint32) g_get_monotonic_time ());
  current = yi_store_get_meta (store, YI_SYNC_META_URL);
  if (g_strcmp0 (current, url) != 0 && !yi_store_set_meta (store, YI_SYNC_META_URL, url, &error))
    return 1;

  for (;;)
    {
      g_autoptr(GPtrArray) elders = elder_ids (store);
      gint64 mine = yi_store_count (store, "SELECT count(*) FROM attendance WHERE device_id = ?",
                                    yi_store_get_device_id (store), NULL);

      if (mine >= target)
        break;
      if (elders->len > 0 && !record_step (store, rng, elders, mine, target, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      one_round (store);
    }
  return sync_until_settled (store);
}

int
main (int argc, char **argv)
{
  if (argc == 6 && g_str_equal (argv[1], "work"))
    return work (argv[2], argv[3], g_ascii_strtoll (argv[4], NULL, 10), (guint32) atoi (argv[5]));
  if (argc == 3 && g_str_equal (argv[1], "final"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(YiStore) store = yi_store_open (argv[2], &error);

      if (store == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return sync_until_settled (store);
    }
  g_printerr ("usage: yi-sync-test-kiosk work DB URL TARGET SEED | final DB\n");
  return 2;
}
