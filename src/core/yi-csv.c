#include "config.h"

#include "yi-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-csv-error-quark, yi_csv_error)

struct _YiCsvReader
{
  char        *text;
  const char  *pos;
  guint        line;
};

static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
refuse_encoding (GError    **error,
                 const char *why)
{
  /* Staff meet this after “Save as CSV” in an unusual way; tell them the
   * one format that always works. */
  g_set_error (error, YI_CSV_ERROR, YI_CSV_ERROR_ENCODING,
               _("%s In the spreadsheet program choose “Save as”, pick the type “CSV UTF-8 (comma delimited) (*.csv)”, and import that file."),
               why);
  return FALSE;
}

char *
yi_csv_decode (const char   *data,
               gsize         len,
               const char  **encoding,
               GError      **error)
{
  const char *end = NULL;
  g_autoptr(GError) conv_error = NULL;
  gsize bytes_read = 0;
  char *text;

  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                   ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      refuse_encoding (error, _("This file is saved as UTF-16 (“Unicode text”), which cannot be imported."));
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      refuse_encoding (error, _("This file contains zero bytes, so it is not a text CSV file (it may be UTF-16 or an .xlsx workbook)."));
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      /* A byte-order mark promises UTF-8: anything else is damage, not GB18030. */
      if (!g_utf8_validate_len (data + 3, len - 3, &end))
        {
          g_autofree char *why = g_strdup_printf (_("Line %u holds bytes that are not valid UTF-8 although the file says it is UTF-8."),
                                                  line_of_offset (data, end - data));
          refuse_encoding (error, why);
          return NULL;
        }
      if (encoding)
        *encoding = "UTF-8";
      return g_strndup (data + 3, len - 3);
    }

  if (g_utf8_validate_len (data, len, NULL))
    {
      if (encoding)
        *encoding = "UTF-8";
      return g_strndup (data, len);
    }

  text = g_convert (data, len, "UTF-8", "GB18030", &bytes_read, NULL, &conv_error);
  if (text == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Line %u holds bytes that are neither UTF-8 nor GB18030 (Chinese Windows) text."),
                                              line_of_offset (data, MIN (bytes_read, len)));
      refuse_encoding (error, why);
      return NULL;
    }
  if (encoding)
    *encoding = "GB18030";
  return text;
}

YiCsvReader *
yi_csv_reader_new (const char *utf8_text)
{
  YiCsvReader *reader = g_new0 (YiCsvReader, 1);

  reader->text = g_strdup (utf8_text);
  reader->pos = reader->text;
  reader->line = 1;
  return reader;
}

void
yi_csv_reader_free (YiCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->text);
  g_free (reader);
}

/* Consumes one line break (CRLF, LF or a lone CR) if @p is at one. */
static gboolean
eat_newline (YiCsvReader  *reader,
             const char  **p)
{
  if (**p == '\r')
    {
      (*p)++;
      if (**p == '\n')
        (*p)++;
      reader->line++;
      return TRUE;
    }
  if (**p == '\n')
    {
      (*p)++;
      reader->line++;
      return TRUE;
    }
  return FALSE;
}

GStrv
yi_csv_reader_next (YiCsvReader  *reader,
                    guint        *line,
                    GError      **error)
{
  g_autoptr(GStrvBuilder) fields = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = reader->pos;

  while (eat_newline (reader, &p))
    ;
  if (*p == '\0')
    {
      reader->pos = p;
      return NULL;
    }
  if (line)
    *line = reader->line;

  fields = g_strv_builder_new ();
  for (;;)
    {
      g_string_truncate (field, 0);
      if (*p == '"')
        {
          guint opened_on = reader->line;

          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, YI_CSV_ERROR, YI_CSV_ERROR_SYNTAX,
                               _("Line %u: a quoted field starts here but its closing quote mark (\") is missing"),
                               opened_on);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
                    reader->line++;
                  g_string_append_c (field, *p++);
                }
            }
          if (*p != ',' && *p != '\r' && *p != '\n' && *p != '\0')
            {
              g_set_error (error, YI_CSV_ERROR, YI_CSV_ERROR_SYNTAX,
                           _("Line %u: there is text after the closing quote mark of a field; put the whole field in quotes and double any quote mark inside it"),
                           reader->line);
              return NULL;
            }
        }
      else
        {
          /* A stray quote inside an unquoted field is taken literally, as
           * spreadsheet programs do (5" screen). */
          while (*p != ',' && *p != '\r' && *p != '\n' && *p != '\0')
            g_string_append_c (field, *p++);
        }
      g_strv_builder_add (fields, field->str);

      if (*p == ',')
        {
          p++;
          continue;
        }
      eat_newline (reader, &p);
      break;
    }
  reader->pos = p;
  return g_strv_builder_end (fields);
}
