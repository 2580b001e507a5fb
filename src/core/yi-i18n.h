#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets up the locale and the message catalogue for a command-line program:
 * the system locale (or C.UTF-8 where none is set up, so LANGUAGE=zh_CN
 * still works on a bare machine) and the catalogue from YIYANG_LOCALEDIR
 * when set (a build tree, an unpacked package), else the installed one. */
void yi_i18n_init (void);

G_END_DECLS
