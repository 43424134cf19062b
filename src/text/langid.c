/*
 * src/text/langid.c -- CLD2 with a stopword vote for short text; see langid.h.
 */
#include "text/langid.h"

#include <string.h>

#include "text/langid_cld2.h"
#include "text/tokenize.h"

#define LANGID_MAX_BYTES  (64u * 1024)
#define LANGID_MAX_TOKENS 400

/* Index of the language whose stopwords cover the most tokens, or -1 when
 * the best has fewer than two or ties with the runner-up. */
static int stopword_vote(const text_stopwords *sw, const text_token *tokens, size_t count)
{
    int best = -1;
    size_t best_hits = 0, second_hits = 0;
    for (size_t i = 0; i < text_stopwords_language_count(); i++) {
        const char *lang = text_stopwords_language(i);
        size_t hits = 0;
        for (size_t t = 0; t < count; t++) {
            hits +=
                (size_t)text_stopwords_contains(sw, lang, tokens[t].folded, tokens[t].folded_len);
        }
        if (hits > best_hits) {
            second_hits = best_hits;
            best_hits = hits;
            best = (int)i;
        } else if (hits > second_hits) {
            second_hits = hits;
        }
    }
    return best_hits >= 2 && best_hits > second_hits ? best : -1;
}

static int has_word(const text_token *tokens, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!(tokens[i].flags & TEXT_TOKEN_NUMBER)) {
            return 1;
        }
    }
    return 0;
}

void text_detect_language(const text_stopwords *sw, const char *text, size_t len, core_arena *arena,
                          char out[8])
{
    len = len < LANGID_MAX_BYTES ? len : LANGID_MAX_BYTES;
    int reliable = 0;
    text_cld2_detect(text, len, out, &reliable);
    if (reliable && len >= 64) {
        return;
    }
    text_token *tokens;
    size_t count;
    if (text_tokenize(text, len, LANGID_MAX_TOKENS, arena, &tokens, &count) != 0) {
        count = 0;
    }
    int vote = stopword_vote(sw, tokens, count);
    if (vote >= 0) {
        strcpy(out, text_stopwords_language((size_t)vote));
    } else if (strcmp(out, "un") == 0 || !has_word(tokens, count)) {
        strcpy(out, "und"); /* CLD2's default guess on text with no words is no answer */
    }
}
