#include "config.h"

#include "yi-application.h"
#include "yi-kiosk-text.h"
#include "yi-settings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(YiApplication) app = NULL;
  g_autofree char *language = NULL;

  settings = yi_settings_new (&error);
  if (settings == NULL)
    {
      g_printerr ("yiyang-kiosk: %s\n", error->message);
      return 1;
    }
  /* Plain pages drawn on the processor: without a GL context the kiosk
   * stays under 100 MB.  The environment still wins, for whoever sets it. */
  if (!g_settings_get_boolean (settings, YI_SETTING_GPU_RENDERING))
    {
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
    }
  /* the language must be fixed before GTK reads the locale */
  language = g_settings_get_string (settings, YI_SETTING_LANGUAGE);
  yi_kiosk_setup_locale (language);
  gtk_disable_setlocale ();

  app = yi_application_new (settings);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
