/*
 * src/text/stopwords_data.h -- compiled-in stopword lists (generated from
 * data/stopwords by cmake/EmbedStopwords.cmake).
 *
 * Promise: text_stopword_lists holds text_stopword_list_count entries, one
 * per data/stopwords/<lang>.txt, sorted by lang in strcmp order (so
 * bsearch by code works), each lang unique. words[0..count-1] are the
 * lines of that file in file order: NUL-terminated UTF-8, exactly as
 * listed (not case-folded, accents kept; fil folds them at load time),
 * count > 0, no empty strings. The shipped files are sorted by byte value
 * and deduplicated (scripts/gen_stopwords.sh); the generator does not
 * re-sort, so a hand-edited list keeps its own order.
 * Memory: everything is static, read-only data; never free it.
 * Errors: none at run time (a bad list fails the build).
 */
#ifndef FIL_TEXT_STOPWORDS_DATA_H
#define FIL_TEXT_STOPWORDS_DATA_H

#include <stddef.h>

typedef struct text_stopword_list {
    const char *lang;         /* ISO 639-1 code, e.g. "fr" */
    const char *const *words; /* as listed in data/stopwords/<lang>.txt, UTF-8, not folded */
    size_t count;
} text_stopword_list;

extern const text_stopword_list text_stopword_lists[];
extern const size_t text_stopword_list_count;

#endif
