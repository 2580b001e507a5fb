#include "config.h"

#include "bench-centre.h"
#include "bench-util.h"
#include "yi-demo.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

char *
yi_bench_cached_centre (guint elders,
                        guint days)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *name = g_strdup_printf ("bench-centre-%ux%u.db", elders, days);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(YiStore) store = NULL;
  gint64 started = g_get_monotonic_time ();
  double cpu = yi_bench_cpu_ms ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_remove (part);
  store = yi_store_open (part, &error);
  if (store == NULL || !yi_demo_generate (store, elders, days, 1, NULL, NULL, &error))
    g_error ("Cannot make the demo centre: %s", error->message);
  g_clear_object (&store);   /* checkpoints the WAL into the one file */
  if (g_rename (part, path) != 0)
    g_error ("Cannot keep the demo centre as %s: %s", path, g_strerror (errno));
  g_printerr ("demo centre of %u elders and %u days made in %.1f s (%.1f s processor)\n",
              elders, days, (g_get_monotonic_time () - started) / 1e6,
              (yi_bench_cpu_ms () - cpu) / 1e3);
  return g_steal_pointer (&path);
}

char *
yi_bench_copy_centre (const char  *path,
                      char       **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yiyang-bench-XXXXXX", &error);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) target = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  copy = g_build_filename (dir, "centre.db", NULL);
  target = g_file_new_for_path (copy);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("Cannot copy the demo centre: %s", error->message);
  /* On the disk before anything is timed: otherwise the kernel writes the
   * copy (1.5 GB for five years) back while the kiosk commits, and every
   * fsync of the kiosk waits behind it, which no centre's kiosk sees. */
  {
    int fd = g_open (copy, O_RDONLY, 0);

    if (fd < 0 || fsync (fd) != 0)
      g_error ("Cannot flush the copy of the demo centre: %s", g_strerror (errno));
    close (fd);
  }
  *dir_out = g_steal_pointer (&dir);
  return g_steal_pointer (&copy);
}
