/* The district's request handling: a raw HTTP request (request line,
 * headers, body) is parsed the way libsoup's server parses it and answered
 * by yi_district_handle() against a real district database.
 *
 * So that the fuzzer reaches past authentication, these markers in the
 * input are replaced before parsing: @CENTRE@ (the enrolled device's
 * centre), @OTHER@ (another centre), @DEVICE@ and @TOKEN@ (the enrolled
 * device), @REVOKED@ (a revoked device's token), @CODE@ (a fresh
 * enrolment code for @CENTRE@). */

#include "config.h"

#include "fuzz-common.h"
#include "yi-district-handler.h"
#include "yi-clock.h"

#include <string.h>

static YiDistrictDb *db;
static char *centre_id, *other_id, *device_id, *token, *revoked_token;

static char *
enrol (const char *centre,
       const char *device)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = yi_district_db_new_enrolment_code (db, centre, 72, &error);
  YiSyncEnrolRequest req = { code, (char *) device, (char *) "fuzz" };
  g_autoptr(YiSyncEnrolResponse) resp = NULL;

  g_assert_no_error (error);
  resp = yi_district_db_enrol (db, &req, &error);
  g_assert_no_error (error);
  return g_strdup (resp->device_token);
}

static void
init (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = yi_fuzz_setup (TRUE);
  g_autofree char *path = g_build_filename (dir, "district.db", NULL);

  db = yi_district_db_open (path, &error);
  g_assert_no_error (error);
  centre_id = yi_district_db_add_centre (db, "Fuzz centre", "Asia/Shanghai", &error);
  g_assert_no_error (error);
  other_id = yi_district_db_add_centre (db, "Other centre", "Asia/Shanghai", &error);
  g_assert_no_error (error);
  device_id = g_strdup ("01a20316-9d51-702c-9101-5ccf4172042e");  /* as in the recorded pushes */
  token = enrol (centre_id, device_id);
  revoked_token = enrol (centre_id, "01890a5d-ac96-774b-bcce-b302099a8058");
  yi_district_db_revoke_device (db, "01890a5d-ac96-774b-bcce-b302099a8058", &error);
  g_assert_no_error (error);
}

static void
substitute (GString *text)
{
  g_string_replace (text, "@CENTRE@", centre_id, 0);
  g_string_replace (text, "@OTHER@", other_id, 0);
  g_string_replace (text, "@DEVICE@", device_id, 0);
  g_string_replace (text, "@TOKEN@", token, 0);
  g_string_replace (text, "@REVOKED@", revoked_token, 0);
  if (strstr (text->str, "@CODE@") != NULL)
    {
      g_autofree char *code = yi_district_db_new_enrolment_code (db, centre_id, 1, NULL);
      g_string_replace (text, "@CODE@", code, 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(YiDistrictResponse) resp = NULL;
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  YiDistrictRequest req = { 0 };
  const char *end;
  gsize head_len;

  if (db == NULL)
    init ();
  if (size > 1024 * 1024)
    return 0;

  text = g_string_new_len ((const char *) data, (gssize) size);
  substitute (text);

  /* The header block ends at the first empty line; the rest is the body. */
  end = g_strstr_len (text->str, (gssize) text->len, "\r\n\r\n");
  if (end != NULL)
    head_len = (gsize) (end - text->str) + 4;
  else
    head_len = text->len;
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (soup_headers_parse_request (text->str, (int) head_len, headers, &method, &target, NULL) != SOUP_STATUS_OK)
    return 0;

  /* As libsoup's server turns the request target into a URI. */
  base = g_uri_parse ("http://127.0.0.1:8787/", SOUP_HTTP_URI_FLAGS, NULL);
  if (target[0] == '/')
    uri = g_uri_parse_relative (base, target, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || *g_uri_get_path (uri) == '\0')
    return 0;

  body = g_bytes_new (text->str + head_len, text->len - head_len);
  req.method = method;
  req.path = g_uri_get_path (uri);
  req.query = g_uri_get_query (uri);
  req.headers = headers;
  req.body = body;
  req.peer = "127.0.0.1";
  resp = yi_district_handle (db, &req, FALSE);

  yi_fuzz_check (resp != NULL && resp->body != NULL);
  if (g_getenv ("YI_FUZZ_VERBOSE") != NULL)
    g_printerr ("%s %s → %u\n", method, req.path, resp->status);
  yi_fuzz_check (resp->status >= 200 && resp->status < 600);
  yi_fuzz_check (soup_message_headers_get_one (resp->headers, YI_SYNC_PROTOCOL_HEADER) != NULL);
  /* A refused request answers with an error and nothing of the centre. */
  if (resp->status >= 400)
    {
      gsize len;
      const char *out = g_bytes_get_data (resp->body, &len);

      if (soup_message_headers_get_one (resp->headers, "Content-Encoding") == NULL)
        yi_fuzz_check (g_strstr_len (out, (gssize) len, "\"error\"") != NULL);
      /* Unless the request carried it itself (an answer may quote what
       * was sent), the token is nowhere in a refusal. */
      if (g_strstr_len (text->str, (gssize) text->len, token) == NULL)
        yi_fuzz_check (g_strstr_len (out, (gssize) len, token) == NULL);
    }

  /* An input may re-enrol the device (a new token) or fill the database;
   * start the next one from a device that works. */
  {
    g_autoptr(YiDistrictDevice) device = yi_district_db_authenticate (db, token, NULL);

    if (device == NULL)
      {
        g_free (token);
        token = enrol (centre_id, device_id);
      }
  }
  return 0;
}
