/*
 * src/text/stopwords.h -- stopword sets for every language fil stems.
 *
 * Promise: text_stopwords_contains answers whether a folded word (as the
 * tokenizer gives it) is a stopword of lang. Each listed word is stored
 * folded with and without accents, so text whose accents were stripped
 * upstream ("deja", "etait") still matches. The lists are compiled in from
 * data/stopwords (stopwords-iso, MIT; see data/stopwords/README.md).
 * Memory: the set owns one hash map; about 30 languages, ~40k entries.
 * Threads: read-only after text_stopwords_new; safe to share for reading.
 */
#ifndef FIL_TEXT_STOPWORDS_H
#define FIL_TEXT_STOPWORDS_H

#include <stddef.h>
#include <stdint.h>

typedef struct text_stopwords text_stopwords;

/* Caller frees with text_stopwords_free. NULL when out of memory. */
text_stopwords *text_stopwords_new(void);
void text_stopwords_free(text_stopwords *sw);

/* lang: ISO 639-1 code. Unknown languages have no stopwords. */
int text_stopwords_contains(const text_stopwords *sw, const char *lang, const char *folded,
                            size_t len);

/* The same question for a word given by its hash, core_hash(folded, len,
 * 0), and a language by text_stopwords_seed(lang): for callers that hash
 * every word anyway (features/termvec.c), so that a lookup costs no
 * hashing and its slot can be fetched ahead (text_stopwords_prefetch,
 * which changes nothing). */
uint64_t text_stopwords_seed(const char *lang);
int text_stopwords_contains_hash(const text_stopwords *sw, uint64_t seed, uint64_t word_hash);
void text_stopwords_prefetch(const text_stopwords *sw, uint64_t seed, uint64_t word_hash);

/* Number of languages with a list, and the code of the i-th (sorted). */
size_t text_stopwords_language_count(void);
const char *text_stopwords_language(size_t i);

#endif
