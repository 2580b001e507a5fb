/* Shared by the PN532 emulator's files; see pn532-emulator.c. */

#pragma once

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


extern volatile sig_atomic_t quit_requested;

int64_t now_us (void);
void    write_all (int fd, const uint8_t *data, size_t len);
int     pty_open (Emu *emu);
void    pty_close (Emu *emu);
void    read_pty (Emu *emu);
void    send_response (Emu *emu, uint8_t cmd, const uint8_t *data, size_t len);
void    try_complete_pending (Emu *emu);
int     control_listen (Emu *emu);
void    client_read (Emu *emu, Client *c);
