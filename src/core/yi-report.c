#include "config.h"

#include "yi-report-private.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct {
  char              *id;
  char              *title;
  YiReportValueKind  kind;
  int                num;
  int                den;
  gboolean           den_from_total;
} YiReportColumn;

typedef struct {
  char     *key;
  char     *label;
  gboolean  total;
  gint64   *values;
} YiReportRow;

struct _YiReportTable {
  char       *id;
  char       *section;
  char       *title;
  char       *row_header;
  char       *note;
  gboolean    series;
  GPtrArray  *columns;
  GPtrArray  *rows;
  GHashTable *index;
  guint       n_alloc;
};

struct _YiReport {
  GObject     parent_instance;
  char       *title;
  char       *from;
  char       *to;
  char       *generated_at;
  guint       n_centres;
  GPtrArray  *tables;
};

G_DEFINE_TYPE (YiReport, yi_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (yi-report-error-quark, yi_report_error)

#define MAX_COLUMNS 12

static void
column_free (YiReportColumn *c)
{
  g_free (c->id);
  g_free (c->title);
  g_free (c);
}

static void
row_free (YiReportRow *r)
{
  g_free (r->key);
  g_free (r->label);
  g_free (r->values);
  g_free (r);
}

static void
table_free (YiReportTable *t)
{
  g_free (t->id);
  g_free (t->section);
  g_free (t->title);
  g_free (t->row_header);
  g_free (t->note);
  g_ptr_array_unref (t->columns);
  g_ptr_array_unref (t->rows);
  g_hash_table_unref (t->index);
  g_free (t);
}

static void
yi_report_finalize (GObject *object)
{
  YiReport *self = YI_REPORT (object);

  g_free (self->title);
  g_free (self->from);
  g_free (self->to);
  g_free (self->generated_at);
  g_ptr_array_unref (self->tables);
  G_OBJECT_CLASS (yi_report_parent_class)->finalize (object);
}

static void
yi_report_class_init (YiReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_report_finalize;
}

static void
yi_report_init (YiReport *self)
{
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  self->n_centres = 1;
}

YiReport *
yi_report_new_empty (const char *title,
                     const char *from,
                     const char *to)
{
  YiReport *self = g_object_new (YI_TYPE_REPORT, NULL);

  self->title = g_strdup (title);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  return self;
}

YiReport *
yi_report_new (const char *title,
               const char *from,
               const char *to)
{
  YiReport *self = yi_report_new_empty (title, from, to);

  self->generated_at = yi_clock_format_utc (yi_clock_now_us ());
  self->n_centres = 0;
  yi_report_build_layout (self);
  return self;
}

YiReportTable *
yi_report_add_table (YiReport   *self,
                     const char *id,
                     const char *section,
                     const char *title,
                     const char *row_header,
                     gboolean    series)
{
  YiReportTable *t = g_new0 (YiReportTable, 1);

  t->id = g_strdup (id);
  t->section = g_strdup (section);
  t->title = g_strdup (title);
  t->row_header = g_strdup (row_header);
  t->series = series;
  t->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  t->index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (self->tables, t);
  return t;
}

void
yi_report_table_set_note (YiReportTable *table,
                          const char    *note)
{
  g_free (table->note);
  table->note = g_strdup (note);
}

static int
column_index (YiReportTable *t,
              const char    *id)
{
  for (guint i = 0; i < t->columns->len; i++)
    if (strcmp (((YiReportColumn *) t->columns->pdata[i])->id, id) == 0)
      return (int) i;
  return -1;
}

static YiReportColumn *
add_column (YiReportTable     *t,
            const char        *id,
            const char        *title,
            YiReportValueKind  kind)
{
  YiReportColumn *c = g_new0 (YiReportColumn, 1);

  /* Columns are fixed before the first row is made. */
  g_return_val_if_fail (t->rows->len == 0, NULL);
  g_return_val_if_fail (t->columns->len < MAX_COLUMNS, NULL);
  c->id = g_strdup (id);
  c->title = g_strdup (title);
  c->kind = kind;
  c->num = c->den = -1;
  g_ptr_array_add (t->columns, c);
  return c;
}

void
yi_report_table_add_column (YiReportTable     *table,
                            const char        *id,
                            const char        *title,
                            YiReportValueKind  kind)
{
  g_return_if_fail (kind != YI_REPORT_VALUE_PERCENT && kind != YI_REPORT_VALUE_RATIO);
  add_column (table, id, title, kind);
}

void
yi_report_table_add_derived (YiReportTable     *table,
                             const char        *id,
                             const char        *title,
                             YiReportValueKind  kind,
                             const char        *num,
                             const char        *den,
                             gboolean           den_from_total)
{
  int n = column_index (table, num);
  int d = column_index (table, den);
  YiReportColumn *c;

  g_return_if_fail (n >= 0 && d >= 0);
  c = add_column (table, id, title, kind);
  c->num = n;
  c->den = d;
  c->den_from_total = den_from_total;
}

guint
yi_report_table_ensure_row (YiReportTable *table,
                            const char    *key,
                            const char    *label,
                            gboolean       total)
{
  YiReportRow *r = g_hash_table_lookup (table->index, key);
  guint pos;

  if (r != NULL)
    {
      for (guint i = 0; i < table->rows->len; i++)
        if (table->rows->pdata[i] == r)
          return i;
    }
  r = g_new0 (YiReportRow, 1);
  r->key = g_strdup (key);
  r->label = g_strdup (label ? label : key);
  r->total = total;
  r->values = g_new0 (gint64, MAX_COLUMNS);
  pos = table->rows->len;
  if (!total)
    while (pos > 0 && ((YiReportRow *) table->rows->pdata[pos - 1])->total)
      pos--;
  g_ptr_array_insert (table->rows, (int) pos, r);
  g_hash_table_insert (table->index, r->key, r);
  return pos;
}

void
yi_report_table_add_value (YiReportTable *table,
                           const char    *row_key,
                           const char    *column_id,
                           gint64         delta)
{
  YiReportRow *r = g_hash_table_lookup (table->index, row_key);
  int c = column_index (table, column_id);

  g_return_if_fail (c >= 0);
  if (r == NULL)
    {
      yi_report_table_ensure_row (table, row_key, row_key, FALSE);
      r = g_hash_table_lookup (table->index, row_key);
    }
  r->values[c] += delta;
}

void
yi_report_set_n_centres (YiReport *self,
                         guint     n)
{
  self->n_centres = n;
}

void
yi_report_set_generated_at (YiReport   *self,
                            const char *utc)
{
  g_free (self->generated_at);
  self->generated_at = g_strdup (utc);
}

static int
compare_rows_by_key (gconstpointer a,
                     gconstpointer b)
{
  const YiReportRow *ra = *(YiReportRow **) a;
  const YiReportRow *rb = *(YiReportRow **) b;

  if (ra->total != rb->total)
    return ra->total ? 1 : -1;
  return strcmp (ra->key, rb->key);
}

gboolean
yi_report_add (YiReport  *self,
               YiReport  *other,
               GError   **error)
{
  g_return_val_if_fail (YI_IS_REPORT (self), FALSE);
  g_return_val_if_fail (YI_IS_REPORT (other), FALSE);

  if (strcmp (self->from, other->from) != 0 || strcmp (self->to, other->to) != 0)
    {
      g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_MISMATCH,
                   C_("report", "Reports for different periods cannot be added up (%s to %s and %s to %s)"),
                   self->from, self->to, other->from, other->to);
      return FALSE;
    }

  for (guint i = 0; i < other->tables->len; i++)
    {
      YiReportTable *src = other->tables->pdata[i];
      YiReportTable *dst = yi_report_get_table (self, src->id);

      if (dst == NULL)
        {
          g_set_error (error, YI_REPORT_ERROR, YI_REPORT_ERROR_MISMATCH,
                       C_("report", "The report from another centre has a table this version does not know (%s)"),
                       src->id);
          return FALSE;
        }
      for (guint r = 0; r < src->rows->len; r++)
        {
          YiReportRow *sr = src->rows->pdata[r];

          yi_report_table_ensure_row (dst, sr->key, sr->label, sr->total);
          for (guint c = 0; c < src->columns->len; c++)
            {
              YiReportColumn *col = src->columns->pdata[c];

              if (col->kind != YI_REPORT_VALUE_PERCENT && col->kind != YI_REPORT_VALUE_RATIO)
                yi_report_table_add_value (dst, sr->key, col->id, sr->values[c]);
            }
        }
      if (dst->series)
        g_ptr_array_sort (dst->rows, compare_rows_by_key);
    }
  self->n_centres += other->n_centres;
  if (self->generated_at == NULL || g_strcmp0 (other->generated_at, self->generated_at) < 0)
    {
      /* The sum is only as fresh as its oldest part. */
      g_free (self->generated_at);
      self->generated_at = g_strdup (other->generated_at);
    }
  return TRUE;
}

const char *
yi_report_get_title (YiReport *self)
{
  return self->title;
}

void
yi_report_set_title (YiReport   *self,
                     const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
yi_report_get_from (YiReport *self)
{
  return self->from;
}

const char *
yi_report_get_to (YiReport *self)
{
  return self->to;
}

const char *
yi_report_get_generated_at (YiReport *self)
{
  return self->generated_at;
}

guint
yi_report_get_n_centres (YiReport *self)
{
  return self->n_centres;
}

GPtrArray *
yi_report_get_tables (YiReport *self)
{
  return self->tables;
}

YiReportTable *
yi_report_get_table (YiReport   *self,
                     const char *table_id)
{
  for (guint i = 0; i < self->tables->len; i++)
    if (strcmp (((YiReportTable *) self->tables->pdata[i])->id, table_id) == 0)
      return self->tables->pdata[i];
  return NULL;
}

static gboolean
locate (YiReport      *self,
        const char    *table_id,
        const char    *row_key,
        const char    *column_id,
        YiReportTable **table,
        guint         *row,
        guint         *column)
{
  YiReportTable *t = yi_report_get_table (self, table_id);
  YiReportRow *r;
  int c;

  if (t == NULL || (c = column_index (t, column_id)) < 0)
    return FALSE;
  r = g_hash_table_lookup (t->index, row_key);
  if (r == NULL)
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    if (t->rows->pdata[i] == r)
      {
        *table = t;
        *row = i;
        *column = (guint) c;
        return TRUE;
      }
  return FALSE;
}

gint64
yi_report_get_value (YiReport   *self,
                     const char *table_id,
                     const char *row_key,
                     const char *column_id)
{
  YiReportTable *t;
  guint r, c;

  if (!locate (self, table_id, row_key, column_id, &t, &r, &c))
    return 0;
  return yi_report_table_get_raw (t, r, c);
}

double
yi_report_get_number (YiReport   *self,
                      const char *table_id,
                      const char *row_key,
                      const char *column_id)
{
  YiReportTable *t;
  guint r, c;

  if (!locate (self, table_id, row_key, column_id, &t, &r, &c))
    return 0;
  return yi_report_table_get_number (t, r, c);
}

char *
yi_report_format_value (YiReport   *self,
                        const char *table_id,
                        const char *row_key,
                        const char *column_id)
{
  YiReportTable *t;
  guint r, c;

  if (!locate (self, table_id, row_key, column_id, &t, &r, &c))
    return g_strdup ("—");
  return yi_report_table_format_cell (t, r, c);
}

const char *
yi_report_table_get_id (YiReportTable *table)
{
  return table->id;
}

const char *
yi_report_table_get_section (YiReportTable *table)
{
  return table->section;
}

const char *
yi_report_table_get_title (YiReportTable *table)
{
  return table->title;
}

const char *
yi_report_table_get_row_header (YiReportTable *table)
{
  return table->row_header;
}

const char *
yi_report_table_get_note (YiReportTable *table)
{
  return table->note;
}

gboolean
yi_report_table_is_series (YiReportTable *table)
{
  return table->series;
}

guint
yi_report_table_get_n_columns (YiReportTable *table)
{
  return table->columns->len;
}

const char *
yi_report_table_get_column_id (YiReportTable *table,
                               guint          column)
{
  return ((YiReportColumn *) table->columns->pdata[column])->id;
}

const char *
yi_report_table_get_column_title (YiReportTable *table,
                                  guint          column)
{
  return ((YiReportColumn *) table->columns->pdata[column])->title;
}

YiReportValueKind
yi_report_table_get_column_kind (YiReportTable *table,
                                 guint          column)
{
  return ((YiReportColumn *) table->columns->pdata[column])->kind;
}

guint
yi_report_table_get_n_rows (YiReportTable *table)
{
  return table->rows->len;
}

const char *
yi_report_table_get_row_key (YiReportTable *table,
                             guint          row)
{
  return ((YiReportRow *) table->rows->pdata[row])->key;
}

const char *
yi_report_table_get_row_label (YiReportTable *table,
                               guint          row)
{
  return ((YiReportRow *) table->rows->pdata[row])->label;
}

gboolean
yi_report_table_row_is_total (YiReportTable *table,
                              guint          row)
{
  return ((YiReportRow *) table->rows->pdata[row])->total;
}

gint64
yi_report_table_get_raw (YiReportTable *table,
                         guint          row,
                         guint          column)
{
  return ((YiReportRow *) table->rows->pdata[row])->values[column];
}

static YiReportRow *
total_row (YiReportTable *table)
{
  for (guint i = table->rows->len; i > 0; i--)
    if (((YiReportRow *) table->rows->pdata[i - 1])->total)
      return table->rows->pdata[i - 1];
  return NULL;
}

double
yi_report_table_get_number (YiReportTable *table,
                            guint          row,
                            guint          column)
{
  YiReportColumn *c = table->columns->pdata[column];
  YiReportRow *r = table->rows->pdata[row];
  YiReportRow *d;

  switch (c->kind)
    {
    case YI_REPORT_VALUE_COUNT:
      return (double) r->values[column];
    case YI_REPORT_VALUE_MINUTES:
      return r->values[column] / 60.0;
    case YI_REPORT_VALUE_FEN:
      return r->values[column] / 100.0;
    case YI_REPORT_VALUE_PERCENT:
    case YI_REPORT_VALUE_RATIO:
    default:
      d = c->den_from_total ? total_row (table) : r;
      if (d == NULL || d->values[c->den] == 0)
        return NAN;
      return (double) r->values[c->num] / (double) d->values[c->den]
             * (c->kind == YI_REPORT_VALUE_PERCENT ? 100.0 : 1.0);
    }
}

char *
yi_report_table_format_cell (YiReportTable *table,
                             guint          row,
                             guint          column)
{
  YiReportColumn *c = table->columns->pdata[column];
  double v = yi_report_table_get_number (table, row, column);

  if (isnan (v))
    return g_strdup ("—");
  switch (c->kind)
    {
    case YI_REPORT_VALUE_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, yi_report_table_get_raw (table, row, column));
    case YI_REPORT_VALUE_MINUTES:
    case YI_REPORT_VALUE_RATIO:
      return g_strdup_printf ("%.1f", v);
    case YI_REPORT_VALUE_FEN:
      return g_strdup_printf ("%.2f", v);
    case YI_REPORT_VALUE_PERCENT:
    default:
      return g_strdup_printf ("%.1f%%", v);
    }
}

static const char *const sections[] = {
  "elders", "attendance", "meals", "services", "activities", "health", "care", NULL
};

const char *const *
yi_report_sections (void)
{
  return sections;
}

const char *
yi_report_section_title (const char *section)
{
  if (g_strcmp0 (section, "elders") == 0)
    return C_("report", "Elders");
  if (g_strcmp0 (section, "attendance") == 0)
    return C_("report", "Day care");
  if (g_strcmp0 (section, "meals") == 0)
    return C_("report", "Meals");
  if (g_strcmp0 (section, "services") == 0)
    return C_("report", "Services");
  if (g_strcmp0 (section, "activities") == 0)
    return C_("report", "Activities and volunteers");
  if (g_strcmp0 (section, "health") == 0)
    return C_("report", "Health checks");
  if (g_strcmp0 (section, "care") == 0)
    return C_("report", "Welfare calls and satisfaction");
  return section;
}
