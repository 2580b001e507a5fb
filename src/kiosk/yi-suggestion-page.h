#pragma once

#include <gtk/gtk.h>

#include "yi-choice-page.h"
#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_SUGGESTION_PAGE (yi_suggestion_page_get_type ())
G_DECLARE_FINAL_TYPE (YiSuggestionPage, yi_suggestion_page, YI, SUGGESTION_PAGE, YiChoicePage)

/* The suggestions box (意见箱): five faces, then an optional typed comment.
 * Anonymous when @elder_id is NULL, else from the elder whose card was
 * tapped.  Emits ::finished (TRUE when the feedback was saved). */
void yi_suggestion_page_prepare (YiSuggestionPage *self,
                                 YiStore          *store,
                                 const char       *elder_id,
                                 const char       *elder_name);

G_END_DECLS
