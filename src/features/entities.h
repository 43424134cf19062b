/*
 * src/features/entities.h -- people, places and organisations named in an
 * article (fr, en, de, es, it), from rules plus gazetteers.
 *
 * Promise: features_find_entities lists the entities of a text, each once,
 * in order of first mention, with a canonical name that is the same in
 * every language and spelling ("Erdoğan", "Erdogan" -> "erdogan";
 * "Moscou", "Moskau" -> "moscow"), a display form, a type, a mention count
 * and the byte offset of the first mention.
 *
 * Gazetteers (compiled in; features_gazetteer_new):
 *  - countries (ISO 3166-1, names in en, fr, de, es, it) and regions
 *    (ISO 3166-2, their own names of 5 letters or more), read from Debian's iso-codes at build time
 * by cmake/iso_places.c, so the library reads no file at run time and a build gives the same table
 * on every machine;
 *  - data/entity_aliases.txt: the names of one entity across languages and
 *    spellings, cities, organisations; a line sharing a name with a country
 *    joins it and names it (canonical "turkey" rather than "turkiye");
 *  - data/demonyms.txt: "turc", "Turkish", "türkische" count as mentions of
 *    Turkey;
 *  - data/entity_words.txt: titles, name particles, organisation words,
 *    locative prepositions, words never names (months, weekdays), kinds
 *    of place, mayors' titles, German nouns used after "in".
 * Canonical names: text/normalize.h folding with accents stripped,
 * hyphens and apostrophes as spaces, full stops dropped; for a gazetteer
 * entity, its table name so folded.
 *
 * Rules, in the order they are tried at each token:
 *  1. the longest gazetteer name starting here (names written in capitals
 *     in the table, "UN", "EU", only match capitals: "Un" is a French
 *     article). Countries and aliases hold even at a sentence start;
 *     regions (3166-2 has "Central", "Mono") only inside a sentence. A
 *     name goes on past a gazetteer word followed by one more capitalised
 *     word ("Europa Wire", "London Heathrow"), not by a whole name;
 *  2. a demonym, unless capitalised and followed by one capitalised word
 *     ("Deutsche Bahn" is a name, "Syrian" alone means Syria); each part
 *     of a hyphenated one counts ("schweizerisch-britischen") when the
 *     first part is one ("sud-américains" is not). A city's or region's
 *     adjective is read from its ending where the stem is a place of the
 *     gazetteer: French "-ois", "-ais", "-ien", "-an" and their forms
 *     ("bernois", "valaisannes", "parisien"; capitalised only as a
 *     people, "les Bernois", not before a name: "François Hollande"),
 *     German capitalised "-er" ("Rotterdamer Hafen", "Münchner");
 *  3. a title ("M.", "Mme", "Mr", "Präsident", "US-Präsident", "el
 *     presidente", "le président turc", compounds "Flughafensprecherin"):
 *     the next capitalised span within four words, on the same side of
 *     punctuation, is a person even at a sentence start; the title is not
 *     part of the name. A lone capitalised word right after "de"/"of" is
 *     the title's complement ("ministra de Transportes, Agnès Morel"); in
 *     German a title meets its name at once or through particles: an
 *     article or another lower-case word closes its reach ("Sprecherin
 *     des Flughafens", "Frau über seine Ankunft"). A mayor's complement
 *     (a [seat] title) is a place ("Bürgermeisterin von Delft", split
 *     from a name run into it: "exalcaldesa de Delft Anneke Stolk"). An
 *     acronym or gazetteer name before a hyphenated title is an
 *     organisation or a place ("VRT-Direktor", "US-Präsident"). A kind
 *     word ("Gewerkschaft", "syndicat", "-verband") makes the word right
 *     after it an organisation the same way, and a verb of saying
 *     ("sagte", "said", "a déclaré") the name right after it a person;
 *  4. a capitalised span: capitalised words separated by spaces only,
 *     joined through particles ("Ursula von der Leyen", "Ahmed bin
 *     Salem") and hyphens ("Bachar el-Assad"). It is dropped when it is
 *     one letter, all stopwords, a word never a name, in capitals but a
 *     heading (capital words on both sides, or over 8 letters: "FLASH
 *     INFO", "NEWSLETTER"), or damaged: followed by a short lower-case
 *     word hanging on a hyphen or apostrophe ("Bachar el-,", "d’ a") or
 *     by a space before a comma or full stop ("Recep Tayyip ,"), the marks
 *     a scraper leaves where it cut a link out; or a credit: glued by "."
 *     or "/" to the word before it near a line's end ("match.AFP",
 *     "20min/Vanessa Lam", a caption's photo credit) or alone in
 *     parentheses on its line ("(AFP)" signing the article). A place of
 *     the gazetteer after a particle inside it counts too ("Universidad
 *     de Salamanca"). In fr, es and it a capitalised demonym goes on a
 *     name ("l'Armée Allemande");
 *  5. a one-word span at a sentence start, and in German (which
 *     capitalises every noun) any span not after a title, is tentative:
 *     kept only when the article also names it where capitals prove a
 *     name, or it is the last word of a longer name there ("Ibrahim Kalın"
 *     ... "Kalın a souligné"). A dash ("Rotterdam – Thousands") starts a
 *     sentence; every span of a line in headline case (most words
 *     capitalised, no full stop at its end) is tentative. In German a
 *     capitalised word after an article ("im Großraum München") starts no
 *     name, and one after "in" with no article is a place ("in
 *     Duisburg"), unless shaped like a noun or a plural ("in Kraft", "in
 *     Richtung", "in Flugzeugen"; [noun] lists the common ones);
 *  6. a tentative one-word name is confirmed as the subject of a verb of
 *     saying ("Havenunie said", "Stolk a déclaré"; not in German, nor a
 *     word for an organisation, nor an English plural: "Officials said"),
 *     or as an item of a list whose items include a gazetteer name: lines
 *     each after a number or a bullet ("1. London\n2. Malaga"), or one
 *     sentence with commas and a conjunction ("Miami, Barcelone ou encore
 *     New York"; not German, not a stopword); it takes the list's type.
 * A one-word span equal to the last word of a longer unknown name (of
 * several words, not one hyphenated word) in the article is that name
 * (and, when sure, confirms it), and an acronym equal to its initials is
 * it too ("VRT" after "Vereniging Rotterdamse Terminals"). Types: the
 * gazetteer's; else organisation when a word is an organisation word,
 * place when one is a kind of place ("Plaza de España", "Mont Vélan"),
 * person after a title, organisation after a kind word or in a
 * dateline's parentheses ("ROTTERDAM (Europa Wire) –"), organisation for
 * a span of two words or more that begins with a place ("Europa Wire"),
 * else person for one of two words or more, organisation for an acronym,
 * place after a locative preposition ("à Saraqeb", "in Berlin"), other
 * for the rest.
 *
 * Memory: the gazetteer owns its tables (about 10k names, ~1.5 MB) and is
 *         read-only after features_gazetteer_new; the entities and their
 *         strings live in the arena passed in.
 * Errors: FIL_ENOMEM when the arena or an allocation fails; FIL_EPARSE
 *         from features_gazetteer_new when a data file has a bad line.
 * Limits: the text is tokenised up to max_tokens; at most
 *         FEATURES_ENTITY_SURFACES surface forms are kept per entity.
 * Threads: one gazetteer may be shared for reading.
 */
#ifndef FIL_FEATURES_ENTITIES_H
#define FIL_FEATURES_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

#define FEATURES_ENTITY_SURFACES 8

enum features_entity_type {
    FEATURES_ENTITY_PERSON = 0,
    FEATURES_ENTITY_PLACE = 1,
    FEATURES_ENTITY_ORG = 2,
    FEATURES_ENTITY_OTHER = 3
};

typedef struct features_entity {
    const char *canonical; /* folded, accent-stripped, language-neutral */
    const char *display;   /* the fullest surface form in words (then the most
                            * frequent; no English possessive), or the table's name
                            * when the entity was met only as a demonym */
    const char *surfaces[FEATURES_ENTITY_SURFACES]; /* distinct forms seen, first first */
    uint32_t surface_count;
    uint32_t count;        /* mentions, demonyms included */
    uint32_t first_offset; /* bytes into the text of the first mention */
    unsigned type;         /* enum features_entity_type */
} features_entity;

typedef struct features_gazetteer features_gazetteer;

/* Builds the gazetteer from the compiled-in tables. Caller frees with
 * features_gazetteer_free. NULL with *rc set on failure (FIL_ENOMEM,
 * FIL_EPARSE with the bad line's number in *bad_line). */
features_gazetteer *features_gazetteer_new(int *rc, size_t *bad_line);
void features_gazetteer_free(features_gazetteer *g);

/* Static name of a type: "person", "place", "org", "other". */
const char *features_entity_type_name(unsigned type);

/* The entities of text s (len bytes, lang an ISO 639-1 code or "" when
 * unknown). *out and its strings are in arena, borrowed until its reset. */
int features_find_entities(const features_gazetteer *g, const text_stopwords *sw, const char *lang,
                           const char *s, size_t len, size_t max_tokens, core_arena *arena,
                           features_entity **out, size_t *count);

/* features_find_entities for a caller that has tokenised s already:
 * tokens (token_count, in text order) are text_tokenize's of s or of a
 * longer text that s begins; those ending past len are left out (so a
 * word that straddles len is, where features_find_entities reads the part
 * before it). word_keys: NULL, or features_token_key (features/termvec.h)
 * of each token in lang, known already: its 0 for a word of two bytes or
 * more says "stopword", and spares that word a probe of sw. word_classes:
 * NULL, or per token a class whose low 32 bits are
 * features_gazetteer_word_class of its folded form (or
 * FEATURES_CLASS_UNKNOWN), which spares it a look in g. */
int features_find_entities_in_tokens(const features_gazetteer *g, const text_stopwords *sw,
                                     const char *lang, const char *s, size_t len,
                                     const text_token *tokens, const uint32_t *word_keys,
                                     const uint64_t *word_classes, size_t token_count,
                                     core_arena *arena, features_entity **out, size_t *count);

/* What the entity finder knows of a word by itself (its folded form, len
 * bytes): its word classes and the place it is a demonym of, packed; 0
 * for most words. For callers that keep it per word (features_counts'
 * word_classes) and hand it back to features_find_entities_in_tokens. */
uint32_t features_gazetteer_word_class(const features_gazetteer *g, const char *folded, size_t len);

#endif
