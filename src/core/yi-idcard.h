#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YI_IDCARD_ERROR (yi_idcard_error_quark ())

typedef enum {
  YI_IDCARD_ERROR_LENGTH,
  YI_IDCARD_ERROR_CHARACTERS,
  YI_IDCARD_ERROR_BIRTH_DATE,
  YI_IDCARD_ERROR_CHECK_DIGIT,
} YiIdcardError;

GQuark   yi_idcard_error_quark  (void);

/* Checks a 身份证号 (18 characters, or a legacy 15-digit number, which is
 * converted) and returns the normalised 18-character form, upper-case X.
 * The birth date and gender it encodes are returned when asked for. */
char    *yi_idcard_normalise    (const char *number,
                                 char      **birth_date,
                                 char       *gender,
                                 GError    **error);
char     yi_idcard_check_digit  (const char *first17);
char    *yi_idcard_mask         (const char *number);

G_END_DECLS
