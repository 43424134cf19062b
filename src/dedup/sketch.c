/*
 * src/dedup/sketch.c -- shingles, sketches and their comparison; see
 * sketch.h.
 */
#include "dedup/sketch.h"

#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
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

static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Walks the shingles of a text: calls visit(ctx, hash) for each. The
 * shingle hash mixes its words' hashes in order. */
typedef void (*shingle_fn)(void *ctx, uint64_t hash);

static void walk_shingles(const char *text, size_t len, shingle_fn visit, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    uint64_t words[DEDUP_SHINGLE_WORDS];
    size_t seen = 0;
    for (size_t i = 0; i < len;) {
        if (!is_word_byte(s[i])) {
            i++;
            continue;
        }
        uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a over the lower-cased word */
        for (; i < len && is_word_byte(s[i]); i++) {
            unsigned char c = s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 32 : s[i];
            h = (h ^ c) * 0x100000001b3ULL;
        }
        words[seen % DEDUP_SHINGLE_WORDS] = h;
        seen++;
        if (seen >= DEDUP_SHINGLE_WORDS) {
            uint64_t shingle = 0;
            for (size_t k = seen - DEDUP_SHINGLE_WORDS; k < seen; k++) {
                shingle = mix64(shingle ^ words[k % DEDUP_SHINGLE_WORDS]);
            }
            visit(ctx, shingle);
        }
    }
    if (seen > 0 && seen < DEDUP_SHINGLE_WORDS) { /* a short text is one shingle */
        uint64_t shingle = 0;
        for (size_t k = 0; k < seen; k++) {
            shingle = mix64(shingle ^ words[k]);
        }
        visit(ctx, shingle);
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

void dedup_sketch_build(const char *text, size_t len, dedup_sketch *out)
{
    memset(out->min, 0xff, sizeof out->min); /* DEDUP_EMPTY */
    out->shingles = 0;
    walk_shingles(text, len, add_to_sketch, out);
}

dedup_kind dedup_classify(double resemblance, double contained_a, double contained_b)
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
    return inner >= DEDUP_REWRITE_CONTAINMENT ? DEDUP_REWRITE : DEDUP_NONE;
}

/* The relation from J and the two set sizes. */
static dedup_relation relation_of(double j, double na, double nb)
{
    dedup_relation r = {j, 0, 0, DEDUP_NONE};
    double common = j * (na + nb) / (1 + j);
    r.contained_a = na > 0 ? common / na : 0;
    r.contained_b = nb > 0 ? common / nb : 0;
    r.contained_a = r.contained_a > 1 ? 1 : r.contained_a;
    r.contained_b = r.contained_b > 1 ? 1 : r.contained_b;
    r.kind = dedup_classify(j, r.contained_a, r.contained_b);
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
    double j = used ? (double)match / used : 0;
    return relation_of(j, a->shingles, b->shingles);
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

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int dedup_shingles(const char *text, size_t len, core_arena *arena, uint64_t **out, size_t *count)
{
    /* a word takes two bytes at least (itself and a separator) */
    shingle_list l = {NULL, 0, len / 2 + 2};
    l.items = core_arena_alloc(arena, l.capacity * sizeof *l.items);
    if (!l.items) {
        return FIL_ENOMEM;
    }
    walk_shingles(text, len, add_to_list, &l);
    qsort(l.items, l.count, sizeof *l.items, compare_u64);
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

dedup_relation dedup_compare_sets(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t common = core_count_common_u64(a, na, b, nb);
    size_t all = na + nb - common;
    dedup_relation r = {all ? (double)common / all : 0, na ? (double)common / na : 0,
                        nb ? (double)common / nb : 0, DEDUP_NONE};
    r.kind = dedup_classify(r.resemblance, r.contained_a, r.contained_b);
    return r;
}

const char *dedup_kind_name(dedup_kind kind)
{
    return kind == DEDUP_COPY ? "copy" : kind == DEDUP_REWRITE ? "rewrite" : NULL;
}
