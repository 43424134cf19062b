/*
 * src/story/label.c -- central title and top terms; see label.h.
 */
#include "story/label.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "fil.h"
#include "text/tokenize.h"

typedef struct label_term {
    uint32_t key;
    const char *surface; /* arena; NULL until a title names it */
} label_term;

/* The centroid's heaviest text terms, heaviest first. */
static size_t top_terms(const cluster_event *ev, label_term *out, size_t max)
{
    size_t n = ev->sum_count[CLUSTER_TEXT];
    features_term *all = core_malloc((n + 1) * sizeof *all);
    if (!all) {
        return 0;
    }
    memcpy(all, ev->sum[CLUSTER_TEXT], n * sizeof *all);
    qsort(all, n, sizeof *all, features_compare_heaviest);
    n = n < max ? n : max;
    for (size_t i = 0; i < n; i++) {
        out[i] = (label_term){all[i].key, NULL};
    }
    free(all);
    return n;
}

/* Names top terms from the words of one title. */
static void name_terms(features_context *fx, const char *title, const char *lang, label_term *terms,
                       size_t n, core_arena *scratch)
{
    text_token *tokens;
    size_t count;
    if (text_tokenize(title, strlen(title), fx->max_tokens, scratch, &tokens, &count)) {
        return;
    }
    for (size_t i = 0; i < count; i++) {
        uint32_t key = features_token_key(fx, lang, &tokens[i], scratch);
        for (size_t j = 0; key && j < n; j++) {
            if (terms[j].key == key && !terms[j].surface) {
                terms[j].surface = tokens[i].folded;
            }
        }
    }
}

/* 1 when an earlier term got the same name (two keys, one word: "valencia"
 * as a stem and as a hyphenated part). */
static int named_before(const label_term *terms, size_t j)
{
    for (size_t i = 0; i < j; i++) {
        if (terms[i].surface && strcmp(terms[i].surface, terms[j].surface) == 0) {
            return 1;
        }
    }
    return 0;
}

int story_label(features_context *fx, const cluster_event *ev, const char *const *titles,
                const char *const *langs, size_t n, core_arena *scratch, core_buf *out)
{
    /* look deeper than the terms shown: only words the titles hold get a name */
    label_term terms[4 * STORY_LABEL_TERMS];
    size_t n_terms = top_terms(ev, terms, 4 * STORY_LABEL_TERMS);
    size_t best = 0;
    double best_cos = -1;
    n = n < STORY_LABEL_MAX_TITLES ? n : STORY_LABEL_MAX_TITLES;
    for (size_t i = 0; i < n; i++) {
        name_terms(fx, titles[i], langs[i], terms, n_terms, scratch);
        features_doc doc;
        if (features_analyze(fx, langs[i], titles[i], strlen(titles[i]), "", 0, 0, scratch, &doc) ==
            FIL_OK) {
            double c = cluster_event_cosine(ev, CLUSTER_TEXT, &doc.text);
            if (c > best_cos) {
                best_cos = c;
                best = i;
            }
        }
    }
    int rc = core_buf_append_str(out, "{\"title\":");
    rc = rc ? rc : core_buf_append_json_string(out, n ? titles[best] : "");
    rc = rc ? rc : core_buf_append_str(out, ",\"terms\":[");
    int first = 1, shown = 0;
    for (size_t j = 0; !rc && j < n_terms && shown < STORY_LABEL_TERMS; j++) {
        if (terms[j].surface && !named_before(terms, j)) {
            shown++;
            rc = core_buf_append_str(out, first ? "" : ",");
            rc = rc ? rc : core_buf_append_json_string(out, terms[j].surface);
            first = 0;
        }
    }
    return rc ? rc : core_buf_append_str(out, "]}");
}
