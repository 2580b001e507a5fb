#pragma once

#include "yi-district-db.h"
#include "yi-district-writer.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Request bodies larger than this (after decompression) get 413. */
#define YI_DISTRICT_MAX_BODY (16 * 1024 * 1024)

/* One HTTP request as the district sees it, without a socket: the server
 * fills it from a SoupServerMessage, the fuzzers and tests from bytes. */
typedef struct {
  const char         *method;
  const char         *path;
  const char         *query;     /* the raw query string, or NULL */
  SoupMessageHeaders *headers;   /* request headers */
  GBytes             *body;      /* as received (maybe gzip-compressed), or NULL */
  const char         *peer;      /* for the log only, or NULL */
} YiDistrictRequest;

typedef struct {
  guint               status;
  SoupMessageHeaders *headers;   /* response headers, filled in */
  GBytes             *body;      /* application/json */
} YiDistrictResponse;

YiDistrictResponse *yi_district_response_new  (void);
void                yi_district_response_free (YiDistrictResponse *resp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YiDistrictResponse, yi_district_response_free)

/* Answers one request: routing, protocol check, authentication, body
 * decoding and the database work; logs one line (never the token, the
 * body or an ID number).  @stopping: the server is shutting down, every
 * request gets 503. */
YiDistrictResponse *yi_district_handle (YiDistrictDb            *db,
                                        const YiDistrictRequest *req,
                                        gboolean                 stopping);

/* Receives a deferred answer, in the caller's main context; takes @resp. */
typedef void (*YiDistrictAnswer) (YiDistrictResponse *resp,
                                  gpointer            user_data);

/* As yi_district_handle(), but a push goes to @writer, is stored together
 * with the pushes of other kiosks, and is answered through @answer after
 * its commit: then NULL is returned.  Other requests are answered at once.
 * For a server that handles requests from several threads, @db_lock (or
 * NULL) is held by the caller (it guards @db's connection) and is let go
 * while a push's body is unpacked and read, which needs no database. */
YiDistrictResponse *yi_district_handle_locked   (YiDistrictDb            *db,
                                                 GMutex                  *db_lock,
                                                 YiDistrictWriter        *writer,
                                                 const YiDistrictRequest *req,
                                                 gboolean                 stopping,
                                                 YiDistrictAnswer         answer,
                                                 gpointer                 user_data);

/* The answer to a request refused before its body is read. */
YiDistrictResponse *yi_district_response_for_error (const YiDistrictRequest *req,
                                                    const GError            *error);

G_END_DECLS
