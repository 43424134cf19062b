/*
 * tests/unit/test_cluster.c -- the inverted index and online clustering,
 * on hand-made vectors so that every score is known.
 */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "cluster/index.h"
#include "cluster/stream.h"
#include "core/arena.h"
#include "fil.h"

/* A unit vector over the given keys, equal weights. */
static features_vector vec(features_term *store, const uint32_t *keys, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        store[i].key = keys[i];
        store[i].weight = (float)(1 / sqrt((double)n));
    }
    return (features_vector){store, n};
}

typedef struct doc_store {
    features_term t[3][8];
    features_doc doc;
} doc_store;

static features_doc *doc(doc_store *s, const uint32_t *keys, uint32_t n)
{
    memset(&s->doc, 0, sizeof s->doc); /* no phrases, no body */
    snprintf(s->doc.lang, sizeof s->doc.lang, "en");
    s->doc.title = vec(s->t[0], keys, n);
    s->doc.text = vec(s->t[1], keys, n);
    s->doc.entities = vec(s->t[2], keys, 0);
    return &s->doc;
}

static void test_index(void)
{
    cluster_index ix;
    cluster_index_init(&ix);
    cluster_index_add(&ix, 10, 1);
    cluster_index_add(&ix, 10, 2);
    cluster_index_add(&ix, 11, 2);
    const cluster_postings *p = cluster_index_postings(&ix, 10);
    CHECK(p && p->count == 2, "a term lists every event holding it");
    cluster_index_remove(&ix, 10, 1);
    p = cluster_index_postings(&ix, 10);
    CHECK(p && p->count == 1 && p->slots[0] == 2, "removal drops one event");
    cluster_index_remove(&ix, 10, 2);
    CHECK(cluster_index_postings(&ix, 10) == NULL, "an emptied term leaves the index");
    cluster_index_add(&ix, 12, 3);
    CHECK(ix.list_count == 2, "its list is reused");
    cluster_index_free(&ix);
}

static void test_stream(void)
{
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.threshold = 0.5;
    cfg.weight_time = 0;
    cfg.weight_size = 0;
    cfg.window_days = 2;
    core_arena a;
    core_arena_init(&a, 4096, 0);
    cluster_stream *cs = cluster_stream_new(&cfg);
    doc_store s;
    cluster_decision d;
    const uint32_t k1[] = {1, 2, 3, 4}, k2[] = {1, 2, 3, 5}, k3[] = {7, 8, 9};
    const int64_t day = 86400;

    cluster_stream_add(cs, doc(&s, k1, 4), 0, &a, &d);
    CHECK(d.is_new && d.event == 0, "the first article founds event 0");
    cluster_stream_add(cs, doc(&s, k2, 4), day / 2, &a, &d);
    CHECK(!d.is_new && d.event == 0, "an article sharing 3 of 4 terms joins it");
    CHECK_NEAR(d.score, 0.75, 1e-6, "its score is the cosine with the centroid (0.75)");
    cluster_stream_add(cs, doc(&s, k3, 3), day, &a, &d);
    CHECK(d.is_new && d.event == 1, "an unrelated article founds event 1");
    cluster_event *ev = cluster_stream_event(cs, 0);
    CHECK(ev && ev->size == 2 && ev->oldest_s == 0 && ev->newest_s == day / 2,
          "the event keeps its size and time span");

    /* Ten days later: a scan retires idle events before the next article. */
    for (int i = 0; i < 130; i++) {
        cluster_stream_add(cs, doc(&s, k3, 3), 10 * day, &a, &d);
    }
    ev = cluster_stream_event(cs, 0);
    CHECK(ev && ev->slot == CLUSTER_RETIRED && ev->sum[CLUSTER_TEXT] == NULL,
          "an event idle past the window is retired and its centroid freed");
    cluster_stream_add(cs, doc(&s, k1, 4), 10 * day, &a, &d);
    CHECK(d.is_new, "a retired event takes no new articles");
    CHECK(cluster_stream_event_count(cs) == 4, "events so far: 0, 1, the k3 run, the new k1");
    cluster_stream_free(cs);

    cfg.keep_articles = 0;
    cs = cluster_stream_new(&cfg);
    cluster_stream_add(cs, doc(&s, k1, 4), 0, &a, &d);
    for (int i = 0; i < 130; i++) {
        cluster_stream_add(cs, doc(&s, k3, 3), 10 * day, &a, &d);
    }
    CHECK(cluster_stream_event(cs, 0) == NULL, "without keep_articles a retired event is freed");
    cluster_stream_free(cs);
    core_arena_free(&a);
}

static void test_pruning(void)
{
    fil_config cfg;
    fil_config_default(&cfg);
    cfg.centroid_terms = 3;
    cfg.threshold = 0.1;
    core_arena a;
    core_arena_init(&a, 4096, 0);
    cluster_stream *cs = cluster_stream_new(&cfg);
    doc_store s;
    cluster_decision d;
    const uint32_t k[] = {1, 2, 3, 4, 5, 6};
    cluster_stream_add(cs, doc(&s, k, 6), CLUSTER_NO_TIME, &a, &d);
    cluster_event *ev = cluster_stream_event(cs, 0);
    CHECK(ev->sum_count[CLUSTER_TEXT] == 3, "a centroid keeps its top K terms");
    cluster_stream_free(cs);
    core_arena_free(&a);
}

int main(void)
{
    test_index();
    test_stream();
    test_pruning();
    return check_summary("test_cluster");
}
