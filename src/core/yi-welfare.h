#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Why an elder is on the welfare-call list (问安). */
typedef enum {
  YI_WELFARE_ALONE        = 1 << 0,   /* 独居 */
  YI_WELFARE_EMPTY_NEST   = 1 << 1,   /* 空巢 */
  YI_WELFARE_ADVANCED_AGE = 1 << 2,   /* 高龄: 80 or over, or flagged */
} YiWelfareReason;

typedef struct {
  char    *elder_id;
  char    *name;
  char    *phone;
  char    *contact_name;    /* first family / emergency contact */
  char    *contact_phone;
  int      age;
  guint    reasons;         /* YiWelfareReason */
  char    *outcome;         /* due list: today's latest call; follow-ups: the open outcome */
  char    *call_date;       /* follow-ups: the day of that call */
  char    *called_at;       /* local HH:MM of that call */
  char    *note;
} YiWelfareItem;

void        yi_welfare_item_free      (YiWelfareItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiWelfareItem, yi_welfare_item_free)

/* The centre's welfare_call_at, "HH:MM" local ("10:00" when unset). */
char       *yi_welfare_call_time      (YiStore     *store);
/* TRUE once today's local time has reached the call time. */
gboolean    yi_welfare_list_is_open   (YiStore     *store);

/* Elders flagged alone, empty-nest or 80+, active, expected today (bit 0 of
 * expected_weekdays is Monday) and not checked in today.  Empty before the
 * call time.  Elders already phoned today stay on it with their outcome,
 * after those still to call.  @volunteer_staff_id narrows to that
 * volunteer's pairs. */
GPtrArray  *yi_welfare_due            (YiStore     *store,
                                       const char  *volunteer_staff_id,
                                       GError     **error);
/* Elders whose latest call needing action (no answer, unwell, home visit)
 * has not been marked resolved, whatever day it was made. */
GPtrArray  *yi_welfare_follow_ups     (YiStore     *store,
                                       const char  *volunteer_staff_id,
                                       GError     **error);

gboolean    yi_welfare_outcome_is_known (const char *outcome);
const char *yi_welfare_outcome_label  (const char  *outcome);
char       *yi_welfare_reasons_label  (guint        reasons);

/* Records a call (outcome fine, no_answer, unwell, home_visit or, for an
 * open follow-up, resolved) made today under the current actor. */
char       *yi_welfare_record_call    (YiStore     *store,
                                       const char  *elder_id,
                                       const char  *outcome,
                                       const char  *note,
                                       GError     **error);

G_END_DECLS
