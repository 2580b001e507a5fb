/* Latency from a card landing on the (emulated) PN532 to "card-tapped" on
 * the main loop, through libnfc's pn532_uart driver and the reader's
 * worker thread.
 *
 *   bench-reader [TAPS [POLL_INTERVAL_MS]]     (defaults: 200, the reader's default)
 */

#include "config.h"

#include "pn532-emulator-client.h"
#include "yi-reader.h"

#include <stdlib.h>

typedef struct {
  gint64 tapped_at;
  char  *uid;
} Bench;

static void
on_card_tapped (YiReader *reader, const char *uid, gpointer user_data)
{
  Bench *b = user_data;

  b->tapped_at = g_get_monotonic_time ();
  g_free (b->uid);
  b->uid = g_strdup (uid);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
spin_until_tapped (Bench *b, gint64 timeout_us)
{
  gint64 end = g_get_monotonic_time () + timeout_us;

  while (b->tapped_at == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return b->tapped_at != 0;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted, double p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, i);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Pn532Emulator) emu = NULL;
  g_autoptr(YiReader) reader = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  guint taps = argc > 1 ? (guint) atoi (argv[1]) : 200;
  Bench b = { 0 };
  guint tick_id;
  guint interval_ms;

  emu = pn532_emulator_spawn (&error);
  if (emu == NULL)
    g_error ("%s", error->message);

  reader = yi_nfc_reader_new (pn532_emulator_connstring (emu), 0);
  if (argc > 2)
    yi_nfc_reader_set_poll_interval_ms (YI_NFC_READER (reader), (guint) atoi (argv[2]));
  g_signal_connect (reader, "card-tapped", G_CALLBACK (on_card_tapped), &b);
  yi_reader_start (reader);

  interval_ms = yi_nfc_reader_get_poll_interval_ms (YI_NFC_READER (reader));
  tick_id = g_timeout_add (1, tick, NULL);
  while (yi_reader_get_status (reader) != YI_READER_STATUS_CONNECTED)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < taps; i++)
    {
      /* A different card every time, so no debounce wait between taps. */
      g_autofree char *uid = g_strdup_printf ("04%06X", i);
      g_autofree char *command = g_strdup_printf ("place %s", uid);
      g_autofree char *reply = NULL;
      gint64 placed;
      double latency_ms;

      b.tapped_at = 0;
      placed = g_get_monotonic_time ();
      reply = pn532_emulator_command (emu, command, &error);
      if (reply == NULL)
        g_error ("%s", error->message);
      if (!spin_until_tapped (&b, 5 * G_USEC_PER_SEC) || g_strcmp0 (b.uid, uid) != 0)
        g_error ("tap %u (%s) did not arrive", i, uid);
      latency_ms = (double) (b.tapped_at - placed) / 1000.0;
      g_array_append_val (latencies, latency_ms);
      /* Lifted, as elders do, and the next card lands at a random point of
       * the polling cycle after the reader has noticed the empty field. */
      g_free (pn532_emulator_command (emu, "remove", NULL));
      g_usleep (interval_ms * 1000 + g_random_int_range (0, (gint32) interval_ms * 1000));
    }
  g_source_remove (tick_id);

  g_array_sort (latencies, compare_doubles);
  g_print ("BENCH reader_tap_p50 %.2f ms\n", percentile (latencies, 0.50));
  g_print ("BENCH reader_tap_p99 %.2f ms\n", percentile (latencies, 0.99));
  g_print ("BENCH reader_tap_max %.2f ms\n", g_array_index (latencies, double, latencies->len - 1));
  g_print ("BENCH reader_poll_interval %u ms\n", interval_ms);
  g_print ("BENCH reader_taps %u taps\n", latencies->len);
  g_free (b.uid);
  return 0;
}
