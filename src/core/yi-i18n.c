#include "config.h"

#include "yi-i18n.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

void
yi_i18n_init (void)
{
  const char *localedir = g_getenv ("YIYANG_LOCALEDIR");
  const char *current = setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE in the plain C locale; C.UTF-8 is always there */
  if (current == NULL || strcmp (current, "C") == 0 || strcmp (current, "POSIX") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
