/*
 * src/cluster/stream.c -- online event clustering; see stream.h.
 */
#include "cluster/stream.h"
#include "core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/index.h"
#include "core/array.h"
#include "core/prefetch.h"

#define RETIRE_CHECK_EVERY 128 /* arrivals between scans for idle events */

/* What is_idle reads of an event, kept by slot in one array so that the
 * retirement scan walks contiguous memory instead of every event. */
typedef struct slot_activity {
    int64_t newest_s;      /* the event's newest_s */
    uint64_t last_arrival; /* the event's last_arrival */
    int late; /* its newest member was past the window (of the stream's time) at its last join */
} slot_activity;

struct cluster_stream {
    fil_config cfg;
    cluster_event **events; /* by id; NULL once freed */
    size_t event_count, event_capacity;
    cluster_event **active; /* by slot; NULL for a free slot */
    uint32_t active_capacity;
    uint32_t *free_slots;
    uint32_t free_count;
    float *accumulator;      /* by slot: summed weight of shared lookup terms */
    uint64_t *stamp;         /* by slot: arrival that last touched accumulator */
    slot_activity *activity; /* by slot: copy of the event's latest activity */
    cluster_index index;
    uint64_t arrivals; /* articles added so far */
    int64_t now_s;     /* newest published time seen; CLUSTER_NO_TIME before */
    cluster_retire_fn retire_fn;
    void *retire_ctx;
};

cluster_stream *cluster_stream_new(const fil_config *cfg)
{
    cluster_stream *cs = core_calloc(1, sizeof *cs);
    if (!cs) {
        return NULL;
    }
    cs->cfg = *cfg;
    cs->now_s = CLUSTER_NO_TIME;
    cluster_index_init(&cs->index);
    return cs;
}

void cluster_stream_set_retire_hook(cluster_stream *cs, cluster_retire_fn fn, void *ctx)
{
    cs->retire_fn = fn;
    cs->retire_ctx = ctx;
}

uint64_t cluster_stream_event_count(const cluster_stream *cs)
{
    return cs->event_count;
}

cluster_event *cluster_stream_event(const cluster_stream *cs, uint64_t id)
{
    return id < cs->event_count ? cs->events[id] : NULL;
}

double cluster_event_cosine(const cluster_event *ev, int which, const features_vector *v)
{
    if (!ev->sum[which] || ev->norm[which] <= 0) {
        return 0;
    }
    features_vector c = {ev->sum[which], ev->sum_count[which]};
    return features_dot(v, &c) / ev->norm[which];
}

/* ------------------------------------------------------------------------
 * Centroids
 * ---------------------------------------------------------------------- */

/* A weight below which a term new to a full centroid cannot survive its
 * pruning: with non-negative weights added, sums only grow, so the K
 * terms the centroid holds all stay at or above its lightest weight, and
 * so does the K-th weight of the merged sum. Dropping the lighter new
 * terms before the selection leaves the kept set as it was and spares
 * the selection most of them. *bounded is 0 when no such bound holds. */
static float merge_floor(const features_term *sum, uint32_t n, const features_vector *v, uint32_t k,
                         int *bounded)
{
    *bounded = n >= k && n > 0;
    for (uint32_t j = 0; *bounded && j < v->count; j++) {
        *bounded = v->terms[j].weight >= 0;
    }
    float floor = *bounded ? sum[0].weight : 0;
    for (uint32_t i = 1; *bounded && i < n; i++) {
        floor = sum[i].weight < floor ? sum[i].weight : floor;
    }
    return floor;
}

/* Appends the n terms, but those of them below the floor (when bounded). */
static void append_terms(features_vector *out, const features_term *terms, uint32_t n, int bounded,
                         float floor)
{
    for (uint32_t i = 0; i < n; i++) {
        out->terms[out->count] = terms[i];
        out->count += !(bounded && terms[i].weight < floor);
    }
}

/* Sum of a centroid and a vector, pruned to the k heaviest terms, key-sorted,
 * in the arena. */
static features_vector merge_pruned(const features_term *sum, uint32_t n, const features_vector *v,
                                    uint32_t k, core_arena *scratch)
{
    features_vector out = {core_arena_alloc(scratch, (n + v->count + 1) * sizeof(features_term)),
                           0};
    if (!out.terms) {
        return out;
    }
    int bounded;
    float floor = merge_floor(sum, n, v, k, &bounded);
    /* which side comes next is a coin toss to the branch predictor, so
     * each step takes the smaller key, or the sum of both when equal,
     * by selection rather than by branching */
    uint32_t i = 0, j = 0;
    while (i < n && j < v->count) {
        uint32_t a = sum[i].key, b = v->terms[j].key;
        features_term t = a < b ? sum[i] : v->terms[j];
        t.weight = a == b ? sum[i].weight + v->terms[j].weight : t.weight;
        out.terms[out.count] = t;
        out.count += a <= b || !(bounded && t.weight < floor);
        i += a <= b;
        j += b <= a;
    }
    append_terms(&out, sum + i, n - i, 0, floor);
    append_terms(&out, v->terms + j, v->count - j, bounded, floor);
    features_prune(&out, k, scratch);
    return out;
}

/* Tells the index which keys left and which arrived, both lists key-sorted. */
static int reindex(cluster_index *ix, uint32_t slot, const features_term *old, uint32_t n_old,
                   const features_term *new, uint32_t n_new)
{
    uint32_t i = 0, j = 0;
    while (i < n_old || j < n_new) {
        if (j >= n_new || (i < n_old && old[i].key < new[j].key)) {
            cluster_index_remove(ix, old[i++].key, slot);
        } else if (i >= n_old || new[j].key < old[i].key) {
            if (cluster_index_add(ix, new[j++].key, slot)) {
                return FIL_ENOMEM;
            }
        } else {
            i++;
            j++;
        }
    }
    return FIL_OK;
}

static int is_indexed(int which)
{
    /* title keys are a subset of text keys; phrases only confirm a match */
    return which == CLUSTER_TEXT || which == CLUSTER_ENTITIES;
}

/* Folds the article's vectors into the event's centroid sums. */
static int centroid_add(cluster_stream *cs, cluster_event *ev, const features_doc *doc,
                        core_arena *scratch)
{
    const features_vector *vs[CLUSTER_VECTORS] = {&doc->title, &doc->text, &doc->entities,
                                                  &doc->phrases};
    uint32_t k = cs->cfg.centroid_terms;
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        if (!ev->sum[w]) {
            ev->sum[w] = core_malloc((size_t)k * sizeof *ev->sum[w]); /* fixed room: K terms */
            if (!ev->sum[w]) {
                return FIL_ENOMEM;
            }
        }
        features_vector merged = merge_pruned(ev->sum[w], ev->sum_count[w], vs[w], k, scratch);
        if (!merged.terms ||
            (is_indexed(w) && reindex(&cs->index, ev->slot, ev->sum[w], ev->sum_count[w],
                                      merged.terms, merged.count))) {
            return FIL_ENOMEM;
        }
        double norm = 0;
        for (uint32_t i = 0; i < merged.count; i++) {
            norm += (double)merged.terms[i].weight * merged.terms[i].weight;
        }
        memcpy(ev->sum[w], merged.terms, merged.count * sizeof *merged.terms);
        ev->sum_count[w] = merged.count;
        ev->norm[w] = sqrt(norm);
    }
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Event table
 * ---------------------------------------------------------------------- */

static int grow_slots(cluster_stream *cs)
{
    uint32_t cap = cs->active_capacity ? cs->active_capacity * 2 : 64;
    cluster_event **active = core_realloc(cs->active, cap * sizeof *active);
    if (active) {
        cs->active = active;
    }
    float *acc = active ? core_realloc(cs->accumulator, cap * sizeof *acc) : NULL;
    if (acc) {
        cs->accumulator = acc;
    }
    uint64_t *stamp = acc ? core_realloc(cs->stamp, cap * sizeof *stamp) : NULL;
    if (stamp) {
        cs->stamp = stamp;
    }
    slot_activity *activity = stamp ? core_realloc(cs->activity, cap * sizeof *activity) : NULL;
    if (activity) {
        cs->activity = activity;
    }
    uint32_t *free_slots = activity ? core_realloc(cs->free_slots, cap * sizeof *free_slots) : NULL;
    if (!free_slots) {
        return FIL_ENOMEM;
    }
    cs->free_slots = free_slots;
    for (uint32_t s = cap; s > cs->active_capacity; s--) {
        cs->active[s - 1] = NULL;
        cs->stamp[s - 1] = UINT64_MAX;
        cs->free_slots[cs->free_count++] = s - 1;
    }
    cs->active_capacity = cap;
    return FIL_OK;
}

static cluster_event *event_new(cluster_stream *cs)
{
    if (core_array_reserve((void **)&cs->events, &cs->event_capacity, cs->event_count + 1,
                           sizeof *cs->events, 256)) {
        return NULL;
    }
    if (!cs->free_count && grow_slots(cs)) {
        return NULL;
    }
    cluster_event *ev = core_calloc(1, sizeof *ev);
    if (!ev) {
        return NULL;
    }
    ev->id = cs->event_count;
    ev->oldest_s = ev->newest_s = CLUSTER_NO_TIME;
    ev->slot = cs->free_slots[--cs->free_count];
    cs->active[ev->slot] = ev;
    cs->activity[ev->slot] = (slot_activity){ev->newest_s, ev->last_arrival, 0};
    cs->events[cs->event_count++] = ev;
    return ev;
}

static void event_free(cluster_event *ev)
{
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        free(ev->sum[w]);
    }
    free(ev->members);
    free(ev->label);
    free(ev);
}

static void event_retire(cluster_stream *cs, cluster_event *ev)
{
    if (cs->retire_fn) {
        cs->retire_fn(cs->retire_ctx, ev);
    }
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        for (uint32_t i = 0; is_indexed(w) && i < ev->sum_count[w]; i++) {
            if (i + CORE_PREFETCH_AHEAD < ev->sum_count[w]) {
                cluster_index_prefetch(&cs->index, ev->sum[w][i + CORE_PREFETCH_AHEAD].key);
            }
            cluster_index_remove(&cs->index, ev->sum[w][i].key, ev->slot);
        }
        free(ev->sum[w]);
        ev->sum[w] = NULL;
        ev->sum_count[w] = 0;
    }
    cs->active[ev->slot] = NULL;
    cs->free_slots[cs->free_count++] = ev->slot;
    ev->slot = CLUSTER_RETIRED;
    if (!cs->cfg.keep_articles) {
        cs->events[ev->id] = NULL;
        event_free(ev);
    }
}

/* Whether timed moments a and b lie more than the window apart. */
static int past_window(const cluster_stream *cs, int64_t a, int64_t b)
{
    return a != CLUSTER_NO_TIME && b != CLUSTER_NO_TIME &&
           (double)(a - b) > cs->cfg.window_days * 86400.0;
}

/* Whether the event in slot s may leave the index: idle for
 * window_articles arrivals, or for window_days of stream time unless it
 * is late: its newest member was already past that window when a member
 * last joined it, as happens to the events of an archive posted after
 * newer articles. A late event is kept for the arrivals window, so that
 * the archive's later articles find the events its earlier ones made. In
 * a stream in time order no event is late and the rule is the time
 * window alone. */
static int is_idle(const cluster_stream *cs, uint32_t s)
{
    const slot_activity *a = &cs->activity[s];
    if (!a->late && past_window(cs, cs->now_s, a->newest_s)) {
        return 1;
    }
    return cs->arrivals - a->last_arrival > cs->cfg.window_articles;
}

/* Whether the event in slot s is out of reach of an article at time t:
 * idle (is_idle: so whether a retirement scan has come yet makes no
 * difference), or, for a dated article and a dated event, with a span
 * more than window_days from t (the window of the article's own time,
 * which for an article in time order is the stream's). */
static int out_of_reach(const cluster_stream *cs, uint32_t s, int64_t t)
{
    const cluster_event *ev = cs->active[s];
    return is_idle(cs, s) || past_window(cs, t, ev->newest_s) || past_window(cs, ev->oldest_s, t);
}

static void retire_idle(cluster_stream *cs)
{
    for (uint32_t s = 0; s < cs->active_capacity; s++) {
        if (cs->active[s] && is_idle(cs, s)) {
            event_retire(cs, cs->active[s]);
        }
    }
}

/* ------------------------------------------------------------------------
 * Scoring
 * ---------------------------------------------------------------------- */

/* Day gap between t and the span [oldest, newest]; 0 inside it. */
static double gap_days(const cluster_event *ev, int64_t t)
{
    int64_t gap = t < ev->oldest_s ? ev->oldest_s - t : t > ev->newest_s ? t - ev->newest_s : 0;
    return (double)gap / 86400.0;
}

/* The article's vectors as hash tables: each is dotted with every
 * candidate's centroid, whose few terms are then the ones walked. */
typedef struct doc_tables {
    const features_doc *doc;
    features_table table[CLUSTER_VECTORS];
} doc_tables;

static int doc_tables_build(const features_doc *doc, core_arena *scratch, doc_tables *out)
{
    const features_vector *vs[CLUSTER_VECTORS] = {&doc->title, &doc->text, &doc->entities,
                                                  &doc->phrases};
    out->doc = doc;
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        if (features_table_build(vs[w], scratch, &out->table[w])) {
            return FIL_ENOMEM;
        }
    }
    return FIL_OK;
}

/* The time factor of a score for a gap of gap_days, or for an unknown gap
 * (gap_days < 0): see stream.h. */
static double time_factor_of(const fil_config *c, double gap_days)
{
    if (gap_days < 0 || c->time_sigma_days <= 0) {
        return c->untimed_factor;
    }
    double g = gap_days / c->time_sigma_days;
    return 1 - c->weight_time + c->weight_time * exp(-0.5 * g * g);
}

/* The size and time factors of an event's score (see stream.h). */
static void event_factors(const cluster_stream *cs, const cluster_event *ev, int64_t t,
                          double *size_factor, double *time_factor)
{
    const fil_config *c = &cs->cfg;
    *size_factor = 1 + c->weight_size * log((double)ev->size);
    int timed = t != CLUSTER_NO_TIME && ev->newest_s != CLUSTER_NO_TIME;
    *time_factor = time_factor_of(c, timed ? gap_days(ev, t) : -1);
}

int cluster_pair_joins(const fil_config *c, const features_doc *a, int64_t ta,
                       const features_doc *b, int64_t tb, double *score)
{
    const double weights[CLUSTER_VECTORS] = {c->weight_title, c->weight_text, c->weight_entities,
                                             c->weight_phrases};
    const features_vector *va[CLUSTER_VECTORS] = {&a->title, &a->text, &a->entities, &a->phrases};
    const features_vector *vb[CLUSTER_VECTORS] = {&b->title, &b->text, &b->entities, &b->phrases};
    int same_language = strcmp(a->lang, b->lang) == 0;
    double sum = 0, weight = 0;
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        if (va[w]->count && weights[w] > 0 && (same_language || w == CLUSTER_ENTITIES)) {
            sum += weights[w] * features_dot(va[w], vb[w]);
            weight += weights[w];
        }
    }
    int timed = ta != CLUSTER_NO_TIME && tb != CLUSTER_NO_TIME;
    double gap = timed ? fabs((double)(ta - tb)) / 86400.0 : -1;
    *score = (weight > 0 ? sum / weight : 0) * time_factor_of(c, gap);
    return *score >= (a->has_body ? c->threshold_full : c->threshold);
}

/* The event's score, or -1 once it is sure to stay below floor: a cosine
 * is at most 1, so after each sub-vector the most the others can add is
 * known. The pruning is exact: an event skipped could not have been
 * joined nor have beaten the best so far. The sub-vectors are dotted in
 * order of weight per term (the short title first, the long text last),
 * so that the bound most often drops an event before its costliest dot;
 * the cosines are then summed in their own order, so the score is the
 * same to the last bit whatever the order of the dots. */
static double score_event(const cluster_stream *cs, const cluster_event *ev, const doc_tables *dt,
                          int64_t t, double floor)
{
    static const int dot_order[CLUSTER_VECTORS] = {CLUSTER_TITLE, CLUSTER_PHRASES, CLUSTER_ENTITIES,
                                                   CLUSTER_TEXT};
    const fil_config *c = &cs->cfg;
    const double weights[CLUSTER_VECTORS] = {c->weight_title, c->weight_text, c->weight_entities,
                                             c->weight_phrases};
    int same_language = strcmp(dt->doc->lang, ev->lang) == 0;
    int takes_part[CLUSTER_VECTORS];
    double weight = 0;
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        takes_part[w] =
            dt->table[w].count && weights[w] > 0 && (same_language || w == CLUSTER_ENTITIES);
        weight += takes_part[w] ? weights[w] : 0;
    }
    double size_factor, time_factor;
    event_factors(cs, ev, t, &size_factor, &time_factor);
    double cosine[CLUSTER_VECTORS] = {0, 0, 0, 0};
    double sum = 0, remaining = weight;
    for (int i = 0; i < CLUSTER_VECTORS; i++) {
        int w = dot_order[i];
        if (!takes_part[w]) {
            continue;
        }
        if ((sum + remaining) / weight * size_factor * time_factor < floor - 1e-9) {
            return -1;
        }
        double dot = features_table_dot(&dt->table[w], ev->sum[w], ev->sum_count[w]);
        cosine[w] = ev->norm[w] > 0 ? dot / ev->norm[w] : 0;
        sum += weights[w] * cosine[w];
        remaining -= weights[w];
    }
    sum = 0;
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        sum += takes_part[w] ? weights[w] * cosine[w] : 0;
    }
    double score = weight > 0 ? sum / weight : 0;
    score *= size_factor;
    return score * time_factor;
}

typedef struct candidate {
    uint32_t slot;
    float weight;
} candidate;

static int compare_candidates(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->weight != y->weight) {
        return x->weight < y->weight ? 1 : -1;
    }
    return (x->slot > y->slot) - (x->slot < y->slot);
}

/* Moves the `keep` candidates with the largest accumulated weight to the
 * front of list, in order (ties by slot); returns how many there are.
 * Insertion into a short sorted prefix: keep is small, the list may not be. */
static uint32_t keep_best_candidates(const cluster_stream *cs, candidate *list, uint32_t count,
                                     uint32_t keep)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; keep > 0 && i < count; i++) {
        candidate c = {list[i].slot, cs->accumulator[list[i].slot]};
        if (kept == keep && compare_candidates(&c, &list[kept - 1]) >= 0) {
            continue;
        }
        uint32_t j = kept < keep ? kept++ : kept - 1;
        while (j > 0 && compare_candidates(&c, &list[j - 1]) < 0) {
            list[j] = list[j - 1];
            j--;
        }
        list[j] = c;
    }
    return kept;
}

/* The posting lists of n terms (NULL for a term no event holds), in the
 * arena. Each lookup is three dependent misses (index slot, list header,
 * slots), so the terms go through each step together and their misses
 * overlap. NULL when the arena is full. */
static const cluster_postings **lookup_postings(const cluster_stream *cs,
                                                const features_term *terms, uint32_t n,
                                                core_arena *scratch)
{
    const cluster_postings **lists = core_arena_alloc(scratch, (n + 1) * sizeof *lists);
    for (uint32_t i = 0; lists && i < n; i++) {
        cluster_index_prefetch(&cs->index, terms[i].key);
    }
    for (uint32_t i = 0; lists && i < n; i++) {
        lists[i] = cluster_index_postings(&cs->index, terms[i].key);
        CORE_PREFETCH(lists[i]);
    }
    for (uint32_t i = 0; lists && i < n; i++) {
        if (lists[i]) {
            CORE_PREFETCH(lists[i]->slots);
        }
    }
    return lists;
}

/* Adds the events sharing v's strongest terms to the candidate list. */
static void gather(cluster_stream *cs, const features_vector *v, uint32_t lookups, candidate *list,
                   uint32_t *count, core_arena *scratch)
{
    features_vector top = {core_arena_alloc(scratch, (v->count + 1) * sizeof(features_term)),
                           v->count};
    if (!top.terms) {
        return; /* fewer candidates, never a wrong answer */
    }
    memcpy(top.terms, v->terms, v->count * sizeof(features_term));
    uint32_t n = features_prune(&top, lookups, scratch);
    const cluster_postings **lists = lookup_postings(cs, top.terms, n, scratch);
    if (!lists) {
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        const cluster_postings *p = lists[i];
        if (!p || p->count > cs->cfg.max_postings) {
            continue;
        }
        for (uint32_t j = 0; j < p->count; j++) {
            /* an event met for the first time this arrival joins the list
             * with a fresh sum; written without a branch, which would
             * mispredict on about every event */
            uint32_t s = p->slots[j];
            int fresh = cs->stamp[s] != cs->arrivals;
            list[*count] = (candidate){s, 0};
            *count += fresh;
            cs->accumulator[s] = (fresh ? 0.0f : cs->accumulator[s]) + top.terms[i].weight;
            cs->stamp[s] = cs->arrivals;
        }
    }
}

/* Starts fetching an event's centroid sums, which score_event walks whole:
 * scored events are scattered over memory and seldom cached. */
static void prefetch_centroid(const cluster_event *ev)
{
    for (int w = 0; w < CLUSTER_VECTORS; w++) {
        const char *p = (const char *)ev->sum[w];
        size_t bytes = ev->sum_count[w] * sizeof *ev->sum[w];
        for (size_t off = 0; p && off < bytes; off += 64) {
            CORE_PREFETCH(p + off);
        }
    }
}

/* Best event for the article, by exact score among the top candidates:
 * *best is NULL when no candidate reached the threshold. Returns FIL_OK or
 * FIL_ENOMEM (never a silent "no event"). */
static int best_event(cluster_stream *cs, const features_doc *doc, int64_t t, core_arena *scratch,
                      cluster_event **best, double *best_score)
{
    *best = NULL;
    *best_score = -1;
    candidate *list = core_arena_alloc(scratch, (cs->active_capacity + 1) * sizeof *list);
    if (!list) {
        return FIL_ENOMEM;
    }
    uint32_t count = 0;
    gather(cs, &doc->text, cs->cfg.lookup_terms, list, &count, scratch);
    gather(cs, &doc->entities, cs->cfg.lookup_terms / 2 + 1, list, &count, scratch);
    count = keep_best_candidates(cs, list, count, cs->cfg.max_candidates);
    for (uint32_t i = 0; i < count; i++) {
        CORE_PREFETCH(cs->active[list[i].slot]); /* arrives while the tables are built */
    }
    doc_tables dt;
    if (count && doc_tables_build(doc, scratch, &dt)) {
        return FIL_ENOMEM;
    }
    double threshold = doc->has_body ? cs->cfg.threshold_full : cs->cfg.threshold;
    for (uint32_t i = 0; i < count; i++) {
        cluster_event *ev = cs->active[list[i].slot];
        if (i + 1 < count) {
            prefetch_centroid(cs->active[list[i + 1].slot]);
        }
        if (out_of_reach(cs, list[i].slot, t)) {
            continue; /* past the window, perhaps awaiting the next retirement scan */
        }
        double s = score_event(cs, ev, &dt, t, *best_score > threshold ? *best_score : threshold);
        if (s > *best_score || (s == *best_score && *best && ev->id < (*best)->id)) {
            *best_score = s;
            *best = ev;
        }
    }
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Adding an article
 * ---------------------------------------------------------------------- */

static int add_member(cluster_stream *cs, cluster_event *ev, int64_t t)
{
    if (cs->cfg.keep_articles) {
        if (core_array_reserve((void **)&ev->members, &ev->member_capacity, ev->size + 1,
                               sizeof *ev->members, 4)) {
            return FIL_ENOMEM;
        }
        ev->members[ev->size] = cs->arrivals;
    }
    ev->size++;
    ev->last_arrival = cs->arrivals;
    if (t != CLUSTER_NO_TIME) {
        ev->oldest_s = ev->oldest_s == CLUSTER_NO_TIME || t < ev->oldest_s ? t : ev->oldest_s;
        ev->newest_s = ev->newest_s == CLUSTER_NO_TIME || t > ev->newest_s ? t : ev->newest_s;
    }
    cs->activity[ev->slot] =
        (slot_activity){ev->newest_s, ev->last_arrival, past_window(cs, cs->now_s, ev->newest_s)};
    return FIL_OK;
}

int cluster_stream_add(cluster_stream *cs, const features_doc *doc, int64_t t, core_arena *scratch,
                       cluster_decision *out)
{
    if (t != CLUSTER_NO_TIME && (cs->now_s == CLUSTER_NO_TIME || t > cs->now_s)) {
        cs->now_s = t;
    }
    if (cs->arrivals % RETIRE_CHECK_EVERY == 0) {
        retire_idle(cs);
    }
    double score;
    cluster_event *ev;
    if (best_event(cs, doc, t, scratch, &ev, &score)) {
        return FIL_ENOMEM;
    }
    /* best_event skips events that cannot reach the threshold, so !ev
     * also means "nothing reached it" */
    out->is_new = !ev || score < (doc->has_body ? cs->cfg.threshold_full : cs->cfg.threshold);
    out->score = out->is_new ? 0 : score;
    if (out->is_new) {
        ev = event_new(cs);
        if (!ev) {
            return FIL_ENOMEM;
        }
        memcpy(ev->lang, doc->lang, sizeof ev->lang);
    }
    int rc = centroid_add(cs, ev, doc, scratch);
    rc = rc ? rc : add_member(cs, ev, t);
    if (rc) {
        return rc;
    }
    out->event = ev->id;
    cs->arrivals++;
    return FIL_OK;
}

void cluster_stream_free(cluster_stream *cs)
{
    if (!cs) {
        return;
    }
    for (uint64_t i = 0; i < cs->event_count; i++) {
        if (cs->events[i]) {
            event_free(cs->events[i]);
        }
    }
    free(cs->events);
    free(cs->active);
    free(cs->free_slots);
    free(cs->accumulator);
    free(cs->stamp);
    free(cs->activity);
    cluster_index_free(&cs->index);
    free(cs);
}
