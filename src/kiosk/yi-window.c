#include "config.h"

#include "yi-window.h"
#include "yi-activity-page.h"
#include "yi-board-page.h"
#include "yi-countdown.h"
#include "yi-domain.h"
#include "yi-greeting-page.h"
#include "yi-order-page.h"
#include "yi-service-page.h"
#include "yi-staff-view.h"
#include "yi-suggestion-page.h"
#include "yi-unknown-card-page.h"
#include "yi-role-tap-page.h"
#include "yi-role-taps.h"
#include "yi-settings.h"

#include <glib/gi18n.h>

/* From this size up the screen is read from further away: larger type. */
#define WIDE_MIN_WIDTH  1600
#define WIDE_MIN_HEIGHT 1000
/* the screens are laid out for 1280x800 and up */
#define NARROW_MIN_WIDTH 1280

struct _YiWindow
{
  AdwApplicationWindow  parent_instance;

  GtkStack             *stack;
  YiBoardPage          *board_page;
  YiGreetingPage       *greeting_page;
  YiOrderPage          *order_page;
  YiActivityPage       *activity_page;
  YiUnknownCardPage    *unknown_card_page;
  YiRoleTapPage        *role_tap_page;
  YiServicePage        *service_page;
  YiSuggestionPage     *suggestion_page;
  YiStaffView          *staff_view;
  YiCountdown          *countdown;

  YiStore              *store;
  GSettings            *settings;
  YiFeedback           *feedback;
  char                 *elder_id;     /* whose tap the screens now serve */
  char                 *elder_name;
  char                 *tap_uid;      /* the card of that tap: evidence for a confirmation */
  gboolean              locked_down;
  gboolean              wide;
  guint                 wide_idle_id;

  /* what the next painted frame shows, for the "shown" signal */
  char                 *shown_page;
  char                 *shown_uid;
  char                 *shown_outcome;
  char                 *shown_event_id;
  gboolean              shown_pending;
  gulong                after_paint_id;
};

enum { SIGNAL_SHOWN, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (YiWindow, yi_window, ADW_TYPE_APPLICATION_WINDOW)

const char *
yi_window_get_page (YiWindow *self)
{
  g_return_val_if_fail (YI_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
staff_open (YiWindow *self)
{
  return yi_staff_session_get_state (yi_staff_view_get_session (self->staff_view)) == YI_STAFF_SESSION_OPEN;
}

/* Remembers what a screen answers, to be told once a frame shows it. */
static void
note_shown (YiWindow   *self,
            const char *page,
            const char *uid,
            const char *outcome,
            const char *event_id)
{
  g_free (self->shown_page);
  g_free (self->shown_uid);
  g_free (self->shown_outcome);
  g_free (self->shown_event_id);
  self->shown_page = g_strdup (page);
  self->shown_uid = g_strdup (uid);
  self->shown_outcome = g_strdup (outcome);
  self->shown_event_id = g_strdup (event_id);
  self->shown_pending = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Every page but the board goes back to it by itself, with a countdown
 * on screen, so nobody is ever left stuck on a screen they cannot read.
 * Signed-in staff mode keeps its own, longer idle lock. */
static void
show_page (YiWindow   *self,
           const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) != 0)
    note_shown (self, name, NULL, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, name);
  if (g_strcmp0 (name, "board") == 0 || (g_strcmp0 (name, "staff") == 0 && staff_open (self)))
    yi_countdown_stop (self->countdown);
  else
    yi_countdown_start (self->countdown, g_settings_get_int (self->settings, YI_SETTING_IDLE_TIMEOUT));
}

static void
forget_elder (YiWindow *self)
{
  g_clear_pointer (&self->elder_id, g_free);
  g_clear_pointer (&self->elder_name, g_free);
  g_clear_pointer (&self->tap_uid, g_free);
}

void
yi_window_show_board (YiWindow *self)
{
  g_return_if_fail (YI_IS_WINDOW (self));

  forget_elder (self);
  show_page (self, "board");
  /* nobody walks away from the kiosk leaving staff mode open, or their
   * card waiting for a PIN */
  yi_staff_session_forget_card (yi_staff_view_get_session (self->staff_view));
  yi_staff_view_lock (self->staff_view);
}

static void
ask_staff (YiWindow   *self,
           const char *uid)
{
  yi_unknown_card_page_set_uid (self->unknown_card_page, uid);
  show_page (self, "unknown-card");
  note_shown (self, "unknown-card", uid, NULL, NULL);
  yi_feedback_play (self->feedback, YI_FEEDBACK_ASK_STAFF);
  yi_feedback_say (self->feedback, _("Please ask a member of staff."));
}

/* A kiosk in the dining hall or an activity room: the tap serves the
 * elder's meal or takes their attendance, and the screen says so kindly
 * either way. */
static void
handle_role_tap (YiWindow    *self,
                 YiKioskRole  role,
                 const char  *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiRoleTapResult) r = yi_store_role_tap (self->store, role, uid, &error);
  gboolean good;

  forget_elder (self);
  if (r == NULL)
    {
      g_warning ("A card tap could not be recorded: %s", error->message);
      ask_staff (self, NULL);
      return;
    }
  switch (r->kind)
    {
    case YI_ROLE_TAP_UNKNOWN_CARD:
    case YI_ROLE_TAP_INACTIVE_ELDER:
    case YI_ROLE_TAP_STAFF:
      ask_staff (self, r->uid);
      return;
    default:
      break;
    }
  good = r->kind == YI_ROLE_TAP_MEAL_SERVED || r->kind == YI_ROLE_TAP_ATTENDED || r->kind == YI_ROLE_TAP_WALK_IN;
  yi_role_tap_page_show (self->role_tap_page, r->elder_name, r->message, good);
  show_page (self, "role-tap");
  note_shown (self, "role-tap", r->uid, NULL, NULL);
  yi_feedback_play (self->feedback, good ? YI_FEEDBACK_DONE : YI_FEEDBACK_ASK_STAFF);
  yi_feedback_say (self->feedback, r->message);
}

void
yi_window_handle_tap (YiWindow   *self,
                      const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiTapResult) tap = NULL;
  YiKioskRole role;
  gboolean was_open;

  g_return_if_fail (YI_IS_WINDOW (self));

  /* staff mode first: it takes every card while open, and a staff card
   * while locked (asking for that person's PIN); the rest are elders' */
  was_open = staff_open (self);
  if (yi_staff_view_handle_tap (self->staff_view, uid))
    {
      forget_elder (self);
      /* unless it was the signed-in person's card again: done, locked */
      if ((!was_open || staff_open (self)) && g_strcmp0 (yi_window_get_page (self), "staff") != 0)
        show_page (self, "staff");
      yi_feedback_play (self->feedback, YI_FEEDBACK_DONE);
      return;
    }

  role = yi_store_get_kiosk_role (self->store);
  if (role != YI_KIOSK_ROLE_DOOR)
    {
      handle_role_tap (self, role, uid);
      return;
    }

  tap = yi_store_tap (self->store, uid, &error);
  forget_elder (self);
  if (tap == NULL)
    {
      /* a misread card or a failing disk: the elder still gets a kind
       * screen that sends them to staff, never an error dialog */
      if (g_error_matches (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID))
        g_message ("Ignored an unreadable card number “%s”: %s", uid, error->message);
      else
        g_warning ("A card tap could not be recorded: %s", error->message);
      ask_staff (self, NULL);
      return;
    }

  switch (tap->kind)
    {
    case YI_TAP_CHECK_IN:
    case YI_TAP_CHECK_OUT:
    case YI_TAP_REPEAT:
      self->elder_id = g_strdup (tap->elder_id);
      self->elder_name = g_strdup (tap->elder_name);
      self->tap_uid = g_strdup (tap->uid);
      yi_greeting_page_show_tap (self->greeting_page, self->store, tap);
      show_page (self, "greeting");
      note_shown (self, "greeting", tap->uid,
                  tap->kind == YI_TAP_CHECK_IN ? "in" : tap->kind == YI_TAP_CHECK_OUT ? "out" : "repeat",
                  tap->event_id);
      yi_feedback_play (self->feedback, YI_FEEDBACK_DONE);
      yi_feedback_say (self->feedback, yi_greeting_page_get_spoken_text (self->greeting_page));
      break;

    case YI_TAP_STAFF:          /* a staff card staff mode would not take: no longer active */
    case YI_TAP_UNKNOWN_CARD:
    case YI_TAP_REVOKED_CARD:
    case YI_TAP_INACTIVE_ELDER:
    default:
      ask_staff (self, tap->uid);
      break;
    }
}

/* A choice on the greeting opens its page for the elder to confirm.  If
 * the choice went stale (a cut-off passed, the last place went), the
 * greeting stays and the next tap shows what is left. */
static void
open_choice (YiWindow     *self,
             const char   *page_name,
             gboolean      prepared,
             const GError *error)
{
  if (prepared)
    show_page (self, page_name);
  else if (error != NULL)
    g_message ("The %s choice is no longer open: %s", page_name, error->message);
}

static void
home_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yi_window_show_board (YI_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);

  if (self->elder_id != NULL)
    show_page (self, "greeting");
  else
    yi_window_show_board (self);
}

static void
staff_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);

  forget_elder (self);
  show_page (self, "staff");
}

static void
suggestion_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);

  /* from the greeting it is the tapped elder's; from the board, anonymous */
  yi_suggestion_page_prepare (self->suggestion_page, self->store, self->elder_id, self->elder_name);
  show_page (self, "suggestion");
}

static void
confirm_service_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean prepared;

  if (self->elder_id == NULL || self->tap_uid == NULL)
    return;
  prepared = yi_service_page_prepare (self->service_page, self->store, self->elder_id,
                                      g_variant_get_string (parameter, NULL), self->tap_uid, &error);
  open_choice (self, "service", prepared, error);
}

static void
order_meal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean prepared;

  if (self->elder_id == NULL)
    return;
  prepared = yi_order_page_prepare (self->order_page, self->store, self->elder_id,
                                    g_variant_get_string (parameter, NULL), &error);
  open_choice (self, "order", prepared, error);
}

static void
join_activity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YiWindow *self = YI_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean prepared;

  if (self->elder_id == NULL)
    return;
  prepared = yi_activity_page_prepare (self->activity_page, self->store, self->elder_id,
                                       g_variant_get_string (parameter, NULL), &error);
  open_choice (self, "activity", prepared, error);
}

static void
on_page_finished (YiWindow *self,
                  gboolean  success)
{
  yi_feedback_play (self->feedback, success ? YI_FEEDBACK_DONE : YI_FEEDBACK_ASK_STAFF);
  /* a fresh full countdown to read the result */
  show_page (self, yi_window_get_page (self));
}

static void
on_countdown_expired (YiWindow *self)
{
  yi_window_show_board (self);
}

static void
on_staff_locked (YiWindow *self)
{
  if (g_strcmp0 (yi_window_get_page (self), "staff") == 0)
    yi_window_show_board (self);
}

/* Signed in, staff mode's own idle lock takes over from the countdown. */
static void
on_staff_session_changed (YiWindow *self)
{
  if (g_strcmp0 (yi_window_get_page (self), "staff") == 0)
    show_page (self, "staff");
}

/* In kiosk mode nothing but the application's own quit closes the window:
 * not Alt+F4, not the window manager. */
static gboolean
yi_window_close_request (GtkWindow *window)
{
  YiWindow *self = YI_WINDOW (window);

  if (self->locked_down)
    {
      g_message ("Refused a request to close the kiosk window");
      return TRUE;
    }
  return GTK_WINDOW_CLASS (yi_window_parent_class)->close_request (window);
}

/* Any touch on a page restarts its countdown: whoever is reading gets time. */
static void
on_pressed (YiWindow *self)
{
  if (yi_countdown_is_running (self->countdown))
    yi_countdown_start (self->countdown, g_settings_get_int (self->settings, YI_SETTING_IDLE_TIMEOUT));
}

static void
update_style (YiWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean high_contrast = g_settings_get_boolean (self->settings, YI_SETTING_HIGH_CONTRAST) ||
                           adw_style_manager_get_high_contrast (manager);

  if (high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self), "high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "high-contrast");
  if (g_settings_get_boolean (self->settings, YI_SETTING_LARGE_TEXT))
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
  if (self->wide)
    gtk_widget_add_css_class (GTK_WIDGET (self), "wide");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "wide");
  /* the window's least size is worked out at its least width: keep that
   * width close to the screen's, or the larger type would wrap tall */
  gtk_widget_set_size_request (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self)),
                               self->wide ? WIDE_MIN_WIDTH : NARROW_MIN_WIDTH, -1);
}

static gboolean
apply_wide (gpointer user_data)
{
  YiWindow *self = user_data;

  self->wide_idle_id = 0;
  update_style (self);
  return G_SOURCE_REMOVE;
}

static void
yi_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  YiWindow *self = YI_WINDOW (widget);
  gboolean wide = width >= WIDE_MIN_WIDTH && height >= WIDE_MIN_HEIGHT;

  GTK_WIDGET_CLASS (yi_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* restyling inside an allocation would restart it; do it just after */
  if (wide != self->wide)
    {
      self->wide = wide;
      if (self->wide_idle_id == 0)
        self->wide_idle_id = g_idle_add (apply_wide, self);
    }
}

/* GTK sizes a toplevel by its height at no particular width, which for
 * wrapping text means at its narrowest and tallest: ask at its least
 * width instead, the narrowest the screens are made for. */
static void
yi_window_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  GtkWidgetClass *parent = GTK_WIDGET_CLASS (yi_window_parent_class);
  int unused, unused_baseline[2];

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0)
    parent->measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &for_size, &unused,
                     &unused_baseline[0], &unused_baseline[1]);
  parent->measure (widget, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* After the frame is on the display, not when the page was chosen: an
 * outside watcher (yi-kiosk-status.c) may take it as what the elder saw. */
static void
on_after_paint (GdkFrameClock *clock,
                YiWindow      *self)
{
  if (!self->shown_pending)
    return;
  self->shown_pending = FALSE;
  g_signal_emit (self, signals[SIGNAL_SHOWN], 0,
                 self->shown_page, self->shown_uid, self->shown_outcome, self->shown_event_id);
}

static void
yi_window_realize (GtkWidget *widget)
{
  YiWindow *self = YI_WINDOW (widget);

  GTK_WIDGET_CLASS (yi_window_parent_class)->realize (widget);
  self->after_paint_id = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                                           G_CALLBACK (on_after_paint), self);
  note_shown (self, yi_window_get_page (self), NULL, NULL, NULL);
}

static void
yi_window_unrealize (GtkWidget *widget)
{
  YiWindow *self = YI_WINDOW (widget);

  g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  GTK_WIDGET_CLASS (yi_window_parent_class)->unrealize (widget);
}

static void
yi_window_finalize (GObject *object)
{
  YiWindow *self = YI_WINDOW (object);

  g_free (self->shown_page);
  g_free (self->shown_uid);
  g_free (self->shown_outcome);
  g_free (self->shown_event_id);
  G_OBJECT_CLASS (yi_window_parent_class)->finalize (object);
}

static void
yi_window_dispose (GObject *object)
{
  YiWindow *self = YI_WINDOW (object);

  g_clear_handle_id (&self->wide_idle_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->feedback);
  forget_elder (self);
  if (self->staff_view != NULL)
    g_signal_handlers_disconnect_by_data (yi_staff_view_get_session (self->staff_view), self);
  self->staff_view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_WINDOW);
  G_OBJECT_CLASS (yi_window_parent_class)->dispose (object);
}

static void
yi_window_class_init (YiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_window_dispose;
  object_class->finalize = yi_window_finalize;
  widget_class->realize = yi_window_realize;
  widget_class->unrealize = yi_window_unrealize;
  widget_class->size_allocate = yi_window_size_allocate;
  widget_class->measure = yi_window_measure;
  GTK_WINDOW_CLASS (klass)->close_request = yi_window_close_request;

  /**
   * YiWindow::shown:
   * @page: the page now on the display
   * @uid: (nullable): the card whose tap it answers
   * @outcome: (nullable): for a greeting, "in", "out" or "repeat"
   * @event_id: (nullable): the attendance record the tap committed
   *
   * Emitted after the first frame that shows a new page, or a page
   * answering a new tap, has been painted.
   */
  signals[SIGNAL_SHOWN] = g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                        G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (YI_TYPE_BOARD_PAGE);
  g_type_ensure (YI_TYPE_GREETING_PAGE);
  g_type_ensure (YI_TYPE_ORDER_PAGE);
  g_type_ensure (YI_TYPE_ACTIVITY_PAGE);
  g_type_ensure (YI_TYPE_UNKNOWN_CARD_PAGE);
  g_type_ensure (YI_TYPE_SERVICE_PAGE);
  g_type_ensure (YI_TYPE_SUGGESTION_PAGE);
  g_type_ensure (YI_TYPE_COUNTDOWN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, YiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, greeting_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, order_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, activity_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, unknown_card_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, role_tap_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, service_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, suggestion_page);
  gtk_widget_class_bind_template_child (widget_class, YiWindow, countdown);
  gtk_widget_class_bind_template_callback (widget_class, on_page_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_countdown_expired);

  gtk_widget_class_install_action (widget_class, "win.home", NULL, home_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.staff", NULL, staff_action);
  gtk_widget_class_install_action (widget_class, "win.order-meal", "s", order_meal_action);
  gtk_widget_class_install_action (widget_class, "win.join-activity", "s", join_activity_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-service", "s", confirm_service_action);
  gtk_widget_class_install_action (widget_class, "win.suggestion", NULL, suggestion_action);
}

static void
yi_window_init (YiWindow *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (press, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}

YiWindow *
yi_window_new (GtkApplication *application,
               YiStore        *store,
               GSettings      *settings,
               YiFeedback     *feedback)
{
  YiWindow *self = g_object_new (YI_TYPE_WINDOW, "application", application, NULL);

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->feedback = g_object_ref (feedback);
  g_signal_connect_swapped (settings, "changed::" YI_SETTING_HIGH_CONTRAST, G_CALLBACK (update_style), self);
  g_signal_connect_swapped (settings, "changed::" YI_SETTING_LARGE_TEXT, G_CALLBACK (update_style), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::high-contrast",
                            G_CALLBACK (update_style), self);
  update_style (self);
  yi_board_page_set_store (self->board_page, store);

  self->staff_view = YI_STAFF_VIEW (yi_staff_view_new (store));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->staff_view), "staff");
  g_signal_connect_object (self->staff_view, "locked", G_CALLBACK (on_staff_locked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (yi_staff_view_get_session (self->staff_view), "changed",
                           G_CALLBACK (on_staff_session_changed), self, G_CONNECT_SWAPPED);
  return self;
}

YiStaffView *
yi_window_get_staff_view (YiWindow *self)
{
  g_return_val_if_fail (YI_IS_WINDOW (self), NULL);
  return self->staff_view;
}

void
yi_window_set_locked_down (YiWindow *self,
                           gboolean  locked_down)
{
  g_return_if_fail (YI_IS_WINDOW (self));
  self->locked_down = locked_down;
}

gboolean
yi_window_get_locked_down (YiWindow *self)
{
  g_return_val_if_fail (YI_IS_WINDOW (self), FALSE);
  return self->locked_down;
}
