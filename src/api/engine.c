/*
 * src/api/engine.c -- fil_engine: the pipeline behind fil_add, and the
 * events it describes (fil.h).
 *
 * One article flows: clean (clean/) -> language (text/langid) -> TF-IDF
 * sub-vectors (features/) -> event clustering (cluster/) and
 * near-duplicates (dedup/). Events are described by events.c. All
 * per-article scratch memory comes from one arena, reset per article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "api/config.h"
#include "core/alloc.h"
#include "clean/boilerplate.h"
#include "cluster/stream.h"
#include "core/arena.h"
#include "core/array.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/sort.h"
#include "core/utf8.h"
#include "features/dates.h"
#include "features/entities.h"
#include "features/quotes.h"
#include "features/termvec.h"
#include "io/date.h"
#include "story/sentences.h"
#include "story/speakers.h"
#include "story/summary.h"
#include "story/timeline.h"
#include "text/langid.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

/* A word's class for the story stage (features_word_class_fn): its
 * entity class in the low half, what the dates finder knows of it
 * (features_date_word_id) in the high half. */
static uint64_t story_word_class(void *arg, const char *lang, const char *folded, size_t len)
{
    const fil_engine *e = arg;
    return (uint64_t)features_date_word_id(e->date_words, lang, folded, len) << 32 |
           features_gazetteer_word_class(e->gazetteer, folded, len);
}

/* With stories, every word's classes are looked up once, when it enters
 * the features' word cache, not at each of its tokens. */
static int story_word_classes(fil_engine *e)
{
    size_t bad_line;
    int rc = engine_gazetteer(e, &bad_line);
    if (!rc) {
        features_context_set_word_class(&e->features, story_word_class, e);
    }
    return rc;
}

fil_engine *fil_open(const fil_config *cfg, fil_error *err)
{
    fil_engine *e = core_calloc(1, sizeof *e);
    if (!e) {
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    if (cfg) {
        e->cfg = *cfg;
    } else {
        fil_config_default(&e->cfg);
    }
    if (config_check(&e->cfg, err)) {
        free(e);
        return NULL;
    }
    core_arena_init(&e->scratch, 256 * 1024, 0);
    core_arena_init(&e->label_scratch, 64 * 1024, 0);
    /* huge pages (core/arena.h): the pool only grows; 4 KiB pages gave a
     * --stories run twice the page faults */
    core_arena_init(&e->pool, CORE_HUGE_PAGE, 0);
    core_map_init(&e->entity_names, 0);
    core_arena_init(&e->learned.arena, ENGINE_LEARNED_CHUNK, ENGINE_LEARNED_BYTES);
    core_map_init(&e->learned.index, 0);
    e->stopwords = text_stopwords_new();
    e->stemmers = text_stemmers_new();
    e->learner = clean_learner_new(e->cfg.boilerplate_min_count);
    e->stream = cluster_stream_new(&e->cfg);
    e->dedup = dedup_index_new(e->cfg.dedup_window, e->cfg.keep_articles ? 0 : e->cfg.dedup_window);
    e->date_words = features_date_words_new();
    if (!e->stopwords || !e->stemmers || !e->learner || !e->stream || !e->dedup || !e->date_words) {
        fil_close(e);
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    if (features_context_init(&e->features, e->stopwords, e->stemmers, e->cfg.max_tokens)) {
        fil_close(e);
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    int rc = engine_load_similarity(e);
    if (rc) {
        fil_close(e);
        core_error_set(err, rc,
                       rc == FIL_ENOMEM ? "out of memory"
                                        : "the built-in similarity model is malformed");
        return NULL;
    }
    rc = e->cfg.stories ? story_word_classes(e) : FIL_OK;
    if (rc) {
        fil_close(e);
        core_error_set(err, rc,
                       rc == FIL_ENOMEM ? "out of memory" : "the built-in gazetteer is malformed");
        return NULL;
    }
    cluster_stream_set_retire_hook(e->stream, engine_on_retire, e);
    return e;
}

void fil_close(fil_engine *e)
{
    if (!e) {
        return;
    }
    cluster_stream_free(e->stream);
    dedup_index_free(e->dedup);
    cluster_similarity_model_free(&e->similarity);
    features_gazetteer_free(e->gazetteer);
    features_date_words_free(e->date_words);
    features_context_free(&e->features);
    clean_learner_free(e->learner);
    text_stemmers_free(e->stemmers);
    text_stopwords_free(e->stopwords);
    core_arena_free(&e->scratch);
    core_arena_free(&e->label_scratch);
    core_arena_free(&e->pool);
    core_map_free(&e->entity_names);
    core_arena_free(&e->learned.arena);
    core_map_free(&e->learned.index);
    engine_free_notes(e);
    for (size_t i = 0; i < e->article_count; i++) {
        engine_forget_lead(&e->articles[i]);
    }
    free(e->articles);
    free(e->when);
    free(e);
}

uint64_t fil_event_count(const fil_engine *e)
{
    return cluster_stream_event_count(e->stream);
}

/* ------------------------------------------------------------------------
 * Per-article fields
 * ---------------------------------------------------------------------- */

/* "fr", "fr-FR", "FR_fr" -> "fr"; anything not 2-3 letters -> "" (detect). */
void engine_normalise_lang(const char *given, char out[8])
{
    size_t n = 0;
    while (given && n < 3 && ((given[n] | 32) >= 'a' && (given[n] | 32) <= 'z')) {
        out[n] = (char)(given[n] | 32);
        n++;
    }
    int ends = given && (given[n] == '\0' || given[n] == '-' || given[n] == '_');
    out[n >= 2 && ends ? n : 0] = '\0';
}

/* The host of an http(s) URL, in the pool; NULL when there is none. */
static const char *host_of(core_arena *pool, const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p) {
        return NULL;
    }
    p += 3;
    size_t n = strcspn(p, "/:?#");
    if (n > 4 && strncmp(p, "www.", 4) == 0) {
        p += 4;
        n -= 4;
    }
    return n ? core_arena_strndup(pool, p, n) : NULL;
}

/* Given id, else "h" + hash of the url, else of title and text, written
 * into out (the engine's buffer). */
const char *fil_article_id(const fil_article *a, char out[FIL_ID_SIZE])
{
    if (a->id && *a->id) {
        return a->id;
    }
    uint64_t h =
        a->url && *a->url
            ? core_hash(a->url, strlen(a->url), 1)
            : core_hash(a->text ? a->text : "", a->text ? strlen(a->text) : 0,
                        core_hash(a->title ? a->title : "", a->title ? strlen(a->title) : 0, 2));
    snprintf(out, FIL_ID_SIZE, "h%016llx", (unsigned long long)h);
    return out;
}

int64_t engine_article_time(const fil_article *a, int *ignored)
{
    int64_t t;
    *ignored = 0;
    if (!a->published || !*a->published) {
        return CLUSTER_NO_TIME;
    }
    if (io_parse_time(a->published, &t) == FIL_OK) {
        return t;
    }
    *ignored = 1;
    return CLUSTER_NO_TIME;
}

/* The first STORY_LEAD_SENTENCES sentences of the article's text long
 * enough to be summary candidates, within its first STORY_LEAD_BYTES, one
 * per line, into m->lead, and their text keys from the counts c into
 * m->lead_keys (engine.h), so that the summary need not read the words
 * again (reading them was an eighth of the story stage's time, perf on
 * the 100k stream). Built in the scratch arena, then copied to one block
 * of the heap that holds both (the room for all STORY_LEAD_BYTES was three
 * times what a lead takes, 100k stream, 2026-12-06): a lead is read only
 * until its event retires (engine_forget_lead frees it then), and the
 * heap gives its memory to the next leads, where the pool took fresh
 * pages for every one (42 MB at 100k articles). */
static int keep_lead(fil_engine *e, const engine_prepared *p, const features_counts *c,
                     article_meta *m)
{
    const char *text = p->text;
    size_t len =
        p->text_len > STORY_LEAD_BYTES ? core_utf8_boundary(text, STORY_LEAD_BYTES) : p->text_len;
    size_t room = STORY_LEAD_SENTENCES + c->text_token_count;
    char *lead = core_arena_alloc(&e->scratch, len + 1);
    uint32_t *keys = core_arena_alloc(&e->scratch, room * sizeof *keys);
    if (!lead || !keys) {
        return FIL_ENOMEM;
    }
    size_t pos = 0, n = 0, k = 0;
    story_span span;
    for (int sentences = 0;
         sentences < STORY_LEAD_SENTENCES && story_next_sentence(text, len, &pos, &span);) {
        if (story_count_words_upto(text + span.offset, span.len, STORY_SUMMARY_MIN_WORDS) <
            STORY_SUMMARY_MIN_WORDS) {
            continue;
        }
        sentences++;
        if (n) {
            lead[n++] = '\n';
        }
        memcpy(lead + n, text + span.offset, span.len);
        n += span.len;
        long got = features_text_keys_between(c, span.offset, span.offset + span.len, keys + k + 1);
        keys[k] = got < 0 ? ENGINE_NO_KEYS : (uint32_t)got;
        k += 1 + (got < 0 ? 0 : (size_t)got);
    }
    /* the keys first, for their alignment, then the text */
    uint32_t *block = core_malloc(k * sizeof *keys + n + 1);
    if (!block) {
        return FIL_ENOMEM;
    }
    memcpy(block, keys, k * sizeof *keys);
    char *kept = (char *)(block + k);
    memcpy(kept, lead, n);
    kept[n] = '\0';
    m->lead_keys = block;
    m->lead = kept;
    return FIL_OK;
}

void engine_forget_lead(article_meta *m)
{
    free((void *)m->lead_keys); /* the block that holds both (keep_lead) */
    m->lead = NULL;
    m->lead_keys = NULL;
}

/* The resolved dates of the article's text (its first STORY_DATES_BYTES),
 * at most STORY_DATES_PER_ARTICLE, each with its sentence cut to
 * STORY_DATED_BYTES, into m (pool). c: the article's counts, whose tokens
 * of the text are read again unless the tokeniser may have stopped short
 * of the bytes searched. */
static int remember_dates(fil_engine *e, const engine_prepared *p, const features_counts *c,
                          int64_t t, article_meta *m)
{
    size_t len = p->text_len > STORY_DATES_BYTES ? core_utf8_boundary(p->text, STORY_DATES_BYTES)
                                                 : p->text_len;
    int64_t day = t == CLUSTER_NO_TIME ? FEATURES_DATE_UNRESOLVED : io_day_of_time(t);
    features_date *d;
    size_t n;
    features_date_ref ref;
    /* the counts' classes are their tokens', title first */
    const uint64_t *classes = c->word_classes ? c->word_classes + c->title_token_count : NULL;
    int rc = c->word_keys
                 ? features_find_dates_in_tokens(e->date_words, p->text, len, c->text_tokens,
                                                 classes, c->text_token_count, p->lang, day,
                                                 &e->scratch, &d, &n, &ref)
                 : features_find_dates(e->date_words, p->text, len, p->lang, day, &e->scratch, &d,
                                       &n, &ref);
    size_t room = n < STORY_DATES_PER_ARTICLE ? n : STORY_DATES_PER_ARTICLE;
    article_dated *kept = rc ? NULL : core_arena_alloc(&e->pool, (room + 1) * sizeof *kept);
    if (!kept) {
        return FIL_ENOMEM;
    }
    uint32_t k = 0;
    for (size_t i = 0; i < n && k < STORY_DATES_PER_ARTICLE; i++) {
        int again = 0; /* "Tuesday, Feb 3": one sentence, one day, once */
        for (size_t j = 0; j < i && !again; j++) {
            again = d[j].day == d[i].day && d[j].granule == d[i].granule &&
                    d[j].sentence_offset == d[i].sentence_offset;
        }
        if (d[i].day == FEATURES_DATE_UNRESOLVED || again) {
            continue;
        }
        size_t what_len =
            d[i].sentence_len > STORY_DATED_BYTES
                ? core_utf8_boundary(p->text + d[i].sentence_offset, STORY_DATED_BYTES)
                : d[i].sentence_len;
        const char *what = core_arena_strndup(&e->pool, p->text + d[i].sentence_offset, what_len);
        if (!what) {
            return FIL_ENOMEM;
        }
        uint32_t skip = d[i].offset - d[i].sentence_offset;
        int inside = d[i].offset >= d[i].sentence_offset && skip + d[i].len <= what_len;
        kept[k++] = (article_dated){d[i].day,           d[i].granule,      what,
                                    (uint32_t)what_len, inside ? skip : 0, inside ? d[i].len : 0};
    }
    m->dated = kept;
    m->dated_count = k;
    return FIL_OK;
}

static int compare_mentioned(const void *a, const void *b)
{
    const features_entity *x = a, *y = b;
    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return (x->first_offset > y->first_offset) - (x->first_offset < y->first_offset);
}

/* The key of an entity's names in e->entity_names. */
static uint64_t names_hash(const char *canonical, const char *display)
{
    return core_hash(canonical, strlen(canonical), core_hash(display, strlen(display), 0));
}

/* The pool's "canonical\0display" of an entity (story_entity's names),
 * kept once for every article that names it so (the articles of a story
 * name the same people and places). h: names_hash(canonical, display).
 * Entities took 95 of the pool's 151 MB on the 100k stream (records and
 * names); kept once, the peak RSS of --stories fell by 41 MB
 * (2026-12-06). NULL when out of memory. */
static const char *kept_names(fil_engine *e, const char *canonical, const char *display, uint64_t h)
{
    size_t clen = strlen(canonical), dlen = strlen(display);
    int inserted, rc;
    uint64_t *v = core_map_upsert(&e->entity_names, h, &inserted, &rc);
    const char *old = v && !inserted ? (const char *)(uintptr_t)*v : NULL;
    if (old && strcmp(old, canonical) == 0 && strcmp(old + clen + 1, display) == 0) {
        return old;
    }
    char *copy = v ? core_arena_alloc(&e->pool, clen + dlen + 2) : NULL;
    if (copy) {
        memcpy(copy, canonical, clen + 1);
        memcpy(copy + clen + 1, display, dlen + 1);
        /* another pair of the same hash keeps its place; this one is not shared */
        *v = inserted ? (uint64_t)(uintptr_t)copy : *v;
    }
    return copy;
}

/* The article's STORY_ENTITIES_PER_ARTICLE most mentioned entities into m
 * (pool). */
static int remember_entities(fil_engine *e, const features_entity *all, size_t n, article_meta *m)
{
    size_t top[STORY_ENTITIES_PER_ARTICLE];
    n = core_first_k(all, n, sizeof *all, STORY_ENTITIES_PER_ARTICLE, compare_mentioned, top);
    const features_entity *f[STORY_ENTITIES_PER_ARTICLE];
    for (size_t i = 0; i < n; i++) {
        f[i] = &all[top[i]];
    }
    story_entity *kept = core_arena_alloc(&e->pool, (n + 1) * sizeof *kept);
    uint64_t hash[STORY_ENTITIES_PER_ARTICLE];
    /* the names' slots lie all over memory: all are fetched at once, so
     * that their misses overlap */
    for (size_t i = 0; i < n; i++) {
        hash[i] = names_hash(f[i]->canonical, f[i]->display);
        core_map_prefetch(&e->entity_names, hash[i]);
    }
    for (size_t i = 0; kept && i < n; i++) {
        const char *names = kept_names(e, f[i]->canonical, f[i]->display, hash[i]);
        if (!names) {
            return FIL_ENOMEM;
        }
        uint16_t count = f[i]->count < UINT16_MAX ? (uint16_t)f[i]->count : UINT16_MAX;
        kept[i] =
            (story_entity){names, story_name_hash(f[i]->canonical), count, (uint8_t)f[i]->type};
    }
    m->entities = kept;
    m->entity_count = (uint32_t)n;
    return kept ? FIL_OK : FIL_ENOMEM;
}

/* Narrows [*start, *start + *len) of text past blanks (spaces, tabs,
 * no-break spaces) at both ends, and a comma at its end (English quotes
 * hold the comma that ends them): "« Nous » " -> "Nous". */
static void trim_blanks(const char *text, size_t *start, size_t *len)
{
    for (;;) {
        const unsigned char *p = (const unsigned char *)text + *start, *q = p + *len;
        size_t n = *len && (p[0] == ' ' || p[0] == '\t')       ? 1
                   : *len >= 2 && p[0] == 0xC2 && p[1] == 0xA0 ? 2
                                                               : 0;
        size_t m = *len && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == ',') ? 1
                   : *len >= 2 && q[-2] == 0xC2 && q[-1] == 0xA0           ? 2
                                                                           : 0;
        if (!n && !m) {
            return;
        }
        *start += n;
        *len -= n;
        *len -= m <= *len ? m : *len;
    }
}

/* The persons among the entities f of text, indexed for story_find_speaker
 * into *sp (scratch); (*entity_of)[k] is the entity of person k. */
static int index_speakers(fil_engine *e, const char *text, size_t len, const char *lang,
                          const features_entity *f, size_t n, story_speakers *sp,
                          size_t **entity_of)
{
    story_person *persons = core_arena_alloc(&e->scratch, (n + 1) * sizeof *persons);
    *entity_of = core_arena_alloc(&e->scratch, (n + 1) * sizeof **entity_of);
    size_t p = 0;
    for (size_t i = 0; persons && *entity_of && i < n; i++) {
        if (f[i].type == FEATURES_ENTITY_PERSON) {
            (*entity_of)[p] = i;
            persons[p++] = (story_person){f[i].surfaces, f[i].surface_count};
        }
    }
    return persons && *entity_of
               ? story_speakers_index(sp, text, len, lang, persons, p, &e->scratch)
               : FIL_ENOMEM;
}

/* The article's quotes, each with its speaker (story/speakers.h), into m
 * (pool). text is what the entities f were found in. The speakers are
 * indexed only for an article with quotes (many have none). */
static int remember_quotes(fil_engine *e, const char *text, size_t len, const char *lang,
                           const features_entity *f, size_t n, article_meta *m)
{
    size_t quote_count = 0;
    size_t *entity_of = NULL;
    story_speakers sp;
    features_quote *q = NULL;
    int rc = features_find_quotes(text, len, &e->scratch, &q, &quote_count);
    quote_count = quote_count < STORY_QUOTES_PER_ARTICLE ? quote_count : STORY_QUOTES_PER_ARTICLE;
    rc = rc || !quote_count ? rc : index_speakers(e, text, len, lang, f, n, &sp, &entity_of);
    story_quote *kept = rc ? NULL : core_arena_alloc(&e->pool, (quote_count + 1) * sizeof *kept);
    for (size_t i = 0; kept && i < quote_count; i++) {
        size_t start = q[i].offset, qlen = q[i].len;
        trim_blanks(text, &start, &qlen);
        qlen =
            qlen > STORY_QUOTE_BYTES ? core_utf8_boundary(text + start, STORY_QUOTE_BYTES) : qlen;
        long who = story_find_speaker(&sp, q[i].offset, q[i].offset + q[i].len);
        const features_entity *speaker = who >= 0 ? &f[entity_of[who]] : NULL;
        kept[i] = (story_quote){core_arena_strndup(&e->pool, text + start, qlen), (uint32_t)qlen,
                                q[i].key, NULL, NULL};
        if (speaker) {
            kept[i].speaker =
                core_arena_strndup(&e->pool, speaker->display, strlen(speaker->display));
            kept[i].speaker_canonical =
                core_arena_strndup(&e->pool, speaker->canonical, strlen(speaker->canonical));
        }
        if (!kept[i].text || (speaker && (!kept[i].speaker || !kept[i].speaker_canonical))) {
            return FIL_ENOMEM;
        }
    }
    m->quotes = kept;
    m->quote_count = (uint32_t)quote_count;
    return kept ? FIL_OK : FIL_ENOMEM;
}

/* The tokens of engine_join's text from those of its title and text in
 * c, in the scratch arena, at most max of them: the text's shifted past
 * the title and its line break. NULL when the arena is full. */
static const text_token *joined_tokens(fil_engine *e, const engine_prepared *p,
                                       const features_counts *c, size_t max, size_t *count)
{
    size_t n = c->title_token_count + c->text_token_count;
    n = n < max ? n : max;
    text_token *t = core_arena_alloc(&e->scratch, (n ? n : 1) * sizeof *t);
    for (size_t i = 0; t && i < n; i++) {
        if (i < c->title_token_count) {
            t[i] = c->title_tokens[i];
        } else {
            t[i] = c->text_tokens[i - c->title_token_count];
            t[i].offset += (uint32_t)p->title_len + 1;
        }
    }
    *count = n;
    return t;
}

/* Entities and quotes of the article's title and text (their first
 * STORY_ENTITY_BYTES), into m. c: the article's counts, whose tokens are
 * read again unless the tokeniser may have stopped short. */
static int remember_story_words(fil_engine *e, const engine_prepared *p, const features_counts *c,
                                article_meta *m)
{
    size_t bad_line, len;
    int rc = engine_gazetteer(e, &bad_line);
    char *text = rc ? NULL : engine_join(e, p, &len);
    if (!text) {
        return rc ? rc : FIL_ENOMEM;
    }
    len = len > STORY_ENTITY_BYTES ? core_utf8_boundary(text, STORY_ENTITY_BYTES) : len;
    features_entity *f;
    size_t n;
    size_t token_count = 0;
    const text_token *tokens =
        c->word_keys ? joined_tokens(e, p, c, e->cfg.max_tokens, &token_count) : NULL;
    /* the counts' word keys are those of these tokens, in the same language */
    const uint32_t *keys = c->word_count >= token_count ? c->word_keys : NULL;
    const uint64_t *classes = keys ? c->word_classes : NULL;
    rc = tokens ? features_find_entities_in_tokens(e->gazetteer, e->stopwords, p->lang, text, len,
                                                   tokens, keys, classes, token_count, &e->scratch,
                                                   &f, &n)
                : features_find_entities(e->gazetteer, e->stopwords, p->lang, text, len,
                                         e->cfg.max_tokens, &e->scratch, &f, &n);
    rc = rc ? rc : remember_quotes(e, text, len, p->lang, f, n, m);
    return rc ? rc : remember_entities(e, f, n, m);
}

/* Keeps what the story stage needs of the article just added to event
 * ev (its cluster_stream_add decision) in e->articles. */
static int remember_article(fil_engine *e, const char *id, const engine_prepared *p,
                            const features_counts *c, int64_t t, const cluster_event *ev)
{
    if (core_array_reserve((void **)&e->articles, &e->article_capacity, e->article_count + 1,
                           sizeof *e->articles, 1024) ||
        core_array_reserve((void **)&e->when, &e->when_capacity, e->article_count + 1,
                           sizeof *e->when, 1024)) {
        return FIL_ENOMEM;
    }
    article_meta *m = &e->articles[e->article_count];
    article_when *w = &e->when[e->article_count];
    m->id = core_arena_strndup(&e->pool, id, strlen(id));
    m->title = core_arena_strndup(&e->pool, p->title, p->title_len);
    m->source = p->source ? core_arena_strndup(&e->pool, p->source, strlen(p->source)) : NULL;
    m->lead = NULL;
    m->lead_keys = NULL;
    int lead = e->cfg.stories && engine_lead_wanted(e, ev, e->article_count, p->lang, t);
    if (!m->id || !m->title || (p->source && !m->source) || (lead && keep_lead(e, p, c, m))) {
        return FIL_ENOMEM;
    }
    snprintf(w->lang, sizeof w->lang, "%s", p->lang);
    w->time_s = t;
    m->dated = NULL;
    m->dated_count = 0;
    m->entities = NULL;
    m->entity_count = 0;
    m->quotes = NULL;
    m->quote_count = 0;
    int rc = e->cfg.stories ? remember_dates(e, p, c, t, m) : FIL_OK;
    rc = rc || !e->cfg.stories ? rc : remember_story_words(e, p, c, m);
    if (rc) {
        engine_forget_lead(m); /* the article is not kept */
        return rc;
    }
    e->article_count++;
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * fil_add
 * ---------------------------------------------------------------------- */

int engine_prepare(fil_engine *e, const fil_article *a, int learn, engine_prepared *p)
{
    const char *raw = a->text ? a->text : "";
    size_t raw_len = strlen(raw);
    if (raw_len > e->cfg.max_article_bytes) {
        raw_len = core_utf8_boundary(raw, e->cfg.max_article_bytes);
    }
    p->source = a->source && *a->source ? a->source : host_of(&e->scratch, a->url);
    clean_output c;
    int rc = clean_article(e->learner, learn ? p->source : NULL, a->title ? a->title : "", raw,
                           raw_len, &e->scratch, &c);
    if (rc) {
        return rc;
    }
    p->title = c.title;
    p->title_len = c.title_len;
    p->text = c.text;
    p->text_len = c.text_len;
    engine_normalise_lang(a->lang, p->lang);
    if (!p->lang[0]) {
        size_t n = p->title_len + 1 + p->text_len;
        char *both = core_arena_alloc(&e->scratch, n + 1);
        if (!both) {
            return FIL_ENOMEM;
        }
        memcpy(both, p->title, p->title_len);
        both[p->title_len] = '\n';
        memcpy(both + p->title_len + 1, p->text, p->text_len + 1);
        text_detect_language(e->stopwords, both, n, &e->scratch, p->lang);
    }
    return FIL_OK;
}

/* Runs near-duplicate detection on the article (arrival index `seq` in
 * both the stream and the dedup index) and fills out's duplicate fields. */
static int find_duplicate(fil_engine *e, const fil_article *a, int64_t t, fil_assignment *out)
{
    size_t len;
    const char *words = engine_dedup_words(a, e->cfg.max_article_bytes, &len);
    dedup_decision d;
    int rc = dedup_index_add(e->dedup, words, len, t == CLUSTER_NO_TIME ? DEDUP_NO_TIME : t,
                             &e->scratch, &d);
    if (rc || d.kind == DEDUP_NONE) {
        return rc;
    }
    uint32_t root = dedup_index_root(e->dedup, d.seq);
    const dedup_record *r = dedup_index_record(e->dedup, d.seq);
    if (root == d.seq) {
        return FIL_OK; /* published before what it matched: the first publisher */
    }
    out->duplicate_kind = dedup_kind_name((dedup_kind)r->kind);
    out->duplicate_of = root;
    out->containment = r->containment;
    out->duplicate_of_id = e->cfg.keep_articles ? e->articles[root].id : NULL;
    return FIL_OK;
}

int fil_add(fil_engine *e, const fil_article *a, fil_assignment *out, fil_error *err)
{
    core_arena_reset(&e->scratch);
    memset(out, 0, sizeof *out);
    out->id = fil_article_id(a, e->derived_id);
    out->duplicate_of = -1;
    engine_prepared p;
    int rc = engine_prepare(e, a, 1, &p);
    if (rc) {
        return core_error_set(err, rc, "article %s: %s", out->id, fil_strerror(rc));
    }
    snprintf(out->lang, sizeof out->lang, "%s", p.lang);
    features_counts counts; /* kept: the story stage reads its tokens */
    features_doc doc;
    rc = features_count(&e->features, p.lang, p.title, p.title_len, p.text, p.text_len, &e->scratch,
                        &counts);
    rc = rc ? rc : features_weigh(&e->features, &counts, 1, &e->scratch, &doc);
    if (rc) {
        return core_error_set(err, rc, "article %s: %s", out->id, fil_strerror(rc));
    }
    int64_t t = engine_article_time(a, &out->time_ignored);
    cluster_decision d;
    rc = cluster_stream_add(e->stream, &doc, t, &e->scratch, &d);
    if (!rc && e->cfg.keep_articles) {
        rc = remember_article(e, out->id, &p, &counts, t, cluster_stream_event(e->stream, d.event));
    }
    /* after the stream took it, so that both number articles alike */
    rc = rc ? rc : find_duplicate(e, a, t, out);
    if (rc) {
        return core_error_set(err, rc, "article %s: %s", out->id, fil_strerror(rc));
    }
    out->event = d.event;
    out->score = d.score;
    out->is_new = d.is_new;
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Text tools
 * ---------------------------------------------------------------------- */

int fil_detect_language(fil_engine *e, const char *text, size_t len, char lang[8])
{
    core_arena_reset(&e->scratch);
    text_detect_language(e->stopwords, text, len, &e->scratch, lang);
    return FIL_OK;
}

int fil_tokens(fil_engine *e, const char *text, size_t len, const char *lang, fil_token_fn fn,
               void *ctx)
{
    core_arena_reset(&e->scratch);
    char code[8];
    engine_normalise_lang(lang, code);
    if (!code[0]) {
        text_detect_language(e->stopwords, text, len, &e->scratch, code);
    }
    text_token *tokens;
    size_t count;
    int rc = text_tokenize(text, len, e->cfg.max_tokens, &e->scratch, &tokens, &count);
    for (size_t i = 0; !rc && i < count; i++) {
        const text_token *t = &tokens[i];
        size_t n;
        const char *bare =
            features_bare_stem(&e->features, code, t->folded, t->folded_len, &e->scratch, &n);
        if (!bare) {
            return FIL_ENOMEM;
        }
        unsigned stop = text_stopwords_contains(e->stopwords, code, t->folded, t->folded_len)
                            ? TEXT_TOKEN_STOPWORD
                            : 0;
        fn(ctx, t->folded, bare, (t->flags & ~TEXT_TOKEN_INTERNAL) | stop);
    }
    return rc;
}
