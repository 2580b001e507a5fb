#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Called as the demo centre is built: @stage is a short translated label,
 * @done of @total steps of it. */
typedef void (*YiDemoProgressFunc) (const char *stage,
                                    guint       done,
                                    guint       total,
                                    gpointer    user_data);

/* Fills an empty database with a realistic centre: @n_elders elders with
 * their categories, contacts and cards, staff, the service catalogue, the
 * activity programme and menus, and @days days of centre life up to today
 * (attendance, meals, activities, services with confirmations, vital signs,
 * volunteers, welfare calls, feedback), all through the store's write path
 * with past times.  The same @seed and the same today give the same records,
 * ids included.  Staff logins: 王芳 (administrator, PIN 1234) and 李师傅
 * (kitchen, PIN 5678). */
gboolean yi_demo_generate (YiStore             *store,
                           guint                n_elders,
                           guint                days,
                           guint32              seed,
                           YiDemoProgressFunc   progress,
                           gpointer             user_data,
                           GError             **error);

G_END_DECLS
