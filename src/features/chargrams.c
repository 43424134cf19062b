/*
 * src/features/chargrams.c -- character 4-grams of content words; see
 * chargrams.h.
 */
#include "features/chargrams.h"

#include <math.h>
#include <string.h>

#include "core/hash.h"
#include "core/prefetch.h"
#include "core/utf8.h"
#include "fil.h"
#include "text/normalize.h"

#define SEED_GRAM   0x6772616dULL /* "gram" */
#define SEED_PREFIX 0x70726678ULL /* "prfx" */

/* Start offsets of the code points of s (n bytes, valid UTF-8 from
 * text_fold), and the end offset after the last; returns the count. */
static size_t code_point_starts(const char *s, size_t n, uint32_t *starts)
{
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        starts[count++] = (uint32_t)i;
        i += core_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    }
    starts[count] = (uint32_t)n;
    return count;
}

/* Appends the grams of one word (padded as " word ") to out, each with
 * weight w, while room lasts. */
static void add_word_grams(const char *padded, const uint32_t *starts, size_t chars, double idf,
                           features_vector *out, size_t cap)
{
    size_t grams = chars > FEATURES_GRAM_CHARS ? chars - FEATURES_GRAM_CHARS + 1 : 1;
    float w = (float)(idf / sqrt((double)grams));
    for (size_t g = 0; g < grams && out->count < cap; g++) {
        size_t end = g + FEATURES_GRAM_CHARS < chars ? g + FEATURES_GRAM_CHARS : chars;
        uint32_t key = (uint32_t)core_hash(padded + starts[g], starts[end] - starts[g], SEED_GRAM);
        out->terms[out->count].key = key ? key : 1;
        out->terms[out->count].weight = w;
        out->count++;
    }
}

/* Room for the grams of the tokens: a word of n code points has at most
 * n + 2 - 3 grams, and at least one. */
static size_t gram_room(const text_token *tokens, size_t count)
{
    size_t cap = 1;
    for (size_t i = 0; i < count; i++) {
        cap += tokens[i].folded_len + 3;
    }
    return cap;
}

/* Appends the prefix key of one word (padded as " word ", the starts of
 * its code points at starts, chars of them with the padding), weighed by
 * the word's idf, to idfs, when the word has FEATURES_PREFIX_CHARS code
 * points or more. */
static void add_prefix(const char *padded, const uint32_t *starts, size_t chars, double idf,
                       features_vector *idfs)
{
    if (chars < FEATURES_PREFIX_CHARS + 2) {
        return;
    }
    uint32_t key =
        (uint32_t)core_hash(padded + 1, starts[FEATURES_PREFIX_CHARS + 1] - 1, SEED_PREFIX);
    key = key ? key : 1;
    idfs->terms[idfs->count++] = (features_term){key, (float)idf};
}

/* The prefixes counted and their words' idfs summed by key, from one sort
 * of the idfs: a count is the length of its key's run (1.0f added up, as
 * summing a vector of ones by key would), an idf sum adds the run in
 * order, as features_sum_by_key does. prefixes has room for idfs->count. */
static int count_prefixes(features_vector *idfs, features_vector *prefixes, core_arena *arena)
{
    int rc = features_sort_by_key(idfs, arena);
    uint32_t m = 0;
    for (uint32_t i = 0; !rc && i < idfs->count; i++) {
        if (i > 0 && idfs->terms[i].key == idfs->terms[m].key) {
            idfs->terms[m].weight += idfs->terms[i].weight;
            prefixes->terms[m].weight += 1.0f;
        } else {
            m += i > 0;
            idfs->terms[m] = idfs->terms[i];
            prefixes->terms[m] = (features_term){idfs->terms[i].key, 1.0f};
        }
    }
    idfs->count = prefixes->count = rc || !idfs->count ? 0 : m + 1;
    return rc;
}

/* Turns prefix counts and the summed idfs of their words (the same keys in
 * the same order) into (1 + ln tf) * mean idf, normalised. */
static void weigh_prefixes(features_vector *prefixes, const features_vector *idfs)
{
    for (uint32_t i = 0; i < prefixes->count; i++) {
        double tf = prefixes->terms[i].weight;
        prefixes->terms[i].weight = (float)((1 + log(tf)) * idfs->terms[i].weight / tf);
    }
    features_normalize(prefixes);
}

/* One word padded as " word ", accent-stripped, and the starts of its code
 * points: scratch reused from word to word (only grown). */
typedef struct padded_word {
    char *text;
    uint32_t *starts;
    size_t room; /* bytes text can hold, padding and NUL included */
    size_t chars;
} padded_word;

/* Makes room in w for a word of n bytes; 0 when the arena is full. */
static int padded_reserve(padded_word *w, size_t n, core_arena *arena)
{
    if (n + 3 <= w->room) {
        return 1;
    }
    size_t room = 2 * (n + 3);
    w->text = core_arena_alloc(arena, room);
    w->starts = w->text ? core_arena_alloc(arena, room * sizeof *w->starts) : NULL;
    w->room = w->starts ? room : 0;
    return w->starts != NULL;
}

/* Pads the accent-stripped form of the token into w. An ASCII token is
 * lower-cased in place of text_fold, which gives just that for ASCII, and
 * its code points are its bytes. */
static int pad_word(features_context *ctx, const text_token *t, core_arena *arena, padded_word *w)
{
    size_t n = t->folded_len;
    int ascii = text_is_ascii(t->folded, n);
    const char *bare =
        ascii ? t->folded
              : text_fold_cached(ctx->folds, t->folded, n, TEXT_FOLD_STRIP_ACCENTS, arena, &n);
    if (!bare || !padded_reserve(w, n, arena)) {
        return FIL_ENOMEM;
    }
    if (ascii) {
        text_fold_ascii_into(w->text + 1, bare, n);
    } else {
        memcpy(w->text + 1, bare, n);
    }
    w->text[0] = ' ';
    w->text[n + 1] = ' ';
    w->text[n + 2] = '\0';
    if (!ascii) {
        w->chars = code_point_starts(w->text, n + 2, w->starts);
        return FIL_OK;
    }
    for (size_t i = 0; i <= n + 2; i++) {
        w->starts[i] = (uint32_t)i;
    }
    w->chars = n + 2;
    return FIL_OK;
}

int features_char_grams(features_context *ctx, const char *lang, const text_token *tokens,
                        size_t count, const uint32_t *keys, core_arena *arena, features_vector *all,
                        features_vector *names, features_vector *prefixes)
{
    size_t cap = gram_room(tokens, count);
    features_vector idfs = {NULL, 0}; /* the idf of the word at each prefix */
    padded_word w = {NULL, NULL, 0, 0};
    all->count = names->count = prefixes->count = 0;
    all->terms = core_arena_alloc(arena, cap * sizeof *all->terms);
    names->terms = core_arena_alloc(arena, cap * sizeof *names->terms);
    prefixes->terms = core_arena_alloc(arena, (count + 1) * sizeof *prefixes->terms);
    idfs.terms = core_arena_alloc(arena, (count + 1) * sizeof *idfs.terms);
    if (!all->terms || !names->terms || !prefixes->terms || !idfs.terms) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; keys && i < count && i < CORE_PREFETCH_AHEAD; i++) {
        core_map_prefetch(&ctx->df, keys[i]);
    }
    for (size_t i = 0; i < count; i++) {
        if (keys && i + CORE_PREFETCH_AHEAD < count) {
            core_map_prefetch(&ctx->df, keys[i + CORE_PREFETCH_AHEAD]); /* for features_idf */
        }
        uint32_t key = keys ? keys[i] : features_token_key(ctx, lang, &tokens[i], arena);
        if (!key) {
            continue; /* stopword, or too short to carry a topic */
        }
        if (pad_word(ctx, &tokens[i], arena, &w)) {
            return FIL_ENOMEM;
        }
        double idf = features_idf(ctx, key);
        uint32_t first = all->count;
        add_word_grams(w.text, w.starts, w.chars, idf, all, cap);
        if (tokens[i].flags & TEXT_TOKEN_CAPITALISED) {
            /* the same grams again, hashed once: names never outgrow all */
            memcpy(names->terms + names->count, all->terms + first,
                   (all->count - first) * sizeof *all->terms);
            names->count += all->count - first;
        }
        if (!(tokens[i].flags & TEXT_TOKEN_NUMBER)) {
            add_prefix(w.text, w.starts, w.chars, idf, &idfs);
        }
    }
    /* counts and idfs summed by key come out in the same order */
    int rc = features_sum_by_key(all, arena);
    rc = rc ? rc : features_sum_by_key(names, arena);
    rc = rc ? rc : count_prefixes(&idfs, prefixes, arena);
    features_normalize(all);
    features_normalize(names);
    weigh_prefixes(prefixes, &idfs);
    return rc;
}
