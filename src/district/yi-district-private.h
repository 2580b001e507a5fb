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
  GHashTable *mirrors;      /* centre id -> YiStore */
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
char     *yi_district_now            (void);

G_END_DECLS
