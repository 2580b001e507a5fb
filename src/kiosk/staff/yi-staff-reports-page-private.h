#pragma once

#include <adwaita.h>

#include "yi-report-chart-view.h"
#include "yi-staff-keypad.h"
#include "yi-staff-reports-page.h"

G_BEGIN_DECLS

struct _YiStaffReportsPage
{
  GtkWidget             parent_instance;

  YiStore              *store;
  char                 *export_dir;
  char                 *period;
  YiReport             *report;
  GCancellable         *computing;     /* the latest request, while it runs */
  gboolean              exporting;
  GtkFileChooserNative *chooser;
  YiReportFormat        chooser_format;
  GHashTable           *section_tables; /* section id → GtkBox of its tables */
  GPtrArray            *charts;

  AdwToastOverlay      *toasts;
  GtkSpinner           *spinner;
  GtkSpinner           *loading_spinner;
  GtkLabel             *period_label;
  GtkLabel             *error_label;
  GtkRevealer          *custom_revealer;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkMenuButton        *from_pick;
  GtkMenuButton        *to_pick;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  YiStaffKeypad        *from_keypad;
  YiStaffKeypad        *to_keypad;
  gboolean              syncing_calendar;
  GtkStack             *content;
  GtkStack             *sections;
  GtkLabel             *elders_value;
  GtkLabel             *visits_value;
  GtkLabel             *meals_value;
  GtkLabel             *services_value;
  GtkLabel             *volunteer_value;
  GtkLabel             *satisfaction_value;
  GtkWidget            *satisfaction_tile;
  YiReportChartView    *overview_attendance;
  YiReportChartView    *overview_meals;
};

/* Shared by the page and its export actions (yi-staff-reports-export.c). */
void yi_staff_reports_page_update_busy    (YiStaffReportsPage *self);
void yi_staff_reports_page_show_error     (YiStaffReportsPage *self,
                                           const char         *message);
void yi_staff_reports_page_clear_error    (YiStaffReportsPage *self);
void yi_staff_reports_page_toast          (YiStaffReportsPage *self,
                                           const char         *message);
void yi_staff_reports_page_action_export  (GtkWidget          *widget,
                                           const char         *action_name,
                                           GVariant           *param);
void yi_staff_reports_page_action_save_as (GtkWidget          *widget,
                                           const char         *action_name,
                                           GVariant           *param);

G_END_DECLS
