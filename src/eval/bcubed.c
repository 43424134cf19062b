/*
 * src/eval/bcubed.c -- B-cubed precision, recall and F1 (fil_bcubed in fil.h).
 *
 * Bagga & Baldwin 1998, "Entity-based cross-document coreferencing using
 * the vector space model". For each item, precision is the share of its
 * predicted cluster that shares its gold label, recall the share of its
 * gold cluster that shares its predicted label; both are averaged over
 * items. Computed from the counts of (pred, gold) label pairs, so it costs
 * O(n log n) rather than the O(n^2) of the definition. Agrees with
 * ../shared/tools/metrics.py (tests/e2e checks it).
 */
#include <stdlib.h>
#include <string.h>

#include "fil.h"
#include "core/alloc.h"

typedef struct labelled {
    const char *pred, *gold;
} labelled;

static int by_pred_gold(const void *a, const void *b)
{
    const labelled *x = a, *y = b;
    int c = strcmp(x->pred, y->pred);
    return c ? c : strcmp(x->gold, y->gold);
}

static int by_gold(const void *a, const void *b)
{
    return strcmp(((const labelled *)a)->gold, ((const labelled *)b)->gold);
}

/* For each item, the size of its group under cmp, written to size[i] of
 * the sorted order; items must be sorted by cmp. */
static void group_sizes(const labelled *items, size_t n, int (*cmp)(const void *, const void *),
                        size_t *size)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && cmp(&items[i], &items[j]) == 0) {
            j++;
        }
        for (size_t k = i; k < j; k++) {
            size[k] = j - i;
        }
        i = j;
    }
}

static int by_pred(const void *a, const void *b)
{
    return strcmp(((const labelled *)a)->pred, ((const labelled *)b)->pred);
}

/* Index in by_g (sorted by gold) of the first item with gold label g. */
static size_t find_gold(const labelled *by_g, size_t n, const char *g)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(by_g[mid].gold, g) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int fil_bcubed(const char *const *pred, const char *const *gold, size_t n, double *precision,
               double *recall, double *f1)
{
    *precision = *recall = *f1 = 0;
    if (n == 0) {
        return FIL_EINVAL;
    }
    int rc = FIL_ENOMEM;
    labelled *items = core_malloc(n * sizeof *items), *by_g = core_malloc(n * sizeof *by_g);
    size_t *pair = core_malloc(n * sizeof *pair), *cluster = core_malloc(n * sizeof *cluster);
    size_t *gold_size = core_malloc(n * sizeof *gold_size);
    if (!items || !by_g || !pair || !cluster || !gold_size) {
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        items[i] = (labelled){pred[i], gold[i]};
    }
    /* pair[i]: items sharing both labels with item i; cluster[i]: its
     * predicted cluster's size; gold_size: sizes in gold-sorted order. */
    qsort(items, n, sizeof *items, by_pred_gold);
    group_sizes(items, n, by_pred_gold, pair);
    group_sizes(items, n, by_pred, cluster);
    memcpy(by_g, items, n * sizeof *by_g);
    qsort(by_g, n, sizeof *by_g, by_gold);
    group_sizes(by_g, n, by_gold, gold_size);
    double p = 0, r = 0;
    for (size_t i = 0; i < n; i++) {
        p += (double)pair[i] / (double)cluster[i];
        r += (double)pair[i] / (double)gold_size[find_gold(by_g, n, items[i].gold)];
    }
    *precision = p / (double)n;
    *recall = r / (double)n;
    *f1 = *precision + *recall > 0 ? 2 * *precision * *recall / (*precision + *recall) : 0;
    rc = FIL_OK;
fail:
    free(items);
    free(by_g);
    free(pair);
    free(cluster);
    free(gold_size);
    return rc;
}
