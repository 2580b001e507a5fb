#include "config.h"

#include "yi-demo-private.h"
#include "yi-clock.h"

#include <string.h>

#define MINUTE_US ((gint64) 60 * G_USEC_PER_SEC)

/* One elder's visit to the centre on the day being made. */
typedef struct {
  DemoElder *elder;
  gint64     in_us;
  gint64     out_us;
} Visit;

typedef struct {
  Demo       *demo;
  const char *date;
  const char *festival;
  GArray     *visits;     /* Visit, in arrival order */
} Day;

static gint64
at (Day *day,
    int  minute_of_day)
{
  return yi_demo_local_us (day->demo, day->date, minute_of_day, yi_demo_int (day->demo, 0, 59));
}

static gboolean
event (Day         *day,
       const char  *table,
       JsonObject  *fields,
       gint64       at_us,
       const char  *staff_id,
       char       **id,
       GError     **error)
{
  return yi_demo_event (day->demo, table, fields, at_us, staff_id, id, error);
}

static int
compare_visits (gconstpointer a,
                gconstpointer b)
{
  const Visit *x = a, *y = b;

  return x->in_us < y->in_us ? -1 : x->in_us > y->in_us;
}

static gboolean
attendance (Day     *day,
            GError **error)
{
  Demo *demo = day->demo;
  int weekday_bit = 1 << (yi_date_weekday (day->date) - 1);

  for (guint i = 0; i < demo->elders->len; i++)
    {
      DemoElder *e = demo->elders->pdata[i];
      double p;
      Visit v = { e, 0, 0 };
      int arrive, leave;
      double r;

      if (!e->active || strcmp (e->mobility, "bedridden") == 0)
        continue;
      p = (e->regular && (e->expected_weekdays & weekday_bit)) ? 0.8 :
          strcmp (e->mobility, "wheelchair") == 0 ? 0.01 : 0.035;
      if (day->festival)
        p = MIN (0.95, p * 3 + 0.25);
      if (!yi_demo_chance (demo, p))
        continue;

      r = g_rand_double (demo->rand);
      arrive = r < 0.6 ? yi_demo_int (demo, 8 * 60 + 50, 9 * 60 + 30) :
               r < 0.9 ? yi_demo_int (demo, 9 * 60 + 30, 10 * 60 + 30) :
               yi_demo_int (demo, 10 * 60 + 30, 14 * 60);
      leave = (arrive < 12 * 60 && yi_demo_chance (demo, 0.25)) ? yi_demo_int (demo, 12 * 60 + 30, 13 * 60 + 30)
                                                                  : yi_demo_int (demo, 15 * 60 + 30, 16 * 60 + 58);
      leave = MAX (leave, arrive + 30);
      v.in_us = at (day, arrive);
      v.out_us = at (day, leave);
      g_array_append_val (day->visits, v);
    }
  g_array_sort (day->visits, compare_visits);

  for (guint i = 0; i < day->visits->len; i++)
    {
      Visit *v = &g_array_index (day->visits, Visit, i);
      gboolean manual = yi_demo_chance (demo, 0.03);
      const char *staff = manual ? yi_demo_staff_of_role (demo, "staff") : NULL;

      for (int k = 0; k < 2; k++)
        {
          g_autoptr(JsonObject) f = json_object_new ();

          json_object_set_string_member (f, "elder_id", v->elder->id);
          json_object_set_string_member (f, "kind", k == 0 ? "in" : "out");
          json_object_set_string_member (f, "method", manual ? "manual" : "card");
          if (!manual)
            json_object_set_string_member (f, "card_uid", v->elder->card_uid);
          if (!event (day, "attendance", f, k == 0 ? v->in_us : v->out_us, staff, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
present_at (Visit  *v,
            gint64  when_us)
{
  return v->in_us <= when_us && v->out_us > when_us;
}

static gboolean
welfare_calls (Day     *day,
               GError **error)
{
  static const char *const notes[] = { "身体不适，在家休息", "家中有事，明天再来", "去医院复查了", NULL };
  Demo *demo = day->demo;
  int weekday_bit = 1 << (yi_date_weekday (day->date) - 1);
  gint64 call_time = yi_demo_local_us (demo, day->date, 10 * 60, 0);
  int minute = 10 * 60 + 5;

  for (guint i = 0; i < demo->elders->len; i++)
    {
      DemoElder *e = demo->elders->pdata[i];
      gboolean arrived = FALSE;
      g_autoptr(JsonObject) f = NULL;
      double r;
      const char *outcome;

      if (!e->active || !e->watched || !(e->expected_weekdays & weekday_bit))
        continue;
      for (guint k = 0; k < day->visits->len && !arrived; k++)
        {
          Visit *v = &g_array_index (day->visits, Visit, k);
          arrived = v->elder == e && v->in_us <= call_time;
        }
      if (arrived)
        continue;

      r = g_rand_double (demo->rand);
      outcome = r < 0.70 ? "fine" : r < 0.85 ? "no_answer" : r < 0.93 ? "unwell" : r < 0.97 ? "home_visit" : "resolved";
      f = json_object_new ();
      json_object_set_string_member (f, "elder_id", e->id);
      json_object_set_string_member (f, "call_date", day->date);
      json_object_set_string_member (f, "outcome", outcome);
      if (strcmp (outcome, "fine") != 0 && strcmp (outcome, "no_answer") != 0)
        json_object_set_string_member (f, "note", yi_demo_pick (demo, notes));
      minute = MIN (minute + yi_demo_int (demo, 1, 4), 11 * 60 + 50);
      if (!event (day, "welfare_calls", f, at (day, minute), yi_demo_staff_of_role (demo, "staff"), NULL, error))
        return FALSE;
      if (strcmp (outcome, "no_answer") == 0)
        {
          /* Nobody answering is never left at that: someone calls the family or goes round. */
          g_autoptr(JsonObject) again = json_object_new ();

          json_object_set_string_member (again, "elder_id", e->id);
          json_object_set_string_member (again, "call_date", day->date);
          json_object_set_string_member (again, "outcome", yi_demo_chance (demo, 0.7) ? "resolved" : "home_visit");
          json_object_set_string_member (again, "note", "联系上家属，老人平安");
          if (!event (day, "welfare_calls", again, at (day, minute + 40), yi_demo_staff_of_role (demo, "staff"), NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
order_and_serve (Day         *day,
                 DemoElder   *e,
                 gboolean     delivery,
                 gint64       order_us,
                 GError     **error)
{
  Demo *demo = day->demo;
  g_autoptr(JsonObject) order = json_object_new ();
  g_autoptr(JsonObject) served = NULL;
  g_autofree char *order_id = NULL;
  gboolean by_staff = delivery || order_us > yi_demo_local_us (demo, day->date, 9 * 60 + 30, 0);
  gint64 served_us;

  json_object_set_string_member (order, "elder_id", e->id);
  json_object_set_string_member (order, "on_date", day->date);
  json_object_set_string_member (order, "meal", "lunch");
  json_object_set_string_member (order, "mode", delivery ? "delivery" : "dine_in");
  json_object_set_string_member (order, "diet", e->diet);
  json_object_set_int_member (order, "price_fen", delivery ? 1200 : 1000);
  json_object_set_string_member (order, "channel", by_staff ? "staff" : "kiosk");
  if (!event (day, "meal_orders", order, order_us, by_staff ? yi_demo_staff_of_role (demo, "staff") : NULL,
              &order_id, error))
    return FALSE;
  if (order_id == NULL || yi_demo_chance (demo, 0.02))   /* not yet, or did not turn up */
    return TRUE;

  served = json_object_new ();
  json_object_set_string_member (served, "order_id", order_id);
  json_object_set_string_member (served, "elder_id", e->id);
  json_object_set_string_member (served, "on_date", day->date);
  json_object_set_string_member (served, "meal", "lunch");
  json_object_set_string_member (served, "mode", delivery ? "delivery" : "dine_in");
  if (delivery)
    {
      json_object_set_string_member (served, "method", "manual");
      served_us = at (day, yi_demo_int (day->demo, 11 * 60, 11 * 60 + 50));
      return event (day, "meals_served", served, served_us, yi_demo_staff_of_role (demo, "kitchen"), NULL, error);
    }
  json_object_set_string_member (served, "method", "card");
  served_us = at (day, yi_demo_int (day->demo, 11 * 60 + 30, 12 * 60 + 15));
  return event (day, "meals_served", served, served_us, NULL, NULL, error);
}

static gboolean
meals (Day     *day,
       GError **error)
{
  Demo *demo = day->demo;
  guint dine_in = 0, delivered = 0;
  gint64 eleven = yi_demo_local_us (demo, day->date, 11 * 60, 0);
  gint64 half_twelve = yi_demo_local_us (demo, day->date, 12 * 60 + 30, 0);

  for (guint i = 0; i < day->visits->len && dine_in < 60; i++)
    {
      Visit *v = &g_array_index (day->visits, Visit, i);

      if (v->in_us > eleven || v->out_us < half_twelve || !yi_demo_chance (demo, 0.5))
        continue;
      if (!order_and_serve (day, v->elder, FALSE, v->in_us + yi_demo_int (demo, 1, 6) * MINUTE_US, error))
        return FALSE;
      dine_in++;
    }
  for (guint i = 0; i < demo->elders->len && delivered < 30; i++)
    {
      DemoElder *e = demo->elders->pdata[i];

      if (!e->active || !e->delivery || !yi_demo_chance (demo, 0.45))
        continue;
      if (!order_and_serve (day, e, TRUE, at (day, yi_demo_int (demo, 8 * 60 + 30, 9 * 60 + 20)), error))
        return FALSE;
      delivered++;
    }
  return TRUE;
}

static gboolean
activities (Day     *day,
            GError **error)
{
  Demo *demo = day->demo;
  int weekday = yi_date_weekday (day->date);

  for (guint a = 0; a < demo->activities->len; a++)
    {
      DemoActivity *act = demo->activities->pdata[a];
      gint64 start_us;
      guint joined = 0;

      if (act->weekday ? act->weekday != weekday : g_strcmp0 (act->on_date, day->date) != 0)
        continue;
      start_us = yi_demo_local_us (demo, day->date, act->starts_min, 0);

      for (guint i = 0; i < day->visits->len && joined < (guint) act->capacity; i++)
        {
          Visit *v = &g_array_index (day->visits, Visit, i);
          gboolean likes = act->hobby == NULL || strstr (v->elder->hobbies, act->hobby) != NULL;
          gboolean signed_up;
          g_autoptr(JsonObject) f = NULL;

          if (!present_at (v, start_us + 20 * MINUTE_US))
            continue;
          if (!yi_demo_chance (demo, act->weekday == 0 ? 0.85 : likes ? 0.6 : 0.08))
            continue;
          joined++;
          /* Most sign up at the kiosk first; a few just walk in. */
          signed_up = v->in_us < start_us && yi_demo_chance (demo, 0.9);
          if (signed_up)
            {
              gint64 when = MIN (v->in_us + yi_demo_int (demo, 1, 10) * MINUTE_US, start_us - MINUTE_US);

              f = json_object_new ();
              json_object_set_string_member (f, "activity_id", act->id);
              json_object_set_string_member (f, "session_date", day->date);
              json_object_set_string_member (f, "elder_id", v->elder->id);
              json_object_set_string_member (f, "channel", "kiosk");
              if (!event (day, "activity_signups", f, when, NULL, NULL, error))
                return FALSE;
              g_clear_pointer (&f, json_object_unref);
              if (yi_demo_chance (demo, 0.08))
                continue;   /* signed up, then did not come */
            }
          f = json_object_new ();
          json_object_set_string_member (f, "activity_id", act->id);
          json_object_set_string_member (f, "session_date", day->date);
          json_object_set_string_member (f, "elder_id", v->elder->id);
          json_object_set_string_member (f, "method", "card");
          if (!event (day, "activity_attendance", f, start_us + yi_demo_int (demo, -5, 10) * MINUTE_US, NULL, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

static DemoService *
pick_service (Demo     *demo,
              gboolean  at_home)
{
  int total = 0, r;

  for (guint i = 0; i < demo->services->len; i++)
    {
      DemoService *s = demo->services->pdata[i];
      if (s->at_home == at_home)
        total += s->weight;
    }
  r = yi_demo_int (demo, 0, total - 1);
  for (guint i = 0; i < demo->services->len; i++)
    {
      DemoService *s = demo->services->pdata[i];
      if (s->at_home != at_home)
        continue;
      if (r < s->weight)
        return s;
      r -= s->weight;
    }
  g_assert_not_reached ();
}

static int
service_minutes (Demo        *demo,
                 DemoService *s)
{
  static const struct { const char *code; int low, high; } lengths[] = {
    { "haircut", 20, 30 }, { "foot_care", 40, 60 }, { "massage", 30, 45 }, { "rehab", 45, 60 },
    { "health_check", 10, 20 }, { "counselling", 30, 60 }, { "legal_advice", 30, 45 },
    { "cleaning", 60, 120 }, { "bathing", 40, 60 }, { "medical_escort", 120, 180 },
    { "walking", 30, 60 }, { "meal_help", 20, 30 }, { "emergency", 30, 90 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    if (strcmp (lengths[i].code, s->code) == 0)
      return yi_demo_int (demo, lengths[i].low, lengths[i].high);
  return 30;
}

static gboolean
confirm_service (Day         *day,
                 DemoElder   *e,
                 const char  *record_id,
                 const char  *provider,
                 gint64       end_us,
                 GError     **error)
{
  static const char *const praise[] = { "服务很好，谢谢！", "师傅很耐心", "很满意", "希望多安排几次", "手法很专业", NULL };
  static const char *const complaints[] = { "来晚了半小时", "时间有点短", NULL };
  Demo *demo = day->demo;
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *confirmation = NULL;
  double r = g_rand_double (demo->rand);
  int rating = r < 0.70 ? 5 : r < 0.95 ? 4 : r < 0.99 ? 3 : 2;

  json_object_set_string_member (f, "service_record_id", record_id);
  if (!e->can_confirm)
    {
      /* Bedridden or with dementia: the worker attests, saying why. */
      if (yi_demo_chance (demo, 0.05))
        return TRUE;
      json_object_set_string_member (f, "method", "attestation");
      json_object_set_string_member (f, "reason", strcmp (e->mobility, "bedridden") == 0
                                     ? "老人长期卧床，无法刷卡，家属在场确认" : "老人失智，由护理员和家属共同确认");
      return event (day, "service_confirmations", f, end_us + MINUTE_US, provider, NULL, error);
    }
  if (yi_demo_chance (demo, 0.07))
    return TRUE;   /* left unconfirmed: it shows on the staff's to-do list */
  json_object_set_string_member (f, "method", "tap");
  json_object_set_int_member (f, "rating", rating);
  json_object_set_string_member (f, "card_uid", e->card_uid);
  if (!event (day, "service_confirmations", f, end_us + yi_demo_int (demo, 0, 3) * MINUTE_US, NULL, &confirmation, error))
    return FALSE;
  if (confirmation != NULL && (rating <= 3 || yi_demo_chance (demo, 0.25)))
    {
      g_autoptr(JsonObject) fb = json_object_new ();

      json_object_set_string_member (fb, "elder_id", e->id);
      json_object_set_string_member (fb, "service_record_id", record_id);
      json_object_set_int_member (fb, "rating", rating);
      if (rating <= 3 || yi_demo_chance (demo, 0.4))
        json_object_set_string_member (fb, "comment", yi_demo_pick (demo, rating <= 3 ? complaints : praise));
      if (!event (day, "feedback", fb, end_us + 4 * MINUTE_US, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
one_service (Day         *day,
             DemoElder   *e,
             DemoService *s,
             gint64       start_us,
             GError     **error)
{
  Demo *demo = day->demo;
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *started = yi_clock_format_utc (start_us);
  g_autofree char *record_id = NULL;
  const char *provider = yi_demo_staff_of_role (demo, strcmp (s->code, "rehab") == 0 ||
                                                       strcmp (s->code, "health_check") == 0 ? "health" : "staff");
  int minutes = service_minutes (demo, s);
  int price = s->hourly ? (s->price_fen * minutes / 60) / 10 * 10 : s->price_fen;
  gint64 end_us = start_us + minutes * MINUTE_US;

  json_object_set_string_member (f, "elder_id", e->id);
  json_object_set_string_member (f, "service_type_id", s->id);
  json_object_set_string_member (f, "provider_staff_id", provider);
  json_object_set_string_member (f, "started_at", started);
  json_object_set_int_member (f, "duration_min", minutes);
  json_object_set_int_member (f, "price_fen", price);
  if (!event (day, "service_records", f, end_us, provider, &record_id, error))
    return FALSE;
  if (record_id == NULL)
    return TRUE;
  return confirm_service (day, e, record_id, provider, end_us, error);
}

static gboolean
services (Day     *day,
          GError **error)
{
  Demo *demo = day->demo;
  guint scale = MAX (1, demo->elders->len / 100);
  guint on_site = MIN (day->visits->len / 5, (guint) yi_demo_int (demo, 1, 2) * scale + 2);
  guint at_home = (guint) yi_demo_int (demo, 0, 1) * scale + 1;

  for (guint i = 0; i < on_site && day->visits->len > 0; i++)
    {
      Visit *v = &g_array_index (day->visits, Visit, yi_demo_int (demo, 0, day->visits->len - 1));
      gint64 span = (v->out_us - v->in_us) / MINUTE_US;
      gint64 start = v->in_us + yi_demo_int (demo, 5, MAX (6, (int) span - 60)) * MINUTE_US;

      if (!one_service (day, v->elder, pick_service (demo, FALSE), start, error))
        return FALSE;
    }
  g_autoptr(GPtrArray) homebound = g_ptr_array_new ();

  for (guint i = 0; i < demo->elders->len; i++)
    if (((DemoElder *) demo->elders->pdata[i])->delivery)
      g_ptr_array_add (homebound, demo->elders->pdata[i]);
  for (guint i = 0; i < at_home; i++)
    {
      /* Home services go mostly to those who cannot come in. */
      GPtrArray *from = homebound->len > 0 && yi_demo_chance (demo, 0.7) ? homebound : demo->elders;
      DemoElder *e = from->pdata[yi_demo_int (demo, 0, from->len - 1)];

      if (!e->active)
        continue;
      if (!one_service (day, e, pick_service (demo, TRUE), at (day, yi_demo_int (demo, 9 * 60, 15 * 60)), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
vital (Day         *day,
       DemoElder   *e,
       const char  *kind,
       gint64       when_us,
       GError     **error)
{
  Demo *demo = day->demo;
  g_autoptr(JsonObject) f = json_object_new ();
  g_autofree char *taken = yi_clock_format_utc (when_us);
  g_autofree char *vital_id = NULL;
  const char *nurse = yi_demo_staff_of_role (demo, "health");
  double v1, v2 = 0;
  gboolean out;

  if (strcmp (kind, "bp") == 0)
    {
      v1 = yi_demo_int (demo, 105, 150) + (yi_demo_chance (demo, 0.12) ? yi_demo_int (demo, 12, 35) : 0);
      v2 = yi_demo_int (demo, 62, 92) + (v1 >= 160 ? yi_demo_int (demo, 0, 12) : 0);
      out = v1 >= 160 || v2 >= 100 || v1 < 90;
    }
  else if (strcmp (kind, "glucose") == 0)
    {
      v1 = yi_demo_int (demo, 45, 105) / 10.0 + (g_strcmp0 (e->diet, "diabetic") == 0 ? yi_demo_int (demo, 0, 40) / 10.0 : 0);
      out = v1 > 11.1 || v1 < 3.9;
    }
  else if (strcmp (kind, "weight") == 0)
    {
      v1 = yi_demo_int (demo, e->gender == 'M' ? 550 : 450, e->gender == 'M' ? 820 : 720) / 10.0;
      out = FALSE;
    }
  else
    {
      v1 = yi_demo_int (demo, 360, 372) / 10.0 + (yi_demo_chance (demo, 0.03) ? 0.8 : 0);
      out = v1 > 37.3;
    }

  json_object_set_string_member (f, "elder_id", e->id);
  json_object_set_string_member (f, "kind", kind);
  json_object_set_double_member (f, "value1", v1);
  if (strcmp (kind, "bp") == 0)
    json_object_set_double_member (f, "value2", v2);
  json_object_set_int_member (f, "out_of_range", out);
  json_object_set_string_member (f, "taken_at", taken);
  if (!event (day, "vital_signs", f, when_us, nurse, &vital_id, error))
    return FALSE;
  if (out && vital_id != NULL && yi_demo_chance (demo, 0.8))
    {
      g_autoptr(JsonObject) ack = json_object_new ();

      json_object_set_string_member (ack, "vital_id", vital_id);
      json_object_set_string_member (ack, "note", "已复测，提醒按时服药，并电话告知家属");
      if (!event (day, "vital_alert_acks", ack, when_us + yi_demo_int (demo, 10, 60) * MINUTE_US, nurse, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
health (Day     *day,
        GError **error)
{
  static const char *const kinds[] = { "bp", "glucose", "weight", "temperature" };
  static const double chance[] = { 0.25, 0.08, 0.03, 0.05 };
  Demo *demo = day->demo;
  guint taken = 0;

  for (guint i = 0; i < day->visits->len && taken < 60; i++)
    {
      Visit *v = &g_array_index (day->visits, Visit, i);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (yi_demo_chance (demo, chance[k]))
          {
            if (!vital (day, v->elder, kinds[k], v->in_us + yi_demo_int (demo, 5, 25) * MINUTE_US, error))
              return FALSE;
            taken++;
          }
    }
  return TRUE;
}

static gboolean
volunteering (Day     *day,
              GError **error)
{
  Demo *demo = day->demo;

  for (guint i = 0; i < demo->volunteers->len; i++)
    {
      DemoVolunteer *v = demo->volunteers->pdata[i];
      g_autoptr(JsonObject) f = NULL;
      gboolean visit = v->elders->len > 0 && yi_demo_chance (demo, 0.15);
      gboolean helps = !visit && yi_demo_chance (demo, 0.08);
      int minutes;

      if (!visit && !helps)
        continue;
      minutes = visit ? yi_demo_int (demo, 6, 12) * 10 : yi_demo_int (demo, 4, 8) * 15;
      f = json_object_new ();
      json_object_set_string_member (f, "volunteer_id", v->id);
      if (visit)
        {
          guint which = g_array_index (v->elders, guint, yi_demo_int (demo, 0, v->elders->len - 1));
          json_object_set_string_member (f, "elder_id", ((DemoElder *) demo->elders->pdata[which])->id);
          json_object_set_string_member (f, "activity", "结对上门探访");
        }
      else
        json_object_set_string_member (f, "activity", "协助开展中心活动");
      json_object_set_string_member (f, "served_on", day->date);
      json_object_set_int_member (f, "minutes", minutes);
      if (!event (day, "volunteer_hours", f, at (day, yi_demo_int (demo, 15 * 60, 17 * 60 + 30)),
                  yi_demo_staff_of_role (demo, "volunteer"), NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
suggestions (Day     *day,
             GError **error)
{
  static const char *const comments[] = { "午饭有点咸，希望清淡一些", "希望增加书法课", "活动室的空调太冷了",
                                          "工作人员态度很好", "希望周末也能开门", "饭菜可口，价格实惠", NULL };
  Demo *demo = day->demo;
  int n = day->visits->len ? yi_demo_int (demo, 0, 2) : 0;

  for (int i = 0; i < n; i++)
    {
      Visit *v = &g_array_index (day->visits, Visit, yi_demo_int (demo, 0, day->visits->len - 1));
      g_autoptr(JsonObject) f = json_object_new ();

      json_object_set_string_member (f, "elder_id", v->elder->id);
      json_object_set_int_member (f, "rating", yi_demo_int (demo, 3, 5));
      json_object_set_string_member (f, "comment", yi_demo_pick (demo, comments));
      if (!event (day, "feedback", f, v->in_us + yi_demo_int (demo, 20, 90) * MINUTE_US, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
duty_roster (Day     *day,
             GError **error)
{
  static const char *const duties[] = { "前台接待", "助餐", "健康监测", "活动组织", NULL };
  Demo *demo = day->demo;
  guint first = yi_demo_int (demo, 0, demo->staff->len - 1);

  for (guint k = 0; k < MIN (3, demo->staff->len); k++)
    {
      DemoStaff *s = demo->staff->pdata[(first + k) % demo->staff->len];
      g_autoptr(JsonObject) f = json_object_new ();
      g_autofree char *id = yi_demo_id (demo, demo->setup_us);

      json_object_set_string_member (f, "on_date", day->date);
      json_object_set_string_member (f, "staff_id", s->id);
      json_object_set_string_member (f, "duty", strcmp (s->role, "kitchen") == 0 ? "助餐" :
                                                strcmp (s->role, "health") == 0 ? "健康监测" : yi_demo_pick (demo, duties));
      if (!yi_demo_put (demo, "duty_roster", id, f, error))
        return FALSE;
    }
  return TRUE;
}

/* Now and then an elder moves away or dies; their card stops working. */
static gboolean
status_change (Day     *day,
               GError **error)
{
  Demo *demo = day->demo;
  DemoElder *e = demo->elders->pdata[yi_demo_int (demo, 0, demo->elders->len - 1)];
  gboolean deceased;
  gint64 when = at (day, yi_demo_int (demo, 9 * 60, 16 * 60));
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *event_id = NULL;

  if (!yi_demo_chance (demo, demo->elders->len / 650.0 * 0.04) || !e->active)
    return TRUE;
  deceased = yi_demo_chance (demo, e->age >= 85 ? 0.8 : 0.3);
  json_object_set_string_member (change, "elder_id", e->id);
  json_object_set_string_member (change, "status", deceased ? "deceased" : "moved");
  json_object_set_string_member (change, "effective_date", day->date);
  json_object_set_string_member (change, "reason", deceased ? "家属告知老人病故" : "随子女迁居外地");
  if (!event (day, "elder_status_changes", change, when, yi_demo_staff_of_role (demo, "admin"), &event_id, error))
    return FALSE;
  if (event_id == NULL)
    return TRUE;
  e->active = FALSE;
  json_object_set_string_member (fields, "status", deceased ? "deceased" : "moved");
  json_object_set_string_member (fields, "status_date", day->date);
  return yi_demo_put (demo, "elders", e->id, fields, error);
}

gboolean
yi_demo_add_day (Demo        *demo,
                 const char  *date,
                 GError     **error)
{
  int weekday = yi_date_weekday (date);
  Day day = { demo, date, g_hash_table_lookup (demo->festivals, date), NULL };
  gboolean ok;

  if (weekday > 5 && day.festival == NULL)
    return TRUE;   /* closed at the weekend */

  day.visits = g_array_new (FALSE, FALSE, sizeof (Visit));
  ok = duty_roster (&day, error) &&
       attendance (&day, error) &&
       welfare_calls (&day, error) &&
       meals (&day, error) &&
       activities (&day, error) &&
       services (&day, error) &&
       health (&day, error) &&
       volunteering (&day, error) &&
       suggestions (&day, error) &&
       status_change (&day, error);
  g_array_unref (day.visits);
  return ok;
}
