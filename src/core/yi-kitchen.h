#pragma once

#include "yi-store.h"
#include "yi-meals.h"

G_BEGIN_DECLS

/* The kitchen's side of 助餐 / 送餐: what was ordered for a day, by meal
 * and diet; the delivery round; orders taken or cancelled by staff; the
 * day's menus and the ordering cut-off times. */

#define YI_KITCHEN_ERROR (yi_kitchen_error_quark ())

typedef enum {
  YI_KITCHEN_ERROR_INVALID,
  YI_KITCHEN_ERROR_NOT_FOUND,
  YI_KITCHEN_ERROR_DUPLICATE,        /* the elder already ordered this meal */
  YI_KITCHEN_ERROR_AFTER_CUTOFF,     /* too late to order without a reason */
  YI_KITCHEN_ERROR_NO_DELIVERY,      /* the elder is not on the delivery round */
  YI_KITCHEN_ERROR_INACTIVE_ELDER,
  YI_KITCHEN_ERROR_ALREADY_SERVED,   /* a served meal cannot be cancelled */
  YI_KITCHEN_ERROR_NEEDS_STAFF,
  YI_KITCHEN_ERROR_NO_CENTRE,
} YiKitchenError;

GQuark       yi_kitchen_error_quark   (void);

/* "breakfast", "lunch", "dinner", NULL-terminated, in the day's order. */
const char *const *yi_meal_codes      (void);
const char  *yi_meal_label            (const char *meal);
/* "normal", "soft", "low_salt", "diabetic" and their names. */
const char *const *yi_diet_codes      (void);
const char  *yi_diet_label            (const char *diet);
const char  *yi_meal_mode_label       (const char *mode);
/* The meal being served at local time @hhmm: breakfast before 10:00,
 * lunch before 15:00, dinner after. */
const char  *yi_meal_at_time          (const char *hhmm);

typedef struct {
  char     *meal;
  char     *diet;
  int       dine_in;
  int       delivery;
  int       served;
} YiMealCount;

void         yi_meal_count_free       (YiMealCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiMealCount, yi_meal_count_free)

/* Live orders of @date grouped by meal and diet, in meal order and then
 * diet order; only groups with orders appear. */
GPtrArray   *yi_kitchen_counts        (YiStore     *store,
                                       const char  *date,
                                       GError     **error);

typedef struct {
  char     *id;
  char     *elder_id;
  char     *name;
  char     *meal;
  char     *mode;
  char     *diet;
  char     *channel;
  char     *street;
  char     *address;
  char     *phone;
  char     *allergies;
  gint64    price_fen;
  gboolean  served;
} YiMealOrder;

void         yi_meal_order_free       (YiMealOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiMealOrder, yi_meal_order_free)

/* Live (not cancelled) orders of @date; @meal NULL for every meal.  Sorted
 * by meal, then name. */
GPtrArray   *yi_kitchen_orders        (YiStore     *store,
                                       const char  *date,
                                       const char  *meal,
                                       GError     **error);
/* The delivery round (送餐): orders to deliver, in route order (street,
 * then address, then name), with address and phone. */
GPtrArray   *yi_kitchen_delivery_list (YiStore     *store,
                                       const char  *date,
                                       const char  *meal,
                                       GError     **error);

/* Orders @meal on @date for the elder on their behalf (channel "staff").
 * @mode is "dine_in" or "delivery" (delivery only for elders on the
 * round).  After the meal's cut-off a staff member may still order by
 * giving @late_reason, which goes into the audit log.  Returns the
 * order's id. */
char        *yi_kitchen_order_for_elder (YiStore     *store,
                                         const char  *elder_id,
                                         const char  *date,
                                         const char  *meal,
                                         const char  *mode,
                                         const char  *late_reason,
                                         GError     **error);
/* Cancels an order that has not been served yet; the reason is kept with
 * the void.  Returns the void's id. */
char        *yi_kitchen_cancel_order  (YiStore     *store,
                                       const char  *order_id,
                                       const char  *reason,
                                       GError     **error);

gboolean     yi_kitchen_set_cutoff    (YiStore     *store,
                                       const char  *meal,
                                       const char  *hhmm,
                                       GError     **error);
/* Menus: yi_store_save_menu / yi_store_list_menus; cut-offs:
 * yi_store_meal_cutoff / yi_store_meal_order_open (yi-meals.h). */

/* "12.50" or "12" yuan to fen; FALSE for anything else (yi_fen_format()
 * writes it back). */
gboolean     yi_yuan_parse            (const char  *text,
                                       gint64      *fen);

G_END_DECLS
