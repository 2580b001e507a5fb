#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The kiosk's settings: what staff or the installer choose for this device
 * and centre, kept in GSettings under the application ID
 * (data/io.github.yiyang.Kiosk.gschema.xml).  What enrolment and sync write
 * (district address, centre, device token, cursors) is state, not a
 * setting, and stays in the store's meta table.
 *
 * The schema's ID is the application ID (APP_ID in config.h).  Every key
 * the code reads is named here, and nowhere else. */
#define YI_SETTING_IDLE_TIMEOUT       "idle-timeout"
#define YI_SETTING_TAP_REPEAT_WINDOW  "tap-repeat-window"
#define YI_SETTING_SOUNDS             "sounds"
#define YI_SETTING_SPOKEN_GREETING    "spoken-greeting"
#define YI_SETTING_HIGH_CONTRAST      "high-contrast"
#define YI_SETTING_LARGE_TEXT         "large-text"
#define YI_SETTING_LANGUAGE           "language"
#define YI_SETTING_READER_CONNSTRING  "reader-connstring"
#define YI_SETTING_READER_DEBOUNCE    "reader-debounce"
#define YI_SETTING_WEDGE_READER       "wedge-reader"
#define YI_SETTING_KIOSK_ROLE         "kiosk-role"
#define YI_SETTING_STAFF_IDLE_LOCK    "staff-idle-lock"
#define YI_SETTING_NORMAL_SYSTOLIC    "normal-systolic"
#define YI_SETTING_NORMAL_DIASTOLIC   "normal-diastolic"
#define YI_SETTING_NORMAL_GLUCOSE     "normal-glucose"
#define YI_SETTING_NORMAL_WEIGHT      "normal-weight"
#define YI_SETTING_NORMAL_TEMPERATURE "normal-temperature"
#define YI_SETTING_TIME_ZONE          "time-zone"
#define YI_SETTING_DISTRICT_CA_FILE   "district-ca-file"
#define YI_SETTING_ALLOW_PLAIN_HTTP   "allow-plain-http"
#define YI_SETTING_GPU_RENDERING      "gpu-rendering"

/* A new GSettings for the kiosk's schema, or an error naming the fix when
 * the schema is not installed (g_settings_new would abort instead). */
GSettings          *yi_settings_new              (GError     **error);

/* The process's shared GSettings, or NULL when the schema is not installed
 * (the district server, a build without the kiosk). */
GSettings          *yi_settings_get_default      (void);
/* The same, or the error of yi_settings_new: for code that writes. */
GSettings          *yi_settings_require          (GError     **error);

/* A setting's value: from GSettings, or the schema's default when the
 * schema is not installed.  Never fails for the keys above. */
GVariant           *yi_settings_get_value        (const char  *key);
gboolean            yi_settings_get_boolean      (const char  *key);
int                 yi_settings_get_int          (const char  *key);
char               *yi_settings_get_string       (const char  *key);
void                yi_settings_get_pair         (const char  *key,
                                                  double      *first,
                                                  double      *second);

/* The keys the code reads (NULL-terminated), and the default it assumes
 * for each, as GVariant text; the packaging test holds them to the schema. */
const char * const *yi_settings_list_keys        (void);
const char         *yi_settings_get_fallback     (const char  *key);

/* Checks @value for @key beyond what the schema says (its type and range):
 * a time zone this system knows, an existing CA file, a normal range whose
 * low end is below its high end. */
gboolean            yi_settings_check            (GSettings   *settings,
                                                  const char  *key,
                                                  GVariant    *value,
                                                  GError     **error);

/* Parses @text as staff type it (true/false, a number, a name, 36.0-37.3
 * for a range, or GVariant text), checks it and stores it. */
gboolean            yi_settings_set_from_text    (GSettings   *settings,
                                                  const char  *key,
                                                  const char  *text,
                                                  GError     **error);
/* The value as yi_settings_set_from_text takes it back. */
char               *yi_settings_to_text          (GSettings   *settings,
                                                  const char  *key);

G_END_DECLS
