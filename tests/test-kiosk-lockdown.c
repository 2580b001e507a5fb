/* The kiosk as a centre runs it (no --windowed), under Xvfb: it fills the
 * screen with no frame, refuses to close, and the keys that would close
 * it or reach the desktop do nothing.  Keys are pressed through XTest, as
 * a keyboard would. */
#include "config.h"

#include "kiosk-test-util.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

static void
press_keys (KeySym modifier,
            KeySym key)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeyCode mod = XKeysymToKeycode (display, modifier);
  KeyCode code = XKeysymToKeycode (display, key);

  XTestFakeKeyEvent (display, mod, True, CurrentTime);
  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  XTestFakeKeyEvent (display, mod, False, CurrentTime);
  XFlush (display);
  iterate_for (300);
}

static void
assert_still_there (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (k.app));

  g_assert_nonnull (g_list_find (windows, k.window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (k.window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (k.window)));
}

static void
test_fills_the_screen (void)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (k.window));

  g_assert_true (yi_window_get_locked_down (k.window));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (k.window)));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (k.window)));
  g_assert_true (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_FULLSCREEN);
  save_png ("kiosk-mode-board");
}

static void
count_activation (GSimpleAction *action,
                  GVariant      *parameter,
                  guint         *count)
{
  (*count)++;
}

static void
test_refuses_to_close (void)
{
  const char *const *accels;
  GAction *quit = g_action_map_lookup_action (G_ACTION_MAP (k.app), "quit");
  guint quits = 0;

  /* seen before the action runs: the test has no main loop to end */
  g_signal_connect (quit, "activate", G_CALLBACK (count_activation), &quits);

  gtk_window_close (GTK_WINDOW (k.window));
  iterate_for (200);
  assert_still_there ();

  /* no key is bound to quitting outside --windowed */
  accels = (const char *const *) gtk_application_get_accels_for_action (GTK_APPLICATION (k.app), "app.quit");
  g_assert_true (accels == NULL || accels[0] == NULL);
  g_strfreev ((char **) accels);

  gtk_widget_grab_focus (GTK_WIDGET (k.window));
  press_keys (XK_Control_L, XK_q);
  assert_still_there ();
  press_keys (XK_Alt_L, XK_F4);
  assert_still_there ();
  press_keys (XK_Control_L, XK_w);
  assert_still_there ();
  g_assert_cmpuint (quits, ==, 0);
  assert_page ("board");
}

int
main (int argc, char **argv)
{
  kiosk_test_init (&argc, &argv, "lockdown", FALSE, NULL);
  g_test_add_func ("/kiosk-lockdown/fills-the-screen", test_fills_the_screen);
  g_test_add_func ("/kiosk-lockdown/refuses-to-close", test_refuses_to_close);
  return kiosk_test_run ();
}
