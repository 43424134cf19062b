/*
 * src/cluster/storyline.h -- storylines: events linked over weeks.
 *
 * Promise: cluster_storylines_link gives each event a storyline, taking the
 * events in the order given (callers pass them by first published time, so
 * the result does not depend on when events retired). An event joins the
 * storyline whose profile is closest, if the score reaches the threshold
 * and the storyline's newest event is at most window_days older than the
 * event's start; else it founds a storyline. An event joins at most one.
 *
 * The rule. An event's profile is the top CLUSTER_PROFILE_TERMS terms of
 * its entity centroid (names and numbers, accent-folded, so it is language
 * neutral) and of its text centroid (stems), each scaled to unit length. A
 * storyline's profile is the sum of its events' profiles, pruned to twice
 * as many terms. The score of an event against a storyline is
 *     w_entities * cos(entities) + (1 - w_entities) * cos(text)
 * when the storyline holds an event of the event's language, and the
 * entity cosine alone when it does not (two languages share few stems).
 * Ties go to the older storyline. One event differs from the next of its
 * storyline by what happened (the text) more than by who and where (the
 * entities): hence the weight on entities, and a threshold below the
 * event threshold.
 * Calibration: `bench/storylines.py storyline examples/articles.jsonl
 * --grid ...` (gold storylines, B-cubed over articles) with the five
 * seeds (one storyline, four events) as a check. threshold 0.15 and
 * w_entities 0.7 lie inside the region where both hold: examples F1 0.988
 * for threshold 0.15-0.2 and w_entities 0.5-1.0; below 0.15 unrelated
 * storylines merge (F1 0.951 at 0.1), from 0.25 the seeds split.
 *
 * Memory: profiles are the caller's (cluster_profile_from_event allocates,
 * cluster_profile_free frees); the linker's state is freed before it
 * returns. Cost: candidates come from an inverted index over the active
 * storylines' terms, whose postings carry the terms' weights, so an
 * event's scores are summed from its terms' postings (no per-candidate
 * vector walk) and linking is about linear in events.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_CLUSTER_STORYLINE_H
#define FIL_CLUSTER_STORYLINE_H

#include <stddef.h>
#include <stdint.h>

#include "cluster/stream.h"
#include "core/arena.h"
#include "features/termvec.h"

#define CLUSTER_PROFILE_TERMS 32

typedef struct cluster_profile {
    features_vector entities, text; /* owned (malloc), key-sorted, unit length */
    int64_t oldest_s, newest_s;     /* the event's published span, or CLUSTER_NO_TIME */
    char lang[8];
} cluster_profile;

typedef struct cluster_storyline_rule {
    double threshold;   /* score an event needs to join a storyline */
    double w_entities;  /* weight of the entity cosine, 0..1 */
    double window_days; /* largest gap from a storyline's newest event */
} cluster_storyline_rule;

/* The profile of a live event (its centroid must not be retired yet). */
int cluster_profile_from_event(const cluster_event *ev, core_arena *scratch, cluster_profile *out);
void cluster_profile_free(cluster_profile *p);

/* storyline_of[i] gets the storyline (0-based, in order of founding) of
 * profiles[i]; *count the number of storylines. */
int cluster_storylines_link(const cluster_profile *profiles, size_t n,
                            const cluster_storyline_rule *rule, uint32_t *storyline_of,
                            size_t *count);

/* A linker kept between runs over a growing stream, so that a run does not
 * link again what cannot have changed. Each run is given, beside the
 * profiles, their keys: an id, and a version that differs whenever the
 * profile may differ (an engine gives the event's size at its profile),
 * and how many of the first profiles are frozen (will not change again:
 * an engine freezes the events that retired). The linker keeps its state
 * at a few points of each run: after the frozen profiles, at the end, and
 * 256, 1,024, 4,096 and 16,384 profiles before it (for a point the run
 * started after, the state an earlier run kept at or before it). The next
 * run starts at the latest kept state before which its keys are the same, and
 * gives what cluster_storylines_link would give, at the cost of what
 * follows that point only. A profile that changed, or a new one that came
 * before others (an event with an earlier time), moves the start back to
 * a point before it. keys NULL: the linker keeps nothing (one run).
 * Memory: cluster_linker_new allocates (NULL on ENOMEM), cluster_linker_free
 * frees; the kept state holds, at each point, every storyline's figures
 * (about 100 bytes) and the profiles of those still open there, and the
 * keys and storylines of the last run's profiles. */
typedef struct cluster_profile_key {
    uint64_t id;
    uint64_t version;
} cluster_profile_key;

typedef struct cluster_linker cluster_linker;

cluster_linker *cluster_linker_new(const cluster_storyline_rule *rule);
void cluster_linker_free(cluster_linker *linker);
int cluster_linker_run(cluster_linker *linker, const cluster_profile *profiles,
                       const cluster_profile_key *keys, size_t n, size_t frozen,
                       uint32_t *storyline_of, size_t *count);

#endif
