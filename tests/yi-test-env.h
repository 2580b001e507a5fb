#pragma once

/* How the test suite adapts to the slow passes of build-aux/yiyang-dev test
 * (AddressSanitizer with UndefinedBehaviorSanitizer; valgrind memcheck).
 * Both adapt sizes, never checks: every assertion stays as strict. */

#include <glib.h>
#include <stdlib.h>

/* YIYANG_TEST_SCALE=N divides the generated work of the long tests (rows,
 * taps, records) by N, 1 to 100; 1 when unset.  The same code paths run,
 * on less data. */
static inline guint
yi_test_scale (void)
{
  const char *scale = g_getenv ("YIYANG_TEST_SCALE");

  return scale != NULL ? (guint) CLAMP (atoi (scale), 1, 100) : 1;
}

/* @n divided by the scale, but at least @at_least. */
static inline guint
yi_test_scaled (guint n,
                guint at_least)
{
  return MAX (n / yi_test_scale (), at_least);
}

/* Time bounds that are properties of the product (a kiosk restarted
 * within 2 s) hold for the program as shipped.  Built with
 * AddressSanitizer, every program runs several times slower (shadow
 * memory, quarantine, UBSan's checks, and above all the stack LeakSanitizer
 * records at each allocation): the kiosk takes 6-11 s from exec to its
 * idle board on two busy cores, against well under 1 s unsanitised.
 * There, a test's time bounds are multiplied by this factor, which leaves
 * room for a loaded machine; in any other build it is 1.  It is
 * decided by how the test itself was compiled, which is how the programs
 * it drives from the same build directory were compiled, so nothing in the
 * environment can relax the normal build's bounds. */
#if defined(__SANITIZE_ADDRESS__)
# define YI_TEST_SANITIZED 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define YI_TEST_SANITIZED 1
# endif
#endif

#ifdef YI_TEST_SANITIZED
# define YI_TEST_TIME_FACTOR 15
#else
# define YI_TEST_TIME_FACTOR 1
#endif
