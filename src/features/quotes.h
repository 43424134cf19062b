/*
 * src/features/quotes.h -- direct quotations in news text.
 *
 * Promise: features_find_quotes lists, in text order, the spans between a
 * pair of quotation marks: « », “ ”, „ “ (or „ ”), ‹ ›, and straight
 * double quotes. A span is a quote when it holds at least
 * FEATURES_QUOTE_MIN_WORDS words and closes within FEATURES_QUOTE_MAX_BYTES
 * and before a blank line; an unclosed mark is skipped. Marks do not nest:
 * the first closing mark of the right kind ends the quote.
 * Each quote's key hashes its letters and digits, ASCII lower-cased (other
 * bytes as they are), so one quotation typeset two ways ("« Nous... »",
 * "“nous...”") has one key.
 * Memory: the array lives in the arena.
 * Limits: at most one quote per FEATURES_QUOTE_MIN_WORDS words of input.
 * Errors: FIL_ENOMEM when the arena is full.
 */
#ifndef FIL_FEATURES_QUOTES_H
#define FIL_FEATURES_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define FEATURES_QUOTE_MIN_WORDS 3
#define FEATURES_QUOTE_MAX_BYTES 2000

typedef struct features_quote {
    uint32_t offset; /* byte offset of the quoted text, marks excluded */
    uint32_t len;    /* bytes of the quoted text */
    uint32_t words;  /* runs of letters or digits in it */
    uint32_t key;    /* never 0 */
} features_quote;

int features_find_quotes(const char *text, size_t len, core_arena *arena, features_quote **out,
                         size_t *count);

#endif
