#include "config.h"

#include "yi-card-desk.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-ids.h"
#include "yi-staff-session.h"
#include "yi-store.h"
#include "yi-today.h"
#include "yi-welfare.h"
#include "yi-settings.h"
#include "yi-test-staff.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char    *dir;
  char    *path;
  YiStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("yiyang-staff-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "t.db", NULL);
  f->store = yi_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (yi_clock_set_now ("2026-03-02T01:00:00Z", &error)); /* Monday 09:00 in Shanghai */
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  yi_clock_set_offset (0);
}

static void
advance_s (double seconds)
{
  yi_clock_set_offset (yi_clock_get_offset () + (gint64) (seconds * G_USEC_PER_SEC));
}

/* The clock runs on while PINs are hashed, so compare to the second. */
#define assert_about_s(us, seconds) \
  g_assert_cmpint (((us) + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC, ==, (seconds))

static char *
add_elder (YiStore    *store,
           const char *name,
           const char *birth,
           const char *living,
           int         weekdays)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = json_object_new ();
  char *id;

  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "birth_date", birth);
  json_object_set_string_member (o, "gender", "F");
  json_object_set_int_member (o, "expected_weekdays", weekdays);
  if (living)
    json_object_set_string_member (o, "living_arrangement", living);
  id = yi_store_save_elder (store, NULL, o, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_roles (void)
{
  g_assert_true (yi_staff_role_allows ("admin", YI_STAFF_PERM_SET_ELDER_STATUS));
  g_assert_false (yi_staff_role_allows ("staff", YI_STAFF_PERM_SET_ELDER_STATUS));
  g_assert_true (yi_staff_role_allows ("staff", YI_STAFF_PERM_MANAGE_CARDS));
  g_assert_false (yi_staff_role_allows ("kitchen", YI_STAFF_PERM_VIEW_SENSITIVE));
  g_assert_true (yi_staff_role_allows ("kitchen", YI_STAFF_PERM_VIEW_TODAY));
  g_assert_true (yi_staff_role_allows ("health", YI_STAFF_PERM_WELFARE_CALLS));
  g_assert_false (yi_staff_role_allows ("health", YI_STAFF_PERM_MANAGE_CARDS));
  g_assert_false (yi_staff_role_allows ("volunteer", YI_STAFF_PERM_EDIT_ELDERS));
  g_assert_false (yi_staff_role_allows ("volunteer", YI_STAFF_PERM_VIEW_TODAY));
  g_assert_true (yi_staff_role_allows ("volunteer", YI_STAFF_PERM_WELFARE_CALLS));
  g_assert_false (yi_staff_role_allows ("guest", YI_STAFF_PERM_VIEW_ELDERS));
  g_assert_false (yi_staff_role_allows (NULL, YI_STAFF_PERM_VIEW_ELDERS));
}

static void
test_session_login (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStaffSession) s = yi_staff_session_new (f->store);
  g_autofree char *admin = yi_store_add_staff (f->store, "王芳", "admin", "2468", &error);
  g_autofree char *cook = yi_store_add_staff (f->store, "李明", "kitchen", "1357", &error);
  g_autofree char *card = yi_store_issue_card (f->store, "5A5A5A5A", NULL, admin, &error);
  g_autofree char *elder = add_elder (f->store, "张桂英", "1946-04-02", NULL, 0);

  g_assert_no_error (error);
  g_assert_cmpint (yi_staff_session_get_state (s), ==, YI_STAFF_SESSION_LOCKED);
  g_assert_false (yi_staff_session_can (s, YI_STAFF_PERM_VIEW_ELDERS));

  /* PIN alone finds the kitchen worker */
  g_assert_true (yi_staff_session_unlock (s, "1357", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yi_staff_session_get_staff_id (s), ==, cook);
  g_assert_cmpstr (yi_staff_session_get_role (s), ==, "kitchen");
  g_assert_cmpstr (yi_store_get_actor (f->store), ==, cook);
  g_assert_true (yi_staff_session_can (s, YI_STAFF_PERM_VIEW_TODAY));
  g_assert_false (yi_staff_session_can (s, YI_STAFF_PERM_EDIT_ELDERS));
  g_assert_null (yi_staff_session_get_volunteer_filter (s));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login' AND staff_id = ?", cook, NULL), ==, 1);

  /* what is done now is recorded under the kitchen worker */
  {
    g_autofree char *ev = yi_today_check_in (f->store, elder, &error);
    g_assert_no_error (error);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM attendance WHERE id = ? AND staff_id = ?", ev, cook, NULL), ==, 1);
  }

  yi_staff_session_lock (s, "demand");
  g_assert_cmpint (yi_staff_session_get_state (s), ==, YI_STAFF_SESSION_LOCKED);
  g_assert_null (yi_store_get_actor (f->store));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'logout' AND staff_id = ? AND summary LIKE '%demand%'", cook, NULL), ==, 1);

  /* an elder's card is not a staff card */
  {
    g_autofree char *ecard = yi_store_issue_card (f->store, "04A1B2C3", elder, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (yi_staff_session_present_card (s, "04A1B2C3", &error));
    g_assert_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_NOT_STAFF_CARD);
    g_clear_error (&error);
  }

  /* with the admin's card, only the admin's PIN opens */
  g_assert_true (yi_staff_session_present_card (s, "5a:5a:5a:5a", &error));
  g_assert_cmpstr (yi_staff_session_get_pending_name (s), ==, "王芳");
  g_assert_false (yi_staff_session_unlock (s, "1357", &error));
  g_assert_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_true (yi_staff_session_unlock (s, "2468", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (yi_staff_session_get_role (s), ==, "admin");
  g_assert_cmpint (yi_staff_session_get_failures (s), ==, 0);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login_failed'", NULL), ==, 1);
}

static void
test_session_lockout (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStaffSession) s = yi_staff_session_new (f->store);
  g_autofree char *admin = yi_test_add_staff (f->store, "王芳", "admin", "2468");
  const char *wrong[] = { "0000", "1111", "1234", "9999", "2469" };

  for (guint i = 0; i < 4; i++)
    {
      g_assert_false (yi_staff_session_unlock (s, wrong[i], &error));
      g_assert_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_WRONG_PIN);
      g_clear_error (&error);
    }
  g_assert_cmpint (yi_staff_session_get_failures (s), ==, 4);
  g_assert_false (yi_staff_session_unlock (s, wrong[4], &error));
  g_assert_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  assert_about_s (yi_staff_session_lockout_remaining (s), 30);

  /* the right PIN is refused while locked out, and not even checked */
  advance_s (25);
  g_assert_false (yi_staff_session_unlock (s, "2468", &error));
  g_assert_error (error, YI_STAFF_SESSION_ERROR, YI_STAFF_SESSION_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  g_assert_cmpint (yi_staff_session_get_state (s), ==, YI_STAFF_SESSION_LOCKED);

  /* a restart does not reset it */
  {
    g_autoptr(YiStaffSession) again = yi_staff_session_new (f->store);
    assert_about_s (yi_staff_session_lockout_remaining (again), 5);
  }

  /* the second lockout lasts twice as long */
  advance_s (5.5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_false (yi_staff_session_unlock (s, wrong[i], &error));
      g_clear_error (&error);
    }
  assert_about_s (yi_staff_session_lockout_remaining (s), 60);
  advance_s (61);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_false (yi_staff_session_unlock (s, wrong[i], &error));
      g_clear_error (&error);
    }
  assert_about_s (yi_staff_session_lockout_remaining (s), 120);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login_failed'", NULL), ==, 15);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'login_lockout'", NULL), ==, 3);

  /* the right PIN after the wait opens and forgives */
  advance_s (121);
  g_assert_true (yi_staff_session_unlock (s, "2468", &error));
  g_assert_no_error (error);
  yi_staff_session_lock (s, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_false (yi_staff_session_unlock (s, wrong[i], &error));
      g_clear_error (&error);
    }
  assert_about_s (yi_staff_session_lockout_remaining (s), 30);
}

static void
on_changed (YiStaffSession *s, guint *count)
{
  (*count)++;
}

static void
test_session_idle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YiStaffSession) s = NULL;
  g_autofree char *admin = yi_test_add_staff (f->store, "王芳", "admin", "2468");
  guint changes = 0;

  g_settings_set_int (yi_settings_get_default (), YI_SETTING_STAFF_IDLE_LOCK, 10);
  s = yi_staff_session_new (f->store);
  g_settings_reset (yi_settings_get_default (), YI_SETTING_STAFF_IDLE_LOCK);
  g_assert_cmpuint (yi_staff_session_get_idle_timeout (s), ==, 10);
  g_signal_connect (s, "changed", G_CALLBACK (on_changed), &changes);
  g_assert_true (yi_staff_session_unlock (s, "2468", &error));
  g_assert_cmpuint (changes, ==, 1);

  advance_s (9);
  g_assert_false (yi_staff_session_check_idle (s));
  yi_staff_session_touch (s);
  advance_s (9);
  g_assert_false (yi_staff_session_check_idle (s));
  assert_about_s (yi_staff_session_idle_remaining (s), 1);
  advance_s (1);
  g_assert_true (yi_staff_session_check_idle (s));
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (yi_staff_session_get_state (s), ==, YI_STAFF_SESSION_LOCKED);
  g_assert_null (yi_store_get_actor (f->store));
  g_assert_false (yi_staff_session_check_idle (s));
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM audit_log WHERE action = 'logout' AND summary LIKE '%idle%' AND staff_id = ?", admin, NULL), ==, 1);
}

static void
test_today (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_elder (f->store, "张桂英", "1946-04-02", NULL, 31);
  g_autofree char *b = add_elder (f->store, "李建国", "1950-01-01", NULL, 31);
  g_autofree char *c = add_elder (f->store, "王秀兰", "1950-01-01", NULL, 31);
  g_autofree char *gone = add_elder (f->store, "赵德明", "1930-01-01", NULL, 31);
  g_autofree char *card = yi_store_issue_card (f->store, "04A1B2C3", a, NULL, &error);
  g_autoptr(YiToday) t = NULL;
  g_autoptr(YiToday) yesterday = NULL;

  g_assert_true (yi_store_set_elder_status (f->store, gone, "deceased", "2026-02-20", NULL, &error));
  {
    g_autoptr(YiTapResult) r = yi_store_tap (f->store, "04A1B2C3", &error);
    g_assert_cmpint (r->kind, ==, YI_TAP_CHECK_IN);
  }
  advance_s (30 * 60);
  {
    g_autofree char *in = yi_today_check_in (f->store, b, &error);
    g_assert_no_error (error);
    g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM attendance WHERE id = ? AND method = 'manual' AND kind = 'in'", in, NULL), ==, 1);
  }
  g_assert_null (yi_today_check_in (f->store, b, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (yi_today_check_out (f->store, c, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (yi_today_check_in (f->store, gone, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yi_today_check_in (f->store, "no-such-elder", &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* c came and was checked in by mistake; the entry is voided */
  {
    g_autofree char *wrong = yi_today_check_in (f->store, c, &error);
    g_autofree char *v = yi_store_void_event (f->store, "attendance", wrong, "wrong person", &error);
    g_assert_no_error (error);
  }
  advance_s (3 * 3600);
  {
    g_autoptr(YiTapResult) r = yi_store_tap (f->store, "04A1B2C3", &error);
    g_assert_cmpint (r->kind, ==, YI_TAP_CHECK_OUT);
  }

  t = yi_today_load (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->date, ==, "2026-03-02");
  g_assert_cmpuint (t->came, ==, 2);
  g_assert_cmpuint (t->present, ==, 1);
  g_assert_cmpuint (t->left, ==, 1);
  g_assert_cmpuint (t->entries->len, ==, 2);
  {
    YiTodayEntry *first = t->entries->pdata[0];
    YiTodayEntry *second = t->entries->pdata[1];
    g_assert_cmpstr (first->name, ==, "李建国");
    g_assert_true (first->present);
    g_assert_true (first->manual);
    g_assert_cmpstr (first->first_in, ==, "09:30");
    g_assert_null (first->last_out);
    g_assert_cmpstr (second->name, ==, "张桂英");
    g_assert_false (second->present);
    g_assert_false (second->manual);
    g_assert_cmpstr (second->first_in, ==, "09:00");
    g_assert_cmpstr (second->last_out, ==, "12:30");
  }
  {
    g_autofree char *out = yi_today_check_out (f->store, b, &error);
    g_assert_no_error (error);
    g_assert_false (yi_today_is_present (f->store, b));
  }
  yesterday = yi_today_load (f->store, "2026-03-01", NULL, &error);
  g_assert_cmpuint (yesterday->came, ==, 0);
}

static void
make_volunteer (YiStore     *store,
                const char  *name,
                const char  *elder_id,
                char       **out_staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = json_object_new ();
  g_autoptr(JsonObject) link = json_object_new ();
  g_autoptr(JsonObject) pair = json_object_new ();
  g_autofree char *vid = yi_uuid_v7_new ();
  g_autofree char *pid = yi_uuid_v7_new ();

  json_object_set_string_member (v, "name", name);
  json_object_set_string_member (v, "registered_on", "2025-01-01");
  g_assert_true (yi_store_put_entity (store, "volunteers", vid, v, &error));
  *out_staff_id = yi_test_add_staff (store, name, "volunteer", "8642");
  g_assert_no_error (error);
  json_object_set_string_member (link, "volunteer_id", vid);
  g_assert_true (yi_store_put_entity (store, "staff", *out_staff_id, link, &error));
  if (elder_id)
    {
      json_object_set_string_member (pair, "volunteer_id", vid);
      json_object_set_string_member (pair, "elder_id", elder_id);
      json_object_set_string_member (pair, "since", "2025-06-01");
      g_assert_true (yi_store_put_entity (store, "volunteer_pairs", pid, pair, &error));
    }
  g_assert_no_error (error);
}

static void
test_welfare (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  /* 2026-03-02 is a Monday: bit 0 */
  g_autofree char *alone = add_elder (f->store, "张桂英", "1950-04-02", "alone", 1);
  g_autofree char *old = add_elder (f->store, "李建国", "1940-01-01", NULL, 31);
  g_autofree char *old_absent = add_elder (f->store, "周玉珍", "1944-03-01", "with_spouse", 31);
  g_autofree char *tuesday = add_elder (f->store, "王秀兰", "1950-01-01", "empty_nest", 2);
  g_autofree char *plain = add_elder (f->store, "赵四海", "1956-01-01", "with_family", 31);
  g_autofree char *expired = add_elder (f->store, "钱文华", "1955-01-01", NULL, 31);
  g_autofree char *flagged = add_elder (f->store, "孙丽娟", "1958-01-01", NULL, 31);
  g_autofree char *dead = add_elder (f->store, "吴建平", "1950-01-01", "alone", 31);
  g_autofree char *card = yi_store_issue_card (f->store, "04A1B2C3", old, NULL, &error);
  g_autofree char *cat1 = yi_store_add_elder_category (f->store, expired, "empty_nest", NULL, NULL, "2020-01-01", "2025-12-31", &error);
  g_autofree char *cat2 = yi_store_add_elder_category (f->store, flagged, "empty_nest", "社区证明", "2024-17", "2024-01-01", NULL, &error);
  g_autofree char *vol = NULL;
  g_autofree char *lonely_vol = NULL;
  g_autofree char *call = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) due = NULL;

  g_assert_no_error (error);
  g_assert_true (yi_store_set_elder_status (f->store, dead, "deceased", "2026-02-01", NULL, &error));
  {
    g_autoptr(JsonObject) k = json_object_new ();
    g_autofree char *cid = yi_uuid_v7_new ();
    json_object_set_string_member (k, "elder_id", alone);
    json_object_set_string_member (k, "name", "张伟");
    json_object_set_string_member (k, "relation", "儿子");
    json_object_set_string_member (k, "phone", "13900001111");
    yi_store_put_entity (f->store, "elder_contacts", cid, k, &error);
    g_assert_no_error (error);
  }
  make_volunteer (f->store, "刘志愿", alone, &vol);
  make_volunteer (f->store, "陈志愿", NULL, &lonely_vol);

  /* 09:00: the list is not open yet; 李建国 arrives at 09:30 */
  g_assert_false (yi_welfare_list_is_open (f->store));
  before = yi_welfare_due (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);
  advance_s (30 * 60);
  {
    g_autoptr(YiTapResult) r = yi_store_tap (f->store, "04A1B2C3", &error);
    g_assert_cmpint (r->kind, ==, YI_TAP_CHECK_IN);
  }

  advance_s (40 * 60); /* 10:10 */
  g_assert_true (yi_welfare_list_is_open (f->store));
  due = yi_welfare_due (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 3);
  {
    g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < due->len; i++)
      {
        YiWelfareItem *it = due->pdata[i];
        g_hash_table_insert (names, it->name, it);
        g_assert_null (it->outcome);
      }
    g_assert_true (g_hash_table_contains (names, "张桂英"));
    g_assert_true (g_hash_table_contains (names, "周玉珍"));
    g_assert_true (g_hash_table_contains (names, "孙丽娟"));
    g_assert_cmpuint (((YiWelfareItem *) g_hash_table_lookup (names, "张桂英"))->reasons, ==, YI_WELFARE_ALONE);
    g_assert_cmpstr (((YiWelfareItem *) g_hash_table_lookup (names, "张桂英"))->contact_phone, ==, "13900001111");
    g_assert_cmpuint (((YiWelfareItem *) g_hash_table_lookup (names, "周玉珍"))->reasons, ==, YI_WELFARE_ADVANCED_AGE);
    g_assert_cmpint (((YiWelfareItem *) g_hash_table_lookup (names, "周玉珍"))->age, ==, 82);
    g_assert_cmpuint (((YiWelfareItem *) g_hash_table_lookup (names, "孙丽娟"))->reasons, ==, YI_WELFARE_EMPTY_NEST);
  }
  {
    g_autoptr(GPtrArray) mine = yi_welfare_due (f->store, vol, &error);
    g_autoptr(GPtrArray) none = yi_welfare_due (f->store, lonely_vol, &error);
    g_assert_cmpuint (mine->len, ==, 1);
    g_assert_cmpstr (((YiWelfareItem *) mine->pdata[0])->name, ==, "张桂英");
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* bad outcomes and resolving what is not open are refused */
  g_assert_null (yi_welfare_record_call (f->store, alone, "maybe", NULL, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yi_welfare_record_call (f->store, alone, "resolved", NULL, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yi_welfare_record_call (f->store, "nobody", "fine", NULL, &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  call = yi_welfare_record_call (f->store, alone, "no_answer", "  rang twice ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM welfare_calls WHERE id = ? AND call_date = '2026-03-02' AND note = 'rang twice'", call, NULL), ==, 1);
  g_clear_pointer (&call, g_free);
  call = yi_welfare_record_call (f->store, old_absent, "fine", NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) again = yi_welfare_due (f->store, NULL, &error);
    g_autoptr(GPtrArray) follow = yi_welfare_follow_ups (f->store, NULL, &error);
    g_assert_cmpuint (again->len, ==, 3);
    g_assert_null (((YiWelfareItem *) again->pdata[0])->outcome);   /* still to call first */
    g_assert_cmpstr (((YiWelfareItem *) again->pdata[0])->name, ==, "孙丽娟");
    g_assert_cmpuint (follow->len, ==, 1);
    g_assert_cmpstr (((YiWelfareItem *) follow->pdata[0])->name, ==, "张桂英");
    g_assert_cmpstr (((YiWelfareItem *) follow->pdata[0])->outcome, ==, "no_answer");
  }

  /* the next day: a fine call does not close the follow-up; resolving does */
  advance_s (24 * 3600);
  g_clear_pointer (&call, g_free);
  call = yi_welfare_record_call (f->store, alone, "unwell", "fever, daughter visiting", &error);
  g_clear_pointer (&call, g_free);
  call = yi_welfare_record_call (f->store, alone, "fine", NULL, &error);
  {
    g_autoptr(GPtrArray) follow = yi_welfare_follow_ups (f->store, NULL, &error);
    g_assert_cmpuint (follow->len, ==, 1);
    g_assert_cmpstr (((YiWelfareItem *) follow->pdata[0])->outcome, ==, "unwell");
    g_assert_cmpstr (((YiWelfareItem *) follow->pdata[0])->call_date, ==, "2026-03-03");
  }
  g_clear_pointer (&call, g_free);
  call = yi_welfare_record_call (f->store, alone, "resolved", "feels better", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) follow = yi_welfare_follow_ups (f->store, NULL, &error);
    g_assert_cmpuint (follow->len, ==, 0);
  }
}

static void
test_card_desk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_elder (f->store, "张桂英", "1946-04-02", NULL, 31);
  g_autofree char *b = add_elder (f->store, "李建国", "1950-01-01", NULL, 31);
  g_autofree char *c1 = yi_store_issue_card (f->store, "04A1B2C3", a, NULL, &error);
  g_autofree char *c2 = yi_store_issue_card (f->store, "0B0B0B0B", b, NULL, &error);
  g_autofree char *replaced = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_auto(GStrv) cards = NULL;

  g_assert_no_error (error);
  /* a refused new card leaves the old one working */
  g_assert_null (yi_cards_replace_lost (f->store, a, "0B0B0B0B", &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "李建国"));
  g_clear_error (&error);
  g_assert_null (yi_cards_replace_lost (f->store, a, "04:a1:b2:c3", &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (yi_cards_replace_lost (f->store, a, "not-hex", &error));
  g_assert_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID);
  g_clear_error (&error);
  cards = yi_cards_of_elder (f->store, a);
  g_assert_cmpstr (cards[0], ==, "04A1B2C3");
  g_assert_null (cards[1]);
  g_clear_pointer (&cards, g_strfreev);

  replaced = yi_cards_replace_lost (f->store, a, "0C0C0C0C", &error);
  g_assert_no_error (error);
  cards = yi_cards_of_elder (f->store, a);
  g_assert_cmpstr (cards[0], ==, "0C0C0C0C");
  g_assert_null (cards[1]);
  g_assert_cmpint (yi_store_count (f->store, "SELECT count(*) FROM cards WHERE uid = '04A1B2C3' AND revoke_reason = 'lost'", NULL), ==, 1);

  /* the lost card tapped at the door, and two taps of a stranger's card */
  {
    g_autoptr(YiTapResult) r1 = yi_store_tap (f->store, "04A1B2C3", &error);
    g_autoptr(YiTapResult) r2 = yi_store_tap (f->store, "DEADBEEF", &error);
    g_autoptr(YiTapResult) r3 = NULL;
    advance_s (120);
    r3 = yi_store_tap (f->store, "DEADBEEF", &error);
    g_assert_cmpint (r1->kind, ==, YI_TAP_REVOKED_CARD);
    g_assert_cmpint (r3->kind, ==, YI_TAP_UNKNOWN_CARD);
  }
  queue = yi_cards_unknown_queue (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_cmpstr (((YiUnknownCard *) queue->pdata[0])->uid, ==, "DEADBEEF");
  g_assert_cmpuint (((YiUnknownCard *) queue->pdata[0])->taps, ==, 2);
  g_assert_cmpstr (((YiUnknownCard *) queue->pdata[0])->last_time, ==, "09:02");
  g_assert_cmpstr (((YiUnknownCard *) queue->pdata[1])->why, ==, "revoked");
  /* once bound, a card leaves the queue */
  g_free (yi_store_issue_card (f->store, "DEADBEEF", b, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = yi_cards_unknown_queue (f->store, &error);
  g_assert_cmpuint (queue->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/staff-core/roles", test_roles);
  g_test_add ("/staff-core/session/login", Fixture, NULL, fixture_setup, test_session_login, fixture_teardown);
  g_test_add ("/staff-core/session/lockout", Fixture, NULL, fixture_setup, test_session_lockout, fixture_teardown);
  g_test_add ("/staff-core/session/idle", Fixture, NULL, fixture_setup, test_session_idle, fixture_teardown);
  g_test_add ("/staff-core/today", Fixture, NULL, fixture_setup, test_today, fixture_teardown);
  g_test_add ("/staff-core/card-desk", Fixture, NULL, fixture_setup, test_card_desk, fixture_teardown);
  g_test_add ("/staff-core/welfare", Fixture, NULL, fixture_setup, test_welfare, fixture_teardown);
  return g_test_run ();
}
