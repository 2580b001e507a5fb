#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The kiosk as its own process (or under its session supervisor), seen
 * from outside: its status lines (yiyang-kiosk --status-fd) and taps
 * through its D-Bus tap-card action, as an operator's script would. */
typedef struct {
  GSubprocess *process;
  int          status_fd;   /* the read end of the kiosk's status pipe */
  GString     *pending;     /* read but not yet a whole line */
} KioskProcess;

/* Starts @argv with "--status-fd=3" appended, fd 3 being a pipe whose
 * other end only the kiosk (and its supervisor) hold. */
KioskProcess *kiosk_process_start      (const char * const *argv);
/* The next status line without its newline; NULL at end of file (every
 * writer gone), or after @timeout_ms with *@timed_out set. */
char         *kiosk_process_read_line  (KioskProcess       *kp,
                                        guint               timeout_ms,
                                        gboolean           *timed_out);
/* Reads to "ready PID": the PID, or 0 if the kiosk ended first. */
GPid          kiosk_process_wait_ready (KioskProcess       *kp,
                                        guint               timeout_ms);
void          kiosk_process_free       (KioskProcess       *kp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskProcess, kiosk_process_free)

/* org.gtk.Actions.Activate("tap-card", [<uid>]) on the session bus. */
gboolean      kiosk_dbus_tap           (GDBusConnection    *bus,
                                        const char         *uid,
                                        GError            **error);

/* Plain SQLite on the kiosk's or the district's files, beside the
 * running programs (WAL lets them write meanwhile). */
sqlite3      *kiosk_db_open            (const char         *path);
/* The integer the query answers; up to two text parameters. */
gint64        kiosk_db_int             (sqlite3            *db,
                                        const char         *sql,
                                        const char         *arg1,
                                        const char         *arg2);
void          kiosk_db_assert_intact   (sqlite3            *db,
                                        const char         *what);
/* One card (uid) per active elder who has not come on the last day the
 * database has attendance for: each one's tap is a first check-in. */
GPtrArray    *kiosk_db_fresh_cards     (const char         *path);

G_END_DECLS
