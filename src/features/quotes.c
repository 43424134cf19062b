/*
 * src/features/quotes.c -- direct quotations; see quotes.h.
 */
#include "features/quotes.h"

#include <string.h>

#include "core/hash.h"
#include "fil.h"

/* An opening mark at s and the marks that may close it; NULL closers when
 * s holds no opening mark. */
typedef struct quote_mark {
    size_t len;           /* bytes of the opening mark */
    const char *close[2]; /* closing marks (UTF-8); the second may be NULL */
} quote_mark;

static quote_mark opening_mark(const char *s, size_t n)
{
    static const struct {
        const char *open, *close[2];
    } marks[] = {
        {"\xc2\xab", {"\xc2\xbb", NULL}},                   /* « » */
        {"\xe2\x80\x9c", {"\xe2\x80\x9d", NULL}},           /* “ ” */
        {"\xe2\x80\x9e", {"\xe2\x80\x9c", "\xe2\x80\x9d"}}, /* „ “ or „ ” */
        {"\xe2\x80\xb9", {"\xe2\x80\xba", NULL}},           /* ‹ › */
        {"\"", {"\"", NULL}},
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t m = strlen(marks[i].open);
        if (m <= n && memcmp(s, marks[i].open, m) == 0) {
            return (quote_mark){m, {marks[i].close[0], marks[i].close[1]}};
        }
    }
    return (quote_mark){0, {NULL, NULL}};
}

/* Offset of the closing mark from s, or -1 when none comes within the
 * limits; *mark_len gets its length. */
static long find_close(const char *s, size_t n, const quote_mark *q, size_t *mark_len)
{
    size_t limit = n < FEATURES_QUOTE_MAX_BYTES ? n : FEATURES_QUOTE_MAX_BYTES;
    for (size_t i = 0; i < limit; i++) {
        if (s[i] == '\n' && i + 1 < n && s[i + 1] == '\n') {
            return -1;
        }
        for (int c = 0; c < 2 && q->close[c]; c++) {
            size_t m = strlen(q->close[c]);
            if (i + m <= n && memcmp(s + i, q->close[c], m) == 0) {
                *mark_len = m;
                return (long)i;
            }
        }
    }
    return -1;
}

static int is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* Fills the key and word count of the quote at s (n bytes). */
static void describe_quote(const char *s, size_t n, features_quote *q)
{
    char buf[FEATURES_QUOTE_MAX_BYTES];
    size_t m = 0;
    int in_word = 0;
    q->words = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int word = is_word_byte(c);
        q->words += word && !in_word;
        in_word = word;
        if (word) {
            buf[m++] = (char)(c >= 'A' && c <= 'Z' ? c | 32 : c);
        }
    }
    uint32_t key = (uint32_t)core_hash(buf, m, 0x71756f74ULL /* "quot" */);
    q->key = key ? key : 1;
}

/* Where each byte that may start a mark next occurs: '"', and the lead
 * bytes of « (0xc2) and of “ „ ‹ (0xe2). memchr scans many bytes per
 * step (this runs on the near-duplicate path); each position is searched
 * again only once passed, so a text costs one scan per lead byte. */
typedef struct mark_scan {
    const char *text;
    size_t len;
    size_t next[3]; /* offset of the next occurrence of each lead, or len */
} mark_scan;

static const char mark_leads[3] = {'"', (char)0xc2, (char)0xe2};

static void mark_scan_init(mark_scan *m, const char *text, size_t len)
{
    m->text = text;
    m->len = len;
    for (int k = 0; k < 3; k++) {
        const char *p = memchr(text, mark_leads[k], len);
        m->next[k] = p ? (size_t)(p - text) : len;
    }
}

/* The first offset >= from holding a lead byte; len when none. */
static size_t next_mark_byte(mark_scan *m, size_t from)
{
    size_t best = m->len;
    for (int k = 0; k < 3; k++) {
        if (m->next[k] < from) {
            const char *p = memchr(m->text + from, mark_leads[k], m->len - from);
            m->next[k] = p ? (size_t)(p - m->text) : m->len;
        }
        best = m->next[k] < best ? m->next[k] : best;
    }
    return best;
}

int features_find_quotes(const char *text, size_t len, core_arena *arena, features_quote **out,
                         size_t *count)
{
    size_t cap = len / (2 * FEATURES_QUOTE_MIN_WORDS) + 1;
    *count = 0;
    *out = core_arena_alloc(arena, cap * sizeof **out);
    if (!*out) {
        return FIL_ENOMEM;
    }
    mark_scan scan;
    mark_scan_init(&scan, text, len);
    for (size_t i = 0; i < len && *count < cap;) {
        i = next_mark_byte(&scan, i);
        if (i >= len) {
            break;
        }
        quote_mark q = opening_mark(text + i, len - i);
        if (!q.len) {
            i++;
            continue;
        }
        size_t start = i + q.len, mark_len = 0;
        long end = find_close(text + start, len - start, &q, &mark_len);
        if (end < 0) {
            i = start;
            continue;
        }
        features_quote *fq = &(*out)[*count];
        fq->offset = (uint32_t)start;
        fq->len = (uint32_t)end;
        describe_quote(text + start, (size_t)end, fq);
        *count += fq->words >= FEATURES_QUOTE_MIN_WORDS;
        i = start + (size_t)end + mark_len;
    }
    return FIL_OK;
}
