/*
 * src/story/summary.c -- extractive event summaries (summary.h).
 */
#include "story/summary.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "story/sentences.h"

typedef struct scored {
    const story_candidate *c;
    features_vector terms; /* its text vector (arena) */
    double score;
} scored;

static int compare_best(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score) {
        return x->score < y->score ? 1 : -1;
    }
    if (x->c->article != y->c->article) {
        return x->c->article < y->c->article ? -1 : 1;
    }
    return (x->c->position > y->c->position) - (x->c->position < y->c->position);
}

static int compare_reading(const void *a, const void *b)
{
    const scored *x = *(const scored *const *)a, *y = *(const scored *const *)b;
    if (x->c->article != y->c->article) {
        return x->c->article < y->c->article ? -1 : 1;
    }
    return (x->c->position > y->c->position) - (x->c->position < y->c->position);
}

/* Shared keys over the smaller vector's count (both key-sorted). */
static double overlap(const features_vector *a, const features_vector *b)
{
    uint32_t i = 0, j = 0, shared = 0;
    while (i < a->count && j < b->count) {
        uint32_t x = a->terms[i].key, y = b->terms[j].key;
        shared += x == y;
        i += x <= y;
        j += y <= x;
    }
    uint32_t smaller = a->count < b->count ? a->count : b->count;
    return smaller ? (double)shared / smaller : 1;
}

/* Scores the usable candidates into out; *count of them. */
static int score_all(features_context *fx, const cluster_event *ev, const char *lang,
                     const story_candidate *c, size_t n, core_arena *scratch, scored *out,
                     size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        features_prefetch_keys(fx, c[i].keys, c[i].keys ? c[i].key_count : 0);
    }
    for (size_t i = 0; i < n; i++) {
        if (c[i].len > STORY_SUMMARY_MAX_BYTES ||
            story_count_words_upto(c[i].text, c[i].len, STORY_SUMMARY_MIN_WORDS) <
                STORY_SUMMARY_MIN_WORDS) {
            continue;
        }
        features_vector text;
        int rc = c[i].keys
                     ? features_text_vector_of_keys(fx, c[i].keys, c[i].key_count, scratch, &text)
                     : features_text_vector(fx, lang, c[i].text, c[i].len, scratch, &text);
        if (rc) {
            return rc;
        }
        if (!text.count) {
            continue;
        }
        double centrality = cluster_event_cosine(ev, CLUSTER_TEXT, &text);
        out[(*count)++] =
            (scored){&c[i], text, centrality + STORY_SUMMARY_LEAD / (1.0 + c[i].position)};
    }
    return FIL_OK;
}

int story_summary(features_context *fx, const cluster_event *ev, const char *lang,
                  const story_candidate *candidates, size_t n, core_arena *scratch, core_buf *out)
{
    scored *s = core_arena_alloc(scratch, (n + 1) * sizeof *s);
    const scored **taken = core_arena_alloc(scratch, STORY_SUMMARY_MAX * sizeof *taken);
    size_t count = 0, kept = 0;
    int rc = s && taken ? score_all(fx, ev, lang, candidates, n, scratch, s, &count) : FIL_ENOMEM;
    if (rc) {
        return rc;
    }
    qsort(s, count, sizeof *s, compare_best);
    for (size_t i = 0; i < count && kept < STORY_SUMMARY_MAX; i++) {
        if (kept >= STORY_SUMMARY_MIN && s[i].score < 0.5 * s[0].score) {
            break;
        }
        int repeats = 0;
        for (size_t k = 0; k < kept && !repeats; k++) {
            repeats = overlap(&s[i].terms, &taken[k]->terms) >= 0.5;
        }
        if (!repeats) {
            taken[kept++] = &s[i];
        }
    }
    qsort(taken, kept, sizeof *taken, compare_reading);
    rc = core_buf_append_char(out, '[');
    for (size_t k = 0; !rc && k < kept; k++) {
        rc = core_buf_append_str(out, k ? "," : "");
        rc = rc ? rc : core_buf_append_json_stringn(out, taken[k]->c->text, taken[k]->c->len);
    }
    return rc ? rc : core_buf_append_char(out, ']');
}
