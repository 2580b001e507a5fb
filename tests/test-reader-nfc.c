/* The libnfc card reader, driven through libnfc's real pn532_uart driver
 * against the PN532 emulator on a pseudo-terminal. */

#include "config.h"

#include "pn532-emulator-client.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-reader.h"
#include "yi-store.h"

#include <glib/gstdio.h>
#include <string.h>

#define DEBOUNCE_MS 300
#define POLL_MS 20

static GThread *main_thread;

typedef struct {
  Pn532Emulator *emu;
  YiReader      *reader;
  GPtrArray     *taps;
  GPtrArray     *statuses;   /* "STATUS message" as the app saw them */
} Fixture;

static void
on_card_tapped (YiReader *reader, const char *uid, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_ptr_array_add (f->taps, g_strdup (uid));
}

static void
on_status (YiReader *reader, GParamSpec *pspec, gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_ptr_array_add (f->statuses, g_strdup_printf ("%d %s", yi_reader_get_status (reader),
                                                  yi_reader_get_status_message (reader)));
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds or @timeout_ms pass. */
#define spin_until(cond, timeout_ms) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    guint tick_ = g_timeout_add (5, tick, NULL); \
    while (!(cond) && g_get_monotonic_time () < end_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (tick_); \
  } G_STMT_END

static void
spin_for (guint ms)
{
  spin_until (FALSE, ms);
}

static void
make_reader (Fixture *f, const char *connstring)
{
  f->reader = yi_nfc_reader_new (connstring, DEBOUNCE_MS);
  yi_nfc_reader_set_poll_interval_ms (YI_NFC_READER (f->reader), POLL_MS);
  g_signal_connect (f->reader, "card-tapped", G_CALLBACK (on_card_tapped), f);
  g_signal_connect (f->reader, "notify::status-message", G_CALLBACK (on_status), f);
  yi_reader_start (f->reader);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->taps = g_ptr_array_new_with_free_func (g_free);
  f->statuses = g_ptr_array_new_with_free_func (g_free);
  f->emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);
  make_reader (f, pn532_emulator_connstring (f->emu));
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_CONNECTED, 5000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_CONNECTED);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->reader);
  g_clear_pointer (&f->emu, pn532_emulator_free);
  g_ptr_array_unref (f->taps);
  g_ptr_array_unref (f->statuses);
}

static gboolean
saw_status_containing (Fixture *f, const char *text)
{
  for (guint i = 0; i < f->statuses->len; i++)
    if (strstr (g_ptr_array_index (f->statuses, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
place (Fixture *f, const char *uid)
{
  g_autofree char *command = g_strconcat ("place ", uid, NULL);
  pn532_emulator_do (f->emu, command);
}

static void
test_tap (Fixture *f, gconstpointer data)
{
  const char *uid = data;
  g_autofree char *name = yi_nfc_reader_dup_device_name (YI_NFC_READER (f->reader));

  g_assert_nonnull (name);
  g_assert_true (strstr (name, "pn532_uart") != NULL);

  place (f, uid);
  spin_until (f->taps->len >= 1, 3000);
  pn532_emulator_do (f->emu, "remove");
  spin_for (2 * DEBOUNCE_MS);
  g_assert_cmpuint (f->taps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->taps, 0), ==, uid);
}

/* The PN532 waits for a card in InAutoPoll and answers as it arrives: the
 * polling interval spaces out looks that return at once, it is no delay
 * before a card is seen. */
static void
test_seen_while_waiting (Fixture *f, gconstpointer data)
{
  yi_reader_stop (f->reader);
  yi_nfc_reader_set_poll_interval_ms (YI_NFC_READER (f->reader), 10000);
  yi_reader_start (f->reader);
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_CONNECTED, 5000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_CONNECTED);
  spin_for (300);
  place (f, "04A1B2C3");
  spin_until (f->taps->len >= 1, 2000);
  g_assert_cmpuint (f->taps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->taps, 0), ==, "04A1B2C3");
}

static void
test_held (Fixture *f, gconstpointer data)
{
  place (f, "04A1B2C3D4E5F6");
  spin_for (10000);
  g_assert_cmpuint (f->taps->len, ==, 1);

  /* Lifted and put back quicker than the debounce: still the same tap. */
  pn532_emulator_do (f->emu, "remove");
  spin_for (DEBOUNCE_MS / 3);
  place (f, "04A1B2C3D4E5F6");
  spin_for (DEBOUNCE_MS);
  g_assert_cmpuint (f->taps->len, ==, 1);

  /* Away for longer than the debounce: a new tap. */
  pn532_emulator_do (f->emu, "remove");
  spin_for (3 * DEBOUNCE_MS);
  place (f, "04A1B2C3D4E5F6");
  spin_until (f->taps->len >= 2, 3000);
  g_assert_cmpuint (f->taps->len, ==, 2);
}

static void
test_two_cards (Fixture *f, gconstpointer data)
{
  place (f, "04A1B2C3");
  spin_until (f->taps->len >= 1, 3000);
  pn532_emulator_do (f->emu, "remove");
  spin_for (50);
  place (f, "0456789ABCDEF0");
  spin_until (f->taps->len >= 2, 3000);
  /* A different card straight after, with no gap, is a tap too. */
  place (f, "04A1B2C3");
  spin_until (f->taps->len >= 3, 3000);
  spin_for (DEBOUNCE_MS);

  g_assert_cmpuint (f->taps->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (f->taps, 0), ==, "04A1B2C3");
  g_assert_cmpstr (g_ptr_array_index (f->taps, 1), ==, "0456789ABCDEF0");
  g_assert_cmpstr (g_ptr_array_index (f->taps, 2), ==, "04A1B2C3");
}

typedef struct {
  const char *fault;       /* emulator command that breaks things */
  const char *words;       /* what staff must be told */
  const char *recovery;    /* emulator command that mends them */
} Fault;

static const Fault faults[] = {
  { "mode garbage", "garbled", "mode normal" },
  { "mode badchecksum", "garbled", "mode normal" },
  { "mode silent", "stopped answering", "mode normal" },
  { "hangup", "unplugged", "comeback" },
};

static void
test_fault (Fixture *f, gconstpointer data)
{
  const Fault *fault = data;

  pn532_emulator_do (f->emu, fault->fault);
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_ERROR, 5000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_ERROR);
  g_assert_true (saw_status_containing (f, fault->words));

  /* A card placed while the reader is broken is not seen; nothing crashes. */
  place (f, "04A1B2C3");
  spin_for (1500);
  g_assert_cmpuint (f->taps->len, ==, 0);
  g_assert_cmpint (yi_reader_get_status (f->reader), !=, YI_READER_STATUS_CONNECTED);
  pn532_emulator_do (f->emu, "remove");

  pn532_emulator_do (f->emu, fault->recovery);
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_CONNECTED, 10000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_CONNECTED);

  place (f, "04D5E6F7");
  spin_until (f->taps->len >= 1, 3000);
  g_assert_cmpuint (f->taps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->taps, 0), ==, "04D5E6F7");
}

static void
test_stop_while_silent (Fixture *f, gconstpointer data)
{
  gint64 start;

  pn532_emulator_do (f->emu, "mode silent");
  spin_for (100);
  start = g_get_monotonic_time ();
  yi_reader_stop (f->reader);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_STOPPED);
  /* A command to a silent chip is bounded; stop never hangs on it. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* Nothing queued before the stop leaks out after it. */
  spin_for (200);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_STOPPED);

  pn532_emulator_do (f->emu, "mode normal");
  yi_reader_start (f->reader);
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_CONNECTED, 5000);
  place (f, "04A1B2C3");
  spin_until (f->taps->len >= 1, 3000);
  g_assert_cmpuint (f->taps->len, ==, 1);
}

static void
on_tap_to_store (YiReader *reader, const char *uid, gpointer user_data)
{
  YiStore *store = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(YiTapResult) result = yi_store_tap (store, uid, &error);

  g_assert_no_error (error);
  g_assert_cmpint (result->kind, ==, YI_TAP_CHECK_IN);
}

static void
test_tap_reaches_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-reader-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(YiStore) store = yi_store_open (path, &error);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *elder = NULL;
  g_autofree char *card = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (fields, "name", "张桂英");
  json_object_set_string_member (fields, "id_number", "11010519491231002X");
  elder = yi_store_save_elder (store, NULL, fields, &error);
  g_assert_no_error (error);
  card = yi_store_issue_card (store, "04a1b2c3d4e5f6", elder, NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (f->reader, "card-tapped", G_CALLBACK (on_tap_to_store), store);
  place (f, "04A1B2C3D4E5F6");
  spin_until (f->taps->len >= 1, 3000);
  g_assert_cmpuint (f->taps->len, ==, 1);

  g_assert_cmpint (yi_store_count (store,
                                   "SELECT count(*) FROM attendance WHERE elder_id = ? AND kind = 'in' "
                                   "AND method = 'card' AND card_uid = '04A1B2C3D4E5F6'",
                                   elder, NULL), ==, 1);

  g_signal_handlers_disconnect_by_func (f->reader, on_tap_to_store, store);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_autoscan (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(GError) error = NULL;

  f->taps = g_ptr_array_new_with_free_func (g_free);
  f->statuses = g_ptr_array_new_with_free_func (g_free);
  f->emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);

  /* An empty setting takes whatever libnfc finds; the user-defined
   * default device is the first it lists. */
  g_setenv ("LIBNFC_DEFAULT_DEVICE", pn532_emulator_connstring (f->emu), TRUE);
  make_reader (f, "");
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_CONNECTED, 5000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_CONNECTED);
  place (f, "04A1B2C3");
  spin_until (f->taps->len >= 1, 3000);
  g_assert_cmpuint (f->taps->len, ==, 1);
  g_unsetenv ("LIBNFC_DEFAULT_DEVICE");

  fixture_teardown (f, NULL);
}

static void
test_missing_device (void)
{
  Fixture fx = { 0 }, *f = &fx;

  f->taps = g_ptr_array_new_with_free_func (g_free);
  f->statuses = g_ptr_array_new_with_free_func (g_free);
  make_reader (f, "pn532_uart:/nonexistent/ttyUSB9");
  spin_until (yi_reader_get_status (f->reader) == YI_READER_STATUS_ERROR, 3000);
  g_assert_cmpint (yi_reader_get_status (f->reader), ==, YI_READER_STATUS_ERROR);
  g_assert_true (saw_status_containing (f, "unplugged"));
  fixture_teardown (f, NULL);
}

/* Runs one of libnfc's own tools against the emulator with a card on it,
 * lifting the card after a second (nfc-poll waits for that); returns what
 * the tool printed.  NULL when the tool is not installed. */
static gpointer
remove_card_later (gpointer data)
{
  g_usleep (G_USEC_PER_SEC);
  pn532_emulator_do (data, "remove");
  return NULL;
}

static char *
run_libnfc_tool (const char *env_name, const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = pn532_emulator_spawn (&error);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *command = g_strconcat ("place ", uid, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *program = g_getenv (env_name);
  GThread *lifter;

  g_assert_no_error (error);
  if (program == NULL)
    return NULL;
  pn532_emulator_do (emu, command);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LIBNFC_DEFAULT_DEVICE", pn532_emulator_connstring (emu), TRUE);
  g_subprocess_launcher_setenv (launcher, "LIBNFC_AUTO_SCAN", "false", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  g_assert_no_error (error);
  /* communicate() blocks this thread, so the card is lifted from another. */
  lifter = g_thread_new ("lift-card", remove_card_later, emu);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_thread_join (lifter);
  g_assert_no_error (error);
  g_test_message ("%s said:\n%s%s", program, out, err);
  g_assert_true (g_subprocess_get_successful (process));
  return g_steal_pointer (&out);
}

static void
test_nfc_list (void)
{
  g_autofree char *out = run_libnfc_tool ("NFC_LIST", "04A1B2C3D4E5F6");

  if (out == NULL)
    {
      g_test_skip ("nfc-list (Debian package libnfc-bin) is not installed");
      return;
    }
  g_assert_nonnull (strstr (out, "1 ISO14443A passive target(s) found"));
  g_assert_nonnull (strstr (out, "UID (NFCID1): 04  a1  b2  c3  d4  e5  f6"));
}

static void
test_nfc_poll (void)
{
  /* nfc-poll uses the PN532's own InAutoPoll, then waits for the card to go. */
  g_autofree char *out = run_libnfc_tool ("NFC_POLL", "04A1B2C3");

  if (out == NULL)
    {
      g_test_skip ("nfc-poll (Debian package libnfc-examples) is not installed");
      return;
    }
  g_assert_nonnull (strstr (out, "UID (NFCID1): 04  a1  b2  c3"));
  g_assert_nonnull (strstr (out, "Waiting for card removing...done."));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(path, data, fn) \
  g_test_add ("/reader/nfc/" path, Fixture, data, fixture_setup, fn, fixture_teardown)

  ADD ("tap/4-byte", "04A1B2C3", test_tap);
  ADD ("tap/7-byte", "04A1B2C3D4E5F6", test_tap);
  ADD ("tap/10-byte", "04A1B2C3D4E5F60718A9", test_tap);
  ADD ("held-10s-is-one-tap", NULL, test_held);
  ADD ("seen-while-waiting", NULL, test_seen_while_waiting);
  ADD ("two-cards", NULL, test_two_cards);
  ADD ("fault/garbage", &faults[0], test_fault);
  ADD ("fault/bad-checksum", &faults[1], test_fault);
  ADD ("fault/silence", &faults[2], test_fault);
  ADD ("fault/hang-up", &faults[3], test_fault);
  ADD ("stop-while-silent", NULL, test_stop_while_silent);
  ADD ("tap-reaches-store", NULL, test_tap_reaches_store);
  g_test_add_func ("/reader/nfc/autoscan", test_autoscan);
  g_test_add_func ("/reader/nfc/missing-device", test_missing_device);
  g_test_add_func ("/reader/nfc-list", test_nfc_list);
  g_test_add_func ("/reader/nfc-poll", test_nfc_poll);

  return g_test_run ();
}
