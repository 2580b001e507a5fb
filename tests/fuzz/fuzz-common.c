#include "fuzz-common.h"

/* Criticals and errors are bugs: abort so the fuzzer records the input.
 * Everything else is dropped; logging every request would slow the run. */
static GLogWriterOutput
yi_fuzz_log_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static char *yi_fuzz_tmpdir;

static void
yi_fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          yi_fuzz_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static void
yi_fuzz_cleanup (void)
{
  if (yi_fuzz_tmpdir != NULL)
    yi_fuzz_remove_tree (yi_fuzz_tmpdir);
  g_clear_pointer (&yi_fuzz_tmpdir, g_free);
}

const char *
yi_fuzz_setup (gboolean want_tmpdir)
{
  static gboolean ready;

  if (!ready)
    {
      g_setenv ("LANGUAGE", "C", TRUE);
      g_log_set_writer_func (yi_fuzz_log_writer, NULL, NULL);
      ready = TRUE;
    }
  if (want_tmpdir && yi_fuzz_tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      yi_fuzz_tmpdir = g_dir_make_tmp ("yiyang-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (yi_fuzz_cleanup);
    }
  return yi_fuzz_tmpdir;
}

