#pragma once

#include "kiosk-seed.h"
#include "yi-application.h"

G_BEGIN_DECLS

typedef struct {
  char          *lang;
  int            width;
  int            height;
  char          *dir;
  char          *db;
  char          *shots;
  guint          shot_no;
  GSettings     *settings;
  YiApplication *app;
  YiWindow      *window;
  YiStore       *store;      /* the test's own connection */
  KioskSeed      seed;
} KioskTest;

extern KioskTest k;

gboolean kiosk_test_zh (void);
#define T(zh_text, en_text) (kiosk_test_zh () ? (zh_text) : (en_text))

typedef gboolean (*Predicate) (gpointer data);

/* Takes --lang=zh_CN|en and --size=WxH off the command line, seeds a
 * centre (kiosk-seed.h; @prepare adds to it), and starts the application
 * on it.  Screens go to kiosk-screens/@suite-LANG-WxH/. */
void        kiosk_test_init          (int          *argc,
                                      char       ***argv,
                                      const char   *suite,
                                      gboolean      windowed,
                                      void        (*prepare) (YiStore *store));
/* Runs the tests, quits the application and cleans up. */
int         kiosk_test_run           (void);

void        iterate_for              (guint        ms);
gboolean    wait_until               (Predicate    pred,
                                      gpointer     data,
                                      guint        timeout_ms);
char       *screen_text              (void);
void        assert_on_screen         (const char  *text);
void        assert_not_on_screen     (const char  *text);
GtkWidget  *button_with              (const char  *text);
guint       count_buttons_with       (const char  *text);
void        press                    (const char  *text);
void        press_exact              (const char  *text);
/* Saves the window as just painted, then checks every button is named and
 * big enough and the screen fits the window. */
void        save_png                 (const char  *name);
/* A tap through the application's tap-card action. */
void        tap                      (const char  *uid);
void        advance                  (gint64       seconds);
/* A count over a fresh connection: what the kiosk committed.  The
 * arguments after @sql are strings, ending with NULL. */
gint64      count                    (const char  *sql,
                                      ...);
void        assert_page              (const char  *page);
/* Every widget of @type under @widget, depth first. */
void        find_all                 (GtkWidget   *widget,
                                      GType        type,
                                      GPtrArray   *out);
/* Types @pin on staff mode's PIN pad and presses OK. */
void        enter_pin                (const char  *pin);

G_END_DECLS
