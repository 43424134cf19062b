/*
 * tests/unit/test_dates.c -- date expressions (features/dates.h) and
 * merged timelines (story/timeline.h).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "features/dates.h"
#include "features/termvec.h"
#include "fil.h"
#include "io/date.h"
#include "story/timeline.h"
#include "text/tokenize.h"

#define NONE FEATURES_DATE_UNRESOLVED

typedef struct found {
    features_date *d;
    size_t n;
    features_date_ref ref;
    const char *text;
} found;

static int64_t day_of(const char *iso)
{
    int64_t t;
    if (io_parse_time(iso, &t) != FIL_OK) {
        return NONE;
    }
    return t / 86400;
}

static found find(const features_date_words *words, core_arena *a, const char *text,
                  const char *lang, const char *ref)
{
    found f = {NULL, 0, {0, 0, 0}, text};
    core_arena_reset(a);
    int rc = features_find_dates(words, text, strlen(text), lang, ref ? day_of(ref) : NONE, a, &f.d,
                                 &f.n, &f.ref);
    CHECK(rc == FIL_OK, "dates are sought");
    return f;
}

/* The date found with span `span`, as YYYY-MM-DD, "unresolved", or
 * "absent" when no expression has that span. */
static const char *date_of(const found *f, const char *span, char out[16])
{
    for (size_t i = 0; i < f->n; i++) {
        if (f->d[i].len == strlen(span) &&
            memcmp(f->text + f->d[i].offset, span, f->d[i].len) == 0) {
            if (f->d[i].day == NONE) {
                return "unresolved";
            }
            int y, m, d;
            io_civil_from_days(f->d[i].day, &y, &m, &d);
            snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
            return out;
        }
    }
    return "absent";
}

static const features_date *expr(const found *f, const char *span)
{
    for (size_t i = 0; i < f->n; i++) {
        if (f->d[i].len == strlen(span) &&
            memcmp(f->text + f->d[i].offset, span, f->d[i].len) == 0) {
            return &f->d[i];
        }
    }
    return NULL;
}

#define EXPECT(f, span, want, what)                                                                \
    do {                                                                                           \
        char buf_[16];                                                                             \
        CHECK_STR(date_of(&(f), span, buf_), want, what);                                          \
    } while (0)

static void test_french(const features_date_words *words, core_arena *a)
{
    found f = find(words, a,
                   "Le 27 février, l’armée a riposté. Hier, avant-hier et il y a trois jours, "
                   "rien. Mardi, la semaine dernière, le 1er mars 2020 et en mai.",
                   "fr", "2020-03-04");
    EXPECT(f, "27 février", "2020-02-27", "fr: day and month take the closest year");
    EXPECT(f, "Hier", "2020-03-03", "fr: hier is the day before");
    EXPECT(f, "avant-hier", "2020-03-02", "fr: avant-hier is two days before");
    EXPECT(f, "il y a trois jours", "2020-03-01", "fr: il y a N jours counts back");
    EXPECT(f, "Mardi", "2020-03-03", "fr: a weekday is the last one on or before");
    EXPECT(f, "semaine dernière", "2020-02-24", "fr: last week is the Monday before last");
    EXPECT(f, "1er mars 2020", "2020-03-01", "fr: an ordinal day with its year");
    EXPECT(f, "mai", "2020-05-01", "fr: en + month is the closest such month");
    const features_date *w = expr(&f, "semaine dernière");
    CHECK(w && w->granule == FEATURES_DATE_WEEK && w->kind == FEATURES_DATE_RELATIVE,
          "fr: la semaine dernière is a relative week");
    const features_date *d = expr(&f, "27 février");
    CHECK(d && d->kind == FEATURES_DATE_ABSOLUTE, "fr: 27 février is absolute");
    CHECK(d && d->sentence_len == strlen("Le 27 février, l’armée a riposté.") &&
              d->sentence_offset == 0,
          "fr: the sentence around the date is given");
    /* the tokenizer leaves elisions out of words; a sentence keeps its own
     * and none of the next one's */
    const char *text = "L’usine a fermé mardi. L'autoroute est coupée. C'est jeudi qu'elle rouvre.";
    found g = find(words, a, text, "fr", "2020-03-04");
    const features_date *m = expr(&g, "mardi"), *j = expr(&g, "jeudi");
    CHECK(m && m->sentence_offset == 0 && m->sentence_len == strlen("L’usine a fermé mardi."),
          "fr: a sentence begins with its elision and ends before the next one's");
    size_t c = strlen("L’usine a fermé mardi. L'autoroute est coupée. ");
    CHECK(j && j->sentence_offset == c && j->sentence_len == strlen(text) - c,
          "fr: c' opens a sentence too");
}

static void test_english(const features_date_words *words, core_arena *a)
{
    found f = find(words, a,
                   "ROTTERDAM, Feb 3 (Wire) – Work stopped at 6 a.m. on Tuesday. Two days ago "
                   "and last month the talks were held, and on March 5, 2020 too. The strike "
                   "will end on Thursday. It may march in May.",
                   "en", "2026-02-03");
    EXPECT(f, "Feb 3", "2026-02-03", "en: abbreviated month and day");
    EXPECT(f, "Tuesday", "2026-02-03", "en: a weekday may be today");
    EXPECT(f, "Two days ago", "2026-02-01", "en: N days ago");
    EXPECT(f, "last month", "2026-01-01", "en: last month is the first of the month before");
    EXPECT(f, "March 5, 2020", "2020-03-05", "en: month, day and year");
    EXPECT(f, "Thursday", "2026-02-05", "en: 'will' before a weekday points forward");
    EXPECT(f, "May", "2026-05-01", "en: in + capitalised month");
    CHECK(!expr(&f, "may") && !expr(&f, "march"), "en: 'may' and 'march' the verbs are not dates");
    found n = find(words, a, "On 05/03/2020, 13/03/2020 and 2020-03-05.", "en", "2026-02-03");
    EXPECT(n, "05/03/2020", "unresolved", "en: 05/03/2020 is ambiguous (US or UK), unresolved");
    EXPECT(n, "13/03/2020", "2020-03-13", "en: 13/03/2020 has one reading");
    EXPECT(n, "2020-03-05", "2020-03-05", "en: ISO dates");
}

static void test_german(const features_date_words *words, core_arena *a)
{
    found f = find(words, a,
                   "Am 5. März wurde gestern gestreikt, vor drei Tagen auch. Am Dienstagabend "
                   "und letzte Woche. Heute Morgen kam er, morgen geht er. Der Streik soll am "
                   "Donnerstag enden. 05.03.2020 war es.",
                   "de", "2020-03-04");
    EXPECT(f, "5. März", "2020-03-05", "de: day with a full stop, then month");
    EXPECT(f, "gestern", "2020-03-03", "de: gestern");
    EXPECT(f, "vor drei Tagen", "2020-03-01", "de: vor N Tagen");
    EXPECT(f, "Dienstagabend", "2020-03-03", "de: a weekday joined to a time of day");
    EXPECT(f, "letzte Woche", "2020-02-24", "de: letzte Woche");
    EXPECT(f, "Heute", "2020-03-04", "de: heute");
    EXPECT(f, "morgen", "2020-03-05", "de: lower-case morgen is tomorrow");
    EXPECT(f, "Morgen", "absent", "de: Morgen (morning) is not tomorrow");
    EXPECT(f, "Donnerstag", "2020-03-05", "de: 'soll' points forward");
    EXPECT(f, "05.03.2020", "2020-03-05", "de: day.month.year");
}

static void test_spanish(const features_date_words *words, core_arena *a)
{
    found f = find(words, a,
                   "El 5 de marzo de 2020, ayer y hace tres días. El martes pasado, esta mañana "
                   "y por la mañana. Mañana llega. Habló Plácido Domingo el 15 y el 22 de marzo.",
                   "es", "2021-01-02");
    EXPECT(f, "5 de marzo de 2020", "2020-03-05", "es: el 5 de marzo de 2020");
    EXPECT(f, "ayer", "2021-01-01", "es: ayer");
    EXPECT(f, "hace tres días", "2020-12-30", "es: hace N días");
    EXPECT(f, "martes pasado", "2020-12-29", "es: el martes pasado");
    EXPECT(f, "esta mañana", "2021-01-02", "es: esta mañana is today");
    EXPECT(f, "Mañana", "2021-01-03", "es: mañana alone is tomorrow");
    CHECK(f.n == 8, "es: neither 'por la mañana' nor 'Domingo' the name are dates");
    EXPECT(f, "15", "2021-03-15", "es: the first day of 'el 15 y el 22 de marzo'");
    EXPECT(f, "22 de marzo", "2021-03-22", "es: the second day");
}

static void test_italian(const features_date_words *words, core_arena *a)
{
    found f = find(words, a,
                   "Il 5 marzo, ieri, martedì, tre giorni fa e l'anno scorso. Quest'anno no. "
                   "Martedì prossimo sarà diverso.",
                   "it", "2021-01-02");
    EXPECT(f, "5 marzo", "2021-03-05", "it: il 5 marzo");
    EXPECT(f, "ieri", "2021-01-01", "it: ieri");
    EXPECT(f, "martedì", "2020-12-29", "it: martedì");
    EXPECT(f, "tre giorni fa", "2020-12-30", "it: N giorni fa");
    EXPECT(f, "anno scorso", "2020-01-01", "it: l'anno scorso is last year");
    EXPECT(f, "Quest'anno", "2021-01-01", "it: quest'anno");
    EXPECT(f, "Martedì prossimo", "2021-01-05", "it: martedì prossimo is the next one");
}

static void test_year_boundary(const features_date_words *words, core_arena *a)
{
    found f =
        find(words, a, "It happened on December 30 and will end on January 4.", "en", "2021-01-02");
    EXPECT(f, "December 30", "2020-12-30", "December 30 seen on 2 January is last year's");
    EXPECT(f, "January 4", "2021-01-04", "January 4 seen on 2 January is this year's");
    found g = find(words, a, "Rendez-vous le 2 janvier.", "fr", "2020-12-30");
    EXPECT(g, "2 janvier", "2021-01-02", "2 janvier seen on 30 December is next year's");
    found h = find(words, a, "Il est parti en février dernier.", "fr", "2024-08-28");
    EXPECT(h, "février dernier", "2024-02-01", "février dernier is in the past, not the closest");
}

static void test_references(const features_date_words *words, core_arena *a)
{
    found f = find(words, a, "Hier, mardi, le 27 février et la semaine dernière.", "fr", NULL);
    CHECK(f.ref.from == FEATURES_REF_NONE, "no published day and no full date: no reference");
    EXPECT(f, "Hier", "unresolved", "without a reference hier is unresolved, not guessed");
    EXPECT(f, "mardi", "unresolved", "without a reference a weekday is unresolved");
    EXPECT(f, "27 février", "unresolved", "without a reference the year is unknown");
    found g =
        find(words, a, "Hier, la Turquie a riposté. Le 3 mars 2020, Ankara a parlé.", "fr", NULL);
    CHECK(g.ref.from == FEATURES_REF_TEXT, "the first full date of the text is the reference");
    CHECK(g.ref.day == day_of("2020-03-03"), "the reference is 3 March 2020");
    CHECK(g.ref.span_offset == (uint32_t)(strstr(g.text, "3 mars") - g.text),
          "the reference says which date it came from");
    EXPECT(g, "Hier", "2020-03-02", "hier resolves against the date found in the text");
    found h = find(words, a, "Hier.", "fr", "2020-03-04");
    CHECK(h.ref.from == FEATURES_REF_GIVEN, "a published day is the reference when given");
    found u = find(words, a, "Yesterday and 27 February.", "tr", "2020-03-04");
    CHECK(u.n == 0, "an unsupported language gives no dates");
}

static void test_junk(const features_date_words *words, core_arena *a)
{
    found f = find(words, a, "Les mardis, Mars brille. Il a vu Mai Thi.", "fr", "2020-03-04");
    CHECK(f.n == 0, "fr: plural weekdays, Mars the planet and a name are not dates");
    found g =
        find(words, a, "On Fridays the shop may march on. In 2000 cases.", "en", "2020-03-04");
    CHECK(g.n == 1, "en: only 'In 2000' (a year after a preposition) is taken");
}

/* Dates found in tokens made earlier, of the whole text, equal those
 * found by tokenising its first bytes, with the words' classes known or
 * not (hyphenated words too: a date's, "avant-hier", and another,
 * "porte-parole"); a word cut by the limit is left out rather than read
 * in part. */
static void test_in_tokens(const features_date_words *words, core_arena *a)
{
    const char *text = "Le 27 février, Ankara a demandé des munitions. Avant-hier, le "
                       "porte-parole a parlé. Hier, Washington a répondu. Mardi prochain, une "
                       "réunion aura lieu.";
    size_t cut = (size_t)(strstr(text, "Mardi") - text);
    core_arena_reset(a);
    text_token *tok;
    size_t n;
    CHECK(text_tokenize(text, strlen(text), strlen(text) + 1, a, &tok, &n) == FIL_OK,
          "the whole text is tokenised");
    found whole = find(words, a, text, "fr", "2020-03-04");
    CHECK(whole.n == 4, "four dates in the whole text");
    int64_t ref = day_of("2020-03-04");
    features_date *d, *e;
    size_t dn, en;
    features_date_ref dr, er;
    /* word classes as a caller keeps them: known for all but the first */
    uint64_t *classes = core_arena_alloc(a, n * sizeof *classes);
    for (size_t i = 0; classes && i < n; i++) {
        classes[i] =
            i == 0 ? FEATURES_CLASS_UNKNOWN
                   : (uint64_t)features_date_word_id(words, "fr", tok[i].folded, tok[i].folded_len)
                         << 32;
    }
    CHECK(classes && features_find_dates(words, text, cut, "fr", ref, a, &d, &dn, &dr) == FIL_OK,
          "dates are sought");
    for (int with_classes = 0; with_classes < 2; with_classes++) {
        CHECK(features_find_dates_in_tokens(words, text, cut, tok, with_classes ? classes : NULL, n,
                                            "fr", ref, a, &e, &en, &er) == FIL_OK,
              "dates are sought in tokens");
        int same = dn == 3 && en == dn && dr.day == er.day;
        for (size_t i = 0; same && i < dn; i++) {
            same = d[i].offset == e[i].offset && d[i].len == e[i].len && d[i].day == e[i].day &&
                   d[i].sentence_offset == e[i].sentence_offset &&
                   d[i].sentence_len == e[i].sentence_len;
        }
        CHECK(same, with_classes
                        ? "date words known already give the same three dates"
                        : "the first three sentences give the same three dates either way");
    }
    /* cut inside "février" after "fév", itself an abbreviated month */
    size_t inside = (size_t)(strstr(text, "février") - text) + strlen("fév");
    CHECK(features_find_dates(words, text, inside, "fr", ref, a, &d, &dn, &dr) == FIL_OK && dn == 1,
          "tokenising the cut text reads '27 fév' as a date");
    CHECK(features_find_dates_in_tokens(words, text, inside, tok, NULL, n, "fr", ref, a, &e, &en,
                                        &er) == FIL_OK &&
              en == 0,
          "from earlier tokens, the cut 'février' is left out, so no date");
}

/* Timelines: equal sentences on one date merge; order is by date. */
static void test_timeline(void)
{
    story_timeline *t = story_timeline_new();
    CHECK(t != NULL, "a timeline is made");
    const char *s1 = "Hier, l'armée est entrée à Idlib.";
    const char *s2 = "Mardi, l’armée est entrée à Idlib !";
    const char *s3 = "Le 1er mars, la Turquie a riposté.";
    story_dated a = {"2020-03-03", 0, s1, strlen(s1), 0, 4, "Agence A", "a1"};
    story_dated b = {"2020-03-03", 0, s2, strlen(s2), 0, 5, "Journal B", "b1"};
    story_dated c = {"2020-03-01", 0, s3, strlen(s3), 3, 9, "Journal B", "b1"};
    story_dated d = {"2020-03-03", 0, s1, strlen(s1), 0, 4, "Agence A", "a2"};
    CHECK(story_timeline_add(t, &a) == FIL_OK && story_timeline_add(t, &b) == FIL_OK &&
              story_timeline_add(t, &c) == FIL_OK && story_timeline_add(t, &d) == FIL_OK,
          "dated sentences are added");
    CHECK(story_timeline_count(t) == 2,
          "the same sentence with another date expression is one entry");
    core_buf out;
    core_buf_init(&out, 0);
    CHECK(story_timeline_json(t, &out) == FIL_OK, "the timeline is written");
    const char *first = strstr(out.data, "2020-03-01"), *second = strstr(out.data, "2020-03-03");
    CHECK(first && second && first < second, "entries are sorted by date");
    CHECK(strstr(out.data, "\"sources\":[\"Agence A\",\"Journal B\"]") != NULL,
          "every source of a merged entry is listed, once");
    CHECK(strstr(out.data, "\"articles\":[\"a1\",\"b1\",\"a2\"]") != NULL,
          "every article of a merged entry is listed");
    core_buf_free(&out);
    story_timeline_free(t);
    story_timeline_free(NULL);

    t = story_timeline_new();
    const char *s4 = "Si el Gobierno no se mueve, volveremos en mayo.";
    const char *s5 = "En mars 2020, la Turquie a riposté.";
    story_dated e = {"2026-05-01", 2, s4, strlen(s4), 39, 7, "Diario C", "c1"};
    story_dated g = {"2020-03-01", 2, s5, strlen(s5), 0, 12, "Journal B", "b2"};
    CHECK(t && story_timeline_add(t, &e) == FIL_OK && story_timeline_count(t) == 0,
          "a month alone, its year inferred, makes no timeline entry");
    CHECK(t && story_timeline_add(t, &g) == FIL_OK && story_timeline_count(t) == 1,
          "a month with its year written does");
    story_timeline_free(t);
}

int main(void)
{
    core_arena a;
    core_arena_init(&a, 4096, 0);
    features_date_words *words = features_date_words_new();
    CHECK(words != NULL, "the date words are made");
    if (!words) {
        return check_summary("dates");
    }
    test_french(words, &a);
    test_english(words, &a);
    test_german(words, &a);
    test_spanish(words, &a);
    test_italian(words, &a);
    test_year_boundary(words, &a);
    test_references(words, &a);
    test_junk(words, &a);
    test_in_tokens(words, &a);
    core_arena_free(&a);
    features_date_words_free(words);
    test_timeline();
    return check_summary("dates");
}
