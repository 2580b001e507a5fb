/* From a card placed on the reader to the greeting on screen, with nothing
 * faked: the PN532 emulator, libnfc's pn532_uart driver, the kiosk's NFC
 * reader thread, the check-in committed, the greeting page painted.  The
 * centre is the demo generator's: 1,200 elders with DAYS of records behind
 * them.  Each centre is generated once into the build directory and copied
 * for every run, since taps add to it.
 *
 *   bench-tap [DAYS [TAPS]]       (defaults: 1825 days, that is five years; 220 taps)
 *
 * Prints BENCH lines in milliseconds: the whole wait, and where it goes:
 *   reader   card placed → "card-tapped" on the main loop (libnfc, worker, hand-off)
 *   commit   → the check-in durable (card look-up, write, fsync)
 *   greeting → the greeting page filled and shown (its queries, its widgets)
 *   handler  → the rest of the tap's handler (sound, speech, countdown)
 *   frame    → GTK's frame clock starts the next frame
 *   paint    → that frame laid out, drawn and handed to the display */
#include "config.h"

#include "bench-centre.h"
#include "bench-util.h"
#include "pn532-emulator-client.h"
#include "yi-application.h"
#include "yi-demo.h"
#include "yi-kiosk-text.h"
#include "yi-reader.h"

#include <stdlib.h>
#include <string.h>

#define ELDERS   1200
#define MAX_TAPS 1000

enum { PLACED, DELIVERED, COMMITTED, SHOWN, HANDLED, FRAME, PAINTED, N_MARKS };

static const char *const stage_names[] = { NULL, "reader", "commit", "greeting", "handler", "frame", "paint" };

typedef struct {
  YiWindow *window;
  gboolean  armed;
  gint64    at[N_MARKS];
} Watch;

static Watch watch;

static void
mark (guint which)
{
  if (watch.armed && watch.at[which] == 0)
    watch.at[which] = g_get_monotonic_time ();
}

static gboolean
on_card_tapped_hook (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               data)
{
  mark (DELIVERED);
  return TRUE;
}

/* Time spent in each statement during the taps, for the slowest-first
 * list printed on stderr at the end. */
static GHashTable *statement_ns;

typedef struct {
  gint64 total_ns;
  gint64 max_ns;
  guint  calls;
} StatementTime;

static int
on_statement_done (unsigned    type,
                   void       *data,
                   void       *stmt,
                   void       *ns)
{
  const char *sql = sqlite3_sql (stmt);
  gint64 took = *(sqlite3_int64 *) ns;
  StatementTime *t;

  if (!watch.armed || sql == NULL)
    return 0;
  /* the check-in is durable when its COMMIT is done */
  if (watch.at[DELIVERED] != 0 && strcmp (sql, "COMMIT") == 0)
    mark (COMMITTED);
  t = g_hash_table_lookup (statement_ns, sql);
  if (t == NULL)
    {
      t = g_new0 (StatementTime, 1);
      g_hash_table_insert (statement_ns, g_strdup (sql), t);
    }
  t->total_ns += took;
  t->max_ns = MAX (t->max_ns, took);
  t->calls++;
  return 0;
}

static int
compare_statement_time (gconstpointer a,
                        gconstpointer b)
{
  StatementTime *x = g_hash_table_lookup (statement_ns, *(char **) a);
  StatementTime *y = g_hash_table_lookup (statement_ns, *(char **) b);

  return (x->total_ns < y->total_ns) - (x->total_ns > y->total_ns);
}

static void
print_slowest_statements (guint taps)
{
  g_autofree char **sql = (char **) g_hash_table_get_keys_as_array (statement_ns, NULL);
  guint n = g_hash_table_size (statement_ns);

  qsort (sql, n, sizeof (char *), compare_statement_time);
  g_printerr ("slowest statements on the tap path: mean per tap, longest, calls\n");
  for (guint i = 0; i < MIN (n, 8); i++)
    {
      StatementTime *t = g_hash_table_lookup (statement_ns, sql[i]);

      g_printerr ("  %7.3f ms %8.3f ms %5u  %.140s\n", t->total_ns / 1e6 / taps, t->max_ns / 1e6,
                  t->calls, sql[i]);
    }
}

static void
on_page_changed (GtkStack *stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "greeting") == 0)
    mark (SHOWN);
}

static void
on_tap_handled (void)
{
  if (watch.at[SHOWN] != 0)
    mark (HANDLED);
}

static void
on_layout (GdkFrameClock *clock)
{
  if (watch.at[HANDLED] != 0)
    mark (FRAME);
}

static void
on_after_paint (GdkFrameClock *clock)
{
  if (watch.at[FRAME] != 0 && g_strcmp0 (yi_window_get_page (watch.window), "greeting") == 0)
    mark (PAINTED);
}

static GtkStack *
find_page_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "greeting") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkStack *found = find_page_stack (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

/* Where the time of the slowest taps went: a p99 is made of a few taps, and
 * the stage that made each one slow is what to look at. */
static void
print_slowest_taps (const double  *total,
                    double         stage[N_MARKS][MAX_TAPS],
                    guint          taps)
{
  g_autofree guint *order = g_new (guint, taps);

  for (guint i = 0; i < taps; i++)
    order[i] = i;
  for (guint i = 0; i < taps && i < 5; i++)
    for (guint j = i + 1; j < taps; j++)
      if (total[order[j]] > total[order[i]])
        {
          guint t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
  for (guint i = 0; i < taps && i < 5; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "# slow tap %u: %.1f ms =", order[i], total[order[i]]);
      for (guint s = DELIVERED; s < N_MARKS; s++)
        g_string_append_printf (line, " %s %.1f", stage_names[s], stage[s][order[i]]);
      g_printerr ("%s\n", line->str);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YiStore) store = NULL;
  g_autoptr(YiApplication) app = NULL;
  g_autoptr(Pn532Emulator) emu = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *name = NULL;
  guint days = argc > 1 ? (guint) atoi (argv[1]) : 1825;
  guint taps = argc > 2 ? CLAMP ((guint) atoi (argv[2]), 1, MAX_TAPS) : 220;
  static double total[MAX_TAPS], stage[N_MARKS][MAX_TAPS];
  double cpu = 0;
  GdkFrameClock *clock;
  GtkStack *pages;

  settings = yi_settings_new (&error);
  g_assert_no_error (error);
  yi_kiosk_setup_locale ("zh_CN");
  gtk_disable_setlocale ();
  gtk_init ();

  cached = yi_bench_cached_centre (ELDERS, days);
  db = yi_bench_copy_centre (cached, &dir);

  store = yi_store_open (db, &error);
  g_assert_no_error (error);
  /* Cards of elders who have not been in today, so each tap is a check-in. */
  stmt = yi_store_prepare (store,
      "SELECT c.uid FROM cards c JOIN elders e ON e.id = c.elder_id "
      "WHERE c.revoked_at IS NULL AND e.status = 'active' "
      "AND c.elder_id NOT IN (SELECT elder_id FROM attendance WHERE local_date = ?) "
      "ORDER BY c.uid LIMIT ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, yi_store_today (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) taps);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpuint (uids->len, ==, taps);

  emu = pn532_emulator_spawn (&error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "reader-connstring", pn532_emulator_connstring (emu));
  g_settings_set_int (settings, "reader-debounce", 100);
  g_settings_set_boolean (settings, "sounds", FALSE);

  app = yi_application_new (settings);
  yi_application_set_database_path (app, db);
  yi_application_set_windowed (app, TRUE);
  yi_application_set_window_size (app, 1280, 800);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  watch.window = yi_application_get_window (app);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (watch.window));
  pages = find_page_stack (GTK_WIDGET (watch.window));
  g_assert_nonnull (pages);
  while (!yi_card_readers_nfc_ready (yi_application_get_readers (app)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_add_emission_hook (g_signal_lookup ("card-tapped", YI_TYPE_READER), 0,
                              on_card_tapped_hook, NULL, NULL);
  statement_ns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_trace_v2 (yi_store_get_db (yi_application_get_store (app)), SQLITE_TRACE_PROFILE,
                    on_statement_done, NULL);
  g_signal_connect (pages, "notify::visible-child-name", G_CALLBACK (on_page_changed), NULL);
  g_signal_connect (yi_application_get_readers (app), "card-tapped", G_CALLBACK (on_tap_handled), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  for (guint i = 0; i < taps; i++)
    {
      g_autofree char *place = g_strconcat ("place ", (char *) g_ptr_array_index (uids, i), NULL);
      double cpu_before;

      yi_window_show_board (watch.window);
      spin_for (60);
      memset (watch.at, 0, sizeof watch.at);
      cpu_before = yi_bench_cpu_ms ();
      watch.at[PLACED] = g_get_monotonic_time ();
      watch.armed = TRUE;
      pn532_emulator_do (emu, place);
      while (watch.at[PAINTED] == 0)
        {
          if (g_get_monotonic_time () - watch.at[PLACED] > 10 * G_USEC_PER_SEC)
            g_error ("tap %u (card %s) reached no greeting: the kiosk shows “%s”", i,
                     (char *) g_ptr_array_index (uids, i), yi_window_get_page (watch.window));
          g_main_context_iteration (NULL, FALSE);
          g_usleep (200);
        }
      watch.armed = FALSE;
      cpu += yi_bench_cpu_ms () - cpu_before;
      total[i] = (watch.at[PAINTED] - watch.at[PLACED]) / 1000.0;
      for (guint s = DELIVERED; s < N_MARKS; s++)
        stage[s][i] = (watch.at[s] - watch.at[s - 1]) / 1000.0;
      pn532_emulator_do (emu, "remove");
      spin_for (150);   /* lifted longer than the debounce */
    }
  g_assert_cmpint (yi_store_count (store, "SELECT count(DISTINCT elder_id) FROM attendance WHERE local_date = ?",
                                   yi_store_today (store), NULL), >=, taps);

  print_slowest_taps (total, stage, taps);   /* before the quantiles sort them */
  name = days == 365 ? g_strdup ("tap_to_frame") : g_strdup_printf ("tap_to_frame_%ud", days);
  {
    g_autofree char *p50 = g_strconcat (name, "_p50", NULL);
    g_autofree char *p99 = g_strconcat (name, "_p99", NULL);
    g_autofree char *cpu_name = g_strconcat (name, "_cpu_per_tap", NULL);

    yi_bench_print (p50, yi_bench_quantile (total, taps, 0.5), "ms");
    yi_bench_print (p99, yi_bench_quantile (total, taps, 0.99), "ms");
    yi_bench_print (cpu_name, cpu / taps, "ms");
  }
  for (guint s = DELIVERED; s < N_MARKS; s++)
    {
      g_autofree char *p50 = g_strdup_printf ("%s_%s_p50", name, stage_names[s]);
      g_autofree char *p99 = g_strdup_printf ("%s_%s_p99", name, stage_names[s]);

      yi_bench_print (p50, yi_bench_quantile (stage[s], taps, 0.5), "ms");
      yi_bench_print (p99, yi_bench_quantile (stage[s], taps, 0.99), "ms");
    }
  yi_bench_print ("tap_to_frame_taps", taps, "taps");
  print_slowest_statements (taps);
  g_hash_table_unref (statement_ns);

  yi_application_quit (app);
  gtk_window_destroy (GTK_WINDOW (watch.window));
  g_clear_object (&store);
  yi_bench_remove_dir (dir);
  return 0;
}
