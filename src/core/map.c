/*
 * src/core/map.c -- linear-probing hash map; see map.h.
 */
#include "core/map.h"
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/prefetch.h"
#include "fil.h"

/* Slot key 0 marks an empty slot, so a caller's key 0 is stored as this
 * constant. A caller key equal to the constant would alias key 0; callers
 * pass 64-bit hashes, for which that has a 2^-64 chance. */
#define MAP_ZERO_KEY 0x9e3779b97f4a7c15ULL

#ifdef FIL_TEST
#define MAP_FIRST_CAPACITY 4 /* exercise growth */
#else
#define MAP_FIRST_CAPACITY 64
#endif

static uint64_t stored_key(uint64_t key)
{
    return key ? key : MAP_ZERO_KEY;
}

uint64_t core_map_slot_key(const core_map_slot *slot)
{
    return slot->key == MAP_ZERO_KEY ? 0 : slot->key;
}

static size_t slot_of(uint64_t key, size_t capacity)
{
    /* Fibonacci hashing spreads keys that are not already good hashes. */
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (capacity - 1);
}

void core_map_init(core_map *m, size_t max_entries)
{
    m->slots = NULL;
    m->capacity = 0;
    m->count = 0;
    m->max_entries = max_entries;
}

void core_map_free(core_map *m)
{
    free(m->slots);
    core_map_init(m, m->max_entries);
}

/* Moves the entries into a table of capacity_new slots (a power of two
 * that holds them). */
static int map_resize(core_map *m, size_t capacity_new)
{
    core_map_slot *slots = capacity_new <= SIZE_MAX / sizeof *slots
                               ? core_calloc_table(capacity_new * sizeof *slots)
                               : NULL;
    if (!slots) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < m->capacity; i++) {
        if (m->slots[i].key) {
            size_t j = slot_of(m->slots[i].key, capacity_new);
            while (slots[j].key) {
                j = (j + 1) & (capacity_new - 1);
            }
            slots[j] = m->slots[i];
        }
    }
    free(m->slots);
    m->slots = slots;
    m->capacity = capacity_new;
    return FIL_OK;
}

static int map_grow(core_map *m)
{
    return map_resize(m, m->capacity ? m->capacity * 2 : MAP_FIRST_CAPACITY);
}

int core_map_reserve(core_map *m, size_t count)
{
    size_t capacity = m->capacity ? m->capacity : MAP_FIRST_CAPACITY;
    while (count * 10 > capacity * 7) {
        if (capacity > SIZE_MAX / 20) {
            return FIL_ENOMEM;
        }
        capacity *= 2;
    }
    return capacity > m->capacity ? map_resize(m, capacity) : FIL_OK;
}

uint64_t *core_map_get(const core_map *m, uint64_t key)
{
    if (!m->count) {
        return NULL;
    }
    uint64_t k = stored_key(key);
    size_t i = slot_of(k, m->capacity);
    while (m->slots[i].key) {
        if (m->slots[i].key == k) {
            return &m->slots[i].value;
        }
        i = (i + 1) & (m->capacity - 1);
    }
    return NULL;
}

void core_map_prefetch(const core_map *m, uint64_t key)
{
    if (m->slots) {
        CORE_PREFETCH(&m->slots[slot_of(stored_key(key), m->capacity)]);
    }
}

uint64_t *core_map_upsert(core_map *m, uint64_t key, int *inserted, int *rc)
{
    *inserted = 0;
    *rc = FIL_OK;
    uint64_t *v = core_map_get(m, key);
    if (v) {
        return v;
    }
    if (m->max_entries && m->count >= m->max_entries) {
        *rc = FIL_ELIMIT;
        return NULL;
    }
    if ((m->count + 1) * 10 > m->capacity * 7) {
        *rc = map_grow(m);
        if (*rc) {
            return NULL;
        }
    }
    uint64_t k = stored_key(key);
    size_t i = slot_of(k, m->capacity);
    while (m->slots[i].key) {
        i = (i + 1) & (m->capacity - 1);
    }
    m->slots[i].key = k;
    m->slots[i].value = 0;
    m->count++;
    *inserted = 1;
    return &m->slots[i].value;
}

int core_map_put(core_map *m, uint64_t key, uint64_t value)
{
    int inserted, rc;
    uint64_t *v = core_map_upsert(m, key, &inserted, &rc);
    if (v) {
        *v = value;
    }
    return rc;
}

int core_map_remove(core_map *m, uint64_t key)
{
    uint64_t *v = core_map_get(m, key);
    if (!v) {
        return 0;
    }
    size_t mask = m->capacity - 1;
    size_t hole =
        (size_t)((core_map_slot *)((char *)v - offsetof(core_map_slot, value)) - m->slots);
    /* Backward-shift: move later entries of the probe run into the hole when
     * their home slot is at or before it (cyclically). */
    size_t j = hole;
    for (;;) {
        j = (j + 1) & mask;
        if (!m->slots[j].key) {
            break;
        }
        size_t home = slot_of(m->slots[j].key, m->capacity);
        if (((j - home) & mask) >= ((j - hole) & mask)) {
            m->slots[hole] = m->slots[j];
            hole = j;
        }
    }
    m->slots[hole].key = 0;
    m->slots[hole].value = 0;
    m->count--;
    return 1;
}
