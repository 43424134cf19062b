/*
 * src/dedup/index.h -- near-duplicate detection over a stream.
 *
 * Promise: dedup_index_add sketches an article (dedup/sketch.h), looks up
 * the active window's articles that share an LSH band with it
 * (dedup/lsh.h), compares it with each and keeps the strongest relation:
 * a copy before a rewrite, then the higher resemblance (copies) or
 * containment (rewrites), then the older article. The article is then
 * linked into the lineage (dedup/lineage.h), which orders source and copy
 * by publication time. The decision says what is known at arrival;
 * dedup_index_root gives the first publisher as known now (an earlier
 * original may arrive later).
 * Cost:   O(text) to sketch, O(1) lookups (DEDUP_BANDS band probes, at
 *         most DEDUP_MAX_CANDIDATES comparisons of DEDUP_SLOTS bins).
 * Memory: the window's sketches and band keys (lsh.h), plus 24 bytes per
 *         article of lineage remembered. dedup_index_free.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_DEDUP_INDEX_H
#define FIL_DEDUP_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "dedup/lineage.h"
#include "dedup/lsh.h"
#include "dedup/sketch.h"

#define DEDUP_MAX_CANDIDATES 64

typedef struct dedup_index dedup_index;

typedef struct dedup_decision {
    uint32_t seq;       /* the article's number (arrival order from 0) */
    uint32_t match;     /* the article it repeats; seq when none */
    dedup_kind kind;    /* DEDUP_NONE: repeats no article of the window */
    double containment; /* share of the article found in match */
    double resemblance; /* Jaccard estimate against match */
} dedup_decision;

/* window: how many earlier articles each is compared with (>= 1);
 * lineage_limit: articles whose lineage is remembered (0: all; lineage.h),
 * raised to window + 1 when smaller. NULL when out of memory. */
dedup_index *dedup_index_new(uint32_t window, uint32_t lineage_limit);
void dedup_index_free(dedup_index *x);

/* time_s: published, or DEDUP_NO_TIME. scratch: per-article memory. */
int dedup_index_add(dedup_index *x, const char *text, size_t len, int64_t time_s,
                    core_arena *scratch, dedup_decision *out);

/* First publisher of seq's family, as known now. */
uint32_t dedup_index_root(dedup_index *x, uint32_t seq);

/* The lineage record of seq (kind, match, containment as known now), or
 * NULL when it is forgotten (see lineage_limit). */
const dedup_record *dedup_index_record(dedup_index *x, uint32_t seq);

#endif
