#pragma once

/* What yi-staff-view.c and yi-staff-view-main.c share: the view's
 * fields, and the signed-in part (tabs and pages) built at the first
 * sign-in. */

#include "yi-staff-view.h"
#include "yi-staff-keypad.h"
#include "yi-staff-pages.h"
#include "yi-staff-care-pages.h"

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct {
  char           *name;
  char           *title;
  char           *role;
  YiStaffPageFunc build;
  gpointer        user_data;
  GDestroyNotify  destroy;
} AddedPage;

typedef enum {
  WAIT_NONE,
  WAIT_ISSUE,
  WAIT_REPLACE,
} WaitKind;

struct _YiStaffView
{
  GtkWidget           parent_instance;

  YiStore            *store;
  YiStaffSession     *session;
  guint               tick_id;
  WaitKind            wait;
  gboolean            showing_lockout;
  gboolean            main_shown;
  char               *wait_elder_id;
  char               *sync_text;
  gboolean            sync_warning;
  GPtrArray          *added_pages;          /* of AddedPage */

  /* from the template: always there */
  AdwToastOverlay    *toasts;
  GtkStack           *stack;
  YiStaffKeypad      *pin_pad;
  GtkLabel           *login_prompt;
  GtkLabel           *login_message;
  GtkLabel           *reader_status;
  GtkLabel           *wait_title;
  GtkLabel           *wait_message;

  /* the signed-in part: NULL until staff first sign in (see build_main) */
  GtkStack           *tabs;
  GtkLabel           *main_reader_status;
  GtkLabel           *sync_status;
  GtkLabel           *who;
  YiStaffElderEditor *editor;          /* at the first elder opened */
};

#define YI_STAFF_VIEW_N_MAIN_ACTIONS 6
/* Actions that act on the signed-in part: off until it is built. */
extern const char * const yi_staff_view_main_actions[YI_STAFF_VIEW_N_MAIN_ACTIONS];

void yi_staff_view_added_page_free (gpointer     data);
void yi_staff_view_build_main      (YiStaffView *self);
void yi_staff_view_show_main       (YiStaffView *self);
void yi_staff_view_refresh_tab     (YiStaffView *self);
/* Drops the pointers into the signed-in part (its widgets are going). */
void yi_staff_view_forget_main     (YiStaffView *self);
/* The contents of tab @name, built now if it has not been yet and @build
 * is set; NULL when staff mode has no such tab (or it is not built). */
GtkWidget          *yi_staff_view_get_tab_page (YiStaffView *self,
                                                const char  *name,
                                                gboolean     build);
YiStaffElderEditor *yi_staff_view_get_editor   (YiStaffView *self);

G_END_DECLS
