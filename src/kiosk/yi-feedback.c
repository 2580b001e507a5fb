#include "config.h"

#include "yi-feedback.h"
#include "yi-kiosk-text.h"
#include "yi-settings.h"

#include <gsound.h>

struct _YiFeedback
{
  GObject         parent_instance;

  GSettings      *settings;
  /* libcanberra, through GSound: event sounds need no media framework,
   * so the kiosk does not carry GStreamer's 10 MiB for two short chimes */
  GSoundContext  *sound;
  char           *sound_files[2];
  GSubprocess    *speaking;
  GCancellable   *cancellable;
  guint           sounds_played;
  char           *last_spoken;
};

G_DEFINE_FINAL_TYPE (YiFeedback, yi_feedback, G_TYPE_OBJECT)

static const char *const sound_names[] = {
  "tap-ok.wav",
  "tap-help.wav",
};

/* libcanberra talks to the sound server while it starts a sound (and
 * while it connects): that waits on another process, so it is done on a
 * worker thread, never on the tap's way to its greeting. */
static void
play_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!gsound_context_play_simple (GSOUND_CONTEXT (source), NULL, &error,
                                   GSOUND_ATTR_MEDIA_FILENAME, (const char *) data,
                                   GSOUND_ATTR_MEDIA_ROLE, "event",
                                   GSOUND_ATTR_CANBERRA_CACHE_CONTROL, "permanent",
                                   NULL))
    g_debug ("Feedback sound not played (no sound device?): %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
yi_feedback_play (YiFeedback      *self,
                  YiFeedbackSound  sound)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YI_IS_FEEDBACK (self));
  g_return_if_fail (sound < G_N_ELEMENTS (self->sound_files));

  if (!g_settings_get_boolean (self->settings, YI_SETTING_SOUNDS))
    return;
  self->sounds_played++;
  if (self->sound == NULL)
    return;   /* no sound system, or still connecting */
  task = g_task_new (self->sound, NULL, NULL, NULL);
  g_task_set_task_data (task, g_strdup (self->sound_files[sound]), g_free);
  g_task_run_in_thread (task, play_in_thread);
}

static void
on_speech_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(YiFeedback) self = user_data;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc = G_SUBPROCESS (source);

  if (!g_subprocess_wait_check_finish (proc, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Speech ended badly (no sound device?): %s", error->message);
  if (self->speaking == proc)
    g_clear_object (&self->speaking);
}

void
yi_feedback_say (YiFeedback *self,
                 const char *text)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv ("YIYANG_ESPEAK");
  const char *argv[] = { NULL, "-v", NULL, "-s", "130", "--", text, NULL };

  g_return_if_fail (YI_IS_FEEDBACK (self));

  if (text == NULL || !g_settings_get_boolean (self->settings, YI_SETTING_SPOKEN_GREETING))
    return;
  /* a new tap cuts off the last greeting rather than queueing behind it */
  if (self->speaking != NULL)
    {
      g_subprocess_force_exit (self->speaking);
      g_clear_object (&self->speaking);
    }
  argv[0] = program != NULL && *program != '\0' ? program : "espeak-ng";
  argv[2] = yi_kiosk_prefers_chinese () ? "cmn" : "en";
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  self->speaking = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (self->speaking == NULL)
    {
      g_debug ("No spoken greeting: %s", error->message);
      return;
    }
  g_free (self->last_spoken);
  self->last_spoken = g_strdup (text);
  g_subprocess_wait_check_async (self->speaking, self->cancellable, on_speech_done, g_object_ref (self));
}

guint
yi_feedback_get_sounds_played (YiFeedback *self)
{
  return self->sounds_played;
}

const char *
yi_feedback_get_last_spoken (YiFeedback *self)
{
  return self->last_spoken;
}

static void
yi_feedback_dispose (GObject *object)
{
  YiFeedback *self = YI_FEEDBACK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->sound);
  g_clear_object (&self->speaking);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yi_feedback_parent_class)->dispose (object);
}

static void
yi_feedback_finalize (GObject *object)
{
  YiFeedback *self = YI_FEEDBACK (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->sound_files); i++)
    g_free (self->sound_files[i]);
  g_free (self->last_spoken);
  G_OBJECT_CLASS (yi_feedback_parent_class)->finalize (object);
}

static void
yi_feedback_class_init (YiFeedbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yi_feedback_dispose;
  object_class->finalize = yi_feedback_finalize;
}

static void
yi_feedback_init (YiFeedback *self)
{
  self->cancellable = g_cancellable_new ();
}

static void
connect_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  YiFeedback *self = source;   /* the task keeps it; its file names are fixed */
  GSoundContext *sound;
  g_autoptr(GError) error = NULL;

  sound = gsound_context_new (NULL, &error);
  if (sound == NULL ||
      !gsound_context_set_attributes (sound, &error, GSOUND_ATTR_APPLICATION_NAME, "Yiyang", NULL) ||
      !gsound_context_open (sound, &error))
    {
      g_clear_object (&sound);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->sound_files); i++)
    if (!gsound_context_cache (sound, NULL, GSOUND_ATTR_MEDIA_FILENAME, self->sound_files[i], NULL))
      break;
  g_task_return_pointer (task, sound, g_object_unref);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  YiFeedback *self = YI_FEEDBACK (source);
  g_autoptr(GError) error = NULL;

  self->sound = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->sound == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No feedback sounds: %s", error->message);
}

YiFeedback *
yi_feedback_new (GSettings *settings)
{
  YiFeedback *self = g_object_new (YI_TYPE_FEEDBACK, NULL);
  const char *dir = g_getenv ("YIYANG_SOUNDDIR");
  g_autoptr(GTask) task = NULL;

  self->settings = g_object_ref (settings);
  if (dir == NULL || *dir == '\0')
    dir = PKGDATADIR G_DIR_SEPARATOR_S "sounds";
  for (guint i = 0; i < G_N_ELEMENTS (self->sound_files); i++)
    self->sound_files[i] = g_build_filename (dir, sound_names[i], NULL);

  /* connected at start-up, off the main thread, so the first tap does not
   * wait for the sound server; a kiosk without one still works, silently */
  task = g_task_new (self, self->cancellable, on_connected, NULL);
  g_task_run_in_thread (task, connect_in_thread);
  return self;
}
