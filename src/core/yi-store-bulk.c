#include "config.h"

#include "yi-store.h"
#include "yi-store-private.h"

#include <string.h>

/* An import writes a hundred thousand records in one transaction.  In bulk
 * mode their outbox changes, audit entries and field clocks are kept here
 * and written YI_BULK_ROWS rows per INSERT: SQLite then opens its cursors
 * and ends its statement once per batch instead of once per row, which was
 * most of what each of those rows cost.  Every batch is written before the
 * transaction commits, so what commits is the same as row by row; only
 * the writer itself, inside the transaction, could see them lag, and the
 * import reads none of the three. */

#define YI_BULK_ROWS 64

typedef struct {
  const char *head;
  const char *tail;
  guint       width;
  const char *what;
} BulkTable;

static const BulkTable bulk_tables[YI_BULK_N] = {
  [YI_BULK_OUTBOX] = {
    "INSERT INTO outbox (change_id, record_table, record_id, kind, hlc, payload, created_at) VALUES ",
    "", 7, "Queueing changes for the district failed" },
  [YI_BULK_AUDIT] = {
    "INSERT INTO audit_log (id, at, device_id, staff_id, action, record_table, record_id, summary) VALUES ",
    "", 8, "Writing the audit log failed" },
  [YI_BULK_CLOCKS] = {
    "INSERT INTO field_clocks (record_table, record_id, field, hlc) VALUES ",
    " ON CONFLICT (record_table, record_id, field) DO UPDATE SET hlc = excluded.hlc",
    4, "Saving field clocks failed" },
};

static char *
bulk_sql (const BulkTable *t,
          guint            rows)
{
  GString *sql = g_string_new (t->head);

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r == 0 ? "(?" : ", (?");
      for (guint c = 1; c < t->width; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, t->tail);
  return g_string_free (sql, FALSE);
}

static gboolean
flush_table (YiStore     *self,
             YiBulkTable  which,
             GError     **error)
{
  const BulkTable *t = &bulk_tables[which];
  GArray *values = self->bulk_values[which];
  guint rows = values->len / t->width;
  g_autofree char *partial_sql = NULL;
  g_autoptr(YiCachedStmt) stmt = NULL;

  if (rows == 0)
    return TRUE;
  if (rows == YI_BULK_ROWS)
    {
      if (self->bulk_sql[which] == NULL)
        self->bulk_sql[which] = bulk_sql (t, YI_BULK_ROWS);
      stmt = yi_store_prepare_cached (self, self->bulk_sql[which], error);
    }
  else
    {
      /* The last, shorter batch of a transaction: prepared once and let go. */
      partial_sql = bulk_sql (t, rows);
      stmt = yi_store_prepare (self, partial_sql, error);
    }
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      gssize at = g_array_index (values, gssize, i);

      if (at < 0)
        sqlite3_bind_null (stmt, (int) i + 1);
      else
        sqlite3_bind_text (stmt, (int) i + 1, self->bulk_text[which]->str + at,
                           (int) strlen (self->bulk_text[which]->str + at), SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      yi_store_set_sql_error (self, error, t->what);
      if (partial_sql != NULL)
        sqlite3_finalize (g_steal_pointer (&stmt));
      return FALSE;
    }
  if (partial_sql != NULL)
    sqlite3_finalize (g_steal_pointer (&stmt));
  else
    g_clear_pointer (&stmt, yi_store_release);
  g_array_set_size (values, 0);
  g_string_truncate (self->bulk_text[which], 0);
  return TRUE;
}

gboolean
yi_store_bulk_add (YiStore      *self,
                   YiBulkTable   which,
                   const char  **values,
                   GError      **error)
{
  const BulkTable *t = &bulk_tables[which];

  g_assert (self->bulk);
  if (self->bulk_values[which] == NULL)
    {
      self->bulk_values[which] = g_array_sized_new (FALSE, FALSE, sizeof (gssize), YI_BULK_ROWS * t->width);
      self->bulk_text[which] = g_string_sized_new (YI_BULK_ROWS * 256);
    }
  /* The values go one after the other into one buffer, bound in place
   * when the batch is written: no allocation per value. */
  for (guint c = 0; c < t->width; c++)
    {
      gssize at = -1;

      if (values[c] != NULL)
        {
          at = (gssize) self->bulk_text[which]->len;
          g_string_append_len (self->bulk_text[which], values[c], (gssize) strlen (values[c]) + 1);
        }
      g_array_append_val (self->bulk_values[which], at);
    }
  if (self->bulk_values[which]->len < YI_BULK_ROWS * t->width)
    return TRUE;
  return flush_table (self, which, error);
}

gboolean
yi_store_bulk_flush (YiStore  *self,
                     GError  **error)
{
  for (guint i = 0; i < YI_BULK_N; i++)
    if (self->bulk_values[i] != NULL && !flush_table (self, i, error))
      return FALSE;
  return TRUE;
}

void
yi_store_bulk_end (YiStore *self)
{
  self->bulk = FALSE;
  for (guint i = 0; i < YI_BULK_N; i++)
    if (self->bulk_values[i] != NULL)
      {
        g_array_set_size (self->bulk_values[i], 0);
        g_string_truncate (self->bulk_text[i], 0);
      }
}

void
yi_store_bulk_free (YiStore *self)
{
  for (guint i = 0; i < YI_BULK_N; i++)
    {
      g_clear_pointer (&self->bulk_values[i], g_array_unref);
      if (self->bulk_text[i] != NULL)
        g_string_free (g_steal_pointer (&self->bulk_text[i]), TRUE);
      g_clear_pointer (&self->bulk_sql[i], g_free);
    }
}

gboolean
yi_store_begin_bulk (YiStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (YI_IS_STORE (self), FALSE);

  if (!yi_store_begin (self, error))
    return FALSE;
  self->bulk = TRUE;
  return TRUE;
}
