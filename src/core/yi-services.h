#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* On-site services (上门/到站服务).  A record alone moves no money: the
 * elder's card tap with a rating, or a staff attestation with a reason for
 * an elder who cannot tap, confirms it and posts the ledger lines in the
 * same transaction (满意后付券). */

#define YI_SERVICE_ERROR (yi_service_error_quark ())

typedef enum {
  YI_SERVICE_ERROR_INVALID,
  YI_SERVICE_ERROR_NOT_FOUND,
  YI_SERVICE_ERROR_INACTIVE_ELDER,
  YI_SERVICE_ERROR_CANCELLED,
  YI_SERVICE_ERROR_ALREADY_CONFIRMED,
  YI_SERVICE_ERROR_WRONG_CARD,
  YI_SERVICE_ERROR_NEEDS_STAFF,
} YiServiceError;

GQuark yi_service_error_quark (void);

/* @started_at is UTC ISO 8601.  The price comes from the catalogue, or the
 * policy's price for the service code when it sets one. */
char      *yi_store_record_service         (YiStore     *store,
                                            const char  *elder_id,
                                            const char  *service_type_id,
                                            const char  *provider_staff_id,
                                            const char  *started_at,
                                            int          duration_min,
                                            const char  *notes,
                                            GError     **error);
/* Returns the confirmation's id. */
char      *yi_store_confirm_service_by_tap (YiStore     *store,
                                            const char  *service_record_id,
                                            const char  *card_uid,
                                            int          rating,
                                            GError     **error);
char      *yi_store_attest_service         (YiStore     *store,
                                            const char  *service_record_id,
                                            const char  *reason,
                                            GError     **error);

typedef struct {
  char   *id;
  char   *elder_id;
  char   *elder_name;
  char   *service_code;
  char   *service_name;
  char   *provider_name;
  char   *started_at;
  char   *local_date;
  int     duration_min;
  gint64  price_fen;
} YiPendingService;

void       yi_pending_service_free         (YiPendingService *service);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiPendingService, yi_pending_service_free)

/* Services recorded, not cancelled and not yet confirmed, oldest first;
 * one elder's (for the kiosk greeting) or everyone's (@elder_id NULL). */
GPtrArray *yi_store_pending_services       (YiStore     *store,
                                            const char  *elder_id,
                                            GError     **error);

G_END_DECLS
