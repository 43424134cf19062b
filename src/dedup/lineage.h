/*
 * src/dedup/lineage.h -- who copied whom.
 *
 * Promise: every article gets a record, numbered in arrival order from 0.
 * dedup_lineage_link says an article repeats another (a copy or a
 * rewrite); repeats form families whose root is the first publisher, and
 * dedup_lineage_root finds it (union-find with path halving), so a copy
 * of a copy points to the first publisher.
 * Order: publication time decides who came first. When an article that
 * repeats a family was published before the family's root, it becomes
 * the root and the old root is recorded as repeating it. Untimed articles
 * come after their source by arrival.
 * Memory: 24 bytes per article remembered: every article (limit 0), or
 *         the newest `limit` (a ring, for endless streams: a family whose
 *         first publisher has been forgotten stops at the oldest ancestor
 *         whose number is still known, which may itself be forgotten,
 *         and a forgotten article counts as undated);
 *         dedup_lineage_free.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_DEDUP_LINEAGE_H
#define FIL_DEDUP_LINEAGE_H

#include <stddef.h>
#include <stdint.h>

#include "dedup/sketch.h"

#define DEDUP_NO_TIME INT64_MIN

typedef struct dedup_record {
    int64_t time_s;    /* published (seconds since the epoch), or DEDUP_NO_TIME */
    uint32_t parent;   /* union-find link; itself for a root */
    uint32_t match;    /* the article this one was found to repeat; itself if none */
    float containment; /* share of this article's shingles found in match */
    uint8_t kind;      /* dedup_kind: DEDUP_NONE for originals */
} dedup_record;

typedef struct dedup_lineage {
    dedup_record *records; /* by seq, or at seq % limit */
    size_t count;          /* articles added */
    size_t capacity;       /* records allocated */
    uint32_t limit;        /* articles remembered; 0: all */
} dedup_lineage;

void dedup_lineage_init(dedup_lineage *l, uint32_t limit);
void dedup_lineage_free(dedup_lineage *l);

/* Appends an original; its number is the count before the call. */
int dedup_lineage_add(dedup_lineage *l, int64_t time_s);

/* Article `later` (the newest) repeats article `source` with the given
 * kind; later_in_source is the share of `later` found in `source`, and
 * source_in_later the share of `source` found in `later`. The record of
 * whichever article turns out to repeat the other keeps its own share:
 * later_in_source normally; source_in_later, standing in for the root's
 * share, when `later` was published before the family's root. */
void dedup_lineage_link(dedup_lineage *l, uint32_t later, uint32_t source, dedup_kind kind,
                        double later_in_source, double source_in_later);

/* The record of seq, or NULL when seq is not added yet or forgotten. */
dedup_record *dedup_lineage_record(dedup_lineage *l, uint32_t seq);

/* The first publisher of seq's family (seq itself when it repeats none).
 * With a limit, the walk stops at the first ancestor that is forgotten:
 * its number is returned, the oldest of the family still known. */
uint32_t dedup_lineage_root(dedup_lineage *l, uint32_t seq);

#endif
