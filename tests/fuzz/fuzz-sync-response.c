/* What a kiosk reads from the district: push results, pull pages (applied
 * to a real store the way the sync client applies them), enrolment answers
 * and error bodies.  A hostile or broken server must not crash the kiosk or
 * get a change past the store's checks. */

#include "config.h"

#include "fuzz-common.h"
#include "yi-store.h"
#include "yi-store-sync.h"
#include "yi-sync-codec.h"

#include <string.h>

static YiStore *store;

/* As the sync client's apply_page(): each change in its own savepoint; a
 * refused change is recorded and the page goes on. */
static void
apply_page (YiSyncPullResponse *page)
{
  g_autoptr(GError) error = NULL;

  yi_fuzz_check (yi_store_begin (store, &error));
  for (guint i = 0; i < page->changes->len; i++)
    {
      YiSyncChange *change = g_ptr_array_index (page->changes, i);
      g_autoptr(GError) refused = NULL;

      yi_fuzz_check (yi_store_sync_savepoint (store, NULL));
      if (!yi_store_apply_change (store, change, NULL, &refused))
        {
          yi_fuzz_check (refused != NULL && refused->message != NULL);
          yi_store_sync_release (store, TRUE);
          yi_fuzz_check (yi_store_sync_record_failure (store, change, refused->message, NULL));
          continue;
        }
      yi_store_sync_release (store, FALSE);
    }
  yi_fuzz_check (yi_store_commit (store, &error));
}

static void
check_pull (const char *data,
            gsize       size)
{
  g_autoptr(YiSyncPullResponse) page = yi_sync_pull_response_parse (data, (gssize) size, NULL);
  g_autoptr(YiSyncPullResponse) again = NULL;
  g_autofree char *json = NULL;

  if (page == NULL)
    return;
  yi_fuzz_check (page->changes != NULL && page->changes->len <= YI_SYNC_MAX_PAGE);
  json = yi_sync_pull_response_to_json (page);
  again = yi_sync_pull_response_parse (json, -1, NULL);
  yi_fuzz_check (again != NULL && again->changes->len == page->changes->len);
  apply_page (page);
}

static void
check_push (const char *data,
            gsize       size)
{
  g_autoptr(YiSyncPushResponse) resp = yi_sync_push_response_parse (data, (gssize) size, NULL);
  g_autoptr(YiSyncPushResponse) again = NULL;
  g_autofree char *json = NULL;

  if (resp == NULL)
    return;
  for (guint i = 0; i < resp->results->len; i++)
    {
      YiSyncResult *result = g_ptr_array_index (resp->results, i);

      yi_fuzz_check (result->change_id != NULL);
      yi_fuzz_check (result->status <= YI_SYNC_RESULT_REJECTED);
    }
  json = yi_sync_push_response_to_json (resp);
  again = yi_sync_push_response_parse (json, -1, NULL);
  yi_fuzz_check (again != NULL && again->results->len == resp->results->len);
}

static void
check_enrol (const char *data,
             gsize       size)
{
  g_autoptr(YiSyncEnrolResponse) resp = yi_sync_enrol_response_parse (data, (gssize) size, NULL);

  if (resp == NULL)
    return;
  yi_fuzz_check (resp->device_token != NULL && resp->device_id != NULL && resp->centre_id != NULL);
}

static void
check_error (const char *data,
             gsize       size)
{
  g_autoptr(GError) error = NULL;

  /* TRUE: the body is an error, now in @error; FALSE: it is not one. */
  if (yi_sync_error_parse (data, (gssize) size, &error))
    yi_fuzz_check (error != NULL && error->domain == YI_SYNC_ERROR && error->message != NULL);
  else
    yi_fuzz_check (error == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      yi_fuzz_setup (FALSE);
      store = yi_store_open (":memory:", &error);
      g_assert_no_error (error);
    }
  check_pull ((const char *) data, size);
  check_push ((const char *) data, size);
  check_enrol ((const char *) data, size);
  check_error ((const char *) data, size);
  return 0;
}
