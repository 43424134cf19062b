/*
 * src/core/words.c -- an exact table of words; see words.h.
 */
#include "core/words.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "fil.h"

#define FIRST_CAPACITY 64

void core_words_init(core_words *t)
{
    memset(t, 0, sizeof *t);
}

void core_words_free(core_words *t)
{
    free(t->tag);
    free(t->slot);
    core_words_init(t);
}

/* The slot of word in t (capacity > 0) from its run's first slot home:
 * its own, or the empty one where it would go. */
static size_t find_slot(const core_words *t, const char *word, size_t len, size_t home, uint8_t tag)
{
    for (size_t k = home;; k = (k + 1) & (t->capacity - 1)) {
        if (!t->tag[k]) {
            return k;
        }
        const core_words_slot *s = &t->slot[k];
        if (t->tag[k] == tag && s->len == len && memcmp(s->word, word, len) == 0) {
            return k;
        }
    }
}

/* Where word goes in t: its slot and, in *tag, its tag. */
static size_t place_of(const core_words *t, const char *word, size_t len, uint8_t *tag)
{
    size_t home = core_words_home(t, core_hash_word(word, len), tag);
    return find_slot(t, word, len, home, *tag);
}

/* Doubles the table (or makes the first one), moving every word. */
static int grow(core_words *t)
{
    core_words bigger = {NULL, NULL, t->capacity ? 2 * t->capacity : FIRST_CAPACITY, t->count};
    bigger.tag = core_calloc(bigger.capacity, sizeof *bigger.tag);
    bigger.slot = core_calloc(bigger.capacity, sizeof *bigger.slot);
    if (!bigger.tag || !bigger.slot) {
        free(bigger.tag);
        free(bigger.slot);
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->tag[i]) {
            uint8_t tag;
            size_t k = place_of(&bigger, t->slot[i].word, t->slot[i].len, &tag);
            bigger.tag[k] = tag;
            bigger.slot[k] = t->slot[i];
        }
    }
    free(t->tag);
    free(t->slot);
    *t = bigger;
    return FIL_OK;
}

uint32_t *core_words_put(core_words *t, const char *word, size_t len)
{
    if (4 * (t->count + 1) > t->capacity && grow(t)) {
        return NULL;
    }
    uint8_t tag;
    size_t k = place_of(t, word, len, &tag);
    if (!t->tag[k]) {
        t->tag[k] = tag;
        t->slot[k] = (core_words_slot){word, (uint32_t)len, 0};
        t->count++;
    }
    return &t->slot[k].value;
}

const uint32_t *core_words_find(const core_words *t, const char *word, size_t len, size_t home,
                                uint8_t tag)
{
    size_t k = find_slot(t, word, len, home, tag);
    return t->tag[k] ? &t->slot[k].value : NULL;
}
