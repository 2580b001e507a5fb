#pragma once

#include "yi-store.h"
#include "yi-hlc.h"

G_BEGIN_DECLS

/* Shared by the yi-store*.c files only. */
struct _YiStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *device_id;
  GTimeZone  *tz;
  YiHlc       hlc;
  char       *actor;
  int         txn_depth;
  gboolean    txn_failed;
  GHashTable *columns;   /* table name -> GHashTable column -> declared type */
  GHashTable *stmts;     /* SQL text -> prepared statement, kept for reuse */
  GPtrArray  *field_clock_sql;  /* number of fields -> SQL text that sets their clocks */
  gboolean    bulk;             /* yi_store_begin_bulk(): see yi-store-bulk.c */
  GArray     *bulk_values[3];   /* per YiBulkTable: offsets into bulk_text, -1 for NULL */
  GString    *bulk_text[3];     /* per YiBulkTable: the values of the rows kept */
  char       *bulk_sql[3];      /* per YiBulkTable: the INSERT of a full batch */
};

typedef enum {
  YI_BULK_OUTBOX,
  YI_BULK_AUDIT,
  YI_BULK_CLOCKS,
  YI_BULK_N
} YiBulkTable;

/* In bulk mode: keeps one row of @which (its values in column order) to
 * be written with others; writes the batch when it is full. */
gboolean    yi_store_bulk_add          (YiStore      *self,
                                        YiBulkTable   which,
                                        const char  **values,
                                        GError      **error);
/* Writes every row kept; before the outermost commit. */
gboolean    yi_store_bulk_flush        (YiStore     *self,
                                        GError     **error);
/* Leaves bulk mode, dropping whatever was not written. */
void        yi_store_bulk_end          (YiStore     *self);
void        yi_store_bulk_free         (YiStore     *self);


/* A statement lent by yi_store_prepare_cached(): reset, never finalized,
 * when it goes out of scope. */
typedef sqlite3_stmt YiCachedStmt;
void        yi_store_release           (sqlite3_stmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiCachedStmt, yi_store_release)

sqlite3_stmt *yi_store_prepare_cached  (YiStore     *self,
                                        const char  *sql,
                                        GError     **error);

/* For the core and the sync code only: the pieces the public write paths
 * are made of, so that applying a change from the district takes the same
 * route as making one here. */

gboolean    yi_store_exec              (YiStore     *self,
                                        const char  *sql,
                                        GError     **error);
gboolean    yi_store_set_sql_error     (YiStore     *self,
                                        GError     **error,
                                        const char  *what);
GHashTable *yi_store_table_columns     (YiStore     *self,
                                        const char  *table);
gboolean    yi_store_bind_json         (YiStore       *self,
                                        sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *column_type,
                                        JsonNode      *node,
                                        GError       **error);
gboolean    yi_store_row_exists        (YiStore     *self,
                                        const char  *table,
                                        const char  *id);
gboolean    yi_store_write_entity_row  (YiStore     *self,
                                        const char  *table,
                                        const char  *id,
                                        JsonObject  *fields,
                                        const char  *hlc,
                                        const char  *now,
                                        gboolean    *inserted,
                                        GError     **error);
gboolean    yi_store_set_field_clock   (YiStore     *self,
                                        const char  *table,
                                        const char  *id,
                                        const char  *field,
                                        const char  *hlc,
                                        GError     **error);
gboolean    yi_store_insert_event_row  (YiStore     *self,
                                        const char  *table,
                                        JsonObject  *row,
                                        GError     **error);
gboolean    yi_store_outbox_append     (YiStore     *self,
                                        const char  *table,
                                        const char  *record_id,
                                        const char  *kind,
                                        const char  *hlc,
                                        JsonObject  *payload,
                                        const char  *now,
                                        GError     **error);
JsonObject *yi_store_row_to_json       (YiStore     *self,
                                        const char  *table,
                                        const char  *id);

G_END_DECLS
