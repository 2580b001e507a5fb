#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Health checks (健康档案), volunteers (志愿者) and the suggestions box
 * (意见箱): the staff-side records of domain.md §3 that move no money. */

#define YI_CARE_ERROR (yi_care_error_quark ())

typedef enum {
  YI_CARE_ERROR_INVALID,
  YI_CARE_ERROR_IMPOSSIBLE,     /* a reading no living person can have */
  YI_CARE_ERROR_NOT_FOUND,
  YI_CARE_ERROR_NEEDS_STAFF,
  YI_CARE_ERROR_ALREADY_DONE,
} YiCareError;

GQuark yi_care_error_quark (void);

typedef enum {
  YI_VITAL_BLOOD_PRESSURE,
  YI_VITAL_GLUCOSE,
  YI_VITAL_WEIGHT,
  YI_VITAL_TEMPERATURE,
} YiVitalKind;

const char *yi_vital_kind_code   (YiVitalKind kind);
gboolean    yi_vital_kind_parse  (const char  *code,
                                  YiVitalKind *kind);
const char *yi_vital_kind_label  (YiVitalKind kind);
const char *yi_vital_kind_unit   (YiVitalKind kind);

/* The normal range staff configured (the settings normal-systolic,
 * normal-diastolic, normal-glucose, ...); value 2 is the diastolic one. */
void        yi_vital_normal_range (YiVitalKind  kind,
                                   double      *low1,
                                   double      *high1,
                                   double      *low2,
                                   double      *high2);
/* What can be measured at all of the reading whose normal range the
 * setting @key holds; FALSE if @key is no such setting. */
gboolean    yi_vital_setting_limits (const char *key,
                                     double     *min,
                                     double     *max);
/* Whether @low-@high is a sensible normal range for the setting @key. */
gboolean    yi_vital_check_normal_range (const char  *key,
                                         double       low,
                                         double       high,
                                         GError     **error);
/* Sets a range written as staff write it ("90-139/60-89", "36.0-37.3")
 * and records the change in the audit log. */
gboolean    yi_store_set_vital_range (YiStore     *store,
                                      YiVitalKind  kind,
                                      const char  *range,
                                      GError     **error);

/* Records a reading (value2 is the diastolic pressure; ignored otherwise).
 * Physically impossible readings are refused with the reason; readings
 * outside the normal range are stored flagged and become alerts. */
char       *yi_store_record_vital (YiStore     *store,
                                   const char  *elder_id,
                                   YiVitalKind  kind,
                                   double       value1,
                                   double       value2,
                                   gboolean    *out_of_range,
                                   GError     **error);

typedef struct {
  char   *id;
  char   *elder_id;
  char   *elder_name;
  char   *kind;
  double  value1;
  double  value2;
  gboolean has_value2;
  char   *taken_at;
} YiVitalReading;

void        yi_vital_reading_free (YiVitalReading *reading);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiVitalReading, yi_vital_reading_free)

/* Out-of-range readings nobody has acknowledged yet, newest first. */
GPtrArray  *yi_store_vital_alerts      (YiStore     *store,
                                        GError     **error);
char       *yi_store_ack_vital_alert   (YiStore     *store,
                                        const char  *vital_id,
                                        const char  *note,
                                        GError     **error);
/* One elder's readings of one kind between two local dates, oldest first. */
GPtrArray  *yi_store_vital_series      (YiStore     *store,
                                        const char  *elder_id,
                                        YiVitalKind  kind,
                                        const char  *from_date,
                                        const char  *to_date,
                                        GError     **error);

/* Volunteers and the time bank */
char       *yi_store_register_volunteer (YiStore     *store,
                                         const char  *name,
                                         const char  *phone,
                                         const char  *team,
                                         const char  *skills,
                                         GError     **error);
char       *yi_store_pair_volunteer     (YiStore     *store,
                                         const char  *volunteer_id,
                                         const char  *elder_id,
                                         GError     **error);
gboolean    yi_store_end_pairing        (YiStore     *store,
                                         const char  *pair_id,
                                         GError     **error);
char       *yi_store_log_volunteer_hours (YiStore     *store,
                                          const char  *volunteer_id,
                                          const char  *elder_id,
                                          const char  *served_on,
                                          int          minutes,
                                          const char  *activity,
                                          GError     **error);
gint64      yi_store_volunteer_minutes  (YiStore     *store,
                                         const char  *volunteer_id,
                                         const char  *from_date,
                                         const char  *to_date);

/* Suggestions box: a five-face rating and an optional comment, from an
 * elder (by card) or anonymous (@elder_id NULL). */
char       *yi_store_submit_feedback    (YiStore     *store,
                                         const char  *elder_id,
                                         int          rating,
                                         const char  *comment,
                                         GError     **error);

G_END_DECLS
