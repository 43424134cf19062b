/*
 * src/text/tokenize.c -- the tokenizer; see tokenize.h.
 *
 * One left-to-right scan. Each position is classified (word character,
 * apostrophe, hyphen, separator, sentence break); a token is a run of word
 * characters joined across single apostrophes, hyphens, and, between
 * digits, the separators of numbers.
 */
#include "text/tokenize.h"

#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"
#include "fil.h"
#include "text/normalize.h"

typedef enum {
    CLASS_SPACE, /* separator that does not end a sentence */
    CLASS_WORD,  /* letter or mark */
    CLASS_DIGIT,
    CLASS_APOSTROPHE,
    CLASS_HYPHEN,
    CLASS_NUMBER_JOIN, /* . , : between digits */
    CLASS_BREAK        /* ends a sentence or opens a quote */
} char_class;

typedef struct scanner {
    const unsigned char *s;
    size_t len;
} scanner;

/* The class of each ASCII byte: letters W, digits D, ' A, - H, . , : J,
 * ! ? ; newline and " B (they end a sentence or open a quote), the rest S.
 * One load instead of a chain of range tests in the tokenizer's loop.
 * Bytes from 0x80 (left out, so CLASS_SPACE) are not classified here:
 * class_at decodes them; the ASCII fast path stops at them. */
#define W CLASS_WORD
#define D CLASS_DIGIT
#define A CLASS_APOSTROPHE
#define H CLASS_HYPHEN
#define J CLASS_NUMBER_JOIN
#define B CLASS_BREAK
#define S CLASS_SPACE
static const unsigned char ascii_classes[256] = {
    S, S, S, S, S, S, S, S, S, S, B, S, S, S, S, S, /* 0x00 */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* 0x10 */
    S, B, B, S, S, S, S, A, S, S, S, S, J, H, J, S, /* 0x20 */
    D, D, D, D, D, D, D, D, D, D, J, B, S, S, S, B, /* 0x30 */
    S, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* 0x40 */
    W, W, W, W, W, W, W, W, W, W, W, S, S, S, S, S, /* 0x50 */
    S, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* 0x60 */
    W, W, W, W, W, W, W, W, W, W, W, S, S, S, S, S, /* 0x70 */
};
#undef W
#undef D
#undef A
#undef H
#undef J
#undef B
#undef S

static char_class classify_ascii(unsigned char c)
{
    return (char_class)ascii_classes[c];
}

static char_class classify(int32_t cp)
{
    if (cp < 0x80) {
        return cp < 0 ? CLASS_SPACE : classify_ascii((unsigned char)cp);
    }
    switch (cp) {
    case 0x2019:
    case 0x02BC: return CLASS_APOSTROPHE;
    case 0x2010:
    case 0x2011: return CLASS_HYPHEN;
    case 0x2026: /* … */
    case 0x00AB:
    case 0x201C:
    case 0x201E: /* « “ „ open a quote */ return CLASS_BREAK;
    default: break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CLASS_WORD;
    case UTF8PROC_CATEGORY_ND: return CLASS_DIGIT;
    default: return CLASS_SPACE;
    }
}

/* Class of the code point at *pos; sets *next past it. */
static inline char_class class_at(const scanner *sc, size_t pos, size_t *next, int32_t *cp)
{
    if (pos >= sc->len) {
        *next = pos;
        *cp = -1;
        return CLASS_SPACE;
    }
    if (sc->s[pos] < 0x80) { /* the common case, without a decoder call */
        *next = pos + 1;
        *cp = sc->s[pos];
        return classify_ascii(sc->s[pos]);
    }
    *next = pos + core_utf8_decode(sc->s + pos, sc->len - pos, cp);
    return classify(*cp);
}

static int is_word_class(char_class c)
{
    return c == CLASS_WORD || c == CLASS_DIGIT;
}

/* Elided articles and pronouns that lead a word across an apostrophe. */
static int is_elision(const char *folded, size_t n)
{
    static const char *const elisions[] = {
        "l",      "d",      "j",      "m",    "n",    "s",   "t",    "c",    "qu", "jusqu",
        "lorsqu", "puisqu", "quoiqu", "dell", "nell", "all", "dall", "sull", "un"};
    for (size_t i = 0; i < sizeof elisions / sizeof elisions[0]; i++) {
        if (strlen(elisions[i]) == n && memcmp(elisions[i], folded, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80) {
        return cp >= 'A' && cp <= 'Z'; /* the only ASCII in Lu or Lt */
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* The end of the token at start when it is the common kind: a run of
 * ASCII letters and digits followed by the end of the text or by an ASCII
 * byte that cannot join (a space or break; ". , :" after a letter). 0
 * when the token may be anything else: token_end's general scan decides
 * (it gives the same end for the common kind, byte by byte). */
static size_t ascii_token_end(const scanner *sc, size_t start)
{
    size_t end = start;
    while (end < sc->len && is_word_class(classify_ascii(sc->s[end]))) { /* stops at 0x80+ */
        end++;
    }
    if (end == start || end == sc->len) {
        return end == start ? 0 : end;
    }
    if (sc->s[end] >= 0x80) {
        return 0; /* a letter, a mark or a joiner of another script */
    }
    char_class c = classify_ascii(sc->s[end]);
    int after_letter = classify_ascii(sc->s[end - 1]) == CLASS_WORD;
    if (c == CLASS_SPACE || c == CLASS_BREAK || (c == CLASS_NUMBER_JOIN && after_letter)) {
        return end;
    }
    return 0;
}

/* Finds the end of the token that starts at start. A joiner (apostrophe,
 * hyphen, number separator) continues the token only when a word
 * character follows; number separators only between digits. *ascii says
 * whether every code point of the token is ASCII, *hyphen whether an ASCII
 * hyphen joined two of its parts. */
static size_t token_end(const scanner *sc, size_t start, size_t *elision_end, int *ascii,
                        int *hyphen)
{
    size_t pos = start, next;
    int32_t cp;
    char_class prev = CLASS_SPACE;
    *elision_end = start;
    *ascii = 1;
    *hyphen = 0;
    size_t common = ascii_token_end(sc, start);
    if (common) {
        return common;
    }
    for (;;) {
        char_class c = class_at(sc, pos, &next, &cp);
        if (is_word_class(c)) {
            *ascii &= cp < 0x80;
            prev = c;
            pos = next;
            continue;
        }
        size_t after;
        int32_t cp_after;
        char_class c2 = class_at(sc, next, &after, &cp_after);
        int joins = (c == CLASS_HYPHEN && is_word_class(c2)) ||
                    (c == CLASS_APOSTROPHE && c2 == CLASS_WORD) ||
                    (c == CLASS_NUMBER_JOIN && prev == CLASS_DIGIT && c2 == CLASS_DIGIT);
        if (!joins) {
            return pos;
        }
        if (c == CLASS_APOSTROPHE && *elision_end == start) {
            *elision_end = pos; /* the caller decides whether this prefix is an elision */
        }
        *ascii &= cp < 0x80;
        *hyphen |= cp == '-';
        pos = next;
    }
}

typedef struct token_sink {
    text_token *tokens;
    size_t count, max;
    char *ascii_room;  /* one block for the folded forms of ASCII tokens */
    size_t ascii_left; /* bytes left in it */
    core_arena *arena;
    text_fold_cache *folds; /* may be NULL */
} token_sink;

/* The folded form of n bytes at s, NUL-terminated. An ASCII token is
 * lower-cased into the sink's block (what text_fold would give, without
 * an allocation per token); others go through text_fold. */
static char *fold_token(token_sink *sink, const char *s, size_t n, int ascii, size_t *out_len)
{
    if (!ascii || n + 1 > sink->ascii_left) {
        return text_fold_cached(sink->folds, s, n, 0, sink->arena, out_len);
    }
    char *out = sink->ascii_room;
    text_fold_ascii_into(out, s, n);
    sink->ascii_room += n + 1;
    sink->ascii_left -= n + 1;
    *out_len = n;
    return out;
}

static int emit(token_sink *sink, const scanner *sc, size_t start, size_t end, int ascii,
                unsigned flags)
{
    text_token *t = &sink->tokens[sink->count];
    size_t n;
    char *folded = fold_token(sink, (const char *)sc->s + start, end - start, ascii, &n);
    if (!folded) {
        return FIL_ENOMEM;
    }
    /* English possessive: "Erdogan's" -> "erdogan" */
    if (n > 2 && folded[n - 2] == '\'' && folded[n - 1] == 's') {
        n -= 2;
        folded[n] = '\0';
        flags |= TEXT_TOKEN_POSSESSIVE;
    }
    t->folded = folded;
    t->folded_len = (uint32_t)n;
    t->offset = (uint32_t)start;
    t->len = (uint32_t)(end - start);
    t->flags = flags;
    sink->count++;
    return FIL_OK;
}

/* Emits the token [start, end), dropping a leading elision. */
static int emit_word(token_sink *sink, const scanner *sc, size_t start, size_t end,
                     size_t elision_end, int ascii, unsigned flags)
{
    if (elision_end > start) {
        size_t n;
        char *prefix =
            text_fold((const char *)sc->s + start, elision_end - start, 0, sink->arena, &n);
        if (!prefix) {
            return FIL_ENOMEM;
        }
        if (is_elision(prefix, n)) {
            size_t next;
            int32_t cp;
            class_at(sc, elision_end, &next, &cp); /* skip the apostrophe */
            start = next;
            class_at(sc, start, &next, &cp);
            flags = (flags & ~TEXT_TOKEN_CAPITALISED) |
                    (is_upper(cp) ? TEXT_TOKEN_CAPITALISED : 0) | TEXT_TOKEN_ELIDED;
        }
    }
    return emit(sink, sc, start, end, ascii, flags);
}

/* A short capitalised token before "." is an abbreviation (M., Mr., Dr.,
 * U.S.), which does not end the sentence. */
static int is_abbreviation(const text_token *t)
{
    return (t->flags & TEXT_TOKEN_CAPITALISED) && t->len <= 3;
}

int text_tokenize(const char *s, size_t len, size_t max_tokens, core_arena *arena,
                  text_token **tokens, size_t *count)
{
    return text_tokenize_cached(s, len, max_tokens, NULL, arena, tokens, count);
}

int text_tokenize_cached(const char *s, size_t len, size_t max_tokens, text_fold_cache *folds,
                         core_arena *arena, text_token **tokens, size_t *count)
{
    scanner sc = {(const unsigned char *)s, len};
    size_t cap = len / 2 + 1;
    token_sink sink = {NULL, 0, cap < max_tokens ? cap : max_tokens, NULL, len + 1, arena, folds};
    sink.tokens = core_arena_alloc(arena, (sink.max ? sink.max : 1) * sizeof *sink.tokens);
    /* tokens are disjoint and each is followed by a separator or the end,
     * so their folded ASCII forms and NULs fit in len + 1 bytes */
    sink.ascii_room = core_arena_alloc(arena, sink.ascii_left);
    if (!sink.tokens || !sink.ascii_room) {
        return FIL_ENOMEM;
    }
    int sentence_start = 1;
    size_t pos = 0;
    while (pos < len && sink.count < sink.max) {
        size_t next;
        int32_t cp;
        char_class c = class_at(&sc, pos, &next, &cp);
        if (!is_word_class(c)) {
            int is_period = c == CLASS_NUMBER_JOIN && (cp == '.' || cp == ':');
            int after_abbreviation =
                cp == '.' && sink.count && is_abbreviation(&sink.tokens[sink.count - 1]) &&
                sink.tokens[sink.count - 1].offset + sink.tokens[sink.count - 1].len == pos;
            if ((c == CLASS_BREAK || is_period) && !after_abbreviation) {
                sentence_start = 1;
            }
            pos = next;
            continue;
        }
        size_t elision_end;
        int ascii, hyphen;
        size_t end = token_end(&sc, pos, &elision_end, &ascii, &hyphen);
        unsigned flags = (sentence_start ? TEXT_TOKEN_SENTENCE_START : 0) |
                         (hyphen || !ascii ? TEXT_TOKEN_MAY_HYPHEN : 0) |
                         (c == CLASS_DIGIT ? TEXT_TOKEN_NUMBER : 0) |
                         (c == CLASS_WORD && is_upper(cp) ? TEXT_TOKEN_CAPITALISED : 0);
        int rc = emit_word(&sink, &sc, pos, end, elision_end, ascii, flags);
        if (rc) {
            return rc;
        }
        sentence_start = 0;
        pos = end;
    }
    *tokens = sink.tokens;
    *count = sink.count;
    return FIL_OK;
}

size_t text_tokens_within(const text_token *tokens, size_t count, size_t len)
{
    /* tokens are disjoint and in order, so their ends grow: a binary
     * search for the first that ends past len */
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((size_t)tokens[mid].offset + tokens[mid].len <= len) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}
