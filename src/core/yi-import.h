#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

#define YI_IMPORT_ERROR (yi_import_error_quark ())

typedef enum {
  YI_IMPORT_ERROR_EMPTY,            /* no header, or no rows below it */
  YI_IMPORT_ERROR_COLUMNS,          /* unknown, repeated or missing columns */
  YI_IMPORT_ERROR_BAD_ROWS,         /* some rows are wrong; see the report */
} YiImportError;

GQuark yi_import_error_quark (void);

typedef enum {
  YI_IMPORT_FLAGS_NONE     = 0,
  YI_IMPORT_FLAGS_SKIP_BAD = 1 << 0,  /* import the good rows, leave out the bad */
} YiImportFlags;

typedef struct {
  guint  line;
  char  *message;
} YiImportProblem;

typedef struct {
  const char *encoding;   /* "UTF-8" or "GB18030" */
  guint       rows;       /* data rows in the file */
  guint       added;
  guint       updated;    /* matched by ID number, something changed */
  guint       unchanged;  /* matched by ID number, nothing to change */
  guint       skipped;    /* bad rows left out under YI_IMPORT_FLAGS_SKIP_BAD */
  GPtrArray  *problems;   /* YiImportProblem, one per bad row, in file order */
} YiImportReport;

void yi_import_report_free (YiImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiImportReport, yi_import_report_free)

/* Called while rows are written: @done of @total. */
typedef void (*YiImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Imports elders from a spreadsheet saved as CSV, with Chinese (姓名, 性别,
 * 身份证号 ...) or English (name, gender, id_number ...) headers.  Elders
 * already registered under the same ID number are updated, field by field,
 * and only where the file differs; empty cells never erase stored values.
 * Everything is written in one transaction: when any row is bad, nothing is
 * written unless YI_IMPORT_FLAGS_SKIP_BAD is given.  @report (optional)
 * receives the counts and every bad row, also when FALSE is returned. */
gboolean yi_import_elders           (YiStore               *store,
                                     GBytes                *contents,
                                     YiImportFlags          flags,
                                     YiImportProgressFunc   progress,
                                     gpointer               user_data,
                                     YiImportReport       **report,
                                     GError               **error);
gboolean yi_import_elders_from_file (YiStore               *store,
                                     const char            *path,
                                     YiImportFlags          flags,
                                     YiImportProgressFunc   progress,
                                     gpointer               user_data,
                                     YiImportReport       **report,
                                     GError               **error);

/* Parses the date forms found in spreadsheets (1949-12-31, 1949/12/31,
 * 1949.12.31, 1949年12月31日, 19491231) into YYYY-MM-DD, or NULL. */
char    *yi_import_parse_date       (const char            *text);

G_END_DECLS
