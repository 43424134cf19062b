/*
 * src/story/sentences.h -- a text cut into sentences.
 *
 * Promise: story_next_sentence finds the sentence that starts at or after
 * *pos in text: leading blanks are skipped, and the sentence ends after
 * . ! ? or … (with any closing quotes or brackets after it) when a blank
 * and then an upper-case letter, a digit, an opening quote or a dash
 * follow, or at a line break, or at the end of the text. So a full stop
 * before a lower-case word ends nothing ("etc. and"), nor one after a
 * capitalised word of at most three letters ("M.", "Mr.", "Dr.", "U.S.";
 * the price: "Bob. He" stays one sentence), nor one after a number of one
 * or two digits ("am 5. März"; the price: "won 2. Then"). The rules are made for
 * choosing summary sentences: a missed break makes a sentence too long,
 * which the caller's length limit then rejects.
 * Memory: none; spans point into text.
 */
#ifndef FIL_STORY_SENTENCES_H
#define FIL_STORY_SENTENCES_H

#include <stddef.h>

typedef struct story_span {
    size_t offset, len;
} story_span;

/* Runs of non-blank bytes in the len bytes at s, counted up to max at
 * the most: whether a sentence has max words is settled by its first
 * ones (SIZE_MAX counts them all). */
size_t story_count_words_upto(const char *s, size_t len, size_t max);

/* 1 with *out set and *pos moved past it, 0 when no sentence is left. */
int story_next_sentence(const char *text, size_t len, size_t *pos, story_span *out);

#endif
