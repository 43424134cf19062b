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

struct text_fold_cache {
    fold_slot slots[TEXT_FOLD_CACHE_SLOTS];
};

text_fold_cache *text_fold_cache_new(void)
{
    return core_calloc_table(sizeof(text_fold_cache));
}

void text_fold_cache_free(text_fold_cache *cache)
{
    free(cache);
}

char *text_fold_cached(text_fold_cache *cache, const char *s, size_t len, unsigned flags,
                       core_arena *arena, size_t *out_len)
{
    size_t room = sizeof cache->slots[0].text;
    if (!cache || len == 0 || len > room || text_is_ascii(s, len)) {
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
