/*
 * src/dedup/lsh.c -- banded LSH over a window of sketches; see lsh.h.
 */
#include "dedup/lsh.h"

#include <stdlib.h>

#include "core/alloc.h"
#include "core/hash.h"
#include "core/map.h"
#include "fil.h"

struct dedup_lsh {
    core_map bands;     /* band key -> (newest seq + 1) | (older seq + 1) << 32 */
    dedup_sketch *ring; /* sketch of seq at ring[seq % window] */
    uint32_t window;
    uint32_t count;      /* articles added */
    uint32_t next_sweep; /* count at which stale band keys go */
};

dedup_lsh *dedup_lsh_new(uint32_t window)
{
    dedup_lsh *lsh = core_calloc(1, sizeof *lsh);
    if (!lsh) {
        return NULL;
    }
    lsh->window = window ? window : 1;
    lsh->next_sweep = lsh->window;
    core_map_init(&lsh->bands, 0);
    lsh->ring = core_malloc((size_t)lsh->window * sizeof *lsh->ring);
    if (!lsh->ring) {
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
    core_map_free(&lsh->bands);
    free(lsh->ring);
    free(lsh);
}

uint32_t dedup_lsh_count(const dedup_lsh *lsh)
{
    return lsh->count;
}

static int is_active(const dedup_lsh *lsh, uint32_t seq)
{
    return seq < lsh->count && lsh->count - seq <= lsh->window;
}

const dedup_sketch *dedup_lsh_sketch(const dedup_lsh *lsh, uint32_t seq)
{
    return is_active(lsh, seq) ? &lsh->ring[seq % lsh->window] : NULL;
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

/* Drops band keys whose newest article has left the window. */
static int sweep(dedup_lsh *lsh)
{
    core_map kept;
    core_map_init(&kept, 0);
    for (size_t i = 0; i < lsh->bands.capacity; i++) {
        const core_map_slot *s = &lsh->bands.slots[i];
        uint32_t newest = (uint32_t)s->value;
        if (s->key && newest && is_active(lsh, newest - 1) &&
            core_map_put(&kept, core_map_slot_key(s), s->value)) {
            core_map_free(&kept);
            return FIL_ENOMEM;
        }
    }
    core_map_free(&lsh->bands);
    lsh->bands = kept;
    return FIL_OK;
}

int dedup_lsh_add(dedup_lsh *lsh, const dedup_sketch *sketch)
{
    uint32_t seq = lsh->count;
    lsh->ring[seq % lsh->window] = *sketch;
    for (int b = 0; b < DEDUP_BANDS; b++) {
        uint64_t key = band_key(sketch, b);
        if (!key) {
            continue;
        }
        int inserted, rc;
        uint64_t *v = core_map_upsert(&lsh->bands, key, &inserted, &rc);
        if (!v) {
            return rc;
        }
        *v = (uint64_t)(seq + 1) | (*v & 0xffffffffULL) << 32; /* newest moves to older */
    }
    lsh->count++;
    if (lsh->count >= lsh->next_sweep) {
        lsh->next_sweep = lsh->count + lsh->window;
        return sweep(lsh);
    }
    return FIL_OK;
}

static size_t add_candidate(const dedup_lsh *lsh, uint32_t plus_one, uint32_t *out, size_t n,
                            size_t cap)
{
    if (!plus_one || n >= cap || !is_active(lsh, plus_one - 1)) {
        return n;
    }
    for (size_t i = 0; i < n; i++) {
        if (out[i] == plus_one - 1) {
            return n;
        }
    }
    out[n] = plus_one - 1;
    return n + 1;
}

size_t dedup_lsh_candidates(const dedup_lsh *lsh, const dedup_sketch *sketch, uint32_t *out,
                            size_t cap)
{
    size_t n = 0;
    for (int b = 0; b < DEDUP_BANDS; b++) {
        uint64_t key = band_key(sketch, b);
        const uint64_t *v = key ? core_map_get(&lsh->bands, key) : NULL;
        if (v) {
            n = add_candidate(lsh, (uint32_t)*v, out, n, cap);
            n = add_candidate(lsh, (uint32_t)(*v >> 32), out, n, cap);
        }
    }
    return n;
}
