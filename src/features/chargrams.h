/*
 * src/features/chargrams.h -- character 4-grams of an article's content words.
 *
 * Promise: features_char_grams turns tokens into a key-sorted, L2-normalised
 * vector of the character 4-grams of each content word, accent-stripped and
 * padded with a space each side ("tour" gives " tou", "tour", "our "; a
 * word of two letters gives its one padded gram). Each occurrence of a word
 * adds idf(word) / sqrt(grams of the word) to each of its grams, where idf
 * is the document frequency of the word's stem key in the context
 * (features_idf), so no table of gram frequencies is kept.
 * Why: grams meet where stems do not: inflections a stemmer misses (there is
 * no Snowball stemmer for Polish), cognates across languages ("Präsident",
 * "president"), and transliterated names. On the SemEval-2022 Task 8 train
 * pairs, this cosine alone correlates 0.590 with the gold similarity, as
 * well as 4-grams with an idf of their own (0.588) and better than word
 * TF-IDF (0.567).
 * Input:  tokens from text/tokenize.h over the article's title and text.
 * Memory: the vector lives in the arena.
 * Limits: at most (bytes of the tokens + 3 per token) grams; an article
 *         cannot make more.
 * Errors: FIL_ENOMEM when the arena is full.
 */
#ifndef FIL_FEATURES_CHARGRAMS_H
#define FIL_FEATURES_CHARGRAMS_H

#include <stddef.h>

#include "core/arena.h"
#include "features/termvec.h"
#include "text/tokenize.h"

#define FEATURES_GRAM_CHARS 4

/* Fills `all` from every content word and `names` from the capitalised
 * ones only (names, and in German all nouns), whose grams meet across
 * languages ("Moskau", "Moscow"). keys: NULL, or features_token_key of
 * each token, known already (features_counts.word_keys), which spares a
 * lookup per token. */
int features_char_grams(features_context *ctx, const char *lang, const text_token *tokens,
                        size_t count, const uint32_t *keys, core_arena *arena, features_vector *all,
                        features_vector *names);

#endif
