/*
 * src/core/words.h -- a table of words, each with a 32-bit value, for word
 * lists that are built once and then looked up at every token of a text.
 *
 * Promise: core_words_get finds a word by its bytes, exactly (no hash is
 * trusted for equality), in expected O(1): open addressing with linear
 * probing over a power-of-two slot array kept at most a quarter full,
 * hashed by core_hash_word. Each slot has a one-byte tag (7 hash bits;
 * 0 = empty) in an array of its own, read before the slot: most tokens of
 * a text are no word of such a list, and a miss then mostly costs the
 * hash and one read of the tag array (a byte a slot keeps it in the L1
 * cache for lists of a few thousand words), inline.
 * Memory: the table owns its arrays; the words are borrowed (the caller
 *         keeps them alive and unchanged as long as the table).
 * Errors: FIL_ENOMEM from core_words_put.
 * Threads: lookups only read; a table may serve many threads once built.
 */
#ifndef FIL_CORE_WORDS_H
#define FIL_CORE_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"

typedef struct core_words_slot {
    const char *word; /* borrowed */
    uint32_t len;
    uint32_t value;
} core_words_slot;

typedef struct core_words {
    uint8_t *tag;          /* capacity tags; 0: an empty slot */
    core_words_slot *slot; /* capacity slots */
    size_t capacity;       /* a power of two, or 0 before the first put */
    size_t count;
} core_words;

void core_words_init(core_words *t);
void core_words_free(core_words *t);

/* The value of word (len bytes), inserted with value 0 when absent; NULL
 * when out of memory. The pointer is dead after the next put. */
uint32_t *core_words_put(core_words *t, const char *word, size_t len);

/* The slot (of t->capacity > 0) where word's run of slots starts, and its
 * tag, from h = core_hash_word(word, len): the slot from the hash's bits
 * 40 and up, the tag from bits 24-30, so that two words in one run rarely
 * share a tag. */
static inline size_t core_words_home(const core_words *t, uint64_t h, uint8_t *tag)
{
    *tag = (uint8_t)((h >> 24) | 0x80u);
    return (size_t)(h >> 40) & (t->capacity - 1);
}

/* core_words_get past the first slot of word's run (words.c). */
const uint32_t *core_words_find(const core_words *t, const char *word, size_t len, size_t home,
                                uint8_t tag);

/* The value of word, or NULL when it is not in the table. */
static inline const uint32_t *core_words_get(const core_words *t, const char *word, size_t len)
{
    if (!t->capacity) {
        return NULL;
    }
    uint8_t tag;
    size_t home = core_words_home(t, core_hash_word(word, len), &tag);
    return t->tag[home] ? core_words_find(t, word, len, home, tag) : NULL;
}

#endif
