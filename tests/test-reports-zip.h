#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The contents of one member of a zip file (an .xlsx), NUL-terminated. */
char *yi_test_zip_read (const char  *zip_path,
                        const char  *member,
                        GError     **error);

G_END_DECLS
