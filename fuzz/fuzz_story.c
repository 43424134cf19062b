/*
 * fuzz/fuzz_story.c -- what the story stage reads in article text: dates
 * (src/features/dates.h), entities (entities.h) and quotes (quotes.h), on
 * arbitrary bytes repaired to UTF-8 and cut at a NUL, as an article's text
 * reaches them. The first byte picks the language (fr, en, de, es, it or
 * none); the rest is the text.
 *
 * Checks: no crash, UB or leak; every date, entity and quote lies inside
 * the text, dates and quotes in text order; and the date and entity
 * finders give the same answer on tokens handed in, with each word's
 * classes known (as fil_add keeps them) or not, as on tokens of their own:
 * the promise that lets `fil cluster --stories` reuse what clustering read.
 */
#include "core/arena.h"
#include "core/buf.h"
#include "features/dates.h"
#include "features/entities.h"
#include "features/quotes.h"
#include "fil.h"
#include "fuzz.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

#define FUZZ_REFERENCE_DAY 18325 /* 2020-03-04, days since 1970-01-01 */

typedef struct tables {
    features_date_words *dates;
    features_gazetteer *names;
    text_stopwords *stopwords;
} tables;

/* The finders' tables, read-only once built, and slow to build: made at
 * the first input and kept for the process. */
static const tables *tables_get(void)
{
    static tables t;
    if (!t.dates) {
        int rc;
        size_t bad_line;
        t.dates = features_date_words_new();
        t.names = features_gazetteer_new(&rc, &bad_line);
        t.stopwords = text_stopwords_new();
        FUZZ_CHECK(t.dates && t.names && t.stopwords, "the tables are built");
    }
    return &t;
}

static int same_dates(const features_date *a, size_t na, const features_date *b, size_t nb)
{
    for (size_t i = 0; na == nb && i < na; i++) {
        if (a[i].offset != b[i].offset || a[i].len != b[i].len ||
            a[i].sentence_offset != b[i].sentence_offset ||
            a[i].sentence_len != b[i].sentence_len || a[i].day != b[i].day ||
            a[i].kind != b[i].kind || a[i].granule != b[i].granule) {
            return 0;
        }
    }
    return na == nb;
}

static void check_dates(const tables *t, const char *lang, const char *text, size_t len,
                        const text_token *tok, const uint64_t *classes, size_t n, core_arena *arena)
{
    features_date *d, *e;
    size_t dn, en;
    features_date_ref dr, er;
    FUZZ_CHECK(features_find_dates(t->dates, text, len, lang, FUZZ_REFERENCE_DAY, arena, &d, &dn,
                                   &dr) == FIL_OK,
               "dates are sought");
    for (size_t i = 0; i < dn; i++) {
        FUZZ_CHECK(d[i].len > 0 && (size_t)d[i].offset + d[i].len <= len,
                   "a date lies inside the text");
        FUZZ_CHECK((size_t)d[i].sentence_offset + d[i].sentence_len <= len,
                   "its sentence lies inside the text");
        FUZZ_CHECK(i == 0 || d[i].offset >= d[i - 1].offset + d[i - 1].len,
                   "dates in text order, apart");
    }
    for (int with_classes = 0; with_classes < 2; with_classes++) {
        FUZZ_CHECK(features_find_dates_in_tokens(t->dates, text, len, tok,
                                                 with_classes ? classes : NULL, n, lang,
                                                 FUZZ_REFERENCE_DAY, arena, &e, &en, &er) == FIL_OK,
                   "dates are sought in tokens");
        FUZZ_CHECK(same_dates(d, dn, e, en) && dr.day == er.day && dr.from == er.from,
                   "the dates of tokens handed in are the finder's own");
    }
}

static int same_entity(const features_entity *a, const features_entity *b)
{
    int same = strcmp(a->canonical, b->canonical) == 0 && strcmp(a->display, b->display) == 0 &&
               a->type == b->type && a->count == b->count && a->first_offset == b->first_offset &&
               a->surface_count == b->surface_count;
    for (uint32_t k = 0; same && k < a->surface_count && k < FEATURES_ENTITY_SURFACES; k++) {
        same = strcmp(a->surfaces[k], b->surfaces[k]) == 0;
    }
    return same;
}

static void check_entities(const tables *t, const char *lang, const char *text, size_t len,
                           const text_token *tok, const uint64_t *classes, size_t n,
                           core_arena *arena)
{
    features_entity *f, *g;
    size_t fn, gn;
    FUZZ_CHECK(features_find_entities(t->names, t->stopwords, lang, text, len, len + 1, arena, &f,
                                      &fn) == FIL_OK,
               "entities are sought");
    for (size_t i = 0; i < fn; i++) {
        FUZZ_CHECK(f[i].canonical && f[i].canonical[0] && f[i].display && f[i].count > 0,
                   "an entity has a name, a display and a mention");
        FUZZ_CHECK(f[i].first_offset < len, "its first mention lies inside the text");
        FUZZ_CHECK(fuzz_is_utf8(f[i].canonical) && fuzz_is_utf8(f[i].display),
                   "its names are UTF-8");
    }
    for (int with_classes = 0; with_classes < 2; with_classes++) {
        FUZZ_CHECK(features_find_entities_in_tokens(t->names, t->stopwords, lang, text, len, tok,
                                                    NULL, with_classes ? classes : NULL, n, arena,
                                                    &g, &gn) == FIL_OK,
                   "entities are sought in tokens");
        int same = fn == gn;
        for (size_t i = 0; same && i < fn; i++) {
            same = same_entity(&f[i], &g[i]);
        }
        FUZZ_CHECK(same, "the entities of tokens handed in are the finder's own");
    }
}

static void check_quotes(const char *text, size_t len, core_arena *arena)
{
    features_quote *q;
    size_t n;
    FUZZ_CHECK(features_find_quotes(text, len, arena, &q, &n) == FIL_OK, "quotes are sought");
    for (size_t i = 0; i < n; i++) {
        FUZZ_CHECK((size_t)q[i].offset + q[i].len <= len, "a quote lies inside the text");
        FUZZ_CHECK(i == 0 || q[i].offset > q[i - 1].offset, "quotes in text order");
        FUZZ_CHECK(q[i].words >= FEATURES_QUOTE_MIN_WORDS && q[i].len <= FEATURES_QUOTE_MAX_BYTES &&
                       q[i].key != 0,
                   "a quote has its words, fits the ceiling and has a key");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {"fr", "en", "de", "es", "it", ""};
    if (size == 0) {
        return 0;
    }
    const tables *t = tables_get();
    const char *lang = langs[data[0] % (sizeof langs / sizeof langs[0])];
    core_buf text;
    core_buf_init(&text, 0);
    uint32_t repaired = 0;
    FUZZ_CHECK(core_utf8_repair((const char *)data + 1, size - 1, &text, &repaired) == FIL_OK,
               "the text is repaired");
    const char *s = text.data ? text.data : "";
    size_t len = strlen(s); /* a NUL ends an article's text */
    core_arena arena;
    core_arena_init(&arena, 64 * 1024, 0);
    text_token *tok;
    size_t n;
    FUZZ_CHECK(text_tokenize(s, len, len + 1, &arena, &tok, &n) == FIL_OK, "the text is tokenised");
    /* each word's classes as fil_add keeps them (api/engine.c) */
    uint64_t *classes = core_arena_alloc(&arena, (n ? n : 1) * sizeof *classes);
    FUZZ_CHECK(classes != NULL, "room for the classes");
    for (size_t i = 0; i < n; i++) {
        classes[i] =
            (uint64_t)features_date_word_id(t->dates, lang, tok[i].folded, tok[i].folded_len)
                << 32 |
            features_gazetteer_word_class(t->names, tok[i].folded, tok[i].folded_len);
    }
    check_dates(t, lang, s, len, tok, classes, n, &arena);
    check_entities(t, lang, s, len, tok, classes, n, &arena);
    check_quotes(s, len, &arena);
    core_arena_free(&arena);
    core_buf_free(&text);
    return 0;
}
