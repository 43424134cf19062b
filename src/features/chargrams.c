/*
 * src/features/chargrams.c -- character 4-grams of content words; see
 * chargrams.h.
 */
#include "features/chargrams.h"

#include <math.h>
#include <string.h>

#include "core/hash.h"
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

/* Appends the prefix of one word (padded as " word ", the starts of its
 * code points at starts, chars of them with the padding) to prefixes and
 * the word's idf to idfs, when the word has FEATURES_PREFIX_CHARS code
 * points or more. */
static void add_prefix(const char *padded, const uint32_t *starts, size_t chars, double idf,
                       features_vector *prefixes, features_vector *idfs)
{
    if (chars < FEATURES_PREFIX_CHARS + 2) {
        return;
    }
    uint32_t key =
        (uint32_t)core_hash(padded + 1, starts[FEATURES_PREFIX_CHARS + 1] - 1, SEED_PREFIX);
    key = key ? key : 1;
    prefixes->terms[prefixes->count++] = (features_term){key, 1.0f};
    idfs->terms[idfs->count++] = (features_term){key, (float)idf};
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

int features_char_grams(features_context *ctx, const char *lang, const text_token *tokens,
                        size_t count, const uint32_t *keys, core_arena *arena, features_vector *all,
                        features_vector *names, features_vector *prefixes)
{
    size_t cap = gram_room(tokens, count);
    features_vector idfs = {NULL, 0}; /* the idf of the word at each prefix */
    all->count = names->count = prefixes->count = 0;
    all->terms = core_arena_alloc(arena, cap * sizeof *all->terms);
    names->terms = core_arena_alloc(arena, cap * sizeof *names->terms);
    prefixes->terms = core_arena_alloc(arena, (count + 1) * sizeof *prefixes->terms);
    idfs.terms = core_arena_alloc(arena, (count + 1) * sizeof *idfs.terms);
    if (!all->terms || !names->terms || !prefixes->terms || !idfs.terms) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        uint32_t key = keys ? keys[i] : features_token_key(ctx, lang, &tokens[i], arena);
        if (!key) {
            continue; /* stopword, or too short to carry a topic */
        }
        size_t n;
        const char *bare = text_fold_cached(ctx->folds, tokens[i].folded, tokens[i].folded_len,
                                            TEXT_FOLD_STRIP_ACCENTS, arena, &n);
        char *padded = bare ? core_arena_alloc(arena, n + 3) : NULL;
        uint32_t *starts = padded ? core_arena_alloc(arena, (n + 3) * sizeof *starts) : NULL;
        if (!starts) {
            return FIL_ENOMEM;
        }
        padded[0] = ' ';
        memcpy(padded + 1, bare, n);
        padded[n + 1] = ' ';
        padded[n + 2] = '\0';
        size_t chars = code_point_starts(padded, n + 2, starts);
        double idf = features_idf(ctx, key);
        add_word_grams(padded, starts, chars, idf, all, cap);
        if (tokens[i].flags & TEXT_TOKEN_CAPITALISED) {
            add_word_grams(padded, starts, chars, idf, names, cap);
        }
        if (!(tokens[i].flags & TEXT_TOKEN_NUMBER)) {
            add_prefix(padded, starts, chars, idf, prefixes, &idfs);
        }
    }
    /* counts and idfs summed by key come out in the same order */
    int rc = features_sum_by_key(all, arena);
    rc = rc ? rc : features_sum_by_key(names, arena);
    rc = rc ? rc : features_sum_by_key(prefixes, arena);
    rc = rc ? rc : features_sum_by_key(&idfs, arena);
    features_normalize(all);
    features_normalize(names);
    weigh_prefixes(prefixes, &idfs);
    return rc;
}
