/* The whole path of a card tap, with no part faked: the PN532 emulator on
 * a pseudo-terminal, libnfc's pn532_uart driver, the kiosk's NFC reader
 * thread, the window, the greeting on screen and the attendance row
 * committed. */
#include "config.h"

#include "kiosk-test-util.h"
#include "pn532-emulator-client.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include <string.h>

static Pn532Emulator *emu;
static GSocket *notify;        /* where the kiosk says READY=1 */
static char *notify_dir;

static void
prepare (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *path = NULL;

  emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);
  notify_dir = g_dir_make_tmp ("yiyang-notify-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (notify_dir, "notify", NULL);
  notify = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (path);
  g_assert_true (g_socket_bind (notify, address, FALSE, &error));
  g_socket_set_blocking (notify, FALSE);
  g_setenv ("NOTIFY_SOCKET", path, TRUE);
  g_settings_set_string (k.settings, "reader-connstring", pn532_emulator_connstring (emu));
  g_settings_set_int (k.settings, "reader-debounce", 300);
}

static gboolean
reader_ready (gpointer data)
{
  return yi_card_readers_nfc_ready (yi_application_get_readers (k.app));
}

static gboolean
greeting_shows (gpointer name)
{
  g_autofree char *all = screen_text ();

  return g_strcmp0 (yi_window_get_page (k.window), "greeting") == 0 && strstr (all, name) != NULL;
}

static gboolean
on_staff_page (gpointer data)
{
  return g_strcmp0 (yi_window_get_page (k.window), "staff") == 0;
}

static gboolean
said_ready (gpointer data)
{
  char buf[64] = { 0 };
  gssize n = g_socket_receive (notify, buf, sizeof buf - 1, NULL, NULL);

  if (n > 0)
    g_assert_cmpstr (buf, ==, "READY=1\n");
  return n > 0;
}

static void
test_card_on_reader (void)
{
  g_assert_true (wait_until (reader_ready, NULL, 10000));
  /* the board painted and the reader open: the kiosk tells its supervisor */
  g_assert_true (wait_until (said_ready, NULL, 5000));
  press (T ("工作人员", "Staff"));
  assert_on_screen (T ("读卡器已就绪", "The card reader is ready"));
  yi_window_show_board (k.window);

  pn532_emulator_do (emu, "place 04A1B2C3");
  g_assert_true (wait_until (greeting_shows, "张桂英", 5000));
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ? AND kind = 'in' AND method = 'card'",
                          k.seed.zhang_id, NULL), ==, 1);
  assert_on_screen (T ("签到成功", "Checked in"));
  save_png ("nfc-greeting");

  /* held on the reader it is one tap; lifted and placed again, a repeat */
  iterate_for (800);
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 1);
  pn532_emulator_do (emu, "remove");
  yi_window_show_board (k.window);
  iterate_for (500);
  pn532_emulator_do (emu, "place 04A1B2C3");
  g_assert_true (wait_until (greeting_shows, "张桂英", 5000));
  assert_on_screen (T ("您今天已经签到了", "You are already checked in today"));
  g_assert_cmpint (count ("SELECT count(*) FROM attendance WHERE elder_id = ?", k.seed.zhang_id, NULL), ==, 1);
  pn532_emulator_do (emu, "remove");

  /* a staff card on the reader opens staff mode for that person's PIN */
  iterate_for (500);
  pn532_emulator_do (emu, "place 5A5A5A5A");
  g_assert_true (wait_until (on_staff_page, NULL, 5000));
  assert_on_screen ("王芳");
  pn532_emulator_do (emu, "remove");
}

int
main (int argc, char **argv)
{
  int status;

  kiosk_test_init (&argc, &argv, "nfc", TRUE, prepare);
  g_test_add_func ("/kiosk-nfc/card-on-reader", test_card_on_reader);
  status = kiosk_test_run ();
  pn532_emulator_free (emu);
  g_clear_object (&notify);
  {
    g_autofree char *path = g_build_filename (notify_dir, "notify", NULL);

    g_unlink (path);
    g_rmdir (notify_dir);
    g_free (notify_dir);
  }
  return status;
}
