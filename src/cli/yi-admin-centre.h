#pragma once

#include "yi-admin.h"

G_BEGIN_DECLS

int yi_admin_import_elders (int argc, char **argv, GError **error);
int yi_admin_demo_data     (int argc, char **argv, GError **error);
int yi_admin_summary       (int argc, char **argv, GError **error);

G_END_DECLS
