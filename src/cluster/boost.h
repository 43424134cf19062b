/*
 * src/cluster/boost.h -- gradient-boosted regression trees of depth two.
 *
 * Promise: cluster_boost_train fits an additive model of small trees to
 * rows x (n rows of `features` values) and targets y by least squares:
 * each tree fits the residuals of the trees before it and is added scaled
 * by the rate; each sees a random share of the rows (Friedman 2001,
 * "Greedy function approximation"; Friedman 2002, "Stochastic gradient
 * boosting"). A tree splits its rows once, then each side once more, so it
 * can express one interaction of two features ("a body cosine means less
 * when the languages differ"). A split leaves at least min_leaf rows on
 * each side, or is not made.
 * cluster_boost_predict evaluates the model; cluster_boost_write and
 * cluster_boost_read move it to and from text, one tree per line, so a
 * trained model can be read, diffed and committed.
 * Stable:  the same rows, targets and parameters give the same model on
 *          every platform (the row sampler is a seeded splitmix64, ties
 *          between equal values keep row order).
 * Memory:  a model owns its tree array; cluster_boost_free releases it.
 *          Training allocates O(n * features) scratch and frees it.
 * Cost:    training O(trees * features * n) after one sort per feature;
 *          prediction O(trees).
 * Errors:  FIL_ENOMEM; FIL_EINVAL for n == 0 or no feature; FIL_EPARSE for
 *          text that is not a model of the expected width.
 */
#ifndef FIL_CLUSTER_BOOST_H
#define FIL_CLUSTER_BOOST_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

typedef struct cluster_boost_tree {
    int32_t feature[3];  /* root, left child, right child; -1: no split there */
    double threshold[3]; /* a row goes left when x[feature] <= threshold */
    double leaf[4];      /* left-left, left-right, right-left, right-right */
} cluster_boost_tree;

typedef struct cluster_boost {
    double base;               /* mean of y: the prediction with no tree */
    cluster_boost_tree *trees; /* owned */
    uint32_t count;
    uint32_t features; /* width of a row */
} cluster_boost;

typedef struct cluster_boost_params {
    uint32_t trees;
    double rate;       /* shrinkage, in (0, 1] */
    double subsample;  /* share of rows each tree is fitted on, in (0, 1] */
    uint32_t min_leaf; /* rows on each side of a split, at least */
    uint64_t seed;
    const int8_t *monotone; /* per feature: +1, -1 or 0; NULL: no constraint */
} cluster_boost_params;

/* x[i * features + f] is feature f of row i. */
int cluster_boost_train(const double *x, const double *y, size_t n, uint32_t features,
                        const cluster_boost_params *params, cluster_boost *out);
double cluster_boost_predict(const cluster_boost *model, const double *x);
int cluster_boost_write(const cluster_boost *model, core_buf *out);
/* Reads a model from *text and advances *text past it. */
int cluster_boost_read(const char **text, uint32_t features, cluster_boost *out);
void cluster_boost_free(cluster_boost *model);

#endif
