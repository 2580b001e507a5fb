#include "config.h"

#include "yi-district-reports.h"
#include "yi-district-private.h"

#include <glib/gi18n-lib.h>

static YiReport *
centre_report (YiDistrictDb  *db,
               const char    *centre_id,
               const char    *name,
               const char    *from,
               const char    *to,
               GError       **error)
{
  /* Everything the district has acknowledged counts, even what the
   * background apply has not reached yet. */
  YiStore *mirror = yi_district_db_lock_mirror (db, centre_id, error);
  YiReport *report = NULL;

  if (mirror != NULL)
    report = yi_report_compute (mirror, from, to, error);
  yi_district_db_unlock_mirror (db);
  if (report == NULL)
    return NULL;
  /* A centre that never synced has no centre row in its mirror yet; the
   * district knows its name. */
  if (report != NULL && name != NULL)
    yi_report_set_title (report, name);
  return report;
}

YiReport *
yi_district_report (YiDistrictDb  *db,
                    const char    *centre_id,
                    const char    *from,
                    const char    *to,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(YiReport) total = NULL;
  guint centres = 0;

  if (!yi_report_period_check (from, to, error))
    return NULL;

  stmt = yi_district_db_prepare (db, "SELECT id, name FROM centres WHERE ?1 IS NULL OR id = ?1 ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, centre_id, -1, SQLITE_TRANSIENT);

  if (centre_id != NULL)
    {
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("There is no centre with the id “%s”"), centre_id);
          return NULL;
        }
      return centre_report (db, centre_id, (const char *) sqlite3_column_text (stmt, 1), from, to, error);
    }

  total = yi_report_new (_("District total"), from, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(YiReport) one = centre_report (db, (const char *) sqlite3_column_text (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 1), from, to, error);

      if (one == NULL || !yi_report_add (total, one, error))
        return NULL;
      centres++;
    }
  if (centres == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The district has no centres yet; add one with add-centre"));
      return NULL;
    }
  return g_steal_pointer (&total);
}
