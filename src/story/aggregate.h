/*
 * src/story/aggregate.h -- the entities and quotes of many articles, as one
 * story tells them.
 *
 * Promise: story_entities_json merges the entities of the given articles
 * by canonical name and writes the STORY_TOP_ENTITIES most widespread as
 * a JSON array of {"name", "canonical", "type", "articles", "mentions"}:
 * most articles first, then most mentions, then by canonical name; the
 * name is the spelling most of the articles wrote ("Barcelona" over the
 * one French "Barcelone"; then the most mentioned, then the earlier), and
 * the type that of the article that mentions it most (the earlier on a
 * tie).
 * story_quotes_json merges the quotes by key (features/quotes.h: one
 * quotation typeset two ways is one quote) and writes at most
 * STORY_TOP_QUOTES as {"text", "speaker", "articles", "sources"}: carried
 * by most articles first, then in order of first appearance. The text is
 * the first article's; the speaker is the one most articles name (null
 * when none does; ties to the earlier), by display form; every article
 * and outlet that carried it is listed once, in article order.
 * Memory: scratch from the arena; output appended to out.
 * Errors: FIL_ENOMEM.
 */
#ifndef FIL_STORY_AGGREGATE_H
#define FIL_STORY_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"

#define STORY_TOP_ENTITIES 20
#define STORY_TOP_QUOTES   20

/* What an engine keeps of each article for stories. */
#define STORY_ENTITY_BYTES         8000 /* entities and quotes are sought in the first bytes */
#define STORY_ENTITIES_PER_ARTICLE 16   /* the most mentioned */
#define STORY_QUOTES_PER_ARTICLE   8
#define STORY_QUOTE_BYTES          600 /* a quote is cut to this */

/* An entity as an article keeps it: 16 bytes, since every article keeps
 * STORY_ENTITIES_PER_ARTICLE of them (halving them took 25 MB from the
 * peak RSS of --stories on the 100k stream). */
typedef struct story_entity {
    const char *names;       /* "canonical\0display": the canonical name, then,
                              * after its NUL, the form the article wrote */
    uint32_t canonical_hash; /* story_name_hash of the canonical name */
    uint16_t count;          /* mentions in its article (at most UINT16_MAX) */
    uint8_t type;            /* FEATURES_ENTITY_* */
} story_entity;

/* The hash a story_entity keeps of its canonical name. */
uint32_t story_name_hash(const char *canonical);

/* The display form of entity e: the second of its names. */
const char *story_entity_display(const story_entity *e);

typedef struct story_quote {
    const char *text; /* the quoted words, len bytes */
    uint32_t len;
    uint32_t key;                  /* features_quote key */
    const char *speaker;           /* display form, or NULL */
    const char *speaker_canonical; /* or NULL */
} story_quote;

/* What one article brings. */
typedef struct story_article {
    const char *id, *source; /* source may be NULL */
    const story_entity *entities;
    size_t entity_count;
    const story_quote *quotes;
    size_t quote_count;
} story_article;

int story_entities_json(const story_article *articles, size_t n, core_arena *scratch,
                        core_buf *out);
int story_quotes_json(const story_article *articles, size_t n, core_arena *scratch, core_buf *out);

#endif
