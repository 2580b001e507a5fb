#include "config.h"

#include "yi-welfare.h"
#include "yi-clock.h"
#include "yi-staff-session.h"
#include "yi-today.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define NOT_VOIDED(alias) alias ".id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'welfare_calls')"

static const struct {
  const char *code;
  const char *label;
} outcomes[] = {
  { "fine",       NC_("staff", "Fine") },
  { "no_answer",  NC_("staff", "No answer") },
  { "unwell",     NC_("staff", "Unwell") },
  { "home_visit", NC_("staff", "Needs a home visit") },
  { "resolved",   NC_("staff", "Resolved") },
};

gboolean
yi_welfare_outcome_is_known (const char *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcomes[i].code, outcome) == 0)
      return TRUE;
  return FALSE;
}

const char *
yi_welfare_outcome_label (const char *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcomes[i].code, outcome) == 0)
      return YI_STAFF_GETTEXT (outcomes[i].label);
  return outcome;
}

char *
yi_welfare_reasons_label (guint reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & YI_WELFARE_ALONE)
    g_ptr_array_add (parts, (gpointer) _("Lives alone"));
  if (reasons & YI_WELFARE_EMPTY_NEST)
    g_ptr_array_add (parts, (gpointer) C_("staff", "Empty nest"));
  if (reasons & YI_WELFARE_ADVANCED_AGE)
    g_ptr_array_add (parts, (gpointer) _("80 or over"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

void
yi_welfare_item_free (YiWelfareItem *item)
{
  if (item == NULL)
    return;
  g_free (item->elder_id);
  g_free (item->name);
  g_free (item->phone);
  g_free (item->contact_name);
  g_free (item->contact_phone);
  g_free (item->outcome);
  g_free (item->call_date);
  g_free (item->called_at);
  g_free (item->note);
  g_free (item);
}

char *
yi_welfare_call_time (YiStore *store)
{
  char *t = yi_store_query_string (store, "SELECT welfare_call_at FROM centre ORDER BY id LIMIT 1", NULL);

  return t ? t : g_strdup ("10:00");
}

gboolean
yi_welfare_list_is_open (YiStore *store)
{
  g_autofree char *at = yi_welfare_call_time (store);
  g_autofree char *now = yi_clock_local_hhmm (yi_clock_now_us (), yi_store_get_timezone (store));

  return strcmp (now, at) >= 0;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

#define CONTACT_COLUMNS \
  "(SELECT k.name FROM elder_contacts k WHERE k.elder_id = e.id AND k.removed = 0 ORDER BY k.priority, k.id LIMIT 1), " \
  "(SELECT k.phone FROM elder_contacts k WHERE k.elder_id = e.id AND k.removed = 0 ORDER BY k.priority, k.id LIMIT 1)"

#define VOLUNTEER_FILTER(param, date) \
  "(" param " IS NULL OR e.id IN (SELECT p.elder_id FROM volunteer_pairs p " \
  "JOIN staff s ON s.volunteer_id = p.volunteer_id WHERE s.id = " param \
  " AND (p.until IS NULL OR p.until >= " date ")))"

#define HAS_CATEGORY(code) \
  "EXISTS (SELECT 1 FROM elder_categories c WHERE c.elder_id = e.id AND c.removed = 0 " \
  "AND c.category = '" code "' AND c.valid_from <= ?1 AND (c.valid_to IS NULL OR c.valid_to >= ?1))"

static int
uncalled_first (gconstpointer a,
                gconstpointer b)
{
  const YiWelfareItem *x = *(YiWelfareItem **) a;
  const YiWelfareItem *y = *(YiWelfareItem **) b;

  if ((x->outcome == NULL) != (y->outcome == NULL))
    return x->outcome == NULL ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

GPtrArray *
yi_welfare_due (YiStore     *store,
                const char  *volunteer_staff_id,
                GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_welfare_item_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) call = NULL;
  g_autofree char *today = yi_store_today (store);
  int weekday = yi_date_weekday (today);

  if (!yi_welfare_list_is_open (store))
    return g_steal_pointer (&items);

  stmt = yi_store_prepare (store,
      "SELECT e.id, e.name, e.phone, e.birth_date, e.living_arrangement, "
      HAS_CATEGORY ("alone") ", " HAS_CATEGORY ("empty_nest") ", " HAS_CATEGORY ("advanced_age") ", "
      CONTACT_COLUMNS " FROM elders e "
      "WHERE e.status = 'active' AND (e.expected_weekdays & ?2) != 0 "
      "AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.elder_id = e.id AND a.local_date = ?1 "
      "  AND a.kind = 'in' AND a.id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'attendance')) "
      "AND " VOLUNTEER_FILTER ("?3", "?1") " ORDER BY e.name", error);
  call = yi_store_prepare (store,
      "SELECT w.outcome, w.at, w.note FROM welfare_calls w WHERE w.elder_id = ? AND w.call_date = ? "
      "AND " NOT_VOIDED ("w") " ORDER BY w.at DESC, w.id DESC LIMIT 1", error);
  if (stmt == NULL || call == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, 1 << (weekday - 1));
  sqlite3_bind_text (stmt, 3, volunteer_staff_id, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *living = (const char *) sqlite3_column_text (stmt, 4);
      int age = yi_age_on ((const char *) sqlite3_column_text (stmt, 3), today);
      guint reasons = 0;
      YiWelfareItem *item;

      if (g_strcmp0 (living, "alone") == 0 || sqlite3_column_int (stmt, 5))
        reasons |= YI_WELFARE_ALONE;
      if (g_strcmp0 (living, "empty_nest") == 0 || sqlite3_column_int (stmt, 6))
        reasons |= YI_WELFARE_EMPTY_NEST;
      if (age >= 80 || sqlite3_column_int (stmt, 7))
        reasons |= YI_WELFARE_ADVANCED_AGE;
      if (reasons == 0)
        continue;

      item = g_new0 (YiWelfareItem, 1);
      item->elder_id = column_dup (stmt, 0);
      item->name = column_dup (stmt, 1);
      item->phone = column_dup (stmt, 2);
      item->contact_name = column_dup (stmt, 8);
      item->contact_phone = column_dup (stmt, 9);
      item->age = age;
      item->reasons = reasons;

      sqlite3_reset (call);
      sqlite3_bind_text (call, 1, item->elder_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (call, 2, today, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (call) == SQLITE_ROW)
        {
          item->outcome = column_dup (call, 0);
          item->called_at = yi_today_hhmm_of (store, (const char *) sqlite3_column_text (call, 1));
          item->note = column_dup (call, 2);
          item->call_date = g_strdup (today);
        }
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, uncalled_first);
  return g_steal_pointer (&items);
}

GPtrArray *
yi_welfare_follow_ups (YiStore     *store,
                       const char  *volunteer_staff_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_welfare_item_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = yi_store_today (store);

  /* A later "fine" call does not close a follow-up: someone has to look
   * into it and say so. */
  stmt = yi_store_prepare (store,
      "SELECT e.id, e.name, e.phone, e.birth_date, w.outcome, w.call_date, w.at, w.note, "
      CONTACT_COLUMNS " FROM welfare_calls w JOIN elders e ON e.id = w.elder_id "
      "WHERE w.id = (SELECT x.id FROM welfare_calls x WHERE x.elder_id = w.elder_id "
      "              AND x.outcome != 'fine' AND " NOT_VOIDED ("x")
      "              ORDER BY x.at DESC, x.id DESC LIMIT 1) "
      "AND w.outcome IN ('no_answer', 'unwell', 'home_visit') "
      "AND " VOLUNTEER_FILTER ("?2", "?1") " ORDER BY w.at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, volunteer_staff_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiWelfareItem *item = g_new0 (YiWelfareItem, 1);

      item->elder_id = column_dup (stmt, 0);
      item->name = column_dup (stmt, 1);
      item->phone = column_dup (stmt, 2);
      item->age = yi_age_on ((const char *) sqlite3_column_text (stmt, 3), today);
      item->outcome = column_dup (stmt, 4);
      item->call_date = column_dup (stmt, 5);
      item->called_at = yi_today_hhmm_of (store, (const char *) sqlite3_column_text (stmt, 6));
      item->note = column_dup (stmt, 7);
      item->contact_name = column_dup (stmt, 8);
      item->contact_phone = column_dup (stmt, 9);
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

static gboolean
has_open_follow_up (YiStore    *store,
                    const char *elder_id)
{
  g_autofree char *last = yi_store_query_string (store,
      "SELECT outcome FROM welfare_calls x WHERE elder_id = ? AND outcome != 'fine' AND " NOT_VOIDED ("x")
      " ORDER BY at DESC, id DESC LIMIT 1", elder_id, NULL);

  return last != NULL && g_strcmp0 (last, "resolved") != 0;
}

char *
yi_welfare_record_call (YiStore     *store,
                        const char  *elder_id,
                        const char  *outcome,
                        const char  *note,
                        GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *name = NULL;
  g_autofree char *today = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (note ? note : ""));

  if (!yi_welfare_outcome_is_known (outcome))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Choose how the call went: fine, no answer, unwell or needs a home visit"));
      return NULL;
    }
  name = yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL);
  if (name == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  if (g_strcmp0 (outcome, "resolved") == 0 && !has_open_follow_up (store, elder_id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("%s has nothing waiting for follow-up"), name);
      return NULL;
    }
  today = yi_store_today (store);
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "call_date", today);
  json_object_set_string_member (f, "outcome", outcome);
  if (*trimmed != '\0')
    json_object_set_string_member (f, "note", trimmed);
  return yi_store_append_event (store, "welfare_calls", f, error);
}
