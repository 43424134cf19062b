/*
 * src/api/engine.h -- the engine's state, shared by the files of api/
 * (engine.c: the stream; events.c: its events described; similar.c:
 * pair similarity).
 * Nothing outside api/ includes it: callers see fil.h only.
 */
#ifndef FIL_API_ENGINE_H
#define FIL_API_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "clean/boilerplate.h"
#include "cluster/similarity.h"
#include "cluster/storyline.h"
#include "cluster/stream.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/map.h"
#include "dedup/index.h"
#include "features/dates.h"
#include "features/entities.h"
#include "features/termvec.h"
#include "story/aggregate.h"
#include "fil.h"
#include "text/stem.h"
#include "text/stopwords.h"

/* What is kept of an article for output (keep_articles). Strings live in
 * the engine's pool arena, which is never reset. */
/* A dated sentence of an article, kept for its event's timeline
 * (stories). Strings in the pool. */
typedef struct article_dated {
    int64_t day;      /* days since 1970-01-01 */
    uint8_t granule;  /* features_date_granularity */
    const char *what; /* the sentence, what_len bytes */
    uint32_t what_len;
    uint32_t skip_offset, skip_len; /* the date expression inside what */
} article_dated;

#define ENGINE_NO_KEYS UINT32_MAX /* a lead sentence whose words the summary reads */

typedef struct article_meta {
    const char *id, *title, *source;
    const char *lead; /* stories: its first sentences, one per line; NULL without stories,
                       * where the summary never reads them (engine_lead_wanted) and
                       * once its event retired (engine_forget_lead) */
    /* with lead: each sentence's text keys (features_text_keys_between),
     * as its key count, or ENGINE_NO_KEYS, then the keys; the block of the
     * heap they start holds the lead too (engine.c keep_lead) */
    const uint32_t *lead_keys;
    const article_dated *dated; /* stories: its resolved dates, dated_count of them */
    uint32_t dated_count;
    const story_entity *entities; /* stories: its main entities, entity_count of them */
    uint32_t entity_count;
    const story_quote *quotes; /* stories: its quotes with their speakers */
    uint32_t quote_count;
} article_meta;

/* When an article was published and in what language, apart from the rest
 * of its meta: the loops over an event's members (the summary's, the
 * order of the members) read only these, and an event's members lie all
 * over the articles: 16 bytes an article (1.6 MB for 100k) stay in the
 * caches where the metas (11 MB) did not. */
typedef struct article_when {
    int64_t time_s; /* CLUSTER_NO_TIME when not published */
    char lang[8];
} article_when;

/* What is kept of an event for output once its centroid goes (events.c). */
typedef struct event_note {
    cluster_profile profile; /* for storylines; taken = profile.entities.terms != NULL */
    char *summary;           /* stories: a JSON array of sentences (malloc), or NULL */
    uint32_t size;           /* the event's size when the note was taken: a live
                              * event's note is taken again only once it grew */
} event_note;

/* What the last description of the events said of each (events.c), so
 * that fil_stories_changed_json can leave out what has not changed. */
typedef struct events_described {
    uint32_t *size;      /* by event id: its size then (0: never described) */
    uint64_t *storyline; /* by event id: its storyline's id then */
    uint64_t *growth;    /* by event id: hash of its growth text then */
    size_t count;        /* events described */
} events_described;

/* What fil_learn found in an article's words (features_count), kept for
 * fil_similarity, which would otherwise tokenise and stem it again
 * (similar.c). An article is found by its cleaned title and text and its
 * language, compared in full, so an article cleaned differently when
 * scored is simply not found. Memory: the arena, at most
 * ENGINE_LEARNED_BYTES; when full, every entry is forgotten and the memo
 * fills again (a miss costs time, never a different score). */
#define ENGINE_LEARNED_BYTES (64u << 20)
#define ENGINE_LEARNED_CHUNK (2 * CORE_HUGE_PAGE - 1024) /* 4 MiB with its header: huge pages */

typedef struct engine_learned {
    core_map index;   /* hash of language, title and text -> learned_entry * (first kept) */
    core_arena arena; /* the entries, their texts and counts */
} engine_learned;

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
    features_date_words *date_words;     /* the words dates are read from */
    core_arena scratch;                  /* per article; reset at each fil_add */
    core_arena label_scratch;            /* per label; labels run inside fil_add too */
    core_arena pool;                     /* long-lived strings of article_meta */
    core_map entity_names;               /* stories: names kept in the pool (engine.c kept_names) */
    engine_learned learned;              /* fil_learn's word counts, for fil_similarity */
    article_meta *articles;              /* by arrival (keep_articles) */
    article_when *when;                  /* by arrival, beside articles */
    event_note *notes;                   /* by event id; taken when an event retires */
    events_described described;          /* what the last description said */
    cluster_linker *linker;              /* storylines kept between descriptions (NULL first) */
    size_t note_capacity;
    char derived_id[FIL_ID_SIZE]; /* the id of the last article that came without one */
    size_t article_count, article_capacity, when_capacity;
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

/* The stream's retire hook: takes what events.c needs of an event's
 * centroid (label, storyline profile, summary) before the centroid goes,
 * then frees its members' leads, which nothing reads again. */
void engine_on_retire(void *ctx, cluster_event *ev);

/* Frees m's lead (the block lead_keys starts, which keep_lead always sets
 * with lead) and sets both NULL; nothing when it has none. */
void engine_forget_lead(article_meta *m);

/* Whether the lead sentences of the article that arrived as `arrival`
 * (language lang, time t; e->articles does not hold it yet), just added
 * to ev, may ever be read by the event's summary (events.c): not when
 * STORY_SUMMARY_ARTICLES members in its language already come before it
 * in the summary's time order, since members never leave an event, so
 * the summary stops before it. Reads at most STORY_SUMMARY_ARTICLES * 4
 * members, and says yes past them. */
int engine_lead_wanted(const fil_engine *e, const cluster_event *ev, uint64_t arrival,
                       const char *lang, int64_t t);

/* The cleaned title, a line break and the cleaned text (scratch arena),
 * NUL-terminated, *len bytes; NULL when the arena is full. */
char *engine_join(fil_engine *e, const engine_prepared *p, size_t *len);

/* Builds the entity gazetteer on first use (entities.c). FIL_ENOMEM, or
 * FIL_EPARSE with the bad data line in *bad_line. */
int engine_gazetteer(fil_engine *e, size_t *bad_line);

/* Frees the event notes (fil_close). */
void engine_free_notes(fil_engine *e);

/* An ISO 639 code from a given 'lang' ("FR", "fr-CA" -> "fr"), or ""
 * when there is none or it is not one. */
void engine_normalise_lang(const char *given, char out[8]);

/* Loads the model built into the library (data/similarity.weights), if
 * the build carries one. FIL_EPARSE when it is malformed. */
int engine_load_similarity(fil_engine *e);

#endif
