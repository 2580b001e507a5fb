#pragma once

#include "yi-store.h"
#include "yi-sync-codec.h"

G_BEGIN_DECLS

/* The district's storage: its own tables (centres, devices, enrolment
 * codes, the change log whose sequence is every kiosk's pull cursor,
 * batches seen, rejections) in one SQLite file, and for each centre a
 * mirror database with the kiosk's own schema, kept by applying accepted
 * changes through the same function a kiosk uses (yi_store_apply_change),
 * so reports can be computed per centre at the district. */

#define YI_TYPE_DISTRICT_DB (yi_district_db_get_type ())
G_DECLARE_FINAL_TYPE (YiDistrictDb, yi_district_db, YI, DISTRICT_DB, GObject)

typedef struct {
  char     *device_id;
  char     *centre_id;
  gboolean  revoked;
  char     *last_seen_at;   /* UTC, or NULL if never */
} YiDistrictDevice;

void              yi_district_device_free   (YiDistrictDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiDistrictDevice, yi_district_device_free)

YiDistrictDb     *yi_district_db_open          (const char   *path,
                                                GError      **error);
const char       *yi_district_db_get_path      (YiDistrictDb *self);
/* Takes an exclusive lock so that two servers never share one database. */
gboolean          yi_district_db_lock          (YiDistrictDb *self,
                                                GError      **error);

char             *yi_district_db_add_centre    (YiDistrictDb *self,
                                                const char   *name,
                                                const char   *zone_name,
                                                GError      **error);
gboolean          yi_district_db_centre_exists (YiDistrictDb *self,
                                                const char   *centre_id);
/* Prints one line per centre or device to @out. */
gboolean          yi_district_db_list_centres  (YiDistrictDb *self,
                                                GString      *out,
                                                GError      **error);
gboolean          yi_district_db_list_devices  (YiDistrictDb *self,
                                                GString      *out,
                                                GError      **error);
gboolean          yi_district_db_list_rejections (YiDistrictDb *self,
                                                  GString      *out,
                                                  GError      **error);

/* A one-time code, valid for @valid_hours, that enrols one device into
 * @centre_id.  Only its hash is stored. */
char             *yi_district_db_new_enrolment_code (YiDistrictDb *self,
                                                     const char   *centre_id,
                                                     int           valid_hours,
                                                     GError      **error);
/* Spends @code and returns the new device's token (only its hash is kept). */
YiSyncEnrolResponse *yi_district_db_enrol      (YiDistrictDb             *self,
                                                const YiSyncEnrolRequest *req,
                                                GError                  **error);
gboolean          yi_district_db_revoke_device (YiDistrictDb *self,
                                                const char   *device_id,
                                                GError      **error);
/* NULL with YI_SYNC_ERROR_UNAUTHORIZED for an unknown token.  Reads only:
 * a refused request changes nothing. */
YiDistrictDevice *yi_district_db_authenticate  (YiDistrictDb *self,
                                                const char   *token,
                                                GError      **error);
/* Notes that @device was heard from (at most once a minute; pushes note it
 * themselves). */
gboolean          yi_district_db_mark_seen     (YiDistrictDb      *self,
                                                YiDistrictDevice  *device,
                                                GError           **error);

/* Accepts a batch from @device_id (NULL: the district itself).  A batch id
 * seen before from the same device with the same changes gets the same
 * answer without storing anything again. */
YiSyncPushResponse *yi_district_db_push        (YiDistrictDb       *self,
                                                const char         *centre_id,
                                                const char         *device_id,
                                                const char         *batch_id,
                                                GPtrArray          *changes,
                                                GError            **error);
YiSyncPullResponse *yi_district_db_pull        (YiDistrictDb       *self,
                                                const char         *centre_id,
                                                const char         *device_id,
                                                gint64              since,
                                                guint               limit,
                                                GError            **error);

/* The centre's copy brought up to everything the log holds, for reading,
 * or NULL; either way the copies stay locked against the background apply
 * until yi_district_db_unlock_mirror(). */
YiStore          *yi_district_db_lock_mirror   (YiDistrictDb *self,
                                                const char   *centre_id,
                                                GError      **error);
void              yi_district_db_unlock_mirror (YiDistrictDb *self);

/* The centre's mirror database (opened on first use; hold the mirror lock). */
YiStore          *yi_district_db_get_mirror    (YiDistrictDb *self,
                                                const char   *centre_id,
                                                GError      **error);
/* Applies to each mirror whatever the change log holds beyond its cursor
 * (after a crash between the two commits). */
gboolean          yi_district_db_catch_up_all  (YiDistrictDb *self,
                                                GError      **error);

/* Loads the elder registry (a JSON list of elder records, matched by ID
 * number) or a policy document (a JSON object with "version" and
 * "effective_from") for a centre, as changes its kiosks will pull.
 * Returns how many records changed. */
int               yi_district_db_load_registry (YiDistrictDb *self,
                                                const char   *centre_id,
                                                const char   *path,
                                                GError      **error);
int               yi_district_db_load_policy   (YiDistrictDb *self,
                                                const char   *centre_id,
                                                const char   *path,
                                                GError      **error);

G_END_DECLS
