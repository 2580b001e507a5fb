#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YI_CSV_ERROR (yi_csv_error_quark ())

typedef enum {
  YI_CSV_ERROR_ENCODING,    /* UTF-16, or bytes that are neither UTF-8 nor GB18030 */
  YI_CSV_ERROR_SYNTAX,      /* an unclosed quote, text after a closing quote */
} YiCsvError;

GQuark yi_csv_error_quark (void);

/* Turns the bytes of a spreadsheet export into UTF-8 text: UTF-8 with or
 * without a byte-order mark, or GB18030 (what Excel writes for “CSV” on a
 * Chinese Windows).  UTF-16 and undecodable bytes are refused with a message
 * that says how to save the sheet instead.  @encoding (optional) receives
 * "UTF-8" or "GB18030". */
char *yi_csv_decode (const char   *data,
                     gsize         len,
                     const char  **encoding,
                     GError      **error);

/* An RFC 4180 reader over UTF-8 text: comma separated, fields optionally in
 * double quotes (a doubled quote stands for one, line breaks may sit inside),
 * records ended by CRLF or LF.  Blank lines are skipped. */
typedef struct _YiCsvReader YiCsvReader;

YiCsvReader *yi_csv_reader_new   (const char   *utf8_text);
void         yi_csv_reader_free  (YiCsvReader  *reader);
/* Reads the next record.  Returns NULL with no error at the end of the text.
 * @line (optional) receives the line the record starts on, counting from 1. */
GStrv        yi_csv_reader_next  (YiCsvReader  *reader,
                                  guint        *line,
                                  GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiCsvReader, yi_csv_reader_free)

G_END_DECLS
