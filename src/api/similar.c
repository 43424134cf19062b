/*
 * src/api/similar.c -- fil_learn, fil_similarity and its model (fil.h).
 *
 * Each article of a pair goes through the stream's own steps (clean,
 * language, TF-IDF sub-vectors) without joining the stream, and is then
 * described for cluster/similarity.h: character grams, numbers and
 * quotations. Both sides live in the engine's scratch arena, reset per
 * call.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/map.h"
#include "core/sort.h"
#include "core/utf8.h"
#include "dedup/sketch.h"
#include "features/chargrams.h"
#include "features/quotes.h"
#include "text/tokenize.h"

#define WHY_MAX_ENTITIES 20

extern const char engine_similarity_model_text[]; /* data/similarity.weights */

/* One article made ready for pair features. */
typedef struct side_data {
    features_doc doc;
    cluster_pair_side side;
    const char *joined; /* title, a line break, text */
    text_token *tokens; /* of joined; their offsets point into it only when asked for */
    size_t token_count;
} side_data;

/* Sorted, unique keys of the number tokens of two characters or more. */
static int collect_numbers(fil_engine *e, side_data *s)
{
    uint64_t *keys = core_arena_alloc(&e->scratch, (s->token_count + 1) * sizeof *keys);
    uint64_t *tmp = core_arena_alloc(&e->scratch, (s->token_count + 1) * sizeof *tmp);
    if (!keys || !tmp) {
        return FIL_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < s->token_count; i++) {
        const text_token *t = &s->tokens[i];
        if ((t->flags & TEXT_TOKEN_NUMBER) && t->folded_len >= 2) {
            keys[n++] = core_hash(t->folded, t->folded_len, 0x6e756d62ULL);
        }
    }
    core_sort_u64(keys, n, tmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m || keys[i] != keys[m - 1]) {
            keys[m++] = keys[i];
        }
    }
    s->side.numbers = keys;
    s->side.number_count = m;
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * What fil_learn found, kept for fil_similarity (engine.h, engine_learned)
 * ---------------------------------------------------------------------- */

/* The tokens of an article's title then text, as pair features read
 * them (folded form and flags; no offsets), packed: the folded forms one
 * after another, each with its NUL. */
typedef struct packed_tokens {
    char *folded;   /* count NUL-terminated strings (a token holds no NUL) */
    uint8_t *flags; /* TEXT_TOKEN_* of each */
    size_t count;
} packed_tokens;

typedef struct learned_entry {
    const char *title, *text; /* cleaned, as features_count read them */
    size_t title_len, text_len;
    features_counts counts; /* counts.lang: the language */
    packed_tokens tokens;   /* counts.word_count of them; none without word_keys */
} learned_entry;

static uint64_t learned_hash(const engine_prepared *p)
{
    uint64_t h = core_hash(p->lang, strlen(p->lang), 0x6c726e64ULL); /* "lrnd" */
    h = core_hash(p->title, p->title_len, h);
    return core_hash(p->text, p->text_len, h);
}

/* The entry kept for the article p, or NULL. */
static const learned_entry *learned_find(const fil_engine *e, const engine_prepared *p)
{
    const uint64_t *v = core_map_get(&e->learned.index, learned_hash(p));
    const learned_entry *m = v ? (const learned_entry *)(uintptr_t)*v : NULL;
    int same = m && m->title_len == p->title_len && m->text_len == p->text_len &&
               strcmp(m->counts.lang, p->lang) == 0 &&
               memcmp(m->title, p->title, p->title_len) == 0 &&
               memcmp(m->text, p->text, p->text_len) == 0;
    return same ? m : NULL;
}

/* Packs two token lists, one after the other, into the arena. */
static int pack_tokens(const text_token *a, size_t na, const text_token *b, size_t nb,
                       core_arena *arena, packed_tokens *out)
{
    size_t bytes = 1;
    for (size_t i = 0; i < na + nb; i++) {
        bytes += (i < na ? a[i] : b[i - na]).folded_len + 1;
    }
    out->count = na + nb;
    out->folded = core_arena_alloc(arena, bytes);
    out->flags = core_arena_alloc(arena, out->count + 1);
    if (!out->folded || !out->flags) {
        return FIL_ENOMEM;
    }
    char *at = out->folded;
    for (size_t i = 0; i < out->count; i++) {
        const text_token *t = i < na ? &a[i] : &b[i - na];
        memcpy(at, t->folded, t->folded_len + 1);
        at += t->folded_len + 1;
        out->flags[i] = (uint8_t)t->flags;
    }
    return FIL_OK;
}

/* The tokens back from their packed form (arena), without offsets. */
static text_token *unpack_tokens(const packed_tokens *p, core_arena *arena)
{
    text_token *t = core_arena_alloc(arena, (p->count + 1) * sizeof *t);
    const char *at = p->folded;
    for (size_t i = 0; t && i < p->count; i++) {
        size_t n = strlen(at);
        t[i] = (text_token){at, (uint32_t)n, 0, 0, p->flags[i]};
        at += n + 1;
    }
    return t;
}

/* Keeps a copy of the counts and tokens of p; 0 when the memo is full. */
static int learned_put(fil_engine *e, const engine_prepared *p, const features_counts *c)
{
    core_arena *arena = &e->learned.arena;
    learned_entry *m = core_arena_alloc(arena, sizeof *m);
    if (!m) {
        return 0;
    }
    memset(m, 0, sizeof *m);
    m->title = core_arena_strndup(arena, p->title, p->title_len);
    m->text = core_arena_strndup(arena, p->text, p->text_len);
    m->title_len = p->title_len;
    m->text_len = p->text_len;
    int rc = m->title && m->text ? features_counts_copy(c, arena, &m->counts) : FIL_ENOMEM;
    if (!rc && c->word_keys) {
        rc = pack_tokens(c->title_tokens, c->title_token_count, c->text_tokens, c->text_token_count,
                         arena, &m->tokens);
    }
    rc = rc ? rc : core_map_put(&e->learned.index, learned_hash(p), (uint64_t)(uintptr_t)m);
    return rc == FIL_OK;
}

/* Keeps the counts of a learned article for fil_similarity, unless an
 * article of that hash is kept already. When the memo is full it is
 * emptied first. Never an error: a memo that cannot keep an article only
 * makes its scoring slower. */
static void learned_keep(fil_engine *e, const engine_prepared *p, const features_counts *c)
{
    if (core_map_get(&e->learned.index, learned_hash(p))) {
        return; /* this article, or (rarely) another of the same hash */
    }
    if (!learned_put(e, p, c)) {
        core_map_free(&e->learned.index);
        core_arena_reset(&e->learned.arena);
        if (!learned_put(e, p, c)) {
            core_map_free(&e->learned.index); /* a part may be in: drop it */
            core_arena_reset(&e->learned.arena);
        }
    }
}

/* ------------------------------------------------------------------------
 * One side of a pair
 * ---------------------------------------------------------------------- */

/* The tokens of title, a line break and text, for grams and numbers: when
 * no tokenisation stopped at max_tokens (word_keys), those of the title
 * then those of the text, known already (learned or fresh); else the
 * joined text is tokenised. with_offsets: the tokens must point into
 * s->joined (the evidence quotes them), so it is tokenised. */
static int side_tokens(fil_engine *e, const learned_entry *m, const features_counts *c, size_t len,
                       int with_offsets, side_data *s)
{
    if (with_offsets || !c->word_keys) {
        return text_tokenize(s->joined, len, e->cfg.max_tokens, &e->scratch, &s->tokens,
                             &s->token_count);
    }
    if (m) {
        s->tokens = unpack_tokens(&m->tokens, &e->scratch);
        s->token_count = m->tokens.count;
        return s->tokens ? FIL_OK : FIL_ENOMEM;
    }
    size_t n = c->title_token_count + c->text_token_count;
    s->tokens = core_arena_alloc(&e->scratch, (n + 1) * sizeof *s->tokens);
    if (!s->tokens) {
        return FIL_ENOMEM;
    }
    if (c->title_token_count) {
        memcpy(s->tokens, c->title_tokens, c->title_token_count * sizeof *s->tokens);
    }
    if (c->text_token_count) {
        memcpy(s->tokens + c->title_token_count, c->text_tokens,
               c->text_token_count * sizeof *s->tokens);
    }
    s->token_count = n;
    return FIL_OK;
}

static int build_side(fil_engine *e, const fil_article *a, int with_offsets, side_data *s)
{
    memset(s, 0, sizeof *s);
    engine_prepared p;
    size_t len = 0;
    features_counts fresh;
    int rc = engine_prepare(e, a, 0, &p);
    const learned_entry *m = rc ? NULL : learned_find(e, &p);
    const features_counts *c = m ? &m->counts : &fresh;
    if (!rc && !m) {
        rc = features_count(&e->features, p.lang, p.title, p.title_len, p.text, p.text_len,
                            &e->scratch, &fresh);
    }
    rc = rc ? rc : features_weigh(&e->features, c, 0, &e->scratch, &s->doc);
    s->joined = rc ? NULL : engine_join(e, &p, &len);
    rc = rc ? rc : s->joined ? FIL_OK : FIL_ENOMEM;
    rc = rc ? rc : side_tokens(e, m, c, len, with_offsets, s);
    /* the joined tokens are the title's then the text's: their keys are known */
    const uint32_t *keys =
        !rc && c->word_keys && c->word_count == s->token_count ? c->word_keys : NULL;
    rc =
        rc ? rc
           : features_char_grams(&e->features, p.lang, s->tokens, s->token_count, keys, &e->scratch,
                                 &s->side.grams, &s->side.name_grams, &s->side.prefixes);
    rc = rc ? rc : collect_numbers(e, s);
    rc = rc ? rc
            : dedup_shingles(s->joined, len, &e->scratch, (uint64_t **)&s->side.shingles,
                             &s->side.shingle_count);
    features_quote *quotes = NULL;
    rc = rc ? rc : features_find_quotes(s->joined, len, &e->scratch, &quotes, &s->side.quote_count);
    if (rc) {
        return rc;
    }
    int ignored;
    s->side.doc = &s->doc;
    s->side.quotes = quotes;
    s->side.time_s = engine_article_time(a, &ignored);
    snprintf(s->side.lang, sizeof s->side.lang, "%s", p.lang);
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * The evidence ("why")
 * ---------------------------------------------------------------------- */

static int has_key(const features_vector *v, uint32_t key)
{
    uint32_t lo = 0, hi = v->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (v->terms[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < v->count && v->terms[lo].key == key;
}

/* Names of a (as written in a) whose entity key both articles hold, in the
 * order a first writes them, at most WHY_MAX_ENTITIES. */
static int write_shared_entities(fil_engine *e, const side_data *a, const side_data *b,
                                 core_buf *out)
{
    uint32_t seen[WHY_MAX_ENTITIES];
    size_t n = 0;
    int rc = core_buf_append_str(out, "\"shared_entities\":[");
    for (size_t i = 0; !rc && i < a->token_count && n < WHY_MAX_ENTITIES; i++) {
        const text_token *t = &a->tokens[i];
        if (!(t->flags & TEXT_TOKEN_CAPITALISED) || (t->flags & TEXT_TOKEN_NUMBER)) {
            continue;
        }
        uint32_t key = features_entity_key(&e->features, a->side.lang, t, &e->scratch);
        int known = 0;
        for (size_t k = 0; k < n; k++) {
            known |= seen[k] == key;
        }
        if (!key || known || !has_key(&a->doc.entities, key) || !has_key(&b->doc.entities, key)) {
            continue;
        }
        seen[n++] = key;
        char word[128];
        const char *s = a->joined + t->offset;
        size_t len = t->len < sizeof word ? t->len : core_utf8_boundary(s, sizeof word - 1);
        snprintf(word, sizeof word, "%.*s", (int)len, s);
        rc = core_buf_append_str(out, n > 1 ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(out, word);
    }
    return rc ? rc : core_buf_append_char(out, ']');
}

static int write_why(fil_engine *e, const side_data *a, const side_data *b,
                     const double f[CLUSTER_PAIR_FEATURES], char **why)
{
    core_buf out;
    core_buf_init(&out, 0);
    int rc = core_buf_append_char(&out, '{');
    rc = rc ? rc : write_shared_entities(e, a, b, &out);
    rc = rc ? rc
            : core_buf_printf(&out, ",\"shared_quotes\":%u,\"day_gap\":",
                              cluster_shared_quotes(&a->side, &b->side, 0));
    int64_t ta = a->side.time_s, tb = b->side.time_s;
    if (!rc && (ta == CLUSTER_NO_TIME || tb == CLUSTER_NO_TIME)) {
        rc = core_buf_append_str(&out, "null");
    } else if (!rc) {
        rc = core_buf_printf(&out, "%.1f", fabs((double)(ta - tb)) / 86400.0);
    }
    double event_score;
    cluster_pair_same_event(&e->cfg, &a->side, &b->side, &event_score);
    dedup_relation r = cluster_pair_relation(&a->side, &b->side);
    const char *kind = dedup_kind_name(r.kind);
    rc = rc ? rc
            : core_buf_printf(&out, ",\"repeat\":%s%s%s", kind ? "\"" : "", kind ? kind : "null",
                              kind ? "\"" : "");
    rc = rc ? rc : core_buf_printf(&out, ",\"event_score\":%.4f", event_score);
    rc = rc ? rc : core_buf_append_str(&out, ",\"languages\":[");
    rc = rc ? rc : core_buf_append_json_string(&out, a->side.lang);
    rc = rc ? rc : core_buf_append_char(&out, ',');
    rc = rc ? rc : core_buf_append_json_string(&out, b->side.lang);
    rc = rc ? rc : core_buf_append_str(&out, "],\"features\":{");
    for (int i = 0; !rc && i < CLUSTER_PAIR_FEATURES; i++) {
        rc = core_buf_printf(&out, "%s\"%s\":%.4g", i ? "," : "", cluster_pair_feature_names[i],
                             f[i]);
    }
    rc = rc ? rc : core_buf_append_str(&out, "}}");
    if (rc) {
        core_buf_free(&out);
        return rc;
    }
    *why = core_buf_take(&out);
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Public calls
 * ---------------------------------------------------------------------- */

int engine_load_similarity(fil_engine *e)
{
    const char *p = engine_similarity_model_text;
    p += strspn(p, " \t\r\n");
    while (*p == '#') {
        p += strcspn(p, "\n");
        p += strspn(p, " \t\r\n");
    }
    if (!*p) {
        return FIL_OK; /* no model in this build */
    }
    int rc = cluster_similarity_model_read(engine_similarity_model_text, &e->similarity);
    e->has_similarity = rc == FIL_OK;
    return rc;
}

int fil_learn(fil_engine *e, const fil_article *a, fil_error *err)
{
    core_arena_reset(&e->scratch);
    engine_prepared p;
    features_counts counts;
    int rc = engine_prepare(e, a, 1, &p);
    rc = rc ? rc
            : features_count(&e->features, p.lang, p.title, p.title_len, p.text, p.text_len,
                             &e->scratch, &counts);
    if (!rc) {
        learned_keep(e, &p, &counts);
    }
    /* the weights would be thrown away: only df and the names are learned */
    rc = rc ? rc : features_learn(&e->features, &counts, &e->scratch);
    return rc ? core_error_set(err, rc, "learning an article: %s", fil_strerror(rc)) : FIL_OK;
}

/* Features of one pair into f. */
static int pair_features(fil_engine *e, const fil_article *a, const fil_article *b,
                         int with_offsets, side_data *sa, side_data *sb,
                         double f[CLUSTER_PAIR_FEATURES])
{
    core_arena_reset(&e->scratch);
    int rc = build_side(e, a, with_offsets, sa);
    rc = rc ? rc : build_side(e, b, with_offsets, sb);
    if (!rc) {
        cluster_pair_features(&e->cfg, &sa->side, &sb->side, f);
    }
    return rc;
}

int fil_similarity(fil_engine *e, const fil_article *a, const fil_article *b, unsigned flags,
                   fil_similarity_result *out, fil_error *err)
{
    memset(out, 0, sizeof *out);
    if (!e->has_similarity) {
        return core_error_set(err, FIL_ENOTFOUND, "no similarity model in this build");
    }
    side_data sa, sb;
    double f[CLUSTER_PAIR_FEATURES], d[CLUSTER_DIMENSIONS];
    int rc = pair_features(e, a, b, (flags & FIL_SIMILARITY_WHY) != 0, &sa, &sb, f);
    if (!rc && (flags & FIL_SIMILARITY_WHY)) {
        rc = write_why(e, &sa, &sb, f, &out->why);
    }
    if (rc) {
        return core_error_set(err, rc, "similarity: %s", fil_strerror(rc));
    }
    cluster_similarity_predict(&e->similarity, f, d);
    out->overall = d[0];
    out->geography = d[1];
    out->entities = d[2];
    out->time = d[3];
    out->narrative = d[4];
    out->same_event = f[CLUSTER_PAIR_SAME_EVENT] != 0; /* cluster_pair_same_event's answer */
    return FIL_OK;
}

int fil_similarity_train(fil_engine *e, const fil_article *a, const fil_article *b,
                         const double *gold, size_t n, const char *header, char **model_text,
                         fil_error *err)
{
    *model_text = NULL;
    double *x = core_malloc((n ? n : 1) * CLUSTER_PAIR_FEATURES * sizeof *x);
    if (!x) {
        return core_error_set(err, FIL_ENOMEM, "out of memory");
    }
    int rc = FIL_OK;
    for (size_t i = 0; !rc && i < n; i++) {
        side_data sa, sb;
        rc = pair_features(e, &a[i], &b[i], 0, &sa, &sb, x + i * CLUSTER_PAIR_FEATURES);
    }
    cluster_similarity_model m;
    rc = rc ? rc : cluster_similarity_model_train(x, gold, n, &m);
    free(x);
    if (rc) {
        return core_error_set(err, rc, "training the similarity model: %s", fil_strerror(rc));
    }
    core_buf b_out;
    core_buf_init(&b_out, 0);
    rc = cluster_similarity_model_write(&m, header, &b_out);
    cluster_similarity_model_free(&m);
    if (rc) {
        core_buf_free(&b_out);
        return core_error_set(err, rc, "writing the similarity model: %s", fil_strerror(rc));
    }
    *model_text = core_buf_take(&b_out);
    return FIL_OK;
}

int fil_similarity_use(fil_engine *e, const char *model_text, fil_error *err)
{
    cluster_similarity_model m;
    int rc = cluster_similarity_model_read(model_text, &m);
    if (rc) {
        return core_error_set(err, rc, "similarity model: %s", fil_strerror(rc));
    }
    cluster_similarity_model_free(&e->similarity);
    e->similarity = m;
    e->has_similarity = 1;
    return FIL_OK;
}
