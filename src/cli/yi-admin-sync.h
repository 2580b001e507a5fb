#pragma once

#include "yi-admin.h"

G_BEGIN_DECLS

int yi_admin_cmd_enrol       (int argc, char **argv, GError **error);
int yi_admin_cmd_sync        (int argc, char **argv, GError **error);
int yi_admin_cmd_sync_status (int argc, char **argv, GError **error);

G_END_DECLS
