/* Runs a fuzz target once over each file of its corpus, for compilers
 * without libFuzzer and for replaying a corpus under a sanitizer:
 *
 *   fuzz-TARGET FILE-OR-DIRECTORY…
 *
 * Prints TAP: one test per file.  A crash fails the whole program, which
 * is what the test runner reports. */

#include "fuzz-common.h"

#include <stdio.h>
#include <string.h>

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
        g_ptr_array_add (files, g_build_filename (path, name, NULL));
  g_dir_close (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_paths);
  if (files->len == 0)
    {
      fprintf (stderr, "usage: %s FILE-OR-DIRECTORY…  (no corpus files found)\n", argv[0]);
      return 2;
    }

  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len;
      uint8_t *copy;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }
      /* An exact-size copy, so a sanitizer sees any read past the end. */
      copy = malloc (len ? len : 1);
      memcpy (copy, contents, len);
      fflush (stdout);
      LLVMFuzzerTestOneInput (copy, len);
      free (copy);
      printf ("ok %u - %s\n", i + 1, strrchr (path, '/') ? strrchr (path, '/') + 1 : path);
    }
  return 0;
}
