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
 * meet). The sketch's quotations are keys too, so an article that retells
 * a dispatch in new words but keeps its quotes is found whatever its
 * resemblance.
 * Table: a key's hash picks one slot of a direct-mapped table, which
 * remembers the newest article that wrote it; nothing else is stored, so
 * a slot may name an article with another key (the caller compares the
 * sketches anyway) or have been overwritten. Its size, the window times
 * DEDUP_KEYS times DEDUP_SLOTS_PER_KEY rounded up to a power of two, keeps
 * a key alive across the window with probability about exp(-1 / 2) = 0.6,
 * which finds a pair sharing 4 bands 97 times in 100; a copy's newest
 * relative stands in for the older ones, whose lineage leads to the
 * first publisher.
 * Window: articles are numbered 0, 1, 2, ... in arrival order; an
 * article is compared with the `window` articles that arrived just before
 * it. Those and the newest keep their sketch (a ring of window + 1);
 * older ones are never returned. Memory is fixed at creation: a sketch
 * (DEDUP_SLOTS * 4 + DEDUP_QUOTES * 4 + 4 = 548 bytes) and between 1 and 2
 * times DEDUP_KEYS * DEDUP_SLOTS_PER_KEY * 4 = 576 bytes of table per
 * article of the window, depending on the rounding: 1.1 to 1.7 KiB, and
 * 1.2 KiB at 50,000.
 * Cost:   one table access per key, O(1) per article.
 * Memory: the lsh owns its ring and table; dedup_lsh_free.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_DEDUP_LSH_H
#define FIL_DEDUP_LSH_H

#include <stddef.h>
#include <stdint.h>

#include "dedup/sketch.h"

#define DEDUP_BAND_ROWS     2
#define DEDUP_BANDS         (DEDUP_SLOTS / DEDUP_BAND_ROWS)
#define DEDUP_KEYS          (DEDUP_BANDS + DEDUP_QUOTES) /* bands, then quotations */
#define DEDUP_SLOTS_PER_KEY 2                            /* table slots per key of the window */

typedef struct dedup_lsh dedup_lsh;

/* NULL when out of memory; window >= 1. */
dedup_lsh *dedup_lsh_new(uint32_t window);
void dedup_lsh_free(dedup_lsh *lsh);

/* Adds the next article (number dedup_lsh_count() before the call) and
 * writes into out the active articles that shared a key with it, each
 * once, at most cap of them (newest first per key); *found gets how many.
 * One map operation per key does both. */
int dedup_lsh_add(dedup_lsh *lsh, const dedup_sketch *sketch, uint32_t *out, size_t cap,
                  size_t *found);

/* The sketch of article seq while it is active, else NULL. Borrowed:
 * valid until the next dedup_lsh_add. */
const dedup_sketch *dedup_lsh_sketch(const dedup_lsh *lsh, uint32_t seq);

/* Articles added so far. */
uint32_t dedup_lsh_count(const dedup_lsh *lsh);

#endif
