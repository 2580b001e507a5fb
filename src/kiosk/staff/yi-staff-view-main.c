#include "config.h"

/* Staff mode once signed in: the frame with its tabs, built at the first
 * sign-in (see yi_staff_view_build_main); each tab's page, the pages other
 * parts of the kiosk add, and the elder editor, built when first needed.
 * All are kept. */

#include "yi-staff-view-private.h"
#include "yi-staff-reports-page.h"
#include "yi-staff-private.h"

#include <adwaita.h>

/* The objects of yi-staff-main.ui that the view keeps a pointer to. */
static const struct {
  const char *id;
  gsize       offset;
} main_objects[] = {
  { "tabs", G_STRUCT_OFFSET (YiStaffView, tabs) },
  { "main_reader_status", G_STRUCT_OFFSET (YiStaffView, main_reader_status) },
  { "sync_status", G_STRUCT_OFFSET (YiStaffView, sync_status) },
  { "who", G_STRUCT_OFFSET (YiStaffView, who) },
};

/* Staff mode's own tabs: yi-staff-main.ui leaves a slot for each, in this
 * order.  What fills it when first shown (NULL: the reports page, which
 * reads the whole store rather than a session), and the permission a role
 * needs to see it. */
static const struct {
  const char        *tab;
  GType            (*get_type) (void);
  YiStaffPermission  permission;
} tabs[] = {
  { "elders", yi_staff_elders_get_type, YI_STAFF_PERM_VIEW_ELDERS },
  { "today", yi_staff_today_get_type, YI_STAFF_PERM_VIEW_TODAY },
  { "welfare", yi_staff_welfare_get_type, YI_STAFF_PERM_WELFARE_CALLS },
  { "cards", yi_staff_cards_get_type, YI_STAFF_PERM_MANAGE_CARDS },
  { "kitchen", yi_staff_kitchen_page_get_type, YI_STAFF_PERM_MEALS },
  { "activities", yi_staff_activities_page_get_type, YI_STAFF_PERM_ACTIVITIES },
  { "services", yi_staff_services_page_get_type, YI_STAFF_PERM_SERVICES },
  { "health", yi_staff_health_page_get_type, YI_STAFF_PERM_HEALTH },
  { "volunteers", yi_staff_volunteers_page_get_type, YI_STAFF_PERM_VOLUNTEERS },
  { "feedback", yi_staff_feedback_page_get_type, YI_STAFF_PERM_FEEDBACK },
  { "reports", NULL, YI_STAFF_PERM_REPORTS },
};

void
yi_staff_view_added_page_free (gpointer data)
{
  AddedPage *page = data;

  if (page->destroy)
    page->destroy (page->user_data);
  g_free (page->name);
  g_free (page->title);
  g_free (page->role);
  g_free (page);
}

void
yi_staff_view_refresh_tab (YiStaffView *self)
{
  GtkWidget *page;

  if (self->tabs == NULL || yi_staff_session_get_state (self->session) != YI_STAFF_SESSION_OPEN)
    return;
  page = yi_staff_view_get_tab_page (self, gtk_stack_get_visible_child_name (self->tabs), TRUE);
  if (YI_IS_STAFF_PAGE (page))
    yi_staff_page_refresh (YI_STAFF_PAGE (page));
}

static void
set_tab_visible (YiStaffView *self,
                 const char  *name,
                 gboolean     visible)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->tabs, name);

  gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, child), visible);
}

/* Pages added with yi_staff_view_add_page() show only to their role. */
static void
show_added_pages (YiStaffView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tabs)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AddedPage *added = g_object_get_data (G_OBJECT (child), "yi-staff-added-page");

      if (added != NULL)
        gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, child),
                                    added->role == NULL ||
                                    g_strcmp0 (added->role, yi_staff_session_get_role (self->session)) == 0);
    }
}

/* Where exports land without asking: the user's documents folder, where a
 * kiosk's file manager or a USB copy script finds them. */
static const char *
yi_staff_view_default_export_dir (void)
{
  const char *docs = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  return docs != NULL ? docs : g_get_home_dir ();
}

static void
apply_sync_status (YiStaffView *self)
{
  gboolean shown = self->sync_text != NULL && *self->sync_text != '\0';

  gtk_label_set_label (self->sync_status, shown ? self->sync_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), shown);
  if (self->sync_warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_status), "yi-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_status), "yi-error");
}

/* Where a page added from outside will be built (see
 * yi_staff_view_get_tab_page); hidden until its role signs in. */
static void
add_slot (YiStaffView *self,
          AddedPage   *added)
{
  GtkWidget *slot = adw_bin_new ();

  g_object_set_data (G_OBJECT (slot), "yi-staff-added-page", added);
  gtk_stack_add_titled (self->tabs, slot, added->name, added->title);
  gtk_stack_page_set_visible (gtk_stack_get_page (self->tabs, slot), FALSE);
}

static GtkWidget *
build_tab_page (YiStaffView *self,
                const char  *name,
                GtkWidget   *slot)
{
  AddedPage *added = g_object_get_data (G_OBJECT (slot), "yi-staff-added-page");
  GtkWidget *page;

  if (added != NULL)
    return added->build (added->user_data);
  for (gsize i = 0; i < G_N_ELEMENTS (tabs); i++)
    if (g_strcmp0 (name, tabs[i].tab) == 0)
      {
        if (tabs[i].get_type == NULL)
          {
            page = yi_staff_reports_page_new (self->store);
            yi_staff_reports_page_set_export_dir (YI_STAFF_REPORTS_PAGE (page), yi_staff_view_default_export_dir ());
            return page;
          }
        page = g_object_new (tabs[i].get_type (), NULL);
        yi_staff_page_set_session (YI_STAFF_PAGE (page), self->session);
        return page;
      }
  g_return_val_if_reached (NULL);
}

/* Each tab is a few hundred widgets, the elder editor a thousand: a kiosk
 * whose staff sign in to see the kitchen's counts should not carry the
 * rest all day.  So each tab is built when it is first shown, and kept. */
GtkWidget *
yi_staff_view_get_tab_page (YiStaffView *self,
                            const char  *name,
                            gboolean     build)
{
  GtkWidget *slot = self->tabs != NULL && name != NULL ? gtk_stack_get_child_by_name (self->tabs, name) : NULL;
  GtkWidget *page;

  if (slot == NULL)
    return NULL;
  page = adw_bin_get_child (ADW_BIN (slot));
  if (page == NULL && build)
    {
      page = build_tab_page (self, name, slot);
      g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);
      gtk_widget_set_name (page, name);
      adw_bin_set_child (ADW_BIN (slot), page);
    }
  return page;
}

YiStaffElderEditor *
yi_staff_view_get_editor (YiStaffView *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_new (YI_TYPE_STAFF_ELDER_EDITOR, "name", "editor", NULL);
      yi_staff_elder_editor_set_session (self->editor, self->session);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->editor), "editor");
    }
  return self->editor;
}

/* Staff mode once signed in is megabytes of widgets that an elder-facing
 * kiosk would carry all day for a few sign-ins.  Its frame (header and
 * tab list) is built when staff first sign in, and kept from then on; the
 * tabs and the elder editor as they are first needed. */
void
yi_staff_view_build_main (YiStaffView *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->tabs != NULL)
    return;
  builder = gtk_builder_new_from_resource (YI_STAFF_RESOURCE "yi-staff-main.ui");
  for (gsize i = 0; i < G_N_ELEMENTS (main_objects); i++)
    G_STRUCT_MEMBER (gpointer, self, main_objects[i].offset) = gtk_builder_get_object (builder, main_objects[i].id);
  gtk_stack_add_named (self->stack, GTK_WIDGET (gtk_builder_get_object (builder, "main")), "main");
  for (guint i = 0; i < self->added_pages->len; i++)
    add_slot (self, g_ptr_array_index (self->added_pages, i));

  gtk_label_set_label (self->main_reader_status, gtk_label_get_label (self->reader_status));
  apply_sync_status (self);
  g_signal_connect_swapped (self->tabs, "notify::visible-child", G_CALLBACK (yi_staff_view_refresh_tab), self);
  for (gsize i = 0; i < YI_STAFF_VIEW_N_MAIN_ACTIONS; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), yi_staff_view_main_actions[i], TRUE);
}

void
yi_staff_view_forget_main (YiStaffView *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (main_objects); i++)
    G_STRUCT_MEMBER (gpointer, self, main_objects[i].offset) = NULL;
  self->editor = NULL;
}

void
yi_staff_view_show_main (YiStaffView *self)
{
  g_autofree char *who = g_strdup_printf ("%s · %s",
                                          yi_staff_session_get_staff_name (self->session),
                                          yi_staff_role_label (yi_staff_session_get_role (self->session)));

  yi_staff_view_build_main (self);
  gtk_label_set_label (self->who, who);
  for (gsize i = 0; i < G_N_ELEMENTS (tabs); i++)
    set_tab_visible (self, tabs[i].tab, yi_staff_session_can (self->session, tabs[i].permission));

  show_added_pages (self);
  yi_staff_elders_pick_for_card (YI_STAFF_ELDERS (yi_staff_view_get_tab_page (self, "elders", TRUE)), NULL);
  gtk_stack_set_visible_child_name (self->tabs, "elders");
  /* The pages' first frame is slow (their styles and sizes are worked out
   * then): a crossfade would stall half-way, so the first time cuts. */
  gtk_stack_set_visible_child_full (self->stack, "main",
                                    self->main_shown ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                     : GTK_STACK_TRANSITION_TYPE_NONE);
  self->main_shown = TRUE;
  yi_staff_view_refresh_tab (self);
}

const char *
yi_staff_view_get_tab (YiStaffView *self)
{
  return self->tabs != NULL ? gtk_stack_get_visible_child_name (self->tabs) : NULL;
}

void
yi_staff_view_show_tab (YiStaffView *self,
                        const char  *tab)
{
  GtkWidget *child = self->tabs != NULL ? gtk_stack_get_child_by_name (self->tabs, tab) : NULL;

  if (child == NULL || !gtk_stack_page_get_visible (gtk_stack_get_page (self->tabs, child)))
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->tabs), tab) == 0)
    yi_staff_view_refresh_tab (self);
  else
    gtk_stack_set_visible_child (self->tabs, child);
}

void
yi_staff_view_set_sync_status (YiStaffView *self,
                               const char  *text,
                               gboolean     warning)
{
  g_return_if_fail (YI_IS_STAFF_VIEW (self));

  g_free (self->sync_text);
  self->sync_text = g_strdup (text);
  self->sync_warning = warning;
  if (self->sync_status != NULL)
    apply_sync_status (self);
}

void
yi_staff_view_add_page (YiStaffView     *self,
                        const char      *name,
                        const char      *title,
                        const char      *role,
                        YiStaffPageFunc  build,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  AddedPage *added;

  g_return_if_fail (YI_IS_STAFF_VIEW (self));
  g_return_if_fail (name != NULL && title != NULL && build != NULL);

  added = g_new0 (AddedPage, 1);
  added->name = g_strdup (name);
  added->title = g_strdup (title);
  added->role = g_strdup (role);
  added->build = build;
  added->user_data = user_data;
  added->destroy = destroy;
  g_ptr_array_add (self->added_pages, added);
  if (self->tabs == NULL)
    return;
  add_slot (self, added);
  if (yi_staff_session_get_state (self->session) == YI_STAFF_SESSION_OPEN)
    show_added_pages (self);
}
