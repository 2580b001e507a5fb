#include "config.h"

#include "yi-kiosk-text.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

/* The variable a locale name would come from, as setlocale() reads them. */
static const char *
system_locale_name (void)
{
  static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG", NULL };

  for (guint i = 0; vars[i] != NULL; i++)
    {
      const char *v = g_getenv (vars[i]);

      if (v != NULL && *v != '\0')
        return v;
    }
  return NULL;
}

void
yi_kiosk_setup_locale (const char *language)
{
  const char *localedir = g_getenv ("YIYANG_LOCALEDIR");
  const char *current;

  if (language != NULL && *language != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
  else if (g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0')
    {
      /* A kiosk image often lacks the generated zh_CN locale; carry the
       * wish over to LANGUAGE so gettext still speaks Chinese. */
      const char *sys = system_locale_name ();

      if (sys != NULL && strcmp (sys, "C") != 0 && strcmp (sys, "POSIX") != 0 &&
          !g_str_has_prefix (sys, "C."))
        {
          g_autofree char *lang = g_strndup (sys, strcspn (sys, ".@"));
          g_setenv ("LANGUAGE", lang, TRUE);
        }
    }

  current = setlocale (LC_ALL, "");
  /* gettext ignores LANGUAGE in the plain C locale; C.UTF-8 is always there */
  if (current == NULL || strcmp (current, "C") == 0 || strcmp (current, "POSIX") == 0)
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
yi_kiosk_prefers_chinese (void)
{
  /* Translators: write "zh" here; records with both a Chinese and an
   * English text then show the Chinese one. */
  return strcmp (C_("language of records", "en"), "zh") == 0;
}

const char *
yi_kiosk_pick (const char *zh,
               const char *en)
{
  if (yi_kiosk_prefers_chinese () || en == NULL || *en == '\0')
    return zh;
  return en;
}

char *
yi_kiosk_format_price (gint64 fen)
{
  g_autofree char *amount = NULL;

  if (fen % 100 == 0)
    amount = g_strdup_printf ("%" G_GINT64_FORMAT, fen / 100);
  else
    amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (ABS (fen) % 100));
  if (fen == 0)
    return g_strdup (_("Free"));
  /* Translators: a price; %s is the amount in yuan, e.g. "10" or "12.50" */
  return g_strdup_printf (_("¥%s"), amount);
}

char *
yi_kiosk_format_unit_price (gint64      fen,
                            const char *unit)
{
  g_autofree char *price = yi_kiosk_format_price (fen);

  if (fen == 0)
    return g_steal_pointer (&price);
  if (g_strcmp0 (unit, "hour") == 0)
    return g_strdup_printf (_("%s/hour"), price);
  return g_strdup_printf (_("%s/visit"), price);
}

char *
yi_kiosk_format_time_spent (gint64 minutes)
{
  int h = (int) (minutes / 60);
  int m = (int) (minutes % 60);
  g_autofree char *hours = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", h), h);
  g_autofree char *mins = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", m), m);

  if (h == 0)
    return g_strdup_printf (_("You were here %s today"), mins);
  /* Translators: "%s %s" is hours then minutes */
  return g_strdup_printf (_("You were here %s %s today"), hours, mins);
}

char *
yi_kiosk_format_seats_left (int seats)
{
  if (seats <= 0)
    return g_strdup (_("Full"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d place left", "%d places left", seats), seats);
}

const char *
yi_kiosk_weekday_name (int iso_weekday)
{
  static const char *const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  if (iso_weekday < 1 || iso_weekday > 7)
    return "";
  return _(names[iso_weekday - 1]);
}

char *
yi_kiosk_format_date (int year,
                      int month,
                      int day)
{
  /* Translators: the board's date: year, month, day */
  return g_strdup_printf (_("%d-%02d-%02d"), year, month, day);
}

char *
yi_kiosk_greeting (int         hour,
                   const char *name)
{
  if (hour >= 5 && hour < 11)
    return g_strdup_printf (_("Good morning, %s"), name);
  if (hour >= 11 && hour < 13)
    return g_strdup_printf (_("Good day, %s"), name);
  if (hour >= 13 && hour < 18)
    return g_strdup_printf (_("Good afternoon, %s"), name);
  return g_strdup_printf (_("Good evening, %s"), name);
}
