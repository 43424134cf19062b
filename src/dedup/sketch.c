/*
 * src/dedup/sketch.c -- shingles, sketches and their comparison; see
 * sketch.h.
 */
#include "dedup/sketch.h"

#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "features/quotes.h"
#include "fil.h"

/* The murmur3 finaliser: every input bit moves every output bit. */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Byte -> the byte as part of a word (ASCII lower-cased), or 0 for a
 * separator: letters, digits and every non-ASCII byte are word bytes,
 * except the few non-ASCII separators of unicode_separator. */
static const unsigned char word_byte[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
    0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
    0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
    0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
    0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

/* Length of a non-ASCII separator starting at s, else 0: the no-break
 * space, guillemets and the General Punctuation block U+2000-U+206F
 * (typographic spaces, dashes, curly quotes and apostrophes, ellipsis),
 * so that "l’armée" splits as "l'armée" does and "«Paix»" as "Paix". */
static size_t unicode_separator(const unsigned char *s, size_t left)
{
    if (s[0] == 0xc2 && left >= 2) {
        return s[1] == 0xa0 || s[1] == 0xab || s[1] == 0xbb ? 2 : 0;
    }
    if (s[0] == 0xe2 && left >= 3 && (s[1] == 0x80 || (s[1] == 0x81 && s[2] <= 0xaf))) {
        return 3;
    }
    return 0;
}

static uint64_t rotate_left(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

/* The hash of a shingle: its words' hashes, each rotated by its place (so
 * order counts), xored and mixed once. */
static uint64_t shingle_hash(const uint64_t *words, size_t seen, size_t n)
{
    uint64_t h = 0;
    for (size_t k = 0; k < n; k++) {
        h ^= rotate_left(words[(seen - n + k) % DEDUP_SHINGLE_WORDS], (int)(16 * k + 1));
    }
    return mix64(h);
}

/* Walks the shingles of a text: calls visit(ctx, hash) for each. This is
 * the whole cost of sketching (tens of MB/s): a shift per byte, a multiply
 * per eight bytes of a word and one mix per word. */
typedef void (*shingle_fn)(void *ctx, uint64_t hash);

static void walk_shingles(const char *text, size_t len, shingle_fn visit, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    uint64_t words[DEDUP_SHINGLE_WORDS];
    size_t seen = 0;
    for (size_t i = 0; i < len;) {
        size_t skip = !word_byte[s[i]] ? 1 : s[i] < 0x80 ? 0 : unicode_separator(s + i, len - i);
        if (skip) {
            i += skip;
            continue;
        }
        /* the lower-cased bytes, eight at a time, each eight multiplied in */
        uint64_t h = 0x9e3779b97f4a7c15ULL, chunk = 0;
        int bytes = 0;
        for (unsigned char c; i < len && (c = word_byte[s[i]]) != 0; i++) {
            if (c >= 0xc2 && unicode_separator(s + i, len - i)) {
                break;
            }
            chunk = chunk << 8 | c; /* no word byte is 0: lengths cannot alias */
            if (++bytes == 8) {
                h = (h ^ chunk) * 0xff51afd7ed558ccdULL;
                chunk = 0;
                bytes = 0;
            }
        }
        words[seen++ % DEDUP_SHINGLE_WORDS] = (h ^ chunk) * 0xc4ceb9fe1a85ec53ULL;
        if (seen >= DEDUP_SHINGLE_WORDS) {
            visit(ctx, shingle_hash(words, seen, DEDUP_SHINGLE_WORDS));
        }
    }
    if (seen > 0 && seen < DEDUP_SHINGLE_WORDS) { /* a short text is one shingle */
        visit(ctx, shingle_hash(words, seen, seen));
    }
}

static void add_to_sketch(void *ctx, uint64_t hash)
{
    dedup_sketch *sk = ctx;
    uint32_t bin = (uint32_t)(hash >> 57); /* top 7 bits: DEDUP_SLOTS = 128 */
    uint32_t value = (uint32_t)hash;
    value = value == DEDUP_EMPTY ? DEDUP_EMPTY - 1 : value;
    if (value < sk->min[bin]) {
        sk->min[bin] = value;
    }
    sk->shingles++;
}

/* Keys of the first DEDUP_QUOTES distinct long quotations. */
static int add_quotes(const char *text, size_t len, core_arena *scratch, dedup_sketch *out)
{
    features_quote *quotes;
    size_t n;
    out->quote_count = 0;
    if (features_find_quotes(text, len, scratch, &quotes, &n)) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < n && out->quote_count < DEDUP_QUOTES; i++) {
        int known = quotes[i].words < DEDUP_QUOTE_WORDS;
        for (uint32_t k = 0; k < out->quote_count && !known; k++) {
            known = out->quotes[k] == quotes[i].key;
        }
        if (!known) {
            out->quotes[out->quote_count++] = quotes[i].key;
        }
    }
    return FIL_OK;
}

int dedup_sketch_build(const char *text, size_t len, core_arena *scratch, dedup_sketch *out)
{
    memset(out->min, 0xff, sizeof out->min); /* DEDUP_EMPTY */
    out->shingles = 0;
    walk_shingles(text, len, add_to_sketch, out);
    return add_quotes(text, len, scratch, out);
}

dedup_kind dedup_classify(double resemblance, double contained_a, double contained_b,
                          uint32_t shared_quotes)
{
    double inner = contained_a > contained_b ? contained_a : contained_b;
    double outer = contained_a > contained_b ? contained_b : contained_a;
    /* the shorter text is the one more contained; its length over the
     * longer's is outer / inner (|A ∩ B| cancels) */
    double length_ratio = inner > 0 ? outer / inner : 0;
    if (resemblance >= DEDUP_COPY_RESEMBLANCE ||
        (inner >= DEDUP_COPY_CONTAINMENT && length_ratio >= DEDUP_COPY_LENGTH_RATIO)) {
        return DEDUP_COPY;
    }
    int quoted = shared_quotes >= DEDUP_QUOTED_REWRITE && inner >= DEDUP_QUOTED_CONTAINMENT;
    return inner >= DEDUP_REWRITE_CONTAINMENT || quoted ? DEDUP_REWRITE : DEDUP_NONE;
}

/* The relation from J, the two set sizes and the shared quotations. */
static dedup_relation relation_of(double j, double na, double nb, uint32_t quotes)
{
    dedup_relation r = {j, 0, 0, quotes, DEDUP_NONE};
    double common = j * (na + nb) / (1 + j);
    r.contained_a = na > 0 ? common / na : 0;
    r.contained_b = nb > 0 ? common / nb : 0;
    r.contained_a = r.contained_a > 1 ? 1 : r.contained_a;
    r.contained_b = r.contained_b > 1 ? 1 : r.contained_b;
    r.kind = dedup_classify(j, r.contained_a, r.contained_b, quotes);
    return r;
}

dedup_relation dedup_compare(const dedup_sketch *a, const dedup_sketch *b)
{
    uint32_t match = 0, used = 0;
    for (int i = 0; i < DEDUP_SLOTS; i++) {
        int empty_a = a->min[i] == DEDUP_EMPTY, empty_b = b->min[i] == DEDUP_EMPTY;
        used += !(empty_a && empty_b);
        match += !empty_a && a->min[i] == b->min[i];
    }
    uint32_t quotes = 0;
    for (uint32_t i = 0; i < a->quote_count; i++) {
        for (uint32_t k = 0; k < b->quote_count; k++) {
            quotes += a->quotes[i] == b->quotes[k];
        }
    }
    double j = used ? (double)match / used : 0;
    return relation_of(j, a->shingles, b->shingles, quotes);
}

/* ------------------------------------------------------------------------
 * Exact shingle sets
 * ---------------------------------------------------------------------- */

typedef struct shingle_list {
    uint64_t *items;
    size_t count, capacity;
} shingle_list;

static void add_to_list(void *ctx, uint64_t hash)
{
    shingle_list *l = ctx;
    if (l->count < l->capacity) {
        l->items[l->count++] = hash;
    }
}

int dedup_shingles(const char *text, size_t len, core_arena *arena, uint64_t **out, size_t *count)
{
    /* a word takes two bytes at least (itself and a separator) */
    shingle_list l = {NULL, 0, len / 2 + 2};
    l.items = core_arena_alloc(arena, l.capacity * sizeof *l.items);
    uint64_t *tmp = core_arena_alloc(arena, l.capacity * sizeof *tmp);
    if (!l.items || !tmp) {
        return FIL_ENOMEM;
    }
    walk_shingles(text, len, add_to_list, &l);
    core_sort_u64(l.items, l.count, tmp);
    size_t m = 0;
    for (size_t i = 0; i < l.count; i++) {
        if (!m || l.items[i] != l.items[m - 1]) {
            l.items[m++] = l.items[i];
        }
    }
    *out = l.items;
    *count = m;
    return FIL_OK;
}

dedup_relation dedup_compare_sets(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                                  uint32_t shared_quotes)
{
    size_t common = core_count_common_u64(a, na, b, nb);
    size_t all = na + nb - common;
    dedup_relation r = {all ? (double)common / all : 0, na ? (double)common / na : 0,
                        nb ? (double)common / nb : 0, shared_quotes, DEDUP_NONE};
    r.kind = dedup_classify(r.resemblance, r.contained_a, r.contained_b, shared_quotes);
    return r;
}

const char *dedup_kind_name(dedup_kind kind)
{
    return kind == DEDUP_COPY ? "copy" : kind == DEDUP_REWRITE ? "rewrite" : NULL;
}
