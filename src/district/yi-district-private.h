#pragma once

#include "yi-district-db.h"

#include <sqlite3.h>

G_BEGIN_DECLS

struct _YiDistrictDb
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *mirror_dir;
  GHashTable *mirrors;      /* centre id -> YiStore, used under mirror_lock */
  GMutex      mirror_lock;
  struct _YiDistrictIngest *ingest;   /* for yi_district_db_push(), on db */
  int         lock_fd;
};

gboolean  yi_district_db_exec        (YiDistrictDb  *self,
                                      const char    *sql,
                                      GError       **error);
sqlite3_stmt *yi_district_db_prepare (YiDistrictDb  *self,
                                      const char    *sql,
                                      GError       **error);
gboolean  yi_district_db_sql_error   (YiDistrictDb  *self,
                                      GError       **error);
/* Sets @error from the last failure on @db (busy: unavailable). */
gboolean  yi_district_sql_error      (sqlite3       *db,
                                      GError       **error);
char     *yi_district_now            (void);
/* Another connection to the district database, for another thread. */
sqlite3  *yi_district_db_open_connection (YiDistrictDb  *self,
                                          GError       **error);
/* Applies to the centre's copy what the log holds beyond its cursor, at
 * most @limit changes (0: all) in one transaction, reading the log through
 * @log.  The caller holds mirror_lock. */
gboolean  yi_district_db_catch_up    (YiDistrictDb  *self,
                                      sqlite3       *log,
                                      const char    *centre_id,
                                      guint          limit,
                                      guint         *applied,
                                      GError       **error);

G_END_DECLS
