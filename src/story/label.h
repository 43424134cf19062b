/*
 * src/story/label.h -- a human label for an event.
 *
 * Promise: story_label writes a JSON object {"title": T, "terms": [...]}:
 * T is the member title closest (cosine of its text vector) to the event's
 * text centroid, the event's "most central title"; terms are the first
 * STORY_LABEL_TERMS of the centroid's 4 * STORY_LABEL_TERMS heaviest text
 * terms that a member title contains, heaviest first, each named by the
 * first title word that maps to it (feature hashing keeps no strings, so
 * a term no title contains cannot be named).
 * Input: the event with its centroid (call before it is retired), and the
 *        members' titles and languages, in arrival order.
 * Cost: one analysis of each of the first STORY_LABEL_MAX_TITLES titles.
 * Memory: scratch from the arena; output appended to out.
 */
#ifndef FIL_STORY_LABEL_H
#define FIL_STORY_LABEL_H

#include <stddef.h>

#include "cluster/stream.h"
#include "core/arena.h"
#include "core/buf.h"
#include "features/termvec.h"

#define STORY_LABEL_TERMS      5
#define STORY_LABEL_MAX_TITLES 64

int story_label(features_context *fx, const cluster_event *ev, const char *const *titles,
                const char *const *langs, size_t n, core_arena *scratch, core_buf *out);

#endif
