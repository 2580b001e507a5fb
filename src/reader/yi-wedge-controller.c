#include "config.h"

#include "yi-wedge-controller.h"

typedef struct
{
  YiWedgeReader *reader;
  GtkWidget     *widget;      /* the window the controller is attached to (not a reference) */
  guint          expire_id;
} WedgeState;

static void
wedge_state_free (gpointer data)
{
  WedgeState *st = data;

  g_clear_handle_id (&st->expire_id, g_source_remove);
  g_clear_object (&st->reader);
  g_free (st);
}

/* Hands held-back human typing to the focused text field, where it would
 * have gone had the controller not waited to see whether it was a card. */
static void
deliver_released (WedgeState *st)
{
  YiWedgeDetector *detector = yi_wedge_reader_get_detector (st->reader);
  g_autofree char *text = yi_wedge_detector_take_released (detector);
  GtkWidget *focus;
  GtkRoot *root;
  int start, end, pos;

  if (text == NULL || st->widget == NULL)
    return;
  root = gtk_widget_get_root (st->widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !GTK_IS_EDITABLE (focus) || !gtk_editable_get_editable (GTK_EDITABLE (focus)))
    return;

  if (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end))
    gtk_editable_delete_selection (GTK_EDITABLE (focus));
  pos = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (focus), pos);
}

static gboolean
on_expire (gpointer data)
{
  WedgeState *st = data;
  YiWedgeDetector *detector = yi_wedge_reader_get_detector (st->reader);

  st->expire_id = 0;
  /* The timer ran a full gap after the last held key, in whatever clock
   * the event stamps use: the deadline itself is "now" in that clock. */
  yi_wedge_detector_expire (detector, yi_wedge_detector_get_deadline (detector));
  deliver_released (st);
  return G_SOURCE_REMOVE;
}

static void
arm_expiry (WedgeState *st, gint64 now_us)
{
  YiWedgeDetector *detector = yi_wedge_reader_get_detector (st->reader);
  gint64 deadline = yi_wedge_detector_get_deadline (detector);

  g_clear_handle_id (&st->expire_id, g_source_remove);
  if (deadline < 0)
    return;
  st->expire_id = g_timeout_add (MAX (1, (guint) ((deadline - now_us) / 1000) + 1), on_expire, st);
}

static gboolean
is_modifier (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R:
    case GDK_KEY_Control_L: case GDK_KEY_Control_R:
    case GDK_KEY_Caps_Lock: case GDK_KEY_Shift_Lock:
    case GDK_KEY_Meta_L: case GDK_KEY_Meta_R:
    case GDK_KEY_Alt_L: case GDK_KEY_Alt_R:
    case GDK_KEY_Super_L: case GDK_KEY_Super_R:
    case GDK_KEY_Num_Lock: case GDK_KEY_ISO_Level3_Shift:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
yi_wedge_controller_handle_key (GtkEventController *controller,
                                guint               keyval,
                                GdkModifierType     state,
                                guint32             time_ms)
{
  WedgeState *st = g_object_get_data (G_OBJECT (controller), "yi-wedge-state");
  gint64 time_us;
  gunichar ch;
  YiWedgeVerdict verdict;

  g_return_val_if_fail (st != NULL, FALSE);

  if (is_modifier (keyval))
    return FALSE;
  st->widget = gtk_event_controller_get_widget (controller);

  time_us = time_ms != 0 ? (gint64) time_ms * 1000 : g_get_monotonic_time ();
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    ch = '\n';
  else if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    ch = 0;  /* a shortcut, never part of a card number */
  else
    ch = gdk_keyval_to_unicode (keyval);

  verdict = yi_wedge_reader_feed (st->reader, ch, time_us);
  deliver_released (st);
  arm_expiry (st, time_us);
  return verdict != YI_WEDGE_PASS;
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (key);
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  guint32 time_ms = event != NULL ? gdk_event_get_time (event) : 0;

  return yi_wedge_controller_handle_key (controller, keyval, state, time_ms);
}

GtkEventController *
yi_wedge_controller_new (YiWedgeReader *reader)
{
  GtkEventController *controller;
  WedgeState *st;

  g_return_val_if_fail (YI_IS_WEDGE_READER (reader), NULL);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "yi-wedge-reader");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);

  st = g_new0 (WedgeState, 1);
  st->reader = g_object_ref (reader);
  g_object_set_data_full (G_OBJECT (controller), "yi-wedge-state", st, wedge_state_free);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), NULL);
  return controller;
}
