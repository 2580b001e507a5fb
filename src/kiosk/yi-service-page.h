#pragma once

#include <gtk/gtk.h>

#include "yi-choice-page.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_SERVICE_PAGE (yi_service_page_get_type ())
G_DECLARE_FINAL_TYPE (YiServicePage, yi_service_page, YI, SERVICE_PAGE, YiChoicePage)

/* An elder confirms a service they received (满意后付券): what it was,
 * when and who gave it, one big confirm button, then five faces to rate
 * it.  The card tapped for the greeting (@card_uid) is the evidence.
 * Emits ::finished (TRUE when the confirmation was saved). */
gboolean yi_service_page_prepare (YiServicePage  *self,
                                  YiStore        *store,
                                  const char     *elder_id,
                                  const char     *service_id,
                                  const char     *card_uid,
                                  GError        **error);

/* The words for one pending service: "Haircut\n2 March · 王芳". */
char    *yi_service_page_describe (YiStore     *store,
                                   const char  *service_code,
                                   const char  *service_name,
                                   const char  *local_date,
                                   const char  *provider_name);

G_END_DECLS
