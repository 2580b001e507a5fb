/* What the kiosk's window tests share: start the real application on a
 * seeded centre under Xvfb, read the screen, press its buttons, tap cards,
 * count committed rows, and save a PNG of each screen visited. */
#include "config.h"

#include "kiosk-test-util.h"
#include "yi-clock.h"
#include "yi-kiosk-text.h"
#include "yi-staff-keypad.h"

#include <glib/gstdio.h>
#include <string.h>

KioskTest k;

gboolean
kiosk_test_zh (void)
{
  return g_str_has_prefix (k.lang, "zh");
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
iterate_for (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timed_out, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
}

gboolean
wait_until (Predicate pred, gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!pred (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      iterate_for (20);
    }
  return TRUE;
}

static void
collect_text (GtkWidget *widget, GString *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

/* Everything written on the screen now, one label a line. */
char *
screen_text (void)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (k.window), out);
  return g_string_free (out, FALSE);
}

void
assert_on_screen (const char *text)
{
  g_autofree char *all = screen_text ();

  if (strstr (all, text) == NULL)
    g_error ("“%s” is not on the screen, which shows:\n%s", text, all);
}

void
assert_not_on_screen (const char *text)
{
  g_autofree char *all = screen_text ();

  if (strstr (all, text) != NULL)
    g_error ("“%s” must not be on the screen, which shows:\n%s", text, all);
}

static const char *
button_text (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

static void
find_buttons (GtkWidget *widget, const char *text, GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && (text == NULL || (button_text (widget) && strstr (button_text (widget), text))))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_buttons (c, text, out);
}

GtkWidget *
button_with (const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_buttons (GTK_WIDGET (k.window), text, found);
  if (found->len != 1)
    {
      g_autofree char *all = screen_text ();
      g_error ("expected one button with “%s”, found %u; the screen shows:\n%s", text, found->len, all);
    }
  return g_ptr_array_index (found, 0);
}

guint
count_buttons_with (const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_buttons (GTK_WIDGET (k.window), text, found);
  return found->len;
}

void
press (const char *text)
{
  GtkWidget *button = button_with (text);

  g_assert_true (gtk_widget_is_sensitive (button));
  /* what a finger's click ends in (activate would wait for an animation) */
  g_signal_emit_by_name (button, "clicked");
  iterate_for (50);
}

/* For labels that are part of others ("满意" in "很满意"). */
void
press_exact (const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *hit = NULL;

  find_buttons (GTK_WIDGET (k.window), text, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (button_text (g_ptr_array_index (found, i)), text) == 0)
      {
        g_assert_null (hit);
        hit = g_ptr_array_index (found, i);
      }
  if (hit == NULL)
    g_error ("no button labelled exactly “%s”", text);
  g_signal_emit_by_name (hit, "clicked");
  iterate_for (50);
}

void
find_all (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_all (c, type, out);
}

void
enter_pin (const char *pin)
{
  g_autoptr(GPtrArray) pads = g_ptr_array_new ();
  GtkWidget *pad = NULL;

  find_all (GTK_WIDGET (yi_window_get_staff_view (k.window)), YI_TYPE_STAFF_KEYPAD, pads);
  for (guint i = 0; i < pads->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (pads, i)))
      pad = g_ptr_array_index (pads, i);
  g_assert_nonnull (pad);
  /* the keypad's buttons press through its widget actions */
  for (const char *p = pin; *p; p++)
    {
      char key[2] = { *p, 0 };
      g_assert_true (gtk_widget_activate_action (pad, "keypad.press", "s", key));
    }
  g_assert_true (gtk_widget_activate_action (pad, "keypad.enter", NULL));
  iterate_for (100);
}

static gboolean
frame_drawn (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (k.window)) > 0;
}

/* What elders need from every screen: each button big enough for a
 * shaking finger and named for a screen reader (GTK names a button by its
 * label), and the whole screen fitting the window. */
static void
check_screen (void)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (k.window));
  int min_h = 0, min_w = 0;

  find_buttons (GTK_WIDGET (k.window), NULL, buttons);
  g_assert_cmpuint (buttons->len, >, 0);
  /* staff mode is for staff, with its own tests; the rest is for elders */
  for (guint i = 0; i < buttons->len && g_strcmp0 (yi_window_get_page (k.window), "staff") != 0; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);
      const char *name = button_text (b);

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (b)), ==, GTK_ACCESSIBLE_ROLE_BUTTON);
      if (name == NULL || *name == '\0')
        g_error ("a button on the %s screen has no name", yi_window_get_page (k.window));
      if (gtk_widget_get_height (b) < 64 || gtk_widget_get_width (b) < 64)
        g_error ("button “%s” is %dx%d, smaller than a 64px touch target", name,
                 gtk_widget_get_width (b), gtk_widget_get_height (b));
    }
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content), &min_h, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  if (min_h > k.height || min_w > k.width)
    g_error ("the %s screen needs %dx%d but the window is %dx%d",
             yi_window_get_page (k.window), min_w, min_h, k.width, k.height);
}

/* Renders the window as it was just painted: inside the frame clock's
 * after-paint, before a timer can queue a new layout. */
static void
on_after_paint (GdkFrameClock *clock,
                GdkTexture   **out)
{
  GtkWidget *w = GTK_WIDGET (k.window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (w);
  int height = gtk_widget_get_height (w);

  if (*out != NULL)
    return;
  paintable = gtk_widget_paintable_new (w);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;   /* a layout was pending; the next frame will do */
  *out = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (w)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

void
save_png (const char *name)
{
  GtkWidget *w = GTK_WIDGET (k.window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (w);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  gulong id;

  iterate_for (100);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &texture);
  gtk_widget_queue_draw (w);
  g_assert_true (wait_until (is_set, &texture, 5000));
  g_signal_handler_disconnect (clock, id);

  file = g_strdup_printf ("%02u-%s.png", ++k.shot_no, name);
  path = g_build_filename (k.shots, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screen saved: %s", path);

  /* checked after saving, so a failure leaves the picture to look at */
  g_assert_cmpint (gtk_widget_get_width (w), ==, k.width);
  g_assert_cmpint (gtk_widget_get_height (w), ==, k.height);
  check_screen ();
}

void
tap (const char *uid)
{
  g_action_group_activate_action (G_ACTION_GROUP (k.app), "tap-card", g_variant_new_string (uid));
}

void
advance (gint64 seconds)
{
  yi_clock_set_offset (yi_clock_get_offset () + seconds * G_USEC_PER_SEC);
}

gint64
count (const char *sql, ...)
{
  /* a fresh connection each time: the kiosk must have committed */
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStore) store = yi_store_open (k.db, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list ap;
  const char *arg;
  int i = 1;

  g_assert_no_error (error);
  stmt = yi_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  va_start (ap, sql);
  while ((arg = va_arg (ap, const char *)) != NULL)
    sqlite3_bind_text (stmt, i++, arg, -1, SQLITE_TRANSIENT);
  va_end (ap);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

void
assert_page (const char *page)
{
  g_assert_cmpstr (yi_window_get_page (k.window), ==, page);
}

static void
parse_args (int *argc, char **argv)
{
  int j = 1;

  k.lang = g_strdup ("zh_CN");
  k.width = 1280;
  k.height = 800;
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--lang="))
        {
          g_free (k.lang);
          k.lang = g_strdup (argv[i] + strlen ("--lang="));
        }
      else if (g_str_has_prefix (argv[i], "--size="))
        g_assert_cmpint (sscanf (argv[i] + strlen ("--size="), "%dx%d", &k.width, &k.height), ==, 2);
      else
        argv[j++] = argv[i];
    }
  *argc = j;
  argv[j] = NULL;
}

void
kiosk_test_init (int          *argc,
                 char       ***argv,
                 const char   *suite,
                 gboolean      windowed,
                 void        (*prepare) (YiStore *store))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shots_name = NULL;

  parse_args (argc, *argv);
  /* the same start-up as the kiosk's main(): language before GTK */
  k.settings = yi_settings_new (&error);
  g_assert_no_error (error);
  g_settings_set_string (k.settings, "language", k.lang);
  /* no NFC reader here unless a test brings the emulator */
  g_settings_set_string (k.settings, "reader-connstring", "none");
  yi_kiosk_setup_locale (k.lang);
  gtk_disable_setlocale ();
  g_test_init (argc, argv, NULL);
  gtk_init ();

  k.dir = g_dir_make_tmp ("yiyang-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  k.db = g_build_filename (k.dir, "centre.db", NULL);
  shots_name = g_strdup_printf ("%s%s%s-%dx%d", suite ? suite : "", suite ? "-" : "", k.lang, k.width, k.height);
  k.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                              "kiosk-screens", shots_name, NULL);
  g_mkdir_with_parents (k.shots, 0755);

  g_assert_true (yi_clock_set_now (KIOSK_SEED_MORNING, &error));
  k.store = yi_store_open (k.db, &error);
  g_assert_no_error (error);
  kiosk_seed (k.store, &k.seed);
  if (prepare != NULL)
    prepare (k.store);

  k.app = yi_application_new (k.settings);
  yi_application_set_database_path (k.app, k.db);
  yi_application_set_windowed (k.app, windowed);
  if (windowed)
    yi_application_set_window_size (k.app, k.width, k.height);
  g_assert_true (g_application_register (G_APPLICATION (k.app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (k.app)));
  g_application_activate (G_APPLICATION (k.app));
  k.window = yi_application_get_window (k.app);
  g_assert_nonnull (k.window);
  g_assert_true (wait_until (frame_drawn, NULL, 5000));
  iterate_for (300);
}

int
kiosk_test_run (void)
{
  int status = g_test_run ();

  yi_application_quit (k.app);
  gtk_window_destroy (GTK_WINDOW (k.window));
  g_clear_object (&k.app);
  kiosk_seed_clear (&k.seed);
  g_clear_object (&k.store);
  g_clear_object (&k.settings);
  return status;
}
