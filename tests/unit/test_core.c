/*
 * tests/unit/test_core.c -- arena, buffer, hash map, sort and UTF-8 helpers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/array.h"
#include "core/buf.h"
#include "core/map.h"
#include "core/sort.h"
#include "core/utf8.h"
#include "core/words.h"
#include "fil.h"

static void test_arena(void)
{
    core_arena a;
    core_arena_init(&a, 64, 4096);
    char *p = core_arena_alloc(&a, 10);
    char *q = core_arena_alloc(&a, 100); /* larger than a chunk: gets its own */
    CHECK(p && q, "arena hands out blocks, even ones larger than a chunk");
    CHECK(((uintptr_t)q % _Alignof(max_align_t)) == 0, "blocks are aligned for any type");
    memset(q, 'x', 100);
    CHECK(core_arena_alloc(&a, 5000) == NULL, "the cap refuses an allocation past it");
    char *s = core_arena_strndup(&a, "hello world", 5);
    CHECK_STR(s, "hello", "strndup copies n bytes and a NUL");
    core_arena_reset(&a);
    CHECK(a.used_bytes == 0, "reset forgets every block");
    CHECK(core_arena_alloc(&a, 4000) != NULL, "after reset the whole cap is available again");
    core_arena_free(&a);

    /* chunks of a huge page or more are whole huge pages, all usable */
    core_arena big;
    core_arena_init(&big, CORE_HUGE_PAGE, 0);
    char *x = core_arena_alloc(&big, CORE_HUGE_PAGE / 2);
    char *y = core_arena_alloc(&big, CORE_HUGE_PAGE); /* the rounding left room for it */
    CHECK(x && y && y == x + CORE_HUGE_PAGE / 2, "a huge-page chunk holds what its rounding added");
    memset(x, 1, CORE_HUGE_PAGE / 2);
    memset(y, 2, CORE_HUGE_PAGE);
    core_arena_free(&big);
}

/* The JSON form of s (len bytes), escaped a byte at a time, into out. */
static void json_escape_slowly(const char *s, size_t len, char *out)
{
    size_t w = 0;
    out[w++] = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            w += (size_t)sprintf(out + w, "\\%c", c);
        } else if (c == '\n') {
            w += (size_t)sprintf(out + w, "\\n");
        } else if (c == '\t') {
            w += (size_t)sprintf(out + w, "\\t");
        } else if (c == '\r') {
            w += (size_t)sprintf(out + w, "\\r");
        } else if (c < 0x20) {
            w += (size_t)sprintf(out + w, "\\u%04x", c);
        } else {
            out[w++] = (char)c;
        }
    }
    out[w++] = '"';
    out[w] = 0;
}

/* Each byte that needs an escape, and some that need none (space, DEL,
 * UTF-8 bytes, the neighbours of '"' and '\\'), at every place of a
 * 24-byte text: core_buf's escaping reads 8 bytes at a time. */
static int json_escapes_everywhere(core_buf *b)
{
    static const char bytes[] = {'"',  '\\',       '\n',       '\t', '\r', 1,   0x1f, ' ',
                                 0x7f, (char)0xc3, (char)0xa9, '!',  '#',  '[', ']',  0x21};
    const char *base = "Le maire a dit : ok. 1234";
    char text[32], want[256];
    for (size_t k = 0; k < sizeof bytes; k++) {
        for (size_t at = 0; at < 24; at++) {
            memcpy(text, base, 24);
            text[at] = bytes[k];
            json_escape_slowly(text, 24, want);
            core_buf_clear(b);
            if (core_buf_append_json_stringn(b, text, 24) != FIL_OK || strcmp(b->data, want) != 0) {
                return 0;
            }
        }
    }
    return 1;
}

static void test_buf(void)
{
    core_buf b;
    core_buf_init(&b, 16);
    CHECK(core_buf_append_str(&b, "0123456789") == FIL_OK, "append within the ceiling");
    CHECK(core_buf_append_str(&b, "0123456789") == FIL_ETOOBIG, "append past the ceiling fails");
    CHECK(b.len == 10 && strcmp(b.data, "0123456789") == 0, "a failed append leaves content");
    core_buf_free(&b);
    core_buf_init(&b, 0);
    core_buf_append_json_string(&b, "a\"b\\c\nd\x01");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"", "JSON string escaping");
    core_buf_clear(&b);
    CHECK(json_escapes_everywhere(&b),
          "JSON escaping finds a special byte at any place of an 8-byte word, and only those");
    core_buf_clear(&b);
    core_buf_printf(&b, "%d-%s", 42, "x");
    CHECK_STR(b.data, "42-x", "printf appends formatted text");
    core_buf_clear(&b);
    char want[64];
    int same = 1;
    static const unsigned long long numbers[] = {0, 7, 10, 4294967295ull, 18446744073709551615ull};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        core_buf_clear(&b);
        snprintf(want, sizeof want, "%llu", numbers[i]);
        same = same && core_buf_append_uint(&b, numbers[i]) == FIL_OK && strcmp(b.data, want) == 0;
    }
    CHECK(same, "a number is appended in decimal as %llu writes it");
    core_buf_clear(&b);
    core_buf_printf(&b, "%d-%s", 42, "x");
    char *taken = core_buf_take(&b);
    CHECK_STR(taken, "42-x", "take hands over the content");
    CHECK(b.data == NULL && b.len == 0, "take leaves the buffer empty");
    free(taken);
}

static void test_map(void)
{
    core_map m;
    core_map_init(&m, 0);
    for (uint64_t k = 0; k < 5000; k++) {
        core_map_put(&m, k * 7919, k);
    }
    int all = 1;
    for (uint64_t k = 0; k < 5000; k++) {
        uint64_t *v = core_map_get(&m, k * 7919);
        all &= v && *v == k;
    }
    CHECK(all && m.count == 5000, "every key put is found with its value (key 0 included)");
    for (uint64_t k = 0; k < 5000; k += 2) {
        core_map_remove(&m, k * 7919);
    }
    int odd_kept = 1, even_gone = 1;
    for (uint64_t k = 0; k < 5000; k++) {
        uint64_t *v = core_map_get(&m, k * 7919);
        if (k % 2) {
            odd_kept &= v && *v == k;
        } else {
            even_gone &= v == NULL;
        }
    }
    CHECK(odd_kept && even_gone, "removal deletes exactly the removed keys (backward shift)");
    CHECK(core_map_remove(&m, 123456789) == 0, "removing an absent key reports 0");
    core_map_free(&m);
    core_map_init(&m, 0);
    CHECK(core_map_reserve(&m, 3000) == FIL_OK && m.capacity * 7 >= 3000 * 10, "reserved");
    size_t reserved = m.capacity;
    int found = 1;
    for (uint64_t k = 0; k < 3000; k++) {
        core_map_put(&m, k * 31, k);
    }
    for (uint64_t k = 0; k < 3000; k++) {
        uint64_t *v = core_map_get(&m, k * 31);
        found &= v && *v == k;
    }
    CHECK(found && m.capacity == reserved, "a reserved map takes its entries without growing");
    CHECK(core_map_reserve(&m, 10) == FIL_OK && m.capacity == reserved, "reserve never shrinks");
    core_map_free(&m);
    core_map_init(&m, 2);
    CHECK(core_map_put(&m, 1, 1) == FIL_OK && core_map_put(&m, 2, 2) == FIL_OK, "within max");
    CHECK(core_map_put(&m, 3, 3) == FIL_ELIMIT, "a put past max_entries is refused");
    core_map_free(&m);
}

static void test_utf8(void)
{
    int32_t cp;
    CHECK(core_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp) == 2 && cp == 0xE9,
          "two-byte sequence decodes");
    CHECK(core_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp) == 1 && cp == -1,
          "overlong encoding is invalid");
    CHECK(core_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 1 && cp == -1,
          "surrogates are invalid");
    CHECK(core_utf8_count_invalid("ok \xE2\x82\xAC", 6, 0) == 0, "valid text has no errors");
    core_buf b;
    core_buf_init(&b, 0);
    uint32_t repaired = 0;
    core_utf8_repair("a\xFF"
                     "b\xE2\x82",
                     5, &b, &repaired);
    CHECK_STR(b.data,
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD",
              "invalid subparts become U+FFFD");
    CHECK(repaired == 2, "repairs are counted");
    core_buf_free(&b);
    const char *s = "ab\xC3\xA9z";
    CHECK(core_utf8_boundary(s, 3) == 2, "a cut inside a sequence moves back to its start");
    char out[4];
    CHECK(core_utf8_encode(0x20AC, out) == 3 && memcmp(out, "\xE2\x82\xAC", 3) == 0,
          "encode writes three bytes for the euro sign");
}

static void test_array(void)
{
    int *a = NULL;
    size_t cap = 0;
    CHECK(core_array_reserve((void **)&a, &cap, 1, sizeof *a, 4) == FIL_OK && cap == 4,
          "the first reservation takes the first capacity");
    a[3] = 7;
    CHECK(core_array_reserve((void **)&a, &cap, 9, sizeof *a, 4) == FIL_OK && cap == 16,
          "growth doubles until the need fits");
    CHECK(a[3] == 7, "content survives growth");
    CHECK(core_array_reserve((void **)&a, &cap, SIZE_MAX / 2, sizeof *a, 4) == FIL_ENOMEM &&
              cap == 16 && a[3] == 7,
          "an impossible size fails and leaves the array as it was");
    free(a);
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The next of a xorshift sequence (test data, the same every run). */
static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* core_sort_u32 and core_sort_u64 against qsort, at sizes that take each
 * of their paths, with well-spread keys, repeated keys and keys sharing
 * their top byte. */
static void test_sort(void)
{
    static const size_t sizes[] = {0,   1, 31, 32, 400, CORE_SORT_ONE_PASS, CORE_SORT_ONE_PASS + 1,
                                   5000};
    static uint32_t a[5000], b[5000], tmp[5000];
    static uint64_t a64[5000], b64[5000], tmp64[5000];
    uint64_t x = 88172645463325252ULL;
    for (int kind = 0; kind < 3; kind++) {
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
            size_t n = sizes[s];
            for (size_t i = 0; i < n; i++) {
                uint32_t k = (uint32_t)next_random(&x);
                a[i] = kind == 0 ? k : kind == 1 ? k % 16 : (k & 0xffffff) | 0x7f000000u;
                b[i] = a[i];
                a64[i] = kind == 0   ? x
                         : kind == 1 ? x % 16
                                     : (x & 0xffffffffffffffULL) | 0x7f00000000000000ULL;
                b64[i] = a64[i];
            }
            core_sort_u32(a, n, tmp);
            qsort(b, n, sizeof *b, compare_u32);
            CHECK(n == 0 || memcmp(a, b, n * sizeof *a) == 0, "core_sort_u32 sorts like qsort");
            core_sort_u64(a64, n, tmp64);
            qsort(b64, n, sizeof *b64, compare_u64);
            CHECK(n == 0 || memcmp(a64, b64, n * sizeof *a64) == 0,
                  "core_sort_u64 sorts like qsort");
        }
    }
}

typedef struct keyed {
    uint32_t key, place; /* place: where the item was given */
} keyed;

static int compare_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static int compare_key_then_place(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = compare_key(a, b);
    return c ? c : (x->place > y->place) - (x->place < y->place);
}

/* core_first_k picks what a stable sort puts first, ties (many: keys of
 * 3 bits) in the order given, for k below, at and above the count. */
static void test_first_k(void)
{
    static const size_t counts[] = {0, 1, 7, 100, 1000};
    static const size_t ks[] = {0, 1, 5, 20, 100, 1003};
    static keyed items[1000], sorted[1000];
    size_t first[1003];
    uint64_t x = 2463534242ULL;
    for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
        size_t n = counts[c];
        for (size_t i = 0; i < n; i++) {
            items[i] = (keyed){(uint32_t)(next_random(&x) % 8), (uint32_t)i};
            sorted[i] = items[i];
        }
        qsort(sorted, n, sizeof *sorted, compare_key_then_place);
        for (size_t t = 0; t < sizeof ks / sizeof ks[0]; t++) {
            size_t k = ks[t], want = n < k ? n : k;
            size_t got = core_first_k(items, n, sizeof *items, k, compare_key, first);
            int same = got == want;
            for (size_t i = 0; same && i < got; i++) {
                same = first[i] == sorted[i].place;
            }
            CHECK(same, "core_first_k gives the first k of a stable sort");
        }
    }
}

/* The word table finds words by their bytes: words that share what the
 * quick hash reads (first 8 bytes and length) stay apart, and values
 * survive the table's growth. */
static void test_words(void)
{
    core_words t;
    core_words_init(&t);
    CHECK(core_words_get(&t, "x", 1) == NULL, "an empty table holds no word");
    static const char *const same_hash[] = {"internationalA", "internationalB"};
    uint32_t *v = core_words_put(&t, same_hash[0], strlen(same_hash[0]));
    CHECK(v != NULL, "a word goes in");
    *v = 7;
    v = core_words_put(&t, same_hash[1], strlen(same_hash[1]));
    CHECK(v && *v == 0, "a word with the same first 8 bytes and length is a new word");
    *v = 9;
    char words[1000][8];
    for (int i = 0; i < 1000; i++) {
        snprintf(words[i], sizeof words[i], "w%d", i);
        v = core_words_put(&t, words[i], strlen(words[i]));
        if (v) {
            *v = (uint32_t)i + 100;
        }
    }
    const uint32_t *a = core_words_get(&t, "internationalA", 14);
    const uint32_t *b = core_words_get(&t, "internationalB", 14);
    CHECK(a && *a == 7 && b && *b == 9, "each word keeps its value through the growth");
    int all = t.count == 1002;
    for (int i = 0; all && i < 1000; i++) {
        const uint32_t *w = core_words_get(&t, words[i], strlen(words[i]));
        all = w && *w == (uint32_t)i + 100;
    }
    CHECK(all, "1,000 words are all found with their values");
    CHECK(core_words_get(&t, "w1000", 5) == NULL &&
              core_words_get(&t, "internationalC", 14) == NULL,
          "words never put are not found");
    CHECK(core_words_get(&t, "w1", 1) == NULL, "a prefix of a word is not the word");
    core_words_free(&t);
}

int main(void)
{
    test_arena();
    test_array();
    test_buf();
    test_map();
    test_sort();
    test_first_k();
    test_utf8();
    test_words();
    return check_summary("test_core");
}
