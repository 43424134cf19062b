/*
 * src/dedup/lsh.c -- banded LSH over a window of sketches; see lsh.h.
 */
#include "dedup/lsh.h"

#include <stdlib.h>

#include "core/alloc.h"
#include "core/hash.h"
#include "core/prefetch.h"
#include "fil.h"

struct dedup_lsh {
    uint32_t *slots;    /* key -> newest seq + 1 holding it (0: none); direct-mapped */
    uint64_t mask;      /* slots - 1 */
    dedup_sketch *ring; /* sketch of seq at ring[seq % (window + 1)] */
    uint32_t window;    /* articles before the newest that it is compared with */
    uint32_t count;     /* articles added */
};

dedup_lsh *dedup_lsh_new(uint32_t window)
{
    dedup_lsh *lsh = core_calloc(1, sizeof *lsh);
    if (!lsh) {
        return NULL;
    }
    lsh->window = window ? window : 1;
    uint64_t slots = 1024;
    while (slots < (uint64_t)lsh->window * DEDUP_KEYS * DEDUP_SLOTS_PER_KEY) {
        slots *= 2;
    }
    lsh->mask = slots - 1;
    /* not core_calloc_table: its pages would all be touched at creation,
     * a cost every short run (fil similar) would pay for a table it may
     * never use; these are touched as the stream fills them */
    lsh->slots = core_calloc(slots, sizeof *lsh->slots);
    lsh->ring = core_malloc(((size_t)lsh->window + 1) * sizeof *lsh->ring);
    if (!lsh->slots || !lsh->ring) {
        dedup_lsh_free(lsh);
        return NULL;
    }
    return lsh;
}

void dedup_lsh_free(dedup_lsh *lsh)
{
    if (!lsh) {
        return;
    }
    free(lsh->slots);
    free(lsh->ring);
    free(lsh);
}

uint32_t dedup_lsh_count(const dedup_lsh *lsh)
{
    return lsh->count;
}

/* The newest article and the `window` before it. */
static int is_active(const dedup_lsh *lsh, uint32_t seq)
{
    return seq < lsh->count && lsh->count - seq <= (uint64_t)lsh->window + 1;
}

const dedup_sketch *dedup_lsh_sketch(const dedup_lsh *lsh, uint32_t seq)
{
    return is_active(lsh, seq) ? &lsh->ring[seq % ((uint64_t)lsh->window + 1)] : NULL;
}

/* Key of band b of a sketch, or 0 when all its bins are empty. */
static uint64_t band_key(const dedup_sketch *s, int b)
{
    const uint32_t *rows = s->min + b * DEDUP_BAND_ROWS;
    int empty = 1;
    for (int r = 0; r < DEDUP_BAND_ROWS; r++) {
        empty &= rows[r] == DEDUP_EMPTY;
    }
    if (empty) {
        return 0;
    }
    uint64_t key = core_hash(rows, DEDUP_BAND_ROWS * sizeof *rows, (uint64_t)b + 1);
    return key ? key : 1;
}

/* Key k of a sketch: a band, or past the bands a quotation; 0 for none. */
static uint64_t sketch_key(const dedup_sketch *s, int k)
{
    if (k < DEDUP_BANDS) {
        return band_key(s, k);
    }
    uint32_t q = (uint32_t)(k - DEDUP_BANDS);
    if (q >= s->quote_count) {
        return 0;
    }
    uint64_t key = core_hash(&s->quotes[q], sizeof s->quotes[q], DEDUP_BANDS + 1);
    return key ? key : 1;
}

/* Appends seq_plus_one - 1 to out unless it is 0 (none), inactive,
 * already there, or out is full. */
static size_t add_candidate(const dedup_lsh *lsh, uint32_t seq_plus_one, uint32_t *out, size_t n,
                            size_t cap)
{
    if (!seq_plus_one || n >= cap || !is_active(lsh, seq_plus_one - 1)) {
        return n;
    }
    for (size_t i = 0; i < n; i++) {
        if (out[i] == seq_plus_one - 1) {
            return n;
        }
    }
    out[n] = seq_plus_one - 1;
    return n + 1;
}

int dedup_lsh_add(dedup_lsh *lsh, const dedup_sketch *sketch, uint32_t *out, size_t cap,
                  size_t *found)
{
    uint32_t seq = lsh->count++;
    /* from here the window is the one after the addition: seq - window - 1
     * has left it, and the ring slot it held is seq's */
    lsh->ring[seq % ((uint64_t)lsh->window + 1)] = *sketch;
    /* the slots lie anywhere in a table larger than the caches: all keys
     * first, their fetches started together, then the lookups */
    uint64_t keys[DEDUP_KEYS];
    for (int k = 0; k < DEDUP_KEYS; k++) {
        keys[k] = sketch_key(sketch, k);
        CORE_PREFETCH(&lsh->slots[keys[k] & lsh->mask]);
    }
    size_t n = 0;
    for (int k = 0; k < DEDUP_KEYS; k++) {
        uint64_t key = keys[k];
        if (key) {
            uint32_t *slot = &lsh->slots[key & lsh->mask];
            n = *slot != seq + 1 ? add_candidate(lsh, *slot, out, n, cap) : n;
            *slot = seq + 1;
        }
    }
    *found = n;
    return FIL_OK;
}
