#include "config.h"

#include "yi-ready-notify.h"

#include <gio/gunixsocketaddress.h>

typedef struct
{
  YiWindow      *window;     /* weak */
  YiCardReaders *readers;
  gulong         shown_id;
  gulong         reader_id;
  gboolean       painted;
} Watch;

static void
watch_free (Watch *w)
{
  if (w->window != NULL)
    g_clear_signal_handler (&w->shown_id, w->window);
  g_clear_signal_handler (&w->reader_id, w->readers);
  g_clear_object (&w->readers);
  g_clear_weak_pointer (&w->window);
  g_free (w);
}

static void
send_ready (void)
{
  const char *path = g_getenv ("NOTIFY_SOCKET");
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  static const char message[] = "READY=1\n";

  /* "@name" is a socket in the abstract namespace */
  if (path[0] == '@')
    address = g_unix_socket_address_new_with_type (path + 1, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  else
    address = g_unix_socket_address_new (path);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  if (socket == NULL || g_socket_send_to (socket, address, message, sizeof message - 1, NULL, &error) < 0)
    g_warning ("Could not say the kiosk is ready on %s: %s", path, error->message);
}

static void
check (Watch *w)
{
  if (!w->painted || yi_card_readers_nfc_searching (w->readers))
    return;
  send_ready ();
  watch_free (w);
}

/* The window's first "shown" comes after its first frame is painted. */
static void
on_shown (YiWindow   *window,
          const char *page,
          const char *uid,
          const char *outcome,
          const char *event_id,
          Watch      *w)
{
  w->painted = TRUE;
  g_clear_signal_handler (&w->shown_id, w->window);
  check (w);
}

void
yi_ready_notify_watch (YiWindow      *window,
                       YiCardReaders *readers)
{
  const char *path = g_getenv ("NOTIFY_SOCKET");
  Watch *w;

  g_return_if_fail (YI_IS_WINDOW (window));
  g_return_if_fail (YI_IS_CARD_READERS (readers));

  if (path == NULL || path[0] == '\0')
    return;
  w = g_new0 (Watch, 1);
  g_set_weak_pointer (&w->window, window);
  w->readers = g_object_ref (readers);
  w->reader_id = g_signal_connect_swapped (readers, "notify::status-message", G_CALLBACK (check), w);
  w->shown_id = g_signal_connect (window, "shown", G_CALLBACK (on_shown), w);
}
