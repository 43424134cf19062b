/*
 * src/dedup/sketch.h -- min-hash sketches of an article's word shingles,
 * and what two sketches say about copying.
 *
 * Promise: a shingle is DEDUP_SHINGLE_WORDS consecutive words; a word is a
 * run of ASCII letters and digits or of non-ASCII bytes, ASCII lower-cased
 * (no Unicode folding: a copy keeps its accents, and this path must run at
 * tens of MB/s). dedup_sketch_build keeps, per each of DEDUP_SLOTS bins
 * chosen by the shingle hash's top bits, the smallest low 32 bits of the
 * hashes falling in it: one-permutation min-hashing (Li, Owen & Zhang 2012,
 * "One permutation hashing"), one hash per shingle instead of one per slot
 * and shingle as in Broder's MinHash (1997, "On the resemblance and
 * containment of documents"). dedup_compare estimates from two sketches:
 *  - resemblance J = |A ∩ B| / |A ∪ B|: matching bins over bins that are
 *    not empty on both sides;
 *  - containment of A in B = |A ∩ B| / |A| = J (|A| + |B|) / ((1 + J) |A|),
 *    with |A| the shingle counts; containment is what exposes a rewrite
 *    that keeps some of a dispatch's sentences and quotes.
 * dedup_classify names the relation: a copy when J >= DEDUP_COPY_RESEMBLANCE
 * or the shorter is almost wholly inside the longer (containment >=
 * DEDUP_COPY_CONTAINMENT, lengths within DEDUP_COPY_LENGTH_RATIO): copies
 * with a changed footer or byline stay copies; a rewrite when either
 * article has at least DEDUP_REWRITE_CONTAINMENT of its shingles in the
 * other, or when they share DEDUP_QUOTED_REWRITE quotations of
 * DEDUP_QUOTE_WORDS words or more and DEDUP_QUOTED_CONTAINMENT of
 * shingles: a dispatch retold in new words keeps its quotes (seeds 000 and
 * 001 share two quotes and 9% of their shingles; articles of one event
 * written apart, in examples/, share no quote and up to 14%). The price:
 * two outlets quoting the same two statements, with a little more in
 * common, are taken for a rewrite. The bounds are calibrated on the synthetic labelled stream
 * (bench/dedup.sh) and checked on the seeds (tests/e2e/dedup.sh).
 * dedup_shingles lists the exact shingle set, for pair similarity.
 * Stable:  the same bytes give the same sketch on every platform.
 * Memory:  sketches are plain values; dedup_shingles uses the arena.
 * Threads: no shared state.
 */
#ifndef FIL_DEDUP_SKETCH_H
#define FIL_DEDUP_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define DEDUP_SHINGLE_WORDS       4
#define DEDUP_SLOTS               128
#define DEDUP_EMPTY               UINT32_MAX /* a bin no shingle fell in */
#define DEDUP_COPY_RESEMBLANCE    0.8
#define DEDUP_COPY_CONTAINMENT    0.9
#define DEDUP_COPY_LENGTH_RATIO   0.7
#define DEDUP_REWRITE_CONTAINMENT 0.2
#define DEDUP_QUOTES              8    /* quotations kept per sketch */
#define DEDUP_QUOTE_WORDS         5    /* words a quotation needs to count */
#define DEDUP_QUOTED_REWRITE      2    /* shared quotations that, with... */
#define DEDUP_QUOTED_CONTAINMENT  0.05 /* ...this containment, make a rewrite */

typedef struct dedup_sketch {
    uint32_t min[DEDUP_SLOTS];     /* DEDUP_EMPTY when no shingle fell in the bin */
    uint32_t shingles;             /* shingles in the text (repeats counted) */
    uint32_t quotes[DEDUP_QUOTES]; /* keys of its first distinct quotations
                                    * (features/quotes.h) of DEDUP_QUOTE_WORDS+ words */
    uint32_t quote_count;
} dedup_sketch;

typedef enum dedup_kind { DEDUP_NONE = 0, DEDUP_COPY = 1, DEDUP_REWRITE = 2 } dedup_kind;

typedef struct dedup_relation {
    double resemblance;     /* J */
    double contained_a;     /* share of a's shingles in b */
    double contained_b;     /* share of b's shingles in a */
    uint32_t shared_quotes; /* quotations both carry */
    dedup_kind kind;
} dedup_relation;

/* Sketch of len bytes of UTF-8 text. A text of fewer than
 * DEDUP_SHINGLE_WORDS words has one shingle of all its words; an empty one
 * has none (every bin empty). The arena is scratch for the quotations.
 * FIL_ENOMEM when it is full. */
int dedup_sketch_build(const char *text, size_t len, core_arena *scratch, dedup_sketch *out);

dedup_relation dedup_compare(const dedup_sketch *a, const dedup_sketch *b);

/* The relation for given resemblance, containments and shared
 * quotations. */
dedup_kind dedup_classify(double resemblance, double contained_a, double contained_b,
                          uint32_t shared_quotes);

/* The text's shingle hashes, sorted and unique, in the arena. FIL_ENOMEM. */
int dedup_shingles(const char *text, size_t len, core_arena *arena, uint64_t **out, size_t *count);

/* Exact relation of two shingle sets from dedup_shingles, given the
 * quotations they share. */
dedup_relation dedup_compare_sets(const uint64_t *a, size_t na, const uint64_t *b, size_t nb,
                                  uint32_t shared_quotes);

/* Name of a kind: "copy", "rewrite", or NULL for DEDUP_NONE. */
const char *dedup_kind_name(dedup_kind kind);

#endif
