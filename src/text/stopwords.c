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

static uint64_t word_key(const char *lang, const char *folded, size_t len)
{
    return core_hash(folded, len, core_hash(lang, strlen(lang), 0x5709));
}

static int add_word(text_stopwords *sw, const char *lang, const char *word, core_arena *scratch)
{
    size_t n;
    char *folded = text_fold(word, strlen(word), 0, scratch, &n);
    char *stripped =
        folded ? text_fold(word, strlen(word), TEXT_FOLD_STRIP_ACCENTS, scratch, &n) : NULL;
    if (!stripped) {
        return -1;
    }
    if (core_map_put(&sw->words, word_key(lang, folded, strlen(folded)), 1) ||
        core_map_put(&sw->words, word_key(lang, stripped, n), 1)) {
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
    core_arena scratch;
    core_arena_init(&scratch, 4096, 0);
    int failed = 0;
    for (size_t i = 0; i < text_stopword_list_count && !failed; i++) {
        const text_stopword_list *list = &text_stopword_lists[i];
        for (size_t j = 0; j < list->count && !failed; j++) {
            failed = add_word(sw, list->lang, list->words[j], &scratch);
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
    return core_map_get(&sw->words, word_key(lang, folded, len)) != NULL;
}

size_t text_stopwords_language_count(void)
{
    return text_stopword_list_count;
}

const char *text_stopwords_language(size_t i)
{
    return i < text_stopword_list_count ? text_stopword_lists[i].lang : NULL;
}
