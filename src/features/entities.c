/*
 * src/features/entities.c -- entity finding; the rules are in entities.h.
 */
#include "features/entities.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/array.h"
#include "core/hash.h"
#include "core/map.h"
#include "core/words.h"
#include "features/termvec.h"
#include "fil.h"
#include "text/normalize.h"
#include "text/tokenize.h"

/* Compiled in by CMakeLists.txt (cmake/EmbedText.cmake). */
extern const char features_places_text[];   /* cmake/iso_places.c output */
extern const char features_aliases_text[];  /* data/entity_aliases.txt */
extern const char features_demonyms_text[]; /* data/demonyms.txt */
extern const char features_words_text[];    /* data/entity_words.txt */

#define HASH_SEED 0x656e746974696573ull /* "entities" */

/* ------------------------------------------------------------------------
 * Gazetteer
 * ---------------------------------------------------------------------- */

/* Word classes (data/entity_words.txt), bits of a words-map value; a
 * demonym's place entry index + 1 sits above WORD_SHIFT. */
#define WORD_TITLE    1u
#define WORD_PARTICLE 2u
#define WORD_ORG      4u
#define WORD_LOCATIVE 8u
#define WORD_NOT      16u
#define WORD_ARTICLE  32u
#define WORD_KIND     64u
#define WORD_SPEECH   128u
#define WORD_PLACE    256u  /* a kind of place: "Plaza", "Mont", "Flughafen" */
#define WORD_SEAT     512u  /* a title whose complement is a place: "mayor of" */
#define WORD_NOUN     1024u /* German, after "in" without an article: "in Kraft" */
#define WORD_SHIFT    12

/* Names-map values: the entry index + 1 in the low 32 bits (0: the key is
 * only the start of longer names), and flags. */
#define NAME_CAPS_ONLY (1ull << 32) /* written in capitals in the table */
#define NAME_LONGER    (1ull << 33) /* longer names start with these words */
#define NAME_MAX_WORDS 8

typedef struct gaz_entry {
    const char *canonical, *display; /* in the pool */
    unsigned type;                   /* enum features_entity_type */
    int strong;                      /* 0: a region only, not trusted at a sentence start */
} gaz_entry;

struct features_gazetteer {
    core_map names;   /* hash of a name's key -> NAME_* value */
    core_words words; /* folded word (name_key) -> WORD_* bits and demonym (words in pool) */
    gaz_entry *entries;
    size_t count, capacity;
    core_arena pool;    /* every string of the gazetteer */
    core_arena scratch; /* tokens of one name while it is added */
};

/* The key of a name or word: folded, accents stripped, hyphens and
 * apostrophes as spaces, full stops dropped, spaces single. In arena. */
static char *name_key(const char *s, size_t len, core_arena *a, size_t *out_len)
{
    size_t n;
    char *f = text_fold(s, len, TEXT_FOLD_STRIP_ACCENTS, a, &n);
    if (!f) {
        return NULL;
    }
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        char c = f[r];
        if (c == '.') {
            continue;
        }
        if (c == '-' || c == '\'' || c == ' ' || c == '\t') {
            if (w == 0 || f[w - 1] == ' ') {
                continue;
            }
            c = ' ';
        }
        f[w++] = c;
    }
    while (w > 0 && f[w - 1] == ' ') {
        w--;
    }
    f[w] = 0;
    *out_len = w;
    return f;
}

static uint64_t key_hash(const char *key, size_t len)
{
    return core_hash(key, len, HASH_SEED);
}

/* The key of a name as its words would give it in a text: tokenised as
 * text is (elisions dropped, "l'homme" -> "homme"), each word's key joined
 * by single spaces. In the pool; NULL when out of memory. */
static char *phrase_key(features_gazetteer *g, const char *s, size_t len, size_t *out_len)
{
    text_token *tok;
    size_t n;
    core_arena_reset(&g->scratch);
    if (text_tokenize(s, len, 64, &g->scratch, &tok, &n)) {
        return NULL;
    }
    char *key = core_arena_alloc(&g->pool, len * 2 + 1); /* folding may grow a word */
    size_t w = 0;
    for (size_t i = 0; key && i < n; i++) {
        size_t klen;
        char *k = name_key(tok[i].folded, tok[i].folded_len, &g->scratch, &klen);
        if (!k || w + klen + 1 > len * 2) {
            return NULL;
        }
        if (w > 0) {
            key[w++] = ' ';
        }
        memcpy(key + w, k, klen);
        w += klen;
    }
    if (key) {
        key[w] = 0;
        *out_len = w;
    }
    return key;
}

static int is_all_caps(const char *s, size_t len)
{
    int letters = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z') {
            return 0;
        }
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

/* Index of a new entry, or -1 when out of memory. */
static long entry_add(features_gazetteer *g, const char *display, size_t len, unsigned type,
                      int strong)
{
    if (core_array_reserve((void **)&g->entries, &g->capacity, g->count + 1, sizeof *g->entries,
                           256)) {
        return -1;
    }
    size_t klen;
    gaz_entry *e = &g->entries[g->count];
    e->display = core_arena_strndup(&g->pool, display, len);
    e->canonical = phrase_key(g, display, len, &klen);
    e->type = type;
    e->strong = strong;
    return e->display && e->canonical ? (long)g->count++ : -1;
}

/* The entry a name's key is the full name of, or -1. */
static long name_lookup(const features_gazetteer *g, const char *key, size_t len)
{
    uint64_t *v = core_map_get(&g->names, key_hash(key, len));
    return v && (uint32_t)*v ? (long)(uint32_t)*v - 1 : -1;
}

/* Maps the name s to entry (unless it names another entry already) and
 * marks its word prefixes. */
static int name_add(features_gazetteer *g, const char *s, size_t len, long entry)
{
    size_t klen;
    char *key = phrase_key(g, s, len, &klen);
    if (!key) {
        return FIL_ENOMEM;
    }
    if (klen == 0) {
        return FIL_OK;
    }
    int inserted, rc = FIL_OK;
    uint64_t *v = core_map_upsert(&g->names, key_hash(key, klen), &inserted, &rc);
    if (!v) {
        return rc;
    }
    int caps = is_all_caps(s, len);
    if (!(uint32_t)*v) {
        *v |= (uint64_t)(entry + 1) | (caps ? NAME_CAPS_ONLY : 0);
    } else if ((uint32_t)*v == (uint64_t)(entry + 1) && !caps) {
        *v &= ~NAME_CAPS_ONLY; /* "Nato" beside "NATO": any case will do */
    }
    for (size_t i = 0, words = 1; i < klen && words < NAME_MAX_WORDS; i++) {
        if (key[i] == ' ') {
            uint64_t *p = core_map_upsert(&g->names, key_hash(key, i), &inserted, &rc);
            if (!p) {
                return rc;
            }
            *p |= NAME_LONGER;
            words++;
        }
    }
    return FIL_OK;
}

/* One line "K<TAB>code<TAB>name" of the iso-codes table; *last_code is the
 * code of the previous line and *entry its entry. */
static int load_place_line(features_gazetteer *g, const char *line, size_t len,
                           const char **last_code, size_t *last_len, long *entry)
{
    const char *t1 = memchr(line, '\t', len);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(line + len - t1 - 1)) : NULL;
    if (!t2) {
        return FIL_EPARSE;
    }
    const char *name = t2 + 1;
    size_t name_len = (size_t)(line + len - name), code_len = (size_t)(t2 - t1 - 1);
    if (code_len != *last_len || memcmp(t1 + 1, *last_code, code_len) != 0) {
        size_t klen;
        char *key = phrase_key(g, name, name_len, &klen);
        if (!key) {
            return FIL_ENOMEM;
        }
        long known = name_lookup(g, key, klen);
        /* a region named like a country ("Georgia") stays the country */
        *entry = known >= 0 ? known
                            : entry_add(g, name, name_len, FEATURES_ENTITY_PLACE, line[0] == 'C');
        if (*entry < 0) {
            return FIL_ENOMEM;
        }
        *last_code = t1 + 1;
        *last_len = code_len;
    }
    /* short region names are words too ("Nord", "Est", "Mono") */
    return name_len > 4 || line[0] == 'C' ? name_add(g, name, name_len, *entry) : FIL_OK;
}

/* Calls fn on each line of text that is neither blank nor a comment;
 * *bad_line gets the number of the line fn refused. */
static int for_each_line(features_gazetteer *g, const char *text,
                         int (*fn)(features_gazetteer *, const char *, size_t, void *), void *ctx,
                         size_t *bad_line)
{
    size_t number = 0;
    for (const char *p = text; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        number++;
        if (len > 0 && p[len - 1] == '\r') {
            len--;
        }
        if (len > 0 && p[0] != '#') {
            int rc = fn(g, p, len, ctx);
            if (rc) {
                *bad_line = number;
                return rc;
            }
        }
        p = end ? end + 1 : p + strlen(p);
    }
    return FIL_OK;
}

typedef struct place_state {
    const char *code;
    size_t code_len;
    long entry;
} place_state;

static int place_line(features_gazetteer *g, const char *line, size_t len, void *ctx)
{
    place_state *st = ctx;
    return load_place_line(g, line, len, &st->code, &st->code_len, &st->entry);
}

static const char *const type_names[] = {"person", "place", "org", "other"};

const char *features_entity_type_name(unsigned type)
{
    return type < sizeof type_names / sizeof *type_names ? type_names[type] : "other";
}

/* Splits line at " = " into at most max names (trimmed). */
static size_t split_names(const char *s, size_t len, const char **names, size_t *lens, size_t max)
{
    size_t n = 0;
    while (len > 0 && n < max) {
        const char *sep = NULL;
        for (size_t i = 0; i + 2 < len; i++) {
            if (s[i] == ' ' && s[i + 1] == '=' && s[i + 2] == ' ') {
                sep = s + i;
                break;
            }
        }
        size_t part = sep ? (size_t)(sep - s) : len;
        size_t b = 0, e = part;
        while (b < e && s[b] == ' ') {
            b++;
        }
        while (e > b && s[e - 1] == ' ') {
            e--;
        }
        if (e > b) {
            names[n] = s + b;
            lens[n++] = e - b;
        }
        s += sep ? part + 3 : part;
        len -= sep ? part + 3 : part;
    }
    return n;
}

/* "type: Display = alias = ..." (data/entity_aliases.txt). */
static int alias_line(features_gazetteer *g, const char *line, size_t len, void *ctx)
{
    (void)ctx;
    const char *colon = memchr(line, ':', len);
    unsigned type = 0;
    while (colon && type < 4 &&
           (strlen(type_names[type]) != (size_t)(colon - line) ||
            memcmp(type_names[type], line, (size_t)(colon - line)) != 0)) {
        type++;
    }
    if (!colon || type == 4) {
        return FIL_EPARSE;
    }
    const char *names[64];
    size_t lens[64];
    size_t n = split_names(colon + 1, (size_t)(line + len - colon - 1), names, lens, 64);
    long entry = -1;
    for (size_t i = 0; i < n && entry < 0; i++) {
        size_t klen;
        char *key = phrase_key(g, names[i], lens[i], &klen);
        entry = key ? name_lookup(g, key, klen) : -1;
    }
    if (entry < 0) {
        entry = n ? entry_add(g, names[0], lens[0], type, 1) : -1;
    } else { /* the line names a country or region of iso-codes */
        gaz_entry *e = &g->entries[entry];
        size_t klen;
        e->display = core_arena_strndup(&g->pool, names[0], lens[0]);
        e->canonical = phrase_key(g, names[0], lens[0], &klen);
        e->type = type;
        e->strong = 1;
    }
    if (entry < 0 || !g->entries[entry].display || !g->entries[entry].canonical) {
        return n ? FIL_ENOMEM : FIL_EPARSE;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = name_add(g, names[i], lens[i], entry);
        if (rc) {
            return rc;
        }
    }
    return FIL_OK;
}

/* Ors bits into the words-map value of each word of s (space separated). */
static int add_words(features_gazetteer *g, const char *s, size_t len, uint32_t bits)
{
    for (size_t i = 0; i < len;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        }
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t') {
            i++;
        }
        if (i > b) {
            size_t klen;
            char *key = name_key(s + b, i - b, &g->pool, &klen);
            uint32_t *v = key ? core_words_put(&g->words, key, klen) : NULL;
            if (!v) {
                return FIL_ENOMEM;
            }
            *v |= bits;
        }
    }
    return FIL_OK;
}

/* "Place: word word ..." (data/demonyms.txt); Place must be known. */
static int demonym_line(features_gazetteer *g, const char *line, size_t len, void *ctx)
{
    (void)ctx;
    const char *colon = memchr(line, ':', len);
    size_t klen;
    char *key = colon ? phrase_key(g, line, (size_t)(colon - line), &klen) : NULL;
    long entry = key ? name_lookup(g, key, klen) : -1;
    if (entry < 0) {
        return FIL_EPARSE;
    }
    return add_words(g, colon + 1, (size_t)(line + len - colon - 1),
                     (uint32_t)(entry + 1) << WORD_SHIFT);
}

/* "[class]" headers and their words (data/entity_words.txt). */
static int words_line(features_gazetteer *g, const char *line, size_t len, void *ctx)
{
    static const struct {
        const char *header;
        uint32_t bits;
    } classes[] = {{"[title]", WORD_TITLE}, {"[particle]", WORD_PARTICLE},
                   {"[org]", WORD_ORG},     {"[locative]", WORD_LOCATIVE},
                   {"[not]", WORD_NOT},     {"[article]", WORD_ARTICLE},
                   {"[kind]", WORD_KIND},   {"[speech]", WORD_SPEECH},
                   {"[place]", WORD_PLACE}, {"[seat]", WORD_SEAT | WORD_TITLE},
                   {"[noun]", WORD_NOUN}};
    uint32_t *current = ctx;
    if (line[0] == '[') {
        for (size_t i = 0; i < sizeof classes / sizeof *classes; i++) {
            if (strlen(classes[i].header) == len && memcmp(classes[i].header, line, len) == 0) {
                *current = classes[i].bits;
                return FIL_OK;
            }
        }
        return FIL_EPARSE;
    }
    return *current ? add_words(g, line, len, *current) : FIL_EPARSE;
}

features_gazetteer *features_gazetteer_new(int *rc, size_t *bad_line)
{
    features_gazetteer *g = core_calloc(1, sizeof *g);
    *bad_line = 0;
    if (!g) {
        *rc = FIL_ENOMEM;
        return NULL;
    }
    core_map_init(&g->names, 0);
    core_words_init(&g->words);
    core_arena_init(&g->pool, 1 << 16, 0);
    core_arena_init(&g->scratch, 1 << 12, 0);
    place_state st = {"", 0, -1};
    uint32_t current = 0;
    *rc = for_each_line(g, features_places_text, place_line, &st, bad_line);
    *rc = *rc ? *rc : for_each_line(g, features_aliases_text, alias_line, NULL, bad_line);
    *rc = *rc ? *rc : for_each_line(g, features_demonyms_text, demonym_line, NULL, bad_line);
    *rc = *rc ? *rc : for_each_line(g, features_words_text, words_line, &current, bad_line);
    if (*rc) {
        features_gazetteer_free(g);
        return NULL;
    }
    return g;
}

void features_gazetteer_free(features_gazetteer *g)
{
    if (!g) {
        return;
    }
    core_map_free(&g->names);
    core_words_free(&g->words);
    core_arena_free(&g->pool);
    core_arena_free(&g->scratch);
    free(g->entries);
    free(g);
}

/* ------------------------------------------------------------------------
 * Tokens
 * ---------------------------------------------------------------------- */

#define GAP_BREAK  1u /* a line break */
#define GAP_DASH   2u /* " – ", " — " or " - " */
#define GAP_SPACES 4u /* nothing but blanks, ASCII or no-break (or nothing) */

/* 32 bytes: an article's tokens' infos are read in several passes, and
 * half the size keeps more of them in the L1 cache. */
typedef struct tok_info {
    const char *key;  /* name_key of the token (the folded form when ASCII) */
    uint32_t key_len; /* bytes */
    uint32_t word;    /* WORD_* bits of the token, or 0 */
    int32_t demonym;  /* entry of the place it is a demonym of, or -1 */
    int32_t demonym2; /* a hyphenated word's second one ("schweizerisch-britischen"), or -1 */
    uint8_t city;     /* 1: the demonym is a city's adjective read from its ending */
    uint8_t caps;     /* 1: capitalised, or a particle prefix before a capital ("al-Assad") */
    uint8_t upper;    /* 1: all in capitals, two letters or more */
    uint8_t joined;   /* 1: only spaces since the previous token (a name may go on) */
    uint8_t start;    /* 1: first of a sentence */
    uint8_t headline; /* 1: in a line in headline case ("Wage Talks Stall") */
    uint8_t stop;     /* 1: a stopword of the article's language (capitalised words only) */
    uint8_t gap;      /* GAP_* bits of the bytes before it (since the previous token) */
} tok_info;

/* How sure a mention is that it names something. */
enum { SURE = 0, TENTATIVE = 1 };

typedef struct mention {
    const char *key; /* canonical name */
    uint32_t key_len;
    long entry;        /* gazetteer entry, or -1 */
    uint32_t from, to; /* tokens [from, to) */
    unsigned type;
    unsigned sure;    /* SURE or TENTATIVE */
    unsigned surface; /* 0: a demonym, which gives no surface form */
    unsigned acronym; /* 1: an acronym read inside a word ("VRT-Direktor") */
    uint64_t hash;    /* key_hash of key: set by mention_add, kept by merge_surnames */
} mention;

typedef struct finder {
    const features_gazetteer *g;
    const text_stopwords *sw;
    const char *lang;
    const char *s;
    const text_token *tok;
    tok_info *info;      /* n: token_info's */
    uint64_t *name_hash; /* n: key_hash of each capitalised token's key (token_info) */
    uint32_t *active;    /* the tokens that are not passive, in order (token_info) */
    size_t active_count;
    size_t n;
    int german;
    int english;
    int romance;    /* fr, es, it: a capitalised demonym inside a name is part of it */
    unsigned intro; /* the type a title (person) or a kind word (org) gives the next name */
    int seat;       /* the last title takes a place as complement ("mayor of") */
    core_arena *a;
    mention *m;
    size_t count, capacity;
} finder;

/* "al-Assad", "el-Sisi", "bin-Salman": lower-case particle, hyphen, capital. */
static int particle_capital(const char *raw, size_t len)
{
    for (size_t i = 1; i < len && i < 4; i++) {
        if (raw[i] == '-') {
            return i + 1 < len && raw[i + 1] >= 'A' && raw[i + 1] <= 'Z';
        }
    }
    return 0;
}

/* 1 when the bytes from a to b are only spaces (ASCII or no-break). */
static int only_spaces(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            continue;
        }
        if ((unsigned char)s[i] == 0xc2 && i + 1 < b && (unsigned char)s[i + 1] == 0xa0) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* 1 when the gap [a, b) between two words lets a name go on: spaces and,
 * last, an elision the tokenizer dropped ("droits de l'homme"). */
static int name_gap(const char *s, size_t a, size_t b)
{
    size_t e = b;
    if (e > a && s[e - 1] == '\'') {
        e--;
    } else if (e >= a + 3 && memcmp(s + e - 3, "\xe2\x80\x99", 3) == 0) {
        e -= 3;
    }
    if (e < b) {
        while (e > a &&
               ((s[e - 1] >= 'a' && s[e - 1] <= 'z') || (s[e - 1] >= 'A' && s[e - 1] <= 'Z'))) {
            e--;
        }
    }
    return e > a && only_spaces(s, a, e);
}

static uint32_t word_bits(const features_gazetteer *g, const char *key, size_t len)
{
    const uint32_t *v = core_words_get(&g->words, key, len);
    return v ? *v : 0;
}

uint32_t features_gazetteer_word_class(const features_gazetteer *g, const char *folded, size_t len)
{
    return word_bits(g, folded, len);
}

/* Sets t's word and demonym from its class bits (word_bits's). */
static void take_class(tok_info *t, uint32_t bits)
{
    t->word = bits & ((1u << WORD_SHIFT) - 1);
    t->demonym = (int32_t)(bits >> WORD_SHIFT) - 1;
}

/* Class bits of a token; a hyphenated title counts by its last part
 * ("US-Präsident"), and each part of a hyphenated word may be a demonym
 * ("schweizerisch-britischen" mentions Switzerland and the UK). spaced:
 * 0 when the key has no space (a token without TEXT_TOKEN_MAY_HYPHEN). */
static void classify(const features_gazetteer *g, tok_info *t, int spaced)
{
    uint32_t bits = word_bits(g, t->key, t->key_len);
    const char *sp = spaced ? memchr(t->key, ' ', t->key_len) : NULL;
    t->demonym2 = -1;
    t->city = 0;
    if (sp) {
        const char *last = t->key + t->key_len;
        while (last[-1] != ' ') {
            last--;
        }
        uint32_t lb = word_bits(g, last, (size_t)(t->key + t->key_len - last));
        bits |= lb & WORD_TITLE;
        if (!bits) { /* "sud-américains" is no American: the first part must be one */
            bits = word_bits(g, t->key, (size_t)(sp - t->key)) >> WORD_SHIFT << WORD_SHIFT;
            t->demonym2 = bits ? (int32_t)(lb >> WORD_SHIFT) - 1 : -1;
        }
    }
    take_class(t, bits);
}

/* The place of the gazetteer whose name is key (any case), or -1. */
static long place_named(const features_gazetteer *g, const char *key, size_t len)
{
    uint64_t *v = core_map_get(&g->names, key_hash(key, len));
    if (!v || !(uint32_t)*v || (*v & NAME_CAPS_ONLY)) {
        return -1;
    }
    long e = (long)(uint32_t)*v - 1;
    return g->entries[e].type == FEATURES_ENTITY_PLACE ? e : -1;
}

/* The place a city's or region's adjective names, read from its ending:
 * in French "bernois", "valaisannes", "lyonnaise", "parisien" (the stem,
 * the stem + "e", + "ie", or with a doubled last letter single); in
 * German a capitalised "-er" ("Rotterdamer", "Walliser"; "Münchner" ->
 * München, "Bremer" -> Bremen). The stem needs 4 letters ("roman" is no
 * Roman of Rome). -1 when none. */
static long city_demonym(const features_gazetteer *g, char lang, const tok_info *t)
{
    static const char *const fr[] = {"oises",  "oise",  "ois",  "aises", "aise",  "ais",
                                     "iennes", "ienne", "iens", "ien",   "annes", "anne",
                                     "anes",   "ane",   "ans",  "an"};
    const char *k = t->key;
    size_t n = t->key_len, stem = 0;
    char buf[64];
    if (n + 3 > sizeof buf || memchr(k, ' ', n)) {
        return -1;
    }
    if (lang == 'd') {
        stem = t->caps && n >= 6 && k[n - 2] == 'e' && k[n - 1] == 'r' ? n - 2 : 0;
    } else {
        for (size_t i = 0; !stem && i < sizeof fr / sizeof *fr; i++) {
            size_t m = strlen(fr[i]);
            stem = n >= m + 4 && memcmp(k + n - m, fr[i], m) == 0 ? n - m : 0;
        }
    }
    if (!stem) {
        return -1;
    }
    memcpy(buf, k, stem);
    long e = place_named(g, buf, stem);
    if (e < 0 && lang == 'd') { /* "Bremer" -> Bremen, "Münchner" -> München */
        size_t b = stem - (buf[stem - 1] == 'n');
        memcpy(buf + b, "en", 2);
        e = place_named(g, buf, b + 2);
    } else if (e < 0) {
        buf[stem] = 'e'; /* "genevois" -> Genève, "marseillais" */
        e = place_named(g, buf, stem + 1);
        if (e < 0 && k[stem] == 'i') { /* "tunisien" -> Tunisie */
            buf[stem] = 'i';
            buf[stem + 1] = 'e';
            e = place_named(g, buf, stem + 2);
        }
        if (e < 0 && (buf[stem - 1] == buf[stem - 2] || buf[stem - 1] == 'e')) {
            e = place_named(g, buf, stem - 1); /* "lyonnais", "fribourgeois" */
        }
    }
    return e;
}

/* A capitalised compound ending in a title is one: "Flughafensprecherin",
 * "Exminister" (titles of 6 letters or more, so "Maire" is not sought in
 * every word ending in "maire"). */
static void classify_compound(const features_gazetteer *g, tok_info *t)
{
    for (size_t k = 2; !t->word && k + 6 <= t->key_len; k++) {
        t->word = word_bits(g, t->key + k, t->key_len - k) & (WORD_TITLE | WORD_KIND | WORD_SEAT);
    }
}

/* What the gap [a, b) between two tokens holds, in one pass (the gap is
 * mostly one space); GAP_SPACES is only_spaces(s, a, b). */
static unsigned gap_kind(const char *s, size_t a, size_t b)
{
    unsigned k = GAP_SPACES;
    for (size_t i = a; i < b; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            continue;
        }
        if ((unsigned char)s[i] == 0xc2 && i + 1 < b && (unsigned char)s[i + 1] == 0xa0) {
            i++;
            continue;
        }
        k &= ~GAP_SPACES;
        if (s[i] == '\n') {
            k |= GAP_BREAK;
        } else if (s[i] == '-' && i > a && i + 1 < b && s[i - 1] == ' ' && s[i + 1] == ' ') {
            k |= GAP_DASH;
        } else if ((unsigned char)s[i] == 0xe2 && i + 3 < b && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94) &&
                   s[i + 3] == ' ') {
            k |= GAP_DASH;
        }
    }
    return k;
}

/* 1 when token i's stopword flag is asked for. Stopwords matter where
 * they would open or join a name ("La Turquie", "Anything Shaidhoong
 * Hospital") or stand alone as one (short words: "Il", "Ce"); a probe of
 * the 40k-word set is a cache miss, as dear as tokenising the word, so
 * only those are asked. */
static int stop_asked(const text_token *tok, size_t n, const tok_info *info, size_t i)
{
    if (!info[i].caps) {
        return 0; /* most words: the rest is not read */
    }
    int before_name =
        i + 1 < n && info[i + 1].joined && (info[i + 1].caps || (info[i + 1].word & WORD_PARTICLE));
    return before_name || tok[i].folded_len <= 7;
}

/* 1 when scan_token only steps past token t while no title is pending:
 * a lower-case word that is no demonym, title, kind or verb of saying
 * (most words). */
static int passive(const tok_info *t)
{
    return !t->caps && t->demonym < 0 && !(t->word & (WORD_TITLE | WORD_KIND | WORD_SPEECH));
}

/* Marks tokens [line, end), a line, as sentence starts in headline case
 * when most of its words (caps of them) are capitalised ("Wage Talks
 * Stall"). */
static void mark_headline(const char *s, const text_token *tok, size_t line, size_t end,
                          size_t caps, tok_info *info)
{
    /* a headline has no full stop at its end (read last: a line of
     * mostly capitalised words is rare) */
    if (end - line >= 4 && caps * 10 >= (end - line) * 6 &&
        s[tok[end - 1].offset + tok[end - 1].len] != '.') {
        for (size_t k = line; k < end; k++) {
            info[k].start = 1;
            info[k].headline = 1;
        }
    }
}

/* 1 when token i stands before a name's complement ("exalcaldesa de
 * Delft"): a title run into it is sought then (classify_compound), as
 * before a name. */
static int before_complement(const tok_info *info, size_t n, size_t i)
{
    return i + 2 < n && (info[i + 1].word & WORD_PARTICLE) && info[i + 1].joined &&
           info[i + 2].caps && info[i + 2].joined;
}

/* The last pass over the tokens, once token_info has read each: what a
 * token's neighbours tell of it. Only the visited tokens (token_basics)
 * are read, and the word before each: a plain word has no capital, no
 * stop flag and no title, and only a line break or a dash before it
 * tells anything, so the rest is skipped unread. What it sets:
 * - the stop flags stop_asked asks for. keys: NULL, or the tokens' word
 *   keys, where 0 marks a stopword among words of two bytes or more
 *   (features_token_key); the others are probed, the probes' slots all
 *   fetched in the loop and read after it, so that their cache misses
 *   overlap;
 * - a title run into a compound, which matters only before a name or its
 *   complement ("exalcaldesa de Delft");
 * - sentence starts: a dash is a boundary ("ROTTERDAM, Feb 3 (Wire) –
 *   Thousands", "TURQUIE / SYRIE - La Turquie"), and every word of a line
 *   in headline case is one (mark_headline);
 * - f->active, the tokens that are not passive. */
static int mark_context(finder *f, const uint32_t *keys, const uint32_t *visit, size_t visits)
{
    const char *s = f->s;
    const text_token *tok = f->tok;
    tok_info *info = f->info;
    size_t n = f->n;
    uint64_t seed = text_stopwords_seed(f->lang);
    uint64_t *hash = core_arena_alloc(f->a, (visits ? visits : 1) * sizeof *hash);
    uint32_t *asked = core_arena_alloc(f->a, (visits ? visits : 1) * sizeof *asked);
    if (!hash || !asked) {
        return FIL_ENOMEM;
    }
    size_t m = 0, line = 0, caps = 0, count = 0;
    for (size_t v = 0; v < visits; v++) {
        size_t i = visit[v];
        size_t before = i - 1; /* the word before, when it is not visited */
        if (i > 0 && (v == 0 || visit[v - 1] < before)) {
            if (before_complement(info, n, before)) {
                classify_compound(f->g, &info[before]);
            }
            f->active[count] = (uint32_t)before;
            count += !passive(&info[before]);
        }
        if (info[i].gap & GAP_BREAK) {
            mark_headline(s, tok, line, i, caps, info);
            line = i;
            caps = 0;
        }
        caps += info[i].caps;
        if (info[i].gap & GAP_DASH) {
            info[i].start = 1;
        }
        if (stop_asked(tok, n, info, i)) {
            if (keys && tok[i].folded_len >= 2) {
                info[i].stop = keys[i] == 0;
            } else {
                hash[m] = core_hash(tok[i].folded, tok[i].folded_len, 0);
                text_stopwords_prefetch(f->sw, seed, hash[m]);
                asked[m++] = (uint32_t)i;
            }
        }
        int before_name = i + 1 < n && info[i].caps && info[i + 1].caps && info[i + 1].joined;
        if (before_name || before_complement(info, n, i)) {
            classify_compound(f->g, &info[i]);
        }
        f->active[count] = (uint32_t)i;
        count += !passive(&info[i]);
    }
    f->active_count = count;
    mark_headline(s, tok, line, n, caps, info);
    for (size_t k = 0; k < m; k++) {
        info[asked[k]].stop = (uint8_t)text_stopwords_contains_hash(f->sw, seed, hash[k]);
    }
    return FIL_OK;
}

/* The bytes of the English possessive ending token t of text s ("'s",
 * "’s"), 0 when none (text/tokenize.h): "Germany’s" is written of
 * Germany, and a name ends with it ("Iceland’s Grindavík" is two). */
static size_t possessive_bytes(const char *s, const text_token *t)
{
    size_t end = t->offset + t->len;
    return (t->flags & TEXT_TOKEN_POSSESSIVE) ? 1 + text_apostrophe_bytes(s, end - 1) : 0;
}

_Static_assert((uint32_t)FEATURES_CLASS_UNKNOWN != 0, "an unknown class is never a plain word's");

/* 1 when token t (of class bits word_class, or FEATURES_CLASS_UNKNOWN) is
 * a plain word: in lower case, ASCII with no hyphen (its folded form is its
 * key), of no class, and not asked for a city's adjective (city 0). Most
 * words are: their infos are set at once. */
static int plain_word(const text_token *t, uint64_t word_class, char city)
{
    return !city && !(t->flags & (TEXT_TOKEN_CAPITALISED | TEXT_TOKEN_MAY_HYPHEN)) &&
           (uint32_t)word_class == 0;
}

/* The first pass of token_info, over every token of text s: the gap
 * before each, whether a name may go on into it, whether it starts a
 * sentence or is in capitals, and the whole info of a plain word (most
 * words); the other words get the key and class of a plain one, for
 * token_info to read again. Returns how many tokens the later passes
 * visit, their indexes in order in visit: every word that is not plain,
 * and a plain word after a line break or a dash (mark_context reads those
 * gaps). A loop apart, so that its few values stay in registers. */
static size_t token_basics(const char *s, const text_token *tok, size_t n, const uint64_t *classes,
                           char city, tok_info *info, uint32_t *visit)
{
    size_t visits = 0, gap_start = 0;
    for (size_t i = 0; i < n; i++) {
        const text_token *t = &tok[i];
        /* one space (most gaps) is read at once */
        int space = t->offset == gap_start + 1 && s[gap_start] == ' ';
        uint8_t gap = space ? GAP_SPACES : (uint8_t)gap_kind(s, gap_start, t->offset);
        /* blanks alone let a name go on (name_gap, which reads elisions
         * too), but not past a possessive ("Iceland’s Grindavík") */
        uint8_t joined =
            i > 0 &&
            ((gap & GAP_SPACES) ? t->offset > gap_start : name_gap(s, gap_start, t->offset)) &&
            !(tok[i - 1].flags & TEXT_TOKEN_POSSESSIVE);
        /* a word that starts in lower case (most) is not in capitals */
        uint8_t upper =
            !(s[t->offset] >= 'a' && s[t->offset] <= 'z') && is_all_caps(s + t->offset, t->len);
        info[i] = (tok_info){.key = t->folded,
                             .key_len = (uint32_t)t->folded_len,
                             .demonym = -1,
                             .demonym2 = -1,
                             .upper = upper,
                             .joined = joined,
                             .start = (t->flags & TEXT_TOKEN_SENTENCE_START) != 0,
                             .gap = gap};
        visit[visits] = (uint32_t)i;
        visits += !plain_word(t, classes ? classes[i] : FEATURES_CLASS_UNKNOWN, city) ||
                  (gap & (GAP_BREAK | GAP_DASH));
        gap_start = t->offset + t->len;
    }
    return visits;
}

/* The infos of f's tokens into f->info: each token's key, class, case and
 * the gap before it (and a capitalised one's f->name_hash), then
 * (mark_context) what its neighbours tell. keys and classes: NULL, or what
 * the features already know of each token
 * (features_find_entities_in_tokens). Scratch in f->a. */
static int token_info(finder *f, const uint32_t *keys, const uint64_t *classes)
{
    const features_gazetteer *g = f->g;
    const char *s = f->s;
    const text_token *tok = f->tok;
    /* city adjectives are read in French and German ('d') */
    char city = strcmp(f->lang, "fr") == 0 ? 'f' : strcmp(f->lang, "de") == 0 ? 'd' : 0;
    uint32_t *visit = core_arena_alloc(f->a, (f->n ? f->n : 1) * sizeof *visit);
    if (!visit) {
        return FIL_ENOMEM;
    }
    size_t visits = token_basics(s, tok, f->n, classes, city, f->info, visit);
    for (size_t v = 0; v < visits; v++) {
        size_t i = visit[v];
        const text_token *t = &tok[i];
        tok_info *ti = &f->info[i];
        if (plain_word(t, classes ? classes[i] : FEATURES_CLASS_UNKNOWN, city)) {
            continue; /* visited for its gap alone: its info is whole */
        }
        /* without MAY_HYPHEN the token is ASCII with no hyphen (tokenize.h):
         * its folded form is its key */
        if (t->flags & TEXT_TOKEN_MAY_HYPHEN) {
            size_t klen;
            ti->key = name_key(t->folded, t->folded_len, f->a, &klen);
            if (!ti->key) {
                return FIL_ENOMEM;
            }
            ti->key_len = (uint32_t)klen;
        }
        /* a word's class, known already, is its key's for a token without
         * MAY_HYPHEN (its folded form is its key) */
        if (classes && classes[i] != FEATURES_CLASS_UNKNOWN &&
            !(t->flags & TEXT_TOKEN_MAY_HYPHEN)) {
            take_class(ti, (uint32_t)classes[i]);
        } else {
            classify(g, ti, (t->flags & TEXT_TOKEN_MAY_HYPHEN) != 0);
        }
        if (city && ti->demonym < 0 && !ti->word) {
            ti->caps = (t->flags & TEXT_TOKEN_CAPITALISED) != 0;
            ti->demonym = (int32_t)city_demonym(g, city, ti);
            ti->city = ti->demonym >= 0;
        }
        /* a particle's hyphen makes the token MAY_HYPHEN (tokenize.h) */
        ti->caps = (t->flags & TEXT_TOKEN_CAPITALISED) ||
                   ((t->flags & TEXT_TOKEN_MAY_HYPHEN) && particle_capital(s + t->offset, t->len));
        if (ti->caps) {
            /* the scan looks a capitalised word up among the names: its
             * slot is fetched now, a cache miss out of the way */
            f->name_hash[i] = key_hash(ti->key, ti->key_len);
            core_map_prefetch(&g->names, f->name_hash[i]);
        }
    }
    return mark_context(f, keys, visit, visits);
}

/* ------------------------------------------------------------------------
 * Mentions
 * ---------------------------------------------------------------------- */

static int mention_add(finder *f, const mention *m)
{
    if (core_array_reserve((void **)&f->m, &f->capacity, f->count + 1, sizeof *f->m, 64)) {
        return FIL_ENOMEM;
    }
    f->m[f->count] = *m;
    f->m[f->count++].hash = key_hash(m->key, m->key_len);
    return FIL_OK;
}

/* The longest gazetteer name at token i: its entry, and *end past it. */
static long match_name(const finder *f, size_t i, size_t *end)
{
    char key[512];
    size_t len = 0;
    long best = -1;
    for (size_t j = i; j < f->n && j < i + NAME_MAX_WORDS; j++) {
        const tok_info *t = &f->info[j];
        if ((j > i && !t->joined) || len + 1 + t->key_len >= sizeof key) {
            break;
        }
        if (j > i) {
            key[len++] = ' ';
        }
        memcpy(key + len, t->key, t->key_len);
        len += t->key_len;
        /* a capitalised word's own hash is known (token_info) */
        uint64_t h = j == i && t->caps ? f->name_hash[i] : key_hash(key, len);
        uint64_t *v = core_map_get(&f->g->names, h);
        if (!v) {
            break;
        }
        int caps_ok = !(*v & NAME_CAPS_ONLY) || (j == i && f->info[i].upper);
        if ((uint32_t)*v && caps_ok) {
            best = (long)(uint32_t)*v - 1;
            *end = j + 1;
        }
        if (!(*v & NAME_LONGER)) {
            break;
        }
    }
    return best;
}

/* der, den, des, dem: German articles, particles only after another one
 * ("von der Leyen"), never the first ("Angaben der Hafenbehörde"). */
static int german_article(const tok_info *t)
{
    return t->key_len == 3 && t->key[0] == 'd' && t->key[1] == 'e' &&
           (t->key[2] == 'r' || t->key[2] == 'n' || t->key[2] == 's' || t->key[2] == 'm');
}

/* The end of the capitalised span starting at token i: capitalised words
 * joined by spaces, through particles followed by a capitalised word. */
static size_t span_end(const finder *f, size_t i)
{
    size_t j = i + 1;
    while (j < f->n && f->info[j].joined) {
        const tok_info *t = &f->info[j];
        if (t->caps && !(t->word & (WORD_NOT | WORD_TITLE)) && (t->demonym < 0 || f->romance)) {
            j++; /* "l'Armée Allemande" in French, where demonyms are lower case */
        } else if ((t->word & WORD_PARTICLE) && !german_article(t)) {
            size_t k = j + 1; /* "van der Berg": a run of particles, then a capital */
            while (k < f->n && k < j + 3 && f->info[k].joined &&
                   (f->info[k].word & WORD_PARTICLE) && !f->info[k].caps) {
                k++;
            }
            if (k >= f->n || !f->info[k].joined || !f->info[k].caps) {
                break;
            }
            j = k + 1;
        } else {
            break;
        }
    }
    return j;
}

/* 1 when what follows the span [i, j) shows a cut: a particle or elision
 * left hanging ("Bachar el-,", "d’ a") or a space before "," or ".". */
static int span_damaged(const finder *f, size_t j)
{
    size_t end = f->tok[j - 1].offset + f->tok[j - 1].len;
    const char *s = f->s;
    size_t k = end;
    while (s[k] == ' ') {
        k++;
    }
    if (k > end && (s[k] == ',' || s[k] == '.')) {
        return 1;
    }
    /* a short lower-case word left hanging on a hyphen or an apostrophe:
     * "el-,", "d’ a" */
    if (j < f->n && f->info[j].joined && !f->info[j].caps && f->tok[j].len <= 3) {
        size_t after = f->tok[j].offset + f->tok[j].len;
        return s[after] == '-' || s[after] == '\'' || (unsigned char)s[after] == 0xe2;
    }
    return 0;
}

/* The canonical key of tokens [i, j), in the arena. */
static char *span_key(const finder *f, size_t i, size_t j, uint32_t *len)
{
    size_t n = 0;
    for (size_t k = i; k < j; k++) {
        n += f->info[k].key_len + 1;
    }
    char *key = core_arena_alloc(f->a, n + 1);
    if (!key) {
        return NULL;
    }
    size_t w = 0;
    for (size_t k = i; k < j; k++) {
        if (k > i) {
            key[w++] = ' ';
        }
        memcpy(key + w, f->info[k].key, f->info[k].key_len);
        w += f->info[k].key_len;
    }
    key[w] = 0;
    *len = (uint32_t)w;
    return key;
}

/* 1 when the span [i, j) fills parentheses followed by a dash: the
 * agency of a dateline ("ROTTERDAM, Feb 3 (Europa Wire) – Thousands"). */
static int dateline_agency(const finder *f, size_t i, size_t j)
{
    size_t b = f->tok[i].offset, e = f->tok[j - 1].offset + f->tok[j - 1].len;
    return b > 0 && f->s[b - 1] == '(' && f->s[e] == ')' && j < f->n &&
           (gap_kind(f->s, e, f->tok[j].offset) & GAP_DASH);
}

/* 1 when the span [i, j) of several words begins with a place of the
 * gazetteer ("Europa Wire", "London Heathrow"): an organisation or a
 * place named after one, not a person. */
static int place_first(const finder *f, size_t i, size_t j)
{
    size_t end;
    long e = match_name(f, i, &end);
    return e >= 0 && end < j && f->g->entries[e].type == FEATURES_ENTITY_PLACE;
}

static unsigned span_type(const finder *f, size_t i, size_t j, int titled)
{
    uint32_t words = 0;
    for (size_t k = i; k < j; k++) {
        words |= f->info[k].word;
    }
    if (words & WORD_ORG) {
        return FEATURES_ENTITY_ORG;
    }
    if (words & WORD_PLACE) {
        return FEATURES_ENTITY_PLACE; /* "Plaza de España", "Mont Vélan" */
    }
    if (titled) {
        return f->intro;
    }
    if (dateline_agency(f, i, j)) {
        return FEATURES_ENTITY_ORG;
    }
    if (j - i >= 2) {
        return place_first(f, i, j) ? FEATURES_ENTITY_ORG : FEATURES_ENTITY_PERSON;
    }
    if (f->info[i].upper) {
        return FEATURES_ENTITY_ORG;
    }
    if (i > 0 && (f->info[i - 1].word & WORD_LOCATIVE) && f->info[i].joined) {
        return FEATURES_ENTITY_PLACE;
    }
    return FEATURES_ENTITY_OTHER;
}

/* 1 when a span of capitals at i is a heading or a long word in capitals
 * rather than an acronym. */
static int shouted(const finder *f, size_t i)
{
    const tok_info *t = &f->info[i];
    if (!t->upper) {
        return 0;
    }
    int before = i > 0 && f->info[i - 1].upper && f->info[i - 1].key_len > 1;
    int after = i + 1 < f->n && f->info[i + 1].upper && f->info[i + 1].key_len > 1;
    return before || after || t->key_len > 8;
}

static int ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 when the name at tokens [i, j) is a credit, not a mention: glued by
 * "." or "/" to the word before it at the end of a line (a caption's
 * credit: "en plein match.AFP", "Izquierdo.Getty Images",
 * "20min/Vanessa Lam"), or alone in parentheses on its line (the
 * "(AFP)" signing an article). */
static int credit(const finder *f, size_t i, size_t j)
{
    const char *s = f->s;
    size_t b = f->tok[i].offset, e = f->tok[j - 1].offset + f->tok[j - 1].len;
    if (b >= 2 && (s[b - 1] == '.' || s[b - 1] == '/') &&
        (ascii_alnum(s[b - 2]) || (unsigned char)s[b - 2] >= 0x80)) {
        const char *nl = memchr(s + e, '\n', f->tok[f->n - 1].offset + f->tok[f->n - 1].len - e);
        return !nl || nl - (s + e) < 40;
    }
    return b >= 1 && s[b - 1] == '(' && (b == 1 || s[b - 2] == '\n') && s[e] == ')' &&
           (s[e + 1] == '\n' || s[e + 1] == '\0');
}

/* 1 when key ends like a German common noun ("-ung", "-heit", "-schaft")
 * or a plural ("-e", "-s", "-er"; "-en" unless as a town's "-ingen",
 * "-hausen"). */
static int german_noun_shape(const char *k, size_t n)
{
    static const char *const nouns[] = {"ung", "heit",  "keit", "schaft", "tion",
                                        "tat", "ismus", "nis",  "tum",    "enz",
                                        "anz", "ik",    "e",    "s",      "er"};
    static const char *const towns[] = {"ingen", "hausen", "hofen", "kirchen", "stetten"};
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++) {
        size_t m = strlen(nouns[i]);
        if (n > m && memcmp(k + n - m, nouns[i], m) == 0) {
            return 1;
        }
    }
    if (n < 3 || k[n - 2] != 'e' || k[n - 1] != 'n') {
        return 0;
    }
    for (size_t i = 0; i < sizeof towns / sizeof *towns; i++) {
        size_t m = strlen(towns[i]);
        if (n > m && memcmp(k + n - m, towns[i], m) == 0) {
            return 0;
        }
    }
    return 1;
}

/* 1 when the German span [i, j) of one or two words follows "in" with no
 * article ("in Duisburg", "in Schiedam"): a place, unless the word is a
 * noun so used ("in Kraft", "in Höhe von", "in Richtung"). */
static int german_in_place(const finder *f, size_t i, size_t j)
{
    const tok_info *p = i > 0 ? &f->info[i - 1] : NULL;
    const tok_info *last = &f->info[j - 1];
    const char *raw = f->s + f->tok[i].offset;
    int acronym = 0; /* "in WGs" */
    for (size_t k = 0; k + 1 < f->tok[i].len; k++) {
        acronym |= raw[k] >= 'A' && raw[k] <= 'Z' && raw[k + 1] >= 'A' && raw[k + 1] <= 'Z';
    }
    return p && j - i <= 2 && f->info[i].joined && p->key_len == 2 && p->key[0] == 'i' &&
           p->key[1] == 'n' && !acronym && f->info[i].key_len >= 3 &&
           !(f->info[i].word & WORD_NOUN) && !german_noun_shape(last->key, last->key_len);
}

/* Records the capitalised span at i (not a gazetteer name); returns the
 * token after it. */
static size_t take_span(finder *f, size_t i, int titled, int *rc)
{
    size_t j = span_end(f, i);
    const tok_info *t = &f->info[i];
    int junk = t->key_len < 2 || (j == i + 1 && (t->stop || (t->word & WORD_NOT)));
    junk = junk || shouted(f, i) || span_damaged(f, j) || credit(f, i, j);
    if (junk) {
        return j;
    }
    mention m = {NULL, 0, -1, (uint32_t)i, (uint32_t)j, span_type(f, i, j, titled), SURE, 1, 0, 0};
    if (!titled && f->german && i > 0 && f->info[i].joined &&
        (f->info[i - 1].word & WORD_ARTICLE)) {
        return i + 1; /* "die Regierung", "im Großraum München": a German noun */
    }
    /* a sentence start proves nothing of one word; in German, capitals
     * prove nothing at all (every noun has one), but "in" with no article
     * before a word does */
    if (!titled && f->german && german_in_place(f, i, j)) {
        m.type = m.type == FEATURES_ENTITY_ORG ? m.type : FEATURES_ENTITY_PLACE;
    } else if (!titled && ((t->start && j == i + 1) || t->headline || (f->german && !t->upper))) {
        m.sure = TENTATIVE;
    }
    m.key = span_key(f, i, j, &m.key_len);
    *rc = m.key ? mention_add(f, &m) : FIL_ENOMEM;
    /* a place named inside the name counts too: "Universidad de Salamanca" */
    for (size_t k = i + 1; k < j && !*rc; k++) {
        size_t end;
        long e = (f->info[k - 1].word & WORD_PARTICLE) ? match_name(f, k, &end) : -1;
        if (e >= 0 && end <= j && f->g->entries[e].type == FEATURES_ENTITY_PLACE) {
            mention p = {f->g->entries[e].canonical,
                         (uint32_t)strlen(f->g->entries[e].canonical),
                         e,
                         (uint32_t)k,
                         (uint32_t)end,
                         FEATURES_ENTITY_PLACE,
                         m.sure,
                         1,
                         0,
                         0};
            *rc = mention_add(f, &p);
        }
    }
    return j;
}

/* Records the gazetteer name at [i, end) or the demonym at i. */
static int take_entry(finder *f, long entry, size_t i, size_t end, int surface)
{
    const gaz_entry *e = &f->g->entries[entry];
    mention m = {e->canonical,
                 (uint32_t)strlen(e->canonical),
                 entry,
                 (uint32_t)i,
                 (uint32_t)end,
                 e->type,
                 SURE,
                 (unsigned)surface,
                 0,
                 0};
    if (!e->strong && f->info[i].start) {
        m.sure = TENTATIVE;
    }
    return mention_add(f, &m);
}

/* 1 when token j goes on a name begun before it: a capitalised word,
 * joined, that is no title, no word that is never a name, and does not
 * start a gazetteer name of its own ("Europa Wire", "London Heathrow";
 * but "La Turquie"). */
static int name_goes_on(const finder *f, size_t j)
{
    if (j >= f->n || !f->info[j].joined || !f->info[j].caps || f->info[j].stop) {
        return 0;
    }
    size_t end;
    return !(f->info[j].word & (WORD_TITLE | WORD_NOT)) && match_name(f, j, &end) < 0;
}

/* 1 when a line break lies between token k - 1 and token k (or k is the
 * first token). */
static int line_first(const finder *f, size_t k)
{
    if (k == 0) {
        return 1;
    }
    size_t a = f->tok[k - 1].offset + f->tok[k - 1].len;
    return memchr(f->s + a, '\n', f->tok[k].offset - a) != NULL;
}

/* 1 when token i opens an item of a list: the first word of its line
 * after a number and "." or ")" ("3. Malaga"), or after a bullet ("- ",
 * "• ", "* "). */
static int list_item_start(const finder *f, size_t i)
{
    const char *s = f->s;
    if (i > 0 && (f->tok[i - 1].flags & TEXT_TOKEN_NUMBER) && line_first(f, i - 1)) {
        size_t a = f->tok[i - 1].offset + f->tok[i - 1].len;
        return (s[a] == '.' || s[a] == ')') && only_spaces(s, a + 1, f->tok[i].offset);
    }
    if (!line_first(f, i)) {
        return 0;
    }
    size_t b = f->tok[i].offset;
    while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t')) {
        b--;
    }
    int bullet = b >= 1 && (s[b - 1] == '-' || s[b - 1] == '*') ? 1
                 : b >= 3 && (unsigned char)s[b - 3] == 0xe2 && (unsigned char)s[b - 2] == 0x80 &&
                         ((unsigned char)s[b - 1] == 0xa2 || (unsigned char)s[b - 1] == 0x93)
                     ? 3
                     : 0;
    return bullet && (b == (size_t)bullet || s[b - bullet - 1] == '\n');
}

/* Records the organisation or place named before the hyphen of a title
 * ("VRT-Direktor", "DWD-Meteorologe", "US-Präsident"): a gazetteer name,
 * or an acronym of 2 to 6 capitals. */
static int title_prefix(finder *f, size_t i)
{
    const tok_info *t = &f->info[i];
    const char *raw = f->s + f->tok[i].offset;
    const char *h = memchr(raw, '-', f->tok[i].len);
    const char *sp = memchr(t->key, ' ', t->key_len);
    if (!h || !sp) {
        return FIL_OK;
    }
    size_t klen = (size_t)(sp - t->key), rlen = (size_t)(h - raw);
    uint64_t *v = core_map_get(&f->g->names, key_hash(t->key, klen));
    int upper = is_all_caps(raw, rlen);
    if (v && (uint32_t)*v && (upper || !(*v & NAME_CAPS_ONLY))) {
        const gaz_entry *e = &f->g->entries[(uint32_t)*v - 1];
        mention m = {e->canonical,
                     (uint32_t)strlen(e->canonical),
                     (long)(uint32_t)*v - 1,
                     (uint32_t)i,
                     (uint32_t)i + 1,
                     e->type,
                     SURE,
                     0,
                     0,
                     0};
        return mention_add(f, &m);
    }
    if (!upper || rlen > 6) {
        return FIL_OK;
    }
    char *key = core_arena_strndup(f->a, t->key, klen);
    mention m = {
        key, (uint32_t)klen, -1, (uint32_t)i, (uint32_t)i + 1, FEATURES_ENTITY_ORG, SURE, 0, 1, 0};
    return key ? mention_add(f, &m) : FIL_ENOMEM;
}

/* One step of the scan at token i; returns the next token. *titled is the
 * number of tokens a title still reaches. */
static size_t scan_token(finder *f, size_t i, int *titled, int *rc)
{
    const tok_info *t = &f->info[i];
    if (!t->joined && i > 0 && !(t->gap & GAP_SPACES)) {
        *titled = 0; /* a title reaches no name across punctuation */
    }
    size_t end = i + 1;
    long entry = t->caps ? match_name(f, i, &end) : -1;
    if (entry >= 0 && !(name_goes_on(f, end) && span_end(f, end) - end < 2)) {
        *rc = credit(f, i, end) ? FIL_OK : take_entry(f, entry, i, end, 1);
        *titled = 0;
        return end;
    }
    /* "Deutsche Bahn" is a name, "Swiss Heike Birlenbach" a demonym and one;
     * asked only of a city's adjective or a demonym, the rules that read
     * it (a gazetteer probe, at nearly every token else) */
    int names_on =
        (t->city || t->demonym >= 0) && name_goes_on(f, i + 1) && span_end(f, i + 1) - (i + 1) < 2;
    /* in German every noun after an adjective is capitalised: "Russische
     * Truppen" mentions Russia, and a city's adjective is always so
     * ("Rotterdamer Hafen"), unless an organisation's name goes on
     * ("Berliner Zeitung") */
    int city_on = t->city && f->german && names_on && !(f->info[i + 1].word & WORD_ORG);
    if (t->city && !f->german && t->caps &&
        (t->start || (i + 1 < f->n && f->info[i + 1].caps && f->info[i + 1].joined))) {
        /* "François Hollande", a first name; "des Bernois" is a people */
        size_t j = take_span(f, i, *titled > 0, rc);
        *titled = 0;
        return j;
    }
    if (t->demonym >= 0 && (city_on || !(t->caps && names_on && !(f->german && t->start)))) {
        *rc = take_entry(f, t->demonym, i, i + 1, 0);
        if (!*rc && t->demonym2 >= 0) {
            *rc = take_entry(f, t->demonym2, i, i + 1, 0);
        }
        return i + 1;
    }
    if (t->word & (WORD_TITLE | WORD_KIND | WORD_SPEECH)) {
        /* a kind word names what follows it at once, a verb of saying who says */
        *titled = t->word & WORD_TITLE ? 5 : 1;
        f->intro = t->word & WORD_KIND ? FEATURES_ENTITY_ORG : FEATURES_ENTITY_PERSON;
        f->seat = (t->word & WORD_SEAT) != 0;
        *rc = (t->word & WORD_TITLE) && t->caps ? title_prefix(f, i) : FIL_OK;
        return i + 1;
    }
    /* "Le Havre", "Los Angeles"; at a sentence start only as a list's item
     * ("5. Los Angeles"), since "La Turquie" would do as well there */
    if (t->caps && t->stop && (!t->start || list_item_start(f, i)) && !(t->word & WORD_PARTICLE) &&
        name_goes_on(f, i + 1)) {
        size_t j = take_span(f, i, *titled > 0, rc);
        *titled = 0;
        return j;
    }
    if (t->caps && (t->stop || (t->word & WORD_NOT))) {
        /* "La Turquie", "des Affaires étrangères Sergueï Lavrov" */
        *titled = *titled > 0 ? *titled - 1 : 0;
        return i + 1;
    }
    size_t j = t->caps && *titled > 0 && i > 0 && (f->info[i - 1].word & WORD_PARTICLE)
                   ? span_end(f, i)
                   : 0;
    if (j == i + 1 || (f->seat && j >= i + 3)) {
        /* the title's complement, not a name: "ministra de Transportes,
         * Agnès Morel"; a mayor's is a place ("Bürgermeisterin von Delft",
         * even run into the name: "exalcaldesa de Delft Anneke Stolk") */
        *titled = *titled - 1;
        if (f->seat) {
            mention m = {.entry = -1,
                         .from = (uint32_t)i,
                         .to = (uint32_t)i + 1,
                         .type = FEATURES_ENTITY_PLACE,
                         .sure = SURE,
                         .surface = 1};
            m.key = span_key(f, i, i + 1, &m.key_len);
            *rc = m.key ? mention_add(f, &m) : FIL_ENOMEM;
        }
        return i + 1;
    }
    if (t->caps) {
        size_t j = take_span(f, i, *titled > 0, rc);
        *titled = 0;
        return j;
    }
    /* "eine Sprecherin des Flughafens", "Frau über seine Ankunft": in
     * German a title meets its name at once, or through particles */
    int closes = f->german && ((t->word & WORD_ARTICLE) || !(t->word & WORD_PARTICLE));
    *titled = *titled > 0 && !closes ? *titled - 1 : 0;
    return i + 1;
}

/* ------------------------------------------------------------------------
 * From mentions to entities
 * ---------------------------------------------------------------------- */

/* The initials of the words of mention m, particles left out ("vrt" for
 * "Vereniging Rotterdamse Terminals"), into out (room for 9 bytes); 0
 * when they are not 2 to 8 ASCII letters. */
static size_t initials(const finder *f, const mention *m, char *out)
{
    size_t n = 0;
    for (uint32_t k = m->from; k < m->to; k++) {
        const tok_info *t = &f->info[k];
        if ((t->word & WORD_PARTICLE) && !t->caps) {
            continue;
        }
        if (n == 8 || t->key[0] < 'a' || t->key[0] > 'z') {
            return 0;
        }
        out[n++] = t->key[0];
    }
    out[n] = 0;
    return n >= 2 ? n : 0;
}

/* 1 when token k is a conjunction that joins the items of a list. */
static int conjunction(const tok_info *t)
{
    static const char *const words[] = {"and", "or", "et", "ou", "und", "oder", "y",
                                        "o",   "e",  "ed", "ni", "nor", "sowie"};
    for (size_t i = 0; !t->caps && i < sizeof words / sizeof *words; i++) {
        if (strlen(words[i]) == t->key_len && memcmp(words[i], t->key, t->key_len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* 1 when mentions a and b (b after a) are neighbouring items of a list:
 * on a line each after a number or a bullet ("2. Boston\n3. Miami"), or
 * in one sentence with a comma or a conjunction between them ("Miami,
 * Barcelone ou encore New York"). *inline_list says which. */
static int list_neighbours(const finder *f, const mention *a, const mention *b, int *inline_list)
{
    size_t end = f->tok[a->to - 1].offset + f->tok[a->to - 1].len;
    *inline_list = 0; /* 1: inline, by a comma; 2: inline, by a conjunction */
    if (b->from <= a->to + 1 && line_first(f, a->to)) {
        /* a ends its line and b opens the next, after its number if any */
        return list_item_start(f, a->from) && list_item_start(f, b->from);
    }
    *inline_list = 1;
    if (b->from == a->to) {
        const char *p = f->s + end;
        while (*p == ' ') {
            p++;
        }
        return *p == ',' && only_spaces(f->s, (size_t)(p + 1 - f->s), f->tok[b->from].offset);
    }
    /* "X and Y", "X ou encore Y": a conjunction and at most one more word */
    if (b->from > a->to + 2 || !conjunction(&f->info[a->to])) {
        return 0;
    }
    *inline_list = 2;
    for (uint32_t k = a->to; k < b->from; k++) {
        if (f->info[k].caps || !f->info[k].joined) {
            return 0;
        }
    }
    const char *p = f->s + end;
    while (*p == ' ') {
        p++;
    }
    return *p == ',' || only_spaces(f->s, end, f->tok[a->to].offset);
}

/* Confirms tentative one-word names (a sentence start, a German noun)
 * where the sentence shows a name:
 *  - the subject of a verb of saying ("Havenunie said", "Stolk a
 *    déclaré"), not a word for an organisation ("Police said") and in
 *    English no plural ("Officials said");
 *  - an item of a list with a gazetteer name among its items ("Miami,
 *    Barcelone ou encore New York"; "1. London\n2. Barcelona\n3. Malaga"):
 *    the list's kind is the name's. Inline lists hold in German only
 *    with an item after "in" or the like, so they are left out there
 *    ("Gewitter, Personalengpässe und die IT"). */
static void confirm_mentions(finder *f)
{
    static const char *const aux[] = {"a", "ha", "hat", "has", "had"};
    for (size_t i = 0; i < f->count; i++) {
        mention *m = &f->m[i];
        const tok_info *t = &f->info[m->from];
        size_t j = m->to;
        if (m->sure == SURE || m->entry >= 0 || m->to != m->from + 1 || t->headline ||
            (t->word & WORD_ORG) || f->german ||
            (f->english && t->key[t->key_len - 1] == 's' && t->key[t->key_len - 2] != 's')) {
            continue;
        }
        for (size_t k = 0; j + 1 < f->n && k < sizeof aux / sizeof *aux; k++) {
            if (strlen(aux[k]) == f->info[j].key_len &&
                memcmp(aux[k], f->info[j].key, f->info[j].key_len) == 0 && f->info[j].joined) {
                j++;
                break;
            }
        }
        if (j < f->n && f->info[j].joined && !f->info[j].caps && (f->info[j].word & WORD_SPEECH)) {
            m->sure = SURE;
        }
    }
    /* lists: runs of neighbouring mentions, nested ones ("Salamanca" in
     * "Universidad de Salamanca") left out */
    for (size_t a = 0; a < f->count;) {
        size_t b = a + 1, known = SIZE_MAX, last = a;
        int inline_list = 0, any_inline = 0;
        while (b < f->count) {
            if (f->m[b].from < f->m[last].to) {
                b++;
                continue;
            }
            if (!list_neighbours(f, &f->m[last], &f->m[b], &inline_list)) {
                break;
            }
            any_inline |= inline_list;
            last = b++;
        }
        if (any_inline == 1) {
            known = b; /* commas alone: "Cependant, Erdoğan a déclaré" is no list */
        }
        for (size_t k = a; known == SIZE_MAX && k < b && last > a; k++) {
            const mention *m = &f->m[k];
            if (m->entry >= 0 && m->surface && (m->sure == SURE || !any_inline)) {
                known = k;
            }
        }
        for (size_t k = a; known < b && k < b && !(any_inline && f->german); k++) {
            mention *m = &f->m[k];
            const text_token *t = &f->tok[m->from];
            if (m->sure == TENTATIVE && !f->info[m->from].headline && m->to - m->from <= 2 &&
                !text_stopwords_contains(f->sw, f->lang, t->folded, t->folded_len)) {
                m->sure = SURE;
                m->type = m->type == FEATURES_ENTITY_OTHER ? f->m[known].type : m->type;
            }
        }
        a = b;
    }
}

/* Maps the last word and the initials of each sure multi-word unknown
 * name to its first mention. */
static int index_long_names(const finder *f, core_map *last, core_map *acronyms)
{
    int rc = FIL_OK;
    for (size_t i = 0; i < f->count && !rc; i++) {
        const mention *m = &f->m[i];
        /* "Dijon" is no surname of "Plombières-lès-Dijon", one word */
        const char *sp = m->entry < 0 && m->to - m->from >= 2 ? strrchr(m->key, ' ') : NULL;
        if (!sp) {
            continue;
        }
        /* a tentative long name counts here: a sure mention of its last
         * word confirms it ("Delft, Anneke Stolk" ... "sagte Stolk") */
        int inserted;
        uint64_t *v = core_map_upsert(last, key_hash(sp + 1, strlen(sp + 1)), &inserted, &rc);
        if (v && inserted) {
            *v = i;
        }
        char ini[9];
        size_t n = m->sure == SURE ? initials(f, m, ini) : 0;
        v = n && v ? core_map_upsert(acronyms, key_hash(ini, n), &inserted, &rc) : NULL;
        if (v && inserted) {
            *v = i;
        }
    }
    return rc;
}

/* A one-word unknown mention that is the last word of a longer unknown
 * name of the article becomes that name ("Kalın" -> "ibrahim kalin"), and
 * an acronym the initials of one becomes it ("VRT" -> "vereniging
 * rotterdamse terminals"). */
static int merge_surnames(finder *f)
{
    core_map last, acronyms;
    core_map_init(&last, 0);
    core_map_init(&acronyms, 0);
    int rc = index_long_names(f, &last, &acronyms);
    for (size_t i = 0; i < f->count && !rc; i++) {
        mention *m = &f->m[i];
        int one = m->entry < 0 && m->to == m->from + 1;
        int upper = m->acronym || f->info[m->from].upper;
        uint64_t *v = one ? core_map_get(upper ? &acronyms : &last, m->hash) : NULL;
        if (v) {
            const mention *full = &f->m[*v];
            m->key = full->key;
            m->key_len = full->key_len;
            m->hash = full->hash;
            m->type = full->type;
            m->sure = m->sure == SURE || full->sure == SURE ? SURE : TENTATIVE;
        }
    }
    core_map_free(&last);
    core_map_free(&acronyms);
    return rc;
}

typedef struct entity_acc {
    features_entity e;
    uint32_t surface_counts[FEATURES_ENTITY_SURFACES];
    long entry;
    unsigned type_rank; /* lower wins: gazetteer 0, title/org/place 1, other 2 */
} entity_acc;

static unsigned type_rank(const mention *m)
{
    return m->entry >= 0 ? 0 : m->type == FEATURES_ENTITY_OTHER ? 2 : 1;
}

static int add_surface(finder *f, entity_acc *acc, const mention *m)
{
    size_t b = f->tok[m->from].offset;
    size_t e = f->tok[m->to - 1].offset + f->tok[m->to - 1].len -
               possessive_bytes(f->s, &f->tok[m->to - 1]);
    for (uint32_t k = 0; k < acc->e.surface_count; k++) {
        if (strlen(acc->e.surfaces[k]) == e - b &&
            memcmp(acc->e.surfaces[k], f->s + b, e - b) == 0) {
            acc->surface_counts[k]++;
            return FIL_OK;
        }
    }
    if (acc->e.surface_count == FEATURES_ENTITY_SURFACES) {
        return FIL_OK;
    }
    const char *copy = core_arena_strndup(f->a, f->s + b, e - b);
    if (!copy) {
        return FIL_ENOMEM;
    }
    acc->surface_counts[acc->e.surface_count] = 1;
    acc->e.surfaces[acc->e.surface_count++] = copy;
    return FIL_OK;
}

/* Sure keys: those with a mention that needs no confirmation. */
static int sure_keys(const finder *f, core_map *sure)
{
    for (size_t i = 0; i < f->count; i++) {
        if (f->m[i].sure == SURE) {
            int rc = core_map_put(sure, f->m[i].hash, 1);
            if (rc) {
                return rc;
            }
        }
    }
    return FIL_OK;
}

static size_t count_spaces(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == ' ';
    }
    return n;
}

/* The entity's display: its fullest surface in words ("Didier Castellan",
 * "Recep Tayyip Erdogan", though the surname alone recurs more), then its
 * most frequent, then its first. */
static void finish_entity(const finder *f, entity_acc *acc)
{
    uint32_t best = 0;
    size_t best_spaces = acc->e.surface_count ? count_spaces(acc->e.surfaces[0]) : 0;
    for (uint32_t k = 1; k < acc->e.surface_count; k++) {
        size_t spaces = count_spaces(acc->e.surfaces[k]);
        if (spaces > best_spaces ||
            (spaces == best_spaces && acc->surface_counts[k] > acc->surface_counts[best])) {
            best = k;
            best_spaces = spaces;
        }
    }
    acc->e.display = acc->e.surface_count ? acc->e.surfaces[best]
                     : acc->entry >= 0    ? f->g->entries[acc->entry].display
                                          : acc->e.canonical;
}

/* Gathers the kept mentions by key into entities, in order of first
 * mention. */
static int gather(finder *f, features_entity **out, size_t *count)
{
    core_map sure, index;
    core_map_init(&sure, 0);
    core_map_init(&index, 0);
    entity_acc *acc = core_arena_alloc(f->a, (f->count ? f->count : 1) * sizeof *acc);
    size_t n = 0;
    int rc = acc ? sure_keys(f, &sure) : FIL_ENOMEM;
    for (size_t i = 0; i < f->count && !rc; i++) {
        const mention *m = &f->m[i];
        uint64_t h = m->hash;
        if (!core_map_get(&sure, h)) {
            continue;
        }
        int inserted;
        uint64_t *v = core_map_upsert(&index, h, &inserted, &rc);
        if (!v) {
            break;
        }
        if (inserted) {
            *v = n;
            memset(&acc[n], 0, sizeof acc[n]);
            acc[n].e.canonical = m->key;
            acc[n].e.first_offset = f->tok[m->from].offset;
            acc[n].e.type = m->type;
            acc[n].entry = m->entry;
            acc[n++].type_rank = type_rank(m);
        }
        entity_acc *a = &acc[*v];
        a->e.count++;
        if (type_rank(m) < a->type_rank) {
            a->e.type = m->type;
            a->type_rank = type_rank(m);
        }
        rc = m->surface ? add_surface(f, a, m) : FIL_OK;
    }
    core_map_free(&sure);
    core_map_free(&index);
    features_entity *e = rc ? NULL : core_arena_alloc(f->a, (n ? n : 1) * sizeof *e);
    for (size_t i = 0; e && i < n; i++) {
        finish_entity(f, &acc[i]);
        e[i] = acc[i].e;
    }
    *out = e;
    *count = e ? n : 0;
    return rc ? rc : e ? FIL_OK : FIL_ENOMEM;
}

/* What features_find_entities and features_find_entities_in_tokens
 * share: tok (n) are the tokens of s, none of them past len. */
static int find_entities(const features_gazetteer *g, const text_stopwords *sw, const char *lang,
                         const char *s, const text_token *tok, const uint32_t *keys,
                         const uint64_t *classes, size_t n, core_arena *arena,
                         features_entity **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    finder f = {.g = g,
                .sw = sw,
                .lang = lang,
                .s = s,
                .tok = tok,
                .info = core_arena_alloc(arena, (n ? n : 1) * sizeof *f.info),
                .name_hash = core_arena_alloc(arena, (n ? n : 1) * sizeof *f.name_hash),
                .active = core_arena_alloc(arena, (n ? n : 1) * sizeof *f.active),
                .n = n,
                .german = strcmp(lang, "de") == 0,
                .english = strcmp(lang, "en") == 0,
                .romance = !strcmp(lang, "fr") || !strcmp(lang, "es") || !strcmp(lang, "it"),
                .intro = FEATURES_ENTITY_PERSON,
                .a = arena};
    if (!f.info || !f.name_hash || !f.active) {
        return FIL_ENOMEM;
    }
    int rc = token_info(&f, keys, classes);
    int titled = 0;
    for (size_t i = 0, next = 0; i < n && !rc;) {
        if (!titled) { /* a passive token does nothing then: on to the next active one */
            while (next < f.active_count && f.active[next] < i) {
                next++;
            }
            if (next == f.active_count) {
                break;
            }
            i = f.active[next];
        }
        i = scan_token(&f, i, &titled, &rc);
    }
    if (!rc) {
        confirm_mentions(&f);
    }
    rc = rc ? rc : merge_surnames(&f);
    rc = rc ? rc : gather(&f, out, count);
    free(f.m);
    return rc;
}

int features_find_entities(const features_gazetteer *g, const text_stopwords *sw, const char *lang,
                           const char *s, size_t len, size_t max_tokens, core_arena *arena,
                           features_entity **out, size_t *count)
{
    text_token *tok;
    size_t n;
    int rc = text_tokenize(s, len, max_tokens, arena, &tok, &n);
    if (rc) {
        *out = NULL;
        *count = 0;
        return rc;
    }
    return find_entities(g, sw, lang, s, tok, NULL, NULL, n, arena, out, count);
}

int features_find_entities_in_tokens(const features_gazetteer *g, const text_stopwords *sw,
                                     const char *lang, const char *s, size_t len,
                                     const text_token *tokens, const uint32_t *word_keys,
                                     const uint64_t *word_classes, size_t token_count,
                                     core_arena *arena, features_entity **out, size_t *count)
{
    size_t n = text_tokens_within(tokens, token_count, len);
    return find_entities(g, sw, lang, s, tokens, word_keys, word_classes, n, arena, out, count);
}
