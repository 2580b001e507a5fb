#include "config.h"

#include "yi-search.h"
#include "yi-clock.h"
#include "yi-idcard.h"

#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

static GMutex translit_lock;
static UTransliterator *translit;
static GHashTable *pinyin_cache;

static UTransliterator *
get_transliterator (void)
{
  if (translit == NULL)
    {
      static const UChar rules_id[] = u"Han-Latin; Latin-ASCII; Lower";
      UErrorCode status = U_ZERO_ERROR;

      translit = utrans_openU (rules_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
      if (U_FAILURE (status))
        {
          g_warning ("ICU has no Han-Latin transliterator: %s", u_errorName (status));
          translit = NULL;
        }
    }
  return translit;
}

/* Transliterates one string; ICU works in UTF-16, GLib in UTF-8. */
static char *
transliterate (const char *text)
{
  UTransliterator *t;
  UErrorCode status = U_ZERO_ERROR;
  g_autofree gunichar2 *u16 = NULL;
  glong len16 = 0;
  int32_t limit, capacity;
  UChar *buf;
  char *out;

  u16 = g_utf8_to_utf16 (text, -1, NULL, &len16, NULL);
  if (u16 == NULL)
    return g_strdup ("");
  t = get_transliterator ();
  if (t == NULL)
    return g_utf8_strdown (text, -1);

  /* Each Han character becomes at most ~7 Latin letters and a space. */
  capacity = (int32_t) len16 * 8 + 16;
  buf = g_new0 (UChar, capacity);
  memcpy (buf, u16, len16 * sizeof (UChar));
  limit = (int32_t) len16;
  int32_t text_len = (int32_t) len16;
  utrans_transUChars (t, buf, &text_len, capacity, 0, &limit, &status);
  if (U_FAILURE (status))
    {
      g_free (buf);
      return g_utf8_strdown (text, -1);
    }
  out = g_utf16_to_utf8 ((gunichar2 *) buf, text_len, NULL, NULL, NULL);
  g_free (buf);
  return out ? out : g_strdup ("");
}

char *
yi_pinyin_of (const char *text)
{
  char *cached;
  char *result;

  g_mutex_lock (&translit_lock);
  if (pinyin_cache == NULL)
    pinyin_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (pinyin_cache, text);
  if (cached == NULL)
    {
      cached = transliterate (text);
      g_hash_table_insert (pinyin_cache, g_strdup (text), cached);
    }
  result = g_strdup (cached);
  g_mutex_unlock (&translit_lock);
  return result;
}

char *
yi_pinyin_initials_of (const char *text)
{
  g_autofree char *pinyin = yi_pinyin_of (text);
  GString *s = g_string_new (NULL);
  gboolean at_start = TRUE;

  for (const char *p = pinyin; *p; p++)
    {
      if (g_ascii_isalpha (*p))
        {
          if (at_start)
            g_string_append_c (s, g_ascii_tolower (*p));
          at_start = FALSE;
        }
      else
        at_start = TRUE;
    }
  return g_string_free (s, FALSE);
}

static char *
squash (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

void
yi_elder_hit_free (YiElderHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->name);
  g_free (hit->masked_id_number);
  g_free (hit->phone);
  g_free (hit->status);
  g_free (hit);
}

static gboolean
is_ascii_letters (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isalpha (*s) && *s != ' ')
      return FALSE;
  return TRUE;
}

static gboolean
is_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s) && *s != 'x' && *s != 'X')
      return FALSE;
  return TRUE;
}

GPtrArray *
yi_store_search_elders (YiStore     *store,
                        const char  *query,
                        guint        limit,
                        const char  *volunteer_staff_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) yi_elder_hit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *q = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *q_squashed = squash (q);
  g_autofree char *today = yi_store_today (store);
  gboolean letters = is_ascii_letters (q);
  gboolean digits = is_digits (q);

  if (limit == 0)
    limit = 50;

  /* Volunteers see only the elders paired with them (domain §6). */
  stmt = yi_store_prepare (store,
      "SELECT e.id, e.name, e.id_number, e.phone, e.status, e.gender, e.birth_date FROM elders e "
      "WHERE (?1 IS NULL OR e.id IN ("
      "   SELECT p.elder_id FROM volunteer_pairs p JOIN staff s ON s.volunteer_id = p.volunteer_id "
      "   WHERE s.id = ?1 AND (p.until IS NULL OR p.until >= ?2))) "
      "ORDER BY e.status = 'active' DESC, e.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, volunteer_staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW && hits->len < limit)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *idn = (const char *) sqlite3_column_text (stmt, 2);
      const char *phone = (const char *) sqlite3_column_text (stmt, 3);
      gboolean match = FALSE;
      YiElderHit *hit;

      if (*q == '\0')
        match = TRUE;
      else if (strstr (name, q) != NULL)
        match = TRUE;
      else if (letters)
        {
          g_autofree char *initials = yi_pinyin_initials_of (name);
          g_autofree char *pinyin = yi_pinyin_of (name);
          g_autofree char *pinyin_squashed = squash (pinyin);

          match = g_str_has_prefix (initials, q_squashed) ||
                  g_str_has_prefix (pinyin_squashed, q_squashed);
        }
      else if (digits)
        {
          /* Phone numbers match anywhere; ID numbers only by their tail,
           * which is what people read off the card. */
          g_autofree char *q_up = g_ascii_strup (q, -1);
          match = (phone && strstr (phone, q) != NULL) ||
                  (idn && strlen (q) >= 4 && g_str_has_suffix (idn, q_up));
        }
      if (!match)
        continue;

      hit = g_new0 (YiElderHit, 1);
      hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->name = g_strdup (name);
      hit->masked_id_number = yi_idcard_mask (idn);
      hit->phone = g_strdup (phone);
      hit->status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      hit->gender = ((const char *) sqlite3_column_text (stmt, 5))[0];
      hit->age = yi_age_on ((const char *) sqlite3_column_text (stmt, 6), today);
      g_ptr_array_add (hits, hit);
    }
  return g_steal_pointer (&hits);
}
