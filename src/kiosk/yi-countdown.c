#include "config.h"

#include "yi-countdown.h"

#include <glib/gi18n.h>

struct _YiCountdown
{
  GtkWidget       parent_instance;

  GtkLabel       *label;
  GtkProgressBar *bar;

  gint64          deadline_us;   /* monotonic */
  guint           seconds;
  guint           shown;
  guint           tick_id;
};

G_DEFINE_FINAL_TYPE (YiCountdown, yi_countdown, GTK_TYPE_WIDGET)

enum { EXPIRED, N_SIGNALS };
static guint signals[N_SIGNALS];

guint
yi_countdown_get_remaining (YiCountdown *self)
{
  gint64 left;

  g_return_val_if_fail (YI_IS_COUNTDOWN (self), 0);

  if (self->tick_id == 0)
    return 0;
  left = self->deadline_us - g_get_monotonic_time ();
  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
update (YiCountdown *self)
{
  gint64 left = self->deadline_us - g_get_monotonic_time ();
  guint secs = yi_countdown_get_remaining (self);

  gtk_progress_bar_set_fraction (self->bar,
                                 CLAMP ((double) left / ((double) self->seconds * G_USEC_PER_SEC), 0.0, 1.0));
  if (secs != self->shown)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Back to the start in %u second",
                                                             "Back to the start in %u seconds", secs), secs);
      self->shown = secs;
      gtk_label_set_label (self->label, text);
    }
}

static gboolean
on_tick (gpointer user_data)
{
  YiCountdown *self = user_data;

  if (g_get_monotonic_time () >= self->deadline_us)
    {
      self->tick_id = 0;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      g_signal_emit (self, signals[EXPIRED], 0);
      return G_SOURCE_REMOVE;
    }
  update (self);
  return G_SOURCE_CONTINUE;
}

void
yi_countdown_start (YiCountdown *self,
                    guint        seconds)
{
  g_return_if_fail (YI_IS_COUNTDOWN (self));

  yi_countdown_stop (self);
  self->seconds = MAX (seconds, 1);
  self->deadline_us = g_get_monotonic_time () + (gint64) self->seconds * G_USEC_PER_SEC;
  self->shown = 0;
  /* fine steps so the bar drains smoothly; cheap, it is one widget */
  self->tick_id = g_timeout_add (100, on_tick, self);
  update (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
yi_countdown_stop (YiCountdown *self)
{
  g_return_if_fail (YI_IS_COUNTDOWN (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

gboolean
yi_countdown_is_running (YiCountdown *self)
{
  return self->tick_id != 0;
}

static void
yi_countdown_dispose (GObject *object)
{
  YiCountdown *self = YI_COUNTDOWN (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_COUNTDOWN);
  G_OBJECT_CLASS (yi_countdown_parent_class)->dispose (object);
}

static void
yi_countdown_class_init (YiCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_countdown_dispose;

  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, YiCountdown, label);
  gtk_widget_class_bind_template_child (widget_class, YiCountdown, bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
yi_countdown_init (YiCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_HORIZONTAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 24);
}
