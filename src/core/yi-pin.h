#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PINs are short, so they are stored only as a memory-hard KDF string
 * (libsodium crypto_pwhash, Argon2id) and compared in constant time. */
gboolean  yi_pin_init        (GError    **error);
gboolean  yi_pin_is_acceptable (const char *pin,
                                GError    **error);
char     *yi_pin_hash        (const char *pin,
                              GError    **error);
gboolean  yi_pin_verify      (const char *hash,
                              const char *pin);

G_END_DECLS
