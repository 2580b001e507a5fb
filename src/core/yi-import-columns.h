#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The columns an elder spreadsheet may have, and how their cells read. */
typedef enum {
  YI_COL_UNKNOWN = -1,
  YI_COL_IGNORED,           /* 序号: row numbers of the sheet itself */
  YI_COL_NAME,
  YI_COL_GENDER,
  YI_COL_ID_NUMBER,
  YI_COL_BIRTH_DATE,
  YI_COL_PHONE,
  YI_COL_ADDRESS,
  YI_COL_STREET,
  YI_COL_HUKOU,
  YI_COL_RESIDENCE,
  YI_COL_RESIDENCE_SINCE,
  YI_COL_LIVING,
  YI_COL_DIET,
  YI_COL_ALLERGIES,
  YI_COL_MOBILITY,
  YI_COL_HOBBIES,
  YI_COL_DELIVERY,
  YI_COL_NOTES,
  YI_COL_CATEGORIES,
  YI_COL_CONTACT_NAME,
  YI_COL_CONTACT_PHONE,
  YI_COL_CONTACT_RELATION,
  YI_N_COLS
} YiImportColumn;

YiImportColumn  yi_import_column_from_header  (const char     *header);
const char     *yi_import_column_label        (YiImportColumn  column);
/* The `elders` column a spreadsheet column fills, or NULL. */
const char     *yi_import_column_field        (YiImportColumn  column);

/* Cell readers: each returns the stored form, or NULL and a message. */
char           *yi_import_read_gender         (const char     *cell);
char           *yi_import_read_phone          (const char     *cell);
const char     *yi_import_read_living         (const char     *cell);
const char     *yi_import_read_diet           (const char     *cell);
const char     *yi_import_read_mobility       (const char     *cell);
int             yi_import_read_yes_no         (const char     *cell);
/* Splits 低保、独居 / dibao,alone into category codes; an unknown one is
 * returned in @unknown (and NULL is returned). */
GStrv           yi_import_read_categories     (const char     *cell,
                                               char          **unknown);

G_END_DECLS
