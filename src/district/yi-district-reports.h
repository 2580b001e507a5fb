#pragma once

#include "yi-district-db.h"
#include "yi-report.h"

G_BEGIN_DECLS

/* The civil-affairs report at the district, computed by the same core code
 * a kiosk uses, over each centre's mirror: one centre's, or (@centre_id
 * NULL) the district total as the sum of every centre's report. */
YiReport *yi_district_report (YiDistrictDb  *db,
                              const char    *centre_id,
                              const char    *from,
                              const char    *to,
                              GError       **error);

G_END_DECLS
