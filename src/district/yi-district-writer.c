#include "config.h"

#include "yi-district-writer.h"
#include "yi-district-private.h"

#include <glib/gi18n.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Enough pushes for one commit to serve a crowd of kiosks, few enough that
 * the first of them does not wait long for the last. */
#define GROUP_MAX_PUSHES   512
#define GROUP_MAX_CHANGES  40000
/* Changes applied to a centre's copy per transaction. */
#define APPLY_CHUNK        5000

typedef struct {
  YiDistrictPush     *push;
  YiDistrictPushDone  done;
  gpointer            user_data;
  GMainContext       *context;
} Job;

struct _YiDistrictWriter
{
  YiDistrictDb     *db;
  sqlite3          *write_conn;
  sqlite3          *apply_conn;
  YiDistrictIngest *ingest;
  GAsyncQueue      *jobs;       /* Job, or the queue itself as the stop sign */
  GThread          *writer;
  GThread          *applier;

  GMutex            lock;       /* guards dirty and stopping */
  GCond             wake;
  GHashTable       *dirty;      /* centre ids the log has news for */
  gboolean          stopping;
};

/* Answers a whole group from one main-loop callback: with thousands of
 * connections open, every extra turn of the loop is expensive. */
static gboolean
dispatch (gpointer data)
{
  GPtrArray *group = data;

  for (guint i = 0; i < group->len; i++)
    {
      Job *job = g_ptr_array_index (group, i);

      job->done (job->push, job->user_data);
      g_main_context_unref (job->context);
      g_free (job);
    }
  g_ptr_array_unref (group);
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (YiDistrictWriter *self,
            const char       *centre_id)
{
  g_mutex_lock (&self->lock);
  g_hash_table_add (self->dirty, g_strdup (centre_id));
  g_cond_signal (&self->wake);
  g_mutex_unlock (&self->lock);
}

static gpointer
writer_thread (gpointer data)
{
  YiDistrictWriter *self = data;
  g_autoptr(GPtrArray) pushes = g_ptr_array_new ();
  gboolean stop = FALSE;

  while (!stop)
    {
      gpointer item = g_async_queue_pop (self->jobs);
      g_autoptr(GPtrArray) group = g_ptr_array_new ();
      GMainContext *context;
      guint changes = 0;

      g_ptr_array_set_size (pushes, 0);
      /* Everything that queued up during the last commit joins this one. */
      while (item != NULL)
        {
          Job *job = item;

          if (item == (gpointer) self->jobs)
            {
              stop = TRUE;
              break;
            }
          g_ptr_array_add (group, job);
          g_ptr_array_add (pushes, job->push);
          changes += job->push->changes->len;
          if (group->len >= GROUP_MAX_PUSHES || changes >= GROUP_MAX_CHANGES)
            break;
          item = g_async_queue_try_pop (self->jobs);
        }
      if (group->len == 0)
        continue;

      yi_district_ingest_run (self->ingest, (YiDistrictPush **) pushes->pdata, pushes->len);
      for (guint i = 0; i < group->len; i++)
        {
          Job *job = g_ptr_array_index (group, i);

          if (job->push->stored)
            mark_dirty (self, job->push->centre_id);
        }
      /* Each of the server's threads answers its share of the group in
       * one callback of its own main context. */
      while (group->len > 0)
        {
          GPtrArray *share = g_ptr_array_new ();

          context = ((Job *) group->pdata[0])->context;
          for (guint i = 0; i < group->len;)
            {
              Job *job = g_ptr_array_index (group, i);

              if (job->context == context)
                {
                  g_ptr_array_add (share, job);
                  g_ptr_array_remove_index (group, i);
                }
              else
                i++;
            }
          g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, dispatch, share, NULL);
        }
    }
  return NULL;
}

static gpointer
applier_thread (gpointer data)
{
  YiDistrictWriter *self = data;

  /* Kiosks wait for the log, nobody waits for the copies (a read catches
   * its copy up itself): under load, storing pushes goes first. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower the priority of the apply thread");

  for (;;)
    {
      g_autoptr(GHashTable) work = NULL;
      GHashTableIter iter;
      const char *centre_id;
      gboolean stopping;

      g_mutex_lock (&self->lock);
      while (g_hash_table_size (self->dirty) == 0 && !self->stopping)
        g_cond_wait (&self->wake, &self->lock);
      work = g_steal_pointer (&self->dirty);
      self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      stopping = self->stopping;
      g_mutex_unlock (&self->lock);

      g_hash_table_iter_init (&iter, work);
      while (g_hash_table_iter_next (&iter, (gpointer *) &centre_id, NULL))
        {
          guint applied = APPLY_CHUNK;

          while (applied == APPLY_CHUNK)
            {
              g_autoptr(GError) error = NULL;
              gboolean ok;

              g_mutex_lock (&self->db->mirror_lock);
              ok = yi_district_db_catch_up (self->db, self->apply_conn, centre_id, APPLY_CHUNK, &applied, &error);
              g_mutex_unlock (&self->db->mirror_lock);
              if (!ok)
                {
                  /* The log keeps everything; the next push or read of
                   * this centre, or the next start, tries again. */
                  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                                    "MESSAGE", "The centre's copy could not take changes from the log: %s", error->message,
                                    "YIYANG_CENTRE", centre_id);
                  break;
                }
            }
        }
      if (stopping)
        {
          g_mutex_lock (&self->lock);
          stopping = g_hash_table_size (self->dirty) == 0;
          g_mutex_unlock (&self->lock);
          if (stopping)
            return NULL;
        }
    }
}

YiDistrictWriter *
yi_district_writer_new (YiDistrictDb  *db,
                        GError       **error)
{
  YiDistrictWriter *self = g_new0 (YiDistrictWriter, 1);

  self->db = g_object_ref (db);
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->jobs = g_async_queue_new ();
  if ((self->write_conn = yi_district_db_open_connection (db, error)) == NULL ||
      (self->apply_conn = yi_district_db_open_connection (db, error)) == NULL ||
      (self->ingest = yi_district_ingest_new (self->write_conn, error)) == NULL)
    {
      yi_district_writer_free (self);
      return NULL;
    }
  self->writer = g_thread_new ("district-writer", writer_thread, self);
  self->applier = g_thread_new ("district-apply", applier_thread, self);
  return self;
}

void
yi_district_writer_push (YiDistrictWriter   *self,
                         YiDistrictPush     *push,
                         YiDistrictPushDone  done,
                         gpointer            user_data)
{
  Job *job = g_new0 (Job, 1);

  job->push = push;
  job->done = done;
  job->user_data = user_data;
  job->context = g_main_context_ref_thread_default ();
  g_async_queue_push (self->jobs, job);
}

void
yi_district_writer_free (YiDistrictWriter *self)
{
  if (self == NULL)
    return;
  if (self->writer != NULL)
    {
      g_async_queue_push (self->jobs, self->jobs);
      g_thread_join (self->writer);
    }
  if (self->applier != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stopping = TRUE;
      g_cond_signal (&self->wake);
      g_mutex_unlock (&self->lock);
      g_thread_join (self->applier);
    }
  g_clear_pointer (&self->ingest, yi_district_ingest_free);
  g_clear_pointer (&self->write_conn, sqlite3_close_v2);
  g_clear_pointer (&self->apply_conn, sqlite3_close_v2);
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake);
  g_clear_object (&self->db);
  g_free (self);
}
