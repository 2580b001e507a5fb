#include "config.h"

#include "yi-idcard.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-idcard-error-quark, yi_idcard_error)

char
yi_idcard_check_digit (const char *first17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char codes[] = "10X98765432";
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return codes[sum % 11];
}

char *
yi_idcard_normalise (const char *number,
                     char      **birth_date,
                     char       *gender,
                     GError    **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *s = NULL;
  g_autofree char *date = NULL;
  gsize len;

  if (number == NULL)
    number = "";
  trimmed = g_strstrip (g_strdup (number));
  s = g_ascii_strup (trimmed, -1);
  len = strlen (s);

  if (len == 15)
    {
      for (gsize i = 0; i < 15; i++)
        if (!g_ascii_isdigit (s[i]))
          {
            g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_CHARACTERS,
                         _("A 15-digit ID number may contain only digits"));
            return NULL;
          }
      /* Legacy numbers carry a two-digit year of the 1900s; insert it and
       * compute the check digit that 18-digit numbers carry. */
      char buf[19];
      memcpy (buf, s, 6);
      buf[6] = '1';
      buf[7] = '9';
      memcpy (buf + 8, s + 6, 9);
      buf[17] = yi_idcard_check_digit (buf);
      buf[18] = '\0';
      g_free (s);
      s = g_strdup (buf);
      len = 18;
    }
  else if (len != 18)
    {
      g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_LENGTH,
                   _("An ID number has 18 characters (or 15 digits for an old card); this one has %u"),
                   (guint) g_utf8_strlen (s, -1));
      return NULL;
    }
  else
    {
      for (gsize i = 0; i < 17; i++)
        if (!g_ascii_isdigit (s[i]))
          {
            g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_CHARACTERS,
                         _("The first 17 characters of an ID number must be digits"));
            return NULL;
          }
      if (!g_ascii_isdigit (s[17]) && s[17] != 'X')
        {
          g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_CHARACTERS,
                       _("The last character of an ID number must be a digit or X"));
          return NULL;
        }
      if (yi_idcard_check_digit (s) != s[17])
        {
          g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_CHECK_DIGIT,
                       _("The ID number's check digit is wrong: please check each digit against the card"));
          return NULL;
        }
    }

  date = g_strdup_printf ("%.4s-%.2s-%.2s", s + 6, s + 10, s + 12);
  if (!yi_date_is_valid (date))
    {
      g_set_error (error, YI_IDCARD_ERROR, YI_IDCARD_ERROR_BIRTH_DATE,
                   _("The ID number holds no valid birth date (%s)"), date);
      return NULL;
    }

  if (birth_date)
    *birth_date = g_steal_pointer (&date);
  if (gender)
    *gender = ((s[16] - '0') % 2 == 1) ? 'M' : 'F';
  return g_steal_pointer (&s);
}

/* 370102195001011234 -> 3701**********1234 */
char *
yi_idcard_mask (const char *number)
{
  gsize len;
  GString *out;

  if (number == NULL)
    return g_strdup ("");
  len = strlen (number);
  if (len <= 8)
    return g_strnfill (len, '*');
  out = g_string_new_len (number, 4);
  for (gsize i = 4; i < len - 4; i++)
    g_string_append_c (out, '*');
  g_string_append (out, number + len - 4);
  return g_string_free (out, FALSE);
}
