#pragma once

#include <glib.h>

G_BEGIN_DECLS

int yi_admin_cmd_config (int argc, char **argv, GError **error);

G_END_DECLS
