#include "config.h"

#include "test-reports-zip.h"

#include <gio/gio.h>
#include <string.h>

/* Just enough of the zip format to read an .xlsx back: the central
 * directory, then the member's stored or deflated bytes. */

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static char *
inflate_raw (const guint8  *data,
             gsize          size,
             gsize          expected,
             GError       **error)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  char *out = g_malloc (expected + 1);
  gsize read = 0, written = 0;

  if (g_converter_convert (G_CONVERTER (z), data, size, out, expected, G_CONVERTER_INPUT_AT_END,
                           &read, &written, error) == G_CONVERTER_ERROR)
    {
      g_free (out);
      return NULL;
    }
  out[written] = '\0';
  return out;
}

char *
yi_test_zip_read (const char  *zip_path,
                  const char  *member,
                  GError     **error)
{
  g_autofree guint8 *zip = NULL;
  gsize len;
  const guint8 *eocd = NULL;
  guint32 cd_offset;
  guint16 entries;
  const guint8 *p;

  if (!g_file_get_contents (zip_path, (char **) &zip, &len, error))
    return NULL;
  for (gsize i = len >= 22 ? len - 22 : 0; i > 0; i--)
    if (le32 (zip + i) == 0x06054b50)
      {
        eocd = zip + i;
        break;
      }
  if (eocd == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a zip file", zip_path);
      return NULL;
    }
  entries = le16 (eocd + 10);
  cd_offset = le32 (eocd + 16);
  p = zip + cd_offset;
  for (guint i = 0; i < entries && p + 46 <= zip + len && le32 (p) == 0x02014b50; i++)
    {
      guint16 method = le16 (p + 10);
      guint32 csize = le32 (p + 20), usize = le32 (p + 24);
      guint16 name_len = le16 (p + 28), extra_len = le16 (p + 30), comment_len = le16 (p + 32);
      guint32 local = le32 (p + 42);

      if (name_len == strlen (member) && memcmp (p + 46, member, name_len) == 0)
        {
          const guint8 *lh = zip + local;
          const guint8 *data = lh + 30 + le16 (lh + 26) + le16 (lh + 28);

          if (data + csize > zip + len)
            break;
          if (method == 0)
            return g_strndup ((const char *) data, csize);
          if (method == 8)
            return inflate_raw (data, csize, usize, error);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "zip method %u", method);
          return NULL;
        }
      p += 46 + name_len + extra_len + comment_len;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no member %s", zip_path, member);
  return NULL;
}
