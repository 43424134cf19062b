/*
 * src/cluster/index.c -- term -> active events; see index.h.
 */
#include "cluster/index.h"
#include "core/alloc.h"
#include "core/array.h"

#include <stdlib.h>
#include <string.h>

#include "fil.h"

void cluster_index_init(cluster_index *ix)
{
    memset(ix, 0, sizeof *ix);
    core_map_init(&ix->terms, 0);
}

void cluster_index_free(cluster_index *ix)
{
    for (uint32_t i = 0; i < ix->list_count; i++) {
        free(ix->lists[i].slots);
        free(ix->lists[i].weights);
    }
    free(ix->lists);
    free(ix->free_lists);
    core_map_free(&ix->terms);
    cluster_index_init(ix);
}

/* Index of a fresh, empty posting list. */
static int new_list(cluster_index *ix, uint32_t *out)
{
    if (ix->free_count) {
        *out = ix->free_lists[--ix->free_count];
        return FIL_OK;
    }
    if (core_array_reserve((void **)&ix->lists, &ix->list_capacity, ix->list_count + 1,
                           sizeof *ix->lists, 16)) {
        return FIL_ENOMEM;
    }
    memset(&ix->lists[ix->list_count], 0, sizeof ix->lists[0]);
    *out = ix->list_count++;
    return FIL_OK;
}

/* The posting list of key, made when key is new; NULL on ENOMEM. */
static cluster_postings *list_of(cluster_index *ix, uint32_t key)
{
    int inserted, rc;
    uint64_t *where = core_map_upsert(&ix->terms, key, &inserted, &rc);
    if (!where) {
        return NULL;
    }
    if (inserted) {
        uint32_t list;
        if (new_list(ix, &list)) {
            core_map_remove(&ix->terms, key);
            return NULL;
        }
        *where = list;
    }
    return &ix->lists[*where];
}

/* Appends slot (and, when weights is not NULL, its weight) to key's list. */
static int add_posting(cluster_index *ix, uint32_t key, uint32_t slot, const float *weight)
{
    cluster_postings *p = list_of(ix, key);
    if (!p) {
        return FIL_ENOMEM;
    }
    if (p->count == p->capacity) {
        size_t capacity = p->capacity < 4 ? 4 : p->capacity * 2;
        uint32_t *slots = core_realloc(p->slots, capacity * sizeof *slots);
        if (slots) {
            p->slots = slots;
        }
        float *weights =
            slots && weight ? core_realloc(p->weights, capacity * sizeof *weights) : NULL;
        if (weights) {
            p->weights = weights;
        }
        if (!slots || (weight && !weights)) {
            return FIL_ENOMEM;
        }
        p->capacity = capacity;
    }
    if (weight) {
        p->weights[p->count] = *weight;
    }
    p->slots[p->count++] = slot;
    return FIL_OK;
}

int cluster_index_add(cluster_index *ix, uint32_t key, uint32_t slot)
{
    return add_posting(ix, key, slot, NULL);
}

int cluster_index_add_weighted(cluster_index *ix, uint32_t key, uint32_t slot, float weight)
{
    return add_posting(ix, key, slot, &weight);
}

/* Where slot stands in p (it stands there at most once), or p->count.
 * The lists of common terms run to hundreds of events, so blocks of 16
 * are compared at once in vector registers (GCC's vector extension: SSE2
 * on x86-64, NEON on arm64), with one branch per block. The search runs
 * from the end: a term an event gained lately is appended there, and the
 * lightest terms of a centroid, the first to leave it, are most often
 * those it gained lately. */
typedef uint32_t slot_vector __attribute__((vector_size(16)));

static size_t find_slot(const cluster_postings *p, uint32_t slot)
{
    const uint32_t *s = p->slots;
    size_t i = p->count;
    slot_vector want = {slot, slot, slot, slot};
    for (; i >= 16; i -= 16) {
        slot_vector v[4];
        memcpy(v, s + i - 16, sizeof v);
        slot_vector hit = (v[0] == want) | (v[1] == want) | (v[2] == want) | (v[3] == want);
        if (hit[0] | hit[1] | hit[2] | hit[3]) {
            break;
        }
    }
    while (i > 0 && s[i - 1] != slot) {
        i--;
    }
    return i > 0 ? i - 1 : p->count;
}

void cluster_index_remove(cluster_index *ix, uint32_t key, uint32_t slot)
{
    uint64_t *where = core_map_get(&ix->terms, key);
    if (!where) {
        return;
    }
    uint32_t list = (uint32_t)*where;
    cluster_postings *p = &ix->lists[list];
    size_t i = find_slot(p, slot);
    if (i < p->count) {
        p->slots[i] = p->slots[--p->count];
        if (p->weights) {
            p->weights[i] = p->weights[p->count];
        }
    }
    if (p->count == 0) {
        core_map_remove(&ix->terms, key);
        if (core_array_reserve((void **)&ix->free_lists, &ix->free_capacity, ix->free_count + 1,
                               sizeof *ix->free_lists, 16)) {
            return; /* the list leaks into disuse until close; harmless */
        }
        ix->free_lists[ix->free_count++] = list;
    }
}

void cluster_index_prefetch(const cluster_index *ix, uint32_t key)
{
    core_map_prefetch(&ix->terms, key);
}

const cluster_postings *cluster_index_postings(const cluster_index *ix, uint32_t key)
{
    const uint64_t *where = core_map_get(&ix->terms, key);
    return where ? &ix->lists[*where] : NULL;
}
