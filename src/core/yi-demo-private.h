#pragma once

#include "yi-demo.h"

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *name;
  char     gender;
  char    *birth_date;
  int      age;
  char    *card_uid;
  char    *diet;
  char    *living;
  char    *mobility;
  char    *hobbies;
  int      expected_weekdays;   /* bit 0 = Monday */
  gboolean regular;
  gboolean delivery;
  gboolean can_confirm;
  gboolean watched;             /* 独居 / 空巢 / 高龄: on the welfare-call list */
  gboolean active;
} DemoElder;

typedef struct {
  char       *id;
  const char *name;
  const char *role;
} DemoStaff;

typedef struct {
  char       *id;
  const char *code;
  const char *name;
  int         price_fen;
  gboolean    hourly;
  gboolean    at_home;     /* done at the elder's home, not at the centre */
  int         weight;      /* how often it is done */
} DemoService;

typedef struct {
  char       *id;
  const char *title;
  int         weekday;     /* 1..7, or 0 for a one-off */
  char       *on_date;
  int         starts_min;  /* minutes after midnight, local */
  int         duration_min;
  int         capacity;
  const char *hobby;       /* elders with this hobby like to join */
} DemoActivity;

typedef struct {
  char   *id;
  GArray *elders;          /* indices of paired elders */
} DemoVolunteer;

typedef struct {
  YiStore            *store;
  GRand              *rand;
  YiDemoProgressFunc  progress;
  gpointer            user_data;
  gint64              now_us;
  char               *today;
  char               *first_day;
  GTimeZone          *tz;
  gint64              setup_us;      /* when the registry was "entered" */
  GPtrArray          *elders;        /* DemoElder */
  GPtrArray          *staff;         /* DemoStaff */
  GPtrArray          *services;      /* DemoService */
  GPtrArray          *activities;    /* DemoActivity */
  GPtrArray          *volunteers;    /* DemoVolunteer */
  GHashTable         *festivals;     /* date -> title (static strings) */
} Demo;

/* yi-demo.c */
char       *yi_demo_id              (Demo         *demo,
                                     gint64        at_us);
gint64      yi_demo_local_us        (Demo         *demo,
                                     const char   *date,
                                     int           minute_of_day,
                                     int           second);
gboolean    yi_demo_put             (Demo         *demo,
                                     const char   *table,
                                     const char   *id,
                                     JsonObject   *fields,
                                     GError      **error);
gboolean    yi_demo_event           (Demo         *demo,
                                     const char   *table,
                                     JsonObject   *fields,
                                     gint64        at_us,
                                     const char   *staff_id,
                                     char        **id,
                                     GError      **error);
int         yi_demo_int             (Demo         *demo,
                                     int           low,
                                     int           high_inclusive);
gboolean    yi_demo_chance          (Demo         *demo,
                                     double        p);
const char *yi_demo_pick            (Demo         *demo,
                                     const char *const *list);
const char *yi_demo_staff_of_role   (Demo         *demo,
                                     const char   *role);

/* yi-demo-people.c */
gboolean    yi_demo_add_elders      (Demo         *demo,
                                     guint         n_elders,
                                     GError      **error);
char       *yi_demo_person_name     (Demo         *demo,
                                     char          gender,
                                     const char   *surname);
char       *yi_demo_phone           (Demo         *demo);

/* yi-demo-days.c */
gboolean    yi_demo_add_day         (Demo         *demo,
                                     const char   *date,
                                     GError      **error);

void        yi_demo_elder_free      (DemoElder    *elder);

G_END_DECLS
