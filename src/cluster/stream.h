/*
 * src/cluster/stream.h -- online event clustering (single pass).
 *
 * Promise: cluster_stream_add gives each article, in arrival order, the
 * event it joins or founds. Method after Miranda et al. 2018, "Multilingual
 * clustering of streaming news" (EMNLP):
 *  1. candidates: the events whose centroids share the article's strongest
 *     terms (cluster/index.h), ranked by the summed weight of the shared
 *     terms; terms held by more than max_postings events are too common to
 *     discriminate and are not looked up;
 *  2. score of each candidate: the weighted mean of the cosines of the
 *     title, text, entity and phrase sub-vectors (a sub-vector the article
 *     lacks takes no part; across languages only the language-neutral
 *     entity vector does, since words of two languages cannot meet), times a time factor 1 - w_time
 * + w_time * g, where g is a Gaussian (sigma time_sigma_days) of the gap in days between the
 *     article and the event's time span (0 inside it); without times on
 *     both sides the factor is untimed_factor, the time evidence a pair
 *     of dated articles would on average bring; and by
 *     1 + weight_size * ln(size), since
 *     a centroid of many varied articles sits further from each of them;
 *  3. join the best candidate if its score reaches the threshold, else
 *     found a new event. Headlines and full articles score on different
 *     scales (a title's few words against whole texts), so an article whose
 *     body gave terms uses threshold_full, a headline-only one threshold.
 *     Ties go to the older event, so runs are deterministic.
 * Centroids are sums of member vectors pruned to the top centroid_terms
 * terms by weight; among equal weights the smallest keys stay, which makes
 * the (equally weighted) phrase centroid a bottom-K sketch of its phrases. An event idle for
 * window_days of stream time (the newest published time seen) or window_articles arrivals leaves
 * the index and its centroid is freed; the retire hook sees it first. A late event, one whose
 * newest member was already past that window when a member last joined it (as with an archive
 * posted after newer articles), leaves by the arrivals window only, so that the archive's later
 * articles still find it. An article joins no idle event (retired or not yet), and a dated article
 * no dated event whose time span lies more than window_days from its own time. In a stream in time
 * order every dated article is at the stream's time, no event is late, and these rules are the
 * time window alone. Memory: the stream owns its events. With keep_members 0, retired events are
 * freed whole and cluster_stream_event returns NULL for them. Errors: FIL_ENOMEM; after it the
 * article may be partly folded into an event's centroid, so the stream should be closed.
 */
#ifndef FIL_CLUSTER_STREAM_H
#define FIL_CLUSTER_STREAM_H

#include <stdint.h>

#include "core/arena.h"
#include "features/termvec.h"
#include "fil.h"

#define CLUSTER_NO_TIME INT64_MIN
#define CLUSTER_RETIRED UINT32_MAX

enum { CLUSTER_TITLE, CLUSTER_TEXT, CLUSTER_ENTITIES, CLUSTER_PHRASES, CLUSTER_VECTORS };

typedef struct cluster_event {
    uint64_t id;   /* creation order, from 0 */
    uint32_t slot; /* in the active table; CLUSTER_RETIRED once idle */
    uint32_t size; /* members */
    char lang[8];  /* language of the founding article */
    features_term
        *sum[CLUSTER_VECTORS]; /* summed member weights, key-sorted, top K; NULL when retired */
    uint32_t sum_count[CLUSTER_VECTORS];
    double norm[CLUSTER_VECTORS]; /* L2 norm of each sum */
    int64_t oldest_s, newest_s;   /* published span, seconds; CLUSTER_NO_TIME if none timed */
    uint64_t last_arrival;        /* arrival number of the latest member */
    uint64_t *members;            /* arrival numbers, in arrival order (keep_members) */
    size_t member_capacity;
    char *label; /* owned; set by the retire hook's owner, may stay NULL */
} cluster_event;

typedef struct cluster_decision {
    uint64_t event;
    double score; /* of the joined event; 0 for a new one */
    int is_new;
} cluster_decision;

typedef struct cluster_stream cluster_stream;

/* Called for an event about to lose its centroid when it retires (not at
 * cluster_stream_free: the owner describes live events itself). */
typedef void (*cluster_retire_fn)(void *ctx, cluster_event *event);

/* cfg is copied. Caller frees with cluster_stream_free. */
cluster_stream *cluster_stream_new(const fil_config *cfg);
void cluster_stream_set_retire_hook(cluster_stream *cs, cluster_retire_fn fn, void *ctx);

/* time_s: published, seconds since epoch, or CLUSTER_NO_TIME. */
int cluster_stream_add(cluster_stream *cs, const features_doc *doc, int64_t time_s,
                       core_arena *scratch, cluster_decision *out);

uint64_t cluster_stream_event_count(const cluster_stream *cs);
/* Borrowed; NULL when the id is unknown or the event was freed. */
cluster_event *cluster_stream_event(const cluster_stream *cs, uint64_t id);

/* Whether article a would join an event made of article b alone: the
 * score above with b's vectors as the centroid (before pruning) and a size
 * factor of 1, against a's threshold. *score gets the score. The pair
 * similarity uses it, so that "same event" means one thing in fil cluster
 * and fil similar. */
int cluster_pair_joins(const fil_config *cfg, const features_doc *a, int64_t time_a,
                       const features_doc *b, int64_t time_b, double *score);

/* Cosine of a vector with one of an event's centroid sums (0 if retired). */
double cluster_event_cosine(const cluster_event *ev, int which, const features_vector *v);

void cluster_stream_free(cluster_stream *cs);

#endif
