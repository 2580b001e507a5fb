#pragma once

#include <gtk/gtk.h>

#include "yi-choice-page.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_ACTIVITY_PAGE (yi_activity_page_get_type ())
G_DECLARE_FINAL_TYPE (YiActivityPage, yi_activity_page, YI, ACTIVITY_PAGE, YiChoicePage)

/* Shows one of today's activities (time, room, places left) and asks the
 * elder to confirm joining.  Emits ::finished (TRUE when signed up). */
gboolean yi_activity_page_prepare (YiActivityPage  *self,
                                   YiStore         *store,
                                   const char      *elder_id,
                                   const char      *activity_id,
                                   GError         **error);

G_END_DECLS
