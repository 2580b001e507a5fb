#pragma once

#include <gtk/gtk.h>

#include "yi-store.h"

G_BEGIN_DECLS

/* A page where an elder confirms one thing after their tap (today's lunch,
 * an activity, a service, a note for the suggestions box).  Its template
 * has a GtkStack "stack" of steps ending in "result", whose labels are
 * "result_label" and "result_detail".  ::finished (gboolean saved) is
 * emitted when the result is shown. */
#define YI_TYPE_CHOICE_PAGE (yi_choice_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (YiChoicePage, yi_choice_page, YI, CHOICE_PAGE, GtkWidget)

struct _YiChoicePageClass
{
  GtkWidgetClass parent_class;
};

/* For a subclass's class_init: its template, with the children above. */
void        yi_choice_page_class_set_template (GtkWidgetClass *widget_class,
                                               const char     *resource);

/* Starts over for @elder_id (may be NULL) at step @first_step. */
void        yi_choice_page_begin        (YiChoicePage *self,
                                         YiStore      *store,
                                         const char   *elder_id,
                                         const char   *first_step);
void        yi_choice_page_show_step    (YiChoicePage *self,
                                         const char   *step);
/* NULL until begun: nothing to save to. */
YiStore    *yi_choice_page_get_store    (YiChoicePage *self);
const char *yi_choice_page_get_elder_id (YiChoicePage *self);
/* Shows @title and @detail on the result step and emits ::finished. */
void        yi_choice_page_finish       (YiChoicePage *self,
                                         gboolean      saved,
                                         const char   *title,
                                         const char   *detail);

G_END_DECLS
