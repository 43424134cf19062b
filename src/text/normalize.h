/*
 * src/text/normalize.h -- Unicode folding of words (utf8proc).
 *
 * Promise: text_fold maps a UTF-8 word to NFKC, case-folded form; with
 * TEXT_FOLD_STRIP_ACCENTS it also removes combining marks (é -> e,
 * ü -> u, ß -> ss by case folding), the form fil compares across
 * languages and across sources that drop accents. Apostrophe variants
 * (’ ʼ ‘ ′) become "'". Pure ASCII input takes a fast path (lower-casing
 * only), which gives the same result as the full path for ASCII.
 * Memory: the result lives in the arena (borrowed until its reset).
 * Errors: NULL when the arena is full or the input is not valid UTF-8.
 */
#ifndef FIL_TEXT_NORMALIZE_H
#define FIL_TEXT_NORMALIZE_H

#include <stddef.h>

#include "core/arena.h"

#define TEXT_FOLD_STRIP_ACCENTS 1u

char *text_fold(const char *s, size_t len, unsigned flags, core_arena *arena, size_t *out_len);

/* A cache of text_fold results for non-ASCII words (ASCII ones take the
 * fast path anyway). Most words -- Latin with accents, Greek, Cyrillic,
 * Hebrew, Arabic -- are made of code points below U+0800 that fold alone
 * (their form does not depend on their neighbours): such a word is folded
 * code point by code point, each code point's form looked up once with
 * text_fold and kept (32 KiB). Other words repeat: direct-mapped,
 * TEXT_FOLD_CACHE_SLOTS slots of 64 bytes, each holding one word (compared
 * in full) and its folded form, so a slot gives its own word's form or
 * none. Words whose forms do not fit a slot are folded each time. Every
 * path gives text_fold's form. One per engine (not shared between
 * threads); NULL when out of memory. */
#define TEXT_FOLD_CACHE_SLOTS (1u << 15)

typedef struct text_fold_cache text_fold_cache;

text_fold_cache *text_fold_cache_new(void);
void text_fold_cache_free(text_fold_cache *cache);

/* text_fold through the cache (NULL cache: text_fold itself). The result
 * is a copy in the arena, as text_fold's. */
char *text_fold_cached(text_fold_cache *cache, const char *s, size_t len, unsigned flags,
                       core_arena *arena, size_t *out_len);

/* text_fold of ASCII input, written to out: len lower-cased bytes and a
 * NUL (out has room for len + 1). For callers that place many words in
 * one block. */
void text_fold_ascii_into(char *out, const char *s, size_t len);

/* 1 when the n bytes at s are all ASCII. */
int text_is_ascii(const char *s, size_t n);

#endif
