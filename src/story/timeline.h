/*
 * src/story/timeline.h -- the dated sentences of many articles, merged.
 *
 * Promise: a timeline holds entries (date, granularity, what happened,
 * sources, articles). story_timeline_add files one dated sentence: when an
 * entry of the same date and granularity holds a sentence equal to it
 * after folding (case, accents, punctuation and spacing, with the date
 * expression itself left out, so "hier, l'armée est entrée" and "mardi,
 * l'armée est entrée" on one day are one event), the source and article
 * join that entry, each listed once; else a new entry starts. A month or
 * a year is filed only when its expression writes the year ("mars 2020",
 * "en 2019"): a month alone ("volveremos en mayo", its year taken from the
 * reference) or a relative one ("last month", "l'an dernier") is too vague
 * to place an event, and is left out. The JSON
 * lists entries by date, then granularity (day, week, month, year), then
 * order of first appearance.
 * Memory: the timeline owns copies of every string; story_timeline_free
 *         releases all. Scratch for folding is the timeline's own arena.
 * Limits: the sentence kept is the first one seen, cut at
 *         STORY_TIMELINE_WHAT_BYTES bytes at a character boundary.
 * Errors: FIL_ENOMEM; after a failed add the sentence may be filed
 *         without that source or article. Never leaks.
 * Cost:   one fold and one hash-map probe per sentence; the JSON sorts
 *         the entries once (n log n).
 */
#ifndef FIL_STORY_TIMELINE_H
#define FIL_STORY_TIMELINE_H

#include <stddef.h>

#include "core/buf.h"

#define STORY_TIMELINE_WHAT_BYTES 1000

/* What an engine keeps of each article for timelines, and how many
 * articles an event's or a storyline's timeline is made from. */
#define STORY_DATES_BYTES       4000 /* dates are sought in the text's first bytes */
#define STORY_DATES_PER_ARTICLE 8
#define STORY_DATED_BYTES       400 /* a dated sentence is cut to this */
#define STORY_TIMELINE_ARTICLES 64  /* the first members, in time order */

typedef struct story_timeline story_timeline;

/* One dated sentence. */
typedef struct story_dated {
    const char *date; /* "YYYY-MM-DD" */
    int granule;      /* 0 day, 1 week, 2 month, 3 year (features_date_granularity) */
    const char *what; /* the sentence, what_len bytes */
    size_t what_len;
    size_t skip_offset; /* the date expression inside what, left out of the comparison */
    size_t skip_len;
    const char *source;  /* outlet */
    const char *article; /* article id */
} story_dated;

/* Caller frees with story_timeline_free; NULL when memory runs out. */
story_timeline *story_timeline_new(void);
void story_timeline_free(story_timeline *t);

int story_timeline_add(story_timeline *t, const story_dated *d);

/* Number of entries. */
size_t story_timeline_count(const story_timeline *t);

/* Appends the entries as a JSON array of {"date", "granularity", "what",
 * "sources", "articles"}. */
int story_timeline_json(const story_timeline *t, core_buf *out);

#endif
