#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YI_TYPE_SETTINGS_PAGE (yi_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (YiSettingsPage, yi_settings_page, YI, SETTINGS_PAGE, GtkWidget)

/* Every kiosk setting, for an administrator in staff mode.  Changes are
 * written to @settings at once and the kiosk follows them live (the
 * language at the next start).  What only the installer changes (time
 * zone, the district's CA file, plain http) is shown, not editable. */
GtkWidget *yi_settings_page_new (GSettings *settings);

G_END_DECLS
