#pragma once

#include "test-reports-data.h"
#include "yi-report.h"

G_BEGIN_DECLS

/* The report test's shared fixture: a generated centre, made once. */
#define FROM "2026-07-01"
#define TO "2026-08-31"

extern const YiTestCentre test_reports_centre_a;

YiStore  *test_reports_store_a   (void);
YiReport *test_reports_compute   (YiStore    *store,
                                  const char *from,
                                  const char *to);
void      test_reports_add_export_tests (void);

G_END_DECLS
