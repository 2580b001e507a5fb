#include "config.h"

#include "yi-staff-elder-editor-private.h"
#include "yi-staff-private.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-ids.h"

#include <glib/gi18n-lib.h>

/* The satellite records of an elder: each is saved as soon as it is added,
 * since it hangs off an elder that already exists. */

static const YiStaffChoice levels[] = {
  { "intact",   NC_("staff", "Fully able (能力完好)") },
  { "mild",     NC_("staff", "Mildly disabled") },
  { "moderate", NC_("staff", "Moderately disabled") },
  { "severe",   NC_("staff", "Severely disabled") },
  { NULL, NULL }
};

static const YiStaffChoice consent_kinds[] = {
  { "photo",        NC_("staff", "Photos") },
  { "video",        NC_("staff", "Video") },
  { "data_sharing", NC_("staff", "Sharing data with the district") },
  { NULL, NULL }
};

static YiStaffChoice *category_choices;

static const char *
choice_label (const YiStaffChoice *choices,
              const char          *code)
{
  for (guint i = 0; choices[i].code; i++)
    if (g_strcmp0 (choices[i].code, code) == 0)
      return YI_STAFF_GETTEXT (choices[i].label);
  return code;
}

static gboolean
put_record (YiStaffElderEditor  *self,
            const char          *table,
            const char          *id,
            JsonObject          *fields,
            GError             **error)
{
  g_autofree char *new_id = id ? NULL : yi_uuid_v7_new ();

  if (id == NULL)
    json_object_set_string_member (fields, "elder_id", self->elder_id);
  if (!yi_store_put_entity (yi_staff_session_get_store (self->session), table, id ? id : new_id, fields, error))
    return FALSE;
  yi_staff_elder_records_reload (self);
  return TRUE;
}

static void
set_text_or_skip (JsonObject  *o,
                  const char  *member,
                  AdwEntryRow *row)
{
  g_autofree char *v = yi_staff_entry_text (row);

  if (*v != '\0')
    json_object_set_string_member (o, member, v);
}

static void
on_remove_clicked (GtkButton          *button,
                   YiStaffElderEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();

  json_object_set_int_member (o, "removed", 1);
  if (!put_record (self, g_object_get_data (G_OBJECT (button), "table"),
                   g_object_get_data (G_OBJECT (button), "id"), o, &error))
    yi_staff_editor_show_error (self, error);
}

static GtkWidget *
removable_row (YiStaffElderEditor *self,
               const char         *title,
               const char         *subtitle,
               const char         *table,
               const char         *id)
{
  GtkWidget *suffix = NULL;
  GtkWidget *row = yi_staff_row_new (title, subtitle, &suffix);
  GtkWidget *b = yi_staff_button_new (C_("staff", "Remove"), NULL);

  g_object_set_data (G_OBJECT (b), "table", (gpointer) table);
  g_object_set_data_full (G_OBJECT (b), "id", g_strdup (id), g_free);
  g_signal_connect (b, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (suffix), b);
  return row;
}

#define COL(i) ((const char *) sqlite3_column_text (stmt, (i)))
#define OR_EMPTY(s) ((s) ? (s) : "")

static void
reload_list (YiStaffElderEditor *self,
             GtkListBox         *list,
             const char         *sql,
             const char         *table,
             const char         *empty)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (yi_staff_session_get_store (self->session), sql, NULL);
  guint n = 0;

  yi_staff_list_box_clear (list);
  if (stmt == NULL || self->elder_id == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->elder_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *title = NULL;
      g_autofree char *sub = NULL;

      n++;
      if (g_str_equal (table, "elder_contacts"))
        {
          title = g_strdup_printf ("%s %s", COL (1), OR_EMPTY (COL (2)));
          sub = g_strdup (OR_EMPTY (COL (3)));
          gtk_list_box_append (list, removable_row (self, title, sub, table, COL (0)));
        }
      else if (g_str_equal (table, "elder_categories"))
        {
          title = g_strdup_printf ("%s%s%s", yi_category_label (COL (1)), COL (2) ? " · " : "", OR_EMPTY (COL (2)));
          sub = g_strdup_printf (_("%s %s · from %s until %s"), OR_EMPTY (COL (3)), OR_EMPTY (COL (4)),
                                 COL (5), COL (6) ? COL (6) : _("open-ended"));
          gtk_list_box_append (list, removable_row (self, title, sub, table, COL (0)));
        }
      else if (g_str_equal (table, "elder_assessments"))
        {
          title = g_strdup_printf ("%s · %s", COL (1), choice_label (levels, COL (2)));
          sub = g_strdup_printf (_("%s %s · %s · %s hours a month · next review %s"), OR_EMPTY (COL (3)), OR_EMPTY (COL (4)),
                                 OR_EMPTY (COL (5)), COL (6) ? COL (6) : "–", COL (7) ? COL (7) : "–");
          gtk_list_box_append (list, yi_staff_row_new (title, sub, NULL));
        }
      else
        {
          title = g_strdup_printf ("%s: %s", choice_label (consent_kinds, COL (1)),
                                   sqlite3_column_int (stmt, 2) ? C_("staff", "agreed") : C_("staff", "refused"));
          sub = g_strdup_printf (_("%s, given by %s"), COL (3), COL (4));
          gtk_list_box_append (list, yi_staff_row_new (title, sub, NULL));
        }
    }
  if (n == 0)
    gtk_list_box_append (list, yi_staff_row_new (empty, NULL, NULL));
}

void
yi_staff_elder_records_reload (YiStaffElderEditor *self)
{
  reload_list (self, self->contact_list,
               "SELECT id, name, relation, phone FROM elder_contacts WHERE elder_id = ? AND removed = 0 ORDER BY priority, id",
               "elder_contacts", _("No contacts recorded"));
  reload_list (self, self->category_list,
               "SELECT id, category, grade, evidence_type, evidence_number, valid_from, valid_to FROM elder_categories "
               "WHERE elder_id = ? AND removed = 0 ORDER BY valid_from DESC",
               "elder_categories", _("No categories"));
  reload_list (self, self->assessment_list,
               "SELECT id, assessed_on, level, assessor, organisation, approved_items, monthly_hours, next_review "
               "FROM elder_assessments WHERE elder_id = ? ORDER BY assessed_on DESC",
               "elder_assessments", _("Not assessed yet"));
  reload_list (self, self->consent_list,
               "SELECT id, kind, granted, consented_on, consented_by FROM elder_consents WHERE elder_id = ? "
               "ORDER BY consented_on DESC, id DESC",
               "elder_consents", _("No consents recorded"));
}

void
yi_staff_elder_records_clear_form (YiStaffElderEditor *self)
{
  AdwEntryRow *rows[] = {
    self->contact_name, self->contact_relation, self->contact_phone, self->category_grade,
    self->evidence_type, self->evidence_number, self->valid_from, self->valid_to, self->assessed_on,
    self->assessor, self->organisation, self->approved_items, self->monthly_hours, self->next_review,
    self->consented_on, self->consented_by, self->status_date, self->status_reason,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  gtk_switch_set_active (self->consent_granted, TRUE);
}

static void
add_contact (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = yi_staff_entry_text (self->contact_name);

  if (*name == '\0')
    {
      g_set_error (&error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID, _("Give the contact’s name"));
      yi_staff_editor_show_error (self, error);
      return;
    }
  json_object_set_string_member (o, "name", name);
  set_text_or_skip (o, "relation", self->contact_relation);
  set_text_or_skip (o, "phone", self->contact_phone);
  json_object_set_int_member (o, "priority",
                              yi_store_count (yi_staff_session_get_store (self->session),
                                              "SELECT count(*) FROM elder_contacts WHERE elder_id = ? AND removed = 0",
                                              self->elder_id, NULL) + 1);
  if (!put_record (self, "elder_contacts", NULL, o, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_editor_show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_relation), "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_phone), "");
}

static void
add_category (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  YiStore *store = yi_staff_session_get_store (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = yi_staff_entry_text (self->valid_from);
  g_autofree char *to = yi_staff_entry_text (self->valid_to);
  g_autofree char *type = yi_staff_entry_text (self->evidence_type);
  g_autofree char *number = yi_staff_entry_text (self->evidence_number);
  g_autofree char *grade = yi_staff_entry_text (self->category_grade);
  g_autofree char *id = NULL;

  if (*from == '\0')
    {
      g_free (from);
      from = yi_store_today (store);
    }
  if (!yi_staff_check_date (self->valid_to, FALSE, &error) || !yi_store_begin (store, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  id = yi_store_add_elder_category (store, self->elder_id,
                                    yi_staff_combo_get_code (self->category, category_choices),
                                    *type ? type : NULL, *number ? number : NULL, from, to, &error);
  if (id != NULL && *grade != '\0')
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "grade", grade);
      if (!yi_store_put_entity (store, "elder_categories", id, o, &error))
        g_clear_pointer (&id, g_free);
    }
  if (id == NULL)
    {
      yi_store_rollback (store);
      yi_staff_editor_show_error (self, error);
      return;
    }
  if (!yi_store_commit (store, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_editor_show_error (self, NULL);
  yi_staff_elder_records_clear_form (self);
  yi_staff_elder_records_reload (self);
}

static void
add_assessment (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = yi_staff_entry_text (self->monthly_hours);
  g_autofree char *items = yi_staff_entry_text (self->approved_items);

  if (!yi_staff_check_date (self->assessed_on, TRUE, &error) ||
      !yi_staff_check_date (self->next_review, FALSE, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  if (*hours != '\0')
    {
      char *end = NULL;
      double h = g_ascii_strtod (hours, &end);

      if (end == hours || *end != '\0' || h < 0 || h > 744)
        {
          g_set_error (&error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       _("Hours a month is a number, e.g. 20 or 12.5"));
          yi_staff_editor_show_error (self, error);
          return;
        }
      json_object_set_double_member (o, "monthly_hours", h);
    }
  set_text_or_skip (o, "assessed_on", self->assessed_on);
  set_text_or_skip (o, "assessor", self->assessor);
  set_text_or_skip (o, "organisation", self->organisation);
  set_text_or_skip (o, "next_review", self->next_review);
  json_object_set_string_member (o, "level", yi_staff_combo_get_code (self->level, levels));
  if (*items != '\0')
    {
      /* Stored as a JSON array of the items as written. */
      g_auto(GStrv) parts = g_regex_split_simple ("[,，、;；\\s]+", items, 0, 0);
      g_autoptr(JsonArray) arr = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; parts[i]; i++)
        if (*parts[i])
          json_array_add_string_element (arr, parts[i]);
      json_node_set_array (node, arr);
      text = json_to_string (node, FALSE);
      json_object_set_string_member (o, "approved_items", text);
    }
  if (!put_record (self, "elder_assessments", NULL, o, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_editor_show_error (self, NULL);
  yi_staff_elder_records_clear_form (self);
}

static void
add_consent (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YiStaffElderEditor *self = YI_STAFF_ELDER_EDITOR (widget);
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *by = yi_staff_entry_text (self->consented_by);
  g_autofree char *on = yi_staff_entry_text (self->consented_on);

  if (!yi_staff_check_date (self->consented_on, FALSE, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  if (*by == '\0')
    {
      g_set_error (&error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Say who gave the consent: the elder, or the guardian’s name"));
      yi_staff_editor_show_error (self, error);
      return;
    }
  if (*on == '\0')
    {
      g_free (on);
      on = yi_store_today (yi_staff_session_get_store (self->session));
    }
  json_object_set_string_member (o, "kind", yi_staff_combo_get_code (self->consent_kind, consent_kinds));
  json_object_set_int_member (o, "granted", gtk_switch_get_active (self->consent_granted));
  json_object_set_string_member (o, "consented_on", on);
  json_object_set_string_member (o, "consented_by", by);
  if (!put_record (self, "elder_consents", NULL, o, &error))
    {
      yi_staff_editor_show_error (self, error);
      return;
    }
  yi_staff_editor_show_error (self, NULL);
  yi_staff_elder_records_clear_form (self);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YiStaffElderEditor, name)

void
yi_staff_elder_records_class_init (GtkWidgetClass *widget_class)
{
  const char *const *codes = yi_category_codes ();
  guint n = g_strv_length ((char **) codes);

  category_choices = g_new0 (YiStaffChoice, n + 1);
  for (guint i = 0; i < n; i++)
    {
      category_choices[i].code = codes[i];
      category_choices[i].label = yi_category_label (codes[i]);
    }

  BIND (contact_list); BIND (contact_name); BIND (contact_relation); BIND (contact_phone); BIND (contact_phone_pad);
  BIND (category_list); BIND (category); BIND (category_grade); BIND (evidence_type); BIND (evidence_number);
  BIND (valid_from); BIND (valid_to);
  BIND (assessment_list); BIND (assessed_on); BIND (assessor); BIND (organisation); BIND (level);
  BIND (approved_items); BIND (monthly_hours); BIND (monthly_hours_pad); BIND (next_review);
  BIND (consent_list); BIND (consent_kind); BIND (consent_granted); BIND (consented_on); BIND (consented_by);
  gtk_widget_class_install_action (widget_class, "editor.add-contact", NULL, add_contact);
  gtk_widget_class_install_action (widget_class, "editor.add-category", NULL, add_category);
  gtk_widget_class_install_action (widget_class, "editor.add-assessment", NULL, add_assessment);
  gtk_widget_class_install_action (widget_class, "editor.add-consent", NULL, add_consent);
}

void
yi_staff_elder_records_init (YiStaffElderEditor *self)
{
  yi_staff_combo_set_choices (self->category, category_choices);
  yi_staff_combo_set_choices (self->level, levels);
  yi_staff_combo_set_choices (self->consent_kind, consent_kinds);
  yi_staff_keypad_set_target (self->contact_phone_pad, GTK_EDITABLE (self->contact_phone));
  yi_staff_keypad_set_target (self->monthly_hours_pad, GTK_EDITABLE (self->monthly_hours));
}
