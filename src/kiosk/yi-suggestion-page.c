#include "config.h"

#include "yi-suggestion-page.h"
#include "yi-care.h"
#include "yi-face-rating.h"

#include <glib/gi18n.h>

struct _YiSuggestionPage
{
  YiChoicePage  parent_instance;

  GtkLabel  *who_label;
  GtkEntry  *comment_entry;

  int        rating;
};

G_DEFINE_FINAL_TYPE (YiSuggestionPage, yi_suggestion_page, YI_TYPE_CHOICE_PAGE)

void
yi_suggestion_page_prepare (YiSuggestionPage *self,
                            YiStore          *store,
                            const char       *elder_id,
                            const char       *elder_name)
{
  g_autofree char *who = NULL;

  g_return_if_fail (YI_IS_SUGGESTION_PAGE (self));

  self->rating = 0;
  if (elder_id != NULL && elder_name != NULL)
    who = g_strdup_printf (_("From %s"), elder_name);
  gtk_label_set_label (self->who_label, who ? who : _("Nobody will know it was you."));
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  yi_choice_page_begin (YI_CHOICE_PAGE (self), store, elder_id, "rate");
}

static void
on_rated (YiSuggestionPage *self,
          int               rating)
{
  self->rating = rating;
  yi_choice_page_show_step (YI_CHOICE_PAGE (self), "comment");
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiSuggestionPage *self = YI_SUGGESTION_PAGE (widget);
  YiChoicePage *page = YI_CHOICE_PAGE (widget);
  YiStore *store = yi_choice_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (store == NULL || self->rating == 0)
    return;
  id = yi_store_submit_feedback (store, yi_choice_page_get_elder_id (page), self->rating,
                                 gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)), &error);
  self->rating = 0;
  if (id != NULL)
    {
      yi_choice_page_finish (page, TRUE, _("Thank you for telling us"),
                             _("The centre’s staff read every note in the suggestions box."));
      return;
    }
  g_message ("Kiosk suggestion not saved: %s", error->message);
  yi_choice_page_finish (page, FALSE, _("Sorry, it could not be saved"), _("Please ask a member of staff."));
}

static void
yi_suggestion_page_class_init (YiSuggestionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YI_TYPE_FACE_RATING);
  yi_choice_page_class_set_template (widget_class, "/io/github/yiyang/Kiosk/yi-suggestion-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, who_label);
  gtk_widget_class_bind_template_child (widget_class, YiSuggestionPage, comment_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_rated);
  gtk_widget_class_install_action (widget_class, "suggestion.send", NULL, send_action);
}

static void
yi_suggestion_page_init (YiSuggestionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
