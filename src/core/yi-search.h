#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Pinyin of a Chinese name through ICU's Han-Latin transliterator:
 * "张桂英" -> "zhang gui ying", initials "zgy". */
char      *yi_pinyin_of          (const char *text);
char      *yi_pinyin_initials_of (const char *text);

typedef struct {
  char *id;
  char *name;
  char *masked_id_number;
  char *phone;
  char *status;
  char  gender;
  int   age;
} YiElderHit;

void       yi_elder_hit_free     (YiElderHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiElderHit, yi_elder_hit_free)

/* Finds elders by name (or part of it), pinyin initials ("zgy"), full
 * pinyin ("zhangguiying"), phone number or the tail of the ID number.
 * With @volunteer_staff_id set, only elders paired with that volunteer. */
GPtrArray *yi_store_search_elders (YiStore     *store,
                                   const char  *query,
                                   guint        limit,
                                   const char  *volunteer_staff_id,
                                   GError     **error);

G_END_DECLS
