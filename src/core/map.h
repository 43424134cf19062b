/*
 * src/core/map.h -- open-addressing hash map from 64-bit keys to 64-bit values.
 *
 * Promise: get/put/remove in expected O(1) (linear probing, load <= 0.7,
 * backward-shift deletion, so there are no tombstones and lookups stay
 * short after many removals). Iteration order is the slot order, which is
 * deterministic for a given sequence of operations.
 * Keys:    any 64-bit value; key 0 is stored under a reserved constant
 *          (see map.c), which therefore aliases it.
 * Memory:  the map owns its slot array only; values are plain integers.
 *          The map never shrinks. Capacity is capped (max_entries); a put
 *          past it returns FIL_ELIMIT.
 */
#ifndef FIL_CORE_MAP_H
#define FIL_CORE_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct core_map_slot {
    uint64_t key; /* 0 = empty */
    uint64_t value;
} core_map_slot;

typedef struct core_map {
    core_map_slot *slots; /* capacity entries, power of two; NULL until first put */
    size_t capacity;
    size_t count;
    size_t max_entries; /* 0 = no ceiling */
} core_map;

void core_map_init(core_map *m, size_t max_entries);
void core_map_free(core_map *m);

/* Returns a pointer to key's value, or NULL when absent. The pointer is dead
 * after the next put or remove. */
uint64_t *core_map_get(const core_map *m, uint64_t key);

/* Returns a pointer to key's value, inserting it with value 0 if absent
 * (*inserted says which). NULL with *rc set when out of memory or full. */
uint64_t *core_map_upsert(core_map *m, uint64_t key, int *inserted, int *rc);

int core_map_put(core_map *m, uint64_t key, uint64_t value);

/* Grows the table at once to where count entries fit without another
 * growth (a map whose size is known: one table instead of a doubling
 * series, each zeroed and rehashed). FIL_ENOMEM when out of memory; the
 * map is then unchanged. The ceiling (max_entries) still applies to puts. */
int core_map_reserve(core_map *m, size_t count);

/* Starts fetching the slot where a lookup of key begins (core/prefetch.h),
 * so that a batch of lookups overlaps its cache misses. Changes nothing. */
void core_map_prefetch(const core_map *m, uint64_t key);

/* Returns 1 when key was present and is now gone, else 0. */
int core_map_remove(core_map *m, uint64_t key);

/* Iteration: for (size_t i = 0; i < m->capacity; i++) if (m->slots[i].key) ...
 * core_map_slot_key gives the caller's key back. */
uint64_t core_map_slot_key(const core_map_slot *slot);

#endif
