/*
 * src/cluster/similarity.h -- how alike two articles are, on the scale of
 * SemEval-2022 Task 8, and why.
 *
 * Promise: cluster_pair_features turns two analysed articles (sides) into
 * CLUSTER_PAIR_FEATURES numbers, in the order of cluster_pair_feature_names:
 * cosines of the title, text, entity, phrase and character-gram vectors,
 * and of the character grams of capitalised words (names meet across
 * languages through them), and of word prefixes (the first letters of
 * each word: a stemmer for any language, features/chargrams.h);
 * overlap of entity sets (share of the smaller set found in the other,
 * and Jaccard) and of number sets; quotations both carry (up to 3); the
 * larger share of either article's word 4-grams found in the other
 * (containment, dedup/sketch.h: the mark of a retold dispatch); the
 * clustering's own score for the pair and whether it would join them
 * (cluster/stream.h); same language; and, per language of a list, how many
 * of the two sides are in it (annotators of each language used the scale
 * their own way; a language off the list counts in none). No feature
 * depends on text length: the training pairs are cut to 1,000 characters,
 * real articles are not.
 * A model holds one boosted-tree ensemble (cluster/boost.h) per dimension:
 * overall, geography, entities, time and narrative; cluster_similarity_predict
 * maps features to each, clamped to [1, 4] (1: very similar, 4: very
 * dissimilar). Two articles are the same event when the clustering would
 * join them (cluster_pair_same_event), so that "same event" means one
 * thing in fil cluster and fil similar.
 * Model text: '#' comment lines, then "features <names...>" (checked: a
 * model of other features is refused), and for each
 * dimension "dimension <name>" followed by a boost model.
 * Memory: sides borrow their vectors (arena of the caller); a model owns its
 *         trees: cluster_similarity_model_free.
 * Errors: FIL_ENOMEM; FIL_EPARSE for a malformed model; FIL_EINVAL for an
 *         empty training set.
 */
#ifndef FIL_CLUSTER_SIMILARITY_H
#define FIL_CLUSTER_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "cluster/boost.h"
#include "core/buf.h"
#include "dedup/sketch.h"
#include "features/quotes.h"
#include "features/termvec.h"
#include "fil.h"

#define CLUSTER_PAIR_FEATURES 25
#define CLUSTER_DIMENSIONS    5
/* Where cluster_pair_features puts cluster_pair_same_event's answer (1 or
 * 0), for callers that need it too: no second computation. */
#define CLUSTER_PAIR_SAME_EVENT 13

/* One analysed article. Every array is sorted by key where it is a set. */
typedef struct cluster_pair_side {
    const features_doc *doc;    /* title, text, entity and phrase vectors */
    features_vector grams;      /* features/chargrams.h, all content words */
    features_vector name_grams; /* the same over capitalised words only */
    features_vector prefixes;   /* features/chargrams.h, word prefixes */
    const uint64_t *numbers;    /* keys of number tokens, sorted, unique */
    size_t number_count;
    const features_quote *quotes; /* features/quotes.h */
    size_t quote_count;
    const uint64_t *shingles; /* dedup/sketch.h: word 4-grams, sorted, unique */
    size_t shingle_count;
    int64_t time_s; /* published, or CLUSTER_NO_TIME */
    char lang[8];
} cluster_pair_side;

extern const char *const cluster_pair_feature_names[CLUSTER_PAIR_FEATURES];
extern const char *const cluster_dimension_names[CLUSTER_DIMENSIONS];

/* cfg: the clustering's weights and thresholds, for the event score. */
void cluster_pair_features(const fil_config *cfg, const cluster_pair_side *a,
                           const cluster_pair_side *b, double out[CLUSTER_PAIR_FEATURES]);

/* Whether the clustering would put a and b in one event, in either order
 * (cluster_pair_joins of stream.h); *score gets the higher score. */
int cluster_pair_same_event(const fil_config *cfg, const cluster_pair_side *a,
                            const cluster_pair_side *b, double *score);

/* Distinct quotations (by key) of min_words words or more that both a and
 * b carry; the same count whichever side is a. */
uint32_t cluster_shared_quotes(const cluster_pair_side *a, const cluster_pair_side *b,
                               uint32_t min_words);

/* Copy, rewrite or neither (dedup/sketch.h), from the exact shingle sets:
 * the rule fil dedup applies to its estimates. */
dedup_relation cluster_pair_relation(const cluster_pair_side *a, const cluster_pair_side *b);

typedef struct cluster_similarity_model {
    cluster_boost dimension[CLUSTER_DIMENSIONS];
} cluster_similarity_model;

int cluster_similarity_model_read(const char *text, cluster_similarity_model *out);
/* Writes the model after `header` (comment lines, written as given). */
int cluster_similarity_model_write(const cluster_similarity_model *m, const char *header,
                                   core_buf *out);
/* Fits a model to n rows of features and gold[i * CLUSTER_DIMENSIONS + d]. */
int cluster_similarity_model_train(const double *features, const double *gold, size_t n,
                                   cluster_similarity_model *out);
void cluster_similarity_model_free(cluster_similarity_model *m);

void cluster_similarity_predict(const cluster_similarity_model *m,
                                const double features[CLUSTER_PAIR_FEATURES],
                                double out[CLUSTER_DIMENSIONS]);

#endif
