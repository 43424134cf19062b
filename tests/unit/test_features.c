/*
 * tests/unit/test_features.c -- streaming TF-IDF sub-vectors.
 */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "core/arena.h"
#include "features/termvec.h"
#include "fil.h"

static double norm(const features_vector *v)
{
    double s = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        s += (double)v->terms[i].weight * v->terms[i].weight;
    }
    return sqrt(s);
}

static int sorted(const features_vector *v)
{
    for (uint32_t i = 1; i < v->count; i++) {
        if (v->terms[i - 1].key >= v->terms[i].key) {
            return 0;
        }
    }
    return 1;
}

int main(void)
{
    core_arena a;
    core_arena_init(&a, 4096, 0);
    text_stopwords *sw = text_stopwords_new();
    text_stemmers *st = text_stemmers_new();
    features_context fx;
    CHECK(features_context_init(&fx, sw, st, 1000) == FIL_OK, "the context opens");

    features_doc d1, d2, d3;
    const char *t1 = "Erdogan demande des munitions";
    const char *x1 = "Le président Erdogan a demandé des munitions à Washington le 4 mars 2020.";
    CHECK(features_analyze(&fx, "fr", t1, strlen(t1), x1, strlen(x1), 1, &a, &d1) == FIL_OK,
          "an article is analysed");
    CHECK(fx.doc_count == 1, "df counts the article");
    CHECK(d1.title.count == 3, "title terms: erdogan, demand, munit (stopword des dropped)");
    CHECK(sorted(&d1.text) && sorted(&d1.title) && sorted(&d1.entities), "vectors key-sorted");
    CHECK_NEAR(norm(&d1.text), 1.0, 1e-5, "text vector is unit length");
    CHECK_NEAR(norm(&d1.entities), 1.0, 1e-5, "entity vector is unit length");
    CHECK(d1.entities.count == 3, "entities: Erdogan, Washington, 2020 (not 4, one digit)");

    const char *t2 = "Erdoğan réclame des munitions";
    CHECK(features_analyze(&fx, "fr", t2, strlen(t2), "", 0, 1, &a, &d2) == FIL_OK, "title only");
    CHECK(features_dot(&d1.title, &d2.title) > 0.4, "accent-folded names and stems meet");

    const char *t3 = "Ouragan sur la Floride";
    features_analyze(&fx, "fr", t3, strlen(t3), "", 0, 1, &a, &d3);
    CHECK(features_dot(&d1.title, &d3.title) == 0, "unrelated titles share nothing");

    uint64_t before = fx.doc_count;
    features_analyze(&fx, "fr", t3, strlen(t3), "", 0, 0, &a, &d3);
    CHECK(fx.doc_count == before, "update_df 0 leaves the stream's counts alone");

    features_doc stop;
    CHECK(features_analyze(&fx, "en", "Both ways", 9, "", 0, 1, &a, &stop) == FIL_OK &&
              stop.text.count == 2,
          "a title of stopwords keeps its words");
    features_doc none;
    CHECK(features_analyze(&fx, "en", "<>", 2, "", 0, 1, &a, &none) == FIL_OK &&
              none.text.count == 0,
          "a title with no word gives empty vectors, not an error");

    /* 2026-11-22 review: hyphen parts were not bounded by the key lists'
     * room, and a text of many-part words overflowed them. */
    size_t reps = 21000;
    const char *unit = "ab-cd-ef-gh-ij-kl-mn-op ";
    char *many = malloc(reps * strlen(unit) + 1);
    for (size_t i = 0; i < reps; i++) {
        memcpy(many + i * strlen(unit), unit, strlen(unit));
    }
    many[reps * strlen(unit)] = '\0';
    features_doc big;
    CHECK(features_analyze(&fx, "en", "headline", 8, many, strlen(many), 1, &a, &big) == FIL_OK,
          "a text of many-part hyphenated words stays within its key lists");
    free(many);

    /* features_prune without scratch memory still keeps at most k terms */
    features_term terms[6] = {{1, 0.1f}, {2, 0.9f}, {3, 0.5f}, {4, 0.9f}, {5, 0.2f}, {6, 0.7f}};
    features_vector v = {terms, 6};
    core_arena tiny;
    core_arena_init(&tiny, 8, 1); /* refuses every allocation */
    CHECK(features_prune(&v, 3, &tiny) == 3 && v.count == 3, "prune keeps k terms without scratch");
    CHECK(v.terms[0].key == 2 && v.terms[1].key == 4 && v.terms[2].key == 6,
          "the heaviest three, in key order");
    core_arena_free(&tiny);

    features_context_free(&fx);
    text_stemmers_free(st);
    text_stopwords_free(sw);
    core_arena_free(&a);
    return check_summary("test_features");
}
