#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* A deterministic centre with every kind of record the report reads,
 * written through the store's write API. */
typedef struct {
  const char *centre_name;
  guint32     seed;
  int         n_elders;
  const char *first_day;     /* local date */
  int         n_days;
  int         visits_per_day;
} YiTestCentre;

gboolean yi_test_generate_centre (YiStore             *store,
                                  const YiTestCentre  *spec,
                                  GError             **error);
/* The UTC instant of a local (Asia/Shanghai) date and time. */
char    *yi_test_at              (const char *date,
                                  int         hour,
                                  int         minute);

G_END_DECLS
