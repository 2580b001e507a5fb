/* The keyboard-wedge burst detector, fed with characters and time stamps. */

#include "config.h"

#include "yi-reader.h"

#include <string.h>

#define MS 1000

/* Feeds @text one character every @gap_ms starting at *@t; Enter is '\n'.
 * Returns the verdicts as a string: P(ass), H(old), T(ap). */
static char *
feed (YiWedgeDetector *d, const char *text, gint64 *t, guint gap_ms, GString *released)
{
  GString *verdicts = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      g_autofree char *out = NULL;
      YiWedgeVerdict v;

      /* What a caller does between keys: release held digits that timed out. */
      if (yi_wedge_detector_get_deadline (d) >= 0 && yi_wedge_detector_get_deadline (d) <= *t)
        yi_wedge_detector_expire (d, *t);
      out = yi_wedge_detector_take_released (d);
      if (out != NULL)
        g_string_append (released, out);

      v = yi_wedge_detector_feed (d, (gunichar) *p, *t);
      g_clear_pointer (&out, g_free);
      out = yi_wedge_detector_take_released (d);
      if (out != NULL)
        g_string_append (released, out);
      g_string_append_c (verdicts, "PHT"[v]);
      if (v == YI_WEDGE_PASS)
        g_string_append_c (released, *p);  /* a passed key reaches the field */
      *t += (gint64) gap_ms * MS;
    }
  return g_string_free (verdicts, FALSE);
}

static void
flush (YiWedgeDetector *d, gint64 *t, GString *released)
{
  g_autofree char *out = NULL;

  *t += 1000 * MS;
  yi_wedge_detector_expire (d, *t);
  out = yi_wedge_detector_take_released (d);
  if (out != NULL)
    g_string_append (released, out);
}

static void
test_burst_is_tap (void)
{
  g_autoptr(YiWedgeDetector) d = yi_wedge_detector_new (35);
  g_autoptr(GString) released = g_string_new (NULL);
  g_autofree char *verdicts = NULL;
  g_autofree char *uid = NULL;
  gint64 t = 1000000;

  /* A reader types 4 ms apart; lower-case digits are upper-cased. */
  verdicts = feed (d, "04a1b2c3\n", &t, 4, released);
  g_assert_cmpstr (verdicts, ==, "HHHHHHHHT");
  uid = yi_wedge_detector_take_uid (d);
  g_assert_cmpstr (uid, ==, "04A1B2C3");
  g_assert_null (yi_wedge_detector_take_uid (d));
  flush (d, &t, released);
  g_assert_cmpstr (released->str, ==, "");
}

static void
test_burst_lengths (void)
{
  const char *bursts[] = { "04A1B2C3D4E5F6\r", "04A1B2C3D4E5F60718A9\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bursts); i++)
    {
      g_autoptr(YiWedgeDetector) d = yi_wedge_detector_new (35);
      g_autoptr(GString) released = g_string_new (NULL);
      g_autofree char *verdicts = NULL;
      g_autofree char *uid = NULL;
      gint64 t = 0;

      verdicts = feed (d, bursts[i], &t, 8, released);
      g_assert_cmpint (verdicts[strlen (verdicts) - 1], ==, 'T');
      uid = yi_wedge_detector_take_uid (d);
      g_assert_cmpuint (strlen (uid), ==, strlen (bursts[i]) - 1);
      g_assert_true (strncmp (uid, bursts[i], strlen (uid)) == 0);
      g_assert_cmpstr (released->str, ==, "");
    }
}

static void
test_human_typing_passes (void)
{
  g_autoptr(YiWedgeDetector) d = yi_wedge_detector_new (35);
  g_autoptr(GString) released = g_string_new (NULL);
  g_autofree char *verdicts = NULL;
  gint64 t = 0;

  /* A person types a phone number 150 ms a key and presses Enter. */
  verdicts = feed (d, "13800138000\n", &t, 150, released);
  g_assert_null (strchr (verdicts, 'T'));
  g_assert_null (yi_wedge_detector_take_uid (d));
  g_assert_cmpstr (released->str, ==, "13800138000\n");

  /* Words with letters pass straight through. */
  g_string_truncate (released, 0);
  g_free (verdicts);
  verdicts = feed (d, "hello", &t, 120, released);
  flush (d, &t, released);
  g_assert_cmpstr (released->str, ==, "hello");
}

static void
test_fast_but_not_a_card (void)
{
  g_autoptr(YiWedgeDetector) d = yi_wedge_detector_new (35);
  g_autoptr(GString) released = g_string_new (NULL);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;
  gint64 t = 0;

  /* Fast, but 6 digits is no card number: the digits and Enter go through. */
  v1 = feed (d, "123456\n", &t, 5, released);
  g_assert_cmpstr (v1, ==, "HHHHHHP");
  g_assert_cmpstr (released->str, ==, "123456\n");

  /* A fast burst that stops without Enter is released after the gap. */
  g_string_truncate (released, 0);
  v2 = feed (d, "04A1B2C3", &t, 5, released);
  flush (d, &t, released);
  g_assert_cmpstr (released->str, ==, "04A1B2C3");

  /* Digits, then a slow Enter: not a card. */
  g_string_truncate (released, 0);
  v3 = feed (d, "04A1B2C3", &t, 5, released);
  t += 200 * MS;
  g_assert_cmpint (yi_wedge_detector_feed (d, '\n', t), ==, YI_WEDGE_PASS);
  g_assert_null (yi_wedge_detector_take_uid (d));
}

static void
test_human_then_burst (void)
{
  g_autoptr(YiWedgeDetector) d = yi_wedge_detector_new (35);
  g_autoptr(GString) released = g_string_new (NULL);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *uid = NULL;
  gint64 t = 0;

  /* Someone typed "7" into a field, then a card was read 300 ms later. */
  v1 = feed (d, "7", &t, 300, released);
  v2 = feed (d, "04A1B2C3\n", &t, 4, released);
  g_assert_cmpstr (v2, ==, "HHHHHHHHT");
  uid = yi_wedge_detector_take_uid (d);
  g_assert_cmpstr (uid, ==, "04A1B2C3");
  g_assert_cmpstr (released->str, ==, "7");
}

static void
on_tap (YiReader *reader, const char *uid, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (uid));
}

static void
test_wedge_reader_signal (void)
{
  g_autoptr(YiReader) reader = yi_wedge_reader_new (0);
  g_autoptr(GPtrArray) taps = g_ptr_array_new_with_free_func (g_free);
  const char *burst = "04a1b2c3d4e5f6\n";
  gint64 t = 0;

  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_tap), taps);
  yi_reader_start (reader);
  g_assert_cmpint (yi_reader_get_status (reader), ==, YI_READER_STATUS_CONNECTED);
  for (const char *p = burst; *p; p++, t += 3 * MS)
    yi_wedge_reader_feed (YI_WEDGE_READER (reader), (gunichar) *p, t);
  g_assert_cmpuint (taps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (taps, 0), ==, "04A1B2C3D4E5F6");
  yi_reader_stop (reader);
  g_assert_cmpint (yi_reader_get_status (reader), ==, YI_READER_STATUS_STOPPED);
}

static void
test_normalise_uid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = yi_reader_normalise_uid ("04:a1:b2:c3", &error);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "04A1B2C3");

  b = yi_reader_normalise_uid ("04A1B2C3D4", &error);
  g_assert_error (error, YI_READER_ERROR, YI_READER_ERROR_BAD_UID);
  g_assert_null (b);
  g_clear_error (&error);

  c = yi_reader_normalise_uid ("04A1B2CZ", &error);
  g_assert_error (error, YI_READER_ERROR, YI_READER_ERROR_BAD_UID);
  g_assert_null (c);
}

static void
test_report_tap_rejects_bad_uid (void)
{
  g_autoptr(YiReader) reader = yi_wedge_reader_new (0);
  g_autoptr(GPtrArray) taps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_tap), taps);
  g_assert_false (yi_reader_report_tap (reader, "hello", &error));
  g_assert_error (error, YI_READER_ERROR, YI_READER_ERROR_BAD_UID);
  g_assert_cmpuint (taps->len, ==, 0);
  g_clear_error (&error);
  g_assert_true (yi_reader_report_tap (reader, "04 a1 b2 c3", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (taps, 0), ==, "04A1B2C3");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/wedge/burst-is-tap", test_burst_is_tap);
  g_test_add_func ("/reader/wedge/burst-lengths", test_burst_lengths);
  g_test_add_func ("/reader/wedge/human-typing-passes", test_human_typing_passes);
  g_test_add_func ("/reader/wedge/fast-but-not-a-card", test_fast_but_not_a_card);
  g_test_add_func ("/reader/wedge/human-then-burst", test_human_then_burst);
  g_test_add_func ("/reader/wedge/reader-signal", test_wedge_reader_signal);
  g_test_add_func ("/reader/uid/normalise", test_normalise_uid);
  g_test_add_func ("/reader/uid/report-tap", test_report_tap_rejects_bad_uid);

  return g_test_run ();
}
