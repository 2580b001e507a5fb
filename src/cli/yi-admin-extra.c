#include "yi-admin.h"

static const YiAdminCommand extra_commands[] = {
  { NULL, NULL, NULL }
};

const YiAdminCommand *
yi_admin_extra_commands (void)
{
  return extra_commands;
}
