/*
 * src/story/summary.h -- an event told in a few of its own sentences.
 *
 * Promise: story_summary writes a JSON array of STORY_SUMMARY_MIN to
 * STORY_SUMMARY_MAX sentences (fewer only when the candidates run out)
 * taken from the event's articles, in their order of publication. Method:
 *  1. each candidate sentence (the caller passes the lead sentences of the
 *     members written in the event's main language) is scored by the
 *     cosine of its TF-IDF text vector with the event's text centroid, the
 *     sentence nearest to what all the articles share, plus a lead bonus
 *     STORY_SUMMARY_LEAD / (1 + its place in its article): news puts the
 *     essentials first;
 *  2. sentences are taken best first; one that shares half or more of its
 *     terms with a sentence already taken (the same fact retold, a copy's
 *     sentence) is passed over, so the summary holds no near-duplicates;
 *  3. past STORY_SUMMARY_MIN sentences, one scoring under half the best
 *     is not taken.
 * Sentences shorter than STORY_SUMMARY_MIN_WORDS words or longer than
 * STORY_SUMMARY_MAX_BYTES are not candidates (captions, debris, run-ons).
 * Input: the event with its centroid (call before it retires).
 * Memory: scratch from the arena; output appended to out.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_STORY_SUMMARY_H
#define FIL_STORY_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "cluster/stream.h"
#include "core/arena.h"
#include "core/buf.h"
#include "features/termvec.h"

#define STORY_SUMMARY_MIN       3
#define STORY_SUMMARY_MAX       5
#define STORY_SUMMARY_MIN_WORDS 6
#define STORY_SUMMARY_MAX_BYTES 600
#define STORY_SUMMARY_LEAD      0.1
#define STORY_SUMMARY_ARTICLES  16   /* members whose sentences are candidates */
#define STORY_LEAD_SENTENCES    5    /* candidates per member: its first sentences */
#define STORY_LEAD_BYTES        2000 /* ...of STORY_SUMMARY_MIN_WORDS or more, in its first bytes */

typedef struct story_candidate {
    const char *text; /* borrowed */
    size_t len;
    uint32_t article;     /* the member's rank in publication order */
    uint32_t position;    /* the sentence's place in its article, from 0 */
    const uint32_t *keys; /* its text keys (features_text_keys_between), or NULL: */
    uint32_t key_count;   /* then its words are read */
} story_candidate;

int story_summary(features_context *fx, const cluster_event *ev, const char *lang,
                  const story_candidate *candidates, size_t n, core_arena *scratch, core_buf *out);

#endif
