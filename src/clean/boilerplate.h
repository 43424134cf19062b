/*
 * src/clean/boilerplate.h -- removal of scraper and publisher debris.
 *
 * Promise: clean_article returns the article's title and text without
 *  - prefixes that announce rather than say: "FLASH INFO :", "BREAKING:",
 *    "EILMELDUNG:", "ÚLTIMA HORA:", and a "date 2020-03" stamp at the start
 *    of a line, or after a footnote ("*...") glued in front of it;
 *  - lone action words ("Discuter", "Share", "Partager", "Teilen", ...);
 *  - short share/cookie/subscribe/copyright lines and "*" footnotes;
 *  - lines learned to be boilerplate for the article's source: a line of
 *    at most CLEAN_MAX_LEARNED_BYTES seen in boilerplate_min_count distinct
 *    articles of one source is dropped from then on (the first articles
 *    keep it: the learner is online and sees each article once).
 * A comment-section or footer opener ("Que pensez-vous de cet article ?",
 * "Leave a comment") ends the text; short capitalised headings
 * ("NEWSLETTER") go.
 * The title gets the same line rules (without learning). A title that
 * cleans away entirely ("FLASH INFO :") is replaced by the first line of
 * the text; an article that would be left with nothing keeps its raw
 * title; a "title" over CLEAN_MAX_TITLE_BYTES is a paragraph: it is
 * kept whole at the head of the text and cut to its first sentence.
 * Memory: cleaned text lives in the arena. The learner's table is bounded
 *         (CLEAN_MAX_LEARNED_LINES); when full it forgets everything and
 *         learns again.
 * Cost: one hash per short line.
 */
#ifndef FIL_CLEAN_BOILERPLATE_H
#define FIL_CLEAN_BOILERPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define CLEAN_MAX_LEARNED_BYTES 200
#define CLEAN_MAX_LEARNED_LINES (1u << 20)
#define CLEAN_MAX_TITLE_BYTES   200

typedef struct clean_learner clean_learner;

/* min_count 0 disables learning. Caller frees with clean_learner_free. */
clean_learner *clean_learner_new(uint32_t min_count);
void clean_learner_free(clean_learner *l);

typedef struct clean_output {
    const char *title; /* arena, NUL-terminated */
    size_t title_len;
    const char *text; /* arena, NUL-terminated */
    size_t text_len;
} clean_output;

/* Cleans title and text (text_len bytes of text). source may be NULL or ""
 * (then nothing is learned). FIL_ENOMEM when the arena is full. */
int clean_article(clean_learner *l, const char *source, const char *title, const char *text,
                  size_t text_len, core_arena *arena, clean_output *out);

#endif
