#include "config.h"

#include "yi-staff-care-pages.h"
#include "yi-staff-private.h"
#include "yi-clock.h"

#include <glib/gi18n-lib.h>

#define NOT_VOIDED(alias) " NOT EXISTS (SELECT 1 FROM event_voids v WHERE v.target_id = " alias ".id) "

struct _YiStaffFeedbackPage
{
  GtkWidget       parent_instance;

  YiStaffSession *session;

  GtkLabel       *rate_label;
  GtkDropDown    *period;
  GtkBox         *faces;
  GtkListBox     *comments;
  GtkListBox     *ratings;
  GtkLabel       *face_counts[5];
};

static void yi_staff_feedback_page_iface_init (YiStaffPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YiStaffFeedbackPage, yi_staff_feedback_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (YI_TYPE_STAFF_PAGE, yi_staff_feedback_page_iface_init))

/* The five faces, from 1 (very unhappy) to 5 (very happy). */
static const char *
face_label (int rating)
{
  switch (rating)
    {
    case 5: return C_("face", "Very happy");
    case 4: return C_("face", "Happy");
    case 3: return C_("face", "So-so");
    case 2: return C_("face", "Unhappy");
    default: return C_("face", "Very unhappy");
    }
}

static char *
local_time (YiStore    *store,
            const char *utc)
{
  gint64 us = 0;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL || !yi_clock_parse_utc (utc, &us))
    return g_strdup ("");
  local = yi_clock_local (us, yi_store_get_timezone (store));
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkWidget *
face_badge (int rating)
{
  GtkWidget *l = gtk_label_new (face_label (rating));

  gtk_widget_add_css_class (l, rating >= 4 ? "yi-badge-here" : rating == 3 ? "yi-badge-neutral" : "yi-badge");
  return l;
}

static void
yi_staff_feedback_page_refresh (YiStaffPage *page)
{
  YiStaffFeedbackPage *self = YI_STAFF_FEEDBACK_PAGE (page);
  YiStore *store;
  g_autofree char *today = NULL;
  g_autofree char *from = NULL;
  g_autofree char *rate = NULL;
  g_autoptr(sqlite3_stmt) fb = NULL;
  g_autoptr(sqlite3_stmt) sr = NULL;
  gint64 counts[5] = { 0 };
  gint64 total = 0, happy = 0;
  guint period;

  if (self->session == NULL || !yi_staff_session_can (self->session, YI_STAFF_PERM_FEEDBACK))
    return;
  store = yi_staff_session_get_store (self->session);
  today = yi_store_today (store);
  period = gtk_drop_down_get_selected (self->period);
  from = period == 0 ? yi_date_add_days (today, -6)
       : period == 1 ? g_strdup_printf ("%.8s01", today)
       : yi_date_add_days (today, -89);

  yi_staff_list_box_clear (self->comments);
  fb = yi_store_prepare (store,
      "SELECT f.rating, e.name, f.comment, f.at FROM feedback f LEFT JOIN elders e ON e.id = f.elder_id "
      "WHERE f.local_date BETWEEN ? AND ? AND" NOT_VOIDED ("f") "ORDER BY f.at DESC, f.id DESC LIMIT 200", NULL);
  sqlite3_bind_text (fb, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (fb, 2, today, -1, SQLITE_TRANSIENT);
  while (fb && sqlite3_step (fb) == SQLITE_ROW)
    {
      int rating = CLAMP (sqlite3_column_int (fb, 0), 1, 5);
      const char *name = (const char *) sqlite3_column_text (fb, 1);
      const char *comment = (const char *) sqlite3_column_text (fb, 2);
      g_autofree char *when = local_time (store, (const char *) sqlite3_column_text (fb, 3));
      g_autofree char *sub = g_strdup_printf ("%s · %s", when, name ? name : _("anonymous"));
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (comment ? comment : _("(no comment, a face only)"), sub, &suffix);

      gtk_box_append (GTK_BOX (suffix), face_badge (rating));
      gtk_list_box_append (self->comments, row);
      counts[rating - 1]++;
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->comments)) == NULL)
    gtk_list_box_append (self->comments, yi_staff_row_new (_("Nothing in the box for this period"), NULL, NULL));

  yi_staff_list_box_clear (self->ratings);
  sr = yi_store_prepare (store,
      "SELECT c.rating, e.name, t.name_zh, c.at FROM service_confirmations c "
      "JOIN service_records r ON r.id = c.service_record_id JOIN elders e ON e.id = r.elder_id "
      "JOIN service_types t ON t.id = r.service_type_id "
      "WHERE c.rating IS NOT NULL AND c.local_date BETWEEN ? AND ? AND" NOT_VOIDED ("c")
      "ORDER BY c.at DESC LIMIT 200", NULL);
  sqlite3_bind_text (sr, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (sr, 2, today, -1, SQLITE_TRANSIENT);
  while (sr && sqlite3_step (sr) == SQLITE_ROW)
    {
      int rating = CLAMP (sqlite3_column_int (sr, 0), 1, 5);
      g_autofree char *when = local_time (store, (const char *) sqlite3_column_text (sr, 3));
      g_autofree char *title = g_strdup_printf ("%s · %s", (const char *) sqlite3_column_text (sr, 2),
                                                (const char *) sqlite3_column_text (sr, 1));
      GtkWidget *suffix = NULL;
      GtkWidget *row = yi_staff_row_new (title, when, &suffix);

      gtk_box_append (GTK_BOX (suffix), face_badge (rating));
      gtk_list_box_append (self->ratings, row);
      counts[rating - 1]++;
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->ratings)) == NULL)
    gtk_list_box_append (self->ratings, yi_staff_row_new (_("No services were rated in this period"), NULL, NULL));

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, counts[i]);

      gtk_label_set_label (self->face_counts[i], n);
      total += counts[i];
      happy += i >= 3 ? counts[i] : 0;
    }
  /* The documents' pass mark: at least 95% happy or very happy. */
  if (total == 0)
    rate = g_strdup_printf (_("No ratings from %s to %s"), from, today);
  else
    rate = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Satisfaction %.1f%% from %s to %s (%d rating; the target is at least 95%%)",
                                         "Satisfaction %.1f%% from %s to %s (%d ratings; the target is at least 95%%)",
                                         (gulong) total),
                            100.0 * happy / total, from, today, (int) total);
  gtk_label_set_label (self->rate_label, rate);
  if (total > 0 && happy * 100 < total * 95)
    gtk_widget_add_css_class (GTK_WIDGET (self->rate_label), "yi-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rate_label), "yi-error");
}

static void
on_period_changed (YiStaffFeedbackPage *self)
{
  yi_staff_page_refresh (YI_STAFF_PAGE (self));
}

static void
yi_staff_feedback_page_set_session (YiStaffPage    *page,
                                    YiStaffSession *session)
{
  YiStaffFeedbackPage *self = YI_STAFF_FEEDBACK_PAGE (page);

  g_set_object (&self->session, session);
}

static void
yi_staff_feedback_page_dispose (GObject *object)
{
  YiStaffFeedbackPage *self = YI_STAFF_FEEDBACK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YI_TYPE_STAFF_FEEDBACK_PAGE);
  yi_staff_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yi_staff_feedback_page_parent_class)->dispose (object);
}

static void
yi_staff_feedback_page_class_init (YiStaffFeedbackPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yi_staff_feedback_page_dispose;
  yi_staff_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, YI_STAFF_RESOURCE "yi-staff-feedback-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YiStaffFeedbackPage, rate_label);
  gtk_widget_class_bind_template_child (widget_class, YiStaffFeedbackPage, period);
  gtk_widget_class_bind_template_child (widget_class, YiStaffFeedbackPage, faces);
  gtk_widget_class_bind_template_child (widget_class, YiStaffFeedbackPage, comments);
  gtk_widget_class_bind_template_child (widget_class, YiStaffFeedbackPage, ratings);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yi_staff_feedback_page_init (YiStaffFeedbackPage *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (periods, _("Last 7 days"));
  gtk_string_list_append (periods, _("This month"));
  gtk_string_list_append (periods, _("Last 90 days"));
  gtk_drop_down_set_model (self->period, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period, 1);
  /* One tile per face, happiest first, each with its count. */
  for (int rating = 5; rating >= 1; rating--)
    {
      GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *count = gtk_label_new ("0");
      GtkWidget *label = gtk_label_new (face_label (rating));

      gtk_widget_add_css_class (tile, "yi-count-tile");
      gtk_widget_set_hexpand (tile, TRUE);
      gtk_widget_add_css_class (count, "yi-count");
      gtk_widget_add_css_class (label, "yi-count-title");
      gtk_box_append (GTK_BOX (tile), count);
      gtk_box_append (GTK_BOX (tile), label);
      gtk_box_append (self->faces, tile);
      self->face_counts[rating - 1] = GTK_LABEL (count);
    }
}

static void
yi_staff_feedback_page_iface_init (YiStaffPageInterface *iface)
{
  iface->set_session = yi_staff_feedback_page_set_session;
  iface->refresh = yi_staff_feedback_page_refresh;
}
