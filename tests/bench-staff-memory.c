/* What staff mode costs the kiosk's memory: the kiosk window in this
 * process, on the seeded centre, with staff signing in eight times; each
 * time they open the kitchen's tab, then every tab and one elder's record,
 * and lock.  Prints BENCH lines: the process's resident memory (VmRSS,
 * after malloc_trim) on the board before any sign-in, how much each step
 * adds to it, and what each tab and the record add when first shown (MiB).  The figures include this program and GLib's test
 * harness, so the differences, not the totals, are what the kiosk pays. */
#include "config.h"

#include "bench-util.h"
#include "kiosk-test-util.h"
#include "yi-domain.h"
#include "yi-staff-view.h"

#include <malloc.h>

#define ROUNDS 8

static const char *const tabs[] = {
  "elders", "today", "welfare", "cards", "kitchen", "activities", "services",
  "health", "volunteers", "feedback", "reports", "settings",
};

static double
rss_mib (void)
{
  malloc_trim (0);
  return yi_bench_rss_mib ("self");
}

static void
prepare (YiStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = yi_store_add_staff (store, "赵主任", "admin", "9753", &error);

  g_assert_no_error (error);
}

static void
print_delta (const char *step,
             guint       round,
             double      mib,
             double      from)
{
  g_autofree char *name = g_strdup_printf ("staff_rss_%s_round_%u", step, round + 1);

  yi_bench_print (name, mib - from, "MiB");
}

static void
bench_staff_memory (void)
{
  YiStaffView *view = yi_window_get_staff_view (k.window);
  double board, now;

  iterate_for (1000);
  board = rss_mib ();
  yi_bench_print ("kiosk_rss_board_before_sign_in", board, "MiB");
  for (guint round = 0; round < ROUNDS; round++)
    {
      press (T ("工作人员", "Staff"));
      enter_pin ("9753");
      iterate_for (1000);
      print_delta ("signed_in", round, rss_mib (), board);

      yi_staff_view_show_tab (view, "kitchen");
      iterate_for (1000);
      print_delta ("kitchen_tab", round, rss_mib (), board);

      for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
        {
          double before = round == 0 ? rss_mib () : 0;

          yi_staff_view_show_tab (view, tabs[i]);
          iterate_for (1000);
          if (round == 0)
            {
              g_autofree char *name = g_strdup_printf ("staff_rss_first_%s_tab", tabs[i]);

              yi_bench_print (name, rss_mib () - before, "MiB");
            }
        }
      now = rss_mib ();
      tap ("04A1B2C3");   /* an elder's card opens their record */
      iterate_for (1000);
      g_assert_cmpstr (yi_staff_view_get_screen (view), ==, "editor");
      if (round == 0)
        yi_bench_print ("staff_rss_first_record", rss_mib () - now, "MiB");
      print_delta ("every_tab_and_record", round, rss_mib (), board);

      yi_staff_view_lock (view);
      iterate_for (1000);
      assert_page ("board");
      now = rss_mib ();
      print_delta ("locked", round, now, board);
    }
}

int
main (int argc, char **argv)
{
  /* as the kiosk draws by default (the gpu-rendering setting) */
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  kiosk_test_init (&argc, &argv, "bench-staff-memory", TRUE, prepare);
  g_test_add_func ("/bench/staff-memory", bench_staff_memory);
  return kiosk_test_run ();
}
