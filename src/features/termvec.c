/*
 * src/features/termvec.c -- streaming TF-IDF; see termvec.h.
 */
#include "features/termvec.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/prefetch.h"
#include "core/sort.h"
#include "fil.h"
#include "text/normalize.h"

#define SEED_STEM   0x7465726dULL /* "term" */
#define SEED_ENTITY 0x656e7479ULL /* "enty" */
#define SEED_PHRASE 0x70687261ULL /* "phra" */

/* One slot of the word cache: the word's hash (0 = empty), its keys and
 * its class (FEATURES_CLASS_UNKNOWN without a classifier). 32 bytes, so
 * that a slot never straddles two cache lines: one prefetch brings it. */
struct features_cached_word {
    _Alignas(32) uint64_t word;
    uint32_t text, entity;
    uint64_t word_class;
};

int features_context_init(features_context *ctx, const text_stopwords *sw, text_stemmers *st,
                          uint32_t max_tokens)
{
    core_map_init(&ctx->df, 0);
    core_map_init(&ctx->names, 0);
    ctx->word_cache = core_calloc_table(FEATURES_CACHED_WORDS * sizeof *ctx->word_cache);
    ctx->word_class = NULL;
    ctx->word_class_arg = NULL;
    ctx->folds = text_fold_cache_new();
    ctx->doc_count = 0;
    ctx->stopwords = sw;
    ctx->stemmers = st;
    ctx->max_tokens = max_tokens;
    ctx->log_tf[0] = 0; /* unused: a term count is at least 1 */
    memset(ctx->idf, 0, sizeof ctx->idf);
    ctx->idf_n = 0;
    for (uint32_t tf = 1; tf < FEATURES_LOGGED_TF; tf++) {
        ctx->log_tf[tf] = log((double)tf);
    }
    return ctx->word_cache && ctx->folds ? FIL_OK : FIL_ENOMEM;
}

void features_context_set_word_class(features_context *ctx, features_word_class_fn fn, void *arg)
{
    ctx->word_class = fn;
    ctx->word_class_arg = arg;
    /* words cached before have no class: forgotten, they are met anew */
    memset(ctx->word_cache, 0, FEATURES_CACHED_WORDS * sizeof *ctx->word_cache);
}

void features_context_free(features_context *ctx)
{
    core_map_free(&ctx->df);
    core_map_free(&ctx->names);
    free(ctx->word_cache);
    ctx->word_cache = NULL;
    ctx->word_class = NULL;
    text_fold_cache_free(ctx->folds);
    ctx->folds = NULL;
}

static uint32_t key_of(const void *s, size_t n, uint64_t seed)
{
    uint32_t k = (uint32_t)core_hash(s, n, seed);
    return k ? k : 1; /* 0 means "no key" to callers */
}

/* A token worth a term: has a letter or is a number, and is not one
 * character long (initials and stray letters carry no topic). */
static int is_content(const text_token *t)
{
    return t->folded_len >= 2 || (t->flags & TEXT_TOKEN_NUMBER);
}

const char *features_bare_stem(features_context *ctx, const char *lang, const char *folded,
                               size_t len, core_arena *arena, size_t *out_len)
{
    size_t n;
    const char *stem = text_stem(ctx->stemmers, lang, folded, len, arena, &n);
    return stem ? text_fold_cached(ctx->folds, stem, n, TEXT_FOLD_STRIP_ACCENTS, arena, out_len)
                : NULL;
}

/* A language as word lookups use it: its code, the seed mixed into a
 * word's hash so that one word in two languages (whose stemmers differ)
 * has two cache entries, and its seed in the stopword set. */
typedef struct word_lang {
    const char *code;
    uint64_t seed;
    uint64_t stop_seed; /* text_stopwords_seed(code) */
} word_lang;

static word_lang word_lang_of(const char *lang)
{
    word_lang l = {lang, core_hash(lang, strlen(lang), 7) * 0x9e3779b97f4a7c15ULL,
                   text_stopwords_seed(lang)};
    return l;
}

/* The keys a word can give: its stem key for title/text vectors (0 for a
 * stopword, or a token too short to carry a topic) and its entity key
 * (accent-stripped, unstemmed; 0 for a stopword or a one-character token),
 * whether or not this occurrence turns out to be a name. failed is set
 * when the arena ran out, and the keys are then not to be cached. */
typedef struct word_keys {
    uint32_t text, entity;
    int failed;
    uint64_t word_class; /* the word's class, with a classifier */
} word_keys;

/* word_hash: core_hash(tok->folded, tok->folded_len, 0). */
static word_keys compute_word_keys(features_context *ctx, const word_lang *lang,
                                   const text_token *tok, uint64_t word_hash, core_arena *arena)
{
    word_keys wk = {0, 0, 0, FEATURES_CLASS_UNKNOWN};
    if (ctx->word_class) {
        wk.word_class =
            ctx->word_class(ctx->word_class_arg, lang->code, tok->folded, tok->folded_len);
    }
    if (text_stopwords_contains_hash(ctx->stopwords, lang->stop_seed, word_hash)) {
        return wk;
    }
    size_t n;
    if (is_content(tok)) {
        const char *bare =
            features_bare_stem(ctx, lang->code, tok->folded, tok->folded_len, arena, &n);
        wk.text = bare ? key_of(bare, n, SEED_STEM) : 0;
        wk.failed |= !bare;
    }
    if (tok->folded_len >= 2) {
        const char *bare = text_fold_cached(ctx->folds, tok->folded, tok->folded_len,
                                            TEXT_FOLD_STRIP_ACCENTS, arena, &n);
        wk.entity = bare ? key_of(bare, n, SEED_ENTITY) : 0;
        wk.failed |= !bare;
    }
    return wk;
}

/* A word's keys. Stemming and folding are the costliest steps per token
 * and words repeat (Zipf), so keys are cached by (language, folded word)
 * in a direct-mapped table: one probe, fixed memory; a word that collides
 * with another just takes its slot (a miss costs a recomputation, never a
 * wrong key, since the whole 64-bit hash is compared). */
static uint64_t cached_word_id(uint64_t lang_seed, uint64_t word_hash)
{
    return (word_hash ^ lang_seed) | 1; /* never 0, the empty mark */
}

/* Word cache slots are fetched twice CORE_PREFETCH_AHEAD tokens ahead, so
 * that CORE_PREFETCH_AHEAD tokens ahead the slot is in and shows whether
 * the stopword set is needed (a cached token costs little work: the usual
 * distance would not hide two misses one after the other). */
#define WORD_PREFETCH_AHEAD (2 * CORE_PREFETCH_AHEAD)

static size_t cache_index(uint64_t word)
{
    return (word >> 17) & (FEATURES_CACHED_WORDS - 1);
}

static struct features_cached_word *cache_slot(const features_context *ctx, uint64_t word)
{
    return &ctx->word_cache[cache_index(word)];
}

static word_keys lookup_word_keys(features_context *ctx, const word_lang *lang,
                                  const text_token *tok, uint64_t word_hash, core_arena *arena)
{
    uint64_t word = cached_word_id(lang->seed, word_hash);
    struct features_cached_word *slot = cache_slot(ctx, word);
    if (slot->word == word) {
        return (word_keys){slot->text, slot->entity, 0, slot->word_class};
    }
    word_keys wk = compute_word_keys(ctx, lang, tok, word_hash, arena);
    if (wk.failed) {
        return wk; /* a step ran out of memory: this answer is not for keeping */
    }
    slot->word = word;
    slot->text = wk.text;
    slot->entity = wk.entity;
    slot->word_class = wk.word_class;
    return wk;
}

uint32_t features_token_key(features_context *ctx, const char *lang, const text_token *tok,
                            core_arena *arena)
{
    if (!is_content(tok)) {
        return 0;
    }
    word_lang l = word_lang_of(lang);
    return lookup_word_keys(ctx, &l, tok, core_hash(tok->folded, tok->folded_len, 0), arena).text;
}

uint32_t features_entity_key(features_context *ctx, const char *lang, const text_token *tok,
                             core_arena *arena)
{
    word_lang l = word_lang_of(lang);
    return lookup_word_keys(ctx, &l, tok, core_hash(tok->folded, tok->folded_len, 0), arena).entity;
}

/* A capitalised word not opening a sentence is a name; one opening a
 * sentence (or a headline, where names often stand first) is a name when
 * it has been seen as one before. That memory is bounded: when full it is
 * forgotten and learned again. */
static int is_name(features_context *ctx, int at_sentence_start, uint32_t key)
{
    if (!at_sentence_start) {
        if (ctx->names.count >= FEATURES_MAX_NAMES) {
            core_map_free(&ctx->names);
        }
        core_map_put(&ctx->names, key, 1);
        return 1;
    }
    return core_map_get(&ctx->names, key) != NULL;
}

/* What an entity candidate is: a number (always an entity), or a
 * capitalised word inside a sentence or at its start (is_name decides,
 * against the names seen so far). */
enum { CANDIDATE_NUMBER = 1, CANDIDATE_NAME = 2, CANDIDATE_NAME_AT_START = 3 };

/* An entity-like token: a name (see is_name) or a number of two or more
 * characters; its key is the accent-stripped word, unstemmed, so
 * "Erdoğan" and "Erdogan" meet, in any language. Returns the token's
 * candidate kind, 0 when it cannot be an entity; features_weigh settles
 * the names, in text order, since that depends on the names seen. */
static unsigned candidate_kind(const text_token *tok, uint32_t key)
{
    int number = (tok->flags & TEXT_TOKEN_NUMBER) && tok->folded_len >= 2;
    if (!key || (!number && !(tok->flags & TEXT_TOKEN_CAPITALISED))) {
        return 0;
    }
    return number                                     ? CANDIDATE_NUMBER
           : (tok->flags & TEXT_TOKEN_SENTENCE_START) ? CANDIDATE_NAME_AT_START
                                                      : CANDIDATE_NAME;
}

/* Term counts from keys: sorts them (tmp: room for n keys) and writes
 * (key, tf) pairs. */
static void count_terms(uint32_t *keys, size_t n, uint32_t *tmp, features_vector *out)
{
    core_sort_u32(keys, n, tmp);
    uint32_t m = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && keys[j] == keys[i]) {
            j++;
        }
        out->terms[m].key = keys[i];
        out->terms[m].weight = (float)(j - i);
        m++;
        i = j;
    }
    out->count = m;
}

typedef struct key_lists {
    uint32_t *title, *text, *phrases;
    size_t n_title, n_text, n_phrases;
    size_t cap; /* room in each list; keys past it are dropped */
    /* entity candidates in text order (every one: is_name runs on each) */
    uint32_t *candidates;
    uint8_t *kinds; /* CANDIDATE_* */
    size_t n_candidates, candidate_room;
    uint32_t *words;   /* the text key of each token (not hyphen parts), title then text */
    uint64_t *classes; /* with a word classifier, each of those tokens' class; else NULL */
    size_t n_words, word_room;
    int text_only; /* the text keys alone (features_text_vector) */
    int truncated; /* a tokenisation may have stopped at max_tokens */
    int failed;    /* the candidate or word list could not grow */
    word_lang lang;
} key_lists;

/* Appends an entity candidate, growing the list in the arena as needed
 * (hyphen parts can outnumber the key lists' room). */
static void push_candidate(key_lists *k, uint32_t key, unsigned kind, core_arena *arena)
{
    if (k->n_candidates == k->candidate_room) {
        size_t room = k->candidate_room ? 2 * k->candidate_room : 64;
        uint32_t *keys = core_arena_alloc(arena, room * sizeof *keys);
        uint8_t *kinds = core_arena_alloc(arena, room);
        if (!keys || !kinds) {
            k->failed = 1;
            return;
        }
        if (k->n_candidates) {
            memcpy(keys, k->candidates, k->n_candidates * sizeof *keys);
            memcpy(kinds, k->kinds, k->n_candidates);
        }
        k->candidates = keys;
        k->kinds = kinds;
        k->candidate_room = room;
    }
    k->candidates[k->n_candidates] = key;
    k->kinds[k->n_candidates] = (uint8_t)kind;
    k->n_candidates++;
}

/* Appends a key unless the list is full: the ceiling (max_tokens, or the
 * text's length) bounds an article's terms, hyphen parts included. */
static void push_key(uint32_t *list, size_t *n, size_t cap, uint32_t key)
{
    if (*n < cap) {
        list[(*n)++] = key;
    }
}

/* Word trigrams of the body: the last two words' hashes, and whether each
 * was a content word (a trigram of stopwords alone says nothing). */
typedef struct phrase_state {
    uint64_t h[2];
    int content[2];
    int filled;
} phrase_state;

static void add_phrase(phrase_state *ps, const text_token *tok, uint64_t h, int content,
                       key_lists *k)
{
    if (tok->flags & TEXT_TOKEN_SENTENCE_START) {
        ps->filled = 0;
    }
    if (ps->filled == 2 && k->n_phrases < k->cap) {
        uint64_t three[3] = {ps->h[0], ps->h[1], h};
        uint64_t phrase = core_hash(three, sizeof three, SEED_PHRASE);
        /* a fixed 1-in-FEATURES_PHRASE_SAMPLE sample by hash: two texts keep
         * the same trigrams, so shared ones still meet, at a fraction of the
         * cost (the idea of winnowing and MinHash sampling). Whether this
         * one is kept is a coin toss per word, so it is decided without a
         * branch: the key is written, and counted only if kept. */
        int kept = (phrase % FEATURES_PHRASE_SAMPLE == 0) &
                   ((content | ps->content[0] | ps->content[1]) != 0);
        k->phrases[k->n_phrases] = (uint32_t)(phrase >> 32) | 1;
        k->n_phrases += kept;
    }
    ps->h[0] = ps->h[1];
    ps->content[0] = ps->content[1];
    ps->h[1] = h;
    ps->content[1] = content;
    ps->filled = ps->filled < 2 ? ps->filled + 1 : 2;
}

/* The keys of one token. With keep_stopwords (text made of stopwords
 * only), every word is keyed by its accent-stripped form and none is an
 * entity. */
static word_keys token_keys(features_context *ctx, const key_lists *k, const text_token *tok,
                            uint64_t word_hash, int keep_stopwords, core_arena *arena)
{
    word_keys wk = {0, 0, 0, FEATURES_CLASS_UNKNOWN};
    if (keep_stopwords) {
        size_t n;
        const char *bare =
            text_fold(tok->folded, tok->folded_len, TEXT_FOLD_STRIP_ACCENTS, arena, &n);
        wk.text = bare ? key_of(bare, n, SEED_STEM) : 0;
        return wk;
    }
    if (is_content(tok) || (tok->flags & TEXT_TOKEN_CAPITALISED)) {
        wk = lookup_word_keys(ctx, &k->lang, tok, word_hash, arena);
        wk.text = is_content(tok) ? wk.text : 0;
    }
    return wk;
}

/* Adds the keys of tok to k; returns its text key, and its class in
 * *word_class (NULL: not asked). */
static uint32_t add_token_keys(features_context *ctx, const text_token *tok, uint64_t word_hash,
                               int is_title, int keep_stopwords, core_arena *arena, key_lists *k,
                               uint64_t *word_class)
{
    word_keys wk = token_keys(ctx, k, tok, word_hash, keep_stopwords, arena);
    if (word_class) {
        *word_class = wk.word_class;
    }
    uint32_t key = wk.text;
    unsigned kind = candidate_kind(tok, wk.entity);
    if (key) {
        push_key(k->text, &k->n_text, k->cap, key);
        if (is_title) {
            push_key(k->title, &k->n_title, k->cap, key);
        }
    }
    if (kind && !k->text_only) {
        push_candidate(k, wk.entity, kind, arena);
    }
    return key;
}

/* A hyphenated word also counts as its parts ("Pathe-Gaumont" meets
 * "Pathe"), each with the flags of the whole. Only the ASCII hyphen splits;
 * U+2010 and U+2011 join words in the tokenizer but stay inside the key. */
static void add_hyphen_parts(features_context *ctx, const text_token *tok, int is_title,
                             int keep_stopwords, core_arena *arena, key_lists *k)
{
    const char *p = tok->folded, *end = tok->folded + tok->folded_len;
    if (!(tok->flags & TEXT_TOKEN_MAY_HYPHEN) || (tok->flags & TEXT_TOKEN_NUMBER) ||
        !memchr(p, '-', tok->folded_len)) {
        return;
    }
    while (p < end) {
        const char *dash = memchr(p, '-', (size_t)(end - p));
        const char *stop = dash ? dash : end;
        text_token part = *tok;
        part.folded = core_arena_strndup(arena, p, (size_t)(stop - p));
        part.folded_len = (uint32_t)(stop - p);
        if (part.folded) {
            add_token_keys(ctx, &part, core_hash(part.folded, part.folded_len, 0), is_title,
                           keep_stopwords, arena, k, NULL);
        }
        p = stop + 1;
    }
}

/* The tokens' word hashes (arena; NULL when it is full). The word cache
 * is bigger than the CPU caches, so each word's slot is prefetched a few
 * words before its turn. */
static uint64_t *hash_words(const features_context *ctx, const key_lists *k,
                            const text_token *tokens, size_t count, core_arena *arena)
{
    uint64_t *hashes = core_arena_alloc(arena, (count + 1) * sizeof *hashes);
    for (size_t i = 0; hashes && i < count; i++) {
        hashes[i] = core_hash(tokens[i].folded, tokens[i].folded_len, 0);
        if (i < WORD_PREFETCH_AHEAD) {
            CORE_PREFETCH(cache_slot(ctx, cached_word_id(k->lang.seed, hashes[i])));
        }
    }
    return hashes;
}

/* A word the cache does not hold is looked up among the stopwords first,
 * in a table the word cache pushes out of the CPU caches: its slot is
 * fetched once the word's cache slot (fetched earlier) shows the miss. */
static void prefetch_stopword(const features_context *ctx, const key_lists *k, uint64_t word_hash)
{
    uint64_t word = cached_word_id(k->lang.seed, word_hash);
    if (cache_slot(ctx, word)->word != word) {
        text_stopwords_prefetch(ctx->stopwords, k->lang.stop_seed, word_hash);
    }
}

/* Makes room in k->words for n more keys; 0 when the arena is full. */
static int reserve_words(key_lists *k, size_t n, int with_classes, core_arena *arena)
{
    if (k->n_words + n <= k->word_room) {
        return 1;
    }
    size_t room = 2 * k->word_room > k->n_words + n ? 2 * k->word_room : k->n_words + n;
    uint32_t *words = core_arena_alloc(arena, (room ? room : 1) * sizeof *words);
    uint64_t *classes = with_classes ? core_arena_alloc(arena, room * sizeof *classes) : NULL;
    if (!words || (with_classes && !classes)) {
        return 0;
    }
    if (k->n_words) {
        memcpy(words, k->words, k->n_words * sizeof *words);
    }
    if (k->n_words && classes) {
        memcpy(classes, k->classes, k->n_words * sizeof *classes);
    }
    k->words = words;
    k->classes = classes;
    k->word_room = room;
    return 1;
}

/* Tokenises s and collects the keys of its tokens into k; the tokens are
 * left in *tokens_out (arena) and *count_out. */
static int collect_keys(features_context *ctx, const char *s, size_t len, int is_title,
                        int keep_stopwords, core_arena *arena, key_lists *k,
                        const text_token **tokens_out, size_t *count_out)
{
    text_token *tokens = NULL;
    size_t count = 0;
    int rc = text_tokenize_cached(s, len, ctx->max_tokens, ctx->folds, arena, &tokens, &count);
    *tokens_out = tokens;
    *count_out = count;
    uint64_t *hashes = rc ? NULL : hash_words(ctx, k, tokens, count, arena);
    rc = rc || hashes ? rc : FIL_ENOMEM;
    int words = !keep_stopwords && !k->text_only; /* the word keys are kept */
    rc = rc || !words || reserve_words(k, count, ctx->word_class != NULL, arena) ? rc : FIL_ENOMEM;
    k->truncated |= !rc && count >= ctx->max_tokens;
    phrase_state ps = {{0, 0}, {0, 0}, 0};
    for (size_t i = 0; !rc && i < count; i++) {
        if (i + WORD_PREFETCH_AHEAD < count) {
            CORE_PREFETCH(
                cache_slot(ctx, cached_word_id(k->lang.seed, hashes[i + WORD_PREFETCH_AHEAD])));
        }
        if (i + CORE_PREFETCH_AHEAD < count) {
            prefetch_stopword(ctx, k, hashes[i + CORE_PREFETCH_AHEAD]);
        }
        uint64_t h = hashes[i];
        uint64_t word_class;
        uint32_t key =
            add_token_keys(ctx, &tokens[i], h, is_title, keep_stopwords, arena, k, &word_class);
        add_hyphen_parts(ctx, &tokens[i], is_title, keep_stopwords, arena, k);
        if (words && k->classes) {
            k->classes[k->n_words] = word_class;
        }
        if (words) {
            k->words[k->n_words++] = key;
        }
        if (!is_title && words) {
            add_phrase(&ps, &tokens[i], h, key != 0, k);
        }
    }
    return rc ? rc : k->failed ? FIL_ENOMEM : FIL_OK;
}

/* Bounds the df table: when full, terms seen in one article only go. */
static int bound_df(features_context *ctx)
{
    if (ctx->df.count < FEATURES_MAX_TERMS) {
        return FIL_OK;
    }
    core_map pruned;
    core_map_init(&pruned, 0);
    for (size_t i = 0; i < ctx->df.capacity; i++) {
        const core_map_slot *s = &ctx->df.slots[i];
        if (s->key && s->value > 1 && core_map_put(&pruned, core_map_slot_key(s), s->value)) {
            core_map_free(&pruned);
            return FIL_ENOMEM;
        }
    }
    core_map_free(&ctx->df);
    ctx->df = pruned;
    return FIL_OK;
}

/* ln((N + 1) / (df + 1)) + 1 for N = doc_count. The idf of a small df is
 * kept while N stays (a log per value, not per term), so weighing an
 * article or a pair takes few logs. */
static double idf_of(features_context *ctx, uint64_t df)
{
    if (ctx->idf_n != ctx->doc_count) {
        memset(ctx->idf, 0, sizeof ctx->idf);
        ctx->idf_n = ctx->doc_count;
    }
    double *kept = df < FEATURES_KEPT_IDF ? &ctx->idf[df] : NULL;
    if (kept && *kept != 0) {
        return *kept;
    }
    double n = (double)ctx->doc_count;
    double idf = log((n + 1) / ((double)df + 1)) + 1;
    if (kept) {
        *kept = idf;
    }
    return idf;
}

double features_idf(features_context *ctx, uint32_t key)
{
    const uint64_t *df = core_map_get(&ctx->df, key);
    return idf_of(ctx, df ? *df : 0);
}

void features_normalize(features_vector *v)
{
    double norm = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        norm += (double)v->terms[i].weight * v->terms[i].weight;
    }
    norm = sqrt(norm);
    for (uint32_t i = 0; i < v->count && norm > 0; i++) {
        v->terms[i].weight = (float)(v->terms[i].weight / norm);
    }
}

/* ln tf, from the table when tf is small (the same log, computed once). */
static double log_count(const features_context *ctx, float tf)
{
    return tf < FEATURES_LOGGED_TF ? ctx->log_tf[(uint32_t)tf] : log(tf);
}

/* Turns term counts into (1 + ln tf) * idf, normalised. With count_df,
 * each term is first counted into df (the article joins the stream), in
 * the same map operation that reads it. */
static int weigh(features_context *ctx, features_vector *v, int count_df)
{
    double norm = 0;
    for (uint32_t i = 0; i < v->count && i < CORE_PREFETCH_AHEAD; i++) {
        core_map_prefetch(&ctx->df, v->terms[i].key);
    }
    for (uint32_t i = 0; i < v->count; i++) {
        if (i + CORE_PREFETCH_AHEAD < v->count) {
            core_map_prefetch(&ctx->df, v->terms[i + CORE_PREFETCH_AHEAD].key);
        }
        double idf;
        if (count_df) {
            int inserted, rc;
            uint64_t *df = core_map_upsert(&ctx->df, v->terms[i].key, &inserted, &rc);
            if (!df) {
                return rc;
            }
            idf = idf_of(ctx, ++*df);
        } else {
            idf = features_idf(ctx, v->terms[i].key);
        }
        double w = (1 + log_count(ctx, v->terms[i].weight)) * idf;
        v->terms[i].weight = (float)w;
        norm += w * w; /* in double, before rounding: the scores depend on it */
    }
    norm = sqrt(norm);
    for (uint32_t i = 0; i < v->count && norm > 0; i++) {
        v->terms[i].weight = (float)(v->terms[i].weight / norm);
    }
    return FIL_OK;
}

/* Phrases weigh 1 each, normalised: their df is not kept (there are far
 * too many), and a shared trigram is rare enough to count in itself. */
static void weigh_binary(features_vector *v)
{
    for (uint32_t i = 0; i < v->count; i++) {
        v->terms[i].weight = (float)(1 / sqrt((double)v->count));
    }
}

/* Key lists with room for cap keys each (arena); 0 when it is full. */
static int key_lists_init(key_lists *k, size_t cap, const char *lang, core_arena *arena)
{
    memset(k, 0, sizeof *k);
    k->cap = cap;
    k->lang = word_lang_of(lang);
    k->title = core_arena_alloc(arena, cap * sizeof *k->title);
    k->text = core_arena_alloc(arena, cap * sizeof *k->text);
    k->phrases = core_arena_alloc(arena, cap * sizeof *k->phrases);
    return k->title && k->text && k->phrases;
}

/* Counts n keys (sorted in place; tmp: room for n) into a vector of the
 * arena: (key, tf) pairs. */
static int count_into(uint32_t *keys, size_t n, uint32_t *tmp, core_arena *arena,
                      features_vector *out)
{
    out->terms = core_arena_alloc(arena, (n ? n : 1) * sizeof *out->terms);
    if (!out->terms) {
        return FIL_ENOMEM;
    }
    count_terms(keys, n, tmp, out);
    return FIL_OK;
}

int features_count(features_context *ctx, const char *lang, const char *title, size_t title_len,
                   const char *text, size_t text_len, core_arena *arena, features_counts *out)
{
    memset(out, 0, sizeof *out);
    /* every token and every part of a hyphenated one may give a key */
    size_t cap = title_len + text_len + 2;
    cap = cap < 4u * ctx->max_tokens ? cap : 4u * ctx->max_tokens;
    key_lists k, bare;
    uint32_t *tmp = core_arena_alloc(arena, cap * sizeof *tmp);
    if (!tmp || !key_lists_init(&k, cap, lang, arena)) {
        return FIL_ENOMEM;
    }
    const text_token *ignored;
    size_t ignored_count;
    int rc = collect_keys(ctx, title, title_len, 1, 0, arena, &k, &out->title_tokens,
                          &out->title_token_count);
    size_t title_keys = k.n_text;
    rc = rc ? rc
            : collect_keys(ctx, text, text_len, 0, 0, arena, &k, &out->text_tokens,
                           &out->text_token_count);
    out->has_body = k.n_text > title_keys;
    out->cap = (uint32_t)cap;
    snprintf(out->lang, sizeof out->lang, "%s", lang);
    if (!rc && k.n_text == 0) {
        /* maybe only stopwords ("Both ways"): then they are all the text
         * has to say, unless it names something (features_weigh decides) */
        rc = key_lists_init(&bare, cap, lang, arena) ? FIL_OK : FIL_ENOMEM;
        rc = rc ? rc
                : collect_keys(ctx, title, title_len, 1, 1, arena, &bare, &ignored, &ignored_count);
        rc = rc ? rc
                : collect_keys(ctx, text, text_len, 0, 1, arena, &bare, &ignored, &ignored_count);
        rc = rc ? rc : count_into(bare.title, bare.n_title, tmp, arena, &out->bare_title);
        rc = rc ? rc : count_into(bare.text, bare.n_text, tmp, arena, &out->bare_text);
    }
    rc = rc ? rc : count_into(k.title, k.n_title, tmp, arena, &out->title);
    rc = rc ? rc : count_into(k.text, k.n_text, tmp, arena, &out->text);
    rc = rc ? rc : count_into(k.phrases, k.n_phrases, tmp, arena, &out->phrases);
    out->candidates = k.candidates;
    out->kinds = k.kinds;
    out->candidate_count = k.n_candidates;
    out->word_keys = k.truncated ? NULL : k.words;
    out->word_count = k.truncated ? 0 : k.n_words;
    out->word_classes = k.truncated ? NULL : k.classes;
    return rc;
}

int features_text_vector(features_context *ctx, const char *lang, const char *text, size_t len,
                         core_arena *arena, features_vector *out)
{
    size_t cap = len + 2; /* as features_count's, for no title */
    cap = cap < 4u * ctx->max_tokens ? cap : 4u * ctx->max_tokens;
    key_lists k;
    uint32_t *tmp = core_arena_alloc(arena, cap * sizeof *tmp);
    if (!tmp || !key_lists_init(&k, cap, lang, arena)) {
        return FIL_ENOMEM;
    }
    k.text_only = 1;
    const text_token *tokens;
    size_t count;
    int rc = collect_keys(ctx, text, len, 0, 0, arena, &k, &tokens, &count);
    if (!rc && k.n_text == 0) {
        /* no term: the vector is the bare words' or none, as the text's
         * names decide (features_weigh); rare enough to ask in full */
        features_doc doc;
        rc = features_analyze(ctx, lang, "", 0, text, len, 0, arena, &doc);
        *out = doc.text;
        return rc;
    }
    rc = rc ? rc : count_into(k.text, k.n_text, tmp, arena, out);
    return rc ? rc : weigh(ctx, out, 0);
}

long features_text_keys_between(const features_counts *c, size_t from, size_t to, uint32_t *keys)
{
    if (!c->word_keys) {
        return -1;
    }
    const text_token *t = c->text_tokens;
    const uint32_t *word_keys = c->word_keys + c->title_token_count;
    size_t lo = 0, hi = c->text_token_count; /* the first token at or past from */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].offset < from) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    long n = 0;
    for (size_t i = lo; i < c->text_token_count && t[i].offset + t[i].len <= to; i++) {
        if ((t[i].flags & TEXT_TOKEN_MAY_HYPHEN) && !(t[i].flags & TEXT_TOKEN_NUMBER) &&
            memchr(t[i].folded, '-', t[i].folded_len)) {
            return -1; /* add_hyphen_parts adds its parts' keys */
        }
        if (word_keys[i]) {
            keys[n++] = word_keys[i];
        }
    }
    return n ? n : -1;
}

int features_text_vector_of_keys(features_context *ctx, const uint32_t *keys, size_t n,
                                 core_arena *arena, features_vector *out)
{
    uint32_t *copy = core_arena_alloc(arena, (n ? n : 1) * sizeof *copy);
    uint32_t *tmp = core_arena_alloc(arena, (n ? n : 1) * sizeof *tmp);
    if (!copy || !tmp) {
        return FIL_ENOMEM;
    }
    if (n) {
        memcpy(copy, keys, n * sizeof *copy);
    }
    int rc = count_into(copy, n, tmp, arena, out);
    return rc ? rc : weigh(ctx, out, 0);
}

void features_prefetch_keys(const features_context *ctx, const uint32_t *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        core_map_prefetch(&ctx->df, keys[i]);
    }
}

/* A copy of v's terms in the arena (to be weighed there). */
static int copy_vector(const features_vector *v, core_arena *arena, features_vector *out)
{
    out->count = v->count;
    out->terms = core_arena_alloc(arena, (v->count ? v->count : 1) * sizeof *out->terms);
    if (out->terms && v->count) {
        memcpy(out->terms, v->terms, v->count * sizeof *out->terms);
    }
    return out->terms ? FIL_OK : FIL_ENOMEM;
}

/* The entity keys of the candidates, counted: names are settled here, in
 * text order, as collecting them one by one would have. */
static int count_entities(features_context *ctx, const features_counts *c, core_arena *arena,
                          features_vector *out)
{
    size_t room = c->candidate_count < c->cap ? c->candidate_count : c->cap;
    uint32_t *keys = core_arena_alloc(arena, (room ? room : 1) * sizeof *keys);
    uint32_t *tmp = core_arena_alloc(arena, (room ? room : 1) * sizeof *tmp);
    if (!keys || !tmp) {
        return FIL_ENOMEM;
    }
    size_t n = 0;
    /* the names map outgrows the CPU caches: each name's slot is fetched a
     * few candidates ahead (a stale address after a growth costs nothing) */
    for (size_t i = 0; i < c->candidate_count && i < CORE_PREFETCH_AHEAD; i++) {
        core_map_prefetch(&ctx->names, c->candidates[i]);
    }
    for (size_t i = 0; i < c->candidate_count; i++) {
        if (i + CORE_PREFETCH_AHEAD < c->candidate_count) {
            core_map_prefetch(&ctx->names, c->candidates[i + CORE_PREFETCH_AHEAD]);
        }
        uint32_t key = c->candidates[i];
        unsigned kind = c->kinds[i];
        if (kind == CANDIDATE_NUMBER || is_name(ctx, kind == CANDIDATE_NAME_AT_START, key)) {
            push_key(keys, &n, room, key);
        }
    }
    return count_into(keys, n, tmp, arena, out);
}

int features_weigh(features_context *ctx, const features_counts *c, int update, core_arena *arena,
                   features_doc *out)
{
    memset(out, 0, sizeof *out);
    out->has_body = c->has_body;
    snprintf(out->lang, sizeof out->lang, "%s", c->lang);
    int rc = count_entities(ctx, c, arena, &out->entities);
    int bare = !rc && c->text.count == 0 && out->entities.count == 0;
    rc = rc ? rc : copy_vector(bare ? &c->bare_title : &c->title, arena, &out->title);
    rc = rc ? rc : copy_vector(bare ? &c->bare_text : &c->text, arena, &out->text);
    rc = rc ? rc : copy_vector(&c->phrases, arena, &out->phrases);
    if (rc) {
        return rc;
    }
    rc = update ? bound_df(ctx) : FIL_OK;
    ctx->doc_count += !rc && update;
    /* text before title: the title's terms are text terms, counted once */
    rc = rc ? rc : weigh(ctx, &out->text, update);
    rc = rc ? rc : weigh(ctx, &out->entities, update);
    rc = rc ? rc : weigh(ctx, &out->title, 0);
    weigh_binary(&out->phrases);
    return rc;
}

/* Counts each term of v into df, as weigh(ctx, v, 1) does, in the same
 * order (the df map ends with the same layout). */
static int count_df(features_context *ctx, const features_vector *v)
{
    for (uint32_t i = 0; i < v->count && i < CORE_PREFETCH_AHEAD; i++) {
        core_map_prefetch(&ctx->df, v->terms[i].key);
    }
    for (uint32_t i = 0; i < v->count; i++) {
        if (i + CORE_PREFETCH_AHEAD < v->count) {
            core_map_prefetch(&ctx->df, v->terms[i + CORE_PREFETCH_AHEAD].key);
        }
        int inserted, rc;
        uint64_t *df = core_map_upsert(&ctx->df, v->terms[i].key, &inserted, &rc);
        if (!df) {
            return rc;
        }
        ++*df;
    }
    return FIL_OK;
}

int features_learn(features_context *ctx, const features_counts *c, core_arena *arena)
{
    features_vector entities;
    int rc = count_entities(ctx, c, arena, &entities);
    int bare = !rc && c->text.count == 0 && entities.count == 0;
    rc = rc ? rc : bound_df(ctx);
    ctx->doc_count += !rc;
    /* text before entities, as features_weigh counts them */
    rc = rc ? rc : count_df(ctx, bare ? &c->bare_text : &c->text);
    return rc ? rc : count_df(ctx, &entities);
}

int features_analyze(features_context *ctx, const char *lang, const char *title, size_t title_len,
                     const char *text, size_t text_len, int update, core_arena *arena,
                     features_doc *out)
{
    features_counts c;
    int rc = features_count(ctx, lang, title, title_len, text, text_len, arena, &c);
    return rc ? rc : features_weigh(ctx, &c, update, arena, out);
}

/* Copies n items of size bytes into the arena; 0 when it is full. */
static void *copy_items(const void *items, size_t n, size_t size, core_arena *arena)
{
    void *copy = core_arena_alloc(arena, n ? n * size : 1);
    if (copy && n) {
        memcpy(copy, items, n * size);
    }
    return copy;
}

int features_counts_copy(const features_counts *c, core_arena *arena, features_counts *out)
{
    *out = *c;
    const features_vector *from[5] = {&c->title, &c->text, &c->phrases, &c->bare_title,
                                      &c->bare_text};
    features_vector *to[5] = {&out->title, &out->text, &out->phrases, &out->bare_title,
                              &out->bare_text};
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        to[i]->terms = copy_items(from[i]->terms, from[i]->count, sizeof *from[i]->terms, arena);
        ok &= to[i]->terms != NULL;
    }
    out->candidates = copy_items(c->candidates, c->candidate_count, sizeof *c->candidates, arena);
    out->kinds = copy_items(c->kinds, c->candidate_count, 1, arena);
    out->title_tokens = out->text_tokens = NULL; /* not copied */
    out->title_token_count = out->text_token_count = 0;
    out->word_keys =
        c->word_keys ? copy_items(c->word_keys, c->word_count, sizeof *c->word_keys, arena) : NULL;
    ok &= !c->word_keys || out->word_keys;
    out->word_classes =
        c->word_classes ? copy_items(c->word_classes, c->word_count, sizeof *c->word_classes, arena)
                        : NULL;
    ok &= !c->word_classes || out->word_classes;
    return ok && out->candidates && out->kinds ? FIL_OK : FIL_ENOMEM;
}

static int compare_keys(const void *a, const void *b)
{
    const features_term *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* Radix digits of the term sorts: 11 bits, so that three passes cover a
 * key and one pass spreads a few thousand keys about one to a bucket. */
#define SORT_DIGIT_BITS 11
#define SORT_DIGITS     (1u << SORT_DIGIT_BITS)

/* Sorts terms by key, stably (equal keys keep their order): one counting
 * pass by the top SORT_DIGIT_BITS bits, then insertion sort, which moves
 * terms only inside their bucket (core/sort.h does the same for bare keys
 * by the top byte). Small vectors take the top byte only, so that the
 * counts cost no more than the terms. */
static void top_bits_then_insertion(features_term *a, size_t n, features_term *tmp)
{
    uint32_t count[SORT_DIGITS + 1];
    unsigned shift = n > 512 ? 32 - SORT_DIGIT_BITS : 24;
    size_t buckets = (size_t)1 << (32 - shift);
    memset(count, 0, (buckets + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++) {
        count[(a[i].key >> shift) + 1]++;
    }
    for (size_t b = 1; b <= buckets; b++) {
        count[b] += count[b - 1];
    }
    for (size_t i = 0; i < n; i++) {
        tmp[count[a[i].key >> shift]++] = a[i];
    }
    memcpy(a, tmp, n * sizeof *a);
    for (size_t i = 1; i < n; i++) {
        features_term v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1].key > v.key) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* Sorts terms by key, stably, and returns where they are (a or tmp): up
 * to CORE_SORT_ONE_PASS terms in a by top_bits_then_insertion, beyond by
 * an LSD radix sort of three SORT_DIGIT_BITS digits, all counted in one
 * pass (the vectors of character grams run to thousands of terms, where
 * qsort dominated the cost of a pair; four 8-bit passes, each with its
 * own count, cost a third more). tmp: room for n terms. */
static features_term *radix_sort_terms(features_term *a, size_t n, features_term *tmp)
{
    if (n <= CORE_SORT_ONE_PASS) {
        top_bits_then_insertion(a, n, tmp);
        return a;
    }
    static const unsigned shifts[3] = {0, SORT_DIGIT_BITS, 2 * SORT_DIGIT_BITS};
    uint32_t count[3][SORT_DIGITS] = {{0}};
    for (size_t i = 0; i < n; i++) {
        uint32_t k = a[i].key;
        count[0][k & (SORT_DIGITS - 1)]++;
        count[1][(k >> shifts[1]) & (SORT_DIGITS - 1)]++;
        count[2][k >> shifts[2]]++;
    }
    features_term *from = a, *to = tmp;
    for (int d = 0; d < 3; d++) {
        uint32_t at = 0;
        for (size_t b = 0; b < SORT_DIGITS; b++) {
            uint32_t c = count[d][b];
            count[d][b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++) {
            to[count[d][(from[i].key >> shifts[d]) & (SORT_DIGITS - 1)]++] = from[i];
        }
        features_term *swap = from;
        from = to;
        to = swap;
    }
    return from; /* three passes: tmp */
}

/* Sorts v's terms by key, stably, into *sorted: v->terms itself or a
 * copy in scratch (where the radix sort left them). */
static int sort_terms(features_vector *v, core_arena *scratch, const features_term **sorted)
{
    *sorted = v->terms;
    if (v->count < 2) {
        return FIL_OK;
    }
    features_term *tmp = core_arena_alloc(scratch, v->count * sizeof *tmp);
    if (!tmp) {
        return FIL_ENOMEM;
    }
    *sorted = radix_sort_terms(v->terms, v->count, tmp);
    return FIL_OK;
}

int features_sort_by_key(features_vector *v, core_arena *scratch)
{
    const features_term *sorted;
    int rc = sort_terms(v, scratch, &sorted);
    if (!rc && sorted != v->terms) {
        memcpy(v->terms, sorted, v->count * sizeof *v->terms);
    }
    return rc;
}

int features_sum_by_key(features_vector *v, core_arena *scratch)
{
    const features_term *sorted;
    int rc = sort_terms(v, scratch, &sorted);
    if (rc || v->count < 2) {
        return rc;
    }
    /* merged back into v in key order; equal keys summed in their order */
    uint32_t m = 0;
    v->terms[0] = sorted[0];
    for (uint32_t i = 1; i < v->count; i++) {
        if (sorted[i].key == v->terms[m].key) {
            v->terms[m].weight += sorted[i].weight;
        } else {
            v->terms[++m] = sorted[i];
        }
    }
    v->count = m + 1;
    return FIL_OK;
}

#define FEATURES_SMALL_K 32 /* k up to which features_prune selects by insertion */

/* Maps a float to an unsigned integer of the same order (IEEE 754 bits,
 * negatives reversed), so a weight can be selected digit by digit. */
static uint32_t float_order(float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    return u & 0x80000000u ? ~u : u | 0x80000000u;
}

static float float_from_order(uint32_t u)
{
    u = u & 0x80000000u ? u & 0x7fffffffu : ~u;
    float x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* The byte position (as a shift) of the highest bit where some of u's
 * values differ; -1 when they are all equal. */
static int distinct_byte(const uint32_t *u, size_t n)
{
    uint32_t lo = u[0], hi = u[0];
    for (size_t i = 1; i < n; i++) {
        lo = u[i] < lo ? u[i] : lo;
        hi = u[i] > hi ? u[i] : hi;
    }
    int shift = 24;
    while (shift >= 0 && ((lo ^ hi) >> shift) == 0) {
        shift -= 8;
    }
    return shift;
}

/* The value that would stand at index k (0-based) of u sorted largest
 * first. Radix select, a byte at a time from the highest byte where the
 * values differ (weights share their top bytes, and counting equal bytes
 * would chain every increment on the one before): each pass counts the
 * byte values, finds the one where index k falls, and keeps only the
 * items that have it. Overwrites u. */
static uint32_t select_largest(uint32_t *u, size_t n, size_t k)
{
    int shift = distinct_byte(u, n);
    while (shift >= 0) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++) {
            count[(u[i] >> shift) & 0xff]++;
        }
        unsigned digit = 255;
        while (count[digit] <= k) {
            k -= count[digit--];
        }
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            u[m] = u[i];
            m += ((u[i] >> shift) & 0xff) == digit;
        }
        n = m;
        shift = distinct_byte(u, n);
    }
    return u[0];
}

/* The k-th largest of the vector's weights when k is small: the k largest
 * so far are kept sorted in w (room for k), and most weights, lighter than
 * the k-th so far, cost one comparison. */
static float kth_weight_small(const features_vector *v, uint32_t k, float *w)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        float x = v->terms[i].weight;
        if (m == k && !(x > w[k - 1])) {
            continue;
        }
        uint32_t j = m < k ? m++ : k - 1;
        while (j > 0 && x > w[j - 1]) {
            w[j] = w[j - 1];
            j--;
        }
        w[j] = x;
    }
    return w[k - 1];
}

/* The k-th largest weight of v (1 <= k < count), by insertion for small k
 * (candidate lookups), else by radix select. 0 when scratch is short. */
static int kth_weight(const features_vector *v, uint32_t k, core_arena *scratch, float *kth)
{
    if (k <= FEATURES_SMALL_K) {
        float *w = core_arena_alloc(scratch, k * sizeof *w);
        *kth = w ? kth_weight_small(v, k, w) : 0;
        return w != NULL;
    }
    uint32_t *order = core_arena_alloc(scratch, v->count * sizeof *order);
    for (uint32_t i = 0; order && i < v->count; i++) {
        order[i] = float_order(v->terms[i].weight);
    }
    *kth = order ? float_from_order(select_largest(order, v->count, k - 1)) : 0;
    return order != NULL;
}

uint32_t features_prune(features_vector *v, uint32_t k, core_arena *scratch)
{
    if (v->count <= k) {
        return v->count;
    }
    if (k == 0) {
        v->count = 0;
        return 0;
    }
    float kth;
    if (!kth_weight(v, k, scratch, &kth)) {
        /* no scratch: the same selection by sorting in place, slower */
        qsort(v->terms, v->count, sizeof *v->terms, features_compare_heaviest);
        v->count = k;
        qsort(v->terms, v->count, sizeof *v->terms, compare_keys);
        return k;
    }
    uint32_t above = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        above += v->terms[i].weight > kth;
    }
    /* keep every heavier term, then ties at kth by smallest key (key order) */
    uint32_t ties = k - above, m = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        float x = v->terms[i].weight;
        if (x > kth || (x == kth && ties > 0)) {
            ties -= x == kth;
            v->terms[m++] = v->terms[i];
        }
    }
    v->count = m;
    return m;
}

int features_compare_heaviest(const void *a, const void *b)
{
    const features_term *x = a, *y = b;
    if (x->weight != y->weight) {
        return x->weight < y->weight ? 1 : -1;
    }
    return (x->key > y->key) - (x->key < y->key);
}

double features_dot(const features_vector *a, const features_vector *b)
{
    /* which side steps is computed, not branched on: it goes either way
     * at random, so a branch on it would often be mispredicted */
    double dot = 0;
    uint32_t i = 0, j = 0;
    while (i < a->count && j < b->count) {
        uint32_t x = a->terms[i].key, y = b->terms[j].key;
        if (x == y) {
            dot += (double)a->terms[i].weight * b->terms[j].weight;
        }
        i += x <= y;
        j += y <= x;
    }
    return dot;
}

/* A key's first slot: the top bits of a multiplicative hash (the low ones
 * would repeat the key's low bits, and phrase keys are all odd). */
static uint32_t table_home(const features_table *t, uint32_t key)
{
    return (key * 0x9e3779b1u) >> t->shift;
}

int features_table_build(const features_vector *v, core_arena *arena, features_table *out)
{
    /* at most a quarter full: most lookups end at their home slot, so the
     * probe loop seldom turns and its branch is well predicted */
    uint32_t slots = 16, shift = 28;
    while (slots < 4 * v->count) {
        slots *= 2;
        shift--;
    }
    out->keys = core_arena_alloc(arena, slots * sizeof *out->keys);
    out->weights = core_arena_alloc(arena, slots * sizeof *out->weights);
    if (!out->keys || !out->weights) {
        return FIL_ENOMEM;
    }
    memset(out->keys, 0, slots * sizeof *out->keys);
    memset(out->weights, 0, slots * sizeof *out->weights);
    out->mask = slots - 1;
    out->shift = shift;
    out->count = v->count;
    for (uint32_t i = 0; i < v->count; i++) {
        uint32_t j = table_home(out, v->terms[i].key);
        while (out->keys[j]) {
            j = (j + 1) & out->mask;
        }
        out->keys[j] = v->terms[i].key;
        out->weights[j] = v->terms[i].weight;
    }
    return FIL_OK;
}

/* The slot where key is, or the empty slot that ends its probe run. */
static uint32_t table_find(const features_table *t, uint32_t key)
{
    uint32_t j = table_home(t, key);
    while (t->keys[j] && t->keys[j] != key) {
        j = (j + 1) & t->mask;
    }
    return j;
}

double features_table_dot(const features_table *t, const features_term *terms, uint32_t n)
{
    /* Each addition waits for the one before, so the sum should run over
     * the shared terms only, yet whether a term is shared is a coin toss
     * to the branch predictor. So the products of a block of terms are
     * packed first (an empty slot is a miss: not counted), then summed in
     * key order, the order features_dot uses. */
    enum { BLOCK = 64 };
    double dot = 0;
    for (uint32_t i = 0; t->count && i < n; i += BLOCK) {
        double shared[BLOCK];
        uint32_t m = 0, end = n - i < BLOCK ? n : i + BLOCK;
        for (uint32_t j = i; j < end; j++) {
            uint32_t slot = table_find(t, terms[j].key);
            shared[m] = (double)t->weights[slot] * terms[j].weight;
            m += t->keys[slot] != 0;
        }
        for (uint32_t j = 0; j < m; j++) {
            dot += shared[j];
        }
    }
    return dot;
}
