/*
 * src/cluster/boost.c -- gradient-boosted trees of depth two; see boost.h.
 */
#include "cluster/boost.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "fil.h"

/* Training state shared by every split search. */
typedef struct trainer {
    const double *x;
    size_t n;
    uint32_t features;
    uint32_t *order;  /* per feature, the rows sorted by its value: features * n */
    double *residual; /* y minus the model so far, per row */
    uint8_t *node;    /* per row: 0 out of this tree's sample, else its node (1, 2, 3) */
    uint32_t min_leaf;
    const int8_t *monotone; /* per feature, or NULL */
} trainer;

typedef struct split {
    int32_t feature; /* -1: none found */
    double threshold;
} split;

/* 0 when a split of feature f with these side sums and counts would make
 * the prediction move against f's declared direction. */
static int respects_monotone(const trainer *t, uint32_t f, double left, size_t n_left, double right,
                             size_t n_right)
{
    int direction = t->monotone ? t->monotone[f] : 0;
    double step = right / (double)n_right - left / (double)n_left;
    return direction == 0 || step * direction >= 0;
}

/* Best least-squares split of the rows in `node`, over every feature: the
 * one that maximises sum_left^2 / n_left + sum_right^2 / n_right. */
static split best_split(const trainer *t, uint8_t node)
{
    split best = {-1, 0};
    double best_gain = 0, total = 0;
    size_t count = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->node[i] == node) {
            total += t->residual[i];
            count++;
        }
    }
    if (count < 2 * (size_t)t->min_leaf || count == 0) {
        return best;
    }
    double base = total * total / (double)count;
    for (uint32_t f = 0; f < t->features; f++) {
        const uint32_t *order = t->order + (size_t)f * t->n;
        double left = 0;
        size_t n_left = 0;
        double prev = 0;
        for (size_t k = 0; k < t->n; k++) {
            uint32_t row = order[k];
            if (t->node[row] != node) {
                continue;
            }
            double v = t->x[(size_t)row * t->features + f];
            if (n_left >= t->min_leaf && count - n_left >= t->min_leaf && v > prev &&
                respects_monotone(t, f, left, n_left, total - left, count - n_left)) {
                double right = total - left;
                double gain =
                    left * left / (double)n_left + right * right / (double)(count - n_left) - base;
                if (gain > best_gain + 1e-12) {
                    best_gain = gain;
                    best.feature = (int32_t)f;
                    best.threshold = (prev + v) / 2;
                }
            }
            left += t->residual[row];
            n_left++;
            prev = v;
        }
    }
    return best;
}

typedef struct keyed_row {
    double value;
    uint32_t row;
} keyed_row;

static int compare_keyed_rows(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    if (x->value != y->value) {
        return x->value < y->value ? -1 : 1;
    }
    return (x->row > y->row) - (x->row < y->row);
}

/* Fills t->order: for each feature, the rows by increasing value. */
static int sort_rows(trainer *t)
{
    keyed_row *keyed = core_malloc(t->n * sizeof *keyed);
    if (!keyed) {
        return FIL_ENOMEM;
    }
    for (uint32_t f = 0; f < t->features; f++) {
        for (size_t i = 0; i < t->n; i++) {
            keyed[i].value = t->x[i * t->features + f];
            keyed[i].row = (uint32_t)i;
        }
        qsort(keyed, t->n, sizeof *keyed, compare_keyed_rows);
        for (size_t i = 0; i < t->n; i++) {
            t->order[(size_t)f * t->n + i] = keyed[i].row;
        }
    }
    free(keyed);
    return FIL_OK;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Which leaf (0-3) of tree a row falls in. */
static int leaf_of(const cluster_boost_tree *tree, const double *x)
{
    if (tree->feature[0] < 0) {
        return 0;
    }
    int side = x[tree->feature[0]] > tree->threshold[0];
    int32_t f = tree->feature[1 + side];
    return side * 2 + (f >= 0 && x[f] > tree->threshold[1 + side]);
}

double cluster_boost_predict(const cluster_boost *model, const double *x)
{
    double sum = model->base;
    for (uint32_t i = 0; i < model->count; i++) {
        sum += model->trees[i].leaf[leaf_of(&model->trees[i], x)];
    }
    return sum;
}

/* Moves the sampled rows of node `parent` into `parent * 2` (left) or
 * `parent * 2 + 1` (right) by the split. */
static void send_rows(trainer *t, uint8_t parent, split s)
{
    for (size_t i = 0; i < t->n; i++) {
        if (t->node[i] == parent) {
            int right = t->x[i * t->features + (uint32_t)s.feature] > s.threshold;
            t->node[i] = (uint8_t)(parent * 2 + right);
        }
    }
}

/* When the root splits on a monotone feature, holds each side's leaves on
 * its side of the midpoint between the two sides' values. */
static void clamp_to_midpoint(const trainer *t, cluster_boost_tree *tree, const double sum[4],
                              const double count[4], double rate)
{
    int32_t f = tree->feature[0];
    int direction = f >= 0 && t->monotone ? t->monotone[f] : 0;
    double n_left = count[0] + count[1], n_right = count[2] + count[3];
    if (!direction || n_left == 0 || n_right == 0) {
        return;
    }
    double mid = rate * ((sum[0] + sum[1]) / n_left + (sum[2] + sum[3]) / n_right) / 2;
    for (int l = 0; l < 4; l++) {
        int low_side = (l < 2) == (direction > 0); /* the side that must stay below mid */
        if (low_side && tree->leaf[l] > mid) {
            tree->leaf[l] = mid;
        } else if (!low_side && tree->leaf[l] < mid) {
            tree->leaf[l] = mid;
        }
    }
}

/* Grows one tree on the rows marked in t->node (1 = sampled) and sets
 * its leaves to the rate times the mean residual of their rows. */
static void grow_tree(trainer *t, double rate, cluster_boost_tree *tree)
{
    split root = best_split(t, 1), left = {-1, 0}, right = {-1, 0};
    if (root.feature >= 0) {
        send_rows(t, 1, root); /* nodes 2 and 3 */
        left = best_split(t, 2);
        right = best_split(t, 3);
    }
    tree->feature[0] = root.feature;
    tree->feature[1] = left.feature;
    tree->feature[2] = right.feature;
    tree->threshold[0] = root.threshold;
    tree->threshold[1] = left.threshold;
    tree->threshold[2] = right.threshold;
    double sum[4] = {0, 0, 0, 0}, count[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < t->n; i++) {
        if (t->node[i]) {
            int leaf = leaf_of(tree, t->x + i * t->features);
            sum[leaf] += t->residual[i];
            count[leaf] += 1;
        }
    }
    for (int l = 0; l < 4; l++) {
        tree->leaf[l] = count[l] > 0 ? rate * sum[l] / count[l] : 0;
    }
    /* a side with no second split is one leaf: both its slots agree */
    for (int side = 0; side < 2; side++) {
        if (tree->feature[1 + side] < 0) {
            tree->leaf[side * 2 + 1] = tree->leaf[side * 2];
        }
    }
    if (root.feature < 0) {
        tree->leaf[1] = tree->leaf[2] = tree->leaf[3] = tree->leaf[0];
    }
    clamp_to_midpoint(t, tree, sum, count, rate);
}

static int check_params(size_t n, uint32_t features, const cluster_boost_params *p)
{
    int ok = n > 0 && features > 0 && p->trees > 0 && p->rate > 0 && p->rate <= 1 &&
             p->subsample > 0 && p->subsample <= 1 && n <= UINT32_MAX;
    return ok ? FIL_OK : FIL_EINVAL;
}

int cluster_boost_train(const double *x, const double *y, size_t n, uint32_t features,
                        const cluster_boost_params *params, cluster_boost *out)
{
    memset(out, 0, sizeof *out);
    int rc = check_params(n, features, params);
    if (rc) {
        return rc;
    }
    trainer t = {x,
                 n,
                 features,
                 NULL,
                 NULL,
                 NULL,
                 params->min_leaf ? params->min_leaf : 1,
                 params->monotone};
    t.order = core_malloc((size_t)features * n * sizeof *t.order);
    t.residual = core_malloc(n * sizeof *t.residual);
    t.node = core_malloc(n);
    out->trees = core_calloc(params->trees, sizeof *out->trees);
    rc = t.order && t.residual && t.node && out->trees ? sort_rows(&t) : FIL_ENOMEM;
    if (!rc) {
        for (size_t i = 0; i < n; i++) {
            out->base += y[i] / (double)n;
        }
        for (size_t i = 0; i < n; i++) {
            t.residual[i] = y[i] - out->base;
        }
        out->features = features;
        uint64_t state = params->seed;
        uint64_t keep = (uint64_t)(params->subsample * 18446744073709551615.0);
        for (uint32_t k = 0; k < params->trees; k++) {
            for (size_t i = 0; i < n; i++) {
                t.node[i] = params->subsample >= 1 || splitmix64(&state) <= keep;
            }
            cluster_boost_tree *tree = &out->trees[out->count++];
            grow_tree(&t, params->rate, tree);
            for (size_t i = 0; i < n; i++) {
                t.residual[i] -= tree->leaf[leaf_of(tree, x + i * features)];
            }
        }
    }
    free(t.order);
    free(t.residual);
    free(t.node);
    if (rc) {
        cluster_boost_free(out);
    }
    return rc;
}

void cluster_boost_free(cluster_boost *model)
{
    free(model->trees);
    model->trees = NULL;
    model->count = 0;
}

/* ------------------------------------------------------------------------
 * Text form: "boost <trees> <features> <base>" then one line per tree:
 * three (feature threshold) pairs and four leaves, numbers to 9
 * significant digits (a model read back differs from the trained one by
 * float rounding; callers that must agree with a file use the model read
 * from its text).
 * ---------------------------------------------------------------------- */

int cluster_boost_write(const cluster_boost *model, core_buf *out)
{
    int rc = core_buf_printf(out, "boost %u %u %.9g\n", model->count, model->features, model->base);
    for (uint32_t i = 0; !rc && i < model->count; i++) {
        const cluster_boost_tree *t = &model->trees[i];
        rc = core_buf_printf(out, "%d %.9g %d %.9g %d %.9g %.9g %.9g %.9g %.9g\n", t->feature[0],
                             t->threshold[0], t->feature[1], t->threshold[1], t->feature[2],
                             t->threshold[2], t->leaf[0], t->leaf[1], t->leaf[2], t->leaf[3]);
    }
    return rc;
}

/* Reads `count` numbers into out, advancing *p. */
static int read_numbers(const char **p, double *out, int count)
{
    for (int i = 0; i < count; i++) {
        char *end;
        errno = 0;
        out[i] = strtod(*p, &end);
        if (end == *p || errno || !isfinite(out[i])) {
            return FIL_EPARSE;
        }
        *p = end;
    }
    return FIL_OK;
}

static int read_tree(const char **p, uint32_t features, cluster_boost_tree *t)
{
    double v[10];
    if (read_numbers(p, v, 10)) {
        return FIL_EPARSE;
    }
    for (int k = 0; k < 3; k++) {
        if (v[2 * k] != floor(v[2 * k]) || v[2 * k] < -1 || v[2 * k] >= features) {
            return FIL_EPARSE;
        }
        t->feature[k] = (int32_t)v[2 * k];
        t->threshold[k] = v[2 * k + 1];
    }
    for (int l = 0; l < 4; l++) {
        t->leaf[l] = v[6 + l];
    }
    return FIL_OK;
}

int cluster_boost_read(const char **text, uint32_t features, cluster_boost *out)
{
    memset(out, 0, sizeof *out);
    const char *p = *text;
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
        p++;
    }
    if (strncmp(p, "boost ", 6) != 0) {
        return FIL_EPARSE;
    }
    p += 6;
    double head[3];
    if (read_numbers(&p, head, 3) || head[0] < 1 || head[0] > 100000 || head[0] != floor(head[0]) ||
        head[1] != features) {
        return FIL_EPARSE;
    }
    out->trees = core_calloc((size_t)head[0], sizeof *out->trees);
    if (!out->trees) {
        return FIL_ENOMEM;
    }
    out->features = features;
    out->base = head[2];
    for (uint32_t i = 0; i < (uint32_t)head[0]; i++) {
        if (read_tree(&p, features, &out->trees[out->count])) {
            cluster_boost_free(out);
            return FIL_EPARSE;
        }
        out->count++;
    }
    *text = p;
    return FIL_OK;
}
