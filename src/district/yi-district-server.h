#pragma once

#include "yi-district-db.h"
#include "yi-district-handler.h"

#include <gio/gio.h>

G_BEGIN_DECLS

#define YI_TYPE_DISTRICT_SERVER (yi_district_server_get_type ())
G_DECLARE_FINAL_TYPE (YiDistrictServer, yi_district_server, YI, DISTRICT_SERVER, GObject)

/* @certificate: NULL to serve plain HTTP. */
YiDistrictServer *yi_district_server_new      (YiDistrictDb      *db,
                                               GTlsCertificate   *certificate);
/* @address is "HOST:PORT" with an IP literal or "localhost"; port 0 picks
 * a free one.  Returns the URL clients should use. */
char             *yi_district_server_listen   (YiDistrictServer  *self,
                                               const char        *address,
                                               GError           **error);
/* Stops taking new requests, lets those already received finish (up to
 * @grace_ms), closes every connection, then calls @done. */
void              yi_district_server_shutdown (YiDistrictServer  *self,
                                               guint              grace_ms,
                                               GSourceFunc        done,
                                               gpointer           user_data);

G_END_DECLS
