#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_MEAL_ERROR (yi_meal_error_quark ())

typedef enum {
  YI_MEAL_ERROR_INVALID,
  YI_MEAL_ERROR_NO_MENU,
  YI_MEAL_ERROR_CLOSED,            /* past the centre's cut-off */
  YI_MEAL_ERROR_ALREADY_ORDERED,
  YI_MEAL_ERROR_NO_DELIVERY,       /* the elder's record does not allow delivery */
  YI_MEAL_ERROR_INACTIVE_ELDER,
} YiMealError;

GQuark   yi_meal_error_quark        (void);

typedef struct {
  char   *id;
  char   *on_date;
  char   *meal;                     /* breakfast, lunch, dinner */
  char   *dishes_zh;
  char   *dishes_en;
  gint64  price_fen;
  gint64  delivery_fen;
} YiMenu;

void     yi_menu_free               (YiMenu *menu);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiMenu, yi_menu_free)

gboolean yi_meal_is_known           (const char *meal);

/* Whether anything may be booked for @elder_id: refused with
 * YI_STORE_ERROR_NOT_FOUND for no such elder, and with @domain / @code
 * (the caller's own "inactive elder" error) for one who moved or died. */
gboolean yi_store_check_elder_active (YiStore     *store,
                                      const char  *elder_id,
                                      GQuark       domain,
                                      int          code,
                                      GError     **error);
gboolean yi_meal_mode_is_known      (const char *mode);

/* Creates or replaces the menu of one meal on one day. */
char    *yi_store_save_menu         (YiStore     *store,
                                     const char  *date,
                                     const char  *meal,
                                     const char  *dishes_zh,
                                     const char  *dishes_en,
                                     gint64       price_fen,
                                     gint64       delivery_fen,
                                     GError     **error);
YiMenu  *yi_store_get_menu          (YiStore     *store,
                                     const char  *date,
                                     const char  *meal,
                                     GError     **error);
/* Menus of @date in meal order (breakfast, lunch, dinner), YiMenu each. */
GPtrArray *yi_store_list_menus      (YiStore     *store,
                                     const char  *date,
                                     GError     **error);

/* The centre's ordering cut-off for @meal as local "HH:MM". */
char    *yi_store_meal_cutoff       (YiStore     *store,
                                     const char  *meal);
/* Whether an order for @meal on @date can still be taken now. */
gboolean yi_store_meal_order_open   (YiStore     *store,
                                     const char  *date,
                                     const char  *meal);

/* What @elder_id pays for @meal on @date eaten @mode ("dine_in" or
 * "delivery").  The single place meal prices are worked out. */
gboolean yi_meal_price_for_elder    (YiStore     *store,
                                     const char  *elder_id,
                                     const char  *date,
                                     const char  *meal,
                                     const char  *mode,
                                     gint64      *price_fen,
                                     GError     **error);

/* The id of the elder's live (not voided) order, or NULL. */
char    *yi_store_find_meal_order   (YiStore     *store,
                                     const char  *elder_id,
                                     const char  *date,
                                     const char  *meal);

/* Orders @meal for @elder_id.  @channel is "kiosk" or "staff".  Refused
 * after the cut-off, when there is no menu, when the elder already has an
 * order for that meal, and for delivery the elder is not allowed.
 * Returns the new meal_orders id. */
char    *yi_store_order_meal        (YiStore     *store,
                                     const char  *elder_id,
                                     const char  *date,
                                     const char  *meal,
                                     const char  *mode,
                                     const char  *channel,
                                     GError     **error);

G_END_DECLS
