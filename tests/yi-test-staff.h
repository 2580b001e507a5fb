#pragma once

/* Staff members for tests whose subject is not the PIN itself. */

#include "yi-ids.h"
#include "yi-pin.h"
#include "yi-store.h"

#include <sodium.h>
#include <string.h>

/* A staff member as yi_store_add_staff makes one, but with the PIN hashed
 * at the least cost Argon2id allows (libsodium's minimum) rather than at
 * the production cost, which takes seconds per hash under valgrind.  Each
 * hash carries its own cost, which yi_pin_verify reads back, so the PIN
 * still opens staff mode.  Tests of yi_store_add_staff and of logging in
 * with PINs it hashed call it directly. */
static inline char *
yi_test_add_staff (YiStore    *store,
                   const char *name,
                   const char *role,
                   const char *pin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) f = json_object_new ();
  char hash[crypto_pwhash_STRBYTES];
  char *id = yi_uuid_v7_new ();

  g_assert_true (yi_pin_is_acceptable (pin, &error));
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, pin, strlen (pin),
                                      crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), ==, 0);
  json_object_set_string_member (f, "name", name);
  json_object_set_string_member (f, "role", role);
  json_object_set_string_member (f, "pin_hash", hash);
  g_assert_true (yi_store_put_entity (store, "staff", id, f, &error));
  g_assert_no_error (error);
  return id;
}
