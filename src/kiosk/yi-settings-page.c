#include "config.h"

#include "yi-settings-page.h"
#include "yi-settings.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _YiSettingsPage
{
  GtkWidget       parent_instance;

  GSettings      *settings;
  GtkSpinButton  *idle_timeout;
  GtkSpinButton  *tap_repeat_window;
  GtkSwitch      *sounds;
  GtkSwitch      *spoken_greeting;
  GtkSwitch      *high_contrast;
  GtkSwitch      *large_text;
  AdwComboRow    *language;
  AdwEntryRow    *reader_connstring;
  GtkSpinButton  *reader_debounce;
  GtkSwitch      *wedge_reader;
};

G_DEFINE_FINAL_TYPE (YiSettingsPage, yi_settings_page, GTK_TYPE_WIDGET)

/* The combo's rows, in order: follow the system, Chinese, English. */
static const char *const languages[] = { "", "zh_CN", "en" };

static gboolean
language_to_row (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (code, languages[i]) == 0 || (i > 0 && g_str_has_prefix (code, languages[i])))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
row_to_language (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  return g_variant_new_string (row < G_N_ELEMENTS (languages) ? languages[row] : "");
}

static void
on_connstring_applied (YiSettingsPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reader_connstring))));

  g_settings_set_string (self->settings, YI_SETTING_READER_CONNSTRING, text);
}

static void
on_connstring_changed (YiSettingsPage *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, YI_SETTING_READER_CONNSTRING);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->reader_connstring))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->reader_connstring), text);
}

static void
yi_settings_page_dispose (GObject *object)
{
  YiSettingsPage *self = YI_SETTINGS_PAGE (object);
  GtkWidget *child;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_SETTINGS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (yi_settings_page_parent_class)->dispose (object);
}

static void
yi_settings_page_class_init (YiSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_settings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/yiyang/Kiosk/yi-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, idle_timeout);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, tap_repeat_window);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, sounds);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, spoken_greeting);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, high_contrast);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, large_text);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, language);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, reader_connstring);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, reader_debounce);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, wedge_reader);
  gtk_widget_class_bind_template_callback (widget_class, on_connstring_applied);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_settings_page_init (YiSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yi_settings_page_new (GSettings *settings)
{
  YiSettingsPage *self = g_object_new (YI_TYPE_SETTINGS_PAGE, NULL);
  struct { const char *key; gpointer widget; const char *property; } bindings[] = {
    { YI_SETTING_IDLE_TIMEOUT, self->idle_timeout, "value" },
    { YI_SETTING_TAP_REPEAT_WINDOW, self->tap_repeat_window, "value" },
    { YI_SETTING_SOUNDS, self->sounds, "active" },
    { YI_SETTING_SPOKEN_GREETING, self->spoken_greeting, "active" },
    { YI_SETTING_HIGH_CONTRAST, self->high_contrast, "active" },
    { YI_SETTING_LARGE_TEXT, self->large_text, "active" },
    { YI_SETTING_READER_DEBOUNCE, self->reader_debounce, "value" },
    { YI_SETTING_WEDGE_READER, self->wedge_reader, "active" },
  };

  self->settings = g_object_ref (settings);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_settings_bind (settings, bindings[i].key, bindings[i].widget, bindings[i].property, G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, YI_SETTING_LANGUAGE, self->language, "selected", G_SETTINGS_BIND_DEFAULT,
                                language_to_row, row_to_language, NULL, NULL);
  /* a connection string is applied whole, not at every keystroke */
  g_signal_connect_swapped (settings, "changed::" YI_SETTING_READER_CONNSTRING, G_CALLBACK (on_connstring_changed), self);
  on_connstring_changed (self);
  return GTK_WIDGET (self);
}
