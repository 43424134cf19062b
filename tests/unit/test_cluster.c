/*
 * tests/unit/test_cluster.c -- the inverted index and online clustering,
 * on hand-made vectors so that every score is known; boosted trees and
 * the similarity model on synthetic rows whose target is known.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cluster/boost.h"
#include "cluster/index.h"
#include "cluster/similarity.h"
#include "cluster/storyline.h"
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

/* Scores are plain cosines (no time or size factor), the window two days. */
static void plain_config(fil_config *cfg)
{
    fil_config_default(cfg);
    cfg->threshold = 0.5;
    cfg->weight_time = 0;
    cfg->weight_size = 0;
    cfg->window_days = 2;
}

static void test_stream(void)
{
    fil_config cfg;
    plain_config(&cfg);
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

/* A stream under plain_config and what its last article did. */
typedef struct stream_test {
    fil_config cfg;
    core_arena arena;
    doc_store docs;
    cluster_decision d;
    cluster_stream *cs;
} stream_test;

static void stream_test_open(stream_test *t, uint32_t window_articles)
{
    plain_config(&t->cfg);
    t->cfg.window_articles = window_articles;
    core_arena_init(&t->arena, 4096, 0);
    t->cs = cluster_stream_new(&t->cfg);
}

static void stream_test_add(stream_test *t, const uint32_t *keys, uint32_t n, int64_t time_s)
{
    cluster_stream_add(t->cs, doc(&t->docs, keys, n), time_s, &t->arena, &t->d);
}

static void stream_test_close(stream_test *t)
{
    cluster_stream_free(t->cs);
    core_arena_free(&t->arena);
}

/* Articles that arrive after newer ones (an archive posted late) cluster
 * among themselves by their own time, and stay apart from current ones. */
static void test_stream_late(void)
{
    const uint32_t k1[] = {1, 2, 3, 4}, k2[] = {1, 2, 3, 5}, k3[] = {7, 8, 9};
    const int64_t day = 86400;
    stream_test t;
    stream_test_open(&t, 100000);
    stream_test_add(&t, k3, 3, 30 * day); /* the stream is at day 30 */
    stream_test_add(&t, k1, 4, 0);
    CHECK(t.d.is_new && t.d.event == 1, "a late article founds an event");
    stream_test_add(&t, k2, 4, day);
    CHECK(!t.d.is_new && t.d.event == 1, "a late article within the window of its time joins it");
    stream_test_add(&t, k2, 4, 10 * day);
    CHECK(t.d.is_new && t.d.event == 2, "one past the window of the event's span does not");
    for (int i = 0; i < 130; i++) { /* past a retirement scan */
        stream_test_add(&t, k3, 3, 30 * day);
    }
    cluster_event *ev = cluster_stream_event(t.cs, 1);
    CHECK(ev && ev->slot != CLUSTER_RETIRED, "an event of late articles outlives the time window");
    stream_test_add(&t, k1, 4, 30 * day);
    CHECK(t.d.is_new, "a current article does not join an event weeks older than it");
    stream_test_add(&t, k1, 4, day / 2);
    CHECK(!t.d.is_new && t.d.event == 1, "a late article still finds it");
    stream_test_close(&t);

    stream_test_open(&t, 200);
    stream_test_add(&t, k3, 3, 30 * day);
    stream_test_add(&t, k1, 4, 0);
    for (int i = 0; i < 130; i++) { /* past the scan at 128 arrivals */
        stream_test_add(&t, k3, 3, 30 * day);
    }
    ev = cluster_stream_event(t.cs, 1);
    CHECK(ev && ev->slot != CLUSTER_RETIRED, "a late event idle for fewer arrivals stays");
    for (int i = 0; i < 130; i++) { /* past the scan at 256 */
        stream_test_add(&t, k3, 3, 30 * day);
    }
    ev = cluster_stream_event(t.cs, 1);
    CHECK(ev && ev->slot == CLUSTER_RETIRED, "it retires once idle for window_articles arrivals");
    stream_test_close(&t);

    /* An event past the window of the stream's time takes no late article,
     * whether or not a retirement scan has come since. */
    stream_test_open(&t, 100000);
    stream_test_add(&t, k1, 4, 10 * day);
    stream_test_add(&t, k3, 3, 20 * day);
    stream_test_add(&t, k2, 4, 9 * day);
    CHECK(t.d.is_new && t.d.event == 2, "a stale event awaiting its scan is out of reach");
    stream_test_close(&t);
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

/* ------------------------------------------------------------------------
 * Boosted trees
 * ---------------------------------------------------------------------- */

#define ROWS 200

/* x spread evenly over [0, 1). */
static void grid_x(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i / (double)n;
    }
}

static const cluster_boost_params plain = {100, 0.3, 1.0, 5, 1, NULL};

static void test_boost_step(void)
{
    double x[ROWS], y[ROWS];
    grid_x(x, ROWS);
    for (size_t i = 0; i < ROWS; i++) {
        y[i] = x[i] <= 0.5 ? 1.0 : 3.0;
    }
    cluster_boost m;
    CHECK(cluster_boost_train(x, y, ROWS, 1, &plain, &m) == FIL_OK, "a step function is fitted");
    const double low[] = {0.05, 0.3, 0.45}, high[] = {0.55, 0.7, 0.95};
    int ok_low = 1, ok_high = 1;
    for (int i = 0; i < 3; i++) {
        ok_low &= fabs(cluster_boost_predict(&m, &low[i]) - 1.0) <= 0.1;
        ok_high &= fabs(cluster_boost_predict(&m, &high[i]) - 3.0) <= 0.1;
    }
    CHECK(ok_low, "left of the step the model predicts 1 (within 0.1)");
    CHECK(ok_high, "right of the step the model predicts 3 (within 0.1)");
    CHECK(m.count == plain.trees && m.features == 1, "the model has the trees asked for");
    cluster_boost_free(&m);
}

static void test_boost_text(void)
{
    double x[ROWS], y[ROWS];
    grid_x(x, ROWS);
    for (size_t i = 0; i < ROWS; i++) {
        y[i] = sin(6 * x[i]) + x[i] * x[i]; /* smooth, so leaves take many values */
    }
    const cluster_boost_params p = {50, 0.2, 0.7, 3, 42, NULL};
    cluster_boost m, back;
    cluster_boost_train(x, y, ROWS, 1, &p, &m);
    core_buf b;
    core_buf_init(&b, 0);
    CHECK(cluster_boost_write(&m, &b) == FIL_OK, "a model is written as text");
    const char *text = b.data;
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_OK, "its text reads back");
    CHECK(text > b.data && text[strspn(text, " \n")] == '\0', "reading moves past the model");
    int same = back.count == m.count;
    for (int i = 0; i <= 20; i++) {
        double v = i / 20.0, p1 = cluster_boost_predict(&m, &v);
        same &= fabs(cluster_boost_predict(&back, &v) - p1) <= 1e-6 * fabs(p1) + 1e-12;
    }
    CHECK(same, "the model read back predicts as the trained one (1e-6 relative)");
    cluster_boost_free(&back);

    text = b.data;
    CHECK(cluster_boost_read(&text, 2, &back) == FIL_EPARSE, "a model of another width is refused");
    text = "garbage";
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_EPARSE, "garbage is refused");
    text = "boost 2 1 0.5\n0 0.5 -1 0 -1 0 1 1 2 2\n";
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_EPARSE, "a missing tree is refused");
    text = "boost 1 1 0.5\n3 0.5 -1 0 -1 0 1 1 2 2\n";
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_EPARSE, "a split on no feature is refused");
    text = "boost 1 1 0.5\n0 0.5 -1 0 -1 0 1 1 2 x\n";
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_EPARSE, "a tree with a non-number is refused");
    text = "boost 1 1 0.5\n0 0.5 -1 0 -1 0 1 1 2 2\n";
    CHECK(cluster_boost_read(&text, 1, &back) == FIL_OK, "a hand-written model reads");
    double left = 0.2, right = 0.8;
    CHECK(cluster_boost_predict(&back, &left) == 1.5 && cluster_boost_predict(&back, &right) == 2.5,
          "and predicts base plus the leaf its row falls in");
    cluster_boost_free(&back);
    core_buf_free(&b);
    cluster_boost_free(&m);
}

/* 1 when the model's predictions never rise (direction -1) or never fall
 * (+1) over a fine grid of [0, 1]. */
static int follows(const cluster_boost *m, int direction)
{
    double prev = 0;
    for (int i = 0; i <= 400; i++) {
        double v = i / 400.0, p = cluster_boost_predict(m, &v);
        if (i > 0 && (p - prev) * direction < -1e-12) {
            return 0;
        }
        prev = p;
    }
    return 1;
}

static void test_boost_monotone(void)
{
    double x[ROWS], y[ROWS];
    grid_x(x, ROWS);
    uint64_t state = 7;
    for (size_t i = 0; i < ROWS; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double noise = (double)(state >> 11) / 9007199254740992.0 - 0.5; /* [-0.5, 0.5) */
        y[i] = 3 - 2 * x[i] + noise + (x[i] > 0.8 ? 1.5 : 0);            /* falls, then jumps up */
    }
    const int8_t down[1] = {-1};
    cluster_boost_params p = {100, 0.1, 0.8, 5, 3, NULL};
    cluster_boost free_model, bound;
    cluster_boost_train(x, y, ROWS, 1, &p, &free_model);
    CHECK(!follows(&free_model, -1), "unconstrained, the model rises with the noisy top end");
    p.monotone = down;
    CHECK(cluster_boost_train(x, y, ROWS, 1, &p, &bound) == FIL_OK, "a monotone model trains");
    CHECK(follows(&bound, -1), "with monotone -1 predictions never rise along x");
    double lo = 0.1, hi = 0.7;
    CHECK(cluster_boost_predict(&bound, &lo) > cluster_boost_predict(&bound, &hi) + 0.5,
          "and still follow the falling trend");
    cluster_boost_free(&free_model);
    cluster_boost_free(&bound);
}

static void test_boost_params(void)
{
    double x[2] = {0, 1}, y[2] = {0, 1};
    cluster_boost m;
    CHECK(cluster_boost_train(x, y, 0, 1, &plain, &m) == FIL_EINVAL, "no rows is FIL_EINVAL");
    CHECK(m.trees == NULL, "and leaves no trees to free");
    CHECK(cluster_boost_train(x, y, 2, 0, &plain, &m) == FIL_EINVAL, "no feature is FIL_EINVAL");
    cluster_boost_params p = plain;
    p.rate = 0;
    CHECK(cluster_boost_train(x, y, 2, 1, &p, &m) == FIL_EINVAL, "rate 0 is FIL_EINVAL");
    p = plain;
    p.subsample = 0;
    CHECK(cluster_boost_train(x, y, 2, 1, &p, &m) == FIL_EINVAL, "subsample 0 is FIL_EINVAL");
    cluster_boost_free(&m);
}

/* ------------------------------------------------------------------------
 * The similarity model
 * ---------------------------------------------------------------------- */

#define PAIRS 80

/* Rows whose text cosine (feature 0) decides every gold score: 4 at
 * cosine 0, 1 at cosine 1. */
static void synthetic_pairs(double *f, double *gold)
{
    for (size_t i = 0; i < PAIRS; i++) {
        double cosine = (double)(i % 20) / 19.0;
        for (int k = 0; k < CLUSTER_PAIR_FEATURES; k++) {
            f[i * CLUSTER_PAIR_FEATURES + k] = k == 0 ? cosine : (double)((i * 7 + k) % 5) / 4;
        }
        for (int d = 0; d < CLUSTER_DIMENSIONS; d++) {
            gold[i * CLUSTER_DIMENSIONS + d] = 4 - 3 * cosine;
        }
    }
}

static void test_similarity_model(void)
{
    static double f[PAIRS * CLUSTER_PAIR_FEATURES], gold[PAIRS * CLUSTER_DIMENSIONS];
    synthetic_pairs(f, gold);
    cluster_similarity_model m, back;
    CHECK(cluster_similarity_model_train(f, gold, PAIRS, &m) == FIL_OK, "a model trains");
    CHECK(cluster_similarity_model_train(f, gold, 0, &back) == FIL_EINVAL,
          "an empty training set is FIL_EINVAL");
    core_buf b;
    core_buf_init(&b, 0);
    CHECK(cluster_similarity_model_write(&m, "# a test model\n", &b) == FIL_OK, "it is written");
    CHECK(strncmp(b.data, "# a test model\n", 15) == 0, "after the header given");
    CHECK(cluster_similarity_model_read(b.data, &back) == FIL_OK, "its text is accepted");

    double row[CLUSTER_PAIR_FEATURES] = {0}, p1[CLUSTER_DIMENSIONS], p2[CLUSTER_DIMENSIONS];
    int same = 1, ranged = 1;
    for (int i = 0; i <= 10; i++) {
        row[0] = i / 10.0;
        cluster_similarity_predict(&m, row, p1);
        cluster_similarity_predict(&back, row, p2);
        for (int d = 0; d < CLUSTER_DIMENSIONS; d++) {
            same &= fabs(p1[d] - p2[d]) <= 1e-6 * p1[d];
            ranged &= p2[d] >= 1 && p2[d] <= 4;
        }
    }
    CHECK(same, "the model read back predicts as the trained one");
    CHECK(ranged, "predictions lie in [1, 4]");
    row[0] = 0.95;
    cluster_similarity_predict(&back, row, p1);
    row[0] = 0.05;
    cluster_similarity_predict(&back, row, p2);
    CHECK(p1[0] < 2 && p2[0] > 3, "a high text cosine predicts similar, a low one dissimilar");
    cluster_similarity_model_free(&back);

    char *renamed = b.data; /* edited in place: the text is not needed again */
    char *at = strstr(renamed, "text_cosine");
    memcpy(at, "body", 4); /* "body_cosine": a model of other features */
    CHECK(cluster_similarity_model_read(renamed, &back) == FIL_EPARSE,
          "a features line naming other features is refused");
    cluster_similarity_model_free(&m);
    core_buf_free(&b);
}

/* A model text whose every dimension is one tree-less constant. */
static void constant_model(core_buf *b, double base)
{
    core_buf_append_str(b, "features");
    for (int f = 0; f < CLUSTER_PAIR_FEATURES; f++) {
        core_buf_printf(b, " %s", cluster_pair_feature_names[f]);
    }
    for (int d = 0; d < CLUSTER_DIMENSIONS; d++) {
        core_buf_printf(b, "\ndimension %s\nboost 1 %d %g\n-1 0 -1 0 -1 0 0 0 0 0",
                        cluster_dimension_names[d], CLUSTER_PAIR_FEATURES, base);
    }
    core_buf_append_char(b, '\n');
}

static void test_similarity_clamp(void)
{
    double row[CLUSTER_PAIR_FEATURES] = {0}, out[CLUSTER_DIMENSIONS];
    cluster_similarity_model m;
    core_buf b;
    core_buf_init(&b, 0);
    constant_model(&b, 9.5);
    CHECK(cluster_similarity_model_read(b.data, &m) == FIL_OK, "a hand-written model reads");
    cluster_similarity_predict(&m, row, out);
    CHECK(out[0] == 4 && out[4] == 4, "a prediction above 4 is clamped to 4");
    cluster_similarity_model_free(&m);
    core_buf_clear(&b);
    constant_model(&b, -3);
    cluster_similarity_model_read(b.data, &m);
    cluster_similarity_predict(&m, row, out);
    CHECK(out[0] == 1 && out[4] == 1, "a prediction below 1 is clamped to 1");
    cluster_similarity_model_free(&m);

    core_buf_clear(&b);
    constant_model(&b, 2);
    char *cut = strstr(b.data, " lang_zh");
    memmove(cut, cut + 8, strlen(cut + 8) + 1); /* the last feature name dropped */
    CHECK(cluster_similarity_model_read(b.data, &m) == FIL_EPARSE,
          "a features line missing a name is refused");
    core_buf_free(&b);
}

/* A hand-made event profile: entity keys, text keys, language, start day. */
typedef struct profile_store {
    features_term e[8], t[8];
    cluster_profile p;
} profile_store;

static void profile(profile_store *s, const uint32_t *ek, uint32_t en, const uint32_t *tk,
                    uint32_t tn, const char *lang, int day)
{
    s->p.entities = vec(s->e, ek, en);
    s->p.text = vec(s->t, tk, tn);
    s->p.oldest_s = s->p.newest_s = day < 0 ? CLUSTER_NO_TIME : (int64_t)day * 86400;
    snprintf(s->p.lang, sizeof s->p.lang, "%s", lang);
}

static void test_storylines(void)
{
    static const uint32_t erdogan_idlib[] = {1, 2, 3}, truce[] = {10, 11, 12},
                          ammunition[] = {10, 13, 14};
    static const uint32_t flood[] = {7, 8}, rain[] = {20, 21}, idlib_only[] = {2, 3};
    profile_store s[6];
    profile(&s[0], erdogan_idlib, 3, truce, 3, "fr", 0);      /* founds storyline 0 */
    profile(&s[1], erdogan_idlib, 3, ammunition, 3, "fr", 5); /* same people, other happening */
    profile(&s[2], flood, 2, rain, 2, "fr", 6);               /* nothing shared: storyline 1 */
    profile(&s[3], idlib_only, 2, rain, 2, "de", 8);          /* German: names alone speak */
    profile(&s[4], erdogan_idlib, 3, truce, 3, "fr", 80);     /* past the window: storyline 2 */
    profile(&s[5], flood, 2, rain, 2, "fr", -1);              /* untimed: never too old */
    cluster_profile p[6];
    for (int i = 0; i < 6; i++) {
        p[i] = s[i].p;
    }
    cluster_storyline_rule rule = {0.3, 0.7, 42};
    uint32_t of[6];
    size_t count = 0;
    CHECK(cluster_storylines_link(p, 6, &rule, of, &count) == FIL_OK, "linking runs");
    CHECK(of[0] == 0 && of[1] == 0, "same entities, other words: one storyline");
    CHECK(of[2] == 1, "nothing shared: a storyline of its own");
    CHECK(of[3] == 0, "another language joins by its entities alone");
    CHECK(of[4] == 2, "a storyline idle past the window takes no more events");
    CHECK(of[5] == 1, "an untimed event is judged by its profile alone");
    CHECK(count == 3, "three storylines founded");

    rule.threshold = 1.0; /* nothing reaches a perfect score but an identical profile */
    CHECK(cluster_storylines_link(p, 6, &rule, of, &count) == FIL_OK, "linking runs");
    CHECK(of[1] == 1 && of[2] == 2, "a high threshold keeps events apart");
}

/* n random profiles over a small vocabulary, one every few hours, in two
 * languages, so that storylines form, grow, mix and go stale. terms holds
 * 16 terms per profile. */
static void random_profiles(cluster_profile *p, features_term *terms, size_t n, uint32_t seed)
{
    uint32_t x = seed;
    for (size_t i = 0; i < n; i++) {
        features_term *t = terms + 16 * i;
        for (uint32_t j = 0; j < 16; j++) { /* keys ascend: 8 entity, 8 text terms */
            x = x * 1664525u + 1013904223u;
            t[j].key = (j % 8) * 16 + (x >> 28) + (j >= 8 ? 1000 : 0);
            t[j].weight = (float)((x >> 8) & 255) / 256.0f + 0.1f;
        }
        p[i].entities = (features_vector){t, 8};
        p[i].text = (features_vector){t + 8, 8};
        features_normalize(&p[i].entities);
        features_normalize(&p[i].text);
        p[i].oldest_s = p[i].newest_s = (int64_t)i * 3 * 3600;
        snprintf(p[i].lang, sizeof p[i].lang, "%s", x % 3 ? "fr" : "de");
    }
}

static int same_links(const uint32_t *a, const uint32_t *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

/* The kept linker gives what one linking of everything gives: when it
 * starts after frozen profiles, when later profiles changed (their
 * versions with them), near the end or before the points it keeps near
 * it, and when an earlier profile came in before the frozen ones. */
static void test_linker_resumes(void)
{
    enum { N = 1500 };
    static cluster_profile p[N];
    static features_term terms[16 * N], other[4][16];
    static cluster_profile_key keys[N];
    static uint32_t whole[N], part[N];
    random_profiles(p, terms, N, 7);
    for (size_t i = 0; i < N; i++) {
        keys[i] = (cluster_profile_key){i, 1};
    }
    cluster_storyline_rule rule = {0.3, 0.7, 10};
    size_t count = 0, whole_count = 0;
    cluster_linker *k = cluster_linker_new(&rule);
    CHECK(cluster_storylines_link(p, 1000, &rule, whole, &whole_count) == FIL_OK, "links");
    CHECK(cluster_linker_run(k, p, keys, 1000, 600, part, &count) == FIL_OK &&
              same_links(whole, part, 1000) && count == whole_count,
          "a first run of the kept linker links as one linking does");
    CHECK(whole_count > 20 && whole_count < 900, "storylines form and grow");

    /* an event after the frozen ones grew: its profile and version change */
    static const size_t grown[] = {800, 1490, 1450, 1100};
    static const char *const what[] = {
        "a profile changed between the frozen point and the end: linked as one linking does",
        "a profile changed after the last point kept before the end: the same",
        "a profile changed before that point: the same",
        "a profile changed further back: the same"};
    for (int g = 0; g < 4; g++) {
        cluster_profile before = p[grown[g]];
        random_profiles(&p[grown[g]], other[g], 1, 99 + (uint32_t)g);
        p[grown[g]].oldest_s = before.oldest_s;
        p[grown[g]].newest_s = before.newest_s;
        keys[grown[g]].version++;
        CHECK(cluster_storylines_link(p, N, &rule, whole, &whole_count) == FIL_OK, "links");
        CHECK(cluster_linker_run(k, p, keys, N, 1200, part, &count) == FIL_OK &&
                  same_links(whole, part, N) && count == whole_count,
              what[g]);
    }
    CHECK(cluster_linker_run(k, p, keys, N, 1200, part, &count) == FIL_OK &&
              same_links(whole, part, N) && count == whole_count,
          "a run over the same profiles gives the same");

    /* only new profiles after the last run's (it starts at its end), then
     * a change before where that run started */
    CHECK(cluster_storylines_link(p, 1300, &rule, whole, &whole_count) == FIL_OK, "links");
    CHECK(cluster_linker_run(k, p, keys, 1300, 0, part, &count) == FIL_OK &&
              same_links(whole, part, 1300) && count == whole_count,
          "a run over the first profiles of the last one gives the same");
    CHECK(cluster_storylines_link(p, N, &rule, whole, &whole_count) == FIL_OK, "links");
    CHECK(cluster_linker_run(k, p, keys, N, 0, part, &count) == FIL_OK &&
              same_links(whole, part, N) && count == whole_count,
          "a run that only adds profiles after the last one gives the same");
    random_profiles(&p[1250], other[1], 1, 77);
    p[1250].oldest_s = p[1250].newest_s = 1250 * 3 * 3600;
    keys[1250].version++;
    CHECK(cluster_storylines_link(p, N, &rule, whole, &whole_count) == FIL_OK, "links");
    CHECK(cluster_linker_run(k, p, keys, N, 0, part, &count) == FIL_OK &&
              same_links(whole, part, N) && count == whole_count,
          "a change before where the last run started: linked as one linking does");

    keys[300].id = N + 1; /* an event with an early time came in before frozen ones */
    random_profiles(&p[300], other[0], 1, 5);
    p[300].oldest_s = p[300].newest_s = 300 * 3 * 3600;
    CHECK(cluster_storylines_link(p, N, &rule, whole, &whole_count) == FIL_OK, "links");
    CHECK(cluster_linker_run(k, p, keys, N, N, part, &count) == FIL_OK &&
              same_links(whole, part, N) && count == whole_count,
          "an event before the frozen ones: linked from the start as one linking does");
    cluster_linker_free(k);
}

int main(void)
{
    test_index();
    test_stream();
    test_stream_late();
    test_pruning();
    test_boost_step();
    test_boost_text();
    test_boost_monotone();
    test_boost_params();
    test_similarity_model();
    test_similarity_clamp();
    test_storylines();
    test_linker_resumes();
    return check_summary("test_cluster");
}
