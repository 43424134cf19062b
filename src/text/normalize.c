/*
 * src/text/normalize.c -- folding with utf8proc; see normalize.h.
 */
#include "text/normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/hash.h"

int text_is_ascii(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (p[i] & 0x80) {
            return 0;
        }
    }
    return 1;
}

void text_fold_ascii_into(char *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[len] = '\0';
}

static char *fold_ascii(const char *s, size_t len, core_arena *arena, size_t *out_len)
{
    char *out = core_arena_alloc(arena, len + 1);
    if (!out) {
        return NULL;
    }
    text_fold_ascii_into(out, s, len);
    *out_len = len;
    return out;
}

/* Apostrophe-like code points that fil treats as "'" (utf8proc leaves them:
 * they are distinct characters, not compatibility variants). */
static utf8proc_int32_t map_apostrophe(utf8proc_int32_t cp, void *unused)
{
    (void)unused;
    switch (cp) {
    case 0x2019: /* right single quotation mark */
    case 0x2018: /* left single quotation mark */
    case 0x02BC: /* modifier letter apostrophe */
    case 0x2032: /* prime */ return '\'';
    default: return cp;
    }
}

char *text_fold(const char *s, size_t len, unsigned flags, core_arena *arena, size_t *out_len)
{
    if (text_is_ascii(s, len)) {
        return fold_ascii(s, len, arena, out_len);
    }
    utf8proc_option_t options =
        UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    if (flags & TEXT_FOLD_STRIP_ACCENTS) {
        options |= UTF8PROC_STRIPMARK;
    }
    /* Decomposition may expand (ligatures, compatibility forms); try a
     * generous buffer, then exactly the size utf8proc asks for. */
    utf8proc_ssize_t room = (utf8proc_ssize_t)len + 8;
    for (int attempt = 0; attempt < 2; attempt++) {
        utf8proc_int32_t *buf = core_arena_alloc(arena, ((size_t)room + 1) * sizeof *buf);
        if (!buf) {
            return NULL;
        }
        utf8proc_ssize_t n =
            utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, room,
                                      options, map_apostrophe, NULL);
        if (n < 0) {
            return NULL;
        }
        if (n <= room) {
            n = utf8proc_reencode(buf, n, options);
            if (n < 0) {
                return NULL;
            }
            *out_len = (size_t)n;
            return (char *)buf; /* reencode wrote NUL-terminated UTF-8 in place */
        }
        room = n;
    }
    return NULL;
}

/* One slot: the word (in_len bytes, 0 = empty) then its folded form. */
typedef struct fold_slot {
    uint8_t flags, in_len, out_len;
    char text[61];
} fold_slot;

/* How one code point below U+0800 (ASCII or two UTF-8 bytes) folds. */
typedef struct fold_char {
    uint8_t state; /* FOLD_CHAR_*: 0 = not looked at yet */
    uint8_t len;   /* bytes in out (0: the code point is dropped, e.g. a soft hyphen) */
    char out[6];   /* its fold alone; only with FOLD_CHAR_ALONE */
} fold_char;

enum { FOLD_CHAR_ALONE = 1, FOLD_CHAR_IN_CONTEXT = 2 };

#define FOLD_CHARS 0x800 /* the code points with at most two UTF-8 bytes */

struct text_fold_cache {
    fold_slot *slots;               /* TEXT_FOLD_CACHE_SLOTS (2 MiB: huge pages) */
    fold_char chars[2][FOLD_CHARS]; /* by TEXT_FOLD_STRIP_ACCENTS, then code point */
};

text_fold_cache *text_fold_cache_new(void)
{
    text_fold_cache *c = core_calloc(1, sizeof *c);
    fold_slot *slots = c ? core_calloc_table(TEXT_FOLD_CACHE_SLOTS * sizeof *slots) : NULL;
    if (!slots) {
        free(c);
        return NULL;
    }
    c->slots = slots;
    return c;
}

void text_fold_cache_free(text_fold_cache *cache)
{
    if (cache) {
        free(cache->slots);
        free(cache);
    }
}

/* Settles fc, the entry of code point cp (1 <= cp < FOLD_CHARS): it folds
 * alone when it is a starter (combining class 0) whose fold, at most three
 * bytes per byte of its own, is empty or starts with a starter. Such code
 * points fold the same in any word made of them: NFC composes a starter
 * only with the marks after it (none here) or with another starter in
 * Hangul and a few Indic scripts, all above U+0800; case folding,
 * compatibility mappings, the apostrophes and ignorables are per code
 * point. Checked for every pair of them, with and without accents,
 * against utf8proc 2.6 (Dec 2026, issue 3; tests/unit/test_text.c keeps a
 * sample). When text_fold refuses cp alone (the arena is full), fc is left
 * unsettled and the word takes the whole path. */
static void settle_char(fold_char *fc, uint32_t cp, unsigned flags, core_arena *arena)
{
    char in[2];
    size_t n = 0, len;
    if (cp < 0x80) {
        in[n++] = (char)cp;
    } else {
        in[n++] = (char)(0xC0 | (cp >> 6));
        in[n++] = (char)(0x80 | (cp & 0x3F));
    }
    char *out = text_fold(in, n, flags, arena, &len);
    if (!out) {
        return;
    }
    /* at most three bytes out per byte in: fold_by_chars sizes by that */
    int alone = len <= 3 * n && len <= sizeof fc->out &&
                utf8proc_get_property((utf8proc_int32_t)cp)->combining_class == 0;
    if (alone && len) {
        utf8proc_int32_t first;
        alone =
            utf8proc_iterate((const utf8proc_uint8_t *)out, (utf8proc_ssize_t)len, &first) > 0 &&
            utf8proc_get_property(first)->combining_class == 0;
    }
    fc->state = alone ? FOLD_CHAR_ALONE : FOLD_CHAR_IN_CONTEXT;
    fc->len = alone ? (uint8_t)len : 0;
    if (alone) {
        memcpy(fc->out, out, len);
    }
}

/* The next code point of s (len bytes) from *i when it is below
 * FOLD_CHARS and well formed, advancing *i; else 0 (NUL included). */
static uint32_t next_small_char(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char b = s[*i];
    if (b < 0x80) {
        *i += b != 0;
        return b;
    }
    if (b < 0xC2 || b > 0xDF || *i + 1 >= len || (s[*i + 1] & 0xC0) != 0x80) {
        return 0;
    }
    *i += 2;
    return ((uint32_t)(b & 0x1F) << 6) | (s[*i - 1] & 0x3Fu);
}

/* text_fold of s by its code points, each folded alone (settle_char), for
 * a word of code points below U+0800 that all fold alone: Latin with its
 * accents, Greek, Cyrillic, Hebrew, Arabic -- most words not in ASCII.
 * Sets *whole and returns NULL for any other word (text_fold then). */
static char *fold_by_chars(text_fold_cache *cache, const char *s, size_t len, unsigned flags,
                           core_arena *arena, size_t *out_len, int *whole)
{
    const unsigned char *p = (const unsigned char *)s;
    fold_char *chars = cache->chars[flags];
    /* a code point folds to at most three bytes per byte of its own */
    char *out = core_arena_alloc(arena, 3 * len + 1);
    size_t n = 0;
    *whole = 0;
    for (size_t i = 0; out && i < len;) {
        uint32_t cp = next_small_char(p, len, &i);
        if (cp && !chars[cp].state) {
            settle_char(&chars[cp], cp, flags, arena);
        }
        if (!cp || chars[cp].state != FOLD_CHAR_ALONE) {
            *whole = 1;
            return NULL;
        }
        memcpy(out + n, chars[cp].out, chars[cp].len);
        n += chars[cp].len;
    }
    if (out) {
        out[n] = '\0';
        *out_len = n;
    }
    return out;
}

char *text_fold_cached(text_fold_cache *cache, const char *s, size_t len, unsigned flags,
                       core_arena *arena, size_t *out_len)
{
    size_t room = sizeof cache->slots[0].text;
    if (!cache || len == 0 || text_is_ascii(s, len)) {
        return text_fold(s, len, flags, arena, out_len);
    }
    if (flags <= TEXT_FOLD_STRIP_ACCENTS) {
        int whole;
        char *out = fold_by_chars(cache, s, len, flags, arena, out_len, &whole);
        if (!whole) {
            return out;
        }
    }
    if (len > room) {
        return text_fold(s, len, flags, arena, out_len);
    }
    uint64_t h = core_hash(s, len, 0x666f6c64ULL + flags); /* "fold" */
    fold_slot *slot = &cache->slots[h & (TEXT_FOLD_CACHE_SLOTS - 1)];
    if (slot->in_len == len && slot->flags == flags && memcmp(slot->text, s, len) == 0) {
        char *out = core_arena_alloc(arena, (size_t)slot->out_len + 1);
        if (!out) {
            return NULL;
        }
        memcpy(out, slot->text + len, slot->out_len);
        out[slot->out_len] = '\0';
        *out_len = slot->out_len;
        return out;
    }
    char *out = text_fold(s, len, flags, arena, out_len);
    if (out && len + *out_len <= room) {
        slot->flags = (uint8_t)flags;
        slot->in_len = (uint8_t)len;
        slot->out_len = (uint8_t)*out_len;
        memcpy(slot->text, s, len);
        memcpy(slot->text + len, out, *out_len);
    }
    return out;
}
