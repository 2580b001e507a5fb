#include "config.h"

#include "yi-staff-elder-editor-private.h"
#include "yi-staff-private.h"
#include "yi-card-desk.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-idcard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (YiStaffElderEditor, yi_staff_elder_editor, GTK_TYPE_WIDGET)

#define PHOTO_SIZE 320

static const YiStaffChoice genders[] = {
  { "",  NC_("staff", "As in the ID number") },
  { "F", NC_("staff", "Female") },
  { "M", NC_("staff", "Male") },
  { NULL, NULL }
};

static const YiStaffChoice living_arrangements[] = {
  { "",                    NC_("staff", "Not recorded") },
  { "alone",               NC_("staff", "Lives alone") },
  { "empty_nest",          NC_("staff", "Empty nest: children outside the district") },
  { "with_spouse",         NC_("staff", "With spouse") },
  { "with_disabled_child", NC_("staff", "With a disabled child") },
  { "with_family",         NC_("staff", "With family") },
  { NULL, NULL }
};

static const YiStaffChoice diets[] = {
  { "normal",   NC_("staff", "Normal") },
  { "soft",     NC_("staff", "Soft food") },
  { "low_salt", NC_("staff", "Low salt") },
  { "diabetic", NC_("staff", "Diabetic") },
  { NULL, NULL }
};

static const YiStaffChoice mobilities[] = {
  { "",            NC_("staff", "Not recorded") },
  { "independent", NC_("staff", "Walks unaided") },
  { "aided",       NC_("staff", "Walks with help or a stick") },
  { "wheelchair",  NC_("staff", "Wheelchair") },
  { "bedridden",   NC_("staff", "Bedridden") },
  { NULL, NULL }
};

typedef enum { FIELD_TEXT, FIELD_CHOICE, FIELD_SWITCH } FieldKind;

/* The plain columns of `elders` and the widget each is edited in. */
static const struct {
  const char          *column;
  FieldKind            kind;
  gsize                offset;
  const YiStaffChoice *choices;
} fields[] = {
  { "name",               FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, name), NULL },
  { "gender",             FIELD_CHOICE, G_STRUCT_OFFSET (YiStaffElderEditor, gender), genders },
  { "birth_date",         FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, birth_date), NULL },
  { "phone",              FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, phone), NULL },
  { "address",            FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, address), NULL },
  { "street",             FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, street), NULL },
  { "hukou_locality",     FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, hukou_locality), NULL },
  { "residence_locality", FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, residence_locality), NULL },
  { "residence_since",    FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, residence_since), NULL },
  { "living_arrangement", FIELD_CHOICE, G_STRUCT_OFFSET (YiStaffElderEditor, living_arrangement), living_arrangements },
  { "has_caregiver",      FIELD_SWITCH, G_STRUCT_OFFSET (YiStaffElderEditor, has_caregiver), NULL },
  { "diet",               FIELD_CHOICE, G_STRUCT_OFFSET (YiStaffElderEditor, diet), diets },
  { "allergies",          FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, allergies), NULL },
  { "mobility",           FIELD_CHOICE, G_STRUCT_OFFSET (YiStaffElderEditor, mobility), mobilities },
  { "hobbies",            FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, hobbies), NULL },
  { "delivery_allowed",   FIELD_SWITCH, G_STRUCT_OFFSET (YiStaffElderEditor, delivery_allowed), NULL },
  { "can_confirm",        FIELD_SWITCH, G_STRUCT_OFFSET (YiStaffElderEditor, can_confirm), NULL },
  { "notes",              FIELD_TEXT,   G_STRUCT_OFFSET (YiStaffElderEditor, notes), NULL },
};

#define FIELD_WIDGET(self, i) (*(GtkWidget **) G_STRUCT_MEMBER_P ((self), fields[i].offset))

void
yi_staff_combo_set_choices (AdwComboRow         *row,
                            const YiStaffChoice *choices)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; choices[i].code; i++)
    gtk_string_list_append (model, YI_STAFF_GETTEXT (choices[i].label));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

const char *
yi_staff_combo_get_code (AdwComboRow         *row,
                         const YiStaffChoice *choices)
{
  guint n = adw_combo_row_get_selected (row);

  for (guint i = 0; choices[i].code; i++)
    if (i == n)
      return choices[i].code;
  return "";
}

static void
combo_set_code (AdwComboRow         *row,
                const YiStaffChoice *choices,
                const char          *code)
{
  for (guint i = 0; choices[i].code; i++)
    if (g_strcmp0 (choices[i].code, code ? code : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

char *
yi_staff_entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

gboolean
yi_staff_check_date (AdwEntryRow  *row,
                     gboolean      required,
                     GError      **error)
{
  g_autofree char *text = yi_staff_entry_text (row);

  if ((*text == '\0' && !required) || yi_date_is_valid (text))
    return TRUE;
  g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
               _("“%s”: write the date as year-month-day, e.g. 2024-05-01"),
               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return FALSE;
}

void
yi_staff_editor_show_error (YiStaffElderEditor *self,
                            const GError       *error)
{
  gtk_label_set_label (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static gboolean
can (YiStaffElderEditor *self,
     YiStaffPermission   permission)
{
  return self->session != NULL && yi_staff_session_can (self->session, permission);
}

static void
show_photo (YiStaffElderEditor *self,
            GBytes             *jpeg)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (jpeg != NULL)
    texture = gdk_texture_new_from_bytes (jpeg, NULL);
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
}

static void
reload_cards (YiStaffElderEditor *self)
{
  YiStore *store = yi_staff_session_get_store (self->session);
  g_auto(GStrv) uids = NULL;

  yi_staff_list_box_clear (self->card_list);
  if (self->elder_id == NULL)
    {
      const char *text = self->card_uid ? self->card_uid : _("Save the elder first, then issue a card");
      g_autofree char *pending = self->card_uid ? g_strdup_printf (_("Card %s will be given on saving"), text) : NULL;

      gtk_list_box_append (self->card_list, yi_staff_row_new (pending ? pending : text, NULL, NULL));
      return;
    }
  uids = yi_cards_of_elder (store, self->elder_id);
  for (guint i = 0; uids[i]; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Card %s"), uids[i]);
      gtk_list_box_append (self->card_list, yi_staff_row_new (title, C_("staff", "In use"), NULL));
    }
  if (uids[0] == NULL)
    gtk_list_box_append (self->card_list, yi_staff_row_new (_("No card yet"), NULL, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.replace-card", uids[0] != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.revoke-card", uids[0] != NULL);
}

static void
apply_permissions (YiStaffElderEditor *self)
{
  gboolean edit = can (self, YI_STAFF_PERM_EDIT_ELDERS);
  gboolean sensitive = can (self, YI_STAFF_PERM_VIEW_SENSITIVE);
  gboolean saved = self->elder_id != NULL;

  gtk_widget_set_visible (self->save_button, edit);
  gtk_widget_set_visible (self->photo_button, edit);
  gtk_widget_set_sensitive (self->identity_group, edit);
  gtk_widget_set_sensitive (self->living_group, edit);
  gtk_widget_set_visible (GTK_WIDGET (self->id_number), edit && sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->id_masked_row), saved && sensitive);
  gtk_widget_set_visible (self->contacts_group, TRUE);
  gtk_widget_set_sensitive (self->contacts_group, edit && saved);
  gtk_widget_set_visible (self->categories_group, sensitive);
  gtk_widget_set_sensitive (self->categories_group, edit && saved);
  gtk_widget_set_visible (self->assessments_group, sensitive);
  gtk_widget_set_sensitive (self->assessments_group, edit && saved);
  gtk_widget_set_sensitive (self->consents_group, edit && saved);
  gtk_widget_set_visible (self->cards_group, can (self, YI_STAFF_PERM_MANAGE_CARDS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.issue-card", saved);
  gtk_widget_set_visible (self->status_group, saved && can (self, YI_STAFF_PERM_SET_ELDER_STATUS));
}

static void
clear_fields (YiStaffElderEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *w = FIELD_WIDGET (self, i);

      if (fields[i].kind == FIELD_TEXT)
        gtk_editable_set_text (GTK_EDITABLE (w), "");
      else if (fields[i].kind == FIELD_CHOICE)
        combo_set_code (ADW_COMBO_ROW (w), fields[i].choices, NULL);
      else
        gtk_switch_set_active (GTK_SWITCH (w), FALSE);
    }
  gtk_switch_set_active (self->can_confirm, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->id_number), "");
  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->days[d], d < 5);
  g_clear_pointer (&self->pending_photo, g_bytes_unref);
  show_photo (self, NULL);
}

static gboolean
load_fields (YiStaffElderEditor  *self,
             GError             **error)
{
  YiStore *store = yi_staff_session_get_store (self->session);
  g_autoptr(GString) sql = g_string_new ("SELECT id_number, expected_weekdays, photo, status, status_date");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *masked = NULL;
  const char *status;
  int weekdays;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (sql, ", %s", fields[i].column);
  g_string_append (sql, " FROM elders WHERE id = ?");
  stmt = yi_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->elder_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such elder"));
      return FALSE;
    }

  /* The full ID number never goes on screen; retyping it replaces it. */
  masked = yi_idcard_mask ((const char *) sqlite3_column_text (stmt, 0));
  adw_action_row_set_subtitle (self->id_masked_row, masked ? masked : _("none recorded"));
  weekdays = sqlite3_column_int (stmt, 1);
  for (guint d = 0; d < 7; d++)
    gtk_toggle_button_set_active (self->days[d], (weekdays & (1 << d)) != 0);
  if (sqlite3_column_type (stmt, 2) == SQLITE_BLOB)
    {
      g_autoptr(GBytes) jpeg = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      show_photo (self, jpeg);
    }
  status = (const char *) sqlite3_column_text (stmt, 3);
  if (g_strcmp0 (status, "active") != 0)
    {
      g_autofree char *sub = g_strdup_printf ("%s %s", g_strcmp0 (status, "moved") == 0 ? C_("staff", "Moved away") : C_("staff", "Deceased"),
                                              sqlite3_column_text (stmt, 4) ? (const char *) sqlite3_column_text (stmt, 4) : "");
      gtk_label_set_label (self->subtitle, sub);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *w = FIELD_WIDGET (self, i);
      const char *v = (const char *) sqlite3_column_text (stmt, 5 + i);

      if (fields[i].kind == FIELD_TEXT)
        gtk_editable_set_text (GTK_EDITABLE (w), v ? v : "");
      else if (fields[i].kind == FIELD_CHOICE)
        combo_set_code (ADW_COMBO_ROW (w), fields[i].choices, v);
      else
        gtk_switch_set_active (GTK_SWITCH (w), sqlite3_column_int (stmt, 5 + i) != 0);
    }
  /* Gender follows the ID number when there is one. */
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    combo_set_code (self->gender, genders, "");
  gtk_label_set_label (self->title, gtk_editable_get_text (GTK_EDITABLE (self->name)));
  return TRUE;
}

gboolean
yi_staff_elder_editor_load (YiStaffElderEditor  *self,
                            const char          *elder_id,
                            const char          *card_uid,
                            GError             **error)
{
  g_free (self->elder_id);
  self->elder_id = g_strdup (elder_id);
  g_free (self->card_uid);
  self->card_uid = g_strdup (card_uid);
  yi_staff_editor_show_error (self, NULL);
  gtk_label_set_label (self->subtitle, "");
  clear_fields (self);
  yi_staff_elder_records_clear_form (self);
  if (elder_id != NULL && !load_fields (self, error))
    {
      g_clear_pointer (&self->elder_id, g_free);
      return FALSE;
    }
  if (elder_id == NULL)
    gtk_label_set_label (self->title, _("Register an elder"));
  if (card_uid != NULL)
    {
      g_autofree char *sub = g_strdup_printf (_("With card %s"), card_uid);
      gtk_label_set_label (self->subtitle, sub);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->id_number),
                                 elder_id ? _("New ID number (leave empty to keep the one on file)")
                                          : _("ID number (18 characters)"));
  apply_permissions (self);
  reload_cards (self);
  yi_staff_elder_records_reload (self);
  return TRUE;
}

const char *
yi_staff_elder_editor_get_elder_id (YiStaffElderEditor *self)
{
  return self->elder_id;
}

static JsonObject *
collect_fields (YiStaffElderEditor  *self,
                GError             **error)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *idn = yi_staff_entry_text (self->id_number);
  int weekdays = 0;

  if (!yi_staff_check_date (self->birth_date, FALSE, error) ||
      !yi_staff_check_date (self->residence_since, FALSE, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *w = FIELD_WIDGET (self, i);
      const char *col = fields[i].column;

      if (fields[i].kind == FIELD_SWITCH)
        {
          json_object_set_int_member (o, col, gtk_switch_get_active (GTK_SWITCH (w)));
          continue;
        }
      {
        g_autofree char *v = fields[i].kind == FIELD_TEXT
          ? yi_staff_entry_text (ADW_ENTRY_ROW (w))
          : g_strdup (yi_staff_combo_get_code (ADW_COMBO_ROW (w), fields[i].choices));

        if (*v != '\0')
          json_object_set_string_member (o, col, v);
        else if (g_strcmp0 (col, "name") == 0)
          json_object_set_string_member (o, col, "");   /* refused with a clear message */
        else if (g_strcmp0 (col, "gender") != 0 && g_strcmp0 (col, "birth_date") != 0)
          json_object_set_null_member (o, col);
      }
    }
  for (guint d = 0; d < 7; d++)
    if (gtk_toggle_button_get_active (self->days[d]))
      weekdays |= 1 << d;
  json_object_set_int_member (o, "expected_weekdays", weekdays);
  /* An existing elder keeps the number on file unless a new one is typed. */
  if (*idn != '\0')
    json_object_set_string_member (o, "id_number", idn);
  if (self->pending_photo != NULL)
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (self->pending_photo, NULL),
                                              g_bytes_get_size (self->pending_photo));
      json_object_set_string_member (o, "photo", b64);
    }
  return g_steal_pointer (&o);
}

gboolean
yi_staff_elder_editor_save (YiStaffElderEditor  *self,
                            GError             **error)
{
  YiStore *store = yi_staff_session_get_store (self->session);
  g_autoptr(JsonObject) o = NULL;
  g_autofree char *id = NULL;

  if (!can (self, YI_STAFF_PERM_EDIT_ELDERS))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID, _("Your role cannot change elder records"));
      return FALSE;
    }
  o = collect_fields (self, error);
  if (o == NULL || !yi_store_begin (store, error))
    return FALSE;
  id = yi_store_save_elder (store, self->elder_id, o, error);
  if (id != NULL && self->elder_id == NULL && self->card_uid != NULL)
    {
      g_autofree char *card = yi_store_issue_card (store, self->card_uid, id, NULL, error);

      if (card == NULL)
        g_clear_pointer (&id, g_free);
    }
  if (id == NULL)
    {
      yi_store_rollback (store);
      return FALSE;
    }
  if (!yi_store_commit (store, error))
    return FALSE;
  g_clear_pointer (&self->pending_photo, g_bytes_unref);
  return yi_staff_elder_editor_load (self, id, NULL, error);
}

gboolean
yi_staff_elder_editor_set_photo_file (YiStaffElderEditor  *self,
                                      GFile               *file,
                                      GError             **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (in == NULL)
    return FALSE;
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (in), PHOTO_SIZE, PHOTO_SIZE, TRUE, NULL, error);
  if (pixbuf == NULL)
    {
      g_prefix_error (error, _("This file is not a picture that can be used: "));
      return FALSE;
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "jpeg", error, "quality", "85", NULL))
    return FALSE;
  g_clear_pointer (&self->pending_photo, g_bytes_unref);
  self->pending_photo = g_bytes_new_take (g_steal_pointer (&data), len);
  show_photo (self, self->pending_photo);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog    *chooser,
                     int                 response,
                     YiStaffElderEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (!yi_staff_elder_editor_set_photo_file (self, file, &error))
        yi_staff_editor_show_error (self, error);
      else
        yi_staff_toast (GTK_WIDGET (self), _("Photo chosen. Press Save to keep it."));
    }
  g_clear_object (&self->chooser);
}

static void
choose_photo (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, C_("staff", "Pictures"));
  gtk_file_filter_add_pixbuf_formats (filter);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a photo"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, C_("staff", "Choose"), C_("staff", "Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!yi_staff_elder_editor_save (self, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_toast (widget, C_("staff", "Saved"));
}

static void
back (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "staff.show-tab", "s", "elders");
}

static void
issue_card (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  g_autofree char *target = g_strdup_printf ("%s:%s", g_str_equal (action_name, "editor.replace-card") ? "replace" : "issue",
                                             self->elder_id);

  gtk_widget_activate_action (widget, "staff.wait-card", "s", target);
}

static void
revoke_card (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  YiStore *store = yi_staff_session_get_store (self->session);
  g_auto(GStrv) uids = yi_cards_of_elder (store, self->elder_id);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; uids[i]; i++)
    if (!yi_store_revoke_card (store, uids[i], "revoked", &error))
      {
        yi_staff_editor_show_error (self, error);
        return;
      }
  reload_cards (self);
  yi_staff_toast (widget, _("The card no longer works"));
}

static void
set_status (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  YiStore *store = yi_staff_session_get_store (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = yi_staff_entry_text (self->status_date);
  g_autofree char *reason = yi_staff_entry_text (self->status_reason);
  g_autofree char *id = g_strdup (self->elder_id);

  if (*date == '\0')
    {
      g_free (date);
      date = yi_store_today (store);
    }
  if (!can (self, YI_STAFF_PERM_SET_ELDER_STATUS) ||
      !yi_store_set_elder_status (store, id, g_variant_get_string (parameter, NULL), date,
                                  *reason ? reason : NULL, &error) ||
      !yi_staff_elder_editor_load (self, id, NULL, &error))
    {
      if (error)
        yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_toast (widget, _("Status changed"));
}

void
yi_staff_elder_editor_set_session (YiStaffElderEditor *self,
                                   YiStaffSession     *session)
{
  g_set_object (&self->session, session);
}

static void
yi_staff_elder_editor_dispose (GObject *object)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (object);

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_ELDER_EDITOR);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  g_clear_pointer (&self->elder_id, g_free);
  g_clear_pointer (&self->card_uid, g_free);
  g_clear_pointer (&self->pending_photo, g_bytes_unref);
  G_OBJECT_CLASS (yi_staff_elder_editor_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffElderEditor, name)

static void
yi_staff_elder_editor_class_init (YiStaffElderEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_elder_editor_dispose;
  g_type_ensure (YI_TYPE_STAFF_KEYPAD);
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-elder-editor.ui");
  BIND (title); BIND (subtitle); BIND (error_label); BIND (save_button); BIND (form);
  BIND (photo); BIND (photo_button);
  BIND (name); BIND (id_masked_row); BIND (id_number); BIND (id_number_pad); BIND (gender);
  BIND (birth_date); BIND (phone); BIND (phone_pad); BIND (address); BIND (street);
  BIND (hukou_locality); BIND (residence_locality); BIND (residence_since);
  BIND (living_arrangement); BIND (has_caregiver); BIND (diet); BIND (allergies); BIND (mobility);
  BIND (hobbies); BIND (delivery_allowed); BIND (can_confirm); BIND (notes);
  BIND (identity_group); BIND (living_group); BIND (contacts_group); BIND (categories_group); BIND (assessments_group);
  BIND (consents_group); BIND (cards_group); BIND (status_group); BIND (card_list);
  BIND (status_date); BIND (status_reason);
  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *id = g_strdup_printf ("day%u", d);
      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,
                                                 G_STRUCT_OFFSET (YiStaffElderEditor, days) + d * sizeof (gpointer));
    }
  yi_staff_elder_records_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back);
  gtk_widget_class_install_action (widget_class, "editor.choose-photo", NULL, choose_photo);
  gtk_widget_class_install_action (widget_class, "editor.issue-card", NULL, issue_card);
  gtk_widget_class_install_action (widget_class, "editor.replace-card", NULL, issue_card);
  gtk_widget_class_install_action (widget_class, "editor.revoke-card", NULL, revoke_card);
  gtk_widget_class_install_action (widget_class, "editor.set-status", "s", set_status);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_elder_editor_init (YiStaffElderEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  yi_staff_combo_set_choices (self->gender, genders);
  yi_staff_combo_set_choices (self->living_arrangement, living_arrangements);
  yi_staff_combo_set_choices (self->diet, diets);
  yi_staff_combo_set_choices (self->mobility, mobilities);
  yi_staff_keypad_set_target (self->id_number_pad, GTK_EDITABLE (self->id_number));
  yi_staff_keypad_set_allow_x (self->id_number_pad, TRUE);
  yi_staff_keypad_set_target (self->phone_pad, GTK_EDITABLE (self->phone));
  yi_staff_elder_records_init (self);
}
