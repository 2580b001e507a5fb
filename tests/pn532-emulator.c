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
#include "pn532-emulator.h"

volatile sig_atomic_t quit_requested;

int64_t
now_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
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


void
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

int
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

void
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

int
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
