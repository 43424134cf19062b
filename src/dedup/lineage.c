/*
 * src/dedup/lineage.c -- families of copies and their first publisher;
 * see lineage.h.
 */
#include "dedup/lineage.h"

#include <stdlib.h>

#include "core/array.h"
#include "fil.h"

void dedup_lineage_init(dedup_lineage *l)
{
    l->records = NULL;
    l->count = l->capacity = 0;
}

void dedup_lineage_free(dedup_lineage *l)
{
    free(l->records);
    dedup_lineage_init(l);
}

int dedup_lineage_add(dedup_lineage *l, int64_t time_s)
{
    if (core_array_reserve((void **)&l->records, &l->capacity, l->count + 1, sizeof *l->records,
                           1024)) {
        return FIL_ENOMEM;
    }
    uint32_t seq = (uint32_t)l->count++;
    l->records[seq] = (dedup_record){time_s, seq, seq, 0, DEDUP_NONE};
    return FIL_OK;
}

uint32_t dedup_lineage_root(dedup_lineage *l, uint32_t seq)
{
    dedup_record *r = l->records;
    while (r[seq].parent != seq) {
        r[seq].parent = r[r[seq].parent].parent; /* path halving */
        seq = r[seq].parent;
    }
    return seq;
}

/* 1 when a was published before b; by arrival unless both are dated. */
static int comes_before(const dedup_lineage *l, uint32_t a, uint32_t b)
{
    int64_t ta = l->records[a].time_s, tb = l->records[b].time_s;
    if (ta != DEDUP_NO_TIME && tb != DEDUP_NO_TIME && ta != tb) {
        return ta < tb;
    }
    return a < b;
}

void dedup_lineage_link(dedup_lineage *l, uint32_t later, uint32_t source, dedup_kind kind,
                        double containment)
{
    uint32_t root = dedup_lineage_root(l, source);
    dedup_record *r = l->records;
    if (comes_before(l, later, root)) {
        /* published first, arrived late: the family's first publisher */
        r[root].parent = later;
        r[root].match = later;
        r[root].kind = (uint8_t)kind;
        r[root].containment = (float)containment;
        return;
    }
    r[later].parent = root;
    r[later].match = comes_before(l, source, later) ? source : root;
    r[later].kind = (uint8_t)kind;
    r[later].containment = (float)containment;
}
