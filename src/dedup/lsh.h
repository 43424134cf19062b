/*
 * src/dedup/lsh.h -- banded locality-sensitive hashing over the sketches
 * of the active window.
 *
 * Promise: dedup_lsh_candidates lists the articles of the window whose
 * sketch agrees with a given one on every bin of at least one band
 * (DEDUP_BAND_ROWS consecutive bins; DEDUP_SLOTS / DEDUP_BAND_ROWS bands).
 * A pair of resemblance J is found with probability 1 - (1 - J^r)^b; with
 * r = 2 and b = 64: 0.98 at J = 0.25 (a rewrite keeping 40% of its
 * sentences), 0.47 at J = 0.1, 0.03 at J = 0.02 (same story, other words).
 * Bands whose bins are all empty are not indexed (two empty texts do not
 * meet). Each band key remembers the two newest articles holding it.
 * Window: articles are numbered 0, 1, 2, ... in arrival order; the newest
 * `window` of them are active and keep their sketch (a ring); older ones
 * are not returned, and their band keys are swept out every `window`
 * additions, so memory stays bounded by the window: about
 * window * (DEDUP_SLOTS * 4 bytes + b band keys).
 * Cost:   one map lookup per band, O(1) per article.
 * Memory: the lsh owns its ring and map; dedup_lsh_free.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_DEDUP_LSH_H
#define FIL_DEDUP_LSH_H

#include <stddef.h>
#include <stdint.h>

#include "dedup/sketch.h"

#define DEDUP_BAND_ROWS 2
#define DEDUP_BANDS     (DEDUP_SLOTS / DEDUP_BAND_ROWS)

typedef struct dedup_lsh dedup_lsh;

/* NULL when out of memory; window >= 1. */
dedup_lsh *dedup_lsh_new(uint32_t window);
void dedup_lsh_free(dedup_lsh *lsh);

/* Adds the next article (number dedup_lsh_count() before the call). */
int dedup_lsh_add(dedup_lsh *lsh, const dedup_sketch *sketch);

/* Active articles sharing a band with sketch, each once, at most cap of
 * them, newest first per band; returns how many were written. */
size_t dedup_lsh_candidates(const dedup_lsh *lsh, const dedup_sketch *sketch, uint32_t *out,
                            size_t cap);

/* The sketch of article seq while it is active, else NULL. Borrowed:
 * valid until the next dedup_lsh_add. */
const dedup_sketch *dedup_lsh_sketch(const dedup_lsh *lsh, uint32_t seq);

/* Articles added so far. */
uint32_t dedup_lsh_count(const dedup_lsh *lsh);

#endif
