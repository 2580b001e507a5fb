#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *name;
  char     gender;              /* 'F' or 'M' */
  char    *birth_date;
  char    *id_number;
  char    *phone;
  char    *address;
  char    *street;
  char    *diet;
  char    *living_arrangement;
  char    *status;
  gboolean delivery_allowed;
  gboolean can_confirm;
  int      expected_weekdays;
  GBytes  *photo;
} YiElder;

void     yi_elder_free                (YiElder *elder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiElder, yi_elder_free)

YiElder *yi_store_get_elder           (YiStore     *store,
                                       const char  *elder_id,
                                       GError     **error);
char    *yi_store_find_elder_by_id_number (YiStore    *store,
                                           const char *id_number);

char    *yi_elder_check_identity      (const char  *id_number,
                                       const char  *birth_date,
                                       const char  *gender,
                                       char       **id_birth,
                                       char        *id_gender,
                                       GError     **error);

/* Registers or updates an elder from @fields (columns of `elders`).  The ID
 * number is checked and normalised; birth date and gender must agree with
 * it (and are filled from it when missing).  Returns the elder's id. */
char    *yi_store_save_elder          (YiStore     *store,
                                       const char  *elder_id,
                                       JsonObject  *fields,
                                       GError     **error);
gboolean yi_store_set_elder_status    (YiStore     *store,
                                       const char  *elder_id,
                                       const char  *status,
                                       const char  *effective_date,
                                       const char  *reason,
                                       GError     **error);
char    *yi_store_add_elder_category  (YiStore     *store,
                                       const char  *elder_id,
                                       const char  *category,
                                       const char  *evidence_type,
                                       const char  *evidence_number,
                                       const char  *valid_from,
                                       const char  *valid_to,
                                       GError     **error);
gboolean yi_category_is_known         (const char  *category);
const char *const *yi_category_codes  (void);
const char *yi_category_label         (const char  *category);

/* Staff */
char    *yi_store_add_staff           (YiStore     *store,
                                       const char  *name,
                                       const char  *role,
                                       const char  *pin,
                                       GError     **error);
char    *yi_store_verify_staff_pin    (YiStore     *store,
                                       const char  *staff_id,
                                       const char  *pin);
gboolean yi_staff_role_is_known       (const char  *role);

/* Cards: UIDs are normalised to upper-case hex. */
char    *yi_card_uid_normalise        (const char  *uid,
                                       GError     **error);
char    *yi_store_issue_card          (YiStore     *store,
                                       const char  *uid,
                                       const char  *elder_id,
                                       const char  *staff_id,
                                       GError     **error);
gboolean yi_store_revoke_card         (YiStore     *store,
                                       const char  *uid,
                                       const char  *reason,
                                       GError     **error);

/* A card tap at the kiosk door. */
typedef enum {
  YI_TAP_CHECK_IN,
  YI_TAP_CHECK_OUT,
  YI_TAP_REPEAT,            /* inside the repeat window: nothing new recorded */
  YI_TAP_UNKNOWN_CARD,
  YI_TAP_REVOKED_CARD,
  YI_TAP_INACTIVE_ELDER,    /* moved or deceased */
  YI_TAP_STAFF,
} YiTapKind;

typedef struct {
  YiTapKind  kind;
  char      *uid;
  char      *elder_id;
  char      *elder_name;
  char      *staff_id;
  char      *event_id;       /* the attendance row written, if any */
  gboolean   birthday;
  int        age;
  gint64     minutes_in;     /* for a check-out: time since check-in */
  gboolean   checked_in;     /* state after this tap */
} YiTapResult;

void     yi_tap_result_free           (YiTapResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiTapResult, yi_tap_result_free)

YiTapResult *yi_store_tap             (YiStore     *store,
                                       const char  *uid,
                                       GError     **error);
char    *yi_store_manual_attendance   (YiStore     *store,
                                       const char  *elder_id,
                                       const char  *kind,
                                       GError     **error);

G_END_DECLS
