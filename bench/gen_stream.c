/*
 * gen_stream.c -- deterministic synthetic news stream for fil's benchmarks.
 *
 *   gen_stream N [--seed S] [--keep LO-HI] [--stats] > stream.jsonl
 *
 * Writes N JSONL articles (about 3 KB of text each) in time order:
 *   {"id","source","lang":"en","published","title","text","story",
 *    "gold_duplicate_of"?,"gold_kind"?}
 *
 * Model (see bench/README.md):
 *   - a vocabulary of 30,000 pseudo-words (2-12 letters) built from syllable
 *     tables, with Zipf (s = 1) frequencies, the most frequent ones of middling
 *     length; plus a compiled-in list of 300 common English words used at
 *     function-word rates (about half of the background tokens);
 *   - a pool of 20,000 named entities (persons, places, organisations) whose
 *     names are made of capitalised syllables, drawn with a flattened Zipf;
 *   - stories with heavy-tailed sizes (P(size = k) ~ 1/k^2), each with 30 topic
 *     words from the mid-frequency range and 3-6 entities, living 1-4 days and
 *     starting anywhere in a 30-day window;
 *   - ~5% verbatim copies (other source, sometimes a footer line) and ~5%
 *     rewrites (40-70% of the original's sentences kept, some swapped, the rest
 *     replaced by new sentences of the same story), marked with
 *     gold_duplicate_of / gold_kind, and gold_kept (the percentage of the
 *     original's sentences a rewrite keeps; --keep LO-HI sets its range,
 *     40-70 by default, for the near-duplicate benchmark);
 *   - 200 sources with Zipf-skewed volumes.
 *
 * Determinism: only integer arithmetic decides the output (xoshiro256** seeded
 * through splitmix64, integer weight tables), so the same N and seed give the
 * same bytes on any platform.  Every article's text is a pure function of
 * (seed, article index), which lets copies and rewrites regenerate their
 * original instead of keeping 3 GB of text in memory.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror gen_stream.c -o gen_stream -lm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NVOCAB          30000u /* background pseudo-words */
#define NTOPIC          30u    /* topic words per story */
#define MAXENT          6u     /* entities per story: 3..6 */
#define NSOURCES        200u
#define NENTITIES       20000u /* global entity pool */
#define NFIRSTNAMES     800u
#define NSURNAMES       6000u
#define NPLACES         4000u
#define SPAN_DAYS       30u
#define SPAN_SECS       (SPAN_DAYS * 86400u)
#define START_Y         2026
#define START_M         1
#define START_D         1
#define TOPIC_LO        150u /* topic words come from vocabulary ranks [TOPIC_LO, TOPIC_HI) */
#define TOPIC_HI        6000u
#define MAX_STORY       2000u
#define NSECTIONS       24u  /* news sections; stories of a section share some vocabulary */
#define SEC_WORDS       150u /* mid-frequency words of a section */
#define SEC_ENTS        200u /* recurring entities of a section */
#define SEC_TOPIC_EVERY 3u   /* every 3rd topic slot of a story is a section word */
#define SEC_ENT_PCT     50u  /* secondary entities taken from the section's pool */
#define TOPIC_KEEP_PCT  50u  /* share of a story's non-core topic words an article uses */

enum { K_ORIG = 0, K_COPY = 1, K_REWRITE = 2 };
enum { D_PLAN = 1, D_VOCAB, D_STORY, D_ART, D_EXTRA };
enum { E_PERSON = 0, E_PLACE, E_ORG };

/* ------------------------------------------------------------------ */
/* PRNG: xoshiro256** seeded with splitmix64                           */

typedef struct {
    uint64_t s[4];
} Rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_key(Rng *r, uint64_t seed, uint64_t domain, uint64_t idx)
{
    uint64_t x = mix64(seed + 0x9E3779B97F4A7C15ull * (domain + 1));
    x = mix64(x ^ (idx + 0x632BE59BD9B4E019ull));
    for (int i = 0; i < 4; i++) {
        x += 0x9E3779B97F4A7C15ull;
        r->s[i] = mix64(x);
    }
}

static inline uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t rnext(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t res = rotl64(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return res;
}

static inline uint32_t r32(Rng *r)
{
    return (uint32_t)(rnext(r) >> 32);
}
/* uniform in [0, n) (multiply-shift; bias < n / 2^32, irrelevant here) */
static inline uint32_t rb(Rng *r, uint32_t n)
{
    return (uint32_t)(((uint64_t)r32(r) * n) >> 32);
}

/* ------------------------------------------------------------------ */
/* small utilities                                                     */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "gen_stream: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        fprintf(stderr, "gen_stream: out of memory\n");
        exit(2);
    }
    return p;
}

typedef struct {
    char *p;
    size_t n, cap;
} Buf;

static void buf_grow(Buf *b, size_t need)
{
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "gen_stream: out of memory\n");
        exit(2);
    }
    b->p = p;
    b->cap = cap;
}
static inline void bput(Buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap)
        buf_grow(b, b->n + n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
}
static inline void bputc(Buf *b, char c)
{
    if (b->n + 1 > b->cap)
        buf_grow(b, b->n + 1);
    b->p[b->n++] = c;
}
static inline void bputs(Buf *b, const char *s)
{
    bput(b, s, strlen(s));
}

static void bput_uint(Buf *b, uint64_t v, int width)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[n++] = '0';
    if (b->n + (size_t)n > b->cap)
        buf_grow(b, b->n + (size_t)n);
    while (n)
        b->p[b->n++] = tmp[--n];
}

/* ------------------------------------------------------------------ */
/* discrete distribution over integer weights: Walker/Vose alias table built with
 * integer arithmetic only, so it is exact and identical on every platform.
 * Sampling costs one PRNG call and one table access. */

typedef struct {
    uint32_t prob, alias;
} AliasCell;
typedef struct {
    uint32_t n, total;
    AliasCell *t;
} Dist;

static void dist_init(Dist *d, const uint32_t *w, uint32_t n)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += w[i];
    if (!total || total >= 0xFFFFFFFFull) {
        fprintf(stderr, "gen_stream: bad weights\n");
        exit(2);
    }
    d->n = n;
    d->total = (uint32_t)total;
    d->t = xmalloc(sizeof *d->t * n);
    uint64_t *p = xmalloc(sizeof *p * n); /* p[i] = w[i] * n; a cell holds `total` */
    uint32_t *small = xmalloc(sizeof *small * n), *large = xmalloc(sizeof *large * n);
    uint32_t ns = 0, nl = 0;
    for (uint32_t i = 0; i < n; i++) {
        p[i] = (uint64_t)w[i] * n;
        if (p[i] < total)
            small[ns++] = i;
        else
            large[nl++] = i;
    }
    while (ns && nl) {
        uint32_t sm = small[--ns], lg = large[nl - 1];
        d->t[sm].prob = (uint32_t)p[sm];
        d->t[sm].alias = lg;
        p[lg] -= total - p[sm];
        if (p[lg] < total) {
            nl--;
            small[ns++] = lg;
        }
    }
    while (nl) {
        uint32_t i = large[--nl];
        d->t[i].prob = d->total;
        d->t[i].alias = i;
    }
    while (ns) {
        uint32_t i = small[--ns];
        d->t[i].prob = d->total;
        d->t[i].alias = i;
    }
    free(p);
    free(small);
    free(large);
}

static inline uint32_t dist_sample(const Dist *d, Rng *r)
{
    uint64_t x = rnext(r);
    uint32_t i = (uint32_t)(((x >> 32) * d->n) >> 32);
    uint32_t y = (uint32_t)(((x & 0xFFFFFFFFull) * d->total) >> 32);
    const AliasCell *c = &d->t[i];
    return y < c->prob ? i : c->alias;
}

/* Zipf-like weights: w[i] = floor(scale / (i + offset)) */
static void dist_zipf(Dist *d, uint32_t n, uint32_t scale, uint32_t offset)
{
    uint32_t *w = xmalloc(sizeof *w * n);
    for (uint32_t i = 0; i < n; i++) {
        w[i] = scale / (i + offset);
        if (!w[i])
            w[i] = 1;
    }
    dist_init(d, w, n);
    free(w);
}

/* ------------------------------------------------------------------ */
/* word tables                                                         */

/* Common English words, roughly in order of frequency in news prose. */
static const char *const FUNC_WORDS[] = {
    "the",       "of",         "and",       "to",         "a",         "in",       "that",
    "is",        "for",        "on",        "was",        "with",      "he",       "it",
    "as",        "at",         "by",        "said",       "from",      "his",      "be",
    "have",      "has",        "are",       "but",        "not",       "an",       "they",
    "this",      "were",       "had",       "which",      "or",        "its",      "their",
    "been",      "who",        "will",      "would",      "after",     "also",     "we",
    "more",      "she",        "about",     "up",         "there",     "all",      "her",
    "can",       "out",        "one",       "than",       "when",      "into",     "over",
    "new",       "could",      "them",      "some",       "two",       "what",     "if",
    "other",     "last",       "only",      "first",      "most",      "any",      "no",
    "so",        "him",        "year",      "time",       "do",        "just",     "while",
    "before",    "then",       "because",   "those",      "these",     "how",      "where",
    "our",       "may",        "such",      "many",       "through",   "between",  "against",
    "during",    "under",      "since",     "both",       "each",      "well",     "even",
    "very",      "like",       "now",       "down",       "back",      "still",    "being",
    "should",    "made",       "did",       "get",        "us",        "off",      "three",
    "way",       "much",       "own",       "around",     "does",      "must",     "make",
    "going",     "another",    "people",    "week",       "years",     "told",     "says",
    "including", "according",  "across",    "part",       "several",   "few",      "without",
    "within",    "until",      "though",    "although",   "whether",   "however",  "already",
    "again",     "never",      "always",    "often",      "later",     "early",    "next",
    "second",    "four",       "five",      "six",        "ten",       "hundred",  "thousand",
    "million",   "billion",    "percent",   "day",        "days",      "month",    "months",
    "today",     "yesterday",  "here",      "why",        "whom",      "whose",    "my",
    "your",      "me",         "you",       "it's",       "don't",     "didn't",   "can't",
    "won't",     "isn't",      "wasn't",    "there's",    "that's",    "they're",  "am",
    "having",    "got",        "go",        "went",       "come",      "came",     "take",
    "took",      "see",        "saw",       "know",       "knew",      "think",    "say",
    "want",      "need",       "use",       "used",       "give",      "gave",     "find",
    "found",     "put",        "set",       "keep",       "left",      "called",   "added",
    "asked",     "per",        "via",       "among",      "toward",    "upon",     "above",
    "below",     "behind",     "beyond",    "near",       "outside",   "inside",   "along",
    "onto",      "whatever",   "every",     "either",     "neither",   "nor",      "yet",
    "once",      "twice",      "ago",       "almost",     "enough",    "quite",    "rather",
    "really",    "perhaps",    "probably",  "too",        "less",      "least",    "further",
    "far",       "away",       "together",  "instead",    "else",      "anything", "something",
    "nothing",   "everything", "someone",   "anyone",     "everyone",  "nobody",   "others",
    "himself",   "herself",    "itself",    "themselves", "ourselves", "same",     "different",
    "little",    "long",       "great",     "high",       "good",      "big",      "small",
    "large",     "old",        "young",     "right",      "public",    "national", "local",
    "former",    "recent",     "major",     "likely",     "able",      "due",      "based",
    "expected",  "following",  "ahead",     "amid",       "despite",   "unless",   "throughout",
    "beside",    "besides",    "alongside", "whereas",    "lot",       "hers",
};
#define NFUNC ((uint32_t)(sizeof FUNC_WORDS / sizeof FUNC_WORDS[0]))

/* Syllable tables; repeated entries act as weights. */
static const char *const ONSETS[] = {
    "b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",   "p",   "r",   "s",  "t",
    "v",  "w",  "z",  "b",  "d",  "l",  "m",  "n",  "p",  "r",  "s",   "t",   "c",   "g",  "h",
    "br", "cr", "dr", "fr", "gr", "pr", "tr", "bl", "cl", "fl", "gl",  "pl",  "sl",  "st", "sp",
    "sk", "sh", "ch", "th", "wh", "qu", "sm", "sn", "sw", "tw", "str", "spr", "scr",
};
static const char *const VOWELS[] = {
    "a", "e",  "i",  "o",  "u",  "a",  "e",  "i",  "o",  "e",  "a",
    "y", "ai", "ea", "ee", "ie", "oo", "ou", "oa", "au", "io", "ei",
};
static const char *const CODAS[] = {
    "n",  "r", "s",  "t",  "l",  "m",  "d",  "ck", "ng", "nd", "st", "nt", "rt", "sh",
    "th", "x", "ll", "ss", "ct", "mp", "rd", "lt", "ns", "rn", "k",  "p",  "g",  "ff",
};
#define NA(a) ((uint32_t)(sizeof(a) / sizeof(a)[0]))

static const char *const ORG_SUFFIX[] = {
    "Group",     "Council",  "Ministry",   "Bank",       "University", "Party",    "Agency",
    "Institute", "Holdings", "Authority",  "Commission", "Union",      "Airlines", "Motors",
    "Energy",    "Partners", "Foundation", "Systems",    "Capital",    "Labs",     "Media",
    "Hospital",  "Club",     "Federation", "Board",
};
static const char *const SOURCE_SUFFIX[] = {
    "times",    "post",    "herald",   "daily",     "news",     "wire",     "gazette",
    "observer", "tribune", "journal",  "chronicle", "express",  "record",   "today",
    "monitor",  "report",  "star",     "courier",   "dispatch", "standard", "review",
    "bulletin", "press",   "sentinel", "ledger",
};

/* ------------------------------------------------------------------ */
/* string set (uniqueness of generated words and names)                */

typedef struct {
    char **slot;
    uint32_t mask, n;
} StrSet;

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* returns 1 if inserted (was absent); stores a private copy */
static int strset_add(StrSet *ss, const char *s, size_t n)
{
    uint32_t i = (uint32_t)fnv1a(s, n) & ss->mask;
    while (ss->slot[i]) {
        if (strlen(ss->slot[i]) == n && !memcmp(ss->slot[i], s, n))
            return 0;
        i = (i + 1) & ss->mask;
    }
    if (2 * (ss->n + 1) > ss->mask) {
        fprintf(stderr, "gen_stream: string set full\n");
        exit(2);
    }
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = 0;
    ss->slot[i] = c;
    ss->n++;
    return 1;
}

/* ------------------------------------------------------------------ */
/* generator state                                                     */

typedef struct {
    uint32_t off;
    uint8_t len;
} Word;
/* hot words live in 16-byte slots: one cache access, one fixed-size copy */
typedef struct {
    char s[15];
    uint8_t len;
} Slot;
typedef struct {
    uint32_t off;
    uint16_t len, short_off, short_len;
    uint8_t kind, words;
} Entity;

typedef struct {
    uint64_t seed;
    Buf arena;                               /* all word / name text */
    _Alignas(64) Slot words[NFUNC + NVOCAB]; /* function words, then vocabulary by rank */
    Word first[NFIRSTNAMES], surname[NSURNAMES], place[NPLACES];
    Entity ent[NENTITIES];
    Word src_slug[NSOURCES], src_name[NSOURCES];
    Dist d_func, d_vocab, d_ent, d_topic, d_src, d_size, d_secw, d_sece;
    uint32_t sec_words[NSECTIONS][SEC_WORDS], sec_ents[NSECTIONS][SEC_ENTS];
} Gen;

typedef struct {
    uint32_t topic[NTOPIC];
    uint32_t ent[MAXENT];
    uint32_t nent;
} Story;

typedef struct {
    const Story *st;
    uint32_t rate;      /* per-mille of tokens that are story tokens */
    uint32_t mentioned; /* bit i: story entity i already named in full */
    uint32_t topics;    /* bit i: this article uses story topic word i */
    int prev_func;
    uint32_t last_func; /* avoids "to to" */
} Ctx;

static Word arena_add(Buf *a, const char *s, size_t n)
{
    Word w;
    w.off = (uint32_t)a->n;
    w.len = (uint8_t)n;
    bput(a, s, n);
    return w;
}

/* No letter three times in a row; at least one consonant. */
static int looks_ok(const char *s, size_t n)
{
    int consonant = 0;
    for (size_t i = 0; i < n; i++) {
        if (i >= 2 && s[i] == s[i - 1] && s[i] == s[i - 2])
            return 0;
        consonant |= !strchr("aeiouy", s[i]);
    }
    return consonant;
}

/* A lowercase pseudo-word of 1-4 whole syllables, 2..12 letters. */
static size_t make_word(Rng *r, char *out)
{
    static const uint8_t syl_w[5] = {0, 22, 40, 26, 12};
    for (;;) {
        uint32_t x = rb(r, 100), syl = 0, n = 0;
        while (x >= syl_w[syl])
            x -= syl_w[syl++];
        for (uint32_t k = 0; k < syl; k++) {
            const char *on = rb(r, 100) < (k ? 85u : 80u) ? ONSETS[rb(r, NA(ONSETS))] : "";
            const char *vo = VOWELS[rb(r, NA(VOWELS))];
            const char *co = rb(r, 100) < (k + 1 == syl ? 50u : 25u) ? CODAS[rb(r, NA(CODAS))] : "";
            n += (uint32_t)sprintf(out + n, "%s%s%s", on, vo, co);
        }
        if (n >= 2 && n <= 12 && looks_ok(out, n))
            return n;
    }
}

/* A capitalised name of 2-3 whole syllables, 4..11 letters. */
static size_t make_name(Rng *r, char *out)
{
    for (;;) {
        size_t n = 0;
        uint32_t syl = 2 + rb(r, 2);
        for (uint32_t s = 0; s < syl; s++) {
            const char *on = rb(r, 100) < (s ? 90u : 75u) ? ONSETS[rb(r, NA(ONSETS))] : "";
            const char *vo = VOWELS[rb(r, NA(VOWELS))];
            const char *co =
                (s + 1 == syl ? rb(r, 100) < 55 : rb(r, 100) < 20) ? CODAS[rb(r, NA(CODAS))] : "";
            n += (size_t)sprintf(out + n, "%s%s%s", on, vo, co);
        }
        if (n >= 4 && n <= 11 && looks_ok(out, n)) {
            out[0] = (char)(out[0] - 'a' + 'A');
            return n;
        }
    }
}

typedef struct {
    uint32_t key, idx;
} KeyIdx;
static int cmp_keyidx(const void *a, const void *b)
{
    const KeyIdx *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void gen_init(Gen *g, uint64_t seed)
{
    Rng r;
    StrSet ss;
    char tmp[64];
    memset(g, 0, sizeof *g);
    g->seed = seed;
    rng_key(&r, seed, D_VOCAB, 0);
    ss.mask = (1u << 17) - 1;
    ss.n = 0;
    ss.slot = xcalloc((size_t)ss.mask + 1, sizeof *ss.slot);

    for (uint32_t i = 0; i < NFUNC; i++) {
        size_t n = strlen(FUNC_WORDS[i]);
        if (!strset_add(&ss, FUNC_WORDS[i], n)) {
            fprintf(stderr, "gen_stream: duplicate function word %s\n", FUNC_WORDS[i]);
            exit(2);
        }
        memcpy(g->words[i].s, FUNC_WORDS[i], n);
        g->words[i].len = (uint8_t)n;
    }

    /* vocabulary: the most frequent words tend to be of middling length (4-6 letters) */
    KeyIdx *ki = xmalloc(sizeof *ki * NVOCAB);
    Word *raw = xmalloc(sizeof *raw * NVOCAB);
    for (uint32_t i = 0; i < NVOCAB; i++) {
        size_t n;
        do
            n = make_word(&r, tmp);
        while (!strset_add(&ss, tmp, n));
        raw[i] = arena_add(&g->arena, tmp, n);
        ki[i].key = 60 * (uint32_t)(n > 5 ? n - 5 : 5 - n) + rb(&r, 1000);
        ki[i].idx = i;
    }
    qsort(ki, NVOCAB, sizeof *ki, cmp_keyidx);
    for (uint32_t i = 0; i < NVOCAB; i++) {
        Word w = raw[ki[i].idx];
        memcpy(g->words[NFUNC + i].s, g->arena.p + w.off, w.len);
        g->words[NFUNC + i].len = w.len;
    }
    free(ki);
    free(raw);

    size_t n;
    for (uint32_t i = 0; i < NFIRSTNAMES; i++) {
        do
            n = make_name(&r, tmp);
        while (!strset_add(&ss, tmp, n));
        g->first[i] = arena_add(&g->arena, tmp, n);
    }
    for (uint32_t i = 0; i < NSURNAMES; i++) {
        do
            n = make_name(&r, tmp);
        while (!strset_add(&ss, tmp, n));
        g->surname[i] = arena_add(&g->arena, tmp, n);
    }
    for (uint32_t i = 0; i < NPLACES; i++) {
        do
            n = make_name(&r, tmp);
        while (!strset_add(&ss, tmp, n));
        g->place[i] = arena_add(&g->arena, tmp, n);
    }

    /* entities: 50% persons, 30% places, 20% organisations */
    for (uint32_t i = 0; i < NENTITIES; i++) {
        Entity *e = &g->ent[i];
        uint32_t k = rb(&r, 10);
        e->off = (uint32_t)g->arena.n;
        if (k < 5) {
            Word f = g->first[rb(&r, NFIRSTNAMES)], s = g->surname[rb(&r, NSURNAMES)];
            e->kind = E_PERSON;
            memcpy(tmp, g->arena.p + f.off, f.len); /* copy first: bput may move the arena */
            tmp[f.len] = ' ';
            memcpy(tmp + f.len + 1, g->arena.p + s.off, s.len);
            bput(&g->arena, tmp, (size_t)f.len + 1 + s.len);
            e->short_off = (uint16_t)(f.len + 1);
            e->short_len = s.len;
        } else if (k < 8) {
            Word p = g->place[rb(&r, NPLACES)];
            e->kind = E_PLACE;
            memcpy(tmp, g->arena.p + p.off, p.len);
            bput(&g->arena, tmp, p.len);
            e->short_off = 0;
            e->short_len = p.len;
        } else {
            Word p = rb(&r, 2) ? g->place[rb(&r, NPLACES)] : g->surname[rb(&r, NSURNAMES)];
            const char *suf = ORG_SUFFIX[rb(&r, NA(ORG_SUFFIX))];
            e->kind = E_ORG;
            memcpy(tmp, g->arena.p + p.off, p.len);
            tmp[p.len] = ' ';
            strcpy(tmp + p.len + 1, suf);
            bputs(&g->arena, tmp);
            e->short_off = 0;
            e->short_len = (uint16_t)(g->arena.n - e->off);
        }
        e->len = (uint16_t)(g->arena.n - e->off);
        e->words = e->kind == E_PLACE ? 1 : 2;
    }

    /* sources: slug "kelvora-tribune", display name "Kelvora Tribune" */
    for (uint32_t i = 0; i < NSOURCES; i++) {
        char slug[64], name[64];
        for (;;) {
            size_t m = make_name(&r, tmp);
            const char *suf = SOURCE_SUFFIX[rb(&r, NA(SOURCE_SUFFIX))];
            snprintf(slug, sizeof slug, "%.*s-%s", (int)m, tmp, suf);
            slug[0] = (char)(slug[0] - 'A' + 'a');
            if (strset_add(&ss, slug, strlen(slug))) {
                snprintf(name, sizeof name, "%.*s %c%s", (int)m, tmp, suf[0] - 'a' + 'A', suf + 1);
                break;
            }
        }
        g->src_slug[i] = arena_add(&g->arena, slug, strlen(slug));
        g->src_name[i] = arena_add(&g->arena, name, strlen(name));
    }

    for (int i = 0; i < 32; i++)
        bputc(&g->arena, 0); /* padding for 32-byte copies */
    for (uint32_t i = 0; i <= ss.mask; i++)
        free(ss.slot[i]);
    free(ss.slot);

    /* Zipf s = 1 over the whole background vocabulary: content words continue the
     * ranks of the function words (rank NFUNC + 1 onwards) */
    dist_zipf(&g->d_vocab, NVOCAB, 1u << 29, NFUNC + 1);
    dist_zipf(&g->d_func, NFUNC, 1u << 24, 1);     /* Zipf s = 1 over the list */
    dist_zipf(&g->d_ent, NENTITIES, 1u << 27, 10); /* flattened head */
    dist_zipf(&g->d_topic, NTOPIC, 1u << 20, 4);   /* core topic words dominate */
    dist_zipf(&g->d_src, NSOURCES, 1u << 24, 2);   /* skewed source volumes */
    dist_zipf(&g->d_secw, SEC_WORDS, 1u << 24, 2);
    dist_zipf(&g->d_sece, SEC_ENTS, 1u << 24, 2);
    for (uint32_t k = 0; k < NSECTIONS; k++) {
        for (uint32_t i = 0; i < SEC_WORDS; i++)
            g->sec_words[k][i] = TOPIC_LO + rb(&r, TOPIC_HI - TOPIC_LO);
        for (uint32_t i = 0; i < SEC_ENTS; i++)
            g->sec_ents[k][i] = dist_sample(&g->d_ent, &r);
    }
    {
        uint32_t *w = xmalloc(sizeof *w * MAX_STORY); /* P(size = k) ~ 1/k^2 */
        for (uint32_t k = 1; k <= MAX_STORY; k++)
            w[k - 1] = (1u << 30) / (k * k);
        dist_init(&g->d_size, w, MAX_STORY);
        free(w);
    }
}

/* ------------------------------------------------------------------ */
/* text                                                                */

static void make_story(const Gen *g, uint32_t sidx, Story *st)
{
    Rng r;
    rng_key(&r, g->seed, D_STORY, sidx);
    uint32_t sec = rb(&r, NSECTIONS);
    for (uint32_t i = 0; i < NTOPIC; i++)
        st->topic[i] = i % SEC_TOPIC_EVERY == SEC_TOPIC_EVERY - 1
                           ? g->sec_words[sec][dist_sample(&g->d_secw, &r)]
                           : TOPIC_LO + rb(&r, TOPIC_HI - TOPIC_LO);
    st->nent = 3 + rb(&r, MAXENT - 2);
    for (uint32_t i = 0; i < st->nent; i++) {
        uint32_t e, dup, tries = 0;
        do {
            e = i && rb(&r, 100) < SEC_ENT_PCT ? g->sec_ents[sec][dist_sample(&g->d_sece, &r)]
                                               : dist_sample(&g->d_ent, &r);
            dup = 0;
            for (uint32_t j = 0; j < i; j++)
                dup |= st->ent[j] == e;
        } while (dup && ++tries < 16);
        st->ent[i] = e;
    }
}

static inline void put_word(const Gen *g, Buf *b, Word w)
{
    bput(b, g->arena.p + w.off, w.len);
}

static void put_entity(const Gen *g, Buf *b, uint32_t e, int short_form)
{
    const Entity *en = &g->ent[e];
    if (short_form)
        bput(b, g->arena.p + en->off + en->short_off, en->short_len);
    else
        bput(b, g->arena.p + en->off, en->len);
}

/* Text is produced in two passes per sentence: first the tokens are decided (PRNG
 * work only, into an array of codes), then rendered to bytes.  Keeping the byte
 * stores out of the decision loop lets the compiler keep the PRNG state in
 * registers (char stores may alias anything). */
enum { T_WORD = 0, T_ENT, T_ENT_SHORT, T_NUM }; /* T_WORD payload: index into g->words */
#define TOK(type, payload) ((uint32_t)(type) << 28 | (uint32_t)(payload))
#define TOK_COMMA          (1u << 27)
#define MAX_TOKS           32

typedef struct {
    uint32_t code[MAX_TOKS];
    uint32_t n;
} Toks;

static inline uint32_t number_token(Rng *r)
{
    uint64_t x = rnext(r);
    uint32_t form = (uint32_t)((x >> 32) % 20), a = (uint32_t)(x >> 8 & 0xFFFFF) % 1000,
             c = (uint32_t)(x & 0xFF) % 9;
    /* forms: small integer, year, thousands, decimal, percent */
    return TOK(T_NUM, (form < 8    ? 0
                       : form < 11 ? 1
                       : form < 14 ? 2
                       : form < 17 ? 3
                                   : 4)
                              << 20 |
                          a << 4 | c);
}

/* Each article uses the story's three core topic words and a random subset of
 * the others (each kept with probability TOPIC_KEEP_PCT). */
static uint32_t article_topics(Rng *r)
{
    uint32_t m = 7;
    for (uint32_t i = 3; i < NTOPIC; i++)
        m |= (uint32_t)(rb(r, 100) < TOPIC_KEEP_PCT) << i;
    return m;
}

/* One story token: a topic word or a mention of one of the story's entities,
 * using at most `room` words.  *words gets the number of words. */
static inline uint32_t story_token(const Gen *g, Ctx *c, Rng *r, uint32_t ent_pct, int full_names,
                                   uint32_t room, uint32_t *words)
{
    const Story *st = c->st;
    uint64_t x = rnext(r);
    c->prev_func = 0;
    *words = 1;
    if ((uint32_t)(((x >> 32) * 100) >> 32) < ent_pct) {
        uint32_t y = (uint32_t)(((x & 0xFFFFFFFFull) * (st->nent + 3)) >> 32);
        uint32_t i = y < 4 ? 0 : y - 3; /* the first entity is the main one */
        uint32_t e = st->ent[i];
        const Entity *en = &g->ent[e];
        int sf = en->kind == E_PERSON && !full_names && (c->mentioned >> i & 1) && (x & 1);
        uint32_t k = sf ? 1 : en->words;
        if (k <= room &&
            !(full_names && (c->mentioned >> i & 1))) { /* titles name an entity once */
            c->mentioned |= 1u << i;
            *words = k;
            return TOK(sf ? T_ENT_SHORT : T_ENT, e);
        }
    }
    uint32_t i = dist_sample(&g->d_topic, r);
    for (int tries = 0; !(c->topics >> i & 1) && tries < 8; tries++)
        i = dist_sample(&g->d_topic, r);
    return TOK(T_WORD, NFUNC + st->topic[i]);
}

/* One background token: a function word or a Zipf content word, alternating like
 * prose: P(function word) = 70% after a content word, 30% after a function word.
 * Ends of sentences take a content word.  `v16` is a uniform 16-bit value. */
static inline uint32_t background_token(const Gen *g, Ctx *c, Rng *r, int force_content,
                                        uint32_t v16)
{
    uint32_t thr = c->prev_func ? 19661u : 45875u;
    if (!force_content && v16 < thr) {
        uint32_t i = dist_sample(&g->d_func, r);
        if (c->prev_func && i == c->last_func)
            i = dist_sample(&g->d_func, r); /* avoid "to to" */
        c->prev_func = 1;
        c->last_func = i;
        return TOK(T_WORD, i);
    }
    c->prev_func = 0;
    return TOK(T_WORD, NFUNC + dist_sample(&g->d_vocab, r));
}

static void decide_sentence(const Gen *g, Ctx *c, Rng *r, Toks *t)
{
    uint32_t n = 8 + rb(r, 12) + rb(r, 12); /* 8..30 words, mean 19 */
    /* token classes by a 32-bit draw: story (rate per mille), other entity (1.5%),
     * number (1.2%), background */
    uint32_t t_story = (uint32_t)(((uint64_t)c->rate << 32) / 1000);
    uint32_t t_ent = (uint32_t)(((uint64_t)(c->rate + 15) << 32) / 1000);
    uint32_t t_num = (uint32_t)(((uint64_t)(c->rate + 27) << 32) / 1000);
    /* work on local copies: stores to `codes` cannot alias them */
    Rng rr = *r;
    Ctx cc = *c;
    uint32_t codes[MAX_TOKS], nt = 0;
    cc.prev_func = 0;
    for (uint32_t w = 0; w < n;) {
        uint64_t x = rnext(&rr);
        uint32_t u = (uint32_t)(x >> 32), v = (uint32_t)x, k = 1, code;
        if (u >= t_num)
            code = background_token(g, &cc, &rr, w + 1 == n, v >> 16);
        else if (u < t_story)
            code = story_token(g, &cc, &rr, 20, 0, n - w, &k);
        else if (u < t_ent) {
            uint32_t e = dist_sample(&g->d_ent, &rr);
            if (g->ent[e].words <= n - w) {
                code = TOK(T_ENT, e);
                k = g->ent[e].words;
            } else
                code = TOK(T_WORD, NFUNC + dist_sample(&g->d_vocab, &rr));
            cc.prev_func = 0;
        } else {
            code = number_token(&rr);
            cc.prev_func = 0;
        }
        w += k;
        if ((v & 0xFFFF) < 3932 && w > 2 && w + 2 < n)
            code |= TOK_COMMA; /* 6% */
        codes[nt++] = code;
    }
    memcpy(t->code, codes, sizeof codes[0] * nt);
    t->n = nt;
    *r = rr;
    *c = cc;
}

static void decide_title(const Gen *g, Ctx *c, Rng *r, Toks *t)
{
    uint32_t n = 6 + rb(r, 7); /* 6..12 words */
    t->n = 0;
    c->prev_func = 0;
    for (uint32_t w = 0; w < n;) {
        uint32_t k = 1, code;
        if (rb(r, 100) < 65)
            code = story_token(g, c, r, 35, 1, n - w, &k);
        else
            code = background_token(g, c, r, w + 1 == n, r32(r) >> 16);
        w += k;
        t->code[t->n++] = code;
    }
}

static char *render_number(char *p, uint32_t payload)
{
    uint32_t form = payload >> 20, a = payload >> 4 & 0x3FF, c = payload & 0xF;
    char tmp[8];
    int n = 0;
    switch (form) {
    case 0: a = 1 + a % 99; break;    /* 1..99 */
    case 1: a = 1990 + a % 37; break; /* 1990..2026 */
    case 2: {                         /* 1,000..999,999 */
        uint32_t hi = 1 + a % 999, lo = (a * 7 + c * 111) % 1000;
        do
            tmp[n++] = (char)('0' + hi % 10);
        while (hi /= 10);
        while (n)
            *p++ = tmp[--n];
        *p++ = ',';
        *p++ = (char)('0' + lo / 100);
        *p++ = (char)('0' + lo / 10 % 10);
        *p++ = (char)('0' + lo % 10);
        return p;
    }
    case 3: { /* 0.1..99.9 */
        uint32_t hi = a % 100;
        do
            tmp[n++] = (char)('0' + hi % 10);
        while (hi /= 10);
        while (n)
            *p++ = tmp[--n];
        *p++ = '.';
        *p++ = (char)('1' + c);
        return p;
    }
    default: a = 1 + a % 99; break; /* 1%..99% */
    }
    do
        tmp[n++] = (char)('0' + a % 10);
    while (a /= 10);
    while (n)
        *p++ = tmp[--n];
    if (form == 4)
        *p++ = '%';
    return p;
}

/* Render tokens separated by spaces; capitalise the first letter; optional full stop. */
static void render(const Gen *g, const Toks *t, Buf *b, int full_stop)
{
    if (b->n + 64 * MAX_TOKS > b->cap)
        buf_grow(b, b->n + 64 * MAX_TOKS);
    char *p = b->p + b->n, *start = p;
    const char *arena = g->arena.p;
    for (uint32_t i = 0; i < t->n; i++) {
        uint32_t code = t->code[i], pl = code & 0x7FFFFFF;
        const Slot *sl;
        const Entity *en;
        if (i)
            *p++ = ' ';
        switch (code >> 28) {
        case T_WORD:
            sl = &g->words[pl];
            memcpy(p, sl->s, sizeof sl->s);
            p += sl->len;
            break;
        case T_ENT:
            en = &g->ent[pl];
            memcpy(p, arena + en->off, 32);
            p += en->len;
            break;
        case T_ENT_SHORT:
            en = &g->ent[pl];
            memcpy(p, arena + en->off + en->short_off, 32);
            p += en->short_len;
            break;
        default: p = render_number(p, pl); break;
        }
        if (code & TOK_COMMA)
            *p++ = ',';
    }
    if (*start >= 'a' && *start <= 'z')
        *start = (char)(*start - 'a' + 'A');
    if (full_stop)
        *p++ = '.';
    b->n = (size_t)(p - b->p);
}

static void gen_sentence(const Gen *g, Ctx *c, Rng *r, Buf *b)
{
    Toks t;
    decide_sentence(g, c, r, &t);
    render(g, &t, b, 1);
}

static void gen_title(const Gen *g, Ctx *c, Rng *r, Buf *b)
{
    Toks t;
    decide_title(g, c, r, &t);
    render(g, &t, b, 0);
}

/* A body as a list of sentences; par[i] = 1 if a paragraph ends after sentence i. */
typedef struct {
    Buf text;
    size_t *off, *len;
    uint8_t *par;
    uint32_t n, cap;
} Sents;

static void sents_push(Sents *s, size_t off, size_t len, uint8_t par)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->off = realloc(s->off, sizeof *s->off * s->cap);
        s->len = realloc(s->len, sizeof *s->len * s->cap);
        s->par = realloc(s->par, sizeof *s->par * s->cap);
        if (!s->off || !s->len || !s->par) {
            fprintf(stderr, "gen_stream: out of memory\n");
            exit(2);
        }
    }
    s->off[s->n] = off;
    s->len[s->n] = len;
    s->par[s->n] = par;
    s->n++;
}

static void gen_body(const Gen *g, Ctx *c, Rng *r, Sents *s, uint32_t target)
{
    size_t total = 0;
    uint32_t left = 1 + rb(r, 4); /* sentences in this paragraph: 1..4 */
    s->n = 0;
    s->text.n = 0;
    while (total < target) {
        size_t off = s->text.n;
        gen_sentence(g, c, r, &s->text);
        size_t len = s->text.n - off;
        total += len + 1;
        uint8_t par = --left == 0;
        if (par)
            left = 1 + rb(r, 4);
        sents_push(s, off, len, par);
    }
    if (s->n)
        s->par[s->n - 1] = 1;
}

/* Title and body of an original article: a pure function of (seed, article index). */
static void gen_original(const Gen *g, const Story *st, uint32_t art, Buf *title, Sents *body)
{
    Rng r;
    Ctx c;
    rng_key(&r, g->seed, D_ART, art);
    c.st = st;
    c.mentioned = 0;
    c.prev_func = 0;
    c.last_func = UINT32_MAX;
    c.rate = 150 + rb(&r, 101); /* 15..25% story tokens */
    c.topics = article_topics(&r);
    title->n = 0;
    gen_title(g, &c, &r, title);
    gen_body(g, &c, &r, body, 1940 + rb(&r, 2001));
}

/* ------------------------------------------------------------------ */
/* JSON output                                                         */

/* Text is plain ASCII letters, digits, spaces and . , % ' -- only the paragraph
 * separator needs escaping. */
static void put_sentences(Buf *out, const uint32_t *which_src, const uint32_t *which_idx,
                          const Sents *const *srcs, uint32_t n, const uint8_t *par)
{
    for (uint32_t i = 0; i < n; i++) {
        const Sents *x = srcs[which_src[i]];
        uint32_t k = which_idx[i];
        bput(out, x->text.p + x->off[k], x->len[k]);
        if (i + 1 < n) {
            if (par[i])
                bput(out, "\\n", 2);
            else
                bputc(out, ' ');
        }
    }
}

static void days_to_civil(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void put_time(Buf *b, int64_t epoch_day0, uint32_t t)
{
    int y;
    unsigned m, d;
    days_to_civil(epoch_day0 + t / 86400, &y, &m, &d);
    uint32_t s = t % 86400;
    bput_uint(b, (uint64_t)y, 4);
    bputc(b, '-');
    bput_uint(b, m, 2);
    bputc(b, '-');
    bput_uint(b, d, 2);
    bputc(b, 'T');
    bput_uint(b, s / 3600, 2);
    bputc(b, ':');
    bput_uint(b, s / 60 % 60, 2);
    bputc(b, ':');
    bput_uint(b, s % 60, 2);
    bputc(b, 'Z');
}

/* ------------------------------------------------------------------ */
/* plan                                                                */

typedef struct {
    uint32_t time, story, pos, src; /* src: plan index of the original (dups only) */
    uint16_t source;
    uint8_t kind;
} Art;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static const Art *g_arts;
static int cmp_order(const void *a, const void *b)
{
    const Art *x = &g_arts[*(const uint32_t *)a], *y = &g_arts[*(const uint32_t *)b];
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    if (x->story != y->story)
        return x->story < y->story ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static uint16_t other_source(const Gen *g, Rng *r, uint16_t not_this)
{
    for (int t = 0; t < 32; t++) {
        uint32_t s = dist_sample(&g->d_src, r);
        if (s != not_this)
            return (uint16_t)s;
    }
    return (uint16_t)((not_this + 1) % NSOURCES);
}

static void usage(void)
{
    fprintf(stderr, "usage: gen_stream N [--seed S] [--keep LO-HI] [--stats] > stream.jsonl\n");
    exit(2);
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end)
        return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    uint64_t n64 = 0, seed = 1;
    int have_n = 0, stats = 0;
    unsigned keep_lo = 40, keep_hi = 70; /* % of sentences a rewrite keeps */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed")) {
            if (++i >= argc || !parse_u64(argv[i], &seed))
                usage();
        } else if (!strncmp(argv[i], "--seed=", 7)) {
            if (!parse_u64(argv[i] + 7, &seed))
                usage();
        } else if (!strcmp(argv[i], "--stats")) {
            stats = 1;
        } else if (!strcmp(argv[i], "--keep")) {
            if (++i >= argc || sscanf(argv[i], "%u-%u", &keep_lo, &keep_hi) != 2 ||
                keep_lo > keep_hi || keep_hi > 100)
                usage();
        } else if (!have_n && parse_u64(argv[i], &n64)) {
            have_n = 1;
        } else
            usage();
    }
    if (!have_n || n64 == 0 || n64 > 1000000000ull)
        usage();
    uint32_t N = (uint32_t)n64;

    static Gen gen;
    Gen *g = &gen;
    gen_init(g, seed);

    /* ---- plan stories and articles ---- */
    Rng pr;
    rng_key(&pr, seed, D_PLAN, 0);
    Art *arts = xmalloc(sizeof *arts * N);
    uint32_t max_size = N / 20;
    if (max_size > MAX_STORY)
        max_size = MAX_STORY;
    if (max_size < 10)
        max_size = 10;
    uint32_t nstories = 0, biggest = 0, assigned = 0, big100 = 0;
    uint32_t *offs = xmalloc(sizeof *offs * MAX_STORY);
    while (assigned < N) {
        uint32_t size;
        do
            size = 1 + dist_sample(&g->d_size, &pr);
        while (size > max_size);
        if (size > N - assigned)
            size = N - assigned;
        uint32_t life = 86400 + rb(&pr, 3 * 86400 + 1); /* 1..4 days */
        uint32_t start = rb(&pr, SPAN_SECS - life);     /* anywhere in the window */
        offs[0] = 0;
        for (uint32_t k = 1; k < size; k++) { /* front-loaded coverage */
            uint64_t u = r32(&pr);
            offs[k] = (uint32_t)(((uint64_t)life * ((u * u) >> 32)) >> 32);
        }
        qsort(offs + 1, size - 1, sizeof *offs, cmp_u32);
        for (uint32_t k = 0; k < size; k++) {
            Art *a = &arts[assigned + k];
            a->time = start + offs[k];
            a->story = nstories;
            a->pos = k;
            a->src = UINT32_MAX;
            a->source = (uint16_t)dist_sample(&g->d_src, &pr);
            a->kind = K_ORIG;
        }
        if (size > biggest)
            biggest = size;
        big100 += size >= 100;
        assigned += size;
        nstories++;
    }
    free(offs);

    /* ---- copies and rewrites: 5% each of N, among non-first articles ---- */
    uint32_t ncand = 0;
    for (uint32_t i = 0; i < N; i++)
        ncand += arts[i].pos > 0;
    uint32_t *cand = xmalloc(sizeof *cand * (ncand ? ncand : 1));
    ncand = 0;
    for (uint32_t i = 0; i < N; i++)
        if (arts[i].pos > 0)
            cand[ncand++] = i;
    uint32_t ncopy = (uint32_t)(((uint64_t)N + 10) / 20), nrew = ncopy;
    if (ncopy + nrew > ncand) {
        ncopy = ncand / 2;
        nrew = ncand - ncopy;
    }
    for (uint32_t k = 0; k < ncopy + nrew; k++) { /* partial Fisher-Yates */
        uint32_t j = k + rb(&pr, ncand - k), t = cand[k];
        cand[k] = cand[j];
        cand[j] = t;
        arts[cand[k]].kind = k < ncopy ? K_COPY : K_REWRITE;
    }
    free(cand);
    for (uint32_t i = 0; i < N; i++) {
        Art *a = &arts[i];
        if (a->kind == K_ORIG)
            continue;
        uint32_t base = i - a->pos, p = rb(&pr, a->pos);
        while (arts[base + p].kind != K_ORIG)
            p--; /* position 0 is always original */
        const Art *o = &arts[base + p];
        a->src = base + p;
        a->source = other_source(g, &pr, o->source);
        if (a->kind == K_COPY) { /* syndicated 1 min .. 6 h later */
            uint32_t t = o->time + 60 + rb(&pr, 6 * 3600);
            a->time = t < SPAN_SECS ? t : SPAN_SECS - 1;
        }
    }

    /* ---- time order, output ids, story labels by first appearance ---- */
    uint32_t *order = xmalloc(sizeof *order * N), *rank = xmalloc(sizeof *rank * N);
    uint32_t *label = xcalloc(nstories, sizeof *label), nlabel = 0;
    for (uint32_t i = 0; i < N; i++)
        order[i] = i;
    g_arts = arts;
    qsort(order, N, sizeof *order, cmp_order);
    for (uint32_t k = 0; k < N; k++) {
        rank[order[k]] = k;
        uint32_t s = arts[order[k]].story;
        if (!label[s])
            label[s] = ++nlabel;
    }

    /* ---- write ---- */
    static char iobuf[1 << 20];
    setvbuf(stdout, iobuf, _IOFBF, sizeof iobuf);
    int64_t day0 = days_from_civil(START_Y, START_M, START_D);
    Buf line = {0}, title = {0}, title2 = {0};
    Sents body = {0}, fresh = {0};
    uint32_t *wsrc = NULL, *widx = NULL, wcap = 0;
    uint8_t *wpar = NULL;
    uint64_t text_bytes = 0, ncopies = 0, nrewrites = 0, nfooter = 0;
    Story st;
    for (uint32_t k = 0; k < N; k++) {
        uint32_t i = order[k];
        const Art *a = &arts[i];
        uint32_t orig = a->kind == K_ORIG ? i : a->src;
        make_story(g, a->story, &st);
        gen_original(g, &st, orig, &title, &body);
        if (body.n > wcap) {
            wcap = body.n * 2;
            wsrc = realloc(wsrc, sizeof *wsrc * wcap);
            widx = realloc(widx, sizeof *widx * wcap);
            wpar = realloc(wpar, sizeof *wpar * wcap);
            if (!wsrc || !widx || !wpar) {
                fprintf(stderr, "gen_stream: out of memory\n");
                exit(2);
            }
        }
        const Sents *srcs[2] = {&body, &fresh};
        uint32_t nout = body.n;
        const Buf *ttl = &title;
        Rng xr;
        unsigned kept_pct = 0;
        rng_key(&xr, seed, D_EXTRA, i);
        for (uint32_t j = 0; j < nout; j++) {
            wsrc[j] = 0;
            widx[j] = j;
            wpar[j] = body.par[j];
        }

        if (a->kind == K_REWRITE) {
            /* keep 40-70% of the sentences, replace the rest with new ones of the same
             * story, swap a few of the kept ones, re-break paragraphs, new title */
            Ctx c;
            c.st = &st;
            c.mentioned = 0;
            c.prev_func = 0;
            c.last_func = UINT32_MAX;
            c.rate = 150 + rb(&xr, 101);
            c.topics = article_topics(&xr);
            kept_pct = keep_lo + rb(&xr, keep_hi - keep_lo + 1);
            uint32_t keep = (uint32_t)(((uint64_t)body.n * kept_pct + 50) / 100);
            if (keep < 1)
                keep = 1;
            /* choose kept positions: partial Fisher-Yates over 0..n-1, mark in wpar temp */
            uint32_t *perm = xmalloc(sizeof *perm * body.n);
            uint8_t *kept = xcalloc(body.n, 1);
            for (uint32_t j = 0; j < body.n; j++)
                perm[j] = j;
            for (uint32_t j = 0; j < keep; j++) {
                uint32_t q = j + rb(&xr, body.n - j), t = perm[j];
                perm[j] = perm[q];
                perm[q] = t;
                kept[perm[j]] = 1;
            }
            fresh.n = 0;
            fresh.text.n = 0;
            for (uint32_t j = 0; j < body.n; j++) {
                if (kept[j]) {
                    wsrc[j] = 0;
                    widx[j] = j;
                    continue;
                }
                size_t off = fresh.text.n;
                gen_sentence(g, &c, &xr, &fresh.text);
                sents_push(&fresh, off, fresh.text.n - off, 0);
                wsrc[j] = 1;
                widx[j] = fresh.n - 1;
            }
            uint32_t nswap = rb(&xr, keep / 3 + 1);
            for (uint32_t s = 0; s < nswap && keep > 1; s++) {
                uint32_t x = perm[rb(&xr, keep)], y = perm[rb(&xr, keep)];
                uint32_t t1 = wsrc[x], t2 = widx[x];
                wsrc[x] = wsrc[y];
                widx[x] = widx[y];
                wsrc[y] = t1;
                widx[y] = t2;
            }
            uint32_t left = 1 + rb(&xr, 4);
            for (uint32_t j = 0; j < nout; j++) {
                wpar[j] = --left == 0;
                if (wpar[j])
                    left = 1 + rb(&xr, 4);
            }
            free(perm);
            free(kept);
            title2.n = 0;
            if (rb(&xr, 100) < 70) {
                gen_title(g, &c, &xr, &title2);
                ttl = &title2;
            }
            nrewrites++;
        } else if (a->kind == K_COPY) {
            ncopies++;
        }

        line.n = 0;
        bput(&line, "{\"id\":\"syn-", 11);
        bput_uint(&line, (uint64_t)k + 1, 7);
        bput(&line, "\",\"source\":\"", 12);
        put_word(g, &line, g->src_slug[a->source]);
        bput(&line, "\",\"lang\":\"en\",\"published\":\"", 27);
        put_time(&line, day0, a->time);
        bput(&line, "\",\"title\":\"", 11);
        bput(&line, ttl->p, ttl->n);
        bput(&line, "\",\"text\":\"", 10);
        size_t text_start = line.n;
        put_sentences(&line, wsrc, widx, srcs, nout, wpar);
        if (a->kind == K_COPY && rb(&xr, 100) < 50) { /* footer line */
            const Art *o = &arts[a->src];
            bput(&line, "\\n", 2);
            switch (rb(&xr, 4)) {
            case 0:
                bputs(&line, "Originally published by ");
                put_word(g, &line, g->src_name[o->source]);
                bputc(&line, '.');
                break;
            case 1:
                bputs(&line, "Reporting by ");
                put_entity(g, &line, dist_sample(&g->d_ent, &xr), 0);
                bputs(&line, "; editing by ");
                put_entity(g, &line, dist_sample(&g->d_ent, &xr), 0);
                bputc(&line, '.');
                break;
            case 2:
                bputs(&line, "This story has been republished with permission from ");
                put_word(g, &line, g->src_name[o->source]);
                bputc(&line, '.');
                break;
            default:
                bputs(&line, "Copyright 2026 ");
                put_word(g, &line, g->src_name[o->source]);
                bputs(&line, ". All rights reserved.");
                break;
            }
            nfooter++;
        }
        text_bytes += line.n - text_start;
        bput(&line, "\",\"story\":\"story-", 17);
        bput_uint(&line, label[a->story], 6);
        bputc(&line, '"');
        if (a->kind != K_ORIG) {
            bput(&line, ",\"gold_duplicate_of\":\"syn-", 26);
            bput_uint(&line, (uint64_t)rank[a->src] + 1, 7);
            bputs(&line,
                  a->kind == K_COPY ? "\",\"gold_kind\":\"copy\"" : "\",\"gold_kind\":\"rewrite\"");
            if (a->kind == K_REWRITE) {
                bputs(&line, ",\"gold_kept\":");
                bput_uint(&line, kept_pct, 1);
            }
        }
        bput(&line, "}\n", 2);
        if (fwrite(line.p, 1, line.n, stdout) != line.n) {
            fprintf(stderr, "gen_stream: write error\n");
            return 1;
        }
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gen_stream: write error\n");
        return 1;
    }

    if (stats)
        fprintf(
            stderr,
            "articles=%u stories=%u stories_100plus=%u biggest_story=%u copies=%llu (footer %llu) "
            "rewrites=%llu mean_text_bytes=%.0f\n",
            N, nstories, big100, biggest, (unsigned long long)ncopies, (unsigned long long)nfooter,
            (unsigned long long)nrewrites, (double)text_bytes / N);

    free(arts);
    free(order);
    free(rank);
    free(label);
    free(line.p);
    free(title.p);
    free(title2.p);
    free(body.text.p);
    free(body.off);
    free(body.len);
    free(body.par);
    free(fresh.text.p);
    free(fresh.off);
    free(fresh.len);
    free(fresh.par);
    free(wsrc);
    free(widx);
    free(wpar);
    return 0;
}
