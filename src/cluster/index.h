/*
 * src/cluster/index.h -- inverted index from term keys to active events.
 *
 * Promise: cluster_index_postings lists the events whose centroid holds a
 * term; add/remove keep it exact as centroids change. Events are named by
 * their slot (a small integer the caller reuses), not by id.
 * Memory: the index owns its posting arrays; a term whose list empties is
 *         removed, so size follows the active centroids, not the stream.
 * Weights: an index may also keep, beside each slot, the weight its
 *          vector gives the term (cluster_index_add_weighted), so that a
 *          caller can sum dot products from the postings alone. An index
 *          is weighted or not from its first add; remove works on both.
 * Cost: add O(1) amortised; remove O(list length), which stays short for
 *       the terms that make a centroid's top K (common terms weigh little).
 */
#ifndef FIL_CLUSTER_INDEX_H
#define FIL_CLUSTER_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/map.h"

typedef struct cluster_postings {
    uint32_t *slots;
    float *weights; /* weights[i] goes with slots[i]; NULL in an unweighted index */
    size_t count, capacity;
} cluster_postings;

typedef struct cluster_index {
    core_map terms;          /* key -> index into lists */
    cluster_postings *lists; /* owned */
    size_t list_count, list_capacity;
    uint32_t *free_lists; /* indexes of emptied lists, for reuse */
    size_t free_count, free_capacity;
} cluster_index;

void cluster_index_init(cluster_index *ix);
void cluster_index_free(cluster_index *ix);
int cluster_index_add(cluster_index *ix, uint32_t key, uint32_t slot);
int cluster_index_add_weighted(cluster_index *ix, uint32_t key, uint32_t slot, float weight);
void cluster_index_remove(cluster_index *ix, uint32_t key, uint32_t slot);
/* Starts fetching where key's lookup begins (core/prefetch.h), for a
 * batch of keys known ahead; changes nothing. */
void cluster_index_prefetch(const cluster_index *ix, uint32_t key);
/* Borrowed; NULL when no active event holds key. Dead after the next add/remove. */
const cluster_postings *cluster_index_postings(const cluster_index *ix, uint32_t key);

#endif
