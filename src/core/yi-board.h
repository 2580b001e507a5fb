#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *code;
  char   *name_zh;
  char   *name_en;
  char   *unit;                     /* time, hour */
  gint64  price_fen;
} YiPriceEntry;

typedef struct {
  char *staff_name;
  char *duty;
} YiDutyEntry;

typedef struct {
  char *text_zh;
  char *text_en;
} YiNotice;

/* Everything the public board (公示) shows for one day.  Nothing in it is
 * about a particular elder. */
typedef struct {
  char      *date;
  char      *centre_name;
  GPtrArray *menus;                 /* YiMenu */
  GPtrArray *activities;            /* YiSession */
  GPtrArray *prices;                /* YiPriceEntry, active services */
  GPtrArray *duty;                  /* YiDutyEntry */
  GPtrArray *notices;               /* YiNotice shown on the day */
} YiBoard;

void     yi_board_free          (YiBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiBoard, yi_board_free)

YiBoard *yi_store_get_board     (YiStore     *store,
                                 const char  *date,
                                 GError     **error);

G_END_DECLS
