/*
 * src/text/stopwords.c -- stopword sets; see stopwords.h.
 */
#include "text/stopwords.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/hash.h"
#include "core/map.h"
#include "text/normalize.h"
#include "text/stopwords_data.h"

struct text_stopwords {
    core_map words; /* key: hash of (lang, folded word); value unused */
};

uint64_t text_stopwords_seed(const char *lang)
{
    /* odd multiplier: the language moves every bit of the word's hash */
    return core_hash(lang, strlen(lang), 0x5709) * 0x9e3779b97f4a7c15ULL;
}

/* A word's key: its plain hash mixed with its language's seed, so that
 * callers holding the hash need not hash again. */
static uint64_t word_key(uint64_t seed, const char *folded, size_t len)
{
    return core_hash(folded, len, 0) ^ seed;
}

/* Adds word, folded with and without accents. */
static int add_word(text_stopwords *sw, uint64_t seed, const char *word, core_arena *scratch)
{
    size_t n, len = strlen(word);
    char *folded = text_fold(word, len, 0, scratch, &n);
    if (!folded || core_map_put(&sw->words, word_key(seed, folded, n), 1)) {
        return -1;
    }
    char *stripped = text_fold(word, len, TEXT_FOLD_STRIP_ACCENTS, scratch, &n);
    if (!stripped || core_map_put(&sw->words, word_key(seed, stripped, n), 1)) {
        return -1;
    }
    return 0;
}

text_stopwords *text_stopwords_new(void)
{
    text_stopwords *sw = core_calloc(1, sizeof *sw);
    if (!sw) {
        return NULL;
    }
    core_map_init(&sw->words, 0);
    size_t words = 0;
    for (size_t i = 0; i < text_stopword_list_count; i++) {
        words += text_stopword_lists[i].count;
    }
    /* most words have one form (no accent): one table, sized once */
    int failed = core_map_reserve(&sw->words, words) != 0;
    core_arena scratch;
    core_arena_init(&scratch, 4096, 0);
    for (size_t i = 0; i < text_stopword_list_count && !failed; i++) {
        const text_stopword_list *list = &text_stopword_lists[i];
        uint64_t seed = text_stopwords_seed(list->lang);
        for (size_t j = 0; j < list->count && !failed; j++) {
            failed = add_word(sw, seed, list->words[j], &scratch);
            core_arena_reset(&scratch);
        }
    }
    core_arena_free(&scratch);
    if (failed) {
        text_stopwords_free(sw);
        return NULL;
    }
    return sw;
}

void text_stopwords_free(text_stopwords *sw)
{
    if (sw) {
        core_map_free(&sw->words);
        free(sw);
    }
}

int text_stopwords_contains(const text_stopwords *sw, const char *lang, const char *folded,
                            size_t len)
{
    return core_map_get(&sw->words, word_key(text_stopwords_seed(lang), folded, len)) != NULL;
}

int text_stopwords_contains_hash(const text_stopwords *sw, uint64_t seed, uint64_t word_hash)
{
    return core_map_get(&sw->words, word_hash ^ seed) != NULL;
}

void text_stopwords_prefetch(const text_stopwords *sw, uint64_t seed, uint64_t word_hash)
{
    core_map_prefetch(&sw->words, word_hash ^ seed);
}

size_t text_stopwords_language_count(void)
{
    return text_stopword_list_count;
}

const char *text_stopwords_language(size_t i)
{
    return i < text_stopword_list_count ? text_stopword_lists[i].lang : NULL;
}
