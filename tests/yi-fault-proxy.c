/* A TCP proxy that makes the network as bad as it gets between a kiosk
 * and the district: it cuts connections at random byte offsets in either
 * direction, delays traffic, and delivers requests twice (replaying what
 * the client sent on a second connection whose answer nobody reads).
 *
 *   yi-fault-proxy --upstream HOST:PORT [--listen 127.0.0.1:0] [--seed N]
 *                  [--cut P] [--delay P] [--duplicate P] [--stats FILE]
 *
 * Prints "http://HOST:PORT/" of its listening side on the first line.
 * The stats file holds "cuts N", "delays N" and "duplicates N" lines, then
 * "bytes_up N" and "bytes_down N": what crossed the proxy towards the server
 * and back (with every fault share at 0 it is a byte-counting relay). */

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

static char *opt_listen;
static char *opt_upstream;
static char *opt_stats;
static gint64 opt_seed;
static double opt_cut = 0.2;
static double opt_delay = 0.2;
static double opt_duplicate = 0.1;

static GMutex lock;
static GRand *rng;
static guint n_cuts, n_delays, n_duplicates;
static guint64 n_bytes[2];

static double
random_double (void)
{
  double v;

  g_mutex_lock (&lock);
  v = g_rand_double (rng);
  g_mutex_unlock (&lock);
  return v;
}

static gint32
random_range (gint32 lo, gint32 hi)
{
  gint32 v;

  g_mutex_lock (&lock);
  v = g_rand_int_range (rng, lo, hi);
  g_mutex_unlock (&lock);
  return v;
}

/* Adds to a fault counter (or none) and the byte counts, then rewrites the
 * stats file. */
static void
count (guint   *counter,
       gint64   up,
       gint64   down)
{
  g_autofree char *text = NULL;

  g_mutex_lock (&lock);
  if (counter != NULL)
    (*counter)++;
  n_bytes[0] += (guint64) up;
  n_bytes[1] += (guint64) down;
  text = g_strdup_printf ("cuts %u\ndelays %u\nduplicates %u\nbytes_up %" G_GUINT64_FORMAT "\nbytes_down %" G_GUINT64_FORMAT "\n",
                          n_cuts, n_delays, n_duplicates, n_bytes[0], n_bytes[1]);
  if (opt_stats != NULL)
    g_file_set_contents (opt_stats, text, -1, NULL);
  g_mutex_unlock (&lock);
}

static void
count_fault (guint *counter)
{
  count (counter, 0, 0);
}

static GSocketConnection *
connect_upstream (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  return g_socket_client_connect_to_host (client, opt_upstream, 0, NULL, NULL);
}

static void
replay (GBytes *sent)
{
  g_autoptr(GSocketConnection) up = connect_upstream ();
  GInputStream *in;
  char buf[8192];

  if (up == NULL)
    return;
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (up)),
                                  g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), NULL, NULL, NULL))
    return;
  g_socket_shutdown (g_socket_connection_get_socket (up), FALSE, TRUE, NULL);
  in = g_io_stream_get_input_stream (G_IO_STREAM (up));
  g_socket_set_timeout (g_socket_connection_get_socket (up), 10);
  while (g_input_stream_read (in, buf, sizeof buf, NULL, NULL) > 0)
    ;
}

static gpointer
pump (gpointer data)
{
  g_autoptr(GSocketConnection) down = data;
  g_autoptr(GSocketConnection) up = connect_upstream ();
  g_autoptr(GByteArray) sent = g_byte_array_new ();
  GSocket *sockets[2];
  gint64 cut_at[2] = { -1, -1 };
  gint64 moved[2] = { 0, 0 };
  gboolean duplicate = random_double () < opt_duplicate;
  gboolean open[2] = { TRUE, TRUE };

  if (up == NULL)
    return NULL;
  sockets[0] = g_socket_connection_get_socket (down);
  sockets[1] = g_socket_connection_get_socket (up);

  if (random_double () < opt_cut)
    cut_at[random_range (0, 2)] = random_range (0, 6 * 1024);
  if (random_double () < opt_delay)
    {
      count_fault (&n_delays);
      g_usleep (random_range (1, 400) * 1000);
    }

  while (open[0] || open[1])
    {
      struct pollfd fds[2];
      int n = 0;
      int which[2];

      for (int i = 0; i < 2; i++)
        if (open[i])
          {
            fds[n].fd = g_socket_get_fd (sockets[i]);
            fds[n].events = POLLIN;
            which[n++] = i;
          }
      if (poll (fds, n, 30000) <= 0)
        break;
      for (int k = 0; k < n; k++)
        {
          int from = which[k];
          int to = 1 - from;
          char buf[16384];
          gssize got;
          gsize limit = sizeof buf;

          if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          if (cut_at[from] >= 0)
            limit = MIN (limit, (gsize) MAX (cut_at[from] - moved[from], 1));
          got = g_socket_receive (sockets[from], buf, limit, NULL, NULL);
          if (got <= 0)
            {
              open[from] = FALSE;
              g_socket_shutdown (sockets[to], FALSE, TRUE, NULL);
              continue;
            }
          if (cut_at[from] >= 0 && moved[from] + got >= cut_at[from])
            {
              gsize keep = (gsize) (cut_at[from] - moved[from]);

              if (keep > 0)
                g_socket_send (sockets[to], buf, keep, NULL, NULL);
              count_fault (&n_cuts);
              g_socket_close (sockets[0], NULL);
              g_socket_close (sockets[1], NULL);
              return NULL;
            }
          if (from == 0 && duplicate)
            g_byte_array_append (sent, (guint8 *) buf, (guint) got);
          moved[from] += got;
          {
            gssize off = 0;

            while (off < got)
              {
                gssize w = g_socket_send (sockets[to], buf + off, got - off, NULL, NULL);
                if (w <= 0)
                  {
                    open[0] = open[1] = FALSE;
                    break;
                  }
                off += w;
              }
          }
        }
    }
  g_socket_close (sockets[0], NULL);
  g_socket_close (sockets[1], NULL);
  count (NULL, moved[0], moved[1]);

  if (duplicate && sent->len > 0)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&sent));

      count_fault (&n_duplicates);
      replay (bytes);
    }
  return NULL;
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  g_thread_unref (g_thread_new ("yi-proxy", pump, g_object_ref (connection)));
  return TRUE;
}

static gboolean
on_term (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— a TCP proxy that injects network faults");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocketConnectable) parsed = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) want = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *host = NULL;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, "Where to listen (127.0.0.1:0)", "ADDR:PORT" },
    { "upstream", 0, 0, G_OPTION_ARG_STRING, &opt_upstream, "The server to forward to", "HOST:PORT" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Random seed", "N" },
    { "cut", 0, 0, G_OPTION_ARG_DOUBLE, &opt_cut, "Share of connections cut", "P" },
    { "delay", 0, 0, G_OPTION_ARG_DOUBLE, &opt_delay, "Share of connections delayed", "P" },
    { "duplicate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_duplicate, "Share of connections replayed", "P" },
    { "stats", 0, 0, G_OPTION_ARG_FILENAME, &opt_stats, "File to keep fault counts in", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || opt_upstream == NULL)
    {
      g_printerr ("yi-fault-proxy: %s\n", error ? error->message : "--upstream is required");
      return 2;
    }
  rng = opt_seed ? g_rand_new_with_seed ((guint32) opt_seed) : g_rand_new ();

  parsed = g_network_address_parse (opt_listen ? opt_listen : "127.0.0.1:0", 0, &error);
  if (parsed == NULL)
    {
      g_printerr ("yi-fault-proxy: %s\n", error->message);
      return 2;
    }
  inet = g_inet_address_new_from_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed)));
  if (inet == NULL)
    {
      g_printerr ("yi-fault-proxy: listen on an IP address\n");
      return 2;
    }
  want = g_inet_socket_address_new (inet, g_network_address_get_port (G_NETWORK_ADDRESS (parsed)));
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), want, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error))
    {
      g_printerr ("yi-fault-proxy: %s\n", error->message);
      return 1;
    }
  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (bound)));
  g_print ("http://%s:%u/\n", host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  fflush (stdout);

  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), NULL);
  g_socket_service_start (service);
  g_unix_signal_add (SIGTERM, on_term, loop);
  g_unix_signal_add (SIGINT, on_term, loop);
  g_main_loop_run (loop);
  return 0;
}
