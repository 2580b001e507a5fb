/* The PN532 side of the emulator: HSU frames in, ACK and answers out. */

#define _GNU_SOURCE
#include "pn532-emulator.h"


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
void
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
  out[n++] = (uint8_t) (5 + emu->uid_len);   /* the target's bytes, Tg included, as the chip counts them */
  n += encode_type_a_target (emu, 1, out + n);
  emu->selected_tg = 1;
  send_response (emu, 0x60, out, n);
}

void
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

void
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

