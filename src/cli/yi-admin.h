#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv, GError **error);
} YiAdminCommand;

YiStore              *yi_admin_open_store     (GError **error);
char                 *yi_admin_read_secret    (const char *prompt);
/* Commands defined in the other yi-admin-*.c files, NULL-name terminated. */
const YiAdminCommand *yi_admin_extra_commands (void);

G_END_DECLS
