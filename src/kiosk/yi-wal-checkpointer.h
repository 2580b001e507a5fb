#pragma once

#include "yi-store.h"

G_BEGIN_DECLS

/* Moves the write-ahead log's pages into the database file on a worker
 * thread, with its own connection, instead of inside the commit of
 * whichever tap happens to pass SQLite's 1,000-page mark: a tap then waits
 * for its own commit's flush only.  Replaces SQLite's automatic checkpoint
 * on @store's connection for as long as @store lives. */
void yi_wal_checkpointer_attach (YiStore *store);

G_END_DECLS
