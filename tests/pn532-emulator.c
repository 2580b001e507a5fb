/* pn532-emulator: a PN532 on a pseudo-terminal, speaking the HSU (UART)
 * frame protocol well enough for libnfc's pn532_uart driver, nfc-list and
 * nfc-poll.  A control socket places and removes cards and makes the
 * device misbehave on purpose.
 *
 *   pn532-emulator --link PATH [--control SOCKET] [--pty-file FILE]
 *
 * PATH is a symbolic link to the current pseudo-terminal, the way udev's
 * /dev/serial/by-id links point at a ttyUSB node: it survives a hang-up and
 * come-back even though the terminal number changes.  Once ready the
 * emulator prints "PTY <slave path>" on standard output.
 *
 * Control commands, one per line; each is answered by one line starting
 * with "OK" or "ERR":
 *   place UID        a card with that UID (4, 7 or 10 bytes in hex) lies on the reader
 *   remove           the card is taken away
 *   mode normal|garbage|badchecksum|silent
 *   hangup           the device disappears (pty closed, link removed)
 *   comeback         a new pty appears behind the link
 *   stats            commands seen so far
 *   quit
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLIENTS 8
#define RX_MAX 4096
#define MAX_DATA 600  /* the longest answer we build */

enum { MODE_NORMAL, MODE_GARBAGE, MODE_BAD_CHECKSUM, MODE_SILENT };

typedef struct {
  int      fd;
  char     buf[512];
  size_t   len;
} Client;

typedef struct {
  const char *link_path;
  const char *control_path;
  const char *pty_file;

  int      master;
  int      slave_keep;      /* our own slave fd: keeps the master readable between opens */
  char     slave_path[128];

  uint8_t  rx[RX_MAX];
  size_t   rx_len;

  int      mode;
  bool     card_present;
  uint8_t  uid[10];
  size_t   uid_len;

  uint8_t  registers[0x10000];
  uint8_t  mx_rty_passive;  /* RFConfiguration item 5, third byte */
  bool     field_on;
  uint8_t  selected_tg;

  /* A command that waits for a card (InListPassiveTarget with infinite
   * retries, or InAutoPoll). */
  bool     pending;
  uint8_t  pending_cmd;
  uint8_t  pending_types[16];
  size_t   pending_ntypes;
  int64_t  pending_deadline_us;  /* 0 = wait for ever */

  uint8_t  last_response[MAX_DATA + 16];
  size_t   last_response_len;

  unsigned long commands;
  unsigned long bad_frames;
  unsigned long polls;

  int      listen_fd;
  Client   clients[MAX_CLIENTS];
} Emu;

static volatile sig_atomic_t quit_requested;

static int64_t
now_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
write_all (int fd, const uint8_t *data, size_t len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      data += n;
      len -= (size_t) n;
    }
}

/* ---- pseudo-terminal */

static void
pty_close (Emu *emu)
{
  if (emu->master >= 0)
    close (emu->master);
  if (emu->slave_keep >= 0)
    close (emu->slave_keep);
  emu->master = emu->slave_keep = -1;
  emu->slave_path[0] = '\0';
  emu->rx_len = 0;
  emu->pending = false;
  unlink (emu->link_path);
}

static int
pty_open (Emu *emu)
{
  struct termios tio;
  char tmp_link[4096];
  const char *name;

  emu->master = posix_openpt (O_RDWR | O_NOCTTY);
  if (emu->master < 0 || grantpt (emu->master) < 0 || unlockpt (emu->master) < 0)
    {
      perror ("pn532-emulator: posix_openpt");
      return -1;
    }
  name = ptsname (emu->master);
  if (name == NULL)
    return -1;
  snprintf (emu->slave_path, sizeof emu->slave_path, "%s", name);

  /* Raw from the start: an echoing, line-editing slave would mangle binary
   * frames before libnfc gets to set its own termios. */
  emu->slave_keep = open (emu->slave_path, O_RDWR | O_NOCTTY);
  if (emu->slave_keep < 0 || tcgetattr (emu->slave_keep, &tio) < 0)
    return -1;
  cfmakeraw (&tio);
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  tcsetattr (emu->slave_keep, TCSANOW, &tio);
  fcntl (emu->master, F_SETFL, fcntl (emu->master, F_GETFL) | O_NONBLOCK);

  snprintf (tmp_link, sizeof tmp_link, "%s.new", emu->link_path);
  unlink (tmp_link);
  if (symlink (emu->slave_path, tmp_link) < 0 || rename (tmp_link, emu->link_path) < 0)
    {
      perror ("pn532-emulator: link");
      return -1;
    }
  if (emu->pty_file != NULL)
    {
      FILE *f = fopen (emu->pty_file, "w");
      if (f != NULL)
        {
          fprintf (f, "%s\n", emu->slave_path);
          fclose (f);
        }
    }
  return 0;
}

/* ---- frames */

static void
send_raw (Emu *emu, const uint8_t *data, size_t len)
{
  if (emu->master >= 0)
    write_all (emu->master, data, len);
}

static void
send_ack (Emu *emu)
{
  static const uint8_t ack[] = { 0x00, 0x00, 0xff, 0x00, 0xff, 0x00 };

  if (emu->mode == MODE_GARBAGE)
    {
      uint8_t junk[11];
      for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t) (0x11 * (i + 3) + rand ());
      send_raw (emu, junk, sizeof junk);
      return;
    }
  send_raw (emu, ack, sizeof ack);
}

/* Sends a response frame: TFI 0xD5, command + 1, then @data. */
static void
send_response (Emu *emu, uint8_t cmd, const uint8_t *data, size_t len)
{
  uint8_t frame[MAX_DATA + 16];
  size_t n = 0;
  size_t body = len + 2;
  uint8_t dcs = 0;

  frame[n++] = 0x00;
  frame[n++] = 0x00;
  frame[n++] = 0xff;
  if (body <= 0xff)
    {
      frame[n++] = (uint8_t) body;
      frame[n++] = (uint8_t) (0x100 - body);
    }
  else
    {
      frame[n++] = 0xff;
      frame[n++] = 0xff;
      frame[n++] = (uint8_t) (body >> 8);
      frame[n++] = (uint8_t) body;
      frame[n++] = (uint8_t) (0x100 - ((body >> 8) + (body & 0xff)));
    }
  frame[n++] = 0xd5;
  frame[n++] = cmd + 1;
  dcs = 0xd5 + cmd + 1;
  for (size_t i = 0; i < len; i++)
    {
      frame[n++] = data[i];
      dcs += data[i];
    }
  frame[n++] = (uint8_t) (0x100 - dcs);
  frame[n++] = 0x00;

  if (emu->mode == MODE_BAD_CHECKSUM)
    {
      /* Alternate between a broken length checksum and a broken data checksum. */
      if (emu->commands % 2)
        frame[4] ^= 0x5a;
      else
        frame[n - 2] ^= 0x5a;
    }
  else if (emu->mode == MODE_GARBAGE)
    {
      for (size_t i = 0; i < n; i++)
        frame[i] = (uint8_t) rand ();
    }

  memcpy (emu->last_response, frame, n);
  emu->last_response_len = n;
  send_raw (emu, frame, n);
}

static void
send_error_frame (Emu *emu)
{
  static const uint8_t err[] = { 0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00 };
  send_raw (emu, err, sizeof err);
}

/* ATQA, SAK and the NFCID1 as the PN532 reports a type A target. */
static size_t
encode_type_a_target (Emu *emu, uint8_t tg, uint8_t *out)
{
  size_t n = 0;
  uint8_t size_bits = emu->uid_len == 4 ? 0x00 : emu->uid_len == 7 ? 0x40 : 0x80;

  out[n++] = tg;
  out[n++] = 0x00;                                    /* SENS_RES, high byte */
  out[n++] = 0x04 | size_bits;                        /* UID size in bits 7..6 */
  out[n++] = emu->uid_len == 4 ? 0x08 : 0x00;         /* SEL_RES: Classic 1K or Ultralight-like */
  out[n++] = (uint8_t) emu->uid_len;
  memcpy (out + n, emu->uid, emu->uid_len);
  n += emu->uid_len;
  return n;
}

static bool
type_is_106a (uint8_t type)
{
  /* InAutoPoll target types: generic 106 kbps type A, MIFARE, ISO 14443-4A, DEP passive 106 */
  return type == 0x00 || type == 0x10 || type == 0x20;
}

static void
answer_list_passive (Emu *emu)
{
  uint8_t out[32];
  size_t n = 0;

  emu->polls++;
  out[n++] = 1;
  n += encode_type_a_target (emu, 1, out + n);
  emu->selected_tg = 1;
  send_response (emu, 0x4a, out, n);
}

static void
answer_auto_poll (Emu *emu, uint8_t type)
{
  uint8_t out[40];
  size_t n = 0;

  out[n++] = 1;
  out[n++] = type;
  out[n++] = (uint8_t) (4 + emu->uid_len);
  n += encode_type_a_target (emu, 1, out + n);
  emu->selected_tg = 1;
  send_response (emu, 0x60, out, n);
}

static void
try_complete_pending (Emu *emu)
{
  if (!emu->pending || !emu->card_present || emu->mode == MODE_SILENT)
    return;

  if (emu->pending_cmd == 0x4a)
    {
      emu->pending = false;
      answer_list_passive (emu);
      return;
    }
  for (size_t i = 0; i < emu->pending_ntypes; i++)
    if (type_is_106a (emu->pending_types[i]))
      {
        emu->pending = false;
        answer_auto_poll (emu, emu->pending_types[i]);
        return;
      }
}

static void
handle_command (Emu *emu, const uint8_t *d, size_t len)
{
  uint8_t out[MAX_DATA];
  size_t n = 0;
  uint8_t cmd = d[0];

  emu->commands++;
  /* A new command cancels whatever was waiting, as on the chip. */
  emu->pending = false;
  send_ack (emu);

  switch (cmd)
    {
    case 0x00: /* Diagnose */
      if (len >= 2 && d[1] == 0x00 && len - 1 <= MAX_DATA)
        {
          memcpy (out, d + 1, len - 1);
          n = len - 1;
        }
      else if (len >= 2 && d[1] == 0x06)
        out[n++] = (emu->card_present && emu->selected_tg) ? 0x00 : 0x01;
      else
        out[n++] = 0x00;
      break;
    case 0x02: /* GetFirmwareVersion: PN532, v1.6, supports ISO 14443-A/B and ISO 18092 */
      out[n++] = 0x32;
      out[n++] = 0x01;
      out[n++] = 0x06;
      out[n++] = 0x07;
      break;
    case 0x04: /* GetGeneralStatus */
      out[n++] = 0x00;
      out[n++] = emu->field_on;
      out[n++] = 0x00;
      out[n++] = 0x00;
      break;
    case 0x06: /* ReadRegister */
      for (size_t i = 1; i + 1 < len && n < MAX_DATA; i += 2)
        out[n++] = emu->registers[(d[i] << 8) | d[i + 1]];
      break;
    case 0x08: /* WriteRegister */
      for (size_t i = 1; i + 2 < len; i += 3)
        emu->registers[(d[i] << 8) | d[i + 1]] = d[i + 2];
      break;
    case 0x0c: /* ReadGPIO */
      out[n++] = 0xff;
      out[n++] = 0xff;
      out[n++] = 0x00;
      break;
    case 0x0e: /* WriteGPIO */
    case 0x10: /* SetSerialBaudRate */
    case 0x12: /* SetParameters */
    case 0x14: /* SAMConfiguration */
      break;
    case 0x16: /* PowerDown */
      out[n++] = 0x00;
      break;
    case 0x32: /* RFConfiguration */
      if (len >= 3 && d[1] == 0x01)
        emu->field_on = d[2] & 0x01;
      else if (len >= 5 && d[1] == 0x05)
        emu->mx_rty_passive = d[4];
      break;
    case 0x4a: /* InListPassiveTarget */
      emu->field_on = true;
      if (len >= 3 && d[2] == 0x00 && emu->card_present)
        {
          answer_list_passive (emu);
          return;
        }
      emu->polls++;
      if (len >= 3 && d[2] == 0x00 && emu->mx_rty_passive == 0xff)
        {
          emu->pending = true;
          emu->pending_cmd = cmd;
          emu->pending_deadline_us = 0;
          return;
        }
      out[n++] = 0x00;
      break;
    case 0x60: /* InAutoPoll */
      emu->field_on = true;
      emu->pending_ntypes = 0;
      for (size_t i = 3; i < len && emu->pending_ntypes < 16; i++)
        emu->pending_types[emu->pending_ntypes++] = d[i];
      emu->pending = true;
      emu->pending_cmd = cmd;
      if (len >= 3 && d[1] != 0xff)
        emu->pending_deadline_us = now_us () + (int64_t) d[1] * d[2] * 150000 * (int64_t) emu->pending_ntypes;
      else
        emu->pending_deadline_us = 0;
      try_complete_pending (emu);
      return;
    case 0x44: /* InDeselect */
    case 0x52: /* InRelease */
      emu->selected_tg = 0;
      out[n++] = 0x00;
      break;
    case 0x50: /* InSelect */
      out[n++] = emu->card_present ? 0x00 : 0x27;
      break;
    case 0x40: /* InDataExchange */
    case 0x42: /* InCommunicateThru */
    case 0x46: /* InPSL */
    case 0x4e: /* InATR */
    case 0x56: /* InJumpForDEP */
    case 0x58: /* InJumpForPSL */
      out[n++] = 0x01;  /* time-out: no target answered */
      break;
    default:
      send_error_frame (emu);
      return;
    }
  send_response (emu, cmd, out, n);
}

/* Finds complete frames in the receive buffer and handles them. */
static void
parse_rx (Emu *emu)
{
  size_t i = 0;

  while (i + 1 < emu->rx_len)
    {
      uint8_t *p;
      size_t avail, len, hdr;

      if (!(emu->rx[i] == 0x00 && emu->rx[i + 1] == 0xff))
        {
          i++;
          continue;
        }
      p = emu->rx + i + 2;
      avail = emu->rx_len - i - 2;
      if (avail < 2)
        break;
      if (p[0] == 0x00 && p[1] == 0xff)
        {
          /* ACK from the host: abort the running command */
          emu->pending = false;
          i += 4;
          continue;
        }
      if (p[0] == 0xff && p[1] == 0x00)
        {
          /* NACK: send the last response again */
          if (emu->mode != MODE_SILENT && emu->last_response_len > 0)
            send_raw (emu, emu->last_response, emu->last_response_len);
          i += 4;
          continue;
        }
      if (p[0] == 0xff && p[1] == 0xff)
        {
          if (avail < 5)
            break;
          len = ((size_t) p[2] << 8) | p[3];
          if (((p[2] + p[3] + p[4]) & 0xff) != 0)
            {
              emu->bad_frames++;
              i += 2;
              continue;
            }
          hdr = 5;
        }
      else
        {
          len = p[0];
          if (((p[0] + p[1]) & 0xff) != 0)
            {
              emu->bad_frames++;
              i += 2;
              continue;
            }
          hdr = 2;
        }
      if (avail < hdr + len + 2)
        break;
      {
        const uint8_t *body = p + hdr;
        uint8_t sum = 0;
        for (size_t k = 0; k < len + 1; k++)
          sum += body[k];
        i += 2 + hdr + len + 2;
        if (sum != 0 || len < 2 || body[0] != 0xd4)
          {
            emu->bad_frames++;
            continue;
          }
        if (emu->mode != MODE_SILENT)
          handle_command (emu, body + 1, len - 1);
      }
    }
  memmove (emu->rx, emu->rx + i, emu->rx_len - i);
  emu->rx_len -= i;
}

static void
read_pty (Emu *emu)
{
  for (;;)
    {
      ssize_t n;

      if (emu->rx_len == RX_MAX)
        emu->rx_len = 0;  /* nothing sane is that long */
      n = read (emu->master, emu->rx + emu->rx_len, RX_MAX - emu->rx_len);
      if (n > 0)
        {
          emu->rx_len += (size_t) n;
          continue;
        }
      /* EIO: nobody has the slave open (cannot happen while we hold it) */
      break;
    }
  parse_rx (emu);
}

/* ---- control channel */

static int
parse_uid (const char *hex, uint8_t *out, size_t *out_len)
{
  size_t n = 0;
  size_t len = strlen (hex);

  if (len != 8 && len != 14 && len != 20)
    return -1;
  for (size_t i = 0; i < len; i += 2)
    {
      unsigned v;
      if (!isxdigit ((unsigned char) hex[i]) || !isxdigit ((unsigned char) hex[i + 1]))
        return -1;
      sscanf (hex + i, "%2x", &v);
      out[n++] = (uint8_t) v;
    }
  *out_len = n;
  return 0;
}

static void
control_reply (Client *c, const char *text)
{
  write_all (c->fd, (const uint8_t *) text, strlen (text));
}

static void
control_command (Emu *emu, Client *c, char *line)
{
  char reply[256];
  char *arg = strchr (line, ' ');

  if (arg != NULL)
    {
      *arg++ = '\0';
      while (*arg == ' ')
        arg++;
    }

  if (strcmp (line, "place") == 0 && arg != NULL)
    {
      if (parse_uid (arg, emu->uid, &emu->uid_len) < 0)
        {
          control_reply (c, "ERR a UID is 8, 14 or 20 hex digits\n");
          return;
        }
      emu->card_present = true;
      try_complete_pending (emu);
      control_reply (c, "OK\n");
    }
  else if (strcmp (line, "remove") == 0)
    {
      emu->card_present = false;
      emu->selected_tg = 0;
      control_reply (c, "OK\n");
    }
  else if (strcmp (line, "mode") == 0 && arg != NULL)
    {
      if (strcmp (arg, "normal") == 0)
        emu->mode = MODE_NORMAL;
      else if (strcmp (arg, "garbage") == 0)
        emu->mode = MODE_GARBAGE;
      else if (strcmp (arg, "badchecksum") == 0)
        emu->mode = MODE_BAD_CHECKSUM;
      else if (strcmp (arg, "silent") == 0)
        emu->mode = MODE_SILENT;
      else
        {
          control_reply (c, "ERR modes: normal garbage badchecksum silent\n");
          return;
        }
      try_complete_pending (emu);
      control_reply (c, "OK\n");
    }
  else if (strcmp (line, "hangup") == 0)
    {
      pty_close (emu);
      control_reply (c, "OK\n");
    }
  else if (strcmp (line, "comeback") == 0)
    {
      if (emu->master < 0 && pty_open (emu) < 0)
        {
          control_reply (c, "ERR cannot open a pseudo-terminal\n");
          return;
        }
      snprintf (reply, sizeof reply, "OK %s\n", emu->slave_path);
      control_reply (c, reply);
    }
  else if (strcmp (line, "stats") == 0)
    {
      snprintf (reply, sizeof reply, "OK commands=%lu polls=%lu bad_frames=%lu\n",
                emu->commands, emu->polls, emu->bad_frames);
      control_reply (c, reply);
    }
  else if (strcmp (line, "quit") == 0)
    {
      control_reply (c, "OK\n");
      quit_requested = 1;
    }
  else
    control_reply (c, "ERR unknown command\n");
}

static void
client_read (Emu *emu, Client *c)
{
  ssize_t n = read (c->fd, c->buf + c->len, sizeof c->buf - c->len - 1);
  char *nl;

  if (n <= 0)
    {
      close (c->fd);
      c->fd = -1;
      c->len = 0;
      return;
    }
  c->len += (size_t) n;
  c->buf[c->len] = '\0';
  while ((nl = strchr (c->buf, '\n')) != NULL)
    {
      size_t used = (size_t) (nl - c->buf) + 1;
      *nl = '\0';
      if (nl > c->buf && nl[-1] == '\r')
        nl[-1] = '\0';
      control_command (emu, c, c->buf);
      memmove (c->buf, c->buf + used, c->len - used + 1);
      c->len -= used;
    }
  if (c->len == sizeof c->buf - 1)
    c->len = 0;
}

static int
control_listen (Emu *emu)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };

  if (strlen (emu->control_path) >= sizeof addr.sun_path)
    {
      fprintf (stderr, "pn532-emulator: control socket path too long\n");
      return -1;
    }
  strcpy (addr.sun_path, emu->control_path);
  unlink (emu->control_path);
  emu->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (emu->listen_fd < 0 ||
      bind (emu->listen_fd, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      listen (emu->listen_fd, 4) < 0)
    {
      perror ("pn532-emulator: control socket");
      return -1;
    }
  return 0;
}

static void
on_signal (int sig)
{
  (void) sig;
  quit_requested = 1;
}

int
main (int argc, char **argv)
{
  static Emu emu;
  static const struct option options[] = {
    { "link", required_argument, NULL, 'l' },
    { "control", required_argument, NULL, 'c' },
    { "pty-file", required_argument, NULL, 'p' },
    { NULL, 0, NULL, 0 },
  };
  int opt;

  emu.master = emu.slave_keep = emu.listen_fd = -1;
  emu.mx_rty_passive = 0xff;
  for (int i = 0; i < MAX_CLIENTS; i++)
    emu.clients[i].fd = -1;

  while ((opt = getopt_long (argc, argv, "l:c:p:", options, NULL)) != -1)
    {
      switch (opt)
        {
        case 'l': emu.link_path = optarg; break;
        case 'c': emu.control_path = optarg; break;
        case 'p': emu.pty_file = optarg; break;
        default:
          fprintf (stderr, "usage: %s --link PATH [--control SOCKET] [--pty-file FILE]\n", argv[0]);
          return 2;
        }
    }
  if (emu.link_path == NULL)
    {
      fprintf (stderr, "usage: %s --link PATH [--control SOCKET] [--pty-file FILE]\n", argv[0]);
      return 2;
    }

  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGPIPE, SIG_IGN);
  srand ((unsigned) getpid ());

  if (pty_open (&emu) < 0)
    return 1;
  if (emu.control_path != NULL && control_listen (&emu) < 0)
    return 1;
  printf ("PTY %s\n", emu.slave_path);
  fflush (stdout);

  while (!quit_requested)
    {
      struct pollfd fds[2 + MAX_CLIENTS];
      int nfds = 0, timeout = -1;
      int master_idx = -1, listen_idx = -1;

      if (emu.master >= 0)
        {
          master_idx = nfds;
          fds[nfds++] = (struct pollfd) { .fd = emu.master, .events = POLLIN };
        }
      if (emu.listen_fd >= 0)
        {
          listen_idx = nfds;
          fds[nfds++] = (struct pollfd) { .fd = emu.listen_fd, .events = POLLIN };
        }
      for (int i = 0; i < MAX_CLIENTS; i++)
        if (emu.clients[i].fd >= 0)
          fds[nfds++] = (struct pollfd) { .fd = emu.clients[i].fd, .events = POLLIN };

      if (emu.pending && emu.pending_deadline_us > 0)
        {
          int64_t left = emu.pending_deadline_us - now_us ();
          timeout = left > 0 ? (int) (left / 1000) + 1 : 0;
        }

      if (poll (fds, (nfds_t) nfds, timeout) < 0)
        {
          if (errno == EINTR)
            continue;
          perror ("pn532-emulator: poll");
          break;
        }

      if (emu.pending && emu.pending_deadline_us > 0 && now_us () >= emu.pending_deadline_us)
        {
          uint8_t none = 0x00;
          emu.pending = false;
          if (emu.mode != MODE_SILENT)
            send_response (&emu, emu.pending_cmd, &none, 1);
        }

      if (master_idx >= 0 && (fds[master_idx].revents & POLLIN))
        read_pty (&emu);

      if (listen_idx >= 0 && (fds[listen_idx].revents & POLLIN))
        {
          int fd = accept4 (emu.listen_fd, NULL, NULL, SOCK_CLOEXEC);
          for (int i = 0; fd >= 0 && i < MAX_CLIENTS; i++)
            if (emu.clients[i].fd < 0)
              {
                emu.clients[i].fd = fd;
                emu.clients[i].len = 0;
                fd = -1;
              }
          if (fd >= 0)
            close (fd);
        }

      for (int k = 0; k < nfds; k++)
        {
          if (k == master_idx || k == listen_idx || !(fds[k].revents & (POLLIN | POLLHUP)))
            continue;
          for (int i = 0; i < MAX_CLIENTS; i++)
            if (emu.clients[i].fd == fds[k].fd)
              client_read (&emu, &emu.clients[i]);
        }
    }

  pty_close (&emu);
  if (emu.control_path != NULL)
    unlink (emu.control_path);
  return 0;
}
