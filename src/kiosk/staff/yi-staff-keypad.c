#include "config.h"

#include "yi-staff-keypad.h"
#include "yi-staff-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _YiStaffKeypad
{
  GtkWidget    parent_instance;

  GtkLabel    *display;
  GtkButton   *x_key;
  GtkButton   *point_key;
  GString     *text;
  GtkEditable *target;
  gboolean     masked;
  gboolean     allow_x;
  gboolean     allow_point;
  guint        max_length;
};

G_DEFINE_FINAL_TYPE (YiStaffKeypad, yi_staff_keypad, GTK_TYPE_WIDGET)

enum { SIGNAL_SUBMITTED, SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_display (YiStaffKeypad *self)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  if (self->masked)
    for (gsize i = 0; i < self->text->len; i++)
      g_string_append (shown, "●");
  else
    g_string_append (shown, self->text->str);
  gtk_label_set_label (self->display, shown->len ? shown->str : " ");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
press (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  YiStaffKeypad *self = YI_STAFF_KEYPAD (widget);
  const char *key = g_variant_get_string (parameter, NULL);

  if (self->target != NULL)
    {
      /* A touch keypad types at the end, like a phone's. */
      int end = (int) g_utf8_strlen (gtk_editable_get_text (self->target), -1);

      if (g_str_equal (key, "back"))
        {
          if (end > 0)
            gtk_editable_delete_text (self->target, end - 1, end);
        }
      else if (g_str_equal (key, "clear"))
        gtk_editable_set_text (self->target, "");
      else if (g_ascii_isdigit (key[0]) || (self->allow_x && key[0] == 'X') ||
               (self->allow_point && key[0] == '.' && strchr (gtk_editable_get_text (self->target), '.') == NULL))
        {
          gtk_editable_insert_text (self->target, key, 1, &end);
          gtk_editable_set_position (self->target, end);
        }
      return;
    }

  if (g_str_equal (key, "back"))
    {
      if (self->text->len > 0)
        g_string_truncate (self->text, self->text->len - 1);
    }
  else if (g_str_equal (key, "clear"))
    g_string_truncate (self->text, 0);
  else if ((g_ascii_isdigit (key[0]) || (self->allow_x && key[0] == 'X') ||
            (self->allow_point && key[0] == '.' && strchr (self->text->str, '.') == NULL)) && key[1] == '\0')
    {
      if (self->max_length == 0 || self->text->len < self->max_length)
        g_string_append_c (self->text, key[0]);
    }
  update_display (self);
}

static void
enter (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  YiStaffKeypad *self = YI_STAFF_KEYPAD (widget);
  g_autofree char *text = g_strdup (self->text->str);

  g_signal_emit (self, signals[SIGNAL_SUBMITTED], 0, text);
}

static void
yi_staff_keypad_dispose (GObject *object)
{
  YiStaffKeypad *self = YI_STAFF_KEYPAD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_KEYPAD);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_weak_pointer (&self->target);
  G_OBJECT_CLASS (yi_staff_keypad_parent_class)->dispose (object);
}

static void
yi_staff_keypad_finalize (GObject *object)
{
  YiStaffKeypad *self = YI_STAFF_KEYPAD (object);

  /* Wipe what was typed: it may be a PIN. */
  memset (self->text->str, 0, self->text->len);
  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (yi_staff_keypad_parent_class)->finalize (object);
}

static void
yi_staff_keypad_class_init (YiStaffKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yi_staff_keypad_dispose;
  object_class->finalize = yi_staff_keypad_finalize;

  signals[SIGNAL_SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffKeypad, display);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKeypad, x_key);
  gtk_widget_class_bind_template_child (widget_class, YiStaffKeypad, point_key);
  gtk_widget_class_install_action (widget_class, "keypad.press", "s", press);
  gtk_widget_class_install_action (widget_class, "keypad.enter", NULL, enter);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "yi-staff-keypad");
}

static void
yi_staff_keypad_init (YiStaffKeypad *self)
{
  self->text = g_string_new (NULL);
  self->masked = TRUE;
  self->max_length = 12;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->x_key), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->point_key), FALSE);
}

GtkWidget *
yi_staff_keypad_new (void)
{
  return g_object_new (YI_TYPE_STAFF_KEYPAD, NULL);
}

const char *
yi_staff_keypad_get_text (YiStaffKeypad *self)
{
  return self->text->str;
}

void
yi_staff_keypad_clear (YiStaffKeypad *self)
{
  memset (self->text->str, 0, self->text->len);
  g_string_truncate (self->text, 0);
  update_display (self);
}

void
yi_staff_keypad_set_masked (YiStaffKeypad *self,
                            gboolean       masked)
{
  self->masked = masked;
  update_display (self);
}

void
yi_staff_keypad_set_allow_x (YiStaffKeypad *self,
                             gboolean       allow_x)
{
  self->allow_x = allow_x;
  gtk_widget_set_visible (GTK_WIDGET (self->x_key), allow_x);
}

/* A decimal point key, for readings such as 36.8 °C or 6.4 mmol/L. */
void
yi_staff_keypad_set_allow_point (YiStaffKeypad *self,
                                 gboolean       allow_point)
{
  self->allow_point = allow_point;
  gtk_widget_set_visible (GTK_WIDGET (self->point_key), allow_point);
}

void
yi_staff_keypad_set_max_length (YiStaffKeypad *self,
                                guint          max_length)
{
  self->max_length = max_length;
}

/* Typing into an entry elsewhere (phone, ID number): the keypad's own
 * display is hidden and digits go to the entry. */
void
yi_staff_keypad_set_target (YiStaffKeypad *self,
                            GtkEditable   *target)
{
  g_set_weak_pointer (&self->target, target);
  gtk_widget_set_visible (GTK_WIDGET (self->display), target == NULL);
}
