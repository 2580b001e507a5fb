#pragma once

#include <gtk/gtk.h>

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_TYPE_BOARD_PAGE (yi_board_page_get_type ())
G_DECLARE_FINAL_TYPE (YiBoardPage, yi_board_page, YI, BOARD_PAGE, GtkWidget)

/* The idle screen: the centre's public board (公示). */
void yi_board_page_set_store (YiBoardPage *self,
                              YiStore     *store);
void yi_board_page_refresh   (YiBoardPage *self);

G_END_DECLS
