#include "config.h"

#include "yi-pin.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

gboolean
yi_pin_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The cryptography library could not start");
      return FALSE;
    }
  return TRUE;
}

gboolean
yi_pin_is_acceptable (const char *pin,
                      GError    **error)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < 4 || len > 12)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A PIN has 4 to 12 digits"));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("A PIN may contain only digits"));
        return FALSE;
      }
  return TRUE;
}

char *
yi_pin_hash (const char *pin,
             GError    **error)
{
  char out[crypto_pwhash_STRBYTES];

  if (!yi_pin_init (error) || !yi_pin_is_acceptable (pin, error))
    return NULL;
  /* Interactive limits keep a staff login under a second on kiosk hardware. */
  if (crypto_pwhash_str (out, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "Not enough memory to protect the PIN");
      return NULL;
    }
  return g_strdup (out);
}

gboolean
yi_pin_verify (const char *hash,
               const char *pin)
{
  if (hash == NULL || pin == NULL || sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}
