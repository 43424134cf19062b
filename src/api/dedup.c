/*
 * src/api/dedup.c -- fil_dedup: the near-duplicate detector of dedup/ on
 * its own, without the rest of the pipeline (fil.h).
 */
#include <stdlib.h>
#include <string.h>

#include "api/config.h"
#include "api/engine.h"
#include "core/alloc.h"
#include "core/error.h"
#include "core/utf8.h"
#include "dedup/index.h"

struct fil_dedup {
    dedup_index *index;
    core_arena scratch; /* per article */
    uint64_t count;
    uint32_t max_article_bytes; /* text beyond this is not compared */
};

fil_dedup *fil_dedup_open(const fil_config *cfg, fil_error *err)
{
    fil_config c;
    if (cfg) {
        c = *cfg;
    } else {
        fil_config_default(&c);
    }
    if (config_check(&c, err)) {
        return NULL;
    }
    fil_dedup *d = core_calloc(1, sizeof *d);
    if (d) {
        core_arena_init(&d->scratch, 64 * 1024, 0);
        d->index = dedup_index_new(c.dedup_window, 0);
        d->max_article_bytes = c.max_article_bytes;
    }
    if (!d || !d->index) {
        fil_dedup_close(d);
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    return d;
}

void fil_dedup_close(fil_dedup *d)
{
    if (d) {
        dedup_index_free(d->index);
        core_arena_free(&d->scratch);
        free(d);
    }
}

const char *engine_dedup_words(const fil_article *a, size_t max_bytes, size_t *len)
{
    const char *s = a->text && *a->text ? a->text : a->title ? a->title : "";
    *len = strlen(s);
    if (*len > max_bytes) {
        *len = core_utf8_boundary(s, max_bytes);
    }
    return s;
}

int fil_dedup_get(fil_dedup *d, uint64_t index, fil_duplicate *out)
{
    memset(out, 0, sizeof *out);
    if (index >= d->count) {
        return FIL_ENOTFOUND;
    }
    uint32_t seq = (uint32_t)index;
    const dedup_record *r = dedup_index_record(d->index, seq);
    uint32_t root = dedup_index_root(d->index, seq);
    out->index = index;
    out->duplicate_of = root == seq ? -1 : (int64_t)root;
    out->repeats = r->match == seq ? -1 : (int64_t)r->match;
    out->kind = dedup_kind_name((dedup_kind)r->kind);
    out->containment = r->kind == DEDUP_NONE ? 0 : r->containment;
    return FIL_OK;
}

int fil_dedup_add(fil_dedup *d, const fil_article *a, fil_duplicate *out, fil_error *err)
{
    int ignored;
    int64_t t = engine_article_time(a, &ignored);
    size_t len;
    const char *words = engine_dedup_words(a, d->max_article_bytes, &len);
    dedup_decision decision;
    core_arena_reset(&d->scratch);
    int rc = dedup_index_add(d->index, words, len, t == CLUSTER_NO_TIME ? DEDUP_NO_TIME : t,
                             &d->scratch, &decision);
    if (rc) {
        return core_error_set(err, rc, "near-duplicates: %s", fil_strerror(rc));
    }
    d->count++;
    return fil_dedup_get(d, decision.seq, out);
}
