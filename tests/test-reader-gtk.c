/* The keyboard-wedge controller in a real GTK window under Xvfb: key
 * events are injected through the X server (XTest), exactly as a USB
 * wedge reader's keystrokes arrive. */

#include "config.h"

#include "yi-wedge-controller.h"

#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>

typedef struct {
  GtkWidget *window;
  GtkWidget *entry;
  YiReader  *reader;
  GPtrArray *taps;
  guint      activations;
  Display   *dpy;
} Fixture;

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
send_char (Fixture *f, char c)
{
  KeySym sym = c == '\n' ? XK_Return : (KeySym) g_ascii_tolower (c);
  KeyCode code = XKeysymToKeycode (f->dpy, sym);
  KeyCode shift = XKeysymToKeycode (f->dpy, XK_Shift_L);
  gboolean upper = g_ascii_isupper (c);

  g_assert_cmpuint (code, !=, 0);
  if (upper)
    XTestFakeKeyEvent (f->dpy, shift, True, 0);
  XTestFakeKeyEvent (f->dpy, code, True, 0);
  XTestFakeKeyEvent (f->dpy, code, False, 0);
  if (upper)
    XTestFakeKeyEvent (f->dpy, shift, False, 0);
  XFlush (f->dpy);
}

static void
on_tap (YiReader *reader, const char *uid, gpointer user_data)
{
  Fixture *f = user_data;
  g_ptr_array_add (f->taps, g_strdup (uid));
}

static void
on_activate (GtkEntry *entry, gpointer user_data)
{
  Fixture *f = user_data;
  f->activations++;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkSurface *surface;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("needs an X11 display (run under xvfb-run)");
      return;
    }
  f->dpy = gdk_x11_display_get_xdisplay (display);
  f->taps = g_ptr_array_new_with_free_func (g_free);
  f->reader = yi_wedge_reader_new (0);
  g_signal_connect (f->reader, "card-tapped", G_CALLBACK (on_tap), f);
  yi_reader_start (f->reader);

  f->window = gtk_window_new ();
  f->entry = gtk_entry_new ();
  g_signal_connect (f->entry, "activate", G_CALLBACK (on_activate), f);
  gtk_window_set_child (GTK_WINDOW (f->window), f->entry);
  gtk_widget_add_controller (f->window, yi_wedge_controller_new (YI_WEDGE_READER (f->reader)));
  gtk_window_present (GTK_WINDOW (f->window));
  pump (300);

  surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  XSetInputFocus (f->dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  gtk_widget_grab_focus (f->entry);
  pump (200);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer ((GtkWindow **) &f->window, gtk_window_destroy);
  g_clear_object (&f->reader);
  g_clear_pointer (&f->taps, g_ptr_array_unref);
}

static void
type_slowly (Fixture *f, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      send_char (f, *p);
      pump (120);
    }
}

static void
test_burst_does_not_reach_entry (Fixture *f, gconstpointer data)
{
  if (f->dpy == NULL)
    return;

  /* A person's typing reaches the entry (so the check below means something). */
  type_slowly (f, "12");
  pump (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "12");
  g_assert_cmpuint (f->taps->len, ==, 0);

  /* The reader types the UID and Enter as fast as USB allows. */
  for (const char *p = "04A1B2C3D4E5F6\n"; *p; p++)
    send_char (f, *p);
  pump (300);

  g_assert_cmpuint (f->taps->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->taps, 0), ==, "04A1B2C3D4E5F6");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "12");
  g_assert_cmpuint (f->activations, ==, 0);

  /* And typing still works afterwards, Enter included. */
  type_slowly (f, "a3\n");
  pump (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "12a3");
  g_assert_cmpuint (f->activations, ==, 1);
  g_assert_cmpuint (f->taps->len, ==, 1);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/reader/wedge/gtk/burst-does-not-reach-entry", Fixture, NULL,
              fixture_setup, test_burst_does_not_reach_entry, fixture_teardown);
  return g_test_run ();
}
