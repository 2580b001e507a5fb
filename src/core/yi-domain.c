#include "config.h"

#include "yi-domain.h"
#include "yi-clock.h"
#include "yi-idcard.h"
#include "yi-ids.h"
#include "yi-pin.h"
#include "yi-store-private.h"
#include "yi-settings.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *const category_codes[] = {
  "sanwu", "wubao", "dibao", "dibao_edge", "low_income", "empty_nest", "alone",
  "widowed", "advanced_age", "disabled", "semi_disabled", "dementia",
  "disability", "veteran", "model_worker", "centenarian",
  "family_planning_special", "left_behind",
  NULL
};

static const char *const category_labels[] = {
  N_("Three-nos (三无)"), N_("Five guarantees / extreme poverty (五保/特困)"),
  N_("Minimum living allowance (低保)"), N_("Near minimum allowance (低保边缘)"),
  N_("Low income (低收入)"), N_("Empty nest (空巢)"), N_("Living alone (独居)"),
  N_("Widowed, no children (孤寡)"), N_("Advanced age, 80+ (高龄)"),
  N_("Disabled in daily living (失能)"), N_("Partly disabled (半失能)"),
  N_("Dementia (失智)"), N_("Disability (残疾)"), N_("Priority veteran (重点优抚)"),
  N_("Model worker (劳模)"), N_("Centenarian (百岁老人)"),
  N_("Special family-planning family (计生特殊家庭)"), N_("Left behind (留守)"),
};

const char *const *
yi_category_codes (void)
{
  return category_codes;
}

gboolean
yi_category_is_known (const char *category)
{
  return category != NULL && g_strv_contains (category_codes, category);
}

const char *
yi_category_label (const char *category)
{
  for (guint i = 0; category_codes[i]; i++)
    if (g_strcmp0 (category_codes[i], category) == 0)
      return _(category_labels[i]);
  return category;
}

void
yi_elder_free (YiElder *elder)
{
  if (elder == NULL)
    return;
  g_free (elder->id);
  g_free (elder->name);
  g_free (elder->birth_date);
  g_free (elder->id_number);
  g_free (elder->phone);
  g_free (elder->address);
  g_free (elder->street);
  g_free (elder->diet);
  g_free (elder->living_arrangement);
  g_free (elder->status);
  g_clear_pointer (&elder->photo, g_bytes_unref);
  g_free (elder);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

YiElder *
yi_store_get_elder (YiStore     *store,
                    const char  *elder_id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT id, name, gender, birth_date, id_number, phone, address, street, diet, "
      "living_arrangement, status, delivery_allowed, can_confirm, expected_weekdays, photo "
      "FROM elders WHERE id = ?", error);
  YiElder *e;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   _("No elder is registered under this record"));
      return NULL;
    }
  e = g_new0 (YiElder, 1);
  e->id = column_dup (stmt, 0);
  e->name = column_dup (stmt, 1);
  e->gender = ((const char *) sqlite3_column_text (stmt, 2))[0];
  e->birth_date = column_dup (stmt, 3);
  e->id_number = column_dup (stmt, 4);
  e->phone = column_dup (stmt, 5);
  e->address = column_dup (stmt, 6);
  e->street = column_dup (stmt, 7);
  e->diet = column_dup (stmt, 8);
  e->living_arrangement = column_dup (stmt, 9);
  e->status = column_dup (stmt, 10);
  e->delivery_allowed = sqlite3_column_int (stmt, 11);
  e->can_confirm = sqlite3_column_int (stmt, 12);
  e->expected_weekdays = sqlite3_column_int (stmt, 13);
  if (sqlite3_column_type (stmt, 14) == SQLITE_BLOB)
    e->photo = g_bytes_new (sqlite3_column_blob (stmt, 14), sqlite3_column_bytes (stmt, 14));
  return e;
}

char *
yi_store_find_elder_by_id_number (YiStore    *store,
                                  const char *id_number)
{
  g_autofree char *normal = yi_idcard_normalise (id_number, NULL, NULL, NULL);

  if (normal == NULL)
    return NULL;
  return yi_store_query_string (store, "SELECT id FROM elders WHERE id_number = ?", normal, NULL);
}

/* Checks an ID number and that the birth date and gender given beside it
 * (either may be NULL or empty) agree with what it encodes.  Returns the
 * normalised number; @id_birth and @id_gender receive what it encodes. */
char *
yi_elder_check_identity (const char  *id_number,
                         const char  *birth_date,
                         const char  *gender,
                         char       **id_birth,
                         char        *id_gender,
                         GError     **error)
{
  g_autofree char *birth = NULL;
  g_autofree char *normal = NULL;
  char sex = 0;

  normal = yi_idcard_normalise (id_number, &birth, &sex, error);
  if (normal == NULL)
    return NULL;
  if (birth_date != NULL && *birth_date != '\0' && g_strcmp0 (birth_date, birth) != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("The birth date %s does not match the ID number, which says %s"), birth_date, birth);
      return NULL;
    }
  if (gender != NULL && *gender != '\0' && gender[0] != sex)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("The gender does not match the ID number, which says %s"),
                   sex == 'M' ? _("male") : _("female"));
      return NULL;
    }
  if (id_birth)
    *id_birth = g_steal_pointer (&birth);
  if (id_gender)
    *id_gender = sex;
  return g_steal_pointer (&normal);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

char *
yi_store_save_elder (YiStore     *store,
                     const char  *elder_id,
                     JsonObject  *fields,
                     GError     **error)
{
  g_autoptr(JsonObject) row = json_object_new ();
  g_autofree char *id = NULL;
  const char *name = member_string (fields, "name");
  const char *idnum = member_string (fields, "id_number");
  const char *birth = member_string (fields, "birth_date");
  const char *gender = member_string (fields, "gender");
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &key, &node))
    json_object_set_member (row, key, json_node_copy (node));

  if (elder_id == NULL || json_object_has_member (fields, "name"))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

      if (*trimmed == '\0')
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID, _("The name is missing"));
          return NULL;
        }
      json_object_set_string_member (row, "name", trimmed);
    }

  if (idnum != NULL && *idnum != '\0')
    {
      g_autofree char *id_birth = NULL;
      g_autofree char *normal = NULL;
      g_autofree char *other = NULL;
      char id_gender = 0;

      normal = yi_elder_check_identity (idnum, birth, gender, &id_birth, &id_gender, error);
      if (normal == NULL)
        return NULL;
      other = yi_store_query_string (store, "SELECT id FROM elders WHERE id_number = ?", normal, NULL);
      if (other != NULL && g_strcmp0 (other, elder_id) != 0)
        {
          g_autofree char *who = yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", other, NULL);
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                       _("This ID number is already registered to %s"), who);
          return NULL;
        }
      json_object_set_string_member (row, "id_number", normal);
      json_object_set_string_member (row, "birth_date", id_birth);
      json_object_set_string_member (row, "gender", id_gender == 'M' ? "M" : "F");
    }
  else
    {
      if (json_object_has_member (row, "id_number"))
        json_object_set_null_member (row, "id_number");
      if (elder_id == NULL && (birth == NULL || !yi_date_is_valid (birth)))
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       _("Without an ID number, a birth date (YYYY-MM-DD) is needed"));
          return NULL;
        }
      if (elder_id == NULL && (gender == NULL || (strcmp (gender, "F") != 0 && strcmp (gender, "M") != 0)))
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       _("Without an ID number, the gender is needed"));
          return NULL;
        }
    }

  if (json_object_has_member (row, "birth_date"))
    {
      const char *b = json_object_get_string_member (row, "birth_date");
      g_autofree char *today = yi_store_today (store);

      if (!yi_date_is_valid (b) || strcmp (b, today) > 0)
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       _("“%s” is not a possible birth date"), b);
          return NULL;
        }
    }

  id = elder_id ? g_strdup (elder_id) : yi_uuid_v7_new ();
  if (!yi_store_put_entity (store, "elders", id, row, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
yi_store_set_elder_status (YiStore     *store,
                           const char  *elder_id,
                           const char  *status,
                           const char  *effective_date,
                           const char  *reason,
                           GError     **error)
{
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *event = NULL;

  if (g_strcmp0 (status, "active") != 0 && g_strcmp0 (status, "moved") != 0 &&
      g_strcmp0 (status, "deceased") != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Unknown status “%s”"), status);
      return FALSE;
    }
  if (!yi_date_is_valid (effective_date))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Give the date of the change as YYYY-MM-DD"));
      return FALSE;
    }

  if (!yi_store_begin (store, error))
    return FALSE;
  json_object_set_string_member (change, "elder_id", elder_id);
  json_object_set_string_member (change, "status", status);
  json_object_set_string_member (change, "effective_date", effective_date);
  if (reason)
    json_object_set_string_member (change, "reason", reason);
  event = yi_store_append_event (store, "elder_status_changes", change, error);
  json_object_set_string_member (fields, "status", status);
  json_object_set_string_member (fields, "status_date", effective_date);
  if (event == NULL || !yi_store_put_entity (store, "elders", elder_id, fields, error))
    {
      yi_store_rollback (store);
      return FALSE;
    }
  return yi_store_commit (store, error);
}

char *
yi_store_add_elder_category (YiStore     *store,
                             const char  *elder_id,
                             const char  *category,
                             const char  *evidence_type,
                             const char  *evidence_number,
                             const char  *valid_from,
                             const char  *valid_to,
                             GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;

  if (!yi_category_is_known (category))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Unknown category “%s”"), category);
      return NULL;
    }
  if (!yi_date_is_valid (valid_from) || (valid_to && *valid_to && !yi_date_is_valid (valid_to)))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Give the validity dates as YYYY-MM-DD"));
      return NULL;
    }
  if (valid_to && *valid_to && strcmp (valid_to, valid_from) < 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("The category ends before it starts"));
      return NULL;
    }
  id = yi_uuid_v7_new ();
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "category", category);
  if (evidence_type)
    json_object_set_string_member (f, "evidence_type", evidence_type);
  if (evidence_number)
    json_object_set_string_member (f, "evidence_number", evidence_number);
  json_object_set_string_member (f, "valid_from", valid_from);
  if (valid_to && *valid_to)
    json_object_set_string_member (f, "valid_to", valid_to);
  if (!yi_store_put_entity (store, "elder_categories", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
yi_staff_role_is_known (const char *role)
{
  static const char *const roles[] = { "admin", "staff", "kitchen", "health", "volunteer", NULL };

  return role != NULL && g_strv_contains (roles, role);
}

char *
yi_store_add_staff (YiStore     *store,
                    const char  *name,
                    const char  *role,
                    const char  *pin,
                    GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *hash = NULL;
  g_autofree char *id = NULL;

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID, _("The name is missing"));
      return NULL;
    }
  if (!yi_staff_role_is_known (role))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("Unknown role “%s”: use admin, staff, kitchen, health or volunteer"), role);
      return NULL;
    }
  hash = yi_pin_hash (pin, error);
  if (hash == NULL)
    return NULL;
  id = yi_uuid_v7_new ();
  json_object_set_string_member (f, "name", name);
  json_object_set_string_member (f, "role", role);
  json_object_set_string_member (f, "pin_hash", hash);
  if (!yi_store_put_entity (store, "staff", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Returns the staff id whose PIN matches; with @staff_id NULL, any active
 * staff member's PIN is tried (PIN-only login). */
char *
yi_store_verify_staff_pin (YiStore    *store,
                           const char *staff_id,
                           const char *pin)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT id, pin_hash FROM staff WHERE active = 1 AND pin_hash IS NOT NULL AND (?1 IS NULL OR id = ?1)",
      NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (yi_pin_verify ((const char *) sqlite3_column_text (stmt, 1), pin))
      return column_dup (stmt, 0);
  return NULL;
}

char *
yi_card_uid_normalise (const char  *uid,
                       GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = uid ? uid : ""; *p; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                       _("A card number is written in hexadecimal (0–9, A–F)"));
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  if (out->len < 8 || out->len > 20 || out->len % 2 != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   _("A card number has 4, 7 or 10 bytes (8, 14 or 20 hex digits)"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
card_owner_name (YiStore    *store,
                 const char *uid)
{
  return yi_store_query_string (store,
      "SELECT coalesce(e.name, s.name) FROM cards c "
      "LEFT JOIN elders e ON e.id = c.elder_id LEFT JOIN staff s ON s.id = c.staff_id "
      "WHERE c.uid = ? AND c.revoked_at IS NULL", uid, NULL);
}

char *
yi_store_issue_card (YiStore     *store,
                     const char  *uid,
                     const char  *elder_id,
                     const char  *staff_id,
                     GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *normal = yi_card_uid_normalise (uid, error);
  g_autofree char *owner = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  if (normal == NULL)
    return NULL;
  if ((elder_id == NULL) == (staff_id == NULL))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID,
                   "A card belongs to exactly one elder or one staff member");
      return NULL;
    }
  owner = card_owner_name (store, normal);
  if (owner != NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_CONFLICT,
                   _("Card %s already belongs to %s. Revoke it there first if it has changed hands."),
                   normal, owner);
      return NULL;
    }
  if (elder_id && !yi_store_row_exists (store, "elders", elder_id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  if (staff_id && !yi_store_row_exists (store, "staff", staff_id))
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND, _("No such staff member"));
      return NULL;
    }

  id = yi_uuid_v7_new ();
  now = yi_clock_format_utc (yi_clock_now_us ());
  json_object_set_string_member (f, "uid", normal);
  if (elder_id)
    json_object_set_string_member (f, "elder_id", elder_id);
  else
    json_object_set_string_member (f, "staff_id", staff_id);
  json_object_set_string_member (f, "issued_at", now);
  if (!yi_store_put_entity (store, "cards", id, f, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
yi_store_revoke_card (YiStore     *store,
                      const char  *uid,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *normal = yi_card_uid_normalise (uid, error);
  g_autofree char *card_id = NULL;
  g_autofree char *now = NULL;

  if (normal == NULL)
    return FALSE;
  card_id = yi_store_query_string (store, "SELECT id FROM cards WHERE uid = ? AND revoked_at IS NULL", normal, NULL);
  if (card_id == NULL)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_NOT_FOUND,
                   _("Card %s is not in use, so there is nothing to revoke"), normal);
      return FALSE;
    }
  now = yi_clock_format_utc (yi_clock_now_us ());
  json_object_set_string_member (f, "revoked_at", now);
  json_object_set_string_member (f, "revoke_reason", reason ? reason : "revoked");
  return yi_store_put_entity (store, "cards", card_id, f, error);
}

void
yi_tap_result_free (YiTapResult *r)
{
  if (r == NULL)
    return;
  g_free (r->uid);
  g_free (r->elder_id);
  g_free (r->elder_name);
  g_free (r->staff_id);
  g_free (r->event_id);
  g_free (r);
}

static YiTapResult *
record_refused_tap (YiStore     *store,
                    YiTapResult *r,
                    YiTapKind    kind,
                    const char  *why,
                    GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *id = NULL;

  r->kind = kind;
  json_object_set_string_member (f, "uid", r->uid);
  json_object_set_string_member (f, "why", why);
  id = yi_store_append_event (store, "unknown_card_taps", f, error);
  if (id == NULL)
    {
      yi_tap_result_free (r);
      return NULL;
    }
  return r;
}

char *
yi_store_manual_attendance (YiStore     *store,
                            const char  *elder_id,
                            const char  *kind,
                            GError     **error)
{
  g_autoptr(JsonObject) f = json_object_new ();

  if (g_strcmp0 (kind, "in") != 0 && g_strcmp0 (kind, "out") != 0)
    {
      g_set_error (error, YI_STORE_ERROR, YI_STORE_ERROR_INVALID, "Attendance is either in or out");
      return NULL;
    }
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "kind", kind);
  json_object_set_string_member (f, "method", "manual");
  return yi_store_append_event (store, "attendance", f, error);
}

YiTapResult *
yi_store_tap (YiStore     *store,
              const char  *uid,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) card = NULL;
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *today = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *status = NULL;
  YiTapResult *r;
  gint64 now = yi_clock_now_us ();
  int repeat_window_s;

  r = g_new0 (YiTapResult, 1);
  r->uid = yi_card_uid_normalise (uid, error);
  if (r->uid == NULL)
    {
      yi_tap_result_free (r);
      return NULL;
    }

  card = yi_store_prepare (store,
      "SELECT c.elder_id, c.staff_id, e.name, e.birth_date, e.status FROM cards c "
      "LEFT JOIN elders e ON e.id = c.elder_id "
      "WHERE c.uid = ? AND c.revoked_at IS NULL", error);
  if (card == NULL)
    {
      yi_tap_result_free (r);
      return NULL;
    }
  sqlite3_bind_text (card, 1, r->uid, -1, SQLITE_STATIC);
  if (sqlite3_step (card) != SQLITE_ROW)
    {
      gboolean revoked = yi_store_count (store, "SELECT count(*) FROM cards WHERE uid = ?", r->uid, NULL) > 0;

      return record_refused_tap (store, r,
                                 revoked ? YI_TAP_REVOKED_CARD : YI_TAP_UNKNOWN_CARD,
                                 revoked ? "revoked" : "unknown", error);
    }
  if (sqlite3_column_type (card, 1) != SQLITE_NULL)
    {
      r->kind = YI_TAP_STAFF;
      r->staff_id = column_dup (card, 1);
      return r;
    }

  r->elder_id = column_dup (card, 0);
  r->elder_name = column_dup (card, 2);
  birth = column_dup (card, 3);
  status = column_dup (card, 4);
  /* done reading: a statement left on its row keeps a read snapshot open,
   * and the write below could then not take the lock while the sync
   * thread commits ("database is locked", with no wait) */
  sqlite3_reset (card);
  if (g_strcmp0 (status, "active") != 0)
    return record_refused_tap (store, r, YI_TAP_INACTIVE_ELDER, "inactive_elder", error);

  today = yi_clock_local_date (now, yi_store_get_timezone (store));
  r->age = yi_age_on (birth, today);
  r->birthday = birth != NULL && strlen (birth) == 10 && strcmp (birth + 5, today + 5) == 0;

  last = yi_store_prepare (store,
      "SELECT a.kind, a.at, (SELECT at FROM attendance i WHERE i.elder_id = a.elder_id AND i.local_date = a.local_date "
      "                      AND i.kind = 'in' AND i.at <= a.at ORDER BY i.at DESC LIMIT 1) "
      "FROM attendance a WHERE a.elder_id = ? AND a.local_date = ? "
      "AND a.id NOT IN (SELECT target_id FROM event_voids WHERE target_table = 'attendance') "
      "ORDER BY a.at DESC LIMIT 1", error);
  if (last == NULL)
    {
      yi_tap_result_free (r);
      return NULL;
    }
  sqlite3_bind_text (last, 1, r->elder_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (last, 2, today, -1, SQLITE_STATIC);

  /* A second tap soon after the first is the same visit (hands shake, cards
   * are tapped twice); only after the window does it mean "going home". */
  repeat_window_s = yi_settings_get_int (YI_SETTING_TAP_REPEAT_WINDOW);
  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", r->elder_id);
  json_object_set_string_member (f, "method", "card");
  json_object_set_string_member (f, "card_uid", r->uid);

  if (sqlite3_step (last) == SQLITE_ROW)
    {
      gboolean checked_in = g_strcmp0 ((const char *) sqlite3_column_text (last, 0), "in") == 0;
      gint64 last_at = 0, in_at = 0;

      yi_clock_parse_utc ((const char *) sqlite3_column_text (last, 1), &last_at);
      if (sqlite3_column_type (last, 2) != SQLITE_NULL)
        yi_clock_parse_utc ((const char *) sqlite3_column_text (last, 2), &in_at);
      else
        in_at = last_at;
      sqlite3_reset (last);
      if (now - last_at < (gint64) repeat_window_s * G_USEC_PER_SEC)
        {
          r->kind = YI_TAP_REPEAT;
          r->checked_in = checked_in;
          return r;
        }
      if (checked_in)
        {
          r->kind = YI_TAP_CHECK_OUT;
          r->minutes_in = (now - in_at) / (60 * G_USEC_PER_SEC);
          r->checked_in = FALSE;
          json_object_set_string_member (f, "kind", "out");
          r->event_id = yi_store_append_event (store, "attendance", f, error);
          if (r->event_id == NULL)
            {
              yi_tap_result_free (r);
              return NULL;
            }
          return r;
        }
    }

  r->kind = YI_TAP_CHECK_IN;
  r->checked_in = TRUE;
  json_object_set_string_member (f, "kind", "in");
  r->event_id = yi_store_append_event (store, "attendance", f, error);
  if (r->event_id == NULL)
    {
      yi_tap_result_free (r);
      return NULL;
    }
  return r;
}
