#include "config.h"

#include "yi-report-private.h"

#include <math.h>

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static const char *
kind_name (YiReportValueKind kind)
{
  switch (kind)
    {
    case YI_REPORT_VALUE_COUNT: return "count";
    case YI_REPORT_VALUE_MINUTES: return "hours";
    case YI_REPORT_VALUE_FEN: return "yuan";
    case YI_REPORT_VALUE_PERCENT: return "percent";
    case YI_REPORT_VALUE_RATIO:
    default: return "ratio";
    }
}

JsonNode *
yi_report_to_json (YiReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GPtrArray *tables = yi_report_get_tables (self);

  json_builder_begin_object (b);
  add_string (b, "title", yi_report_get_title (self));
  add_string (b, "from", yi_report_get_from (self));
  add_string (b, "to", yi_report_get_to (self));
  add_string (b, "generated_at", yi_report_get_generated_at (self));
  json_builder_set_member_name (b, "centres");
  json_builder_add_int_value (b, yi_report_get_n_centres (self));
  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint i = 0; i < tables->len; i++)
    {
      YiReportTable *t = tables->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "id", yi_report_table_get_id (t));
      add_string (b, "section", yi_report_table_get_section (t));
      add_string (b, "title", yi_report_table_get_title (t));
      json_builder_set_member_name (b, "columns");
      json_builder_begin_array (b);
      for (guint c = 0; c < yi_report_table_get_n_columns (t); c++)
        {
          json_builder_begin_object (b);
          add_string (b, "id", yi_report_table_get_column_id (t, c));
          add_string (b, "title", yi_report_table_get_column_title (t, c));
          add_string (b, "unit", kind_name (yi_report_table_get_column_kind (t, c)));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint r = 0; r < yi_report_table_get_n_rows (t); r++)
        {

          json_builder_begin_object (b);
          add_string (b, "key", yi_report_table_get_row_key (t, r));
          add_string (b, "label", yi_report_table_get_row_label (t, r));
          if (yi_report_table_row_is_total (t, r))
            {
              json_builder_set_member_name (b, "total");
              json_builder_add_boolean_value (b, TRUE);
            }
          for (guint c = 0; c < yi_report_table_get_n_columns (t); c++)
            {
              YiReportValueKind kind = yi_report_table_get_column_kind (t, c);
              double v = yi_report_table_get_number (t, r, c);

              json_builder_set_member_name (b, yi_report_table_get_column_id (t, c));
              if (kind == YI_REPORT_VALUE_COUNT)
                json_builder_add_int_value (b, yi_report_table_get_raw (t, r, c));
              else if (isnan (v))
                json_builder_add_null_value (b);
              else
                json_builder_add_double_value (b, v);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
yi_report_to_json_string (YiReport *self)
{
  g_autoptr(JsonNode) root = yi_report_to_json (self);

  return json_to_string (root, TRUE);
}
