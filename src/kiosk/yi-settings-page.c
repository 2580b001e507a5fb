#include "config.h"

#include "yi-settings-page.h"
#include "yi-care.h"
#include "yi-role-taps.h"
#include "yi-settings.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* The normal ranges, each a row of two spin buttons (low, high); the
 * schema's summary is the row's title. */
static const struct {
  const char *key;
  double      step;
  guint       digits;
} range_keys[] = {
  { YI_SETTING_NORMAL_SYSTOLIC,    1,   0 },
  { YI_SETTING_NORMAL_DIASTOLIC,   1,   0 },
  { YI_SETTING_NORMAL_GLUCOSE,     0.1, 1 },
  { YI_SETTING_NORMAL_WEIGHT,      1,   0 },
  { YI_SETTING_NORMAL_TEMPERATURE, 0.1, 1 },
};

typedef struct {
  YiSettingsPage *page;
  const char     *key;
  GtkSpinButton  *low;
  GtkSpinButton  *high;
  GtkLabel       *problem;
} RangeRow;

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
  AdwComboRow    *kiosk_role;
  GtkSpinButton  *staff_idle_lock;
  AdwPreferencesGroup *ranges_group;
  AdwActionRow   *time_zone_row;
  AdwActionRow   *ca_file_row;
  AdwActionRow   *plain_http_row;
  AdwActionRow   *gpu_rendering_row;
  RangeRow        ranges[G_N_ELEMENTS (range_keys)];
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

static gboolean
role_to_row (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  YiKioskRole role = YI_KIOSK_ROLE_DOOR;

  yi_kiosk_role_parse (g_variant_get_string (variant, NULL), &role);
  g_value_set_uint (value, (guint) role);
  return TRUE;
}

static GVariant *
row_to_role (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  return row <= YI_KIOSK_ROLE_ACTIVITY ? g_variant_new_string (yi_kiosk_role_code ((YiKioskRole) row)) : NULL;
}

static gboolean
time_zone_to_text (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

static gboolean
ca_file_to_text (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *path = g_variant_get_string (variant, NULL);

  g_value_set_string (value, *path != '\0' ? path : _("The system’s certificate authorities"));
  return TRUE;
}

/* An installer's yes-or-no setting, said in words: user data is two
 * untranslated strings, what "true" and what "false" mean. */
static gboolean
switch_to_text (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char *const *texts = user_data;

  g_value_set_string (value, _(texts[g_variant_get_boolean (variant) ? 0 : 1]));
  return TRUE;
}

static const char *const plain_http_texts[] = {
  N_("Allowed: records may travel unencrypted on this network"),
  N_("Not allowed: https only"),
};

static const char *const gpu_rendering_texts[] = {
  N_("With the graphics card (OpenGL)"),
  N_("On the processor: uses least memory"),
};

static void
range_row_show (RangeRow *r)
{
  double low, high;

  g_settings_get (r->page->settings, r->key, "(dd)", &low, &high);
  gtk_spin_button_set_value (r->low, low);
  gtk_spin_button_set_value (r->high, high);
}

/* Both ends are checked together (low below high, within what can be
 * measured); a range refused keeps the stored one and says why. */
static void
on_range_changed (RangeRow *r)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new ("(dd)", gtk_spin_button_get_value (r->low),
                                                                 gtk_spin_button_get_value (r->high)));
  g_autoptr(GError) error = NULL;

  if (!yi_settings_check (r->page->settings, r->key, value, &error))
    {
      gtk_label_set_text (r->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (r->problem), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (r->problem), FALSE);
  g_settings_set_value (r->page->settings, r->key, value);
}

static void
on_range_setting_changed (GSettings  *settings,
                          const char *key,
                          gpointer    user_data)
{
  YiSettingsPage *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (self->ranges); i++)
    if (g_strcmp0 (self->ranges[i].key, key) == 0)
      {
        g_signal_handlers_block_by_func (self->ranges[i].low, on_range_changed, &self->ranges[i]);
        g_signal_handlers_block_by_func (self->ranges[i].high, on_range_changed, &self->ranges[i]);
        range_row_show (&self->ranges[i]);
        g_signal_handlers_unblock_by_func (self->ranges[i].low, on_range_changed, &self->ranges[i]);
        g_signal_handlers_unblock_by_func (self->ranges[i].high, on_range_changed, &self->ranges[i]);
      }
}

static GtkSpinButton *
range_spin (double min,
            double max,
            double step,
            guint  digits)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, step));

  gtk_spin_button_set_digits (spin, digits);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  return spin;
}

static void
add_range_rows (YiSettingsPage *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (range_keys); i++)
    {
      g_autoptr(GSettingsSchemaKey) skey = g_settings_schema_get_key (schema, range_keys[i].key);
      const char *title = g_settings_schema_key_get_summary (skey);
      RangeRow *r = &self->ranges[i];
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (title);
      double min = 0, max = 0;

      /* the title above the two ends: side by side they leave it no room */
      yi_vital_setting_limits (range_keys[i].key, &min, &max);
      r->page = self;
      r->key = range_keys[i].key;
      r->low = range_spin (min, max, range_keys[i].step, range_keys[i].digits);
      r->high = range_spin (min, max, range_keys[i].step, range_keys[i].digits);
      r->problem = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (r->problem, TRUE);
      gtk_label_set_xalign (r->problem, 0);
      gtk_widget_add_css_class (GTK_WIDGET (r->problem), "range-error");
      gtk_widget_set_visible (GTK_WIDGET (r->problem), FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (ends), GTK_WIDGET (r->low));
      gtk_box_append (GTK_BOX (ends), gtk_label_new ("–"));
      gtk_box_append (GTK_BOX (ends), GTK_WIDGET (r->high));
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), ends);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (r->problem));
      gtk_widget_add_css_class (box, "range-row");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      adw_preferences_group_add (self->ranges_group, row);
      range_row_show (r);
      g_signal_connect_swapped (r->low, "value-changed", G_CALLBACK (on_range_changed), r);
      g_signal_connect_swapped (r->high, "value-changed", G_CALLBACK (on_range_changed), r);
    }
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_range_setting_changed), self);
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
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, kiosk_role);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, staff_idle_lock);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, ranges_group);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, ca_file_row);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, plain_http_row);
  gtk_widget_class_bind_template_child (widget_class, YiSettingsPage, gpu_rendering_row);
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
    { YI_SETTING_STAFF_IDLE_LOCK, self->staff_idle_lock, "value" },
  };
  /* What only the installer changes (see docs/deployment.md), shown. */
  struct { const char *key; gpointer row; GSettingsBindGetMapping to_text; gconstpointer data; } installer[] = {
    { YI_SETTING_TIME_ZONE, self->time_zone_row, time_zone_to_text, NULL },
    { YI_SETTING_DISTRICT_CA_FILE, self->ca_file_row, ca_file_to_text, NULL },
    { YI_SETTING_ALLOW_PLAIN_HTTP, self->plain_http_row, switch_to_text, plain_http_texts },
    { YI_SETTING_GPU_RENDERING, self->gpu_rendering_row, switch_to_text, gpu_rendering_texts },
  };

  self->settings = g_object_ref (settings);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_settings_bind (settings, bindings[i].key, bindings[i].widget, bindings[i].property, G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, YI_SETTING_LANGUAGE, self->language, "selected", G_SETTINGS_BIND_DEFAULT,
                                language_to_row, row_to_language, NULL, NULL);
  g_settings_bind_with_mapping (settings, YI_SETTING_KIOSK_ROLE, self->kiosk_role, "selected", G_SETTINGS_BIND_DEFAULT,
                                role_to_row, row_to_role, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (installer); i++)
    g_settings_bind_with_mapping (settings, installer[i].key, installer[i].row, "subtitle", G_SETTINGS_BIND_GET,
                                  installer[i].to_text, NULL, (gpointer) installer[i].data, NULL);
  add_range_rows (self);
  /* a connection string is applied whole, not at every keystroke */
  g_signal_connect_swapped (settings, "changed::" YI_SETTING_READER_CONNSTRING, G_CALLBACK (on_connstring_changed), self);
  on_connstring_changed (self);
  return GTK_WIDGET (self);
}
