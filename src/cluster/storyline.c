/*
 * src/cluster/storyline.c -- events linked into storylines (storyline.h).
 */
#include "cluster/storyline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/index.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/array.h"
#include "core/error.h"
#include "core/hash.h"

#define STORYLINE_TERMS       (2 * CLUSTER_PROFILE_TERMS)
#define STORYLINE_SWEEP_EVERY 256 /* events between sweeps of stale storylines */

/* ------------------------------------------------------------------------
 * Profiles
 * ---------------------------------------------------------------------- */

/* A copy (malloc) of terms[0..count), not NULL even when count is 0;
 * NULL when memory runs out. */
static features_term *copy_terms(const features_term *terms, uint32_t count)
{
    features_term *copy = core_malloc((count ? count : 1) * sizeof *copy);
    if (copy && count) {
        memcpy(copy, terms, count * sizeof *copy);
    }
    return copy;
}

/* A copy (malloc) of a centroid sum (key-sorted) cut to its k heaviest
 * terms, unit length. */
static int copy_top(const features_term *sum, uint32_t count, uint32_t k, core_arena *scratch,
                    features_vector *out)
{
    out->count = sum ? count : 0;
    out->terms = copy_terms(sum, out->count);
    if (!out->terms) {
        return FIL_ENOMEM;
    }
    features_prune(out, k, scratch);
    features_normalize(out);
    return FIL_OK;
}

int cluster_profile_from_event(const cluster_event *ev, core_arena *scratch, cluster_profile *out)
{
    memset(out, 0, sizeof *out);
    out->oldest_s = ev->oldest_s;
    out->newest_s = ev->newest_s;
    memcpy(out->lang, ev->lang, sizeof out->lang);
    int rc = copy_top(ev->sum[CLUSTER_ENTITIES], ev->sum_count[CLUSTER_ENTITIES],
                      CLUSTER_PROFILE_TERMS, scratch, &out->entities);
    rc = rc ? rc
            : copy_top(ev->sum[CLUSTER_TEXT], ev->sum_count[CLUSTER_TEXT], CLUSTER_PROFILE_TERMS,
                       scratch, &out->text);
    if (rc) {
        cluster_profile_free(out);
    }
    return rc;
}

void cluster_profile_free(cluster_profile *p)
{
    free(p->entities.terms);
    free(p->text.terms);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------------
 * Storylines
 * ---------------------------------------------------------------------- */

typedef struct storyline {
    features_vector entities, text; /* summed event profiles, top STORYLINE_TERMS (malloc) */
    double entity_norm, text_norm;
    int64_t newest_s;   /* newest event time, CLUSTER_NO_TIME if none is timed */
    uint64_t languages; /* one bit per language (by hash) of its events */
    int indexed;        /* its terms are in the index */
    uint64_t seen;      /* the last event that found it as a candidate (+1) */
    double dot[2];      /* that event's dot products with entities, text */
} storyline;

typedef struct linker {
    const cluster_storyline_rule *rule;
    storyline *lines;
    size_t count, capacity;
    cluster_index index[2]; /* entity, text term key -> storylines (by number), weighted */
    uint32_t *candidates;
    size_t candidate_count, candidate_capacity;
    core_arena scratch; /* for pruning sums, reset per take */
} linker;

static uint64_t language_bit(const char *lang)
{
    return 1ull << (core_hash(lang, strlen(lang), 0x6c616e67ULL) & 63);
}

static double vector_norm(const features_vector *v)
{
    return sqrt(features_dot(v, v));
}

/* a + b for key-sorted vectors, into a new vector (malloc), top k kept. */
static int add_vectors(const features_vector *a, const features_vector *b, uint32_t k,
                       core_arena *scratch, features_vector *out)
{
    features_term *t = core_malloc((a->count + b->count + 1) * sizeof *t);
    if (!t) {
        return FIL_ENOMEM;
    }
    uint32_t i = 0, j = 0, n = 0;
    while (i < a->count || j < b->count) {
        if (j >= b->count || (i < a->count && a->terms[i].key < b->terms[j].key)) {
            t[n++] = a->terms[i++];
        } else if (i >= a->count || b->terms[j].key < a->terms[i].key) {
            t[n++] = b->terms[j++];
        } else {
            t[n] = a->terms[i++];
            t[n++].weight += b->terms[j++].weight;
        }
    }
    *out = (features_vector){t, n};
    core_arena_reset(scratch);
    features_prune(out, k, scratch);
    return FIL_OK;
}

static int index_terms(linker *l, uint32_t number, int add)
{
    const storyline *s = &l->lines[number];
    const features_vector *v[2] = {&s->entities, &s->text};
    for (int w = 0; w < 2; w++) {
        for (uint32_t i = 0; i < v[w]->count; i++) {
            const features_term *t = &v[w]->terms[i];
            if (!add) {
                cluster_index_remove(&l->index[w], t->key, number);
            } else if (cluster_index_add_weighted(&l->index[w], t->key, number, t->weight)) {
                return FIL_ENOMEM;
            }
        }
    }
    return FIL_OK;
}

/* Folds profile p into storyline number (new when number == l->count). */
static int storyline_take(linker *l, uint32_t number, const cluster_profile *p)
{
    if (number == l->count) {
        if (core_array_reserve((void **)&l->lines, &l->capacity, l->count + 1, sizeof *l->lines,
                               64)) {
            return FIL_ENOMEM;
        }
        memset(&l->lines[l->count++], 0, sizeof *l->lines);
        l->lines[number].newest_s = CLUSTER_NO_TIME;
    }
    storyline *s = &l->lines[number];
    if (s->indexed) {
        index_terms(l, number, 0);
    }
    features_vector e, t;
    if (add_vectors(&s->entities, &p->entities, STORYLINE_TERMS, &l->scratch, &e)) {
        return FIL_ENOMEM;
    }
    if (add_vectors(&s->text, &p->text, STORYLINE_TERMS, &l->scratch, &t)) {
        free(e.terms);
        return FIL_ENOMEM;
    }
    free(s->entities.terms);
    free(s->text.terms);
    s->entities = e;
    s->text = t;
    s->entity_norm = vector_norm(&e);
    s->text_norm = vector_norm(&t);
    s->languages |= language_bit(p->lang);
    if (p->newest_s != CLUSTER_NO_TIME &&
        (s->newest_s == CLUSTER_NO_TIME || p->newest_s > s->newest_s)) {
        s->newest_s = p->newest_s;
    }
    s->indexed = 1;
    return index_terms(l, number, 1);
}

/* Too old to take an event starting at t: its newest event ended more
 * than the window before. Untimed sides are never too old. */
static int is_stale(const linker *l, const storyline *s, int64_t t)
{
    return t != CLUSTER_NO_TIME && s->newest_s != CLUSTER_NO_TIME &&
           (double)(t - s->newest_s) > l->rule->window_days * 86400.0;
}

/* The score of p against s, from the dot products gather_candidates
 * summed (p is unit length, so dividing by s's norm gives the cosine). */
static double score(const linker *l, const storyline *s, const cluster_profile *p)
{
    double ce = s->entity_norm > 0 ? s->dot[0] / s->entity_norm : 0;
    if (!(s->languages & language_bit(p->lang))) {
        return ce; /* no stems in common to expect: the names speak alone */
    }
    double ct = s->text_norm > 0 ? s->dot[1] / s->text_norm : 0;
    return l->rule->w_entities * ce + (1 - l->rule->w_entities) * ct;
}

/* Storylines sharing a term with p, each once, with their dot products
 * with p summed from the postings. p's terms are taken in key order, so
 * each sum adds the same products in the same order as features_dot and
 * gives the same double, at the cost of the postings alone. */
static int gather_candidates(linker *l, const cluster_profile *p, uint64_t stamp)
{
    l->candidate_count = 0;
    const features_vector *v[2] = {&p->entities, &p->text};
    for (int w = 0; w < 2; w++) {
        for (uint32_t i = 0; i < v[w]->count; i++) {
            const cluster_postings *list = cluster_index_postings(&l->index[w], v[w]->terms[i].key);
            for (size_t j = 0; list && j < list->count; j++) {
                storyline *s = &l->lines[list->slots[j]];
                if (s->seen != stamp) {
                    s->seen = stamp;
                    s->dot[0] = s->dot[1] = 0;
                    if (core_array_reserve((void **)&l->candidates, &l->candidate_capacity,
                                           l->candidate_count + 1, sizeof *l->candidates, 64)) {
                        return FIL_ENOMEM;
                    }
                    l->candidates[l->candidate_count++] = list->slots[j];
                }
                s->dot[w] += (double)v[w]->terms[i].weight * list->weights[j];
            }
        }
    }
    return FIL_OK;
}

/* The storyline p joins: the best fresh candidate over the threshold (ties
 * to the older), else a new one (number l->count). */
static int choose(linker *l, const cluster_profile *p, uint64_t stamp, uint32_t *out)
{
    int rc = gather_candidates(l, p, stamp);
    double best = l->rule->threshold;
    *out = (uint32_t)l->count;
    for (size_t i = 0; !rc && i < l->candidate_count; i++) {
        uint32_t c = l->candidates[i];
        if (is_stale(l, &l->lines[c], p->oldest_s)) {
            continue;
        }
        double x = score(l, &l->lines[c], p);
        if (x > best || (x == best && c < *out)) {
            best = x;
            *out = c;
        }
    }
    return rc;
}

/* Takes stale storylines out of the index, so it follows the window.
 * A stale storyline can take no more events: its profile is let go. */
static void sweep(linker *l, int64_t t)
{
    for (size_t i = 0; i < l->count; i++) {
        storyline *s = &l->lines[i];
        if (s->indexed && is_stale(l, s, t)) {
            index_terms(l, (uint32_t)i, 0);
            s->indexed = 0;
            free(s->entities.terms);
            free(s->text.terms);
            s->entities = s->text = (features_vector){NULL, 0};
        }
    }
}

static void linker_init(linker *l, const cluster_storyline_rule *rule)
{
    memset(l, 0, sizeof *l);
    l->rule = rule;
    cluster_index_init(&l->index[0]);
    cluster_index_init(&l->index[1]);
    core_arena_init(&l->scratch, 4096, 0);
}

static void free_lines(storyline *lines, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(lines[i].entities.terms);
        free(lines[i].text.terms);
    }
    free(lines);
}

static void linker_free(linker *l)
{
    free_lines(l->lines, l->count);
    free(l->candidates);
    cluster_index_free(&l->index[0]);
    cluster_index_free(&l->index[1]);
    core_arena_free(&l->scratch);
}

/* A copy (malloc) of a vector; NULL terms stay NULL. */
static int copy_vector(const features_vector *v, features_vector *out)
{
    *out = (features_vector){NULL, v->count};
    if (!v->terms) {
        return FIL_OK;
    }
    out->terms = copy_terms(v->terms, v->count);
    return out->terms ? FIL_OK : FIL_ENOMEM;
}

/* lines[0..count) copied into *out (malloc), profiles and all. */
static int copy_lines(const storyline *lines, size_t count, storyline **out)
{
    storyline *copy = core_malloc((count ? count : 1) * sizeof *copy);
    if (!copy) {
        return FIL_ENOMEM;
    }
    memcpy(copy, lines, count * sizeof *copy);
    int rc = FIL_OK;
    for (size_t i = 0; i < count; i++) {
        copy[i].entities = copy[i].text = (features_vector){NULL, 0};
    }
    for (size_t i = 0; !rc && i < count; i++) {
        rc = copy_vector(&lines[i].entities, &copy[i].entities);
        rc = rc ? rc : copy_vector(&lines[i].text, &copy[i].text);
    }
    if (rc) {
        free_lines(copy, count);
        return rc;
    }
    *out = copy;
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * The linker kept between runs
 * ---------------------------------------------------------------------- */

/* Where a run keeps its state: after the frozen profiles, at the end,
 * and this many profiles before the end, each four times the one before,
 * so that a run whose profiles changed only after some point starts at
 * most about four times further back than it must. */
#define LINKER_TAIL_FIRST 256
#define LINKER_TAIL_STEPS 4
#define LINKER_POINTS     (LINKER_TAIL_STEPS + 2) /* + the frozen point and the end */

/* The state after the first `at` profiles of a run: its storylines. */
typedef struct snapshot {
    size_t at;
    storyline *lines; /* (malloc) */
    size_t count;
} snapshot;

/* The snapshots are those of the last run's points, each the latest
 * snapshot at or before its point that a run has taken (an earlier run's,
 * when the last run started after the point). */
struct cluster_linker {
    cluster_storyline_rule rule;
    size_t kept;                   /* the profiles of the last run its state follows */
    cluster_profile_key *keys;     /* their keys, in order (malloc) */
    uint32_t *storyline_of;        /* their storylines (malloc) */
    snapshot shots[LINKER_POINTS]; /* ascending by at, all at <= kept */
    size_t shot_count;
};

cluster_linker *cluster_linker_new(const cluster_storyline_rule *rule)
{
    cluster_linker *k = core_calloc(1, sizeof *k);
    if (k) {
        k->rule = *rule;
    }
    return k;
}

static void forget_shots(snapshot *shots, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free_lines(shots[i].lines, shots[i].count);
    }
}

static void forget(cluster_linker *k)
{
    free(k->keys);
    free(k->storyline_of);
    forget_shots(k->shots, k->shot_count);
    k->keys = NULL;
    k->storyline_of = NULL;
    k->kept = k->shot_count = 0;
}

void cluster_linker_free(cluster_linker *k)
{
    if (k) {
        forget(k);
        free(k);
    }
}

/* Puts a snapshot's state into l (a fresh linker): the storylines, and
 * the index rebuilt from those not swept. Posting order differs from the
 * run that made them, which changes no score (see gather_candidates) and
 * no choice (the best score wins, ties to the older, in any order). */
static int restore(const snapshot *shot, linker *l)
{
    int rc = copy_lines(shot->lines, shot->count, &l->lines);
    if (rc) {
        return rc;
    }
    l->count = l->capacity = shot->count;
    for (size_t i = 0; !rc && i < l->count; i++) {
        rc = l->lines[i].indexed ? index_terms(l, (uint32_t)i, 1) : FIL_OK;
    }
    return rc;
}

/* How many first keys a and b share. */
static size_t common_prefix(const cluster_profile_key *a, const cluster_profile_key *b, size_t n)
{
    size_t i = 0;
    while (i < n && a[i].id == b[i].id && a[i].version == b[i].version) {
        i++;
    }
    return i;
}

/* The points of a run of n profiles where it keeps its state (see
 * LINKER_TAIL_FIRST), ascending, without repeats or 0. Returns how many. */
static size_t kept_points(size_t n, size_t frozen, size_t points[LINKER_POINTS])
{
    size_t count = 0, back = (size_t)LINKER_TAIL_FIRST << (2 * (LINKER_TAIL_STEPS - 1));
    for (int step = 0; step < LINKER_TAIL_STEPS; step++, back /= 4) {
        if (back < n) {
            points[count++] = n - back;
        }
    }
    points[count++] = n;
    size_t at = 0; /* frozen goes in its place */
    while (at < count && points[at] < frozen) {
        at++;
    }
    if (frozen > 0 && frozen < n && points[at] != frozen) { /* at < count: points end at n */
        memmove(points + at + 1, points + at, (count - at) * sizeof *points);
        points[at] = frozen;
        count++;
    }
    return n > 0 ? count : 0;
}

/* Where this run may start: at the latest snapshot whose profiles are
 * this run's first ones (its state restored into l, the storylines before
 * it copied), else at 0. The snapshots kept are, for each of this run's
 * points up to the start, the latest one still good at or before it; the
 * run takes the others. */
static size_t resume(cluster_linker *k, linker *l, const cluster_profile_key *keys, size_t n,
                     const size_t *points, size_t point_count, uint32_t *storyline_of, int *rc)
{
    size_t same = k->kept ? common_prefix(keys, k->keys, k->kept < n ? k->kept : n) : 0;
    size_t good = 0; /* the snapshots still good: shots[0..good) */
    while (good < k->shot_count && k->shots[good].at <= same) {
        good++;
    }
    size_t start = good ? k->shots[good - 1].at : 0;
    *rc = good ? restore(&k->shots[good - 1], l) : FIL_OK;
    if (good && !*rc) {
        memcpy(storyline_of, k->storyline_of, start * sizeof *storyline_of);
    }
    int keep[LINKER_POINTS] = {0};
    for (size_t p = 0, i = 0; p < point_count && points[p] <= start; p++) {
        while (i + 1 < good && k->shots[i + 1].at <= points[p]) {
            i++;
        }
        keep[i] |= k->shots[i].at <= points[p];
    }
    size_t kept = 0;
    for (size_t i = 0; i < k->shot_count; i++) {
        if (keep[i] && !*rc) {
            k->shots[kept++] = k->shots[i];
        } else {
            free_lines(k->shots[i].lines, k->shots[i].count);
        }
    }
    k->shot_count = kept;
    return *rc ? 0 : start;
}

/* Keeps l's state as the snapshot after the first `at` profiles. */
static int take_shot(cluster_linker *k, const linker *l, size_t at)
{
    if (k->shot_count == LINKER_POINTS) {
        return FIL_OK; /* cannot happen: one snapshot a point */
    }
    snapshot *shot = &k->shots[k->shot_count];
    int rc = copy_lines(l->lines, l->count, &shot->lines);
    if (!rc) {
        shot->at = at;
        shot->count = l->count;
        k->shot_count++;
    }
    return rc;
}

/* Keeps the keys and storylines of the run's first `kept` profiles, which
 * its snapshots follow (the last run's, let go). */
static int keep_keys(cluster_linker *k, const cluster_profile_key *keys,
                     const uint32_t *storyline_of, size_t kept)
{
    free(k->keys);
    free(k->storyline_of);
    k->keys = core_malloc((kept + 1) * sizeof *k->keys);
    k->storyline_of = core_malloc((kept + 1) * sizeof *k->storyline_of);
    if (!k->keys || !k->storyline_of) {
        return FIL_ENOMEM;
    }
    memcpy(k->keys, keys, kept * sizeof *keys);
    memcpy(k->storyline_of, storyline_of, kept * sizeof *storyline_of);
    k->kept = kept;
    return FIL_OK;
}

int cluster_linker_run(cluster_linker *k, const cluster_profile *profiles,
                       const cluster_profile_key *keys, size_t n, size_t frozen,
                       uint32_t *storyline_of, size_t *count)
{
    linker l;
    linker_init(&l, &k->rule);
    int rc = FIL_OK;
    size_t points[LINKER_POINTS];
    size_t point_count = keys ? kept_points(n, frozen, points) : 0;
    size_t start = keys ? resume(k, &l, keys, n, points, point_count, storyline_of, &rc) : 0;
    size_t next = 0; /* the next point to take a snapshot at */
    while (next < point_count && points[next] <= start) {
        next++;
    }
    for (size_t i = start; !rc && i <= n; i++) {
        if (next < point_count && points[next] == i) {
            rc = take_shot(k, &l, i);
            next++;
        }
        if (rc || i == n) {
            break;
        }
        if (i % STORYLINE_SWEEP_EVERY == STORYLINE_SWEEP_EVERY - 1) {
            sweep(&l, profiles[i].oldest_s);
        }
        uint32_t number = 0;
        rc = choose(&l, &profiles[i], i + 1, &number);
        rc = rc ? rc : storyline_take(&l, number, &profiles[i]);
        storyline_of[i] = number;
    }
    rc = rc || !keys ? rc : keep_keys(k, keys, storyline_of, n);
    if (rc) {
        forget(k); /* the next run starts over */
    }
    *count = l.count;
    linker_free(&l);
    return rc;
}

int cluster_storylines_link(const cluster_profile *profiles, size_t n,
                            const cluster_storyline_rule *rule, uint32_t *storyline_of,
                            size_t *count)
{
    cluster_linker k = {.rule = *rule};
    return cluster_linker_run(&k, profiles, NULL, n, 0, storyline_of, count);
}
