#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The demo generator's centre of @elders elders and @days days (seed 1),
 * made once into the build directory ($G_TEST_BUILDDIR) and kept there:
 * returns its path.  Benchmarks that write copy it first. */
char *yi_bench_cached_centre (guint elders,
                              guint days);

/* A private copy of @path in a new scratch directory (removed with
 * yi_bench_remove_dir()); returns the copy's path, and the directory in
 * @dir_out. */
char *yi_bench_copy_centre   (const char  *path,
                              char       **dir_out);

G_END_DECLS
