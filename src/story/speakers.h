/*
 * src/story/speakers.h -- who said a quotation.
 *
 * Promise: story_find_speaker names the person (one of the article's
 * person entities) who said a direct quote of the text, or none. The
 * rules, tried in order:
 *  1. frame after the quote: a speech verb or "selon"-like word between
 *     the closing mark and the sentence's end, within
 *     STORY_SPEAKER_FRAME_BYTES ("», a déclaré Recep Tayyip Erdogan",
 *     "”, Trump said", "“, sagte Scholz", "», según Sánchez"): the first
 *     person named after the closing mark, before the sentence ends;
 *  2. frame before the quote: a speech verb or a colon between the
 *     sentence's start (at most STORY_SPEAKER_FRAME_BYTES back) and the
 *     opening mark ("Erdogan a déclaré : «...»", "Trump said: “...”"):
 *     the last person named there;
 *  3. a frame after the quote that names no one describes the speaker
 *     ("», a lancé l'homme fort d'Ankara", "», a déclaré le président
 *     turc"): news describes its main actor so, hence the person named
 *     most often before the quote (the nearer on a tie);
 *  4. otherwise (a pronoun frame, "a-t-il ajouté", "selon lui", or no
 *     frame): the nearest person named before the quote, within
 *     STORY_SPEAKER_BACK_BYTES.
 * Names inside the quote itself never count. A person is found where one
 * of its surface forms (as the entity finder saw them) occurs in the
 * text. Speech verbs are listed for fr, en, de, es and it; another
 * language gets rule 3 only.
 * Memory: scratch from the arena (the mention list, built once per text
 * by story_speakers_index). Errors: FIL_ENOMEM.
 */
#ifndef FIL_STORY_SPEAKERS_H
#define FIL_STORY_SPEAKERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define STORY_SPEAKER_FRAME_BYTES 160
#define STORY_SPEAKER_BACK_BYTES  800

/* A person the article names, with the forms it names them by. */
typedef struct story_person {
    const char *const *surfaces;
    size_t surface_count;
} story_person;

typedef struct story_mention {
    uint32_t offset, end; /* bytes of the text */
    uint32_t person;      /* index into the persons given */
} story_mention;

typedef struct story_speakers {
    const char *text;
    size_t len;
    const char *lang;
    story_mention *mentions; /* by offset (arena) */
    size_t count;
} story_speakers;

/* Finds every mention of the persons in text. */
int story_speakers_index(story_speakers *s, const char *text, size_t len, const char *lang,
                         const story_person *persons, size_t n, core_arena *arena);

/* The person who said the quote whose words span [start, end) (marks
 * excluded), or -1. */
long story_find_speaker(const story_speakers *s, size_t start, size_t end);

#endif
