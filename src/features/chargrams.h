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

#define FEATURES_GRAM_CHARS   4
#define FEATURES_PREFIX_CHARS 4

/* Fills `all` from every content word and `names` from the capitalised
 * ones only (names, and in German all nouns), whose grams meet across
 * languages ("Moskau", "Moscow"). keys: NULL, or features_token_key of
 * each token, known already (features_counts.word_keys), which spares a
 * lookup per token.
 * And `prefixes` from the first FEATURES_PREFIX_CHARS code points of
 * each content word of that many or more, accent-stripped, numbers left
 * out; key-sorted, each key once, L2-normalised. A prefix weighs
 * (1 + ln tf) * idf as the terms of features_weigh do: tf is its count in
 * the tokens, idf the mean features_idf of the words that carry it there.
 * Why: truncating words to a few leading characters is a stemmer that needs
 * no language (McNamee, Nicholas & Mayfield 2009, "Addressing morphological
 * variation in alphabetic languages", SIGIR: 4 to 5 characters work best);
 * it also meets across languages where cognates, names and their case
 * endings share a beginning ("Demokraten", "Democrats"; "Polizei",
 * "police"; "Merkels", "Merkel"). On the SemEval-2022 Task 8 train pairs
 * the cosine of these prefixes lifts de-en from 0.637 to 0.667 (5-fold CV
 * of the similarity model; 3 and 5 characters did nearly as well as 4, 6
 * did not).
 * Why the words' idf, not a df of prefixes (2026-12-05): a prefix pools
 * every word that starts with it, so its own df marks it common exactly
 * where it joins two inflections, and two articles that meet only through
 * "Turquie" and "turque" gain the least; the words' idf keeps that meeting
 * as rare as the words are. It also needs no table of prefix frequencies
 * and no work in fil_learn. A prefix df table (1 + ln tf weighing) gave
 * CV all 0.729, de-en 0.664, fr-fr 0.792, but fil similar on the seeds'
 * rewrite pair 000/001 (two articles learned) 1.53 against 1.47 before the
 * feature; the words' idf summed per occurrence (as the character grams
 * weigh) gave de-en 0.641.
 * They are made in the grams' pass, which has each word's accent-stripped
 * form and idf at hand. */
int features_char_grams(features_context *ctx, const char *lang, const text_token *tokens,
                        size_t count, const uint32_t *keys, core_arena *arena, features_vector *all,
                        features_vector *names, features_vector *prefixes);

#endif
