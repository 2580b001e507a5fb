#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Language set-up, done once before GTK starts: @language ("" or NULL:
 * follow the system) goes to LANGUAGE; translations are looked up in
 * $YIYANG_LOCALEDIR when set (tests, the demo from a build tree). */
void        yi_kiosk_setup_locale        (const char *language);

/* Whether the user interface is in Chinese, so that records kept in both
 * languages (menus, activities, notices) show the matching one. */
gboolean    yi_kiosk_prefers_chinese     (void);
const char *yi_kiosk_pick                (const char *zh,
                                          const char *en);

char       *yi_kiosk_format_price        (gint64      fen);
char       *yi_kiosk_format_unit_price   (gint64      fen,
                                          const char *unit);
char       *yi_kiosk_format_time_spent   (gint64      minutes);
char       *yi_kiosk_format_seats_left   (int         seats);
const char *yi_kiosk_weekday_name        (int         iso_weekday);
char       *yi_kiosk_format_date         (int         year,
                                          int         month,
                                          int         day);
/* "Good morning, %s" and its kin, by the hour of the day. */
char       *yi_kiosk_greeting            (int         hour,
                                          const char *name);

G_END_DECLS
