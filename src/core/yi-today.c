#include "config.h"

#include "yi-today.h"
#include "yi-clock.h"
#include "yi-domain.h"

#include <glib/gi18n-lib.h>

static void
yi_today_entry_free (YiTodayEntry *e)
{
  g_free (e->elder_id);
  g_free (e->name);
  g_free (e->first_in);
  g_free (e->last_out);
  g_free (e);
}

void
yi_today_free (YiToday *today)
{
  if (today == NULL)
    return;
  g_free (today->date);
  g_clear_pointer (&today->entries, g_ptr_array_unref);
  g_free (today);
}

char *
yi_today_hhmm_of (YiStore    *store,
                  const char *utc)
{
  gint64 us = 0;

  if (utc == NULL || !yi_clock_parse_utc (utc, &us))
    return NULL;
  return yi_clock_local_hhmm (us, yi_store_get_timezone (store));
}

static int
present_first (gconstpointer a,
               gconstpointer b)
{
  const YiTodayEntry *x = *(YiTodayEntry **) a;
  const YiTodayEntry *y = *(YiTodayEntry **) b;

  if (x->present != y->present)
    return x->present ? -1 : 1;
  return g_strcmp0 (x->first_in, y->first_in);
}

YiToday *
yi_today_load (YiStore     *store,
               const char  *date,
               const char  *volunteer_staff_id,
               GError     **error)
{
  g_autoptr(YiToday) today = g_new0 (YiToday, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_elder = g_hash_table_new (g_str_hash, g_str_equal);

  today->date = date ? g_strdup (date) : yi_store_today (store);
  today->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_today_entry_free);
  stmt = yi_store_prepare (store,
      "SELECT a.elder_id, e.name, a.kind, a.method, a.at FROM attendance a "
      "JOIN elders e ON e.id = a.elder_id "
      "WHERE a.local_date = ?1 "
      "AND a.id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'attendance') "
      "AND (?2 IS NULL OR a.elder_id IN ("
      "   SELECT p.elder_id FROM volunteer_pairs p JOIN staff s ON s.volunteer_id = p.volunteer_id "
      "   WHERE s.id = ?2 AND (p.until IS NULL OR p.until >= ?1))) "
      "ORDER BY a.at, a.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, volunteer_staff_id, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *elder_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      const char *method = (const char *) sqlite3_column_text (stmt, 3);
      const char *at = (const char *) sqlite3_column_text (stmt, 4);
      YiTodayEntry *e = g_hash_table_lookup (by_elder, elder_id);

      if (e == NULL)
        {
          /* A check-out with no check-in that day (a forgotten tap in the
           * morning) still shows the elder was here. */
          e = g_new0 (YiTodayEntry, 1);
          e->elder_id = g_strdup (elder_id);
          e->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (today->entries, e);
          g_hash_table_insert (by_elder, e->elder_id, e);
        }
      if (g_strcmp0 (method, "manual") == 0)
        e->manual = TRUE;
      if (g_strcmp0 (kind, "in") == 0)
        {
          if (e->first_in == NULL)
            e->first_in = yi_today_hhmm_of (store, at);
          e->present = TRUE;
        }
      else
        {
          g_free (e->last_out);
          e->last_out = yi_today_hhmm_of (store, at);
          e->present = FALSE;
        }
    }

  for (guint i = 0; i < today->entries->len; i++)
    {
      YiTodayEntry *e = today->entries->pdata[i];

      today->came++;
      if (e->present)
        today->present++;
      else
        today->left++;
    }
  g_ptr_array_sort (today->entries, present_first);
  return g_steal_pointer (&today);
}

gboolean
yi_today_is_present (YiStore    *store,
                     const char *elder_id)
{
  g_autofree char *date = yi_store_today (store);
  g_autofree char *kind = yi_store_query_string (store,
      "SELECT kind FROM attendance WHERE elder_id = ? AND local_date = ? "
      "AND id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'attendance') "
      "ORDER BY at DESC, id DESC LIMIT 1", elder_id, date, NULL);

  return g_strcmp0 (kind, "in") == 0;
}

static char *
manual (YiStore     *store,
        const char  *elder_id,
        gboolean     in,
        GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;

  name = yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL);
  if (name == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  status = yi_store_query_string (store, "SELECT status FROM elders WHERE id = ?", elder_id, NULL);
  if (g_strcmp0 (status, "active") != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("%s is marked as moved away or deceased and cannot be checked in"), name);
      return NULL;
    }
  if (in && yi_today_is_present (store, elder_id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT, _("%s is already checked in"), name);
      return NULL;
    }
  if (!in && !yi_today_is_present (store, elder_id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT, _("%s is not checked in"), name);
      return NULL;
    }
  return yi_store_manual_attendance (store, elder_id, in ? "in" : "out", error);
}

char *
yi_today_check_in (YiStore     *store,
                   const char  *elder_id,
                   GError     **error)
{
  return manual (store, elder_id, TRUE, error);
}

char *
yi_today_check_out (YiStore     *store,
                    const char  *elder_id,
                    GError     **error)
{
  return manual (store, elder_id, FALSE, error);
}
