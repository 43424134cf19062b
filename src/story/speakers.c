/*
 * src/story/speakers.c -- quote attribution (speakers.h).
 */
#include "story/speakers.h"

#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/error.h"

/* Words that frame reported speech: a prefix of the word, or the whole
 * word when whole is set ("so" in German, not "sobald"). */
typedef struct speech_word {
    const char *word;
    int whole;
} speech_word;

static const speech_word speech_fr[] = {
    {"déclar", 0},    {"annonc", 0},  {"affirm", 0},   {"ajout", 0},  {"soulign", 0},
    {"indiqu", 0},    {"expliqu", 0}, {"estim", 0},    {"dit", 1},    {"assur", 0},
    {"précis", 0},    {"répond", 0},  {"lancé", 1},    {"martel", 0}, {"prévenu", 1},
    {"averti", 0},    {"confi", 0},   {"reconn", 0},   {"insist", 0}, {"selon", 1},
    {"racont", 0},    {"rappel", 0},  {"témoign", 0},  {"lâch", 0},   {"écrit", 1},
    {"poursuivi", 1}, {"conclu", 1},  {"commenté", 1}, {"déplor", 0}, {"dénonc", 0},
    {"résum", 0},     {"regrett", 0}, {"tranch", 0},   {"gliss", 0},  {"admis", 1},
    {"plaid", 0},     {"résum", 0},   {"regrett", 0},  {"tranch", 0}, {"gliss", 0},
    {"admis", 1},     {"plaid", 0}};
static const speech_word speech_en[] = {
    {"said", 1},     {"says", 1},      {"say", 1},     {"told", 1},     {"tells", 1},
    {"added", 1},    {"adds", 1},      {"stated", 1},  {"announc", 0},  {"explain", 0},
    {"warn", 0},     {"according", 1}, {"insist", 0},  {"wrote", 1},    {"writes", 1},
    {"tweet", 0},    {"recalled", 1},  {"claimed", 1}, {"argued", 1},   {"noted", 1},
    {"remarked", 1}, {"asked", 1},     {"replied", 1}, {"declared", 1}, {"continued", 1},
    {"admitted", 1}, {"conceded", 1},  {"urged", 1},   {"summed", 1}};
static const speech_word speech_de[] = {
    {"sagt", 0},    {"erklärt", 0}, {"betont", 0},     {"so", 1},      {"teilt", 0},
    {"fügt", 0},    {"warnt", 0},   {"meint", 0},      {"laut", 1},    {"schreib", 0},
    {"schrieb", 0}, {"ergänzt", 0}, {"kritisiert", 0}, {"sprach", 0},  {"versichert", 0},
    {"räumte", 0},  {"mahnt", 0},   {"hieß", 1},       {"bericht", 0}, {"fasste", 0},
    {"fordert", 0}, {"kündigte", 0}};
static const speech_word speech_es[] = {
    {"dij", 0},    {"dic", 0},    {"afirm", 0},   {"declar", 0},  {"señal", 0},  {"explic", 0},
    {"asegur", 0}, {"añad", 0},   {"según", 1},   {"indic", 0},   {"advirt", 0}, {"sostuv", 0},
    {"subray", 0}, {"apunt", 0},  {"escrib", 0},  {"lament", 0},  {"recalc", 0}, {"insist", 0},
    {"resum", 0},  {"relat", 0},  {"contó", 1},   {"contaba", 1}, {"coment", 0}, {"reconoc", 0},
    {"agreg", 0},  {"critic", 0}, {"denunci", 0}, {"pidi", 0}};
static const speech_word speech_it[] = {
    {"detto", 1},    {"dice", 1},    {"dichiar", 0}, {"afferm", 0},
    {"secondo", 1},  {"spieg", 0},   {"aggiun", 0},  {"sottoline", 0},
    {"avvert", 0},   {"scritto", 1}, {"precisa", 0}, {"ricorda", 0},
    {"conclude", 0}, {"raccont", 0}, {"comment", 0}, {"ammess", 0}};

typedef struct speech_list {
    const char *lang;
    const speech_word *words;
    size_t count;
} speech_list;

#define SPEECH_LIST(code, table)                                                                   \
    {                                                                                              \
        code, table, sizeof table / sizeof table[0]                                                \
    }
static const speech_list speech_lists[] = {
    SPEECH_LIST("fr", speech_fr), SPEECH_LIST("en", speech_en), SPEECH_LIST("de", speech_de),
    SPEECH_LIST("es", speech_es), SPEECH_LIST("it", speech_it)};

static const speech_list *speech_for(const char *lang)
{
    for (size_t i = 0; i < sizeof speech_lists / sizeof speech_lists[0]; i++) {
        if (strcmp(speech_lists[i].lang, lang) == 0) {
            return &speech_lists[i];
        }
    }
    return NULL;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '-';
}

/* Whether the word w (n bytes) is a speech word: ASCII letters compared
 * without case, other bytes as they are. */
static int is_speech_word(const speech_list *l, const char *w, size_t n)
{
    for (size_t i = 0; l && i < l->count; i++) {
        size_t m = strlen(l->words[i].word);
        if (m > n || (l->words[i].whole && m != n)) {
            continue;
        }
        size_t k = 0;
        while (k < m && (w[k] | (w[k] >= 'A' && w[k] <= 'Z' ? 32 : 0)) == l->words[i].word[k]) {
            k++;
        }
        if (k == m) {
            return 1;
        }
    }
    return 0;
}

/* Where the first speech word of text[from, to) starts (its end in
 * *word_end), or SIZE_MAX when there is none. */
static size_t find_speech_word(const story_speakers *s, size_t from, size_t to, size_t *word_end)
{
    const speech_list *l = speech_for(s->lang);
    size_t i = from;
    while (i < to) {
        while (i < to && !is_word_byte((unsigned char)s->text[i])) {
            i++;
        }
        size_t start = i;
        while (i < to && is_word_byte((unsigned char)s->text[i])) {
            i++;
        }
        if (i > start && is_speech_word(l, s->text + start, i - start)) {
            *word_end = i;
            return start;
        }
    }
    return SIZE_MAX;
}

static int has_speech_word(const story_speakers *s, size_t from, size_t to)
{
    size_t end;
    return find_speech_word(s, from, to, &end) != SIZE_MAX;
}

/* Whether text[from, to) names its speaker by a pronoun ("he said",
 * "a-t-il ajouté", "sagte sie", "selon lui") or by the verb alone
 * ("», dijo."): no more than one word besides the verb. */
static int pronoun_frame(const story_speakers *s, size_t from, size_t to)
{
    static const char *const pronouns[] = {"he", "she",  "il",  "elle", "lui",  "er",  "sie",
                                           "él", "ella", "lei", "lui",  "they", "ils", "elles"};
    size_t words = 0, i = from;
    while (i < to) {
        while (i < to && !is_word_byte((unsigned char)s->text[i])) {
            i++;
        }
        size_t start = i;
        while (i < to && is_word_byte((unsigned char)s->text[i]) && s->text[i] != '-') {
            i++;
        }
        for (size_t k = 0; i > start && k < sizeof pronouns / sizeof pronouns[0]; k++) {
            if (strlen(pronouns[k]) == i - start &&
                memcmp(s->text + start, pronouns[k], i - start) == 0) {
                return 1;
            }
        }
        words += i > start;
        i += i < to && s->text[i] == '-';
    }
    return words <= 2; /* the verb and at most one more word ("a", "ha") */
}

/* A sentence ends at a line break, ! or ?, or a full stop after a
 * lower-case letter (not "M." or "U.S."). */
static int ends_sentence(const char *t, size_t i)
{
    char c = t[i];
    return c == '\n' || c == '!' || c == '?' ||
           (c == '.' && i > 0 && t[i - 1] >= 'a' && t[i - 1] <= 'z');
}

/* Steps over closing marks and blanks after a quote. */
static size_t after_marks(const story_speakers *s, size_t i)
{
    static const char *const marks[] = {
        "\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x9C", "\xE2\x80\xBA", "\"", " ", "\xC2\xA0", ","};
    for (int moved = 1; moved;) {
        moved = 0;
        for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
            size_t n = strlen(marks[k]);
            if (i + n <= s->len && memcmp(s->text + i, marks[k], n) == 0) {
                i += n;
                moved = 1;
            }
        }
    }
    return i;
}

/* The first place of needle (n bytes) in hay (len bytes), or NULL. */
static const char *find_bytes(const char *hay, size_t len, const char *needle, size_t n)
{
    for (const char *p = hay; n && p + n <= hay + len; p++) {
        p = memchr(p, needle[0], (size_t)(hay + len - p));
        if (!p || p + n > hay + len) {
            return NULL;
        }
        if (memcmp(p, needle, n) == 0) {
            return p;
        }
    }
    return NULL;
}

static int compare_mentions(const void *a, const void *b)
{
    const story_mention *x = a, *y = b;
    if (x->offset != y->offset) {
        return x->offset < y->offset ? -1 : 1;
    }
    return (x->end < y->end) - (x->end > y->end); /* the longer first */
}

int story_speakers_index(story_speakers *s, const char *text, size_t len, const char *lang,
                         const story_person *persons, size_t n, core_arena *arena)
{
    *s = (story_speakers){text, len, lang, NULL, 0};
    size_t capacity = 0;
    story_mention *m = NULL;
    for (size_t p = 0; p < n; p++) {
        for (size_t k = 0; k < persons[p].surface_count; k++) {
            const char *form = persons[p].surfaces[k];
            size_t flen = strlen(form);
            for (const char *at = flen >= 3 ? text : NULL; at && at + flen <= text + len;) {
                const char *hit = find_bytes(at, (size_t)(text + len - at), form, flen);
                if (!hit) {
                    break;
                }
                if (core_array_reserve((void **)&m, &capacity, s->count + 1, sizeof *m, 16)) {
                    free(m);
                    return FIL_ENOMEM;
                }
                m[s->count++] = (story_mention){(uint32_t)(hit - text),
                                                (uint32_t)(hit - text + flen), (uint32_t)p};
                at = hit + flen;
            }
        }
    }
    if (s->count) {
        qsort(m, s->count, sizeof *m, compare_mentions);
    }
    s->mentions = core_arena_alloc(arena, (s->count + 1) * sizeof *s->mentions);
    size_t kept = 0;
    for (size_t i = 0; s->mentions && i < s->count; i++) {
        /* "Poutine" inside "Vladimir Poutine" is not a second mention */
        if (!kept || m[i].offset >= s->mentions[kept - 1].end) {
            s->mentions[kept++] = m[i];
        }
    }
    s->count = kept;
    free(m);
    return s->mentions ? FIL_OK : FIL_ENOMEM;
}

#define FRAME_WITHOUT_NAME (-2) /* a description: "a lancé l'homme fort d'Ankara" */
#define FRAME_PRONOUN      (-3) /* "he said", "a-t-il ajouté", "», dijo." */

/* Rule 1: a speech word after the quote, then the first name; -1 when
 * there is no speech word, FRAME_WITHOUT_NAME when no name follows it. */
static long frame_after(const story_speakers *s, size_t end)
{
    size_t from = after_marks(s, end), to = from, verb_end;
    size_t limit =
        end + STORY_SPEAKER_FRAME_BYTES < s->len ? end + STORY_SPEAKER_FRAME_BYTES : s->len;
    while (to < limit && !ends_sentence(s->text, to)) {
        to++;
    }
    size_t verb = find_speech_word(s, from, to, &verb_end);
    if (verb == SIZE_MAX) {
        return -1;
    }
    /* the name nearest the verb: "..., VRT director Joost Hendriksen said",
     * "», a déclaré Recep Tayyip Erdogan aux journalistes" */
    long who = -1;
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < s->count; i++) {
        const story_mention *m = &s->mentions[i];
        if (m->offset < from || m->end > to) {
            continue;
        }
        size_t gap = m->end <= verb          ? verb - m->end
                     : m->offset >= verb_end ? m->offset - verb_end
                                             : 0;
        if (gap < best) {
            best = gap;
            who = m->person;
        }
    }
    return who >= 0 ? who : pronoun_frame(s, from, to) ? FRAME_PRONOUN : FRAME_WITHOUT_NAME;
}
/* Rule 3a: the person named most often before start (the nearer on a tie). */
static long most_named_before(const story_speakers *s, size_t start)
{
    long who = -1;
    size_t best = 0;
    for (size_t i = 0; i < s->count && s->mentions[i].end <= start; i++) {
        size_t times = 0;
        for (size_t k = 0; k < s->count && s->mentions[k].end <= start; k++) {
            times += s->mentions[k].person == s->mentions[i].person;
        }
        if (times >= best) {
            best = times;
            who = s->mentions[i].person;
        }
    }
    return who;
}

/* Rule 2: a speech word or a colon before the quote, then the last name. */
static long frame_before(const story_speakers *s, size_t start)
{
    size_t from = start > STORY_SPEAKER_FRAME_BYTES ? start - STORY_SPEAKER_FRAME_BYTES : 0;
    for (size_t i = start; i > from; i--) {
        if (i < start && ends_sentence(s->text, i)) {
            from = i + 1;
            break;
        }
    }
    int colon = memchr(s->text + (start > 8 ? start - 8 : 0), ':', start > 8 ? 8 : start) != NULL;
    if (!colon && !has_speech_word(s, from, start)) {
        return -1;
    }
    long who = -1;
    for (size_t i = 0; i < s->count && s->mentions[i].end <= start; i++) {
        who = s->mentions[i].offset >= from ? (long)s->mentions[i].person : who;
    }
    return who;
}

long story_find_speaker(const story_speakers *s, size_t start, size_t end)
{
    long who = frame_after(s, end);
    if (who == FRAME_WITHOUT_NAME) {
        return most_named_before(s, start);
    }
    who = who >= 0 || who == FRAME_PRONOUN ? who : frame_before(s, start);
    who = who == FRAME_PRONOUN ? -1 : who;
    for (size_t i = 0; who < 0 && i < s->count; i++) {
        size_t j = s->count - 1 - i; /* rule 4: the nearest name before */
        if (s->mentions[j].end <= start &&
            s->mentions[j].offset + STORY_SPEAKER_BACK_BYTES >= start) {
            who = s->mentions[j].person;
        }
    }
    return who;
}
