/*
 * tests/unit/test_text.c -- folding, tokenizer, stopwords, stemming, language id.
 */
#include <stdlib.h>

#include "check.h"
#include "core/arena.h"
#include "fil.h"
#include "text/langid.h"
#include "text/normalize.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

static core_arena arena;

static const char *fold(const char *s, unsigned flags)
{
    size_t n;
    return text_fold(s, strlen(s), flags, &arena, &n);
}

static void test_fold(void)
{
    CHECK_STR(fold("Hello WORLD", 0), "hello world", "ASCII fast path lower-cases");
    CHECK_STR(fold("État", 0), "état", "case folding keeps accents");
    CHECK_STR(fold("État", TEXT_FOLD_STRIP_ACCENTS), "etat", "accents stripped on request");
    CHECK_STR(fold("Straße", 0), "strasse", "ß case-folds to ss");
    CHECK_STR(fold("Erdoğan", TEXT_FOLD_STRIP_ACCENTS), "erdogan", "ğ loses its breve");
    CHECK_STR(fold("ﬁn", 0), "fin", "NFKC expands the ligature");
    CHECK_STR(fold("l’État", 0), "l'état", "typographic apostrophe becomes '");
}

typedef struct token_list {
    text_token *t;
    size_t n;
} token_list;

static token_list tokens(const char *s)
{
    token_list l = {NULL, 0};
    text_tokenize(s, strlen(s), 1000, &arena, &l.t, &l.n);
    return l;
}

static void test_tokenizer(void)
{
    token_list l = tokens("L’armée d'Erdoğan jusqu'à Idlib, qu’il a dit.");
    CHECK(l.n == 7, "elisions split off: armée erdoğan à idlib il a dit");
    if (l.n < 7) {
        return; /* the checks below index these tokens */
    }
    CHECK_STR(l.t[0].folded, "armée", "l’ dropped from l’armée");
    CHECK_STR(l.t[1].folded, "erdoğan", "d' dropped from d'Erdoğan");
    CHECK((l.t[1].flags & TEXT_TOKEN_CAPITALISED) && !(l.t[1].flags & TEXT_TOKEN_SENTENCE_START),
          "the name after d' is capitalised and not at a sentence start");
    CHECK_STR(l.t[2].folded, "à", "jusqu' dropped");
    CHECK((l.t[0].flags & TEXT_TOKEN_ELIDED) && (l.t[2].flags & TEXT_TOKEN_ELIDED) &&
              !(l.t[3].flags & TEXT_TOKEN_ELIDED),
          "a token whose elision was dropped says so, and only such a token");
    CHECK(l.t[0].flags & TEXT_TOKEN_SENTENCE_START, "the first token starts a sentence");

    l = tokens("Jean-Pierre a vu le cessez-le-feu le 2020-03-04 à 17:00 pour 3,5 millions.");
    CHECK(l.n == 12, "twelve tokens");
    if (l.n < 12) {
        return;
    }
    CHECK_STR(l.t[0].folded, "jean-pierre", "hyphenated name is one token");
    CHECK_STR(l.t[4].folded, "cessez-le-feu", "hyphenated compound is one token");
    CHECK_STR(l.t[6].folded, "2020-03-04", "a date stays whole");
    CHECK(l.t[6].flags & TEXT_TOKEN_NUMBER, "and is a number");
    CHECK_STR(l.t[8].folded, "17:00", "a time stays whole");
    CHECK_STR(l.t[10].folded, "3,5", "a decimal comma stays");
    CHECK_STR(l.t[11].folded, "millions", "the full stop after it is not part of the word");

    l = tokens("«Nous suivons», a déclaré M. Kalın. Erdogan's plan.");
    CHECK(l.n == 8, "eight tokens");
    if (l.n < 8) {
        return;
    }
    CHECK_STR(l.t[0].folded, "nous", "guillemets separate");
    CHECK(l.t[0].flags & TEXT_TOKEN_SENTENCE_START, "an opening guillemet starts a sentence");
    CHECK_STR(l.t[5].folded, "kalın", "dotless i is kept");
    CHECK(!(l.t[5].flags & TEXT_TOKEN_SENTENCE_START), "M. is an abbreviation, not a full stop");
    CHECK_STR(l.t[6].folded, "erdogan", "English possessive 's dropped");
    CHECK((l.t[6].flags & TEXT_TOKEN_POSSESSIVE) && !(l.t[7].flags & TEXT_TOKEN_POSSESSIVE) &&
              text_apostrophe_bytes("Erdogan’s", strlen("Erdogan’")) == 3,
          "a possessive dropped from the word is flagged; ’ takes 3 bytes");
    CHECK(l.t[6].flags & TEXT_TOKEN_SENTENCE_START, "a sentence starts after a real full stop");

    text_token *t;
    size_t n;
    text_tokenize("a b c d e f", 11, 3, &arena, &t, &n);
    CHECK(n == 3, "max_tokens caps the count");
    text_tokenize("bad \xFF\xFE bytes", 13, 10, &arena, &t, &n);
    CHECK(n == 2, "invalid UTF-8 separates words and is not a token");
}

static void test_stopwords_and_stems(void)
{
    text_stopwords *sw = text_stopwords_new();
    CHECK(sw != NULL, "stopword sets build");
    CHECK(text_stopwords_contains(sw, "fr", "été", strlen("été")), "accented French stopword");
    CHECK(text_stopwords_contains(sw, "fr", "ete", 3), "and its accent-less form");
    CHECK(text_stopwords_contains(sw, "de", "und", 3), "German stopword");
    CHECK(!text_stopwords_contains(sw, "fr", "idlib", 5), "a name is not a stopword");
    CHECK(!text_stopwords_contains(sw, "xx", "the", 3), "an unknown language has none");
    CHECK(text_stopwords_language_count() >= 20, "at least 20 languages have lists");

    text_stemmers *st = text_stemmers_new();
    size_t n;
    const char *s1 = text_stem(st, "fr", "négociations", strlen("négociations"), &arena, &n);
    const char *s2 = text_stem(st, "fr", "négociation", strlen("négociation"), &arena, &n);
    CHECK(s1 && s2 && strcmp(s1, s2) == 0, "French plural and singular share a stem");
    const char *e = text_stem(st, "en", "talks", 5, &arena, &n);
    CHECK(n == 4 && strncmp(e, "talk", 4) == 0, "English stemmer");
    const char *x = text_stem(st, "xx", "words", 5, &arena, &n);
    CHECK(n == 5 && strncmp(x, "words", 5) == 0, "an unknown language leaves words whole");
    text_stemmers_free(st);

    char lang[8];
    const char *fr = "La Turquie a demandé aux États-Unis de lui livrer des munitions pour "
                     "poursuivre son opération militaire dans la province.";
    text_detect_language(sw, fr, strlen(fr), &arena, lang);
    CHECK_STR(lang, "fr", "French paragraph");
    const char *de = "Die Regierung hat am Freitag neue Hilfen für die Landwirte beschlossen.";
    text_detect_language(sw, de, strlen(de), &arena, lang);
    CHECK_STR(lang, "de", "German sentence");
    const char *title = "Soldes d'ete : ou profiter des bonnes affaires sur internet";
    text_detect_language(sw, title, strlen(title), &arena, lang);
    CHECK_STR(lang, "fr", "an accent-less French headline");
    text_detect_language(sw, "12345", 5, &arena, lang);
    CHECK_STR(lang, "und", "digits have no language");
    text_stopwords_free(sw);
}

/* 1 when the len bytes at w fold alike through the cache c and through
 * text_fold, with and without accents (both may refuse them). */
static int folds_agree(text_fold_cache *c, const char *w, size_t len)
{
    int same = 1;
    for (unsigned flags = 0; flags <= TEXT_FOLD_STRIP_ACCENTS; flags++) {
        size_t n1, n2;
        char *a = text_fold(w, len, flags, &arena, &n1);
        char *b = text_fold_cached(c, w, len, flags, &arena, &n2);
        same &= (!a && !b) || (a && b && n1 == n2 && memcmp(a, b, n1 + 1) == 0);
    }
    return same;
}

/* Folding through the cache gives text_fold's forms, the first time and
 * from the cache; tokens likewise. */
static void test_fold_cache(void)
{
    text_fold_cache *c = text_fold_cache_new();
    CHECK(c != NULL, "a fold cache opens");
    static const char *const words[] = {"Erdoğan", "ÉTAT", "Präsident", "Ærø", "plain", "l’État"};
    int same = 1;
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            same &= folds_agree(c, words[i], strlen(words[i]));
        }
    }
    CHECK(same, "cached folds equal text_fold, with and without accents");
    /* words folded code point by code point (below U+0800) fold as
     * text_fold does whole: Arabic, Greek, Cyrillic, Turkish dotted I,
     * sharp s, a soft hyphen, combining marks, and every pair of two-byte
     * code points (a sample) next to ASCII */
    static const char *const scripts[] = {
        "الرئيس",   "Αθήνα",       "ΐΰ",         "Москва",
        "İstanbul", "Straße",      "co\u00ADop", "e\u0301t\u0301e\u0301",
        "ǅemal",    "ŉ",           "Ǆ",          "a\u05B0b",
        "ÆØÅ",      "l\u2019État",
    };
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        same &= folds_agree(c, scripts[i], strlen(scripts[i]));
    }
    for (uint32_t x = 0x80; x < 0x800; x += 7) {
        for (uint32_t y = 0x41; y < 0x800; y += 29) {
            char w[8] = {'k', (char)(0xC0 | (x >> 6)), (char)(0x80 | (x & 0x3F)), 0, 0, 0};
            size_t at = 3;
            if (y < 0x80) {
                w[at++] = (char)y;
            } else {
                w[at++] = (char)(0xC0 | (y >> 6));
                w[at++] = (char)(0x80 | (y & 0x3F));
            }
            core_arena_reset(&arena);
            same &= folds_agree(c, w, at);
        }
    }
    CHECK(same, "folds by code point equal text_fold, in every script below U+0800");
    const char *s = "Le président Erdoğan, à Ankara : « Präsident Müller » et Erdoğan encore.";
    text_token *t1, *t2;
    size_t n1, n2;
    for (int round = 0; round < 2; round++) {
        CHECK(text_tokenize(s, strlen(s), 100, &arena, &t1, &n1) == FIL_OK &&
                  text_tokenize_cached(s, strlen(s), 100, c, &arena, &t2, &n2) == FIL_OK &&
                  n1 == n2,
              "tokens with and without the cache");
        int equal = 1;
        for (size_t i = 0; i < n1 && n1 == n2; i++) {
            equal &= t1[i].folded_len == t2[i].folded_len && t1[i].flags == t2[i].flags &&
                     t1[i].offset == t2[i].offset && strcmp(t1[i].folded, t2[i].folded) == 0;
        }
        CHECK(equal, "the same tokens, folded alike");
    }
    text_fold_cache_free(c);
}

int main(void)
{
    core_arena_init(&arena, 1024, 0);
    test_fold();
    test_tokenizer();
    test_fold_cache();
    test_stopwords_and_stems();
    core_arena_free(&arena);
    return check_summary("test_text");
}
