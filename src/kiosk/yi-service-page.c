#include "config.h"

#include "yi-service-page.h"
#include "yi-face-rating.h"
#include "yi-kiosk-text.h"
#include "yi-services.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct _YiServicePage
{
  YiChoicePage  parent_instance;

  GtkLabel     *title_label;
  GtkLabel     *details_label;

  char         *service_id;
  char         *card_uid;
};

G_DEFINE_FINAL_TYPE (YiServicePage, yi_service_page, YI_TYPE_CHOICE_PAGE)

char *
yi_service_page_describe (YiStore    *store,
                          const char *service_code,
                          const char *service_name,
                          const char *local_date,
                          const char *provider_name)
{
  g_autofree char *name_en = yi_store_query_string (store, "SELECT name_en FROM service_types WHERE code = ?",
                                                    service_code, NULL);
  g_autofree char *date = NULL;
  int y, m, d;

  if (local_date != NULL && sscanf (local_date, "%d-%d-%d", &y, &m, &d) == 3)
    date = yi_kiosk_format_date (y, m, d);
  else
    date = g_strdup (local_date ? local_date : "");
  if (provider_name != NULL && *provider_name != '\0')
    /* Translators: a service, then its date and the staff member who gave it */
    return g_strdup_printf (_("%s\n%s · %s"), yi_kiosk_pick (service_name, name_en), date, provider_name);
  return g_strdup_printf ("%s\n%s", yi_kiosk_pick (service_name, name_en), date);
}

gboolean
yi_service_page_prepare (YiServicePage  *self,
                         YiStore        *store,
                         const char     *elder_id,
                         const char     *service_id,
                         const char     *card_uid,
                         GError        **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  YiPendingService *found = NULL;
  g_autofree char *words = NULL;
  char *newline;

  g_return_val_if_fail (YI_IS_SERVICE_PAGE (self), FALSE);

  pending = yi_store_pending_services (store, elder_id, error);
  if (pending == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len && found == NULL; i++)
    if (g_strcmp0 (((YiPendingService *) g_ptr_array_index (pending, i))->id, service_id) == 0)
      found = g_ptr_array_index (pending, i);
  if (found == NULL)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NOT_FOUND,
                   "The service %s is no longer waiting for this elder's confirmation", service_id);
      return FALSE;
    }
  g_free (self->service_id);
  self->service_id = g_strdup (service_id);
  g_free (self->card_uid);
  self->card_uid = g_strdup (card_uid);

  words = yi_service_page_describe (store, found->service_code, found->service_name,
                                    found->local_date, found->provider_name);
  newline = strchr (words, '\n');
  if (newline != NULL)
    *newline = '\0';
  gtk_label_set_label (self->title_label, words);
  gtk_label_set_label (self->details_label, newline ? newline + 1 : "");
  yi_choice_page_begin (YI_CHOICE_PAGE (self), store, elder_id, "confirm");
  return TRUE;
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  yi_choice_page_show_step (YI_CHOICE_PAGE (widget), "rate");
}

static void
on_rated (YiServicePage *self,
          int            rating)
{
  YiChoicePage *page = YI_CHOICE_PAGE (self);
  YiStore *store = yi_choice_page_get_store (page);
  g_autoptr(GError) error = NULL;
  g_autofree char *confirmation = NULL;

  if (store == NULL)
    return;
  confirmation = yi_store_confirm_service_by_tap (store, self->service_id, self->card_uid, rating, &error);
  if (confirmation != NULL)
    {
      yi_choice_page_finish (page, TRUE, _("Thank you, the service is confirmed"),
                             rating >= 4 ? _("We are glad it went well.")
                                         : _("Staff will hear what you think and do better."));
      return;
    }
  g_message ("Kiosk service confirmation refused: %s", error->message);
  yi_choice_page_finish (page, FALSE, _("Sorry, the confirmation did not go through"),
                         g_error_matches (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_ALREADY_CONFIRMED)
                         ? _("This service is confirmed already.")
                         : _("Please ask a member of staff."));
}

static void
yi_service_page_dispose (GObject *object)
{
  YiServicePage *self = YI_SERVICE_PAGE (object);

  g_clear_pointer (&self->service_id, g_free);
  g_clear_pointer (&self->card_uid, g_free);
  G_OBJECT_CLASS (yi_service_page_parent_class)->dispose (object);
}

static void
yi_service_page_class_init (YiServicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_service_page_dispose;

  g_type_ensure (YI_TYPE_FACE_RATING);
  yi_choice_page_class_set_template (widget_class, "/io/github/yiyang/Kiosk/yi-service-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiServicePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, YiServicePage, details_label);
  gtk_widget_class_bind_template_callback (widget_class, on_rated);
  gtk_widget_class_install_action (widget_class, "service.confirm", NULL, confirm);
}

static void
yi_service_page_init (YiServicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
