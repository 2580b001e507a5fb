#pragma once

/* Shared by the fuzz targets: each defines LLVMFuzzerTestOneInput(), which
 * libFuzzer calls (clang build, -Dfuzzing=true) or fuzz-main.c calls once
 * per corpus file (any compiler). */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Quiet logs (criticals and errors abort), C locale, and (when
 * @want_tmpdir) a scratch directory removed at exit.  Returns the
 * directory, or NULL. */
const char *yi_fuzz_setup (gboolean want_tmpdir);

/* Fails loudly (the fuzzer keeps the input) when @cond is false. */
#define yi_fuzz_check(cond) \
  G_STMT_START { if (!(cond)) { g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); abort (); } } G_STMT_END
