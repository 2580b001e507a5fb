#include "config.h"

#include "yi-board.h"
#include "yi-activities.h"
#include "yi-meals.h"

static void
price_entry_free (YiPriceEntry *p)
{
  g_free (p->code);
  g_free (p->name_zh);
  g_free (p->name_en);
  g_free (p->unit);
  g_free (p);
}

static void
duty_entry_free (YiDutyEntry *d)
{
  g_free (d->staff_name);
  g_free (d->duty);
  g_free (d);
}

static void
notice_free (YiNotice *n)
{
  g_free (n->text_zh);
  g_free (n->text_en);
  g_free (n);
}

void
yi_board_free (YiBoard *board)
{
  if (board == NULL)
    return;
  g_free (board->date);
  g_free (board->centre_name);
  g_clear_pointer (&board->menus, g_ptr_array_unref);
  g_clear_pointer (&board->activities, g_ptr_array_unref);
  g_clear_pointer (&board->prices, g_ptr_array_unref);
  g_clear_pointer (&board->duty, g_ptr_array_unref);
  g_clear_pointer (&board->notices, g_ptr_array_unref);
  g_free (board);
}

static char *
col (sqlite3_stmt *stmt,
     int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
load_prices (YiStore     *store,
             YiBoard     *board,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT code, name_zh, name_en, unit, price_fen FROM service_types "
      "WHERE active = 1 ORDER BY category, code", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiPriceEntry *p = g_new0 (YiPriceEntry, 1);

      p->code = col (stmt, 0);
      p->name_zh = col (stmt, 1);
      p->name_en = col (stmt, 2);
      p->unit = col (stmt, 3);
      p->price_fen = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (board->prices, p);
    }
  return TRUE;
}

static gboolean
load_duty (YiStore     *store,
           YiBoard     *board,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT s.name, r.duty FROM duty_roster r JOIN staff s ON s.id = r.staff_id "
      "WHERE r.on_date = ? AND s.active = 1 ORDER BY s.name", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, board->date, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiDutyEntry *d = g_new0 (YiDutyEntry, 1);

      d->staff_name = col (stmt, 0);
      d->duty = col (stmt, 1);
      g_ptr_array_add (board->duty, d);
    }
  return TRUE;
}

static gboolean
load_notices (YiStore     *store,
              YiBoard     *board,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT text_zh, text_en FROM notices "
      "WHERE shown_from <= ?1 AND (shown_to IS NULL OR shown_to >= ?1) ORDER BY shown_from DESC, id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, board->date, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiNotice *n = g_new0 (YiNotice, 1);

      n->text_zh = col (stmt, 0);
      n->text_en = col (stmt, 1);
      g_ptr_array_add (board->notices, n);
    }
  return TRUE;
}

YiBoard *
yi_store_get_board (YiStore     *store,
                    const char  *date,
                    GError     **error)
{
  g_autoptr(YiBoard) board = g_new0 (YiBoard, 1);

  board->date = g_strdup (date);
  board->centre_name = yi_store_query_string (store, "SELECT name FROM centre ORDER BY id LIMIT 1", NULL);
  board->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) price_entry_free);
  board->duty = g_ptr_array_new_with_free_func ((GDestroyNotify) duty_entry_free);
  board->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) notice_free);
  board->menus = yi_store_list_menus (store, date, error);
  if (board->menus == NULL)
    return NULL;
  board->activities = yi_programme_sessions_on (store, date, error);
  if (board->activities == NULL)
    return NULL;
  if (!load_prices (store, board, error) || !load_duty (store, board, error) ||
      !load_notices (store, board, error))
    return NULL;
  return g_steal_pointer (&board);
}
