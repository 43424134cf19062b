/*
 * src/text/langid_cld2.h -- a C face for CLD2 (Compact Language Detector 2).
 *
 * Promise: text_cld2_detect runs CLD2 over valid UTF-8 plain text and
 * writes the ISO 639-1 code of the most likely language into code ("un"
 * when CLD2 does not know), old codes modernised (iw -> he, in -> id,
 * jw -> jv), script suffixes dropped (zh-Hant -> zh). *reliable is CLD2's
 * own verdict. Input past 64 KiB is ignored (CLD2 needs far less).
 * Threads: CLD2 is stateless; safe from any thread.
 */
#ifndef FIL_TEXT_LANGID_CLD2_H
#define FIL_TEXT_LANGID_CLD2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void text_cld2_detect(const char *utf8, size_t len, char code[8], int *reliable);

#ifdef __cplusplus
}
#endif
#endif
