/*
 * src/api/engine.c -- fil_engine: the pipeline behind fil_add, and the
 * events it describes (fil.h).
 *
 * One article flows: clean (clean/) -> language (text/langid) -> TF-IDF
 * sub-vectors (features/) -> event clustering (cluster/); events are
 * labelled (story/) when they retire or when output is asked for. All
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
#include "core/utf8.h"
#include "features/termvec.h"
#include "io/date.h"
#include "story/label.h"
#include "text/langid.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

static void label_on_retire(void *ctx, cluster_event *ev);

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
    core_arena_init(&e->pool, 1024 * 1024, 0);
    e->stopwords = text_stopwords_new();
    e->stemmers = text_stemmers_new();
    e->learner = clean_learner_new(e->cfg.boilerplate_min_count);
    e->stream = cluster_stream_new(&e->cfg);
    e->dedup = dedup_index_new(e->cfg.dedup_window, e->cfg.keep_articles ? 0 : e->cfg.dedup_window);
    if (!e->stopwords || !e->stemmers || !e->learner || !e->stream || !e->dedup) {
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
    cluster_stream_set_retire_hook(e->stream, label_on_retire, e);
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
    features_context_free(&e->features);
    clean_learner_free(e->learner);
    text_stemmers_free(e->stemmers);
    text_stopwords_free(e->stopwords);
    core_arena_free(&e->scratch);
    core_arena_free(&e->label_scratch);
    core_arena_free(&e->pool);
    free(e->articles);
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
static void normalise_lang(const char *given, char out[8])
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
static const char *article_id(const fil_article *a, char out[ENGINE_ID_BYTES])
{
    if (a->id && *a->id) {
        return a->id;
    }
    uint64_t h =
        a->url && *a->url
            ? core_hash(a->url, strlen(a->url), 1)
            : core_hash(a->text ? a->text : "", a->text ? strlen(a->text) : 0,
                        core_hash(a->title ? a->title : "", a->title ? strlen(a->title) : 0, 2));
    snprintf(out, ENGINE_ID_BYTES, "h%016llx", (unsigned long long)h);
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

static int remember_article(fil_engine *e, const char *id, const char *title, const char *source,
                            const char *lang, int64_t t)
{
    if (core_array_reserve((void **)&e->articles, &e->article_capacity, e->article_count + 1,
                           sizeof *e->articles, 1024)) {
        return FIL_ENOMEM;
    }
    article_meta *m = &e->articles[e->article_count];
    m->id = core_arena_strndup(&e->pool, id, strlen(id));
    m->title = core_arena_strndup(&e->pool, title, strlen(title));
    m->source = source ? core_arena_strndup(&e->pool, source, strlen(source)) : NULL;
    if (!m->id || !m->title || (source && !m->source)) {
        return FIL_ENOMEM;
    }
    snprintf(m->lang, sizeof m->lang, "%s", lang);
    m->time_s = t;
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
    normalise_lang(a->lang, p->lang);
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
    out->id = article_id(a, e->derived_id);
    out->duplicate_of = -1;
    engine_prepared p;
    int rc = engine_prepare(e, a, 1, &p);
    if (rc) {
        return core_error_set(err, rc, "article %s: %s", out->id, fil_strerror(rc));
    }
    snprintf(out->lang, sizeof out->lang, "%s", p.lang);
    features_doc doc;
    rc = features_analyze(&e->features, p.lang, p.title, p.title_len, p.text, p.text_len, 1,
                          &e->scratch, &doc);
    if (rc) {
        return core_error_set(err, rc, "article %s: %s", out->id, fil_strerror(rc));
    }
    int64_t t = engine_article_time(a, &out->time_ignored);
    cluster_decision d;
    rc = cluster_stream_add(e->stream, &doc, t, &e->scratch, &d);
    if (!rc && e->cfg.keep_articles) {
        rc = remember_article(e, out->id, p.title, p.source, p.lang, t);
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
 * Events as JSON
 * ---------------------------------------------------------------------- */

/* Writes the event's label into out; needs its centroid, so it runs when
 * the event retires (the hook) or, for active events, at output. */
static int write_label(fil_engine *e, const cluster_event *ev, core_buf *out)
{
    size_t n = ev->size < STORY_LABEL_MAX_TITLES ? ev->size : STORY_LABEL_MAX_TITLES;
    const char **titles = core_arena_alloc(&e->label_scratch, (n + 1) * sizeof *titles);
    const char **langs = core_arena_alloc(&e->label_scratch, (n + 1) * sizeof *langs);
    if (!titles || !langs) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const article_meta *m = &e->articles[ev->members[i]];
        titles[i] = m->title;
        langs[i] = m->lang;
    }
    int rc = story_label(&e->features, ev, titles, langs, n, &e->label_scratch, out);
    core_arena_reset(&e->label_scratch);
    return rc;
}

static void label_on_retire(void *ctx, cluster_event *ev)
{
    fil_engine *e = ctx;
    if (!e->cfg.keep_articles || ev->label) {
        return;
    }
    core_buf b;
    core_buf_init(&b, 0);
    if (write_label(e, ev, &b) == FIL_OK) {
        ev->label = core_buf_take(&b); /* on failure the label is made again at output */
    }
    core_buf_free(&b);
}

static int write_time(core_buf *b, const char *key, int64_t t)
{
    if (t == CLUSTER_NO_TIME) {
        return core_buf_printf(b, ",\"%s\":null", key);
    }
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    /* civil_from_days (Hinnant), the inverse of io_days_from_civil */
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    return core_buf_printf(b, ",\"%s\":\"%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ\"", key,
                           (long long)y, (long long)m, (long long)d, (long long)(secs / 3600),
                           (long long)(secs / 60 % 60), (long long)(secs % 60));
}

/* Members are listed by time; untimed ones follow, by arrival. */
typedef struct member_sort {
    uint64_t arrival;
    int64_t time_s;
} member_sort;

static int compare_member_sort(const void *a, const void *b)
{
    const member_sort *x = a, *y = b;
    int tx = x->time_s != CLUSTER_NO_TIME, ty = y->time_s != CLUSTER_NO_TIME;
    if (tx != ty) {
        return ty - tx;
    }
    if (tx && x->time_s != y->time_s) {
        return x->time_s < y->time_s ? -1 : 1;
    }
    return (x->arrival > y->arrival) - (x->arrival < y->arrival);
}

static const char *meta_lang(const article_meta *m)
{
    return m->lang;
}

static const char *meta_source(const article_meta *m)
{
    return m->source;
}

typedef struct value_count {
    const char *value;
    uint32_t count;
} value_count;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int compare_counts(const void *a, const void *b)
{
    const value_count *x = a, *y = b;
    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return strcmp(x->value, y->value);
}

/* Appends ,"key":{"value":count,...} over the members' values of one field,
 * most frequent first, ties by name; members without a value are left out. */
static int write_counts(fil_engine *e, core_buf *b, const char *key, const cluster_event *ev,
                        const char *(*get)(const article_meta *))
{
    const char **values = core_arena_alloc(&e->scratch, (ev->size + 1) * sizeof *values);
    value_count *runs = core_arena_alloc(&e->scratch, (ev->size + 1) * sizeof *runs);
    if (!values || !runs) {
        return FIL_ENOMEM;
    }
    size_t n = 0, n_runs = 0;
    for (uint32_t i = 0; i < ev->size; i++) {
        const char *v = get(&e->articles[ev->members[i]]);
        if (v && *v) {
            values[n++] = v;
        }
    }
    qsort(values, n, sizeof *values, compare_strings);
    for (size_t i = 0; i < n; i++) {
        if (n_runs && strcmp(runs[n_runs - 1].value, values[i]) == 0) {
            runs[n_runs - 1].count++;
        } else {
            runs[n_runs++] = (value_count){values[i], 1};
        }
    }
    qsort(runs, n_runs, sizeof *runs, compare_counts);
    int rc = core_buf_printf(b, ",\"%s\":{", key);
    for (size_t i = 0; !rc && i < n_runs; i++) {
        rc = core_buf_append_str(b, i ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(b, runs[i].value);
        rc = rc ? rc : core_buf_printf(b, ":%u", runs[i].count);
    }
    return rc ? rc : core_buf_append_char(b, '}');
}

/* Appends ,"original_source":..., the source of the first member in time
 * order (order[0]), and ,"duplicates":[{id, of, kind}] for the members
 * that repeat another article, "of" naming its first publisher. */
static int write_coverage(fil_engine *e, const cluster_event *ev, const member_sort *order,
                          core_buf *b)
{
    const char *first = e->articles[order[0].arrival].source;
    int rc = core_buf_append_str(b, ",\"original_source\":");
    rc = rc ? rc : first ? core_buf_append_json_string(b, first) : core_buf_append_str(b, "null");
    rc = rc ? rc : core_buf_append_str(b, ",\"duplicates\":[");
    int written = 0;
    for (uint32_t i = 0; !rc && i < ev->size; i++) {
        uint32_t m = (uint32_t)order[i].arrival, root = dedup_index_root(e->dedup, m);
        if (root == m) {
            continue;
        }
        const dedup_record *r = dedup_index_record(e->dedup, m);
        rc = core_buf_append_str(b, written++ ? ",{\"id\":" : "{\"id\":");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[m].id);
        rc = rc ? rc : core_buf_append_str(b, ",\"of\":");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[root].id);
        rc =
            rc ? rc : core_buf_printf(b, ",\"kind\":\"%s\"}", dedup_kind_name((dedup_kind)r->kind));
    }
    return rc ? rc : core_buf_append_char(b, ']');
}

static int write_event(fil_engine *e, const cluster_event *ev, core_buf *b)
{
    member_sort *order = core_arena_alloc(&e->scratch, (ev->size + 1) * sizeof *order);
    if (!order) {
        return FIL_ENOMEM;
    }
    for (uint32_t i = 0; i < ev->size; i++) {
        order[i] = (member_sort){ev->members[i], e->articles[ev->members[i]].time_s};
    }
    qsort(order, ev->size, sizeof *order, compare_member_sort);
    int rc = core_buf_printf(b, "{\"id\":%llu,\"size\":%u,\"label\":", (unsigned long long)ev->id,
                             ev->size);
    rc = rc ? rc : ev->label ? core_buf_append_str(b, ev->label) : write_label(e, ev, b);
    rc = rc ? rc : write_counts(e, b, "languages", ev, meta_lang);
    rc = rc ? rc : write_counts(e, b, "sources", ev, meta_source);
    rc = rc ? rc : write_time(b, "first", ev->oldest_s);
    rc = rc ? rc : write_time(b, "last", ev->newest_s);
    rc = rc ? rc : write_coverage(e, ev, order, b);
    rc = rc ? rc : core_buf_append_str(b, ",\"articles\":[");
    for (uint32_t i = 0; !rc && i < ev->size; i++) {
        rc = core_buf_append_str(b, i ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[order[i].arrival].id);
    }
    return rc ? rc : core_buf_append_str(b, "]}");
}

int fil_events_json(fil_engine *e, char **out, size_t *len, fil_error *err)
{
    *out = NULL;
    *len = 0;
    if (!e->cfg.keep_articles) {
        return core_error_set(err, FIL_EINVAL, "events need keep_articles = 1");
    }
    core_buf b;
    core_buf_init(&b, 0);
    int rc = core_buf_append_char(&b, '[');
    uint64_t written = 0;
    for (uint64_t id = 0; !rc && id < cluster_stream_event_count(e->stream); id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        if (!ev) {
            continue;
        }
        core_arena_reset(&e->scratch);
        rc = core_buf_append_str(&b, written++ ? ",\n" : "\n");
        rc = rc ? rc : write_event(e, ev, &b);
    }
    rc = rc ? rc : core_buf_append_str(&b, "\n]\n");
    if (rc) {
        core_buf_free(&b);
        return core_error_set(err, rc, "events: %s", fil_strerror(rc));
    }
    *len = b.len;
    *out = core_buf_take(&b);
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
    normalise_lang(lang, code);
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
        fn(ctx, t->folded, bare, (t->flags & ~TEXT_TOKEN_MAY_HYPHEN) | stop);
    }
    return rc;
}
