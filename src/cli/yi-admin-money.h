#pragma once

#include "yi-admin.h"

G_BEGIN_DECLS

/* Entitlements, statements and the quarterly settlement. */
int yi_admin_cmd_policy_load (int argc, char **argv, GError **error);
int yi_admin_cmd_entitlement (int argc, char **argv, GError **error);
int yi_admin_cmd_statement   (int argc, char **argv, GError **error);
int yi_admin_cmd_settlement  (int argc, char **argv, GError **error);

G_END_DECLS
