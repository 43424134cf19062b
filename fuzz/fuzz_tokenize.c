/*
 * fuzz/fuzz_tokenize.c -- the tokenizer and the normaliser (src/text/) on
 * arbitrary bytes, valid UTF-8 or not.
 *
 * Checks: no crash, UB or leak; tokenizing never fails with room to
 * spare; tokens lie inside the input, in order, without overlap, each
 * starting with a letter or digit; a folded token is valid UTF-8 of the
 * length given, with no upper-case ASCII; only the documented flags are
 * set, NUMBER and CAPITALISED exactly when the token's first character is
 * a digit or an upper-case letter, and a token without MAY_HYPHEN folds
 * to no hyphen. text_fold of valid UTF-8 without NUL succeeds, with or without
 * accent stripping, and gives valid UTF-8 of the length it reports.
 */
#include <utf8proc.h>

#include "core/arena.h"
#include "fil.h"
#include "fuzz.h"
#include "text/normalize.h"
#include "text/tokenize.h"

#define FUZZ_ARENA_CHUNK 256u        /* small, so chunk growth runs */
#define FUZZ_ARENA_CAP   (64u << 20) /* far above what 1 MiB of text needs */

static void check_token(const text_token *t, const uint8_t *data, size_t size, size_t after)
{
    const unsigned known = TEXT_TOKEN_CAPITALISED | TEXT_TOKEN_SENTENCE_START | TEXT_TOKEN_NUMBER |
                           TEXT_TOKEN_MAY_HYPHEN | TEXT_TOKEN_ELIDED | TEXT_TOKEN_POSSESSIVE;
    FUZZ_CHECK(t->len > 0 && t->offset >= after && t->offset + t->len <= size,
               "tokens in order, inside the input");
    int32_t cp;
    core_utf8_decode(data + t->offset, size - t->offset, &cp);
    FUZZ_CHECK(cp >= 0, "a token starts with a whole character");
    utf8proc_category_t cat = utf8proc_category(cp);
    FUZZ_CHECK(!(t->flags & TEXT_TOKEN_NUMBER) == (cat != UTF8PROC_CATEGORY_ND),
               "NUMBER exactly when the token starts with a digit");
    FUZZ_CHECK(!(t->flags & TEXT_TOKEN_CAPITALISED) ==
                   (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT),
               "CAPITALISED exactly when the first letter is upper case");
    FUZZ_CHECK((t->flags & TEXT_TOKEN_MAY_HYPHEN) || !memchr(t->folded, '-', t->folded_len),
               "without MAY_HYPHEN the folded token has no hyphen");
    FUZZ_CHECK(strlen(t->folded) == t->folded_len, "folded_len is the folded length");
    FUZZ_CHECK(fuzz_is_utf8(t->folded), "folded tokens are UTF-8");
    for (size_t i = 0; i < t->folded_len; i++) {
        FUZZ_CHECK(t->folded[i] < 'A' || t->folded[i] > 'Z', "folded tokens are lower case");
    }
    FUZZ_CHECK((t->flags & ~known) == 0, "only documented flags");
    FUZZ_CHECK(!(t->flags & TEXT_TOKEN_POSSESSIVE) ||
                   1 + text_apostrophe_bytes((const char *)data, t->offset + t->len - 1) < t->len,
               "a possessive's apostrophe and s lie inside its token, after a word");
    FUZZ_CHECK(!(t->flags & TEXT_TOKEN_ELIDED) || t->offset >= after + 2,
               "an elision (a letter, an apostrophe) lies before an elided token");
}

static void check_fold(const uint8_t *data, size_t size, unsigned flags, core_arena *arena)
{
    const char *s = (const char *)data;
    if (memchr(s, '\0', size) || core_utf8_count_invalid(s, size, 0)) {
        (void)text_fold(s, size, flags, arena, &(size_t){0}); /* must not crash */
        return;
    }
    size_t n = 0;
    char *folded = text_fold(s, size, flags, arena, &n);
    FUZZ_CHECK(folded, "valid UTF-8 folds");
    FUZZ_CHECK(strlen(folded) == n && fuzz_is_utf8(folded), "folding gives UTF-8 of length n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    core_arena arena;
    core_arena_init(&arena, FUZZ_ARENA_CHUNK, FUZZ_ARENA_CAP);
    text_token *tokens = NULL;
    size_t count = 0;
    int rc = text_tokenize((const char *)data, size, SIZE_MAX, &arena, &tokens, &count);
    FUZZ_CHECK(rc == FIL_OK, "tokenizing succeeds");
    size_t after = 0;
    for (size_t i = 0; i < count; i++) {
        check_token(&tokens[i], data, size, after);
        after = tokens[i].offset + tokens[i].len;
    }
    core_arena_reset(&arena);
    check_fold(data, size, 0, &arena);
    check_fold(data, size, TEXT_FOLD_STRIP_ACCENTS, &arena);
    core_arena_free(&arena);
    return 0;
}
