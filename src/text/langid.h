/*
 * src/text/langid.h -- language of an article.
 *
 * Promise: text_detect_language returns an ISO 639-1 code, or "und".
 * Method: CLD2 (text/langid_cld2.h) decides when it calls its answer
 * reliable. Short text such as a headline often is not; then the language
 * whose stopwords (text/stopwords.h) cover the most tokens wins when it
 * has at least two and beats the runner-up, else CLD2's guess stands.
 * A cut at 64 KiB bounds the cost.
 * Memory: scratch from the arena.
 */
#ifndef FIL_TEXT_LANGID_H
#define FIL_TEXT_LANGID_H

#include <stddef.h>

#include "core/arena.h"
#include "text/stopwords.h"

void text_detect_language(const text_stopwords *sw, const char *text, size_t len, core_arena *arena,
                          char out[8]);

#endif
