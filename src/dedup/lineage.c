/*
 * src/dedup/lineage.c -- families of copies and their first publisher;
 * see lineage.h.
 */
#include "dedup/lineage.h"

#include <stdlib.h>

#include "core/array.h"
#include "fil.h"

void dedup_lineage_init(dedup_lineage *l, uint32_t limit)
{
    l->records = NULL;
    l->count = l->capacity = 0;
    l->limit = limit;
}

void dedup_lineage_free(dedup_lineage *l)
{
    free(l->records);
    dedup_lineage_init(l, l->limit);
}

int dedup_lineage_add(dedup_lineage *l, int64_t time_s)
{
    size_t need = l->limit && l->count >= l->limit ? l->limit : l->count + 1;
    if (core_array_reserve((void **)&l->records, &l->capacity, need, sizeof *l->records, 1024)) {
        return FIL_ENOMEM;
    }
    uint32_t seq = (uint32_t)l->count++;
    *dedup_lineage_record(l, seq) = (dedup_record){time_s, seq, seq, 0, DEDUP_NONE};
    return FIL_OK;
}

dedup_record *dedup_lineage_record(dedup_lineage *l, uint32_t seq)
{
    if (seq >= l->count || (l->limit && l->count - seq > l->limit)) {
        return NULL;
    }
    return &l->records[l->limit ? seq % l->limit : seq];
}

uint32_t dedup_lineage_root(dedup_lineage *l, uint32_t seq)
{
    dedup_record *r;
    while ((r = dedup_lineage_record(l, seq)) != NULL && r->parent != seq) {
        const dedup_record *up = dedup_lineage_record(l, r->parent);
        if (up) {
            r->parent = up->parent; /* path halving */
        }
        seq = r->parent;
    }
    return seq; /* a root, or the oldest ancestor whose number is known */
}

/* 1 when a was published before b; by arrival unless both are dated (an
 * article no longer remembered counts as undated). */
static int comes_before(dedup_lineage *l, uint32_t a, uint32_t b)
{
    const dedup_record *ra = dedup_lineage_record(l, a), *rb = dedup_lineage_record(l, b);
    int64_t ta = ra ? ra->time_s : DEDUP_NO_TIME, tb = rb ? rb->time_s : DEDUP_NO_TIME;
    if (ta != DEDUP_NO_TIME && tb != DEDUP_NO_TIME && ta != tb) {
        return ta < tb;
    }
    return a < b;
}

void dedup_lineage_link(dedup_lineage *l, uint32_t later, uint32_t source, dedup_kind kind,
                        double later_in_source, double source_in_later)
{
    uint32_t root = dedup_lineage_root(l, source);
    dedup_record *r = dedup_lineage_record(l, root);
    if (r && comes_before(l, later, root)) {
        /* published first, arrived late: the family's first publisher */
        r->parent = later;
        r->match = later;
        r->kind = (uint8_t)kind;
        r->containment = (float)source_in_later; /* the source stands in for its root */
        return;
    }
    r = dedup_lineage_record(l, later);
    r->parent = root;
    r->match = comes_before(l, source, later) ? source : root;
    r->kind = (uint8_t)kind;
    r->containment = (float)later_in_source;
}
