#pragma once

#include <adwaita.h>

#include "yi-card-readers.h"
#include "yi-feedback.h"
#include "yi-settings.h"
#include "yi-store.h"
#include "yi-sync-engine.h"
#include "yi-window.h"

G_BEGIN_DECLS

#define YI_TYPE_APPLICATION (yi_application_get_type ())
G_DECLARE_FINAL_TYPE (YiApplication, yi_application, YI, APPLICATION, AdwApplication)

YiApplication *yi_application_new               (GSettings      *settings);
/* Before the application starts: the database (default
 * yi_store_default_path()) and whether to open a window rather than
 * fill the screen. */
void           yi_application_set_database_path (YiApplication  *self,
                                                 const char     *path);
void           yi_application_set_windowed      (YiApplication  *self,
                                                 gboolean        windowed);
void           yi_application_set_window_size   (YiApplication  *self,
                                                 int             width,
                                                 int             height);
YiStore       *yi_application_get_store         (YiApplication  *self);
YiFeedback    *yi_application_get_feedback      (YiApplication  *self);
YiWindow      *yi_application_get_window        (YiApplication  *self);
YiCardReaders *yi_application_get_readers       (YiApplication  *self);
/* NULL while the kiosk is not enrolled with a district. */
YiSyncEngine  *yi_application_get_sync_engine   (YiApplication  *self);
/* Stops the readers and sync and quits: the only way the kiosk closes. */
void           yi_application_quit              (YiApplication  *self);

G_END_DECLS
