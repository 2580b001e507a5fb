#include "config.h"

#include "yi-suggestion-page.h"
#include "yi-care.h"
#include "yi-face-rating.h"

#include <glib/gi18n.h>

struct _YiSuggestionPage
{
  GtkWidget  parent_instance;

  GtkLabel  *who_label;
  GtkStack  *stack;
  GtkEntry  *comment_entry;
  GtkLabel  *result_label;
  GtkLabel  *result_detail;

  YiStore   *store;
  char      *elder_id;
  int        rating;
};

G_DEFINE_FINAL_TYPE (YiSuggestionPage, yi_suggestion_page, GTK_TYPE_WIDGET)

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
yi_suggestion_page_prepare (YiSuggestionPage *self,
                            YiStore          *store,
                            const char       *elder_id,
                            const char       *elder_name)
{
  g_autofree char *who = NULL;

  g_return_if_fail (YI_IS_SUGGESTION_PAGE (self));

  g_set_object (&self->store, store);
  g_free (self->elder_id);
  self->elder_id = g_strdup (elder_id);
  self->rating = 0;
  if (elder_id != NULL && elder_name != NULL)
    who = g_strdup_printf (_("From %s"), elder_name);
  gtk_label_set_label (self->who_label, who ? who : _("Nobody will know it was you."));
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "rate");
}

static void
on_rated (YiSuggestionPage *self,
          int               rating)
{
  self->rating = rating;
  gtk_stack_set_visible_child_name (self->stack, "comment");
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiSuggestionPage *self = YI_SUGGESTION_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->store == NULL || self->rating == 0)
    return;
  id = yi_store_submit_feedback (self->store, self->elder_id, self->rating,
                                 gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)), &error);
  if (id != NULL)
    {
      gtk_label_set_label (self->result_label, _("Thank you for telling us"));
      gtk_label_set_label (self->result_detail, _("The centre’s staff read every note in the suggestions box."));
    }
  else
    {
      g_message ("Kiosk suggestion not saved: %s", error->message);
      gtk_label_set_label (self->result_label, _("Sorry, it could not be saved"));
      gtk_label_set_label (self->result_detail, _("Please ask a member of staff."));
    }
  self->rating = 0;
  gtk_stack_set_visible_child_name (self->stack, "result");
  g_signal_emit (self, signals[FINISHED], 0, id != NULL);
}

static void
yi_suggestion_page_dispose (GObject *object)
{
  YiSuggestionPage *self = YI_SUGGESTION_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_pointer (&self->elder_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_SUGGESTION_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_suggestion_page_parent_class)->dispose (object);
}

static void
yi_suggestion_page_class_init (YiSuggestionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_suggestion_page_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (YI_TYPE_FACE_RATING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-suggestion-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, who_label);
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, result_detail);
  gtk_widget_class_bind_template_callback (widget_class, on_rated);
  gtk_widget_class_install_action (widget_class, "suggestion.send", NULL, send_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_suggestion_page_init (YiSuggestionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
