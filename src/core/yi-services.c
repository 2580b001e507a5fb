#include "config.h"

#include "yi-services.h"
#include "yi-clock.h"
#include "yi-domain.h"
#include "yi-entitlement.h"
#include "yi-ledger.h"
#include "yi-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (yi-service-error-quark, yi_service_error)

/* How far ahead of the device clock a service may be dated: clocks drift. */
#define FUTURE_TOLERANCE_US (15 * 60 * G_USEC_PER_SEC)

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
refuse_inactive (const YiEntitlement *ent,
                 const char          *name,
                 GError             **error)
{
  g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INACTIVE_ELDER,
               g_strcmp0 (ent->status, "deceased") == 0
                 ? _("%s is recorded as deceased by %s; no service can be recorded")
                 : _("%s is recorded as moved away by %s; no service can be recorded"),
               name, ent->date);
  return FALSE;
}

char *
yi_store_record_service (YiStore     *store,
                         const char  *elder_id,
                         const char  *service_type_id,
                         const char  *provider_staff_id,
                         const char  *started_at,
                         int          duration_min,
                         const char  *notes,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) type = NULL;
  g_autoptr(YiEntitlement) ent = NULL;
  g_autoptr(JsonObject) f = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *code = NULL;
  g_autofree char *unit = NULL;
  gint64 start_us = 0, price;

  name = elder_id ? yi_store_query_string (store, "SELECT name FROM elders WHERE id = ?", elder_id, NULL) : NULL;
  if (name == NULL)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NOT_FOUND, _("No such elder"));
      return NULL;
    }
  if (started_at == NULL || !yi_clock_parse_utc (started_at, &start_us))
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("The start time “%s” is not a time like 2026-07-01T02:30:00Z"), started_at ? started_at : "");
      return NULL;
    }
  if (start_us > yi_clock_now_us () + FUTURE_TOLERANCE_US)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("A service can be recorded only once it has started"));
      return NULL;
    }
  if (duration_min < 1 || duration_min > 24 * 60)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("A service lasts between 1 minute and 24 hours"));
      return NULL;
    }
  if (provider_staff_id != NULL && !yi_store_row_exists (store, "staff", provider_staff_id))
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NOT_FOUND, _("No such staff member"));
      return NULL;
    }

  type = yi_store_prepare (store, "SELECT code, price_fen, unit, active FROM service_types WHERE id = ?", error);
  if (type == NULL)
    return NULL;
  sqlite3_bind_text (type, 1, service_type_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (type) != SQLITE_ROW)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NOT_FOUND, _("No such service in the catalogue"));
      return NULL;
    }
  if (!sqlite3_column_int (type, 3))
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("This service has been withdrawn from the catalogue"));
      return NULL;
    }
  code = column_dup (type, 0);
  unit = column_dup (type, 2);

  date = yi_store_local_date_of (store, start_us);
  ent = yi_store_get_entitlement (store, elder_id, date, error);
  if (ent == NULL)
    return NULL;
  if (!yi_entitlement_is_active (ent))
    {
      refuse_inactive (ent, name, error);
      return NULL;
    }
  price = yi_policy_service_price (ent->policy, code, sqlite3_column_int64 (type, 1), unit, duration_min);

  f = json_object_new ();
  json_object_set_string_member (f, "elder_id", elder_id);
  json_object_set_string_member (f, "service_type_id", service_type_id);
  if (provider_staff_id)
    json_object_set_string_member (f, "provider_staff_id", provider_staff_id);
  json_object_set_string_member (f, "started_at", started_at);
  json_object_set_int_member (f, "duration_min", duration_min);
  json_object_set_int_member (f, "price_fen", price);
  if (notes && *notes)
    json_object_set_string_member (f, "notes", notes);
  return yi_store_append_event (store, "service_records", f, error);
}

typedef struct {
  char     *elder_id;
  char     *elder_name;
  char     *date;
  char     *category;
  gint64    price_fen;
  gboolean  subsidy_eligible;
} ServiceFacts;

static void
service_facts_clear (ServiceFacts *s)
{
  g_free (s->elder_id);
  g_free (s->elder_name);
  g_free (s->date);
  g_free (s->category);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServiceFacts, service_facts_clear)

/* Loads a record and checks it can still be confirmed. */
static gboolean
confirmable_service (YiStore      *store,
                     const char   *record_id,
                     ServiceFacts *facts,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      "SELECT s.elder_id, e.name, s.started_at, t.category, s.price_fen, t.subsidy_eligible "
      "FROM service_records s JOIN elders e ON e.id = s.elder_id JOIN service_types t ON t.id = s.service_type_id "
      "WHERE s.id = ?", error);
  gint64 start_us = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NOT_FOUND, _("No such service record"));
      return FALSE;
    }
  if (yi_store_is_voided (store, record_id))
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_CANCELLED,
                   _("This service record was cancelled, so it cannot be confirmed"));
      return FALSE;
    }
  if (yi_store_count (store,
                      "SELECT count(*) FROM service_confirmations c WHERE c.service_record_id = ? "
                      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = c.id)",
                      record_id, NULL) > 0)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_ALREADY_CONFIRMED,
                   _("This service has already been confirmed"));
      return FALSE;
    }
  facts->elder_id = column_dup (stmt, 0);
  facts->elder_name = column_dup (stmt, 1);
  yi_clock_parse_utc ((const char *) sqlite3_column_text (stmt, 2), &start_us);
  facts->date = yi_store_local_date_of (store, start_us);
  facts->category = column_dup (stmt, 3);
  facts->price_fen = sqlite3_column_int64 (stmt, 4);
  facts->subsidy_eligible = sqlite3_column_int (stmt, 5);
  return TRUE;
}

/* Writes the confirmation and the money it releases, as one change. */
static char *
confirm_and_post (YiStore      *store,
                  const char   *record_id,
                  ServiceFacts *facts,
                  JsonObject   *confirmation,
                  GError      **error)
{
  g_autoptr(YiEntitlement) ent = NULL;
  g_autofree char *id = NULL;
  g_autofree char *subsidy_rule = NULL;
  YiChargeSplit split;
  YiCharge charge = {
    .elder_id = facts->elder_id,
    .date = facts->date,
    .source_table = "service_records",
    .source_id = record_id,
    .price_fen = facts->price_fen,
  };

  /* The rules of the day the service was given, not of the day it was
   * confirmed: a policy change applies from its effective date only. */
  ent = yi_store_get_entitlement (store, facts->elder_id, facts->date, error);
  if (ent == NULL)
    return NULL;
  if (ent->policy != NULL && facts->subsidy_eligible)
    {
      subsidy_rule = g_strconcat (ent->tier_rule, ":service-discount", NULL);
      charge.subsidy_fen = yi_fen_percent (facts->price_fen, yi_policy_service_discount (ent->policy, ent->tier));
      charge.subsidy_rule = subsidy_rule;
      charge.allowance_may_pay = yi_policy_allowance_pays_for (ent->policy, facts->category);
    }

  json_object_set_string_member (confirmation, "service_record_id", record_id);
  if (!yi_store_begin (store, error))
    return NULL;
  id = yi_store_append_event (store, "service_confirmations", confirmation, error);
  if (id == NULL || !yi_ledger_post_charge (store, ent, &charge, &split, error))
    {
      yi_store_rollback (store);
      return NULL;
    }
  if (!yi_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}

char *
yi_store_confirm_service_by_tap (YiStore     *store,
                                 const char  *service_record_id,
                                 const char  *card_uid,
                                 int          rating,
                                 GError     **error)
{
  g_auto(ServiceFacts) facts = { 0 };
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *uid = NULL;
  g_autofree char *owner = NULL;

  if (rating < 1 || rating > 5)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("A rating is one to five faces"));
      return NULL;
    }
  uid = yi_card_uid_normalise (card_uid, error);
  if (uid == NULL || !confirmable_service (store, service_record_id, &facts, error))
    return NULL;
  owner = yi_store_query_string (store, "SELECT elder_id FROM cards WHERE uid = ? AND revoked_at IS NULL", uid, NULL);
  if (g_strcmp0 (owner, facts.elder_id) != 0)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_WRONG_CARD,
                   _("This card is not %s’s. Only the elder who received the service can confirm it."),
                   facts.elder_name);
      return NULL;
    }
  json_object_set_string_member (f, "method", "tap");
  json_object_set_int_member (f, "rating", rating);
  json_object_set_string_member (f, "card_uid", uid);
  return confirm_and_post (store, service_record_id, &facts, f, error);
}

char *
yi_store_attest_service (YiStore     *store,
                         const char  *service_record_id,
                         const char  *reason,
                         GError     **error)
{
  g_auto(ServiceFacts) facts = { 0 };
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));

  if (yi_store_get_actor (store) == NULL)
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_NEEDS_STAFF,
                   _("Only a signed-in staff member can vouch for a service"));
      return NULL;
    }
  if (*why == '\0')
    {
      g_set_error (error, YI_SERVICE_ERROR, YI_SERVICE_ERROR_INVALID,
                   _("Say why the elder cannot confirm the service themselves (for example: bedridden)"));
      return NULL;
    }
  if (!confirmable_service (store, service_record_id, &facts, error))
    return NULL;
  json_object_set_string_member (f, "method", "attestation");
  json_object_set_string_member (f, "reason", why);
  return confirm_and_post (store, service_record_id, &facts, f, error);
}

void
yi_pending_service_free (YiPendingService *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->elder_id);
  g_free (s->elder_name);
  g_free (s->service_code);
  g_free (s->service_name);
  g_free (s->provider_name);
  g_free (s->started_at);
  g_free (s->local_date);
  g_free (s);
}

GPtrArray *
yi_store_pending_services (YiStore     *store,
                           const char  *elder_id,
                           GError     **error)
{
#define PENDING_SERVICES_SQL(where) \
      "SELECT s.id, s.elder_id, e.name, t.code, t.name_zh, p.name, s.started_at, s.duration_min, s.price_fen " \
      "FROM service_records s JOIN elders e ON e.id = s.elder_id JOIN service_types t ON t.id = s.service_type_id " \
      "LEFT JOIN staff p ON p.id = s.provider_staff_id " \
      where \
      "AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = s.id) " \
      "AND NOT EXISTS (SELECT 1 FROM service_confirmations c WHERE c.service_record_id = s.id " \
      "                AND NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = c.id)) " \
      "ORDER BY s.started_at, s.id"
  /* One elder's (at every tap) by the elder index: "?1 IS NULL OR
   * s.elder_id = ?1" would read years of everyone's services instead. */
  g_autoptr(sqlite3_stmt) stmt = yi_store_prepare (store,
      elder_id != NULL ? PENDING_SERVICES_SQL ("WHERE s.elder_id = ?1 ") : PENDING_SERVICES_SQL ("WHERE 1 "),
      error);
  g_autoptr(GPtrArray) list = NULL;
#undef PENDING_SERVICES_SQL

  if (stmt == NULL)
    return NULL;
  if (elder_id != NULL)
    sqlite3_bind_text (stmt, 1, elder_id, -1, SQLITE_TRANSIENT);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_pending_service_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      YiPendingService *s = g_new0 (YiPendingService, 1);
      gint64 start_us = 0;

      s->id = column_dup (stmt, 0);
      s->elder_id = column_dup (stmt, 1);
      s->elder_name = column_dup (stmt, 2);
      s->service_code = column_dup (stmt, 3);
      s->service_name = column_dup (stmt, 4);
      s->provider_name = column_dup (stmt, 5);
      s->started_at = column_dup (stmt, 6);
      yi_clock_parse_utc (s->started_at, &start_us);
      s->local_date = yi_store_local_date_of (store, start_us);
      s->duration_min = sqlite3_column_int (stmt, 7);
      s->price_fen = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (list, s);
    }
  return g_steal_pointer (&list);
}
