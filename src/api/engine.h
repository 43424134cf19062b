/*
 * src/api/engine.h -- the engine's state, shared by the files of api/
 * (engine.c: the stream and its events; similar.c: pair similarity).
 * Nothing outside api/ includes it: callers see fil.h only.
 */
#ifndef FIL_API_ENGINE_H
#define FIL_API_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "clean/boilerplate.h"
#include "cluster/similarity.h"
#include "cluster/stream.h"
#include "core/arena.h"
#include "dedup/index.h"
#include "features/entities.h"
#include "features/termvec.h"
#include "fil.h"
#include "text/stem.h"
#include "text/stopwords.h"

#define ENGINE_ID_BYTES 24 /* "h" + 16 hex digits + NUL, rounded up */

/* What is kept of an article for output (keep_articles). Strings live in
 * the engine's pool arena, which is never reset. */
typedef struct article_meta {
    const char *id, *title, *source;
    char lang[8];
    int64_t time_s; /* CLUSTER_NO_TIME when not published */
} article_meta;

struct fil_engine {
    fil_config cfg;
    text_stopwords *stopwords;
    text_stemmers *stemmers;
    features_context features;
    clean_learner *learner;
    cluster_stream *stream;
    dedup_index *dedup;                  /* copies and rewrites over the dedup window */
    cluster_similarity_model similarity; /* meaningful when has_similarity */
    int has_similarity;                  /* 0: the build carries no model yet */
    features_gazetteer *gazetteer;       /* NULL until the first fil_entities */
    core_arena scratch;                  /* per article; reset at each fil_add */
    core_arena label_scratch;            /* per label; labels run inside fil_add too */
    core_arena pool;                     /* long-lived strings of article_meta */
    article_meta *articles;              /* by arrival (keep_articles) */
    char derived_id[ENGINE_ID_BYTES];    /* the id of the last article that came without one */
    size_t article_count, article_capacity;
};

/* An article cleaned and with its language settled; strings in the
 * engine's scratch arena. */
typedef struct engine_prepared {
    const char *title, *text, *source;
    size_t title_len, text_len;
    char lang[8];
} engine_prepared;

/* Cleans the article and settles its language. learn: 1 to let the
 * per-source boilerplate learner count its lines (articles of the stream),
 * 0 to leave the learner as it is. Errors: FIL_ENOMEM. */
int engine_prepare(fil_engine *e, const fil_article *a, int learn, engine_prepared *p);

/* Seconds since the epoch, or CLUSTER_NO_TIME; *ignored is set when a
 * time was given but could not be read. */
int64_t engine_article_time(const fil_article *a, int *ignored);

/* The words near-duplicates are sought in: the text, or the title when
 * there is no text (borrowed from a), cut to at most max_bytes at a
 * character boundary as engine_prepare cuts the text. */
const char *engine_dedup_words(const fil_article *a, size_t max_bytes, size_t *len);

/* Loads the model built into the library (data/similarity.weights), if
 * the build carries one. FIL_EPARSE when it is malformed. */
int engine_load_similarity(fil_engine *e);

#endif
