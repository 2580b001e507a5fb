#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs tests/pn532-emulator as a child process for tests and benchmarks.
 * The emulator's program is found through $PN532_EMULATOR. */
typedef struct _Pn532Emulator Pn532Emulator;

Pn532Emulator *pn532_emulator_spawn        (GError        **error);
void           pn532_emulator_free         (Pn532Emulator  *emu);
/* "pn532_uart:<stable link>" for libnfc. */
const char    *pn532_emulator_connstring   (Pn532Emulator  *emu);
const char    *pn532_emulator_link         (Pn532Emulator  *emu);
/* Sends one control line; returns the reply after "OK" (maybe ""), or
 * NULL with @error set. */
char          *pn532_emulator_command      (Pn532Emulator  *emu,
                                            const char     *command,
                                            GError        **error);
/* Asserting wrapper for tests. */
void           pn532_emulator_do           (Pn532Emulator  *emu,
                                            const char     *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pn532Emulator, pn532_emulator_free)

G_END_DECLS
