/*
 * src/story/sentences.c -- sentence boundaries (sentences.h).
 */
#include "story/sentences.h"

#include <string.h>

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_upper_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Whether what starts at text[i] may open a sentence: an upper-case
 * letter (ASCII, or any non-ASCII letter: we cannot tell its case without
 * decoding, and accented capitals are common), a digit, a quote or a dash. */
static int may_open(const char *text, size_t len, size_t i)
{
    if (i >= len) {
        return 1;
    }
    unsigned char c = (unsigned char)text[i];
    if (is_upper_ascii(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' ||
        c == '-') {
        return 1;
    }
    if (c < 0x80) {
        return 0;
    }
    /* « “ „ — – and accented capitals (U+00C0..U+00DE) */
    static const char *const openers[] = {"\xC2\xAB", "\xE2\x80\x9C", "\xE2\x80\x9E",
                                          "\xE2\x80\x94", "\xE2\x80\x93"};
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++) {
        size_t n = strlen(openers[k]);
        if (i + n <= len && memcmp(text + i, openers[k], n) == 0) {
            return 1;
        }
    }
    return c == 0xC3 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80 &&
           (unsigned char)text[i + 1] <= 0x9E;
}

/* The full stop at text[dot] follows an abbreviation ("M.", "Dr.", "U.S."). */
static int after_abbreviation(const char *text, size_t start, size_t dot)
{
    size_t b = dot;
    while (b > start && ((text[b - 1] >= 'A' && text[b - 1] <= 'Z') ||
                         (text[b - 1] >= 'a' && text[b - 1] <= 'z') || text[b - 1] == '.')) {
        b--;
    }
    size_t letters = 0;
    for (size_t k = b; k < dot; k++) {
        letters += text[k] != '.';
    }
    return letters > 0 && letters <= 3 && is_upper_ascii((unsigned char)text[b]) &&
           (b == start || text[b - 1] == ' ' || text[b - 1] == '(');
}

/* The full stop at text[dot] ends a German ordinal ("am 5. März"): one
 * or two digits after a blank. */
static int after_ordinal(const char *text, size_t start, size_t dot)
{
    size_t b = dot;
    while (b > start && text[b - 1] >= '0' && text[b - 1] <= '9') {
        b--;
    }
    return dot - b >= 1 && dot - b <= 2 && b > start && text[b - 1] == ' ';
}

/* Bytes of the sentence end mark at text[i] (. ! ? or …), 0 if none. */
static size_t end_mark(const char *text, size_t len, size_t i)
{
    char c = text[i];
    if (c == '.' || c == '!' || c == '?') {
        return 1;
    }
    /* asked of every byte: the first byte rules "…" out of nearly all */
    return (unsigned char)c == 0xE2 && i + 3 <= len && memcmp(text + i, "\xE2\x80\xA6", 3) == 0 ? 3
                                                                                                : 0;
}

/* The bytes the sentence scan stops at: a line break and the first byte
 * of every end mark (end_mark). */
static const unsigned char scan_stops[256] = {
    ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

/* Closing quotes and brackets after an end mark belong to the sentence. */
static size_t skip_closers(const char *text, size_t len, size_t i)
{
    for (;;) {
        if (i < len && (text[i] == '"' || text[i] == ')' || text[i] == '\'')) {
            i++;
        } else if (i + 2 <= len && memcmp(text + i, "\xC2\xBB", 2) == 0) {
            i += 2; /* » */
        } else if (i + 3 <= len && (memcmp(text + i, "\xE2\x80\x9D", 3) == 0 ||
                                    memcmp(text + i, "\xE2\x80\x9C", 3) == 0)) {
            i += 3; /* ” or “ (German closing) */
        } else {
            return i;
        }
    }
}

size_t story_count_words_upto(const char *s, size_t len, size_t max)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len && words < max; i++) {
        int blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
        words += !blank && !in_word;
        in_word = !blank;
    }
    return words;
}

int story_next_sentence(const char *text, size_t len, size_t *pos, story_span *out)
{
    size_t i = *pos;
    while (i < len && (is_blank((unsigned char)text[i]) || text[i] == '\n')) {
        i++;
    }
    if (i >= len) {
        *pos = len;
        return 0;
    }
    size_t start = i, end = len;
    for (; i < len; i++) {
        /* most bytes are none of these: passed at a table look each */
        while (i < len && !scan_stops[(unsigned char)text[i]]) {
            i++;
        }
        if (i == len) {
            break;
        }
        if (text[i] == '\n') {
            end = i;
            break;
        }
        size_t mark = end_mark(text, len, i);
        if (!mark || (text[i] == '.' &&
                      (after_abbreviation(text, start, i) || after_ordinal(text, start, i)))) {
            continue;
        }
        size_t after = skip_closers(text, len, i + mark);
        size_t next = after;
        while (next < len && is_blank((unsigned char)text[next])) {
            next++;
        }
        if (after == len || text[next] == '\n' || (next > after && may_open(text, len, next))) {
            end = after;
            break;
        }
    }
    while (end > start && is_blank((unsigned char)text[end - 1])) {
        end--;
    }
    out->offset = start;
    out->len = end - start;
    *pos = end;
    return 1;
}
