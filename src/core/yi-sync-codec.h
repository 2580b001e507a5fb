#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The wire format between a kiosk and the district (docs/sync-protocol.md).
 * Parsers take untrusted bytes and either return a complete, checked value
 * or fail with YI_SYNC_ERROR_MALFORMED and a reason; they never crash. */

#define YI_SYNC_PROTOCOL_VERSION  1
#define YI_SYNC_PROTOCOL_HEADER   "Yiyang-Protocol"
#define YI_SYNC_SERVER_TIME_HEADER "Yiyang-Server-Time"
#define YI_SYNC_MAX_BATCH         2000
#define YI_SYNC_MAX_PAGE          1000

#define YI_SYNC_ERROR (yi_sync_error_quark ())

typedef enum {
  YI_SYNC_ERROR_MALFORMED,
  YI_SYNC_ERROR_UNSUPPORTED_PROTOCOL,
  YI_SYNC_ERROR_UNAUTHORIZED,
  YI_SYNC_ERROR_REVOKED,
  YI_SYNC_ERROR_FORBIDDEN,
  YI_SYNC_ERROR_TOO_LARGE,
  YI_SYNC_ERROR_CONFLICT,
  YI_SYNC_ERROR_NOT_FOUND,
  YI_SYNC_ERROR_UNAVAILABLE,
  YI_SYNC_ERROR_SERVER,
  YI_SYNC_ERROR_NETWORK,
  YI_SYNC_ERROR_NOT_ENROLLED,
  YI_SYNC_ERROR_INSECURE,
} YiSyncError;

GQuark       yi_sync_error_quark          (void);
gboolean     yi_sync_set_error            (GError     **error,
                                           YiSyncError  code,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (3, 4);
/* gzip-compresses a body (Content-Encoding: gzip); NULL if it fails. */
GBytes      *yi_sync_gzip                 (GBytes      *plain);
/* The protocol's name for an error ("malformed", "revoked", ...), and back. */
const char  *yi_sync_error_code_to_string (YiSyncError  code);
YiSyncError  yi_sync_error_code_from_string (const char *code);
guint        yi_sync_error_http_status    (YiSyncError  code);

typedef struct {
  gint64      seq;            /* pull only: the district's sequence number */
  char       *change_id;
  char       *table;
  char       *record_id;
  char       *kind;           /* "entity" or "event" */
  char       *hlc;
  char       *at;             /* UTC time the change was made on its device */
  char       *origin_device;  /* pull only */
  JsonObject *payload;
  char       *payload_text;   /* the payload as JSON text, when known; else NULL */
  /* Set by yi_sync_push_request_scan() in place of @payload (which stays
   * NULL) when the payload has no escapes: its members in order, each a
   * kind byte ('v' a single value or null, 'c' a list or an object), the
   * name and a NUL; @payload_id is the member "id" when it is a string. */
  char       *payload_fields;
  guint       payload_n_fields;
  gboolean    payload_has_id;
  char       *payload_id;
} YiSyncChange;

YiSyncChange *yi_sync_change_new       (void);
YiSyncChange *yi_sync_change_copy      (const YiSyncChange *change);
void          yi_sync_change_free      (YiSyncChange       *change);
/* Checks what a change says about itself: a known table of the right kind,
 * well-formed ids, clock and time, and a payload consistent with the kind. */
gboolean      yi_sync_change_validate  (const YiSyncChange *change,
                                        GError            **error);
JsonNode     *yi_sync_change_to_node   (const YiSyncChange *change,
                                        gboolean            with_origin);
/* The payload as JSON text: payload_text if set, else written out. */
char         *yi_sync_change_payload_text (const YiSyncChange *change);
/* Appends @text as a JSON string. */
void          yi_sync_json_append_string  (GString            *out,
                                           const char         *text);

typedef struct {
  char      *batch_id;
  char      *device_id;
  GPtrArray *changes;         /* YiSyncChange */
} YiSyncPushRequest;

YiSyncPushRequest *yi_sync_push_request_new    (void);
void               yi_sync_push_request_free   (YiSyncPushRequest *req);
char              *yi_sync_push_request_to_json (const YiSyncPushRequest *req);
YiSyncPushRequest *yi_sync_push_request_parse  (const char  *data,
                                                gssize       len,
                                                GError     **error);

typedef enum {
  YI_SYNC_RESULT_ACCEPTED,
  YI_SYNC_RESULT_DUPLICATE,
  YI_SYNC_RESULT_REJECTED,
} YiSyncResultStatus;

const char *yi_sync_result_status_to_string (YiSyncResultStatus status);

typedef struct {
  char               *change_id;
  YiSyncResultStatus  status;
  char               *reason;   /* rejected only */
} YiSyncResult;

typedef struct {
  char      *batch_id;
  char      *server_time;
  GPtrArray *results;         /* YiSyncResult */
} YiSyncPushResponse;

YiSyncPushResponse *yi_sync_push_response_new   (void);
void                yi_sync_push_response_free  (YiSyncPushResponse *resp);
void                yi_sync_push_response_add   (YiSyncPushResponse *resp,
                                                 const char         *change_id,
                                                 YiSyncResultStatus  status,
                                                 const char         *reason);
char               *yi_sync_push_response_to_json (const YiSyncPushResponse *resp);
YiSyncPushResponse *yi_sync_push_response_parse (const char  *data,
                                                 gssize       len,
                                                 GError     **error);

typedef struct {
  char      *server_time;
  gint64     next_cursor;
  gboolean   more;
  GPtrArray *changes;         /* YiSyncChange */
} YiSyncPullResponse;

YiSyncPullResponse *yi_sync_pull_response_new   (void);
void                yi_sync_pull_response_free  (YiSyncPullResponse *resp);
char               *yi_sync_pull_response_to_json (const YiSyncPullResponse *resp);
YiSyncPullResponse *yi_sync_pull_response_parse (const char  *data,
                                                 gssize       len,
                                                 GError     **error);

typedef struct {
  char *code;
  char *device_id;
  char *device_name;
} YiSyncEnrolRequest;

typedef struct {
  char *device_token;
  char *device_id;
  char *centre_id;
  char *centre_name;
  char *server_time;
} YiSyncEnrolResponse;

void                 yi_sync_enrol_request_free   (YiSyncEnrolRequest *req);
char                *yi_sync_enrol_request_to_json (const YiSyncEnrolRequest *req);
YiSyncEnrolRequest  *yi_sync_enrol_request_parse  (const char  *data,
                                                   gssize       len,
                                                   GError     **error);
void                 yi_sync_enrol_response_free  (YiSyncEnrolResponse *resp);
char                *yi_sync_enrol_response_to_json (const YiSyncEnrolResponse *resp);
YiSyncEnrolResponse *yi_sync_enrol_response_parse (const char  *data,
                                                   gssize       len,
                                                   GError     **error);

/* {"error": {"code": "...", "message": "..."}, "server_time": "..."} */
char     *yi_sync_error_to_json   (YiSyncError   code,
                                   const char   *message,
                                   const char   *server_time);
/* Turns an error body into a GError; FALSE if the body is not one. */
gboolean  yi_sync_error_parse     (const char   *data,
                                   gssize        len,
                                   GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncChange, yi_sync_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncPushRequest, yi_sync_push_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncPushResponse, yi_sync_push_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncPullResponse, yi_sync_pull_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncEnrolRequest, yi_sync_enrol_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiSyncEnrolResponse, yi_sync_enrol_response_free)

G_END_DECLS
