#include "config.h"

#include "yi-district-private.h"
#include "yi-district-ingest.h"
#include "yi-clock.h"
#include "yi-ids.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

G_DEFINE_TYPE (YiDistrictDb, yi_district_db, G_TYPE_OBJECT)

/* The district's own tables.  Version 1; later versions add numbered steps. */
static const char district_schema_v1[] =
  "CREATE TABLE centres ("
  "  id          TEXT PRIMARY KEY,"
  "  name        TEXT NOT NULL,"
  "  timezone    TEXT NOT NULL DEFAULT 'Asia/Shanghai',"
  "  created_at  TEXT NOT NULL);"
  "CREATE TABLE devices ("
  "  id            TEXT PRIMARY KEY,"
  "  centre_id     TEXT NOT NULL REFERENCES centres(id),"
  "  name          TEXT,"
  "  token_hash    TEXT NOT NULL UNIQUE,"      /* SHA-256 of the token, hex */
  "  enrolled_at   TEXT NOT NULL,"
  "  revoked_at    TEXT,"
  "  last_seen_at  TEXT);"
  "CREATE TABLE enrolment_codes ("
  "  code_hash   TEXT PRIMARY KEY,"
  "  centre_id   TEXT NOT NULL REFERENCES centres(id),"
  "  created_at  TEXT NOT NULL,"
  "  expires_at  TEXT NOT NULL,"
  "  used_at     TEXT,"
  "  used_by     TEXT);"
  /* seq is the cursor kiosks pull by; the rest is the change as the device
   * sent it, plus the district's receipt metadata. */
  "CREATE TABLE changes ("
  "  seq            INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id      TEXT NOT NULL UNIQUE,"
  "  centre_id      TEXT NOT NULL REFERENCES centres(id),"
  "  origin_device  TEXT,"
  "  batch_id       TEXT,"
  "  record_table   TEXT NOT NULL,"
  "  record_id      TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  hlc            TEXT NOT NULL,"
  "  at             TEXT NOT NULL,"
  "  payload        TEXT NOT NULL,"
  "  received_at    TEXT NOT NULL);"
  "CREATE INDEX changes_centre_seq ON changes(centre_id, seq);"
  "CREATE TABLE records ("
  "  record_table  TEXT NOT NULL,"
  "  record_id     TEXT NOT NULL,"
  "  centre_id     TEXT NOT NULL,"
  "  PRIMARY KEY (record_table, record_id)) WITHOUT ROWID;"
  "CREATE TABLE batches ("
  "  batch_id     TEXT PRIMARY KEY,"
  "  device_id    TEXT,"
  "  centre_id    TEXT NOT NULL,"
  "  digest       TEXT NOT NULL,"
  "  results      TEXT NOT NULL,"
  "  received_at  TEXT NOT NULL);"
  "CREATE TABLE rejections ("
  "  change_id     TEXT PRIMARY KEY,"
  "  centre_id     TEXT NOT NULL,"
  "  device_id     TEXT,"
  "  batch_id      TEXT,"
  "  record_table  TEXT NOT NULL,"
  "  record_id     TEXT NOT NULL,"
  "  payload       TEXT NOT NULL,"
  "  reason        TEXT NOT NULL,"
  "  received_at   TEXT NOT NULL);";

/* Version 2: the change that first logged each record, so a repeated
 * event is compared with it without a search of the log. */
static const char district_schema_v2[] =
  "ALTER TABLE records ADD COLUMN seq INTEGER;";

static void
yi_district_db_finalize (GObject *object)
{
  YiDistrictDb *self = (YiDistrictDb *) object;

  g_clear_pointer (&self->ingest, yi_district_ingest_free);
  g_clear_pointer (&self->mirrors, g_hash_table_unref);
  g_mutex_clear (&self->mirror_lock);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  g_free (self->mirror_dir);
  G_OBJECT_CLASS (yi_district_db_parent_class)->finalize (object);
}

static void
yi_district_db_class_init (YiDistrictDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yi_district_db_finalize;
}

static void
yi_district_db_init (YiDistrictDb *self)
{
  self->lock_fd = -1;
  g_mutex_init (&self->mirror_lock);
  self->mirrors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

void
yi_district_device_free (YiDistrictDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->device_id);
  g_free (device->centre_id);
  g_free (device->last_seen_at);
  g_free (device);
}

char *
yi_district_now (void)
{
  return yi_clock_format_utc (yi_clock_now_us ());
}

gboolean
yi_district_sql_error (sqlite3  *db,
                       GError  **error)
{
  int code = sqlite3_errcode (db);

  g_set_error (error, YI_SYNC_ERROR,
               code == SQLITE_BUSY || code == SQLITE_LOCKED ? YI_SYNC_ERROR_UNAVAILABLE : YI_SYNC_ERROR_SERVER,
               _("The district database failed: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
yi_district_db_sql_error (YiDistrictDb  *self,
                          GError       **error)
{
  return yi_district_sql_error (self->db, error);
}

gboolean
yi_district_db_exec (YiDistrictDb  *self,
                     const char    *sql,
                     GError       **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return yi_district_db_sql_error (self, error);
  return TRUE;
}

sqlite3_stmt *
yi_district_db_prepare (YiDistrictDb  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      yi_district_db_sql_error (self, error);
      return NULL;
    }
  return stmt;
}

static int
user_version (YiDistrictDb *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

YiDistrictDb *
yi_district_db_open (const char  *path,
                     GError     **error)
{
  g_autoptr(YiDistrictDb) self = g_object_new (YI_TYPE_DISTRICT_DB, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *stem = NULL;
  int version;

  if (sodium_init () < 0)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER, _("The random number source could not be started"));
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return NULL;
    }
  self->path = g_strdup (path);
  stem = g_str_has_suffix (base, ".db") ? g_strndup (base, strlen (base) - 3) : g_strdup (base);
  self->mirror_dir = g_build_filename (dir, "centres", NULL);
  if (g_strcmp0 (stem, "district") != 0)
    {
      g_free (self->mirror_dir);
      self->mirror_dir = g_strdup_printf ("%s%s%s-centres", dir, G_DIR_SEPARATOR_S, stem);
    }

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER, _("Cannot open the district database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : "");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  if (!yi_district_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !yi_district_db_exec (self, "PRAGMA synchronous = FULL", error) ||
      !yi_district_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  version = user_version (self);
  if (version < 0)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER,
                   _("“%s” is not a district database, or it is damaged"), path);
      return NULL;
    }
  if (version > 2)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER,
                   _("“%s” was written by a newer yiyang-district (schema %d); install that version"), path, version);
      return NULL;
    }
  if (version == 0)
    {
      if (!yi_district_db_exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (user_version (self) == 0 &&
          (!yi_district_db_exec (self, district_schema_v1, error) ||
           !yi_district_db_exec (self, "PRAGMA user_version = 1", error)))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
      if (!yi_district_db_exec (self, "COMMIT", error))
        return NULL;
    }
  if (user_version (self) == 1)
    {
      if (!yi_district_db_exec (self, "BEGIN IMMEDIATE", error))
        return NULL;
      if (user_version (self) == 1 &&
          (!yi_district_db_exec (self, district_schema_v2, error) ||
           !yi_district_db_exec (self, "PRAGMA user_version = 2", error)))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
      if (!yi_district_db_exec (self, "COMMIT", error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

sqlite3 *
yi_district_db_open_connection (YiDistrictDb  *self,
                                GError       **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER, _("Cannot open the district database “%s”: %s"),
                   self->path, db ? sqlite3_errmsg (db) : "");
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_SERVER, _("Cannot open the district database “%s”: %s"),
                   self->path, sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

const char *
yi_district_db_get_path (YiDistrictDb *self)
{
  return self->path;
}

gboolean
yi_district_db_lock (YiDistrictDb  *self,
                     GError       **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("Cannot create the lock file “%s”: %s"), lock_path, g_strerror (errno));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Another yiyang-district is already serving “%s”"), self->path);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

char *
yi_district_db_add_centre (YiDistrictDb  *self,
                           const char    *name,
                           const char    *zone_name,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = yi_uuid_v7_new ();
  g_autofree char *now = yi_district_now ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED, _("A centre needs a name"));
      return NULL;
    }
  if (zone_name == NULL)
    zone_name = "Asia/Shanghai";
  if ((tz = g_time_zone_new_identifier (zone_name)) == NULL)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("“%s” is not a time zone this system knows (for example Asia/Shanghai)"), zone_name);
      return NULL;
    }
  stmt = yi_district_db_prepare (self, "INSERT INTO centres (id, name, timezone, created_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, zone_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      yi_district_db_sql_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&id);
}

gboolean
yi_district_db_centre_exists (YiDistrictDb *self,
                              const char   *centre_id)
{
  g_autoptr(sqlite3_stmt) stmt = yi_district_db_prepare (self, "SELECT 1 FROM centres WHERE id = ?", NULL);

  if (stmt == NULL || centre_id == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, centre_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
list_rows (YiDistrictDb  *self,
           const char    *sql,
           GString       *out,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_district_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i ? "\t" : "", text ? text : "-");
        }
      g_string_append_c (out, '\n');
    }
  if (rc != SQLITE_DONE)
    return yi_district_db_sql_error (self, error);
  return TRUE;
}

gboolean
yi_district_db_list_centres (YiDistrictDb  *self,
                             GString       *out,
                             GError       **error)
{
  return list_rows (self,
                    "SELECT c.id, c.name, c.timezone, "
                    "  (SELECT count(*) FROM devices d WHERE d.centre_id = c.id AND d.revoked_at IS NULL), "
                    "  (SELECT count(*) FROM changes x WHERE x.centre_id = c.id) "
                    "FROM centres c ORDER BY c.created_at", out, error);
}

gboolean
yi_district_db_list_devices (YiDistrictDb  *self,
                             GString       *out,
                             GError       **error)
{
  return list_rows (self,
                    "SELECT id, centre_id, coalesce(name, '-'), enrolled_at, "
                    "  CASE WHEN revoked_at IS NULL THEN 'active' ELSE 'revoked ' || revoked_at END, "
                    "  coalesce(last_seen_at, 'never') "
                    "FROM devices ORDER BY centre_id, enrolled_at", out, error);
}

gboolean
yi_district_db_list_rejections (YiDistrictDb  *self,
                                GString       *out,
                                GError       **error)
{
  return list_rows (self,
                    "SELECT received_at, centre_id, coalesce(device_id, 'district'), record_table, record_id, reason "
                    "FROM rejections ORDER BY received_at", out, error);
}

/* Codes are typed by hand from a letter or a phone call: no 0/O, 1/I/L. */
static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static char *
normalise_code (const char *code)
{
  GString *s = g_string_new (NULL);

  for (const char *p = code; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  return g_string_free (s, FALSE);
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
yi_district_db_new_enrolment_code (YiDistrictDb  *self,
                                   const char    *centre_id,
                                   int            valid_hours,
                                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char raw[13];
  g_autofree char *hash = NULL;
  g_autofree char *now = yi_district_now ();
  g_autofree char *expires = NULL;

  if (!yi_district_db_centre_exists (self, centre_id))
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NOT_FOUND, _("There is no centre with the id “%s”"), centre_id);
      return NULL;
    }
  if (valid_hours < 1 || valid_hours > 24 * 90)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_MALFORMED,
                   _("An enrolment code can be valid for 1 hour to 90 days"));
      return NULL;
    }
  for (guint i = 0; i < 12; i++)
    raw[i] = code_alphabet[randombytes_uniform (sizeof code_alphabet - 1)];
  raw[12] = '\0';
  hash = sha256_hex (raw);
  expires = yi_clock_format_utc (yi_clock_now_us () + (gint64) valid_hours * 3600 * G_USEC_PER_SEC);

  stmt = yi_district_db_prepare (self,
      "INSERT INTO enrolment_codes (code_hash, centre_id, created_at, expires_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, centre_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, expires, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      yi_district_db_sql_error (self, error);
      return NULL;
    }
  return g_strdup_printf ("%.4s-%.4s-%.4s", raw, raw + 4, raw + 8);
}

static char *
new_device_token (void)
{
  guchar bytes[32];
  char hex[sizeof bytes * 2 + 1];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (hex);
}

YiSyncEnrolResponse *
yi_district_db_enrol (YiDistrictDb              *self,
                      const YiSyncEnrolRequest  *req,
                      GError                   **error)
{
  g_autofree char *code = normalise_code (req->code);
  g_autofree char *code_hash = sha256_hex (code);
  g_autofree char *now = yi_district_now ();
  g_autofree char *centre_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) spend = NULL;
  g_autoptr(sqlite3_stmt) device = NULL;
  g_autoptr(YiSyncEnrolResponse) resp = NULL;

  if (!yi_district_db_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  find = yi_district_db_prepare (self,
      "SELECT centre_id FROM enrolment_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?", error);
  if (find == NULL)
    goto fail;
  sqlite3_bind_text (find, 1, code_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_UNAUTHORIZED,
                   _("The enrolment code is wrong, already used or expired; ask the district office for a new one"));
      goto fail;
    }
  centre_id = g_strdup ((const char *) sqlite3_column_text (find, 0));

  /* A device may be enrolled again (a lost token file) but never moved to
   * another centre's data by doing so. */
  {
    g_autoptr(sqlite3_stmt) other = yi_district_db_prepare (self,
        "SELECT 1 FROM devices WHERE id = ? AND centre_id <> ?", error);

    if (other == NULL)
      goto fail;
    sqlite3_bind_text (other, 1, req->device_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (other, 2, centre_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step (other) == SQLITE_ROW)
      {
        g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_CONFLICT,
                     _("This device already belongs to another centre; a device's database cannot change centres"));
        goto fail;
      }
  }

  token = new_device_token ();
  token_hash = sha256_hex (token);
  spend = yi_district_db_prepare (self, "UPDATE enrolment_codes SET used_at = ?, used_by = ? WHERE code_hash = ?", error);
  device = yi_district_db_prepare (self,
      "INSERT INTO devices (id, centre_id, name, token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, name = excluded.name, "
      "  enrolled_at = excluded.enrolled_at, revoked_at = NULL", error);
  if (spend == NULL || device == NULL)
    goto fail;
  sqlite3_bind_text (spend, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (spend, 2, req->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (spend, 3, code_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (device, 1, req->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (device, 2, centre_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (device, 3, req->device_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (device, 4, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (device, 5, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (spend) != SQLITE_DONE || sqlite3_step (device) != SQLITE_DONE)
    {
      yi_district_db_sql_error (self, error);
      goto fail;
    }
  if (!yi_district_db_exec (self, "COMMIT", error))
    goto fail;

  resp = g_new0 (YiSyncEnrolResponse, 1);
  resp->device_token = g_steal_pointer (&token);
  resp->device_id = g_strdup (req->device_id);
  resp->centre_id = g_steal_pointer (&centre_id);
  {
    g_autoptr(sqlite3_stmt) name = yi_district_db_prepare (self, "SELECT name FROM centres WHERE id = ?", NULL);

    if (name != NULL)
      {
        sqlite3_bind_text (name, 1, resp->centre_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step (name) == SQLITE_ROW)
          {
            resp->centre_name = g_strdup ((const char *) sqlite3_column_text (name, 0));
          }
      }
  }
  resp->server_time = g_steal_pointer (&now);
  return g_steal_pointer (&resp);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (token != NULL)
    sodium_memzero (token, strlen (token));
  return NULL;
}

gboolean
yi_district_db_revoke_device (YiDistrictDb  *self,
                              const char    *device_id,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_district_db_prepare (self,
      "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", error);
  g_autofree char *now = yi_district_now ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_district_db_sql_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_NOT_FOUND,
                   _("No active device has the id “%s”"), device_id);
      return FALSE;
    }
  return TRUE;
}

YiDistrictDevice *
yi_district_db_authenticate (YiDistrictDb  *self,
                             const char    *token,
                             GError       **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(YiDistrictDevice) device = NULL;

  if (token == NULL || strlen (token) != 64)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_UNAUTHORIZED,
                   _("This device is not enrolled with the district (no valid device token)"));
      return NULL;
    }
  hash = sha256_hex (token);
  stmt = yi_district_db_prepare (self, "SELECT id, centre_id, revoked_at IS NOT NULL, last_seen_at FROM devices WHERE token_hash = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_UNAUTHORIZED,
                   _("The district does not know this device's token; enrol the device again"));
      return NULL;
    }
  device = g_new0 (YiDistrictDevice, 1);
  device->device_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  device->centre_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  device->revoked = sqlite3_column_int (stmt, 2) != 0;
  device->last_seen_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  if (device->revoked)
    {
      g_set_error (error, YI_SYNC_ERROR, YI_SYNC_ERROR_REVOKED,
                   _("The district has revoked this device; it can no longer send or receive records. "
                     "Contact the district office to enrol it again"));
      return NULL;
    }
  return g_steal_pointer (&device);
}

/* Pushes note the time inside their own transaction; a pull, which writes
 * nothing else, notes it at most once a minute, so that reading does not
 * cost a write to disk every time. */
gboolean
yi_district_db_mark_seen (YiDistrictDb      *self,
                          YiDistrictDevice  *device,
                          GError           **error)
{
  g_autofree char *now = yi_district_now ();
  g_autofree char *minute_ago = yi_clock_format_utc (yi_clock_now_us () - 60 * G_USEC_PER_SEC);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (device->last_seen_at != NULL && g_strcmp0 (device->last_seen_at, minute_ago) > 0)
    return TRUE;
  stmt = yi_district_db_prepare (self, "UPDATE devices SET last_seen_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, device->device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return yi_district_db_sql_error (self, error);
  return TRUE;
}
