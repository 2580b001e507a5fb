#pragma once

#include <gtk/gtk.h>

#include "yi-choice-page.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_ORDER_PAGE (yi_order_page_get_type ())
G_DECLARE_FINAL_TYPE (YiOrderPage, yi_order_page, YI, ORDER_PAGE, YiChoicePage)

/* Shows today's lunch, served @mode ("dine_in" or "delivery"), with what
 * the elder pays, and asks them to confirm.  Emits ::finished (TRUE when
 * the order was saved) after the confirm button. */
gboolean yi_order_page_prepare (YiOrderPage  *self,
                                YiStore      *store,
                                const char   *elder_id,
                                const char   *mode,
                                GError      **error);

G_END_DECLS
