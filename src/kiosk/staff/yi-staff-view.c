#include "config.h"

#include "yi-staff-view-private.h"
#include "yi-staff-private.h"
#include "yi-card-desk.h"
#include "yi-domain.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (YiStaffView, yi_staff_view, GTK_TYPE_WIDGET)

const char * const yi_staff_view_main_actions[YI_STAFF_VIEW_N_MAIN_ACTIONS] = {
  "staff.open-elder", "staff.new-elder", "staff.bind-card", "staff.show-tab",
  "staff.wait-card", "staff.cancel-wait",
};

enum { SIGNAL_LOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

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
clear_wait (YiStaffView *self)
{
  self->wait = WAIT_NONE;
  g_clear_pointer (&self->wait_elder_id, g_free);
}

static void
on_session_changed (YiStaffView *self)
{
  if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_OPEN)
    yi_staff_view_build_main (self);
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
  yi_staff_view_show_main (self);
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

  if (!yi_staff_elder_editor_load (yi_staff_view_get_editor (self), elder_id, card_uid, &error))
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

  yi_staff_elders_pick_for_card (YI_STAFF_ELDERS (yi_staff_view_get_tab_page (self, "elders", TRUE)),
                                 g_variant_get_string (parameter, NULL));
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
  yi_staff_view_forget_main (self);
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
  self->added_pages = g_ptr_array_new_with_free_func (yi_staff_view_added_page_free);
  for (gsize i = 0; i < YI_STAFF_VIEW_N_MAIN_ACTIONS; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), yi_staff_view_main_actions[i], FALSE);

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
  GtkWidget *page = yi_staff_view_get_tab_page (self, tab, FALSE);

  if (YI_IS_STAFF_SERVICES_PAGE (page))
    return yi_staff_services_page_pick_elder (YI_STAFF_SERVICES_PAGE (page), elder_id, uid);
  if (YI_IS_STAFF_HEALTH_PAGE (page))
    return yi_staff_health_page_pick_elder (YI_STAFF_HEALTH_PAGE (page), elder_id);
  if (YI_IS_STAFF_ACTIVITIES_PAGE (page))
    return yi_staff_activities_page_elder_tapped (YI_STAFF_ACTIVITIES_PAGE (page), elder_id);
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

