#include "config.h"

#include "yi-care.h"
#include "yi-domain.h"
#include "yi-store.h"
#include "yi-test-staff.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char    *dir;
  YiStore *store;
  char    *elder;
  char    *staff;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("yiyang-care-XXXXXX", &error);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (path, &error);
  g_assert_no_error (error);
  json_object_set_string_member (o, "name", "张桂英");
  json_object_set_string_member (o, "id_number", "11010519491231002X");
  f->elder = yi_store_save_elder (f->store, NULL, o, &error);
  g_assert_no_error (error);
  f->staff = yi_test_add_staff (f->store, "王芳", "health", "2468");
  g_assert_no_error (error);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->elder);
  g_free (f->staff);
}

static void
test_impossible_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  struct { YiVitalKind kind; double v1, v2; } bad[] = {
    { YI_VITAL_BLOOD_PRESSURE, 400, 80 },
    { YI_VITAL_BLOOD_PRESSURE, 120, 130 },      /* diastolic above systolic */
    { YI_VITAL_BLOOD_PRESSURE, 120, 5 },
    { YI_VITAL_GLUCOSE, 0.2, 0 },
    { YI_VITAL_WEIGHT, 560, 0 },
    { YI_VITAL_TEMPERATURE, 73.6, 0 },           /* 36.7 typed with a slip */
    { YI_VITAL_TEMPERATURE, NAN, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *id = yi_store_record_vital (f->store, f->elder, bad[i].kind, bad[i].v1, bad[i].v2, NULL, &error);
      g_assert_null (id);
      g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_IMPOSSIBLE);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_clear_error (&error);
    }
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_signs", NULL), ==, 0);
}

static void
test_alerts_until_acknowledged (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *high = NULL;
  g_autofree char *ack = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gboolean outside = TRUE;

  normal = yi_store_record_vital (f->store, f->elder, YI_VITAL_BLOOD_PRESSURE, 128, 82, &outside, &error);
  g_assert_no_error (error);
  g_assert_false (outside);
  high = yi_store_record_vital (f->store, f->elder, YI_VITAL_BLOOD_PRESSURE, 168, 95, &outside, &error);
  g_assert_no_error (error);
  g_assert_true (outside);

  alerts = yi_store_vital_alerts (f->store, &error);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_cmpstr (((YiVitalReading *) alerts->pdata[0])->id, ==, high);
  g_assert_cmpfloat (((YiVitalReading *) alerts->pdata[0])->value2, ==, 95);

  /* only a signed-in staff member may acknowledge */
  g_assert_null (yi_store_ack_vital_alert (f->store, high, "called family", &error));
  g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_NEEDS_STAFF);
  g_clear_error (&error);
  yi_store_set_actor (f->store, f->staff);
  ack = yi_store_ack_vital_alert (f->store, high, "called family", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM vital_alert_acks WHERE vital_id = ? AND staff_id = ?", high, f->staff, NULL), ==, 1);
  after = yi_store_vital_alerts (f->store, &error);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_null (yi_store_ack_vital_alert (f->store, high, NULL, &error));
  g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_ALREADY_DONE);
}

static void
test_configured_range (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean outside = FALSE;

  g_assert_false (yi_store_set_vital_range (f->store, YI_VITAL_TEMPERATURE, "37.3-36", &error));
  g_clear_error (&error);
  g_assert_true (yi_store_set_vital_range (f->store, YI_VITAL_TEMPERATURE, "36.0-37.0", &error));
  id = yi_store_record_vital (f->store, f->elder, YI_VITAL_TEMPERATURE, 37.2, 0, &outside, &error);
  g_assert_no_error (error);
  g_assert_true (outside);
}

static void
test_series (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autofree char *today = yi_store_today (f->store);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *id = yi_store_record_vital (f->store, f->elder, YI_VITAL_WEIGHT, 60 + i * 0.5, 0, NULL, &error);
      g_assert_no_error (error);
    }
  series = yi_store_vital_series (f->store, f->elder, YI_VITAL_WEIGHT, today, today, &error);
  g_assert_cmpuint (series->len, ==, 5);
  g_assert_cmpfloat (((YiVitalReading *) series->pdata[4])->value1, ==, 62.0);
}

static void
test_volunteers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v = yi_store_register_volunteer (f->store, "刘小红", "13700000000", "青年志愿队", "理发", &error);
  g_autofree char *pair = NULL;
  g_autofree char *again = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *today = yi_store_today (f->store);

  g_assert_no_error (error);
  pair = yi_store_pair_volunteer (f->store, v, f->elder, &error);
  g_assert_no_error (error);
  again = yi_store_pair_volunteer (f->store, v, f->elder, &error);
  g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  h1 = yi_store_log_volunteer_hours (f->store, v, f->elder, today, 90, "陪同就医", &error);
  g_assert_no_error (error);
  h2 = yi_store_log_volunteer_hours (f->store, v, NULL, today, 0, NULL, &error);
  g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (yi_store_volunteer_minutes (f->store, v, today, today), ==, 90);
  g_assert_true (yi_store_end_pairing (f->store, pair, &error));
}

static void
test_feedback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = yi_store_submit_feedback (f->store, f->elder, 5, "  饭菜很香  ", &error);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM feedback WHERE comment = '饭菜很香'", NULL), ==, 1);
  b = yi_store_submit_feedback (f->store, NULL, 3, NULL, &error);
  g_assert_no_error (error);
  c = yi_store_submit_feedback (f->store, NULL, 6, NULL, &error);
  g_assert_error (error, YI_CARE_ERROR, YI_CARE_ERROR_INVALID);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM outbox WHERE record_table = 'feedback'", NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/care/vitals/impossible", Fixture, NULL, setup, test_impossible_refused, teardown);
  g_test_add ("/care/vitals/alerts", Fixture, NULL, setup, test_alerts_until_acknowledged, teardown);
  g_test_add ("/care/vitals/range", Fixture, NULL, setup, test_configured_range, teardown);
  g_test_add ("/care/vitals/series", Fixture, NULL, setup, test_series, teardown);
  g_test_add ("/care/volunteers", Fixture, NULL, setup, test_volunteers, teardown);
  g_test_add ("/care/feedback", Fixture, NULL, setup, test_feedback, teardown);
  return g_test_run ();
}
