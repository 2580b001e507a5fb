#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the benchmark programs, which print one line per figure:
 * BENCH <name> <value> <unit>. */

/* Processor time of this process so far, in milliseconds: what a run costs
 * whatever else the machine is doing. */
double yi_bench_cpu_ms       (void);
/* Processor time of this process's finished children, in milliseconds. */
double yi_bench_children_cpu_ms (void);
/* Processor time used so far by another running process (from /proc), in
 * milliseconds, or -1. */
double yi_bench_process_cpu_ms (const char *pid);
/* Resident memory (VmRSS) of a running process ("self" for this one), in
 * MiB; fails the benchmark if it cannot be read. */
double yi_bench_rss_mib      (const char *pid);
/* Sorts @values and returns the given quantile (0.5 median, 0.99 p99). */
double yi_bench_quantile     (double *values,
                              guint   n,
                              double  q);
/* Prints "BENCH <name>_median" and "BENCH <name>_p99" of @values. */
void   yi_bench_print_spread (const char *name,
                              double     *values,
                              guint       n,
                              const char *unit);
void   yi_bench_print        (const char *name,
                              double      value,
                              const char *unit);
/* Removes a scratch directory and the files in it. */
void   yi_bench_remove_dir   (const char *dir);

G_END_DECLS
