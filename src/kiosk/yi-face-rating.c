#include "config.h"

#include "yi-face-rating.h"

struct _YiFaceRating
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (YiFaceRating, yi_face_rating, GTK_TYPE_WIDGET)

enum { RATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int rating = g_variant_get_int32 (parameter);

  if (rating >= 1 && rating <= 5)
    g_signal_emit (widget, signals[RATED], 0, rating);
}

static void
yi_face_rating_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), YI_TYPE_FACE_RATING);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_face_rating_parent_class)->dispose (object);
}

static void
yi_face_rating_class_init (YiFaceRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_face_rating_dispose;
  signals[RATED] = g_signal_new ("rated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-face-rating.ui");
  gtk_widget_class_install_action (widget_class, "faces.rate", "i", rate_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_face_rating_init (YiFaceRating *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
