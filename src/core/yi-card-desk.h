#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* The card desk of staff mode: what sits on top of issue / revoke. */

/* Revokes every card the elder holds (reason "lost") and issues @new_uid to
 * them, in one transaction: a refused new card leaves the old one live. */
char      *yi_cards_replace_lost      (YiStore     *store,
                                       const char  *elder_id,
                                       const char  *new_uid,
                                       GError     **error);
/* The elder's live card UIDs, newest first (NULL-terminated). */
char     **yi_cards_of_elder          (YiStore     *store,
                                       const char  *elder_id);

typedef struct {
  char  *uid;
  char  *why;          /* unknown, revoked, inactive_elder: of the latest tap */
  guint  taps;
  char  *last_date;    /* local YYYY-MM-DD */
  char  *last_time;    /* local HH:MM */
} YiUnknownCard;

void       yi_unknown_card_free       (YiUnknownCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiUnknownCard, yi_unknown_card_free)

/* Cards tapped at the door that nobody holds now (never issued, or
 * revoked), latest first: the queue staff register or bind from. */
GPtrArray *yi_cards_unknown_queue     (YiStore     *store,
                                       GError     **error);

G_END_DECLS
