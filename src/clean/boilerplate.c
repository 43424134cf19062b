/*
 * src/clean/boilerplate.c -- fixed rules plus a per-source line learner;
 * see boilerplate.h.
 *
 * The fixed rules cover what every scraper leaves; they are lists, not
 * code, so adding a language means adding rows. The learner covers what
 * each publisher adds ("Suivez-nous sur ...", newsletter plugs, bylines),
 * which no list can know in advance: such a line recurs verbatim across a
 * source's articles while real sentences do not.
 */
#include "clean/boilerplate.h"
#include "core/alloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/hash.h"
#include "core/map.h"
#include "core/utf8.h"
#include "fil.h"

struct clean_learner {
    core_map seen; /* hash(source, line) -> articles of that source holding it */
    uint32_t min_count;
};

/* Line prefixes that announce; compared case-insensitively, ASCII case only. */
static const char *const announcing_prefixes[] = {
    "FLASH INFO :", "FLASH INFO:",  "FLASH :",  "BREAKING NEWS:", "BREAKING:",
    "URGENT :",     "URGENT:",      "ALERTE :", "EN DIRECT :",    "EILMELDUNG:",
    "ÚLTIMA HORA:", "ULTIMA HORA:", "LIVE:",    "UPDATE:",
};

/* Lines that are only an action word, after trimming; case-insensitive. */
static const char *const lone_words[] = {
    "discuter",      "commenter",    "partager",   "imprimer",      "réagir",     "share",
    "tweet",         "print",        "comment",    "comments",      "email",      "teilen",
    "drucken",       "kommentieren", "compartir",  "comentar",      "imprimir",   "condividi",
    "stampa",        "read more",    "lire aussi", "lire la suite", "mehr lesen", "leer más",
    "advertisement", "publicité",    "anzeige",    "publicidad",
};

/* Substrings that mark a short line as share, cookie, subscription or
 * copyright debris; lower-case, matched against the lower-cased line. */
static const char *const debris_markers[] = {
    "cookie",
    "newsletter",
    "abonnez-vous",
    "subscribe",
    "sign up",
    "inscrivez-vous",
    "all rights reserved",
    "tous droits réservés",
    "alle rechte vorbehalten",
    "todos los derechos",
    "tutti i diritti",
    "©",
    "follow us",
    "suivez-nous",
    "folgen sie uns",
    "síguenos",
    "share this",
    "partager sur",
    "click here",
    "cliquez ici",
    "hier klicken",
    "javascript",
    "abonnieren",
};

/* Lines that open a comment section or a page footer: the article ends
 * before them, so they and everything after are dropped. Lower-case,
 * matched as a prefix of the lower-cased line. */
static const char *const tail_markers[] = {
    "que pensez-vous de cet article",
    "poster un commentaire",
    "soyez le premier à commenter",
    "laisser un commentaire",
    "ajouter un commentaire",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "be the first to comment",
    "what do you think of this article",
    "kommentar schreiben",
    "kommentare lesen",
    "schreiben sie einen kommentar",
    "deja un comentario",
    "deja tu comentario",
    "lascia un commento",
    "wpdiscuz",
};

#define DEBRIS_MAX_BYTES   160
#define CLEAN_MEMO_LINES   256 /* longer lines are prose even with a marker */
#define FOOTNOTE_MAX_BYTES 240

clean_learner *clean_learner_new(uint32_t min_count)
{
    clean_learner *l = core_calloc(1, sizeof *l);
    if (l) {
        core_map_init(&l->seen, 0);
        l->min_count = min_count;
    }
    return l;
}

void clean_learner_free(clean_learner *l)
{
    if (l) {
        core_map_free(&l->seen);
        free(l);
    }
}

#define COUNT_OF(list) (sizeof(list) / sizeof((list)[0]))

/* Length of the entry of list that the n bytes at s start with (whole:
 * that they equal), ignoring ASCII case; 0 when none does. The first
 * letter is compared before the call, since most lines match nothing. */
static size_t match_listed(const char *s, size_t n, const char *const *list, size_t count,
                           int whole)
{
    int first = n ? tolower((unsigned char)s[0]) : 0;
    for (size_t i = 0; i < count; i++) {
        if (tolower((unsigned char)list[i][0]) != first) {
            continue;
        }
        size_t m = strlen(list[i]);
        if ((whole ? n == m : n >= m) && strncasecmp(s, list[i], m) == 0) {
            return m;
        }
    }
    return 0;
}

static size_t skip_prefix(const char *s, size_t n)
{
    size_t k = match_listed(s, n, announcing_prefixes, COUNT_OF(announcing_prefixes), 0);
    if (k) {
        while (k < n && s[k] == ' ') {
            k++;
        }
    }
    return k;
}

/* Offset just past a "date YYYY-MM" stamp that opens the line, or that
 * follows a footnote ("*...") within its first FOOTNOTE_MAX_BYTES; else 0.
 * Scrapers glue the previous page's footnote and this stamp in front of an
 * article's first sentence. */
static size_t skip_date_stamp(const char *s, size_t n)
{
    size_t limit = n < FOOTNOTE_MAX_BYTES ? n : FOOTNOTE_MAX_BYTES;
    for (size_t i = 0; i + 12 <= limit; i++) {
        if (i > 0 && s[0] != '*') {
            break; /* past the line's start, only a footnote lets a stamp begin */
        }
        const char *p = s + i;
        if ((i == 0 || (s[0] == '*' && p[-1] == ' ')) && strncasecmp(p, "date ", 5) == 0 &&
            isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6]) &&
            isdigit((unsigned char)p[7]) && isdigit((unsigned char)p[8]) && p[9] == '-' &&
            isdigit((unsigned char)p[10]) && isdigit((unsigned char)p[11])) {
            size_t k = i + 12;
            while (k < n && (isdigit((unsigned char)s[k]) || s[k] == '-' || s[k] == ' ')) {
                k++;
            }
            return k;
        }
    }
    return 0;
}

static int contains_marker(const char *s, size_t n)
{
    char lower[DEBRIS_MAX_BYTES + 1];
    for (size_t i = 0; i < n; i++) {
        lower[i] = (char)tolower((unsigned char)s[i]);
    }
    lower[n] = '\0';
    for (size_t i = 0; i < COUNT_OF(debris_markers); i++) {
        if (strstr(lower, debris_markers[i])) {
            return 1;
        }
    }
    return 0;
}

static int starts_with_tail_marker(const char *s, size_t n)
{
    return match_listed(s, n, tail_markers, COUNT_OF(tail_markers), 0) > 0;
}

/* A short line in capitals with no digit ("NEWSLETTER", "RÉSEAUX SOCIAUX")
 * is a section heading or menu entry, not news. Non-ASCII bytes count as
 * neither case, so accented capitals do not break the rule. */
static int is_caps_heading(const char *s, size_t n)
{
    size_t upper = 0, words = 1;
    if (n > 40) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (islower(c) || isdigit(c)) {
            return 0;
        }
        upper += isupper(c) != 0;
        words += c == ' ';
    }
    return upper >= 3 && words <= 3;
}

static int is_lone_word(const char *s, size_t n)
{
    return match_listed(s, n, lone_words, COUNT_OF(lone_words), 1) > 0;
}

/* The lines of one article already counted, so that a line repeated
 * inside one article counts once. */
typedef struct line_memo {
    uint64_t *hashes; /* arena */
    size_t count, cap;
} line_memo;

static int memo_has(const line_memo *m, uint64_t h)
{
    for (size_t i = 0; i < m->count; i++) {
        if (m->hashes[i] == h) {
            return 1;
        }
    }
    return 0;
}

/* Counts the line for this source, once per article; 1 when it has become
 * boilerplate. */
static int learned_boilerplate(clean_learner *l, uint64_t source_hash, line_memo *memo,
                               const char *s, size_t n)
{
    if (!l || !l->min_count || !source_hash || n > CLEAN_MAX_LEARNED_BYTES) {
        return 0;
    }
    if (l->seen.count >= CLEAN_MAX_LEARNED_LINES) {
        core_map_free(&l->seen); /* forget all: bounded memory beats perfect recall */
    }
    uint64_t h = core_hash(s, n, source_hash);
    int inserted, rc;
    uint64_t *count = core_map_upsert(&l->seen, h, &inserted, &rc);
    if (!count) {
        return 0;
    }
    if (!memo_has(memo, h) && memo->count < memo->cap) {
        memo->hashes[memo->count++] = h;
        (*count)++;
    }
    return *count >= l->min_count;
}

/* Decides one trimmed line: returns the offset where kept text starts, or
 * n + 1 to drop the line. */
static size_t judge_line(clean_learner *l, uint64_t source_hash, line_memo *memo, const char *s,
                         size_t n)
{
    if (n == 0 || is_lone_word(s, n) || is_caps_heading(s, n)) {
        return n + 1;
    }
    if (n <= DEBRIS_MAX_BYTES && contains_marker(s, n)) {
        return n + 1;
    }
    size_t stamp = skip_date_stamp(s, n);
    if (stamp) {
        return stamp;
    }
    if (s[0] == '*' && n <= FOOTNOTE_MAX_BYTES) {
        return n + 1;
    }
    if (learned_boilerplate(l, source_hash, memo, s, n)) {
        return n + 1;
    }
    return skip_prefix(s, n);
}

/* Cleans text line by line into out (room for len + 1 bytes); stops at a
 * tail marker. Returns the length written. */
static size_t clean_lines(clean_learner *l, uint64_t source_hash, line_memo *memo, const char *text,
                          size_t len, char *out)
{
    size_t o = 0, pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t a = pos, b = end;
        while (a < b && isspace((unsigned char)text[a])) {
            a++;
        }
        while (b > a && isspace((unsigned char)text[b - 1])) {
            b--;
        }
        if (starts_with_tail_marker(text + a, b - a)) {
            break;
        }
        size_t keep = judge_line(l, source_hash, memo, text + a, b - a);
        if (keep <= b - a) {
            memcpy(out + o, text + a + keep, b - a - keep);
            o += b - a - keep;
            out[o++] = '\n';
        }
        pos = end + 1;
    }
    o -= o > 0; /* no trailing newline */
    out[o] = '\0';
    return o;
}

/* Where to cut an over-long title: after its first sentence if that ends
 * between 20 and CLEAN_MAX_TITLE_BYTES bytes, else at the last space. */
static size_t title_cut(const char *t, size_t n)
{
    for (size_t i = 20; i + 1 < n && i < CLEAN_MAX_TITLE_BYTES; i++) {
        if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && t[i + 1] == ' ') {
            return i + 1;
        }
    }
    size_t cut = CLEAN_MAX_TITLE_BYTES;
    while (cut > 0 && t[cut] != ' ') {
        cut--;
    }
    return cut ? cut : core_utf8_boundary(t, CLEAN_MAX_TITLE_BYTES);
}

int clean_article(clean_learner *l, const char *source, const char *title, const char *text,
                  size_t text_len, core_arena *arena, clean_output *out)
{
    size_t title_len = strlen(title);
    char *t = core_arena_alloc(arena, title_len + text_len + 2); /* room for a promoted line */
    char *x = core_arena_alloc(arena, title_len + text_len + 2);
    if (!t || !x) {
        return FIL_ENOMEM;
    }
    uint64_t source_hash = source && *source ? core_hash(source, strlen(source), 0x50) | 1 : 0;
    /* the first CLEAN_MEMO_LINES learnable lines count once per article;
     * past them (rare, and quadratic to check) each occurrence counts */
    line_memo memo = {core_arena_alloc(arena, CLEAN_MEMO_LINES * sizeof(uint64_t)), 0,
                      CLEAN_MEMO_LINES};
    if (!memo.hashes) {
        return FIL_ENOMEM;
    }
    size_t tn = clean_lines(NULL, 0, &memo, title, title_len, t);
    size_t xn = clean_lines(l, source_hash, &memo, text, text_len, x + title_len + 1);
    char *body = x + title_len + 1;
    if (tn == 0 && xn > 0) {
        /* the title cleaned away ("FLASH INFO :"): the first line stands in */
        const char *nl = memchr(body, '\n', xn);
        tn = nl ? (size_t)(nl - body) : xn;
        memcpy(t, body, tn);
        body += nl ? tn + 1 : tn;
        xn -= nl ? tn + 1 : tn;
    }
    if (tn == 0 && xn == 0) {
        /* a lone headline that looks like debris is still all we have */
        tn = title_len;
        memcpy(t, title, tn);
    }
    if (tn > CLEAN_MAX_TITLE_BYTES) {
        /* a paragraph, not a headline: keep it whole in the text */
        body -= tn + 1;
        memcpy(body, t, tn);
        body[tn] = '\n';
        xn += tn + 1;
        tn = title_cut(t, tn);
    }
    t[tn] = '\0';
    out->title = t;
    out->title_len = tn;
    out->text = body;
    out->text_len = xn;
    return FIL_OK;
}
