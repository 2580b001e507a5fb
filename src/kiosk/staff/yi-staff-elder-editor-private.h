#pragma once

#include <adwaita.h>

#include "yi-staff-pages.h"
#include "yi-staff-keypad.h"

G_BEGIN_DECLS

typedef struct {
  const char *code;
  const char *label;
} YiStaffChoice;

struct _YiStaffElderEditor
{
  GtkWidget       parent_instance;

  YiStaffSession *session;
  char           *elder_id;
  char           *card_uid;
  GBytes         *pending_photo;
  GtkFileChooserNative *chooser;

  GtkLabel       *title;
  GtkLabel       *subtitle;
  GtkLabel       *error_label;
  GtkWidget      *save_button;
  GtkWidget      *form;
  GtkPicture     *photo;
  GtkWidget      *photo_button;

  /* identity */
  AdwEntryRow    *name;
  AdwActionRow   *id_masked_row;
  AdwEntryRow    *id_number;
  YiStaffKeypad  *id_number_pad;
  AdwComboRow    *gender;
  AdwEntryRow    *birth_date;
  AdwEntryRow    *phone;
  YiStaffKeypad  *phone_pad;
  AdwEntryRow    *address;
  AdwEntryRow    *street;
  AdwEntryRow    *hukou_locality;
  AdwEntryRow    *residence_locality;
  AdwEntryRow    *residence_since;

  /* living and care */
  AdwComboRow    *living_arrangement;
  GtkSwitch      *has_caregiver;
  AdwComboRow    *diet;
  AdwEntryRow    *allergies;
  AdwComboRow    *mobility;
  AdwEntryRow    *hobbies;
  GtkSwitch      *delivery_allowed;
  GtkSwitch      *can_confirm;
  GtkToggleButton *days[7];
  AdwEntryRow    *notes;

  /* satellite records */
  GtkWidget      *identity_group;
  GtkWidget      *living_group;
  GtkWidget      *contacts_group;
  GtkWidget      *categories_group;
  GtkWidget      *assessments_group;
  GtkWidget      *consents_group;
  GtkWidget      *cards_group;
  GtkWidget      *status_group;
  GtkListBox     *contact_list;
  AdwEntryRow    *contact_name;
  AdwEntryRow    *contact_relation;
  AdwEntryRow    *contact_phone;
  YiStaffKeypad  *contact_phone_pad;
  GtkListBox     *category_list;
  AdwComboRow    *category;
  AdwEntryRow    *category_grade;
  AdwEntryRow    *evidence_type;
  AdwEntryRow    *evidence_number;
  AdwEntryRow    *valid_from;
  AdwEntryRow    *valid_to;
  GtkListBox     *assessment_list;
  AdwEntryRow    *assessed_on;
  AdwEntryRow    *assessor;
  AdwEntryRow    *organisation;
  AdwComboRow    *level;
  AdwEntryRow    *approved_items;
  AdwEntryRow    *monthly_hours;
  YiStaffKeypad  *monthly_hours_pad;
  AdwEntryRow    *next_review;
  GtkListBox     *consent_list;
  AdwComboRow    *consent_kind;
  GtkSwitch      *consent_granted;
  AdwEntryRow    *consented_on;
  AdwEntryRow    *consented_by;
  GtkListBox     *card_list;
  AdwEntryRow    *status_date;
  AdwEntryRow    *status_reason;
};

/* yi-staff-elder-records.c: contacts, categories, assessments, consents. */
void     yi_staff_elder_records_class_init (GtkWidgetClass     *widget_class);
void     yi_staff_elder_records_init       (YiStaffElderEditor *self);
void     yi_staff_elder_records_reload     (YiStaffElderEditor *self);
void     yi_staff_elder_records_clear_form (YiStaffElderEditor *self);

/* Shared with the records file. */
void     yi_staff_combo_set_choices        (AdwComboRow         *row,
                                            const YiStaffChoice *choices);
const char *yi_staff_combo_get_code        (AdwComboRow         *row,
                                            const YiStaffChoice *choices);
char    *yi_staff_entry_text               (AdwEntryRow         *row);
gboolean yi_staff_check_date               (AdwEntryRow         *row,
                                            gboolean             required,
                                            GError             **error);
void     yi_staff_editor_show_error        (YiStaffElderEditor  *self,
                                            const GError        *error);

G_END_DECLS
