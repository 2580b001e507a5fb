/* The PN532 emulator's frame handling, byte for byte, without libnfc. */

#include "config.h"

#include "pn532-emulator-client.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const guint8 ack[] = { 0x00, 0x00, 0xff, 0x00, 0xff, 0x00 };

static int
open_port (Pn532Emulator *emu)
{
  struct termios tio;
  int fd = open (pn532_emulator_link (emu), O_RDWR | O_NOCTTY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (tcgetattr (fd, &tio), ==, 0);
  cfmakeraw (&tio);
  g_assert_cmpint (tcsetattr (fd, TCSANOW, &tio), ==, 0);
  return fd;
}

/* Reads what arrives within @ms. */
static GByteArray *
read_for (int fd, guint ms)
{
  GByteArray *got = g_byte_array_new ();
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      struct pollfd p = { .fd = fd, .events = POLLIN };
      gint64 left = (end - g_get_monotonic_time ()) / 1000;
      guint8 buf[512];
      ssize_t n;

      if (left <= 0 || poll (&p, 1, (int) left) <= 0)
        break;
      n = read (fd, buf, sizeof buf);
      if (n <= 0)
        break;
      g_byte_array_append (got, buf, (guint) n);
    }
  return got;
}

static void
send_frame (int fd, const guint8 *data, gsize len, gboolean extended, gboolean break_dcs)
{
  g_autoptr(GByteArray) f = g_byte_array_new ();
  guint8 head[] = { 0x00, 0x00, 0xff };
  guint8 tfi = 0xd4, dcs = 0xd4, post = 0x00;
  gsize body = len + 1;

  g_byte_array_append (f, head, sizeof head);
  if (extended)
    {
      guint8 l[] = { 0xff, 0xff, body >> 8, body & 0xff, (guint8) (0x100 - (((body >> 8) + (body & 0xff)) & 0xff)) };
      g_byte_array_append (f, l, sizeof l);
    }
  else
    {
      guint8 l[] = { (guint8) body, (guint8) (0x100 - body) };
      g_byte_array_append (f, l, sizeof l);
    }
  g_byte_array_append (f, &tfi, 1);
  g_byte_array_append (f, data, (guint) len);
  for (gsize i = 0; i < len; i++)
    dcs += data[i];
  dcs = (guint8) (0x100 - dcs) ^ (break_dcs ? 0x01 : 0x00);
  g_byte_array_append (f, &dcs, 1);
  g_byte_array_append (f, &post, 1);
  g_assert_cmpint (write (fd, f->data, f->len), ==, (gssize) f->len);
}

static void
test_normal_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = pn532_emulator_spawn (&error);
  static const guint8 wake[] = { 0x55, 0x55, 0x00, 0x00, 0x00 };
  static const guint8 get_fw[] = { 0x02 };
  static const guint8 expect[] = {
    0x00, 0x00, 0xff, 0x00, 0xff, 0x00,                 /* ACK */
    0x00, 0x00, 0xff, 0x06, 0xfa, 0xd5, 0x03,           /* LEN 6, LCS, TFI, GetFirmwareVersion + 1 */
    0x32, 0x01, 0x06, 0x07, 0xe8, 0x00,                 /* PN532 v1.6, DCS, postamble */
  };
  g_autoptr(GByteArray) got = NULL;
  int fd;

  g_assert_no_error (error);
  fd = open_port (emu);
  g_assert_cmpint (write (fd, wake, sizeof wake), ==, sizeof wake);
  send_frame (fd, get_fw, sizeof get_fw, FALSE, FALSE);
  got = read_for (fd, 300);
  g_assert_cmpmem (got->data, got->len, expect, sizeof expect);
  close (fd);
}

static void
test_extended_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = pn532_emulator_spawn (&error);
  g_autoptr(GByteArray) got = NULL;
  guint8 diag[301];
  guint8 sum = 0xd5 + 0x01;
  int fd;

  g_assert_no_error (error);
  /* Diagnose, communication test: the chip echoes 300 bytes back, which
   * needs extended frames both ways. */
  diag[0] = 0x00;
  diag[1] = 0x00;
  for (guint i = 2; i < sizeof diag; i++)
    diag[i] = (guint8) i;
  fd = open_port (emu);
  send_frame (fd, diag, sizeof diag, TRUE, FALSE);
  got = read_for (fd, 300);

  g_assert_cmpuint (got->len, ==, sizeof ack + 10 + 300 + 2);
  g_assert_cmpmem (got->data, sizeof ack, ack, sizeof ack);
  /* 00 00 FF FF FF LENM LENL LCS D5 01 */
  g_assert_cmpint (got->data[6 + 3], ==, 0xff);
  g_assert_cmpint (got->data[6 + 4], ==, 0xff);
  g_assert_cmpuint ((got->data[6 + 5] << 8) | got->data[6 + 6], ==, 302);
  g_assert_cmpint ((got->data[6 + 5] + got->data[6 + 6] + got->data[6 + 7]) & 0xff, ==, 0);
  g_assert_cmpint (got->data[6 + 8], ==, 0xd5);
  g_assert_cmpint (got->data[6 + 9], ==, 0x01);
  g_assert_cmpmem (got->data + 6 + 10, 300, diag + 1, 300);
  for (guint i = 0; i < 300; i++)
    sum += diag[1 + i];
  g_assert_cmpint ((guint8) (sum + got->data[6 + 10 + 300]), ==, 0);
  close (fd);
}

static void
test_bad_checksum_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = pn532_emulator_spawn (&error);
  g_autoptr(GByteArray) got = NULL;
  g_autofree char *stats = NULL;
  static const guint8 get_fw[] = { 0x02 };
  int fd;

  g_assert_no_error (error);
  fd = open_port (emu);
  send_frame (fd, get_fw, sizeof get_fw, FALSE, TRUE);
  got = read_for (fd, 200);
  g_assert_cmpuint (got->len, ==, 0);  /* a damaged command is not acknowledged */
  stats = pn532_emulator_command (emu, "stats", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (stats, "commands=0 "));
  g_assert_nonnull (strstr (stats, "bad_frames=1"));
  close (fd);
}

static void
test_control_rejects_bad_uid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = pn532_emulator_spawn (&error);
  g_autofree char *reply = NULL;

  g_assert_no_error (error);
  reply = pn532_emulator_command (emu, "place 04A1B2", &error);
  g_assert_null (reply);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/emulator/normal-frame", test_normal_frame);
  g_test_add_func ("/reader/emulator/extended-frame", test_extended_frame);
  g_test_add_func ("/reader/emulator/bad-checksum-ignored", test_bad_checksum_ignored);
  g_test_add_func ("/reader/emulator/control-rejects-bad-uid", test_control_rejects_bad_uid);

  return g_test_run ();
}
