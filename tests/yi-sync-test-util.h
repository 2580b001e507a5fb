#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Helpers for the sync and district tests, which run the real programs. */

const char  *yi_test_program     (const char *env_name);
GSubprocess *yi_test_spawn       (GSubprocessFlags    flags,
                                  const char * const *argv,
                                  GError            **error);
/* Starts a program that prints its URL on the first line; NULL if it died. */
GSubprocess *yi_test_spawn_url   (char       **url,
                                  const char  *first,
                                  ...) G_GNUC_NULL_TERMINATED;
/* Runs a program to the end; returns its stdout, stripped, or NULL (and
 * the exit status in @status) if it failed. */
char        *yi_test_run         (int         *status,
                                  const char  *first,
                                  ...) G_GNUC_NULL_TERMINATED;
void         yi_test_kill        (GSubprocess *process);
/* A GSubprocessLauncher child setup: the child gets SIGKILL when the test dies. */
void         yi_test_die_with_parent (gpointer data);
/* Port of a "http://HOST:PORT/" URL. */
guint16      yi_test_url_port    (const char  *url);

G_END_DECLS
