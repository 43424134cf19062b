/*
 * src/features/dates.c -- date expressions; see dates.h for the contract.
 *
 * Two passes over the tokens of text/tokenize.h: the first matches
 * expressions into candidates (what the words say: a day and month, a
 * weekday and its qualifier, N units back), the second settles the
 * reference (given, or the first full date of the text) and resolves each
 * candidate against it. The words are data: one table of single words
 * (months, weekdays, units, number words, prepositions, qualifiers) and
 * one of relative phrases, each tagged with its languages.
 */
#include "features/dates.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/words.h"
#include "features/termvec.h"
#include "fil.h"
#include "io/date.h"
#include "text/normalize.h"
#include "text/tokenize.h"

/* Language bits. */
enum { FR = 1, EN = 2, DE = 4, ES = 8, IT = 16 };

/* What a word can be; a token may be several (fr "sept": 7 and September). */
enum word_type {
    W_MONTH,      /* full month name; value 1-12 */
    W_ABBR,       /* abbreviated month; value 1-12; needs a day number */
    W_WEEKDAY,    /* value 0 = Monday .. 6 = Sunday */
    W_UNIT,       /* value: features_date_granularity */
    W_NUMBER,     /* number word; value */
    W_PREP_MONTH, /* "en mars", "in March", "a finales de marzo" */
    W_PREP_YEAR,  /* "en 2019", "since 2019", "im Jahr 2019" */
    W_FILLER,     /* between day, month and year: es "de", en "of" */
    W_PAST,       /* weekday qualifier: "dernier", "last" */
    W_NEXT,       /* weekday qualifier: "prochain", "next" */
    W_FUTURE,     /* a future marker before a weekday: "will", "sera" */
    W_BETWEEN,    /* "entre 2023 et 2025": both years are dates */
    W_AND         /* "les 15 et 22 mars": both days are dates */
};

typedef struct lex_word {
    const char *word; /* folded, accents stripped */
    uint8_t langs;
    uint8_t type; /* word_type */
    int8_t value;
} lex_word;

#define D  FEATURES_DATE_DAY
#define WK FEATURES_DATE_WEEK
#define MO FEATURES_DATE_MONTH
#define YR FEATURES_DATE_YEAR

/* clang-format off */
static const lex_word lexicon[] = {
    /* months */
    {"janvier", FR, W_MONTH, 1}, {"fevrier", FR, W_MONTH, 2}, {"mars", FR, W_MONTH, 3},
    {"avril", FR, W_MONTH, 4}, {"mai", FR | DE, W_MONTH, 5}, {"juin", FR, W_MONTH, 6},
    {"juillet", FR, W_MONTH, 7}, {"aout", FR, W_MONTH, 8}, {"septembre", FR, W_MONTH, 9},
    {"octobre", FR, W_MONTH, 10}, {"novembre", FR | EN | DE, W_MONTH, 11},
    {"decembre", FR, W_MONTH, 12}, {"january", EN, W_MONTH, 1}, {"february", EN, W_MONTH, 2},
    {"march", EN, W_MONTH, 3}, {"april", EN | DE, W_MONTH, 4}, {"may", EN, W_MONTH, 5},
    {"june", EN, W_MONTH, 6}, {"july", EN, W_MONTH, 7}, {"august", EN | DE, W_MONTH, 8},
    {"september", EN | DE, W_MONTH, 9}, {"october", EN, W_MONTH, 10},
    {"december", EN, W_MONTH, 12}, {"januar", DE, W_MONTH, 1}, {"janner", DE, W_MONTH, 1},
    {"februar", DE, W_MONTH, 2}, {"marz", DE, W_MONTH, 3}, {"juni", DE, W_MONTH, 6},
    {"juli", DE, W_MONTH, 7}, {"oktober", DE, W_MONTH, 10}, {"dezember", DE, W_MONTH, 12},
    {"enero", ES, W_MONTH, 1}, {"febrero", ES, W_MONTH, 2}, {"marzo", ES | IT, W_MONTH, 3},
    {"abril", ES, W_MONTH, 4}, {"mayo", ES, W_MONTH, 5}, {"junio", ES, W_MONTH, 6},
    {"julio", ES, W_MONTH, 7}, {"agosto", ES | IT, W_MONTH, 8}, {"septiembre", ES, W_MONTH, 9},
    {"setiembre", ES, W_MONTH, 9}, {"octubre", ES, W_MONTH, 10}, {"noviembre", ES, W_MONTH, 11},
    {"diciembre", ES, W_MONTH, 12}, {"gennaio", IT, W_MONTH, 1}, {"febbraio", IT, W_MONTH, 2},
    {"aprile", IT, W_MONTH, 4}, {"maggio", IT, W_MONTH, 5}, {"giugno", IT, W_MONTH, 6},
    {"luglio", IT, W_MONTH, 7}, {"settembre", IT, W_MONTH, 9}, {"ottobre", IT, W_MONTH, 10},
    {"dicembre", IT, W_MONTH, 12},
    /* abbreviated months */
    {"janv", FR, W_ABBR, 1}, {"fevr", FR, W_ABBR, 2}, {"fev", FR, W_ABBR, 2},
    {"avr", FR, W_ABBR, 4}, {"juil", FR, W_ABBR, 7}, {"sept", FR | EN | DE | ES, W_ABBR, 9},
    {"oct", FR | EN | ES, W_ABBR, 10}, {"nov", FR | EN | DE | ES | IT, W_ABBR, 11},
    {"dec", FR | EN, W_ABBR, 12}, {"jan", EN | DE, W_ABBR, 1},
    {"feb", EN | DE | ES | IT, W_ABBR, 2}, {"mar", EN | DE | ES | IT, W_ABBR, 3},
    {"apr", EN | DE | IT, W_ABBR, 4}, {"jun", EN | DE | ES, W_ABBR, 6},
    {"jul", EN | DE | ES, W_ABBR, 7}, {"aug", EN | DE, W_ABBR, 8},
    {"sep", EN | DE | ES, W_ABBR, 9}, {"okt", DE, W_ABBR, 10}, {"dez", DE, W_ABBR, 12},
    {"ene", ES, W_ABBR, 1}, {"abr", ES, W_ABBR, 4}, {"ago", ES | IT, W_ABBR, 8},
    {"dic", ES | IT, W_ABBR, 12}, {"gen", IT, W_ABBR, 1}, {"mag", IT, W_ABBR, 5},
    {"giu", IT, W_ABBR, 6}, {"lug", IT, W_ABBR, 7}, {"set", IT, W_ABBR, 9},
    {"ott", IT, W_ABBR, 10},
    /* weekdays */
    {"lundi", FR, W_WEEKDAY, 0}, {"mardi", FR, W_WEEKDAY, 1}, {"mercredi", FR, W_WEEKDAY, 2},
    {"jeudi", FR, W_WEEKDAY, 3}, {"vendredi", FR, W_WEEKDAY, 4}, {"samedi", FR, W_WEEKDAY, 5},
    {"dimanche", FR, W_WEEKDAY, 6}, {"monday", EN, W_WEEKDAY, 0}, {"tuesday", EN, W_WEEKDAY, 1},
    {"wednesday", EN, W_WEEKDAY, 2}, {"thursday", EN, W_WEEKDAY, 3}, {"friday", EN, W_WEEKDAY, 4},
    {"saturday", EN, W_WEEKDAY, 5}, {"sunday", EN, W_WEEKDAY, 6}, {"montag", DE, W_WEEKDAY, 0},
    {"dienstag", DE, W_WEEKDAY, 1}, {"mittwoch", DE, W_WEEKDAY, 2},
    {"donnerstag", DE, W_WEEKDAY, 3}, {"freitag", DE, W_WEEKDAY, 4}, {"samstag", DE, W_WEEKDAY, 5},
    {"sonnabend", DE, W_WEEKDAY, 5}, {"sonntag", DE, W_WEEKDAY, 6}, {"lunes", ES, W_WEEKDAY, 0},
    {"martes", ES, W_WEEKDAY, 1}, {"miercoles", ES, W_WEEKDAY, 2}, {"jueves", ES, W_WEEKDAY, 3},
    {"viernes", ES, W_WEEKDAY, 4}, {"sabado", ES, W_WEEKDAY, 5}, {"domingo", ES, W_WEEKDAY, 6},
    {"lunedi", IT, W_WEEKDAY, 0}, {"martedi", IT, W_WEEKDAY, 1}, {"mercoledi", IT, W_WEEKDAY, 2},
    {"giovedi", IT, W_WEEKDAY, 3}, {"venerdi", IT, W_WEEKDAY, 4}, {"sabato", IT, W_WEEKDAY, 5},
    {"domenica", IT, W_WEEKDAY, 6},
    /* units of "N units ago" */
    {"jour", FR, W_UNIT, D}, {"jours", FR, W_UNIT, D}, {"semaine", FR, W_UNIT, WK},
    {"semaines", FR, W_UNIT, WK}, {"mois", FR, W_UNIT, MO}, {"an", FR, W_UNIT, YR},
    {"ans", FR, W_UNIT, YR}, {"annee", FR, W_UNIT, YR}, {"annees", FR, W_UNIT, YR},
    {"day", EN, W_UNIT, D}, {"days", EN, W_UNIT, D}, {"week", EN, W_UNIT, WK},
    {"weeks", EN, W_UNIT, WK}, {"month", EN, W_UNIT, MO}, {"months", EN, W_UNIT, MO},
    {"year", EN, W_UNIT, YR}, {"years", EN, W_UNIT, YR}, {"tag", DE, W_UNIT, D},
    {"tage", DE, W_UNIT, D}, {"tagen", DE, W_UNIT, D}, {"woche", DE, W_UNIT, WK},
    {"wochen", DE, W_UNIT, WK}, {"monat", DE, W_UNIT, MO}, {"monate", DE, W_UNIT, MO},
    {"monaten", DE, W_UNIT, MO}, {"jahr", DE, W_UNIT, YR}, {"jahre", DE, W_UNIT, YR},
    {"jahren", DE, W_UNIT, YR}, {"dia", ES, W_UNIT, D}, {"dias", ES, W_UNIT, D},
    {"semana", ES, W_UNIT, WK}, {"semanas", ES, W_UNIT, WK}, {"mes", ES, W_UNIT, MO},
    {"meses", ES, W_UNIT, MO}, {"ano", ES, W_UNIT, YR}, {"anos", ES, W_UNIT, YR},
    {"giorno", IT, W_UNIT, D}, {"giorni", IT, W_UNIT, D}, {"settimana", IT, W_UNIT, WK},
    {"settimane", IT, W_UNIT, WK}, {"mese", IT, W_UNIT, MO}, {"mesi", IT, W_UNIT, MO},
    {"anno", IT, W_UNIT, YR}, {"anni", IT, W_UNIT, YR},
    /* number words */
    {"un", FR | ES | IT, W_NUMBER, 1}, {"une", FR, W_NUMBER, 1}, {"deux", FR, W_NUMBER, 2},
    {"trois", FR, W_NUMBER, 3}, {"quatre", FR, W_NUMBER, 4}, {"cinq", FR, W_NUMBER, 5},
    {"six", FR | EN, W_NUMBER, 6}, {"sept", FR, W_NUMBER, 7}, {"huit", FR, W_NUMBER, 8},
    {"neuf", FR, W_NUMBER, 9}, {"dix", FR, W_NUMBER, 10}, {"quinze", FR, W_NUMBER, 15},
    {"a", EN, W_NUMBER, 1}, {"one", EN, W_NUMBER, 1}, {"two", EN, W_NUMBER, 2},
    {"three", EN, W_NUMBER, 3}, {"four", EN, W_NUMBER, 4}, {"five", EN, W_NUMBER, 5},
    {"seven", EN, W_NUMBER, 7}, {"eight", EN, W_NUMBER, 8}, {"nine", EN, W_NUMBER, 9},
    {"ten", EN, W_NUMBER, 10}, {"ein", DE, W_NUMBER, 1}, {"einem", DE, W_NUMBER, 1},
    {"einer", DE, W_NUMBER, 1}, {"zwei", DE, W_NUMBER, 2}, {"drei", DE, W_NUMBER, 3},
    {"vier", DE, W_NUMBER, 4}, {"funf", DE, W_NUMBER, 5}, {"sechs", DE, W_NUMBER, 6},
    {"sieben", DE, W_NUMBER, 7}, {"acht", DE, W_NUMBER, 8}, {"neun", DE, W_NUMBER, 9},
    {"zehn", DE, W_NUMBER, 10}, {"una", ES | IT, W_NUMBER, 1}, {"uno", ES | IT, W_NUMBER, 1},
    {"dos", ES, W_NUMBER, 2}, {"tres", ES, W_NUMBER, 3}, {"cuatro", ES, W_NUMBER, 4},
    {"cinco", ES, W_NUMBER, 5}, {"seis", ES, W_NUMBER, 6}, {"siete", ES, W_NUMBER, 7},
    {"ocho", ES, W_NUMBER, 8}, {"nueve", ES, W_NUMBER, 9}, {"diez", ES, W_NUMBER, 10},
    {"due", IT, W_NUMBER, 2}, {"tre", IT, W_NUMBER, 3}, {"quattro", IT, W_NUMBER, 4},
    {"cinque", IT, W_NUMBER, 5}, {"sei", IT, W_NUMBER, 6}, {"sette", IT, W_NUMBER, 7},
    {"otto", IT, W_NUMBER, 8}, {"nove", IT, W_NUMBER, 9}, {"dieci", IT, W_NUMBER, 10},
    /* prepositions before a month alone, or a year alone */
    {"en", FR | ES, W_PREP_MONTH, 0}, {"debut", FR, W_PREP_MONTH, 0}, {"fin", FR, W_PREP_MONTH, 0},
    {"depuis", FR, W_PREP_MONTH, 0}, {"courant", FR, W_PREP_MONTH, 0},
    {"in", EN | IT, W_PREP_MONTH, 0}, {"since", EN, W_PREP_MONTH, 0},
    {"until", EN, W_PREP_MONTH, 0}, {"early", EN, W_PREP_MONTH, 0}, {"late", EN, W_PREP_MONTH, 0},
    {"mid", EN, W_PREP_MONTH, 0}, {"during", EN, W_PREP_MONTH, 0}, {"im", DE, W_PREP_MONTH, 0},
    {"seit", DE, W_PREP_MONTH, 0}, {"bis", DE, W_PREP_MONTH, 0}, {"anfang", DE, W_PREP_MONTH, 0},
    {"ende", DE, W_PREP_MONTH, 0}, {"mitte", DE, W_PREP_MONTH, 0}, {"desde", ES, W_PREP_MONTH, 0},
    {"hasta", ES, W_PREP_MONTH, 0}, {"de", ES, W_PREP_MONTH, 0}, {"a", IT, W_PREP_MONTH, 0},
    {"da", IT, W_PREP_MONTH, 0}, {"di", IT, W_PREP_MONTH, 0}, {"inizio", IT, W_PREP_MONTH, 0},
    {"fine", IT, W_PREP_MONTH, 0}, {"en", FR | ES, W_PREP_YEAR, 0}, {"depuis", FR, W_PREP_YEAR, 0},
    {"in", EN, W_PREP_YEAR, 0}, {"since", EN, W_PREP_YEAR, 0}, {"seit", DE, W_PREP_YEAR, 0},
    {"ab", DE, W_PREP_YEAR, 0}, {"jahr", DE, W_PREP_YEAR, 0}, {"desde", ES, W_PREP_YEAR, 0},
    {"nel", IT, W_PREP_YEAR, 0}, {"dal", IT, W_PREP_YEAR, 0},
    /* between day, month and year */
    {"de", ES, W_FILLER, 0}, {"del", ES, W_FILLER, 0}, {"of", EN, W_FILLER, 0},
    /* weekday qualifiers */
    {"dernier", FR, W_PAST, 0}, {"last", EN, W_PAST, 0}, {"letzten", DE, W_PAST, 0},
    {"vergangenen", DE, W_PAST, 0}, {"vorigen", DE, W_PAST, 0}, {"pasado", ES, W_PAST, 0},
    {"scorso", IT, W_PAST, 0}, {"prochain", FR, W_NEXT, 0}, {"next", EN, W_NEXT, 0},
    {"nachsten", DE, W_NEXT, 0}, {"kommenden", DE, W_NEXT, 0}, {"proximo", ES, W_NEXT, 0},
    {"prossimo", IT, W_NEXT, 0},
    /* future markers */
    {"will", EN, W_FUTURE, 0}, {"shall", EN, W_FUTURE, 0}, {"due", EN, W_FUTURE, 0},
    {"scheduled", EN, W_FUTURE, 0}, {"sera", FR | ES, W_FUTURE, 0}, {"seront", FR, W_FUTURE, 0},
    {"aura", FR, W_FUTURE, 0}, {"doit", FR, W_FUTURE, 0}, {"doivent", FR, W_FUTURE, 0},
    {"devrait", FR, W_FUTURE, 0}, {"devraient", FR, W_FUTURE, 0}, {"prevu", FR, W_FUTURE, 0},
    {"prevue", FR, W_FUTURE, 0}, {"va", FR | ES, W_FUTURE, 0}, {"vont", FR, W_FUTURE, 0},
    {"ira", FR, W_FUTURE, 0}, {"wird", DE, W_FUTURE, 0}, {"werden", DE, W_FUTURE, 0},
    {"soll", DE, W_FUTURE, 0}, {"sollen", DE, W_FUTURE, 0}, {"van", ES, W_FUTURE, 0},
    {"preve", ES, W_FUTURE, 0}, {"previsto", ES | IT, W_FUTURE, 0},
    {"prevista", ES | IT, W_FUTURE, 0}, {"dovrebbe", IT, W_FUTURE, 0}, {"would", EN, W_FUTURE, 0},
    {"debe", ES, W_FUTURE, 0}, {"deben", ES, W_FUTURE, 0}, {"deve", IT, W_FUTURE, 0},
    /* ranges and pairs */
    {"entre", FR | ES, W_BETWEEN, 0}, {"between", EN, W_BETWEEN, 0},
    {"zwischen", DE, W_BETWEEN, 0}, {"tra", IT, W_BETWEEN, 0}, {"fra", IT, W_BETWEEN, 0},
    {"et", FR, W_AND, 0}, {"and", EN, W_AND, 0}, {"und", DE, W_AND, 0}, {"y", ES, W_AND, 0},
    {"e", IT, W_AND, 0},
};
/* clang-format on */

/* Phrase flags. */
enum {
    P_LOWER = 1,     /* the last word must not be capitalised (de "morgen") */
    P_NOT_AFTER = 2, /* not after an article or "por"/"de" (es "mañana": morning) */
};

/* A relative phrase: words separated by spaces; "#" is a number (digits
 * or a number word), "@" a unit. With slots, amount is the direction. */
typedef struct phrase {
    const char *words;
    uint8_t langs;
    uint8_t granule;
    int8_t amount;
    uint8_t flags;
} phrase;

/* clang-format off */
static const phrase phrases[] = {
    {"aujourd'hui", FR, D, 0, 0}, {"hier", FR, D, -1, 0}, {"avant-hier", FR, D, -2, 0},
    {"demain", FR, D, 1, 0}, {"apres-demain", FR, D, 2, 0}, {"ce matin", FR, D, 0, 0},
    {"ce soir", FR, D, 0, 0}, {"cette nuit", FR, D, 0, 0}, {"semaine derniere", FR, WK, -1, 0},
    {"semaine passee", FR, WK, -1, 0}, {"semaine prochaine", FR, WK, 1, 0},
    {"cette semaine", FR, WK, 0, 0}, {"mois dernier", FR, MO, -1, 0},
    {"mois prochain", FR, MO, 1, 0}, {"an dernier", FR, YR, -1, 0},
    {"annee derniere", FR, YR, -1, 0}, {"an passe", FR, YR, -1, 0},
    {"annee passee", FR, YR, -1, 0}, {"an prochain", FR, YR, 1, 0},
    {"annee prochaine", FR, YR, 1, 0}, {"cette annee", FR, YR, 0, 0}, {"il y a # @", FR, D, -1, 0},
    {"dans # @", FR, D, 1, 0}, {"today", EN, D, 0, 0}, {"yesterday", EN, D, -1, 0},
    {"tomorrow", EN, D, 1, 0}, {"tonight", EN, D, 0, 0}, {"this morning", EN, D, 0, 0},
    {"last night", EN, D, -1, 0}, {"the day before yesterday", EN, D, -2, 0},
    {"the day after tomorrow", EN, D, 2, 0}, {"last week", EN, WK, -1, 0},
    {"next week", EN, WK, 1, 0}, {"this week", EN, WK, 0, 0}, {"last month", EN, MO, -1, 0},
    {"next month", EN, MO, 1, 0}, {"this month", EN, MO, 0, 0}, {"last year", EN, YR, -1, 0},
    {"next year", EN, YR, 1, 0}, {"this year", EN, YR, 0, 0}, {"# @ ago", EN, D, -1, 0},
    {"in # @", EN, D, 1, 0}, {"heute", DE, D, 0, 0}, {"gestern", DE, D, -1, 0},
    {"vorgestern", DE, D, -2, 0}, {"morgen", DE, D, 1, P_LOWER}, {"ubermorgen", DE, D, 2, 0},
    {"letzte woche", DE, WK, -1, 0}, {"letzten woche", DE, WK, -1, 0},
    {"vergangene woche", DE, WK, -1, 0}, {"vergangenen woche", DE, WK, -1, 0},
    {"vorige woche", DE, WK, -1, 0}, {"nachste woche", DE, WK, 1, 0},
    {"nachsten woche", DE, WK, 1, 0}, {"diese woche", DE, WK, 0, 0},
    {"dieser woche", DE, WK, 0, 0}, {"kommende woche", DE, WK, 1, 0}, {"vergangenen jahr", DE, YR, -1, 0},
    {"letzten jahr", DE, YR, -1, 0}, {"vorigen jahr", DE, YR, -1, 0},
    {"kommender woche", DE, WK, 1, 0}, {"kommenden woche", DE, WK, 1, 0},
    {"letzten monat", DE, MO, -1, 0}, {"vergangenen monat", DE, MO, -1, 0},
    {"nachsten monat", DE, MO, 1, 0}, {"letztes jahr", DE, YR, -1, 0},
    {"letzten jahres", DE, YR, -1, 0}, {"vergangenes jahr", DE, YR, -1, 0},
    {"vergangenen jahres", DE, YR, -1, 0}, {"vorjahr", DE, YR, -1, 0},
    {"nachstes jahr", DE, YR, 1, 0}, {"nachsten jahr", DE, YR, 1, 0},
    {"dieses jahr", DE, YR, 0, 0}, {"diesem jahr", DE, YR, 0, 0}, {"dieses jahres", DE, YR, 0, 0},
    {"vor # @", DE, D, -1, 0}, {"hoy", ES, D, 0, 0}, {"ayer", ES, D, -1, 0},
    {"anteayer", ES, D, -2, 0}, {"antes de ayer", ES, D, -2, 0}, {"anoche", ES, D, -1, 0},
    {"manana", ES, D, 1, P_NOT_AFTER}, {"pasado manana", ES, D, 2, 0},
    {"esta manana", ES, D, 0, 0}, {"esta noche", ES, D, 0, 0}, {"semana pasada", ES, WK, -1, 0},
    {"proxima semana", ES, WK, 1, 0}, {"semana que viene", ES, WK, 1, 0},
    {"esta semana", ES, WK, 0, 0}, {"mes pasado", ES, MO, -1, 0}, {"proximo mes", ES, MO, 1, 0},
    {"este mes", ES, MO, 0, 0}, {"ano pasado", ES, YR, -1, 0}, {"proximo ano", ES, YR, 1, 0},
    {"este ano", ES, YR, 0, 0}, {"hace # @", ES, D, -1, 0}, {"dentro de # @", ES, D, 1, 0},
    {"oggi", IT, D, 0, 0}, {"ieri", IT, D, -1, 0}, {"altro ieri", IT, D, -2, 0},
    {"altroieri", IT, D, -2, 0}, {"domani", IT, D, 1, 0}, {"dopodomani", IT, D, 2, 0},
    {"stamattina", IT, D, 0, 0}, {"stasera", IT, D, 0, 0}, {"stanotte", IT, D, 0, 0},
    {"settimana scorsa", IT, WK, -1, 0}, {"settimana prossima", IT, WK, 1, 0},
    {"prossima settimana", IT, WK, 1, 0}, {"questa settimana", IT, WK, 0, 0},
    {"mese scorso", IT, MO, -1, 0}, {"mese prossimo", IT, MO, 1, 0},
    {"prossimo mese", IT, MO, 1, 0}, {"anno scorso", IT, YR, -1, 0},
    {"anno prossimo", IT, YR, 1, 0}, {"prossimo anno", IT, YR, 1, 0}, {"quest'anno", IT, YR, 0, 0},
    {"# @ fa", IT, D, -1, 0}, {"tra # @", IT, D, 1, 0}, {"fra # @", IT, D, 1, 0},
};
/* clang-format on */

#undef D
#undef WK
#undef MO
#undef YR

/* ---------------------------------------------------------------------------
 * Tokens
 * ------------------------------------------------------------------------- */

/* The lexicon and the phrases of one language as a table of distinct
 * words: a token is one probe away from all it can be (its types, and the
 * phrases it begins). Built once by features_date_words_new. */
#define LANGUAGES     5
#define LEXICON_COUNT (sizeof lexicon / sizeof lexicon[0])
#define PHRASE_COUNT  (sizeof phrases / sizeof phrases[0])
#define WORDS_MAX     (LEXICON_COUNT + PHRASE_COUNT + DE_COMPOUNDS) /* of any language */

typedef struct date_word {
    uint16_t types;          /* 1 << word_type */
    int8_t value[W_AND + 1]; /* by word_type */
    uint16_t phrase_first;   /* its phrases: phrase_of[phrase_first..] */
    uint16_t phrase_count;   /* phrases whose first word it is */
} date_word;

/* German joins a weekday and a time of day ("Dienstagabend"): those
 * compounds are words of the German table, spelt out here. */
#define DE_TIMES          7
#define DE_COMPOUND_BYTES 24
#define DE_COMPOUNDS      (16 * DE_TIMES)

typedef struct lang_words {
    core_words index; /* word -> 1 + its entry */
    date_word entry[WORDS_MAX];
    uint32_t entry_count;
    uint16_t phrase_of[PHRASE_COUNT];     /* phrases by first word, in table order */
    uint8_t rest_of[PHRASE_COUNT];        /* where a phrase's words after its first begin */
    uint16_t number_phrase[PHRASE_COUNT]; /* phrases that begin with a number */
    uint16_t number_phrase_count;
} lang_words;

struct features_date_words {
    lang_words lang[LANGUAGES]; /* fr, en, de, es, it: by the bit of lang_bit */
    char compound[DE_COMPOUNDS][DE_COMPOUND_BYTES];
};

/* What the rules read of a token beyond its text_token: its word and
 * what the table and its digits say. Only the tokens that need reading
 * have one of their own; a plain word (most) shares the first, whose word
 * is then the token's folded form. */
typedef struct dword {
    const char *w;          /* folded, accents stripped; NULL: the token's folded form */
    const date_word *entry; /* its word in the table (types, values), or NULL */
    uint32_t wlen;          /* bytes of w */
    int number;             /* digits (and an ordinal suffix) only: their value; -1 else */
    uint16_t types;         /* 1 << word_type: entry's, or 0 */
    uint8_t digits;         /* digit count when number >= 0 */
    uint8_t ordinal;        /* "1er", "5th", "3." */
    uint8_t digit_first;    /* w starts with a digit */
} dword;

typedef struct scan {
    const char *text;
    size_t len;
    const text_token *tok; /* n, in text order */
    size_t n;
    dword *read;       /* [0]: a plain word's; then those of the tokens read */
    uint32_t *read_of; /* n: each token's dword in read */
    uint32_t *starts;  /* the tokens a date may begin at (a digit first, or a table word) */
    size_t start_count;
    unsigned lang; /* one language bit */
    const lang_words *words;
} scan;

/* Token i's dword: its own, or read[0] for a plain word. */
static const dword *dword_of(const scan *s, size_t i)
{
    return &s->read[s->read_of[i]];
}

/* Token i's word: folded, accents stripped. */
static const char *word_of(const scan *s, size_t i)
{
    return s->read_of[i] ? s->read[s->read_of[i]].w : s->tok[i].folded;
}

/* The bytes of word_of(s, i). */
static uint32_t word_len(const scan *s, size_t i)
{
    return s->read_of[i] ? s->read[s->read_of[i]].wlen : s->tok[i].folded_len;
}

static unsigned lang_bit(const char *lang)
{
    static const char codes[][3] = {"fr", "en", "de", "es", "it"};
    for (unsigned i = 0; lang && i < sizeof codes / sizeof codes[0]; i++) {
        if (strcmp(lang, codes[i]) == 0) {
            return 1u << i;
        }
    }
    return 0;
}

/* The table of the language whose bit is lang (one of them). */
static unsigned lang_index(unsigned lang)
{
    unsigned i = 0;
    while (!(lang & 1u << i)) {
        i++;
    }
    return i;
}

/* The entry of word w (len bytes) in lw, or NULL. */
static const date_word *word_find(const lang_words *lw, const char *w, size_t len)
{
    const uint32_t *v = core_words_get(&lw->index, w, len);
    return v ? &lw->entry[*v - 1] : NULL;
}

/* The entry of word w in lw, made when absent; NULL when out of memory.
 * The entries have room for every word of the tables (WORDS_MAX). */
static date_word *word_entry(lang_words *lw, const char *w, size_t len)
{
    uint32_t *v = core_words_put(&lw->index, w, len);
    if (v && !*v) {
        *v = ++lw->entry_count;
    }
    return v ? &lw->entry[*v - 1] : NULL;
}

static void word_add_type(date_word *d, unsigned type, int value)
{
    d->types |= (uint16_t)(1u << type);
    d->value[type] = (int8_t)value;
}

/* The length of a phrase's first word. */
static size_t first_word_len(const char *words)
{
    const char *sp = strchr(words, ' ');
    return sp ? (size_t)(sp - words) : strlen(words);
}

/* Lists the phrases of lw's language (bit lang) under their first words,
 * in table order: counted in the first pass, placed in the second. */
static int words_add_phrases(lang_words *lw, unsigned lang)
{
    for (int pass = 0; pass < 2; pass++) {
        uint16_t next = 0;
        for (size_t k = 0; pass == 1 && k < lw->entry_count; k++) {
            lw->entry[k].phrase_first = next;
            next = (uint16_t)(next + lw->entry[k].phrase_count);
            lw->entry[k].phrase_count = 0;
        }
        for (size_t i = 0; i < PHRASE_COUNT; i++) {
            const char *w = phrases[i].words;
            if (!(phrases[i].langs & lang)) {
                continue;
            }
            if (w[0] == '#') {
                lw->number_phrase[lw->number_phrase_count] = (uint16_t)i;
                lw->number_phrase_count = (uint16_t)(lw->number_phrase_count + (pass == 1));
                continue;
            }
            date_word *d = word_entry(lw, w, first_word_len(w));
            if (!d) {
                return FIL_ENOMEM;
            }
            if (pass == 1) {
                size_t first = first_word_len(w);
                lw->phrase_of[d->phrase_first + d->phrase_count] = (uint16_t)i;
                lw->rest_of[i] = (uint8_t)(first + (w[first] == ' '));
            }
            d->phrase_count++;
        }
    }
    return FIL_OK;
}

/* The lexicon's words of lw's language (bit lang), and in German the
 * weekday compounds ("dienstagabend"), spelt out in dw. */
static int words_add_lexicon(features_date_words *dw, lang_words *lw, unsigned lang)
{
    static const char *const times[DE_TIMES] = {"abend",     "morgen", "mittag", "nachmittag",
                                                "vormittag", "nacht",  "fruh"};
    size_t n = 0;
    for (size_t i = 0; i < LEXICON_COUNT; i++) {
        const lex_word *e = &lexicon[i];
        if (!(e->langs & lang)) {
            continue;
        }
        date_word *d = word_entry(lw, e->word, strlen(e->word));
        if (!d) {
            return FIL_ENOMEM;
        }
        word_add_type(d, e->type, e->value);
        for (size_t k = 0; lang == DE && e->type == W_WEEKDAY && k < DE_TIMES && n < DE_COMPOUNDS;
             k++) {
            char *c = dw->compound[n++];
            snprintf(c, DE_COMPOUND_BYTES, "%s%s", e->word, times[k]);
            d = word_entry(lw, c, strlen(c));
            if (!d) {
                return FIL_ENOMEM;
            }
            word_add_type(d, W_WEEKDAY, e->value);
        }
    }
    return FIL_OK;
}

features_date_words *features_date_words_new(void)
{
    features_date_words *dw = calloc(1, sizeof *dw);
    int rc = dw ? FIL_OK : FIL_ENOMEM;
    for (unsigned l = 0; !rc && l < LANGUAGES; l++) {
        core_words_init(&dw->lang[l].index);
        rc = words_add_lexicon(dw, &dw->lang[l], 1u << l);
        rc = rc ? rc : words_add_phrases(&dw->lang[l], 1u << l);
    }
    if (rc) {
        features_date_words_free(dw);
        return NULL;
    }
    return dw;
}

void features_date_words_free(features_date_words *dw)
{
    for (unsigned l = 0; dw && l < LANGUAGES; l++) {
        core_words_free(&dw->lang[l].index);
    }
    free(dw);
}

/* The value of digits with an optional ordinal suffix ("1er", "2nd", "3º"
 * is cut by the tokenizer); -1 when w is something else. */
static int read_number(const char *w, uint32_t n, uint8_t *digits, uint8_t *ordinal)
{
    static const char *const suffixes[] = {"er", "re", "e", "st", "nd", "rd", "th", "o", "a"};
    uint32_t d = 0;
    int v = 0;
    while (d < n && w[d] >= '0' && w[d] <= '9') {
        v = d < 6 ? v * 10 + (w[d] - '0') : v;
        d++;
    }
    if (d == 0 || d > 6) {
        return -1;
    }
    *digits = (uint8_t)d;
    *ordinal = d < n;
    if (d == n) {
        return v;
    }
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        if (strlen(suffixes[i]) == n - d && memcmp(w + d, suffixes[i], n - d) == 0) {
            return v;
        }
    }
    return -1;
}

/* The high bit of a word's id: the word needs reading (scan_tokens): a
 * digit first (a number), or a byte past ASCII (an accent to strip,
 * perhaps). Without it, and with no entry, a token is plain. */
#define WORD_ID_READ (1u << 31)

uint32_t features_date_word_id(const features_date_words *words, const char *lang,
                               const char *folded, size_t len)
{
    unsigned bit = lang_bit(lang);
    const lang_words *lw = bit ? &words->lang[lang_index(bit)] : NULL;
    const date_word *d = lw && len ? word_find(lw, folded, len) : NULL;
    int read = len && ((folded[0] >= '0' && folded[0] <= '9') || !text_is_ascii(folded, len));
    return (d ? (uint32_t)(d - lw->entry) + 1 : 0) | (read ? WORD_ID_READ : 0);
}

/* Token i's entry in the table: from its class when known (classes:
 * NULL, or features_find_dates_in_tokens's), else looked up. */
static const date_word *token_entry(const scan *s, const text_token *tok, const uint64_t *classes,
                                    size_t i, const dword *t)
{
    if (classes && classes[i] != FEATURES_CLASS_UNKNOWN &&
        !(tok[i].flags & TEXT_TOKEN_MAY_HYPHEN)) {
        uint32_t id = (uint32_t)(classes[i] >> 32) & ~WORD_ID_READ;
        return id ? &s->words->entry[id - 1] : NULL;
    }
    return t->w[0] ? word_find(s->words, t->w, t->wlen) : NULL;
}

_Static_assert(FEATURES_CLASS_UNKNOWN >> 32 != 0, "an unknown class is never a plain word's");

/* 1 when token i is a plain word: of no class in the table and needing
 * no reading (classes known; features_date_word_id). Its folded form is
 * then its word, which is no number: most words are, and they share
 * s->read[0]. */
static int plain_word(const uint64_t *classes, size_t i)
{
    return classes && (classes[i] >> 32) == 0;
}

/* Reads the tokens of s->text (tok, in text order) up to the first that
 * ends past s->len. classes: NULL, or features_find_dates_in_tokens's. */
static int scan_tokens(scan *s, const text_token *tok, const uint64_t *classes, size_t n,
                       core_arena *arena)
{
    n = text_tokens_within(tok, n, s->len);
    s->tok = tok;
    s->read = core_arena_alloc(arena, (n + 1) * sizeof *s->read);
    s->read_of = core_arena_alloc(arena, (n ? n : 1) * sizeof *s->read_of);
    s->starts = core_arena_alloc(arena, (n ? n : 1) * sizeof *s->starts);
    if (!s->read || !s->read_of || !s->starts) {
        return FIL_ENOMEM;
    }
    s->read[0] = (dword){.number = -1};
    uint32_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (plain_word(classes, i)) {
            s->read_of[i] = 0;
            continue;
        }
        dword *t = &s->read[++count];
        size_t wlen = tok[i].folded_len;
        /* a folded ASCII word has no accent to strip; without MAY_HYPHEN
         * the token is ASCII (text/tokenize.h) and needs no look */
        int ascii = !(tok[i].flags & TEXT_TOKEN_MAY_HYPHEN) || text_is_ascii(tok[i].folded, wlen);
        t->w = ascii ? tok[i].folded
                     : text_fold(tok[i].folded, wlen, TEXT_FOLD_STRIP_ACCENTS, arena, &wlen);
        if (!t->w) {
            return FIL_ENOMEM;
        }
        t->wlen = (uint32_t)wlen;
        t->digits = t->ordinal = 0;
        t->number = read_number(t->w, t->wlen, &t->digits, &t->ordinal);
        t->digit_first = t->w[0] >= '0' && t->w[0] <= '9';
        size_t end = (size_t)tok[i].offset + tok[i].len;
        if (t->number >= 0 && end < s->len && s->text[end] == '.' && t->digits <= 2) {
            t->ordinal = 1; /* "5. März"; also a sentence-final "5.", harmless here */
        }
        t->entry = token_entry(s, tok, classes, i, t);
        t->types = t->entry ? t->entry->types : 0;
        s->read_of[i] = count;
        if (t->digit_first || t->entry) {
            s->starts[s->start_count++] = (uint32_t)i;
        }
    }
    s->n = n;
    return FIL_OK;
}

static int is_type(const scan *s, size_t i, enum word_type type)
{
    return i < s->n && (dword_of(s, i)->types & (1u << type));
}

static int value_of(const scan *s, size_t i, enum word_type type)
{
    const date_word *entry = dword_of(s, i)->entry;
    return entry ? entry->value[type] : 0;
}

static int capitalised(const scan *s, size_t i)
{
    return (s->tok[i].flags & TEXT_TOKEN_CAPITALISED) != 0;
}

static int starts_sentence(const scan *s, size_t i)
{
    if (!(s->tok[i].flags & TEXT_TOKEN_SENTENCE_START)) {
        return 0;
    }
    if (i == 0) {
        return 1;
    }
    /* "am 5. März": the full stop of an ordinal does not end a sentence;
     * nor do those of "a.m.", "p.m.", "e.g." (a lone letter and a stop). */
    const text_token *p = &s->tok[i - 1];
    if (p->len == 1 && s->text[p->offset + 1] == '.') {
        return 0;
    }
    const dword *d = dword_of(s, i - 1);
    return !(d->number >= 0 && d->ordinal && is_type(s, i, W_MONTH));
}

/* English writes months and weekdays capitalised; fr, es and it lower
 * case, so there a capitalised one inside a sentence is a name. */
static int name_case_ok(const scan *s, size_t i, int strict)
{
    if (s->lang == EN) {
        return capitalised(s, i);
    }
    if (s->lang == DE || !strict) {
        return 1;
    }
    return !capitalised(s, i) || (s->tok[i].flags & TEXT_TOKEN_SENTENCE_START);
}

static int is_day(const scan *s, size_t i)
{
    return i < s->n && dword_of(s, i)->number >= 1 && dword_of(s, i)->number <= 31 &&
           dword_of(s, i)->digits <= 2;
}

static int is_year(const scan *s, size_t i)
{
    const dword *d = i < s->n ? dword_of(s, i) : NULL;
    return d && d->digits == 4 && !d->ordinal && d->number >= 1900 && d->number <= 2100;
}

static int is_month(const scan *s, size_t i, int abbr_ok)
{
    return (is_type(s, i, W_MONTH) || (abbr_ok && is_type(s, i, W_ABBR))) && name_case_ok(s, i, 0);
}

static int month_of(const scan *s, size_t i)
{
    return is_type(s, i, W_MONTH) ? value_of(s, i, W_MONTH) : value_of(s, i, W_ABBR);
}

/* ---------------------------------------------------------------------------
 * Candidates: what the words say
 * ------------------------------------------------------------------------- */

enum weekday_rule { ON_OR_BEFORE, BEFORE, ON_OR_AFTER, AFTER };

typedef struct cand {
    size_t first, last; /* tokens, inclusive */
    uint8_t kind, granule;
    int year, month, day; /* absolute; year 0: to infer */
    int weekday, rule;    /* weekday: 0 = Monday; enum weekday_rule */
    int amount;           /* relative: units of granule, signed */
    int unreadable;       /* a numeric date the language cannot read */
    int direction;        /* month alone: -1 "février dernier", +1 "next March", 0 closest */
} cand;

static void cand_absolute(cand *c, size_t first, size_t last, int granule)
{
    memset(c, 0, sizeof *c);
    c->first = first;
    c->last = last;
    c->kind = FEATURES_DATE_ABSOLUTE;
    c->granule = (uint8_t)granule;
}

/* An optional year after token j, with an optional filler ("de 2020"). */
static size_t take_year(const scan *s, size_t j, cand *c)
{
    size_t k = j + 1;
    if (is_type(s, k, W_FILLER) && is_year(s, k + 1)) {
        k++;
    }
    if (is_year(s, k)) {
        c->year = dword_of(s, k)->number;
        return k;
    }
    return j;
}

/* A day that month can have (29 February allowed: the year may be leap). */
static int day_fits(int day, int month)
{
    return day <= io_days_in_month(2000, month);
}

/* "5 mars [2020]", "5. März", "5 de marzo de 2020", "5th of March";
 * and the first day of "les 15 et 22 mars", "el 15 y el 22 de marzo". */
static int match_day_month(const scan *s, size_t i, cand *c)
{
    if (!is_day(s, i)) {
        return 0;
    }
    if (is_type(s, i + 1, W_AND)) {
        size_t second = i + 2 + (i + 2 < s->n && strcmp(word_of(s, i + 2), "el") == 0);
        if (is_day(s, second) && match_day_month(s, second, c)) {
            c->first = c->last = i;
            c->day = dword_of(s, i)->number;
            return day_fits(c->day, c->month);
        }
    }
    size_t j = i + 1;
    if (is_type(s, j, W_FILLER)) {
        j++;
    }
    if (!is_month(s, j, 1) || !day_fits(dword_of(s, i)->number, month_of(s, j))) {
        return 0;
    }
    cand_absolute(c, i, j, FEATURES_DATE_DAY);
    c->day = dword_of(s, i)->number;
    c->month = month_of(s, j);
    c->last = take_year(s, j, c);
    return 1;
}

/* "March 5[, 2020]" (English), "mars 2020", "marzo de 2020". */
static int match_month_first(const scan *s, size_t i, cand *c)
{
    if (!is_month(s, i, 1)) {
        return 0;
    }
    if (s->lang == EN && is_day(s, i + 1) && day_fits(dword_of(s, i + 1)->number, month_of(s, i))) {
        cand_absolute(c, i, i + 1, FEATURES_DATE_DAY);
        c->day = dword_of(s, i + 1)->number;
        c->month = month_of(s, i);
        c->last = take_year(s, i + 1, c);
        return 1;
    }
    cand_absolute(c, i, i, FEATURES_DATE_MONTH);
    c->last = take_year(s, i, c);
    c->month = month_of(s, i);
    return c->last > i;
}

/* -1 for "dernier", "last"...; +1 for "prochain", "next"...; else 0. */
static int qualifier(const scan *s, size_t i)
{
    return is_type(s, i, W_PAST) ? -1 : is_type(s, i, W_NEXT) ? 1 : 0;
}

/* "en mars [dernier]", "in March [2020]", "last March", "en 2019", "im Jahr 2019". */
static int match_preposition(const scan *s, size_t i, cand *c)
{
    int before = qualifier(s, i);
    if ((before || is_type(s, i, W_PREP_MONTH)) && is_type(s, i + 1, W_MONTH) &&
        name_case_ok(s, i + 1, 1)) {
        cand_absolute(c, before ? i : i + 1, i + 1, FEATURES_DATE_MONTH);
        c->month = value_of(s, i + 1, W_MONTH);
        c->last = take_year(s, i + 1, c);
        c->direction = c->year ? 0 : before ? before : qualifier(s, i + 2);
        c->last += !c->year && !before && c->direction;
        return 1;
    }
    int range_end =
        i >= 2 && is_type(s, i, W_AND) && is_year(s, i - 1) && is_type(s, i - 2, W_BETWEEN);
    if ((is_type(s, i, W_PREP_YEAR) || is_type(s, i, W_BETWEEN) || range_end) &&
        is_year(s, i + 1)) {
        cand_absolute(c, i + 1, i + 1, FEATURES_DATE_YEAR);
        c->year = dword_of(s, i + 1)->number;
        return 1;
    }
    return 0;
}

/* Reads "a<sep>b<sep>c" of digits with one separator / . or -; returns
 * the count of parts, 0 for anything else or more than three. */
static int split_numeric(const char *w, uint32_t n, int part[3], int width[3], char *sep)
{
    uint32_t k = 0;
    *sep = 0;
    for (int count = 0; count < 3;) {
        part[count] = 0;
        width[count] = 0;
        while (k < n && w[k] >= '0' && w[k] <= '9' && width[count] < 5) {
            part[count] = part[count] * 10 + (w[k++] - '0');
            width[count]++;
        }
        if (width[count] == 0) {
            return 0;
        }
        count++;
        if (k == n) {
            return count;
        }
        char c = w[k++];
        if ((c != '/' && c != '.' && c != '-') || (*sep && c != *sep)) {
            return 0;
        }
        *sep = c;
    }
    return 0;
}

/* ISO 2020-03-05; 05/03/2020, 5.3.2020, 05-03-2020 day first (English:
 * see dates.h), in w (n bytes), the tokens first..last. */
static int read_numeric(const scan *s, const char *w, uint32_t n, size_t first, size_t last,
                        cand *c)
{
    int part[3], width[3];
    char sep;
    if (split_numeric(w, n, part, width, &sep) != 3) {
        return 0;
    }
    cand_absolute(c, first, last, FEATURES_DATE_DAY);
    if (width[0] == 4 && sep == '-' && width[1] <= 2 && width[2] <= 2) {
        c->year = part[0], c->month = part[1], c->day = part[2];
    } else if (width[2] == 4 && width[0] <= 2 && width[1] <= 2) {
        c->year = part[2], c->day = part[0], c->month = part[1];
        if (s->lang == EN && part[1] > 12 && part[0] <= 12) {
            c->day = part[1], c->month = part[0];
        } else if (s->lang == EN && part[0] <= 12 && part[0] != part[1]) {
            c->unreadable = 1;
        }
    } else {
        return 0;
    }
    return c->month >= 1 && c->month <= 12 && c->year >= 1900 && c->year <= 2100 && c->day >= 1 &&
           c->day <= io_days_in_month(c->year, c->month);
}

/* 1 when token i is followed, with a single '/' between, by token i + 1. */
static int slash_joined(const scan *s, size_t i)
{
    size_t end = (size_t)s->tok[i].offset + s->tok[i].len;
    return i + 1 < s->n && s->tok[i + 1].offset == end + 1 && s->text[end] == '/';
}

/* The tokenizer keeps "05.03.2020" and "2020-03-05" whole but splits
 * "05/03/2020" at the slashes. */
static int match_numeric(const scan *s, size_t i, cand *c)
{
    if (!slash_joined(s, i) || !slash_joined(s, i + 1)) {
        return read_numeric(s, word_of(s, i), word_len(s, i), i, i, c);
    }
    char w[32];
    int n = snprintf(w, sizeof w, "%s/%s/%s", word_of(s, i), word_of(s, i + 1), word_of(s, i + 2));
    return n > 0 && (size_t)n < sizeof w && read_numeric(s, w, (uint32_t)n, i, i + 2, c);
}

/* ---------------------------------------------------------------------------
 * Relative phrases and weekdays
 * ------------------------------------------------------------------------- */

static int slot_number(const scan *s, size_t i)
{
    const dword *d = dword_of(s, i);
    if (d->number >= 1 && d->number <= 999 && !d->ordinal) {
        return d->number;
    }
    return is_type(s, i, W_NUMBER) ? value_of(s, i, W_NUMBER) : 0;
}

/* The length of the word p begins (up to a space or the end) when it is
 * w (wlen bytes), else 0. Most phrases differ from a token in their first
 * letters: compared in place, they cost no scan of the phrase's word
 * (match_relative tries a bucket of phrases at every token). */
static size_t word_matches(const char *p, const char *w, uint32_t wlen)
{
    size_t k = 0;
    while (k < wlen && p[k] == w[k] && p[k] != ' ' && p[k] != '\0') {
        k++;
    }
    return k == wlen && (p[k] == ' ' || p[k] == '\0') ? k : 0;
}

/* 1 when the word p begins is a slot: "#" (a number) or "@" (a unit). */
static int is_slot(const char *p)
{
    return (*p == '#' || *p == '@') && (p[1] == ' ' || p[1] == '\0');
}

/* Matches the words p from token k on; returns 1 and the token after
 * them in *end when they all match (none left is a match), and fills the
 * slots they have. */
static int phrase_match(const scan *s, size_t k, const char *p, int *number, int *unit, size_t *end)
{
    while (*p) {
        if (k >= s->n) {
            return 0;
        }
        int slot = is_slot(p);
        size_t wl = slot ? 1 : word_matches(p, word_of(s, k), word_len(s, k));
        if (!wl) {
            return 0;
        }
        if (slot && *p == '#') {
            *number = slot_number(s, k);
            if (!*number) {
                return 0;
            }
        } else if (slot) {
            if (!is_type(s, k, W_UNIT)) {
                return 0;
            }
            *unit = value_of(s, k, W_UNIT);
        }
        k++;
        p += wl + (p[wl] == ' ');
    }
    *end = k;
    return 1;
}

static int phrase_allowed(const scan *s, size_t i, size_t n, const phrase *ph)
{
    static const char *const articles[] = {"la", "esta", "por", "de", "cada", "una", "media"};
    if ((ph->flags & P_LOWER) && capitalised(s, i + n - 1)) {
        return 0;
    }
    for (size_t a = 0; (ph->flags & P_NOT_AFTER) && i > 0 && a < 7; a++) {
        if (strcmp(word_of(s, i - 1), articles[a]) == 0) {
            return 0;
        }
    }
    return 1;
}

/* Keeps ph in *c when it matches at i and is longer than *best tokens.
 * rest: 0, or where ph's words after its first begin when token i is
 * known to be its first word (match_relative's bucket of i's word). */
static void try_phrase(const scan *s, size_t i, const phrase *ph, size_t rest, cand *c,
                       size_t *best)
{
    int number = 0, unit = ph->granule;
    size_t end;
    if (!phrase_match(s, i + (rest != 0), ph->words + rest, &number, &unit, &end)) {
        return;
    }
    size_t n = end - i;
    if (n > *best && phrase_allowed(s, i, n, ph)) {
        *best = n;
        memset(c, 0, sizeof *c);
        c->first = i;
        c->last = i + n - 1;
        c->kind = FEATURES_DATE_RELATIVE;
        c->granule = (uint8_t)unit;
        c->amount = number ? number * ph->amount : ph->amount;
    }
}

/* 1 when a relative phrase may begin at token i: its word begins some,
 * or it is a number. */
static int begins_phrase(const scan *s, size_t i)
{
    const date_word *entry = dword_of(s, i)->entry;
    return (entry && entry->phrase_count) || slot_number(s, i);
}

/* The longest relative phrase at token i: one of those its word begins
 * (their first word is i's, not compared again), or one that begins with
 * a number. */
static int match_relative(const scan *s, size_t i, cand *c)
{
    size_t best = 0;
    const lang_words *lw = s->words;
    const date_word *d = dword_of(s, i)->entry;
    for (unsigned k = 0; d && k < d->phrase_count; k++) {
        uint16_t ph = lw->phrase_of[d->phrase_first + k];
        const char *next = phrases[ph].words + lw->rest_of[ph];
        /* most tokens after "the" are no "day": told by a letter */
        if (*next && !is_slot(next) && (i + 1 >= s->n || word_of(s, i + 1)[0] != *next)) {
            continue;
        }
        try_phrase(s, i, &phrases[ph], lw->rest_of[ph], c, &best);
    }
    for (unsigned k = 0; slot_number(s, i) && k < lw->number_phrase_count; k++) {
        try_phrase(s, i, &phrases[lw->number_phrase[k]], 0, c, &best);
    }
    return best > 0;
}

/* 1 when a French verb in -ront, -era, -ira, -dra (6 letters or more), a Spanish one in -rá/-rán or
 * an Italian one in -rà is token i: the future tense, cheaply. */
static int future_verb(const scan *s, size_t i)
{
    const text_token *t = &s->tok[i];
    const char *raw = s->text + t->offset;
    if (s->lang == FR) {
        static const char *const endings[] = {"ront", "era", "ira", "dra"};
        const char *w = word_of(s, i);
        uint32_t wlen = word_len(s, i);
        for (size_t e = 0; wlen >= 6 && e < sizeof endings / sizeof endings[0]; e++) {
            size_t n = strlen(endings[e]);
            if (memcmp(w + wlen - n, endings[e], n) == 0) {
                return 1;
            }
        }
        return 0;
    }
    if (s->lang == ES) {
        return (t->len >= 4 && memcmp(raw + t->len - 3, "r\xc3\xa1", 3) == 0) ||
               (t->len >= 5 && memcmp(raw + t->len - 4, "r\xc3\xa1n", 4) == 0);
    }
    return s->lang == IT && t->len >= 4 && memcmp(raw + t->len - 3, "r\xc3\xa0", 3) == 0;
}

/* A future marker between the start of i's sentence and i. */
static int future_before(const scan *s, size_t i)
{
    for (size_t k = i; k-- > 0;) {
        if (is_type(s, k, W_FUTURE) || future_verb(s, k)) {
            return 1;
        }
        if (starts_sentence(s, k)) {
            break;
        }
    }
    return 0;
}

/* "mardi [dernier|prochain]", "[last|next] Friday", "el próximo martes",
 * and a weekday leading an absolute date ("mardi 3 mars"). */
static int match_weekday(const scan *s, size_t i, cand *c)
{
    if (!is_type(s, i, W_WEEKDAY) || !name_case_ok(s, i, 1)) {
        return 0;
    }
    if (match_day_month(s, i + 1, c) ||
        (s->lang == EN && match_month_first(s, i + 1, c) && c->granule == FEATURES_DATE_DAY)) {
        c->first = i;
        return 1;
    }
    memset(c, 0, sizeof *c);
    c->first = c->last = i;
    c->kind = FEATURES_DATE_WEEKDAY;
    c->granule = FEATURES_DATE_DAY;
    c->weekday = value_of(s, i, W_WEEKDAY);
    c->rule = future_before(s, i) ? ON_OR_AFTER : ON_OR_BEFORE;
    int before = i > 0 ? qualifier(s, i - 1) : 0, after = qualifier(s, i + 1);
    if (before || after) {
        c->first -= before != 0;
        c->last += !before;
        c->rule = (before ? before : after) < 0 ? BEFORE : AFTER;
    }
    return 1;
}

static int match_at(const scan *s, size_t i, cand *c)
{
    const dword *d = dword_of(s, i);
    if (d->digit_first) {
        return match_numeric(s, i, c) || match_day_month(s, i, c) ||
               (begins_phrase(s, i) && match_relative(s, i, c));
    }
    if (!d->types) {
        /* no word of the lexicon (most tokens): the other rules all
         * begin with one at i, and a word of the table that is of no
         * type is there for the phrases it begins */
        return d->entry && match_relative(s, i, c);
    }
    return (begins_phrase(s, i) && match_relative(s, i, c)) || match_weekday(s, i, c) ||
           match_preposition(s, i, c) || match_month_first(s, i, c);
}

/* ---------------------------------------------------------------------------
 * Resolution
 * ------------------------------------------------------------------------- */

/* 0 = Monday; 1970-01-01 was a Thursday. */
static int weekday_of(int64_t day)
{
    return (int)(((day % 7) + 7 + 3) % 7);
}

static int64_t first_of_month(int year, int month)
{
    return io_days_from_civil(year, (unsigned)month, 1);
}

/* day/month (day 0: the month as a whole) in the year closest to ref;
 * direction -1: a month before ref's, +1: after it. */
static int64_t closest_year(int month, int day, int direction, int64_t ref)
{
    int year, m, d;
    io_civil_from_days(ref, &year, &m, &d);
    int64_t best = FEATURES_DATE_UNRESOLVED, best_gap = 0;
    for (int y = year - 1; y <= year + 1; y++) {
        int order = y * 12 + month - (year * 12 + m);
        if (day > io_days_in_month(y, month) || order * direction < 0 || (direction && !order)) {
            continue;
        }
        int64_t at = io_days_from_civil(y, (unsigned)month, (unsigned)(day ? day : 15));
        int64_t gap = at > ref ? at - ref : ref - at;
        if (best == FEATURES_DATE_UNRESOLVED || gap < best_gap) {
            best = day ? at : first_of_month(y, month);
            best_gap = gap;
        }
    }
    return best;
}

static int64_t resolve_absolute(const cand *c, int64_t ref)
{
    if (c->unreadable) {
        return FEATURES_DATE_UNRESOLVED;
    }
    if (c->year) {
        if (c->granule == FEATURES_DATE_YEAR) {
            return first_of_month(c->year, 1);
        }
        if (c->granule == FEATURES_DATE_MONTH) {
            return first_of_month(c->year, c->month);
        }
        if (c->day > io_days_in_month(c->year, c->month)) {
            return FEATURES_DATE_UNRESOLVED; /* 29 February of a common year */
        }
        return io_days_from_civil(c->year, (unsigned)c->month, (unsigned)c->day);
    }
    if (ref == FEATURES_DATE_UNRESOLVED) {
        return ref;
    }
    return closest_year(c->month, c->granule == FEATURES_DATE_DAY ? c->day : 0, c->direction, ref);
}

static int64_t resolve_weekday(const cand *c, int64_t ref)
{
    int back = (weekday_of(ref) - c->weekday + 7) % 7;
    int ahead = (c->weekday - weekday_of(ref) + 7) % 7;
    switch (c->rule) {
    case BEFORE: return ref - (back ? back : 7);
    case ON_OR_AFTER: return ref + ahead;
    case AFTER: return ref + (ahead ? ahead : 7);
    default: return ref - back;
    }
}

static int64_t resolve_relative(const cand *c, int64_t ref)
{
    int year, month, day;
    io_civil_from_days(ref, &year, &month, &day);
    switch (c->granule) {
    case FEATURES_DATE_WEEK: return ref - weekday_of(ref) + 7 * (int64_t)c->amount;
    case FEATURES_DATE_MONTH: {
        int m = year * 12 + (month - 1) + c->amount;
        return first_of_month(m / 12, m % 12 + 1);
    }
    case FEATURES_DATE_YEAR: return first_of_month(year + c->amount, 1);
    default: return ref + c->amount;
    }
}

static int64_t resolve(const cand *c, int64_t ref)
{
    if (c->kind == FEATURES_DATE_ABSOLUTE) {
        return resolve_absolute(c, ref);
    }
    if (ref == FEATURES_DATE_UNRESOLVED) {
        return ref;
    }
    return c->kind == FEATURES_DATE_WEEKDAY ? resolve_weekday(c, ref) : resolve_relative(c, ref);
}

/* ---------------------------------------------------------------------------
 * Sentences and the whole
 * ------------------------------------------------------------------------- */

static int trailing_mark(const char *p, size_t n)
{
    static const char *const marks[] = {
        "\xc2\xab", "\xe2\x80\x9c", "\xe2\x80\x9e", "\xc2\xa0", "\xe2\x80\xaf", "\"", "(", "["};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t m = strlen(marks[i]);
        if (n >= m && memcmp(p + n - m, marks[i], m) == 0) {
            return (int)m;
        }
    }
    unsigned char b = (unsigned char)p[n - 1];
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' ? 1 : 0;
}

/* Where token i's word begins in the text: before the elision the
 * tokenizer left out of it (TEXT_TOKEN_ELIDED: letters, then ' or ’), so
 * that a sentence neither starts after its first elision nor ends with
 * the next one's ("... verglaçante. L'"). */
static size_t word_start(const scan *s, size_t i)
{
    size_t p = s->tok[i].offset;
    if (!(s->tok[i].flags & TEXT_TOKEN_ELIDED)) {
        return p;
    }
    p -= text_apostrophe_bytes(s->text, p);
    while (p > 0 && ((s->text[p - 1] | 0x20) >= 'a' && (s->text[p - 1] | 0x20) <= 'z')) {
        p--;
    }
    return p;
}

/* The sentence (or clause: the tokenizer also starts one after : and ;)
 * around tokens first..last. */
static void sentence_of(const scan *s, const cand *c, features_date *d)
{
    size_t a = c->first;
    while (a > 0 && !starts_sentence(s, a)) {
        a--;
    }
    size_t b = c->last + 1;
    while (b < s->n && !starts_sentence(s, b)) {
        b++;
    }
    size_t start = word_start(s, a);
    size_t end = b < s->n ? word_start(s, b) : s->len;
    int m = end > start ? trailing_mark(s->text + start, end - start) : 0;
    while (m > 0) {
        end -= (size_t)m;
        m = end > start ? trailing_mark(s->text + start, end - start) : 0;
    }
    d->sentence_offset = (uint32_t)start;
    d->sentence_len = (uint32_t)(end - start);
}

static int collect(const scan *s, core_arena *arena, cand **out, size_t *count)
{
    cand *c = core_arena_alloc(arena, (s->n ? s->n : 1) * sizeof *c);
    if (!c) {
        return FIL_ENOMEM;
    }
    size_t n = 0;
    /* match_at finds nothing at another token: only these are tried,
     * past the last date found */
    for (size_t k = 0, next = 0; k < s->start_count; k++) {
        size_t i = s->starts[k];
        if (i >= next && match_at(s, i, &c[n])) {
            if (n > 0 && c[n].first <= c[n - 1].last) {
                c[n].first = c[n - 1].last + 1; /* a qualifier already taken */
            }
            next = c[n].last + 1;
            n++;
        }
    }
    *out = c;
    *count = n;
    return FIL_OK;
}

/* The given reference, else the first date of the text with a year. */
static void settle_reference(const scan *s, const cand *c, size_t n, int64_t given,
                             features_date_ref *ref)
{
    ref->day = given;
    ref->from = given == FEATURES_DATE_UNRESOLVED ? FEATURES_REF_NONE : FEATURES_REF_GIVEN;
    ref->span_offset = 0;
    for (size_t i = 0; i < n && ref->from == FEATURES_REF_NONE; i++) {
        if (c[i].kind == FEATURES_DATE_ABSOLUTE && c[i].granule == FEATURES_DATE_DAY && c[i].year &&
            !c[i].unreadable) {
            ref->day = resolve_absolute(&c[i], FEATURES_DATE_UNRESOLVED);
            ref->from =
                ref->day == FEATURES_DATE_UNRESOLVED ? FEATURES_REF_NONE : FEATURES_REF_TEXT;
            ref->span_offset = s->tok[c[i].first].offset;
        }
    }
}

/* What features_find_dates and features_find_dates_in_tokens share:
 * tok (n) are the tokens of text, none of them past len, when lang is one
 * the lexicon knows. */
static int find_dates(const features_date_words *words, const char *text, size_t len, unsigned lang,
                      const text_token *tok, const uint64_t *classes, size_t token_count,
                      int64_t given_day, core_arena *arena, features_date **out, size_t *count,
                      features_date_ref *ref)
{
    scan s = {.text = text, .len = len, .lang = lang};
    s.words = lang ? &words->lang[lang_index(lang)] : NULL;
    *out = NULL;
    *count = 0;
    cand *c = NULL;
    size_t n = 0;
    int rc = s.lang ? scan_tokens(&s, tok, classes, token_count, arena) : FIL_OK;
    if (!rc) {
        rc = collect(&s, arena, &c, &n);
    }
    settle_reference(&s, c, n, given_day, ref);
    features_date *d = rc ? NULL : core_arena_alloc(arena, (n ? n : 1) * sizeof *d);
    if (!d) {
        return rc ? rc : FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const text_token *a = &s.tok[c[i].first], *b = &s.tok[c[i].last];
        d[i].offset = a->offset;
        d[i].len = b->offset + b->len - a->offset;
        d[i].day = resolve(&c[i], ref->day);
        d[i].kind = c[i].kind;
        d[i].granule = c[i].granule;
        sentence_of(&s, &c[i], &d[i]);
    }
    *out = d;
    *count = n;
    return FIL_OK;
}

int features_find_dates(const features_date_words *words, const char *text, size_t len,
                        const char *lang, int64_t given_day, core_arena *arena, features_date **out,
                        size_t *count, features_date_ref *ref)
{
    unsigned bit = lang_bit(lang);
    text_token *tok = NULL;
    size_t n = 0;
    int rc = bit ? text_tokenize(text, len, len + 1, arena, &tok, &n) : FIL_OK;
    return rc ? rc
              : find_dates(words, text, len, bit, tok, NULL, n, given_day, arena, out, count, ref);
}

int features_find_dates_in_tokens(const features_date_words *words, const char *text, size_t len,
                                  const text_token *tokens, const uint64_t *word_classes,
                                  size_t token_count, const char *lang, int64_t given_day,
                                  core_arena *arena, features_date **out, size_t *count,
                                  features_date_ref *ref)
{
    return find_dates(words, text, len, lang_bit(lang), tokens, word_classes, token_count,
                      given_day, arena, out, count, ref);
}
