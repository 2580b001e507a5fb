#include "config.h"

#include "yi-staff-view.h"
#include "yi-staff-reports-page.h"
#include "yi-staff-keypad.h"
#include "yi-staff-pages.h"
#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-card-desk.h"
#include "yi-domain.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

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
  GPtrArray          *added_pages;          /* of AddedPage, until built */

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
  YiStaffElders      *elders;
  YiStaffElderEditor *editor;
  YiStaffToday       *today;
  YiStaffWelfare     *welfare;
  YiStaffCards       *cards;
  YiStaffKitchenPage *kitchen;
  GtkWidget          *reports;
  YiStaffActivitiesPage *activities;
  YiStaffServicesPage *services;
  YiStaffHealthPage  *health;
  YiStaffVolunteersPage *volunteers;
  YiStaffFeedbackPage *feedback;
};

G_DEFINE_FINAL_TYPE (YiStaffView, yi_staff_view, GTK_TYPE_WIDGET)

enum { SIGNAL_LOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The objects of yi-staff-main.ui that the view keeps a pointer to. */
static const struct {
  const char *id;
  gsize       offset;
} main_objects[] = {
  { "tabs", G_STRUCT_OFFSET (YiStaffView, tabs) },
  { "main_reader_status", G_STRUCT_OFFSET (YiStaffView, main_reader_status) },
  { "sync_status", G_STRUCT_OFFSET (YiStaffView, sync_status) },
  { "who", G_STRUCT_OFFSET (YiStaffView, who) },
  { "elders", G_STRUCT_OFFSET (YiStaffView, elders) },
  { "editor", G_STRUCT_OFFSET (YiStaffView, editor) },
  { "today", G_STRUCT_OFFSET (YiStaffView, today) },
  { "welfare", G_STRUCT_OFFSET (YiStaffView, welfare) },
  { "cards", G_STRUCT_OFFSET (YiStaffView, cards) },
  { "kitchen", G_STRUCT_OFFSET (YiStaffView, kitchen) },
  { "activities", G_STRUCT_OFFSET (YiStaffView, activities) },
  { "services", G_STRUCT_OFFSET (YiStaffView, services) },
  { "health", G_STRUCT_OFFSET (YiStaffView, health) },
  { "volunteers", G_STRUCT_OFFSET (YiStaffView, volunteers) },
  { "feedback", G_STRUCT_OFFSET (YiStaffView, feedback) },
};

/* Actions that act on the signed-in part: off until it is built. */
static const char * const main_actions[] = {
  "staff.open-elder", "staff.new-elder", "staff.bind-card", "staff.show-tab",
  "staff.wait-card", "staff.cancel-wait",
};

static void
added_page_free (gpointer data)
{
  AddedPage *page = data;

  if (page->destroy)
    page->destroy (page->user_data);
  g_free (page->name);
  g_free (page->title);
  g_free (page->role);
  g_free (page);
}

static void
show_login (YiStaffView *self)
{
  const char *pending = yi_staff_session_get_pending_name (self->session);
  g_autofree char *prompt = NULL;

  yi_staff_keypad_clear (self->pin_pad);
  if (pending)
    prompt = g_strdup_printf (_("%s, please enter your PIN"), pending);
  gtk_label_set_label (self->login_prompt,
                       prompt ? prompt : _("Tap your staff card, or enter your PIN"));
  gtk_stack_set_visible_child_name (self->stack, "login");
}

static void
refresh_tab (YiStaffView *self)
{
  const char *tab;

  if (self->tabs == NULL || yi_staff_session_get_state (self->session) != YI_STAFF_SESSION_OPEN)
    return;
  tab = gtk_stack_get_visible_child_name (self->tabs);
  if (g_strcmp0 (tab, "elders") == 0)
    yi_staff_elders_refresh (self->elders);
  else if (g_strcmp0 (tab, "today") == 0)
    yi_staff_today_refresh (self->today);
  else if (g_strcmp0 (tab, "welfare") == 0)
    yi_staff_welfare_refresh (self->welfare);
  else if (g_strcmp0 (tab, "cards") == 0)
    yi_staff_cards_refresh (self->cards);
  else if (g_strcmp0 (tab, "kitchen") == 0)
    yi_staff_kitchen_page_refresh (self->kitchen);
  else if (g_strcmp0 (tab, "activities") == 0)
    yi_staff_activities_page_refresh (self->activities);
  else if (g_strcmp0 (tab, "services") == 0)
    yi_staff_services_page_refresh (self->services);
  else if (g_strcmp0 (tab, "health") == 0)
    yi_staff_health_page_refresh (self->health);
  else if (g_strcmp0 (tab, "volunteers") == 0)
    yi_staff_volunteers_page_refresh (self->volunteers);
  else if (g_strcmp0 (tab, "feedback") == 0)
    yi_staff_feedback_page_refresh (self->feedback);
}

static void
set_tab_visible (YiStaffView *self,
                 const char  *name,
                 gboolean     visible)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->tabs, name);

  gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, child), visible);
}

/* Pages added with yi_staff_view_add_page() show only to their role. */
static void
show_added_pages (YiStaffView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tabs)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *role = g_object_get_data (G_OBJECT (child), "yi-staff-page-role");

      if (g_object_get_data (G_OBJECT (child), "yi-staff-added-page"))
        gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, child),
                                    role == NULL || g_strcmp0 (role, yi_staff_session_get_role (self->session)) == 0);
    }
}

/* Where exports land without asking: the user's documents folder, where a
 * kiosk's file manager or a USB copy script finds them. */
static const char *
yi_staff_view_default_export_dir (void)
{
  const char *docs = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  return docs != NULL ? docs : g_get_home_dir ();
}

static void
apply_sync_status (YiStaffView *self)
{
  gboolean shown = self->sync_text != NULL && *self->sync_text != '\0';

  gtk_label_set_label (self->sync_status, shown ? self->sync_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), shown);
  if (self->sync_warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_status), "yi-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_status), "yi-error");
}

static void
build_added_page (YiStaffView *self,
                  AddedPage   *added)
{
  GtkWidget *page = added->build (added->user_data);

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_object_set_data (G_OBJECT (page), "yi-staff-added-page", GINT_TO_POINTER (TRUE));
  g_object_set_data_full (G_OBJECT (page), "yi-staff-page-role", g_strdup (added->role), g_free);
  gtk_stack_add_titled (self->tabs, page, added->name, added->title);
  gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, page), FALSE);
}

/* Staff mode once signed in (the tabs with every page, and the elder
 * editor) is megabytes of widgets that an elder-facing kiosk would carry
 * all day for a few sign-ins.  It is built when staff first sign in, and
 * kept from then on. */
static void
build_main (YiStaffView *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->tabs != NULL)
    return;
  builder = gtk_builder_new_from_resource (YI_STAFF_RESOURCE "yi-staff-main.ui");
  for (gsize i = 0; i < G_N_ELEMENTS (main_objects); i++)
    G_STRUCT_MEMBER (gpointer, self, main_objects[i].offset) = gtk_builder_get_object (builder, main_objects[i].id);
  gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, "main")), "main");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->editor), "editor");

  yi_staff_elders_set_session (self->elders, self->session);
  yi_staff_elder_editor_set_session (self->editor, self->session);
  yi_staff_today_set_session (self->today, self->session);
  yi_staff_welfare_set_session (self->welfare, self->session);
  yi_staff_cards_set_session (self->cards, self->session);
  yi_staff_kitchen_page_set_session (self->kitchen, self->session);
  yi_staff_activities_page_set_session (self->activities, self->session);
  yi_staff_services_page_set_session (self->services, self->session);
  yi_staff_health_page_set_session (self->health, self->session);
  yi_staff_volunteers_page_set_session (self->volunteers, self->session);
  yi_staff_feedback_page_set_session (self->feedback, self->session);
  self->reports = yi_staff_reports_page_new (self->store);
  yi_staff_reports_page_set_export_dir (YI_STAFF_REPORTS_PAGE (self->reports), yi_staff_view_default_export_dir ());
  gtk_stack_add_titled (self->tabs, self->reports, "reports", C_("staff", "Reports"));
  for (guint i = 0; i < self->added_pages->len; i++)
    build_added_page (self, g_ptr_array_index (self->added_pages, i));
  g_ptr_array_set_size (self->added_pages, 0);

  gtk_label_set_label (self->main_reader_status, gtk_label_get_label (self->reader_status));
  apply_sync_status (self);
  g_signal_connect_swapped (self->tabs, "notify::visible-child", G_CALLBACK (refresh_tab), self);
  for (gsize i = 0; i < G_N_ELEMENTS (main_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), main_actions[i], TRUE);
}

static void
show_main (YiStaffView *self)
{
  g_autofree char *who = g_strdup_printf ("%s · %s",
                                          yi_staff_session_get_staff_name (self->session),
                                          yi_staff_role_label (yi_staff_session_get_role (self->session)));
  gboolean today = yi_staff_session_can (self->session, YI_STAFF_PERM_VIEW_TODAY);
  gboolean welfare = yi_staff_session_can (self->session, YI_STAFF_PERM_WELFARE_CALLS);
  gboolean cards = yi_staff_session_can (self->session, YI_STAFF_PERM_MANAGE_CARDS);

  build_main (self);
  gtk_label_set_label (self->who, who);
  set_tab_visible (self, "today", today);
  set_tab_visible (self, "welfare", welfare);
  set_tab_visible (self, "cards", cards);
  set_tab_visible (self, "kitchen", yi_staff_session_can (self->session, YI_STAFF_PERM_MEALS));
  set_tab_visible (self, "reports", yi_staff_session_can (self->session, YI_STAFF_PERM_REPORTS));
  set_tab_visible (self, "activities", yi_staff_session_can (self->session, YI_STAFF_PERM_ACTIVITIES));
  set_tab_visible (self, "services", yi_staff_session_can (self->session, YI_STAFF_PERM_SERVICES));
  set_tab_visible (self, "health", yi_staff_session_can (self->session, YI_STAFF_PERM_HEALTH));
  set_tab_visible (self, "volunteers", yi_staff_session_can (self->session, YI_STAFF_PERM_VOLUNTEERS));
  set_tab_visible (self, "feedback", yi_staff_session_can (self->session, YI_STAFF_PERM_FEEDBACK));

  show_added_pages (self);
  yi_staff_elders_pick_for_card (self->elders, NULL);
  gtk_stack_set_visible_child_name (self->tabs, "elders");
  /* The pages' first frame is slow (their styles and sizes are worked out
   * then): a crossfade would stall half-way, so the first time cuts. */
  gtk_stack_set_visible_child_full (self->stack, "main",
                                    self->main_shown ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                     : GTK_STACK_TRANSITION_TYPE_NONE);
  self->main_shown = TRUE;
  refresh_tab (self);
}

static void
clear_wait (YiStaffView *self)
{
  self->wait = WAIT_NONE;
  g_clear_pointer (&self->wait_elder_id, g_free);
}

static void
on_session_changed (YiStaffView *self)
{
  if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_OPEN)
    build_main (self);
  else if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_LOCKED)
    {
      clear_wait (self);
      show_login (self);
      g_signal_emit (self, signals[SIGNAL_LOCKED], 0);
    }
}

static void
update_lockout_message (YiStaffView *self)
{
  gint64 left = yi_staff_session_lockout_remaining (self->session);
  int s;
  g_autofree char *msg = NULL;

  if (left <= 0)
    return;
  s = (int) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  self->showing_lockout = TRUE;
  msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Too many wrong PINs. Try again in %d second.",
                                   "Too many wrong PINs. Try again in %d seconds.", s), s);
  gtk_label_set_label (self->login_message, msg);
}

static gboolean
tick (gpointer data)
{
  YiStaffView *self = data;

  if (yi_staff_session_check_idle (self->session))
    yi_staff_toast (GTK_WIDGET (self), _("Staff mode locked after a quiet spell"));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "login") == 0)
    {
      if (yi_staff_session_lockout_remaining (self->session) > 0)
        update_lockout_message (self);
      else if (self->showing_lockout)
        {
          self->showing_lockout = FALSE;
          gtk_label_set_label (self->login_message, _("You can try again now."));
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
on_pin_submitted (YiStaffView *self,
                  const char  *pin)
{
  g_autoptr(GError) error = NULL;

  if (pin == NULL || *pin == '\0')
    return;
  if (!yi_staff_session_unlock (self->session, pin, &error))
    {
      self->showing_lockout = g_error_matches (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_LOCKED_OUT);
      gtk_label_set_label (self->login_message, error->message);
      yi_staff_keypad_clear (self->pin_pad);
      return;
    }
  gtk_label_set_label (self->login_message, "");
  yi_staff_keypad_clear (self->pin_pad);
  show_main (self);
}

static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              YiStaffView              *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN || type == GDK_KEY_PRESS ||
      type == GDK_SCROLL || type == GDK_MOTION_NOTIFY)
    yi_staff_session_touch (self->session);
  return GDK_EVENT_PROPAGATE;
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);
  AdwToast *toast = adw_toast_new (g_variant_get_string (parameter, NULL));

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yi_staff_view_lock (YI_STAFF_VIEW (widget));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);

  yi_staff_session_forget_card (self->session);
  show_login (self);
  g_signal_emit (self, signals[SIGNAL_LOCKED], 0);
}

static void
open_editor (YiStaffView *self,
             const char  *elder_id,
             const char  *card_uid)
{
  g_autoptr(GError) error = NULL;

  if (!yi_staff_elder_editor_load (self->editor, elder_id, card_uid, &error))
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

static void
open_elder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (YI_STAFF_VIEW (widget), g_variant_get_string (parameter, NULL), NULL);
}

static void
new_elder_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *uid = g_variant_get_string (parameter, NULL);

  open_editor (YI_STAFF_VIEW (widget), NULL, *uid ? uid : NULL);
}

static void
bind_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);

  yi_staff_elders_pick_for_card (self->elders, g_variant_get_string (parameter, NULL));
  yi_staff_view_show_tab (self, "elders");
}

static void
show_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "main");
  yi_staff_view_show_tab (self, g_variant_get_string (parameter, NULL));
}

/* "issue:ELDER-ID" or "replace:ELDER-ID": wait for the next tap. */
static void
wait_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  const char *colon = strchr (target, ':');
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (colon == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_MANAGE_CARDS))
    return;
  clear_wait (self);
  self->wait = g_str_has_prefix (target, "replace:") ? WAIT_REPLACE : WAIT_ISSUE;
  self->wait_elder_id = g_strdup (colon + 1);
  name = yi_staff_elder_name (self->store, self->wait_elder_id);
  title = self->wait == WAIT_REPLACE
    ? g_strdup_printf (_("Replacing the lost card of %s"), name)
    : g_strdup_printf (_("New card for %s"), name);
  gtk_label_set_label (self->wait_title, title);
  gtk_label_set_label (self->wait_message, _("Place the new card on the reader now."));
  gtk_widget_remove_css_class (GTK_WIDGET (self->wait_message), "yi-error");
  gtk_stack_set_visible_child_name (self->stack, "waiting");
}

static void
cancel_wait_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YiStaffView *self = YI_STAFF_VIEW (widget);
  g_autofree char *elder_id = g_strdup (self->wait_elder_id);

  clear_wait (self);
  if (elder_id)
    open_editor (self, elder_id, NULL);
  else
    gtk_stack_set_visible_child_name (self->stack, "main");
}

static void
yi_staff_view_dispose (GObject *object)
{
  YiStaffView *self = YI_STAFF_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_VIEW);
  yi_staff_unparent_children (GTK_WIDGET (self));
  for (gsize i = 0; i < G_N_ELEMENTS (main_objects); i++)
    G_STRUCT_MEMBER (gpointer, self, main_objects[i].offset) = NULL;
  self->reports = NULL;
  g_clear_pointer (&self->added_pages, g_ptr_array_unref);
  G_OBJECT_CLASS (yi_staff_view_parent_class)->dispose (object);
}

static void
yi_staff_view_finalize (GObject *object)
{
  YiStaffView *self = YI_STAFF_VIEW (object);

  clear_wait (self);
  g_free (self->sync_text);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (yi_staff_view_parent_class)->finalize (object);
}

static void
yi_staff_view_class_init (YiStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_staff_view_dispose;
  object_class->finalize = yi_staff_view_finalize;

  signals[SIGNAL_LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  g_type_ensure (YI_TYPE_STAFF_KEYPAD);
  g_type_ensure (YI_TYPE_STAFF_ELDERS);
  g_type_ensure (YI_TYPE_STAFF_ELDER_EDITOR);
  g_type_ensure (YI_TYPE_STAFF_TODAY);
  g_type_ensure (YI_TYPE_STAFF_WELFARE);
  g_type_ensure (YI_TYPE_STAFF_CARDS);
  g_type_ensure (YI_TYPE_STAFF_KITCHEN_PAGE);
  g_type_ensure (YI_TYPE_STAFF_ACTIVITIES_PAGE);
  g_type_ensure (YI_TYPE_STAFF_SERVICES_PAGE);
  g_type_ensure (YI_TYPE_STAFF_HEALTH_PAGE);
  g_type_ensure (YI_TYPE_STAFF_VOLUNTEERS_PAGE);
  g_type_ensure (YI_TYPE_STAFF_FEEDBACK_PAGE);

  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, toasts);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, stack);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, pin_pad);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, login_prompt);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, login_message);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, reader_status);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, wait_title);
  gtk_widget_class_bind_template_child (widget_class, YiStaffView, wait_message);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_submitted);

  gtk_widget_class_install_action (widget_class, "staff.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "staff.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "staff.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "staff.open-elder", "s", open_elder_action);
  gtk_widget_class_install_action (widget_class, "staff.new-elder", "s", new_elder_action);
  gtk_widget_class_install_action (widget_class, "staff.bind-card", "s", bind_card_action);
  gtk_widget_class_install_action (widget_class, "staff.show-tab", "s", show_tab_action);
  gtk_widget_class_install_action (widget_class, "staff.wait-card", "s", wait_card_action);
  gtk_widget_class_install_action (widget_class, "staff.cancel-wait", NULL, cancel_wait_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yi-staff-view");
}

static void
yi_staff_view_init (YiStaffView *self)
{
  GtkEventController *legacy;

  yi_staff_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "yi-staff");
  self->added_pages = g_ptr_array_new_with_free_func (added_page_free);
  for (gsize i = 0; i < G_N_ELEMENTS (main_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), main_actions[i], FALSE);

  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);
}

GtkWidget *
yi_staff_view_new (YiStore *store)
{
  YiStaffView *self = g_object_new (YI_TYPE_STAFF_VIEW, NULL);

  self->store = g_object_ref (store);
  self->session = yi_staff_session_new (store);
  g_signal_connect_swapped (self->session, "changed", G_CALLBACK (on_session_changed), self);
  self->tick_id = g_timeout_add_seconds (1, tick, self);
  show_login (self);
  return GTK_WIDGET (self);
}

YiStaffSession *
yi_staff_view_get_session (YiStaffView *self)
{
  return self->session;
}

void
yi_staff_view_lock (YiStaffView *self)
{
  if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_OPEN)
    yi_staff_session_lock (self->session, "demand");
  else
    {
      show_login (self);
      g_signal_emit (self, signals[SIGNAL_LOCKED], 0);
    }
}

void
yi_staff_view_set_reader_status (YiStaffView *self,
                                 const char  *message)
{
  gtk_label_set_label (self->reader_status, message ? message : "");
  if (self->main_reader_status != NULL)
    gtk_label_set_label (self->main_reader_status, message ? message : "");
}

const char *
yi_staff_view_get_screen (YiStaffView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
yi_staff_view_get_tab (YiStaffView *self)
{
  return self->tabs != NULL ? gtk_stack_get_visible_child_name (self->tabs) : NULL;
}

void
yi_staff_view_show_tab (YiStaffView *self,
                        const char  *tab)
{
  GtkWidget *child = self->tabs != NULL ? gtk_stack_get_child_by_name (self->tabs, tab) : NULL;

  if (child == NULL || !gtk_stack_page_get_visible (gtk_stack_get_page (self->tabs, child)))
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->tabs), tab) == 0)
    refresh_tab (self);
  else
    gtk_stack_set_visible_child (self->tabs, child);
}

static void
finish_wait (YiStaffView *self,
             const char  *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = NULL;
  g_autofree char *name = NULL;
  g_autofree char *elder_id = NULL;
  g_autofree char *msg = NULL;

  if (self->wait == WAIT_REPLACE)
    card = yi_cards_replace_lost (self->store, self->wait_elder_id, uid, &error);
  else
    card = yi_store_issue_card (self->store, uid, self->wait_elder_id, NULL, &error);
  if (card == NULL)
    {
      /* Stay waiting: the right card may be next. */
      gtk_label_set_label (self->wait_message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->wait_message), "yi-error");
      return;
    }
  name = yi_staff_elder_name (self->store, self->wait_elder_id);
  msg = g_strdup_printf (_("The card is now %s’s"), name);
  elder_id = g_strdup (self->wait_elder_id);
  clear_wait (self);
  open_editor (self, elder_id, NULL);
  yi_staff_toast (GTK_WIDGET (self), msg);
}

/* On the services, health and activities tabs an elder's card picks the
 * elder (or takes their attendance) instead of opening their record. */
static gboolean
route_elder_tap (YiStaffView *self,
                 const char  *elder_id,
                 const char  *uid)
{
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);

  if (g_strcmp0 (tab, "services") == 0)
    return yi_staff_services_page_pick_elder (self->services, elder_id, uid);
  if (g_strcmp0 (tab, "health") == 0)
    return yi_staff_health_page_pick_elder (self->health, elder_id);
  if (g_strcmp0 (tab, "activities") == 0)
    return yi_staff_activities_page_elder_tapped (self->activities, elder_id);
  return FALSE;
}

gboolean
yi_staff_view_handle_tap (YiStaffView *self,
                          const char  *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *elder_id = NULL;
  g_autofree char *staff_id = NULL;

  g_return_val_if_fail (YI_IS_STAFF_VIEW (self), FALSE);

  if (yi_staff_session_get_state (self->session) != YI_STAFF_SESSION_OPEN)
    {
      if (yi_staff_session_present_card (self->session, uid, NULL))
        {
          show_login (self);
          gtk_label_set_label (self->login_message, "");
          update_lockout_message (self);
          return TRUE;
        }
      return FALSE;
    }

  yi_staff_session_touch (self->session);
  if (self->wait != WAIT_NONE)
    {
      finish_wait (self, uid);
      return TRUE;
    }

  normal = yi_card_uid_normalise (uid, &error);
  if (normal == NULL)
    {
      yi_staff_toast_error (GTK_WIDGET (self), error);
      return TRUE;
    }
  elder_id = yi_store_query_string (self->store,
      "SELECT elder_id FROM cards WHERE uid = ? AND revoked_at IS NULL AND elder_id IS NOT NULL", normal, NULL);
  staff_id = yi_store_query_string (self->store,
      "SELECT staff_id FROM cards WHERE uid = ? AND revoked_at IS NULL AND staff_id IS NOT NULL", normal, NULL);
  if (elder_id != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") == 0 &&
      route_elder_tap (self, elder_id, normal))
    return TRUE;
  if (elder_id != NULL)
    {
      /* Looking an elder up by their card is quicker than typing. */
      open_editor (self, elder_id, NULL);
    }
  else if (staff_id != NULL && g_strcmp0 (staff_id, yi_staff_session_get_staff_id (self->session)) == 0)
    {
      /* The same staff card again means "I am done". */
      yi_staff_view_lock (self);
    }
  else if (staff_id != NULL)
    yi_staff_toast (GTK_WIDGET (self), _("Someone else is signed in. Lock staff mode first."));
  else if (yi_staff_session_can (self->session, YI_STAFF_PERM_MANAGE_CARDS))
    {
      g_autofree char *msg = g_strdup_printf (_("Card %s is not registered. Register an elder with it, or give it to one."), normal);
      /* Recorded as the door would, so it joins the unknown-card list. */
      g_autoptr(YiTapResult) r = yi_store_tap (self->store, normal, NULL);

      yi_staff_toast (GTK_WIDGET (self), msg);
      yi_staff_view_show_tab (self, "cards");
      gtk_stack_set_visible_child_name (self->stack, "main");
    }
  else
    yi_staff_toast (GTK_WIDGET (self), _("This card is not registered."));
  return TRUE;
}

void
yi_staff_view_set_sync_status (YiStaffView *self,
                               const char  *text,
                               gboolean     warning)
{
  g_return_if_fail (YI_IS_STAFF_VIEW (self));

  g_free (self->sync_text);
  self->sync_text = g_strdup (text);
  self->sync_warning = warning;
  if (self->sync_status != NULL)
    apply_sync_status (self);
}

void
yi_staff_view_add_page (YiStaffView     *self,
                        const char      *name,
                        const char      *title,
                        const char      *role,
                        YiStaffPageFunc  build,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  AddedPage *added;

  g_return_if_fail (YI_IS_STAFF_VIEW (self));
  g_return_if_fail (name != NULL && title != NULL && build != NULL);

  added = g_new0 (AddedPage, 1);
  added->name = g_strdup (name);
  added->title = g_strdup (title);
  added->role = g_strdup (role);
  added->build = build;
  added->user_data = user_data;
  added->destroy = destroy;
  if (self->tabs == NULL)
    {
      g_ptr_array_add (self->added_pages, added);
      return;
    }
  build_added_page (self, added);
  added_page_free (added);
  if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_OPEN)
    show_added_pages (self);
}
