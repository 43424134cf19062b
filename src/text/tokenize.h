/*
 * src/text/tokenize.h -- words of news text, with the flags later stages need.
 *
 * Promise: text_tokenize splits UTF-8 text into word tokens and folds each
 * (text/normalize.h, accents kept). It knows:
 *  - elisions: l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' (and the
 *    Italian dell' nell' all' dall' sull' un') are dropped from the word
 *    they lead ("l’État" gives "état"); English "'s" is dropped;
 *    apostrophes ' ’ ʼ are one character;
 *  - hyphenated names and compounds stay one token ("Jean-Pierre",
 *    "cessez-le-feu", "el-Assad");
 *  - numbers keep inner separators ("3,5", "1.000", "17:00", "2020-03-04");
 *  - punctuation, guillemets « » and quotes “ ” „ separate tokens.
 * Flags: TEXT_TOKEN_CAPITALISED when the token's first letter is upper
 * case; TEXT_TOKEN_SENTENCE_START for the first token of the text and after
 * . ! ? … : ; a line break or an opening quote, except a full stop right
 * after a capitalised token of at most 3 bytes, taken as an abbreviation
 * ("M.", "Mr.", "Dr.", "U.S."; the price: "Bob." does not end a sentence);
 * TEXT_TOKEN_NUMBER when it
 * starts with a digit. The bits equal FIL_TOKEN_* in fil.h, but for
 * TEXT_TOKEN_MAY_HYPHEN.
 * Memory: the token array and folded strings live in the arena.
 * Limits: at most max_tokens tokens; the rest of the text is ignored.
 * Errors: FIL_ENOMEM when the arena is exhausted. Invalid UTF-8 is skipped
 *         as a separator.
 */
#ifndef FIL_TEXT_TOKENIZE_H
#define FIL_TEXT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "text/normalize.h"

#define TEXT_TOKEN_CAPITALISED    1u
#define TEXT_TOKEN_SENTENCE_START 2u
#define TEXT_TOKEN_NUMBER         4u
#define TEXT_TOKEN_STOPWORD       8u /* set later, by text/stopwords.h users */
/* Internal, not a FIL_TOKEN_* bit: the folded token may hold an ASCII
 * hyphen (one joined it, or it is not all ASCII, whose folding could make
 * one). Without it the token has none, and callers need not look. */
#define TEXT_TOKEN_MAY_HYPHEN 16u
/* Internal too: an elision ("l'", "qu'", "dell'") before the token was
 * left out of it (its offset is past the apostrophe), and an English
 * possessive ending it ("'s", "’s") was left out of folded (its len still
 * holds it). Sentence and name edges are read from these. */
#define TEXT_TOKEN_ELIDED     32u
#define TEXT_TOKEN_POSSESSIVE 64u
#define TEXT_TOKEN_INTERNAL   (TEXT_TOKEN_MAY_HYPHEN | TEXT_TOKEN_ELIDED | TEXT_TOKEN_POSSESSIVE)

/* The bytes of the apostrophe that ends at byte end of s, back to its
 * first (an apostrophe may take 1 to 3 bytes of UTF-8). */
static inline size_t text_apostrophe_bytes(const char *s, size_t end)
{
    size_t k = end - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) {
        k--;
    }
    return end - k;
}

typedef struct text_token {
    const char *folded;  /* NFKC + case folded, accents kept, NUL-terminated */
    uint32_t folded_len; /* bytes */
    uint32_t offset;     /* byte offset of the token in the input */
    uint32_t len;        /* bytes of the token in the input */
    unsigned flags;      /* TEXT_TOKEN_* */
} text_token;

int text_tokenize(const char *s, size_t len, size_t max_tokens, core_arena *arena,
                  text_token **tokens, size_t *count);

/* The same, folding non-ASCII words through a cache (text/normalize.h;
 * NULL: none): the same tokens, faster where words repeat. */
int text_tokenize_cached(const char *s, size_t len, size_t max_tokens, text_fold_cache *folds,
                         core_arena *arena, text_token **tokens, size_t *count);

/* How many of tokens (count, in text order) end within the first len
 * bytes of their text: the tokens of a prefix, for a caller that has the
 * whole text's (a word cut by len is not among them). */
size_t text_tokens_within(const text_token *tokens, size_t count, size_t len);

#endif
