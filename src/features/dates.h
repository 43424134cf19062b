/*
 * src/features/dates.h -- date expressions in news text, resolved against
 * a reference date.
 *
 * Promise: features_find_dates lists, in text order and without overlap,
 * the date expressions of one text in fr, en, de, es or it, each with its
 * byte span, kind, granularity, the sentence (or clause) that holds it,
 * and the date it names, or FEATURES_DATE_UNRESOLVED.
 *
 * Kinds and what is recognised (words match after case and accent
 * folding; apostrophes ' and ’, NBSP and « » are separators as in
 * text/tokenize.h):
 *  - absolute: day + month [+ year] ("le 5 mars", "1er mars 2020",
 *    "5 March 2020", "5. März", "el 5 de marzo de 2020", "il 5 marzo");
 *    month + day [+ year] in English only ("March 5, 2020", "Feb 3");
 *    month + year ("mars 2020", "marzo de 2020": month granularity);
 *    a preposition + month ("en mars", "in March", "im März", "a finales
 *    de marzo", "a marzo": month granularity); a preposition + year
 *    ("en 2019", "since 2019", "im Jahr 2019": year granularity); ISO
 *    2020-03-05; numeric day/month/year with a four-digit year (05/03/2020,
 *    5.3.2020) read day first in fr, de, es and it. In English 05/03/2020
 *    is read only when one of the two numbers is over 12, else it is
 *    listed unresolved (US and UK conventions disagree).
 *  - weekday: "mardi", "on Friday", "am Dienstag", "el martes",
 *    "martedì", with "prochain/next/nächsten/próximo/prossimo" (the first
 *    such day after the reference) or "dernier/last/letzten/pasado/scorso"
 *    (the last one before it). Unqualified, the rule is the most recent
 *    such day on or before the reference, unless the part of the sentence
 *    before the weekday has a future marker ("will", "sera", "wird",
 *    "será", "sarà", a French verb in -ront, a Spanish or Italian verb in
 *    -rá/-rà...): then the first such day on or after the reference.
 *    A weekday followed by a day and month ("mardi 3 mars") is absolute.
 *  - relative: today/yesterday/tomorrow and the day after or before
 *    ("aujourd'hui", "hier", "avant-hier", "demain", "gestern", "ayer",
 *    "ieri", "anteayer", "this morning", "ce soir", "anoche"...), last,
 *    this and next week, month and year ("la semaine dernière", "letzten
 *    Monat", "el año pasado", "l'anno scorso"...), and N units ago or
 *    from now, N in digits or words ("il y a trois jours", "two days
 *    ago", "vor drei Tagen", "hace tres días", "tre giorni fa", "dans
 *    deux semaines").
 *
 * Junk rules: in English a month or weekday must be capitalised (so
 * "march" and "may" the verbs are not dates), and a month counts only
 * with a day number, a year or a preposition (so "May" the modal and
 * "Mars" the planet alone are not dates); abbreviated months ("Feb",
 * "janv.") need a day number. In fr, es and it, month and weekday names
 * are written lower case: a capitalised one that does not start a
 * sentence is a name ("Plácido Domingo", "Plaza de Mayo"), not a date.
 * German "morgen" is "tomorrow" only in lower case ("Morgen" is morning),
 * Spanish "mañana" only when no article or "por"/"de" precedes it.
 * Plural weekdays ("les mardis", "on Fridays") are habits, not dates.
 *
 * Resolution: day granularity gives the day; week the Monday of the week
 * (ISO); month its first day; year 1 January. A day and month without a
 * year take the year that puts the date closest to the reference ("27
 * février" on 2020-03-04 is 2020-02-27, "December 30" on 2021-01-02 is
 * 2020-12-30; a tie goes to the past); a month alone likewise.
 * Reference: the caller's (the article's published day) when given; else
 * the first absolute date of the text with day, month and year (ref->from
 * says FEATURES_REF_TEXT and ref->span_offset which one); else none, and
 * every expression that needs one is FEATURES_DATE_UNRESOLVED, never
 * guessed. Dates with day, month and year resolve without a reference.
 *
 * Memory: the array lives in the arena (borrowed until its reset).
 * Limits: lang must be one of fr, en, de, es, it; other languages give no
 *         dates. Linear in the text's length.
 * Errors: FIL_ENOMEM when the arena is full.
 * Threads: no shared state but the words, only read.
 */
#ifndef FIL_FEATURES_DATES_H
#define FIL_FEATURES_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "text/tokenize.h"

#define FEATURES_DATE_UNRESOLVED INT64_MIN

typedef enum features_date_kind {
    FEATURES_DATE_ABSOLUTE,
    FEATURES_DATE_WEEKDAY,
    FEATURES_DATE_RELATIVE
} features_date_kind;

typedef enum features_date_granularity {
    FEATURES_DATE_DAY,
    FEATURES_DATE_WEEK,
    FEATURES_DATE_MONTH,
    FEATURES_DATE_YEAR
} features_date_granularity;

typedef struct features_date {
    uint32_t offset, len;                   /* the expression, bytes of the text */
    uint32_t sentence_offset, sentence_len; /* the sentence or clause holding it */
    int64_t day;                            /* days since 1970-01-01 of the period's first day, or
                                             * FEATURES_DATE_UNRESOLVED */
    uint8_t kind;                           /* features_date_kind */
    uint8_t granule;                        /* features_date_granularity */
} features_date;

typedef enum features_date_ref_from {
    FEATURES_REF_NONE,
    FEATURES_REF_GIVEN,
    FEATURES_REF_TEXT
} features_date_ref_from;

typedef struct features_date_ref {
    int64_t day;          /* days since 1970-01-01; FEATURES_DATE_UNRESOLVED when none */
    uint8_t from;         /* features_date_ref_from */
    uint32_t span_offset; /* FEATURES_REF_TEXT: the offset of the date used */
} features_date_ref;

/* The words dates are read from (months, weekdays, units, number words,
 * relative phrases...) of every language, in tables made once and only
 * read after: one may serve any number of threads. The caller frees it
 * with features_date_words_free; NULL when out of memory. */
typedef struct features_date_words features_date_words;
features_date_words *features_date_words_new(void);
void features_date_words_free(features_date_words *words);

/* Finds the dates of text (len bytes, UTF-8) in language lang ("fr"...).
 * given_day: the reference in days since 1970-01-01, or
 * FEATURES_DATE_UNRESOLVED. *ref says which reference was used. */
int features_find_dates(const features_date_words *words, const char *text, size_t len,
                        const char *lang, int64_t given_day, core_arena *arena, features_date **out,
                        size_t *count, features_date_ref *ref);

/* features_find_dates for a caller that has tokenised the text already:
 * tokens (token_count, in text order) are text_tokenize's of text or of a
 * longer text that text begins (a whole article of which len bytes are
 * searched); those ending past len are left out. The answer is
 * features_find_dates's, but for a word that straddles len: it is left
 * out, where features_find_dates reads the part before len. word_classes:
 * NULL, or per token a class whose high 32 bits are features_date_word_id
 * of its folded form in lang (or FEATURES_CLASS_UNKNOWN), which spares it
 * a look in the words. */
int features_find_dates_in_tokens(const features_date_words *words, const char *text, size_t len,
                                  const text_token *tokens, const uint64_t *word_classes,
                                  size_t token_count, const char *lang, int64_t given_day,
                                  core_arena *arena, features_date **out, size_t *count,
                                  features_date_ref *ref);

/* What the dates finder knows of a folded word in language lang, as a
 * number for callers that keep it per word (features_counts' word_classes)
 * and hand it back to features_find_dates_in_tokens: the word's entry in
 * the tables, and whether its tokens need reading (a number, an accent);
 * 0 for a word that is neither, as most are. */
uint32_t features_date_word_id(const features_date_words *words, const char *lang,
                               const char *folded, size_t len);

#endif
