#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* A small centre for the kiosk tests, written through the store API:
 * Monday 2026-03-02 in Shanghai with a lunch menu, three activities, a
 * price list, two staff on duty, a notice and these elders:
 *   04A1B2C3  张桂英, born 1949-12-31, delivery allowed
 *   04D4E5F6  李建国, born 1946-03-02 (birthday on the day), dine in only
 *   0A0B0C0D  王秀兰, moved away
 *   11223344  revoked (was 张桂英's old card)
 *   5A5A5A5A  a staff card                                                */
typedef struct {
  char *zhang_id;
  char *li_id;
  char *wang_id;
  char *taichi_id;          /* 10:00, room 活动室, 20 places, 2 joined */
  char *calligraphy_id;     /* 14:30, 1 place, already full */
  char *lecture_id;         /* one-off 15:00 */
  char *staff_id;
} KioskSeed;

#define KIOSK_SEED_DATE "2026-03-02"
/* 08:30 local time on the seed date */
#define KIOSK_SEED_MORNING "2026-03-02T00:30:00Z"

void kiosk_seed        (YiStore   *store,
                        KioskSeed *seed);
void kiosk_seed_clear  (KioskSeed *seed);

G_END_DECLS
