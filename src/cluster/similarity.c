/*
 * src/cluster/similarity.c -- pair features and the similarity model; see
 * similarity.h.
 */
#include "cluster/similarity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/stream.h"
#include "core/alloc.h"
#include "core/sort.h"
#include "fil.h"

/* Languages whose annotators' use of the scale the model may learn. */
static const char *const model_languages[] = {"en", "de", "es", "fr", "it",
                                              "pl", "tr", "ar", "ru", "zh"};
#define MODEL_LANGUAGES (sizeof model_languages / sizeof model_languages[0])

/* Feature positions. Those before F_SAME_LANGUAGE are evidence of
 * likeness, each only ever lowering the scores (monotone). None depends on
 * the length of the texts, which the training pairs cut to 1,000
 * characters while real articles run to many thousands. */
enum {
    F_TEXT,
    F_TITLE,
    F_ENTITY,
    F_PHRASE,
    F_GRAM,
    F_NAME_GRAM,
    F_PREFIX,
    F_ENTITY_OVERLAP,
    F_ENTITY_JACCARD,
    F_NUMBER_OVERLAP,
    F_QUOTES,
    F_CONTAINMENT,
    F_EVENT_SCORE,
    F_SAME_EVENT,
    F_SAME_LANGUAGE,
    F_LANGUAGE, /* then one per model language */
    F_COUNT = F_LANGUAGE + MODEL_LANGUAGES
};
_Static_assert(F_COUNT == CLUSTER_PAIR_FEATURES, "CLUSTER_PAIR_FEATURES is the feature count");
_Static_assert(F_SAME_EVENT == CLUSTER_PAIR_SAME_EVENT, "CLUSTER_PAIR_SAME_EVENT is F_SAME_EVENT");

const char *const cluster_pair_feature_names[CLUSTER_PAIR_FEATURES] = {
    "text_cosine",      "title_cosine",  "entity_cosine",  "phrase_cosine",  "gram_cosine",
    "name_gram_cosine", "prefix_cosine", "entity_overlap", "entity_jaccard", "number_overlap",
    "shared_quotes",    "containment",   "event_score",    "same_event",     "same_language",
    "lang_en",          "lang_de",       "lang_es",        "lang_fr",        "lang_it",
    "lang_pl",          "lang_tr",       "lang_ar",        "lang_ru",        "lang_zh"};

const char *const cluster_dimension_names[CLUSTER_DIMENSIONS] = {"overall", "geography", "entities",
                                                                 "time", "narrative"};

/* Keys in both of two key-sorted vectors. */
static size_t common_terms(const features_vector *a, const features_vector *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->count && j < b->count) {
        if (a->terms[i].key == b->terms[j].key) {
            n++;
            i++;
            j++;
        } else if (a->terms[i].key < b->terms[j].key) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

/* Overlap (share of the smaller set in the other) and Jaccard of two sets
 * of sizes na, nb with `common` keys in both; 0 for empty sets. */
static void set_overlap(size_t common, size_t na, size_t nb, double *overlap, double *jaccard)
{
    size_t smaller = na < nb ? na : nb;
    *overlap = smaller ? (double)common / (double)smaller : 0;
    *jaccard = na + nb - common ? (double)common / (double)(na + nb - common) : 0;
}

/* 1 when a side carries a quotation of this key. */
static int has_quote(const cluster_pair_side *s, uint32_t key)
{
    for (size_t j = 0; j < s->quote_count; j++) {
        if (s->quotes[j].key == key) {
            return 1;
        }
    }
    return 0;
}

/* 1 when quotation i repeats an earlier one of the same side. */
static int quote_seen(const cluster_pair_side *s, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        if (s->quotes[k].key == s->quotes[i].key) {
            return 1;
        }
    }
    return 0;
}

uint32_t cluster_shared_quotes(const cluster_pair_side *a, const cluster_pair_side *b,
                               uint32_t min_words)
{
    uint32_t n = 0;
    for (size_t i = 0; i < a->quote_count; i++) {
        if (a->quotes[i].words < min_words || quote_seen(a, i) || !has_quote(b, a->quotes[i].key)) {
            continue;
        }
        n++;
    }
    return n;
}

dedup_relation cluster_pair_relation(const cluster_pair_side *a, const cluster_pair_side *b)
{
    return dedup_compare_sets(a->shingles, a->shingle_count, b->shingles, b->shingle_count,
                              cluster_shared_quotes(a, b, DEDUP_QUOTE_WORDS));
}

int cluster_pair_same_event(const fil_config *cfg, const cluster_pair_side *a,
                            const cluster_pair_side *b, double *score)
{
    double ab, ba;
    int joins = cluster_pair_joins(cfg, a->doc, a->time_s, b->doc, b->time_s, &ab);
    joins |= cluster_pair_joins(cfg, b->doc, b->time_s, a->doc, a->time_s, &ba);
    *score = ab > ba ? ab : ba;
    return joins;
}

void cluster_pair_features(const fil_config *cfg, const cluster_pair_side *a,
                           const cluster_pair_side *b, double out[CLUSTER_PAIR_FEATURES])
{
    out[F_TEXT] = features_dot(&a->doc->text, &b->doc->text);
    out[F_TITLE] = features_dot(&a->doc->title, &b->doc->title);
    out[F_ENTITY] = features_dot(&a->doc->entities, &b->doc->entities);
    out[F_PHRASE] = features_dot(&a->doc->phrases, &b->doc->phrases);
    out[F_GRAM] = features_dot(&a->grams, &b->grams);
    out[F_NAME_GRAM] = features_dot(&a->name_grams, &b->name_grams);
    out[F_PREFIX] = features_dot(&a->prefixes, &b->prefixes);
    size_t entities = common_terms(&a->doc->entities, &b->doc->entities);
    set_overlap(entities, a->doc->entities.count, b->doc->entities.count, &out[F_ENTITY_OVERLAP],
                &out[F_ENTITY_JACCARD]);
    size_t numbers =
        core_count_common_u64(a->numbers, a->number_count, b->numbers, b->number_count);
    double unused;
    set_overlap(numbers, a->number_count, b->number_count, &out[F_NUMBER_OVERLAP], &unused);
    uint32_t quotes = cluster_shared_quotes(a, b, 0);
    out[F_QUOTES] = quotes < 3 ? quotes : 3;
    dedup_relation r = cluster_pair_relation(a, b);
    out[F_CONTAINMENT] = r.contained_a > r.contained_b ? r.contained_a : r.contained_b;
    out[F_SAME_EVENT] = cluster_pair_same_event(cfg, a, b, &out[F_EVENT_SCORE]);
    out[F_SAME_LANGUAGE] = strcmp(a->lang, b->lang) == 0;
    for (size_t l = 0; l < MODEL_LANGUAGES; l++) {
        out[F_LANGUAGE + l] =
            (strcmp(a->lang, model_languages[l]) == 0) + (strcmp(b->lang, model_languages[l]) == 0);
    }
}

/* ------------------------------------------------------------------------
 * The model
 * ---------------------------------------------------------------------- */

void cluster_similarity_predict(const cluster_similarity_model *m,
                                const double features[CLUSTER_PAIR_FEATURES],
                                double out[CLUSTER_DIMENSIONS])
{
    for (int d = 0; d < CLUSTER_DIMENSIONS; d++) {
        double v = cluster_boost_predict(&m->dimension[d], features);
        out[d] = v < 1 ? 1 : v > 4 ? 4 : v;
    }
}

void cluster_similarity_model_free(cluster_similarity_model *m)
{
    for (int d = 0; d < CLUSTER_DIMENSIONS; d++) {
        cluster_boost_free(&m->dimension[d]);
    }
}

/* Skips blank and '#' comment lines. */
static const char *skip_comments(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        }
        if (*p != '#') {
            return p;
        }
        p += strcspn(p, "\n");
    }
}

/* Expects the word `word` at *p, then a space or line end. */
static int expect_word(const char **p, const char *word)
{
    size_t n = strlen(word);
    const char *s = skip_comments(*p);
    if (strncmp(s, word, n) != 0 || (s[n] != ' ' && s[n] != '\n' && s[n] != '\r')) {
        return FIL_EPARSE;
    }
    *p = s + n;
    return FIL_OK;
}

static int read_header(const char **p)
{
    if (expect_word(p, "features")) {
        return FIL_EPARSE;
    }
    for (int f = 0; f < CLUSTER_PAIR_FEATURES; f++) {
        while (**p == ' ') {
            (*p)++;
        }
        if (expect_word(p, cluster_pair_feature_names[f])) {
            return FIL_EPARSE; /* a model of other features */
        }
    }
    return FIL_OK;
}

int cluster_similarity_model_read(const char *text, cluster_similarity_model *out)
{
    memset(out, 0, sizeof *out);
    const char *p = text;
    int rc = read_header(&p);
    for (int d = 0; !rc && d < CLUSTER_DIMENSIONS; d++) {
        rc = expect_word(&p, "dimension");
        rc = rc ? rc : expect_word(&p, cluster_dimension_names[d]);
        rc = rc ? rc : cluster_boost_read(&p, CLUSTER_PAIR_FEATURES, &out->dimension[d]);
    }
    if (!rc && *skip_comments(p) != '\0') {
        rc = FIL_EPARSE;
    }
    if (rc) {
        cluster_similarity_model_free(out);
        return rc == FIL_ENOMEM ? rc : FIL_EPARSE;
    }
    return FIL_OK;
}

int cluster_similarity_model_write(const cluster_similarity_model *m, const char *header,
                                   core_buf *out)
{
    int rc = core_buf_append_str(out, header ? header : "");
    rc = rc ? rc : core_buf_append_str(out, "features");
    for (int f = 0; !rc && f < CLUSTER_PAIR_FEATURES; f++) {
        rc = core_buf_printf(out, " %s", cluster_pair_feature_names[f]);
    }
    rc = rc ? rc : core_buf_append_char(out, '\n');
    for (int d = 0; !rc && d < CLUSTER_DIMENSIONS; d++) {
        rc = core_buf_printf(out, "dimension %s\n", cluster_dimension_names[d]);
        rc = rc ? rc : cluster_boost_write(&m->dimension[d], out);
    }
    return rc;
}

int cluster_similarity_model_train(const double *features, const double *gold, size_t n,
                                   cluster_similarity_model *out)
{
    memset(out, 0, sizeof *out);
    /* more shared evidence never means less alike: every score falls (1 is
     * "very similar") as a cosine, overlap or containment rises */
    int8_t monotone[CLUSTER_PAIR_FEATURES] = {0};
    for (int f = 0; f < CLUSTER_PAIR_FEATURES; f++) {
        monotone[f] = f < F_SAME_LANGUAGE ? -1 : 0;
    }
    const cluster_boost_params params = {300, 0.05, 0.8, 10, 0x66696c73696d31ULL, monotone};
    double *y = core_malloc((n ? n : 1) * sizeof *y);
    if (!y) {
        return FIL_ENOMEM;
    }
    int rc = FIL_OK;
    for (int d = 0; !rc && d < CLUSTER_DIMENSIONS; d++) {
        for (size_t i = 0; i < n; i++) {
            y[i] = gold[i * CLUSTER_DIMENSIONS + d];
        }
        rc =
            cluster_boost_train(features, y, n, CLUSTER_PAIR_FEATURES, &params, &out->dimension[d]);
    }
    free(y);
    if (rc) {
        cluster_similarity_model_free(out);
    }
    return rc;
}
