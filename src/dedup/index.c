/*
 * src/dedup/index.c -- near-duplicates over a stream; see index.h.
 */
#include "dedup/index.h"

#include <stdlib.h>

#include "core/alloc.h"
#include "core/prefetch.h"
#include "fil.h"

struct dedup_index {
    dedup_lsh *lsh;
    dedup_lineage lineage;
};

dedup_index *dedup_index_new(uint32_t window, uint32_t lineage_limit)
{
    dedup_index *x = core_calloc(1, sizeof *x);
    if (!x) {
        return NULL;
    }
    if (lineage_limit && lineage_limit <= window) {
        /* the lineage must outlive the window's articles it links to */
        lineage_limit = window < UINT32_MAX ? window + 1 : 0;
    }
    dedup_lineage_init(&x->lineage, lineage_limit);
    x->lsh = dedup_lsh_new(window);
    if (!x->lsh) {
        free(x);
        return NULL;
    }
    return x;
}

void dedup_index_free(dedup_index *x)
{
    if (!x) {
        return;
    }
    dedup_lsh_free(x->lsh);
    dedup_lineage_free(&x->lineage);
    free(x);
}

/* How strong a relation is, for choosing among candidates. */
static double strength(const dedup_relation *r)
{
    double inner = r->contained_a > r->contained_b ? r->contained_a : r->contained_b;
    return r->kind == DEDUP_COPY ? 2 + r->resemblance : r->kind == DEDUP_REWRITE ? 1 + inner : 0;
}

int dedup_index_add(dedup_index *x, const char *text, size_t len, int64_t time_s,
                    core_arena *scratch, dedup_decision *out)
{
    dedup_sketch sketch;
    if (dedup_sketch_build(text, len, scratch, &sketch)) {
        return FIL_ENOMEM;
    }
    uint32_t candidates[DEDUP_MAX_CANDIDATES];
    size_t n;
    uint32_t seq = dedup_lsh_count(x->lsh);
    int rc = dedup_lineage_add(&x->lineage, time_s);
    rc = rc ? rc : dedup_lsh_add(x->lsh, &sketch, candidates, DEDUP_MAX_CANDIDATES, &n);
    if (rc) {
        return rc;
    }
    *out = (dedup_decision){seq, seq, DEDUP_NONE, 0, 0};
    double best = 0, match_in_article = 0;
    for (size_t i = 0; i < n; i++) { /* candidates' sketches lie anywhere in the window */
        const char *s = (const char *)dedup_lsh_sketch(x->lsh, candidates[i]);
        for (size_t line = 0; line < sizeof(dedup_sketch); line += 64) {
            CORE_PREFETCH(s + line);
        }
    }
    for (size_t i = 0; i < n; i++) {
        dedup_relation r = dedup_compare(&sketch, dedup_lsh_sketch(x->lsh, candidates[i]));
        double s = strength(&r);
        if (s > best || (s == best && s > 0 && candidates[i] < out->match)) {
            best = s;
            *out = (dedup_decision){seq, candidates[i], r.kind, r.contained_a, r.resemblance};
            match_in_article = r.contained_b;
        }
    }
    if (out->kind != DEDUP_NONE) {
        dedup_lineage_link(&x->lineage, seq, out->match, out->kind, out->containment,
                           match_in_article);
    }
    return FIL_OK;
}

uint32_t dedup_index_root(dedup_index *x, uint32_t seq)
{
    return dedup_lineage_root(&x->lineage, seq);
}

const dedup_record *dedup_index_record(dedup_index *x, uint32_t seq)
{
    return dedup_lineage_record(&x->lineage, seq);
}
