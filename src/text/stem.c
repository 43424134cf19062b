/*
 * src/text/stem.c -- libstemmer by language code; see stem.h.
 */
#include "text/stem.h"
#include "core/alloc.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* ISO 639-1 code -> Snowball algorithm name. */
static const struct {
    const char *code;
    const char *algorithm;
} stem_languages[] = {
    {"ar", "arabic"},     {"hy", "armenian"},   {"eu", "basque"},    {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},   {"fi", "finnish"},
    {"fr", "french"},     {"de", "german"},     {"el", "greek"},     {"hi", "hindi"},
    {"hu", "hungarian"},  {"id", "indonesian"}, {"ga", "irish"},     {"it", "italian"},
    {"lt", "lithuanian"}, {"ne", "nepali"},     {"no", "norwegian"}, {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},    {"sr", "serbian"},   {"es", "spanish"},
    {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},   {"yi", "yiddish"},
};
#define STEM_LANGUAGE_COUNT (sizeof stem_languages / sizeof stem_languages[0])

struct text_stemmers {
    struct sb_stemmer *stemmers[STEM_LANGUAGE_COUNT]; /* NULL until first use */
};

static int language_index(const char *lang)
{
    /* the first letter settles most codes without a call: this runs once
     * per word the word cache has not seen */
    for (size_t i = 0; lang && i < STEM_LANGUAGE_COUNT; i++) {
        if (stem_languages[i].code[0] == lang[0] && strcmp(stem_languages[i].code, lang) == 0) {
            return (int)i;
        }
    }
    return -1;
}

text_stemmers *text_stemmers_new(void)
{
    return core_calloc(1, sizeof(text_stemmers));
}

void text_stemmers_free(text_stemmers *st)
{
    if (!st) {
        return;
    }
    for (size_t i = 0; i < STEM_LANGUAGE_COUNT; i++) {
        if (st->stemmers[i]) {
            sb_stemmer_delete(st->stemmers[i]);
        }
    }
    free(st);
}

const char *text_stem(text_stemmers *st, const char *lang, const char *word, size_t len,
                      core_arena *arena, size_t *out_len)
{
    int i = language_index(lang);
    if (i >= 0 && !st->stemmers[i]) {
        st->stemmers[i] = sb_stemmer_new(stem_languages[i].algorithm, "UTF_8");
    }
    const char *stem = word;
    size_t n = len;
    if (i >= 0 && st->stemmers[i]) {
        const sb_symbol *s = sb_stemmer_stem(st->stemmers[i], (const sb_symbol *)word, (int)len);
        if (s) {
            stem = (const char *)s;
            n = (size_t)sb_stemmer_length(st->stemmers[i]);
        }
    }
    *out_len = n;
    return stem == word ? word : core_arena_strndup(arena, stem, n);
}
