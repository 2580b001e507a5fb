/* The district's body decoders: push and enrolment requests, as they
 * arrive from a kiosk (or anything else on the network).  A body that
 * parses must survive a round trip: written out and read back it is the
 * same request. */

#include "config.h"

#include "fuzz-common.h"
#include "yi-sync-codec.h"
#include "yi-sync-reader.h"

#include <string.h>

static void
check_push (const char *data,
            gsize       size)
{
  g_autoptr(YiSyncPushRequest) req = yi_sync_push_request_parse (data, (gssize) size, NULL);
  g_autoptr(YiSyncPushRequest) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiSyncPushRequest) scanned = yi_sync_push_request_scan (data, (gssize) size, NULL);
  g_autofree char *json_scanned = NULL;

  /* The district's reader takes exactly what the full reader takes. */
  yi_fuzz_check ((req == NULL) == (scanned == NULL));
  if (req == NULL)
    return;
  for (guint i = 0; i < scanned->changes->len; i++)
    yi_fuzz_check (yi_sync_change_validate (g_ptr_array_index (scanned->changes, i), NULL));
  json_scanned = yi_sync_push_request_to_json (scanned);
  yi_fuzz_check (req->batch_id != NULL && req->device_id != NULL && req->changes != NULL);
  yi_fuzz_check (req->changes->len <= YI_SYNC_MAX_BATCH);
  for (guint i = 0; i < req->changes->len; i++)
    {
      const YiSyncChange *change = g_ptr_array_index (req->changes, i);
      g_autoptr(YiSyncChange) copy = yi_sync_change_copy (change);

      yi_fuzz_check (yi_sync_change_validate (copy, NULL));
    }
  json = yi_sync_push_request_to_json (req);
  again = yi_sync_push_request_parse (json, -1, &error);
  if (again == NULL)
    g_printerr ("round trip failed: %s\n%s\n", error->message, json);
  yi_fuzz_check (again != NULL);
  json_again = yi_sync_push_request_to_json (again);
  yi_fuzz_check (strcmp (json, json_again) == 0);
  yi_fuzz_check (strcmp (json, json_scanned) == 0);
}

static void
check_enrol (const char *data,
             gsize       size)
{
  g_autoptr(YiSyncEnrolRequest) req = yi_sync_enrol_request_parse (data, (gssize) size, NULL);
  g_autoptr(YiSyncEnrolRequest) again = NULL;
  g_autofree char *json = NULL;

  if (req == NULL)
    return;
  yi_fuzz_check (req->code != NULL && req->device_id != NULL);
  json = yi_sync_enrol_request_to_json (req);
  again = yi_sync_enrol_request_parse (json, -1, NULL);
  yi_fuzz_check (again != NULL);
  yi_fuzz_check (strcmp (again->code, req->code) == 0 && strcmp (again->device_id, req->device_id) == 0);
  yi_fuzz_check (g_strcmp0 (again->device_name, req->device_name) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  yi_fuzz_setup (FALSE);
  check_push ((const char *) data, size);
  check_enrol ((const char *) data, size);
  return 0;
}
