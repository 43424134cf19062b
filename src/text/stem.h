/*
 * src/text/stem.h -- Snowball stemmers (libstemmer) by ISO 639-1 code.
 *
 * Promise: text_stem returns the Snowball stem of a folded word for the 28
 * natural languages libstemmer ships (ar hy eu ca da nl en fi fr de el hi
 * hu id ga it lt ne no pt ro ru sr es sv ta tr yi); for other languages
 * the word itself. Stemmers are created on first use.
 * Memory: the stem lives in the arena. The stemmer set owns its stemmers;
 *         libstemmer's are not thread-safe, so the set belongs to one engine.
 * Errors: NULL when the arena is full.
 */
#ifndef FIL_TEXT_STEM_H
#define FIL_TEXT_STEM_H

#include <stddef.h>

#include "core/arena.h"

typedef struct text_stemmers text_stemmers;

text_stemmers *text_stemmers_new(void);
void text_stemmers_free(text_stemmers *st);

const char *text_stem(text_stemmers *st, const char *lang, const char *word, size_t len,
                      core_arena *arena, size_t *out_len);

#endif
