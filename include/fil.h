/*
 * fil.h -- the public API of libfil, a news story engine.
 *
 * Promise: articles go in one at a time (fil_add); each is cleaned, its
 * language identified, tokenised, stemmed and turned into TF-IDF
 * sub-vectors, then joined to the best active event or made the seed of a
 * new one. The engine holds every event it made and can describe them as
 * JSON (fil_events_json). Readers (fil_reader_*) turn JSONL files, web
 * pages (their article extracted), RSS/Atom/RDF feeds (one article per
 * item), plain text files, any of them gzipped, directories of them, or
 * stdin into fil_article records.
 *
 * Errors:  every fallible call returns FIL_OK (0) or a negative FIL_E*
 *          code, and fills the caller's fil_error when one is given. The
 *          library never prints and never exits.
 * Memory:  pointers handed in are borrowed for the duration of the call.
 *          Pointers handed out say who frees them; fil_free releases any
 *          buffer the library gives to the caller.
 * Threads: one engine must not be used from two threads at once; separate
 *          engines share nothing and may run in parallel.
 */
#ifndef FIL_H
#define FIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(FIL_BUILDING_LIBRARY) && defined(__GNUC__)
#define FIL_API __attribute__((visibility("default")))
#else
#define FIL_API
#endif

#define FIL_VERSION "0.1.0"

/* Error codes. Numbered explicitly; a number is never reused. */
enum fil_code {
    FIL_OK = 0,
    FIL_ENOMEM = -1,    /* allocation failed */
    FIL_EINVAL = -2,    /* invalid argument or configuration value */
    FIL_EIO = -3,       /* file could not be opened or read */
    FIL_EPARSE = -4,    /* a record is not valid JSON or not an object */
    FIL_EEMPTY = -5,    /* a record has neither title nor text */
    FIL_ETOOBIG = -6,   /* a record or line exceeds its ceiling */
    FIL_EENCODING = -7, /* bytes are not text (binary or mostly invalid UTF-8) */
    FIL_ENOTFOUND = -8, /* no such event, language or key */
    FIL_ELIMIT = -9,    /* a configured ceiling was reached */
    FIL_EOF = -10,      /* a reader has no more records (not a failure) */
    FIL_ESTORE = -11    /* the database failed, or does not match the engine */
};

#define FIL_ERROR_SIZE 256

/* Filled by fallible public calls: the code and a lowercase message that
 * names the input (file, line, article id). */
typedef struct fil_error {
    int code;
    char message[FIL_ERROR_SIZE];
} fil_error;

/* Static text for an error code; never NULL. */
FIL_API const char *fil_strerror(int code);

/* Releases a buffer the library handed to the caller. NULL is a no-op. */
FIL_API void fil_free(void *ptr);

/* ---------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------- */

/* Tunables of the engine. Start from fil_config_default() and change fields;
 * fil_config_load() reads "key = value" lines over them. The calibrated
 * weights shipped in data/cluster.weights are in that format. */
typedef struct fil_config {
    /* Event scoring (Miranda et al. 2018): the score of an article against
     * a cluster is the weighted mean of the sub-vector cosines that both
     * sides have, scaled by a time factor; the article joins the best
     * cluster when the score reaches threshold. */
    double threshold;       /* in [0, 1], for headline-only articles */
    double threshold_full;  /* in [0, 1], for articles with a body */
    double weight_title;    /* cosine of title vectors */
    double weight_text;     /* cosine of title+body vectors */
    double weight_entities; /* cosine of entity-like token vectors */
    double weight_phrases;  /* cosine of body word-trigram vectors */
    double weight_time;     /* in [0, 1]: share of the score that time can take away */
    double time_sigma_days; /* sigma of the Gaussian over the day gap */
    double untimed_factor;  /* in [0, 1]: the time factor when a side has no time */
    double weight_size;     /* the score is scaled by 1 + weight_size * ln(event size):
                             * a centroid of many varied articles is far from each of them */

    /* Memory bounds of the active set. */
    double window_days;       /* a cluster idle this long (stream time) leaves the index, and
                               * an article joins no cluster further than this from its time */
    uint32_t window_articles; /* ...or idle for this many arrivals, for untimed streams and
                               * clusters of late articles (older than the window on arrival) */
    uint32_t dedup_window; /* each article is compared for near-duplicates with this many before it
                            * (about 1.2 KiB of memory each) */
    uint32_t centroid_terms; /* K: top terms kept per centroid sub-vector */
    uint32_t lookup_terms;   /* an article's strongest terms used to find candidates */
    uint32_t max_postings;   /* a term in more active centroids than this is not used to look up */
    uint32_t max_candidates; /* clusters scored exactly per article */

    /* Input ceilings. */
    uint32_t max_article_bytes; /* longer texts are cut at a UTF-8 boundary */
    uint32_t max_tokens;        /* tokens kept per article */

    /* Storylines (cluster/storyline.h): an event joins the storyline whose
     * entity and text profile scores at least storyline_threshold, with
     * storyline_entity_weight the entity cosine's share, if that storyline
     * had an event within storyline_window_days. */
    double storyline_threshold;
    double storyline_entity_weight;
    double storyline_window_days;

    /* Per-source boilerplate learning: a short line seen in this many
     * articles of one source is boilerplate from then on. 0 disables. */
    uint32_t boilerplate_min_count;

    /* 1: keep each article's id, title, source and time for fil_events_json.
     * 0: keep nothing per article (streaming assignments only). */
    int keep_articles;

    /* 1: also keep what stories need (each article's lead sentences), so
     * that events carry a summary. Needs keep_articles. */
    int stories;
} fil_config;

FIL_API void fil_config_default(fil_config *cfg);

/* Reads "key = value" lines ('#' starts a comment) into cfg; keys are the
 * field names above. Unknown keys and bad values are errors naming the
 * line. Fields not mentioned keep their value. */
FIL_API int fil_config_load(fil_config *cfg, const char *path, fil_error *err);

/* Sets one field by name from text, as fil_config_load does per line. */
FIL_API int fil_config_set(fil_config *cfg, const char *key, const char *value, fil_error *err);

/* ---------------------------------------------------------------------------
 * Articles and readers
 * ------------------------------------------------------------------------- */

/* One article. Only title or text is required; every string is UTF-8 and
 * NUL-terminated, or NULL when absent. */
typedef struct fil_article {
    const char *id; /* NULL: a hash of url, else of title and text */
    const char *url;
    const char *source;    /* NULL: the host of url */
    const char *lang;      /* ISO 639-1; NULL: detected */
    const char *published; /* ISO-8601; NULL: arrival order stands in */
    const char *title;
    const char *text;
    const char *extra_json; /* other fields of the record as a JSON object, or NULL */
    uint32_t repaired;      /* invalid UTF-8 sequences replaced by U+FFFD while reading */
    uint32_t line;          /* line number in its file (1-based), 0 if not line-based */
    const char *origin;     /* the file it came from, for messages; NULL if none */
    const char *author;     /* as the page or feed names it; NULL when unknown */
    uint32_t item;          /* item number in its feed (1-based), 0 if not from a feed */
} fil_article;

/* The id fil_add gives an article: its own, else "h" and 16 hex digits of
 * a hash of its url, else of its title and text. Returns a->id or out. */
#define FIL_ID_SIZE 24
FIL_API const char *fil_article_id(const fil_article *a, char out[FIL_ID_SIZE]);

typedef struct fil_reader fil_reader;

/* Opens a file, a directory (its .jsonl, .ndjson, .json, .txt, .html,
 * .htm, .xhtml, .xml, .rss, .rdf, .atom and .gz files, recursively, in name
 * order) or "-" for stdin. Each file's kind is told by its content, not
 * its name: JSONL, a web page (its article is extracted: body text, title,
 * time, author, language, canonical url, site), an RSS 2.0, Atom or RDF
 * feed (each item an article), or plain text (the first line is the
 * title); any of them may be gzip-compressed. Returns NULL and fills err
 * when the path cannot be opened. Caller frees with fil_reader_close. */
FIL_API fil_reader *fil_reader_open(const char *path, fil_error *err);

/* Reads the next article. Returns FIL_OK with *out filled (strings borrowed,
 * valid until the next call), FIL_EOF at the end, or an error code for a
 * bad record, with err naming file and line: the caller may go on calling. */
FIL_API int fil_reader_next(fil_reader *reader, fil_article *out, fil_error *err);

/* Parses an ISO-8601 time ("2020-03-04", "2020-03-04T12:00:00Z", with
 * optional fraction and zone) into seconds since the epoch. FIL_EPARSE if
 * it is not one. */
FIL_API int fil_parse_time(const char *text, int64_t *epoch_seconds);

/* Bytes consumed so far, for progress reports (of a gzip file, the
 * bytes it inflated to). */
FIL_API uint64_t fil_reader_bytes(const fil_reader *reader);

FIL_API void fil_reader_close(fil_reader *reader);

/* ---------------------------------------------------------------------------
 * Engine
 * ------------------------------------------------------------------------- */

typedef struct fil_engine fil_engine;

/* What fil_add decided for one article. */
typedef struct fil_assignment {
    uint64_t event;   /* event id, 0-based in order of creation */
    double score;     /* score against the joined event; 0 when it founded it */
    int is_new;       /* 1 when the article started a new event */
    char lang[8];     /* the language used, given or detected ("und" if unknown) */
    const char *id;   /* the article id, given or derived; borrowed, valid until the
                       * next fil_add or until the article's strings go */
    int time_ignored; /* 1 when 'published' was given but is not ISO-8601: the
                       * article was treated as untimed */
    /* Near-duplicates, as known at arrival (see fil_dedup_add) */
    const char *duplicate_kind;  /* "copy", "rewrite", or NULL (static) */
    int64_t duplicate_of;        /* arrival index (from 0) of the first publisher, or -1 */
    const char *duplicate_of_id; /* its id; borrowed, NULL unless keep_articles */
    double containment;          /* share of the article found in what it repeats */
} fil_assignment;

/* Creates an engine. cfg NULL means defaults; a field outside the range
 * fil_config_set accepts is FIL_EINVAL (NULL returned, err says which).
 * Caller frees with fil_close. */
FIL_API fil_engine *fil_open(const fil_config *cfg, fil_error *err);

/* Adds one article to the stream. The article's strings are copied where
 * they are kept. An article with no word left after cleaning still gets an
 * event (of its own). Errors: FIL_ENOMEM, after which the engine should be
 * closed. */
FIL_API int fil_add(fil_engine *engine, const fil_article *article, fil_assignment *out,
                    fil_error *err);

/* Number of events created so far. */
FIL_API uint64_t fil_event_count(const fil_engine *engine);

/* All events as a JSON array (see README for the fields), deterministic for a
 * given input. *out is NUL-terminated; caller frees it with fil_free. */
FIL_API int fil_events_json(fil_engine *engine, char **out, size_t *len, fil_error *err);

/* {"events": [...as above...], "storylines": [...]}: each storyline with
 * id, size (articles), label, languages, sources, first, last and its
 * events in time order. A storyline's id is the id of its first event to
 * arrive, so it holds as the stream goes on (it changes only if links
 * move that event elsewhere). With cfg.stories, events carry their
 * summary. Caller frees *out with fil_free. */
FIL_API int fil_stories_json(fil_engine *engine, char **out, size_t *len, fil_error *err);

/* As fil_stories_json, but only what changed since the last call of
 * either: events that grew or moved to another storyline, and the
 * storylines that gained or lost one; plus "storylines_gone", the ids of
 * storylines described before that are no more (absent on the first call,
 * which describes everything). Growth scores of events
 * left out are as last described. For a store's refresh: the cost follows
 * the change, not the stream. */
FIL_API int fil_stories_changed_json(fil_engine *engine, char **out, size_t *len, fil_error *err);

/* Where fil_events_write and fil_stories_write put their JSON: called
 * with each piece in order; returns 0 to go on, nonzero to stop. */
typedef int (*fil_write_fn)(void *ctx, const char *data, size_t len);

/* The JSON of fil_events_json and fil_stories_json, handed to write in
 * pieces (of some 64 KiB) as it is made, instead of whole in one string:
 * memory stays flat however many events there are. Errors: FIL_EIO when
 * write stops it (what was handed over stays), FIL_ENOMEM, FIL_EINVAL. */
FIL_API int fil_events_write(fil_engine *engine, fil_write_fn write, void *ctx, fil_error *err);
FIL_API int fil_stories_write(fil_engine *engine, fil_write_fn write, void *ctx, fil_error *err);

FIL_API void fil_close(fil_engine *engine);

/* ---------------------------------------------------------------------------
 * Near-duplicates: copies, rewrites and who was first
 * ------------------------------------------------------------------------- */

/* What is known of one article's lineage. Articles are numbered in
 * arrival order from 0. */
typedef struct fil_duplicate {
    uint64_t index;       /* this article */
    int64_t duplicate_of; /* the first publisher of what it repeats, or -1: an original */
    int64_t repeats;      /* the article it was found to repeat, or -1 */
    const char *kind;     /* "copy", "rewrite", or NULL for an original (static) */
    double containment;   /* share of its word 4-grams found in `repeats` */
} fil_duplicate;

typedef struct fil_dedup fil_dedup;

/* A near-duplicate detector (MinHash sketches, banded LSH, lineage by
 * publication time); cfg NULL means defaults (dedup_window is used).
 * Caller frees with fil_dedup_close. */
FIL_API fil_dedup *fil_dedup_open(const fil_config *cfg, fil_error *err);
/* Adds the next article; out says what it repeats as known at arrival. */
FIL_API int fil_dedup_add(fil_dedup *d, const fil_article *article, fil_duplicate *out,
                          fil_error *err);
/* The lineage of article `index` as known now: an original published
 * earlier but arriving later takes over as first publisher.
 * FIL_ENOTFOUND for an index not added yet. */
FIL_API int fil_dedup_get(fil_dedup *d, uint64_t index, fil_duplicate *out);
FIL_API void fil_dedup_close(fil_dedup *d);

/* ---------------------------------------------------------------------------
 * Similarity of two articles
 * ------------------------------------------------------------------------- */

/* The scale of SemEval-2022 Task 8: 1 = very similar .. 4 = very
 * dissimilar, per dimension. */
typedef struct fil_similarity_result {
    double overall, geography, entities, time, narrative;
    int same_event; /* fil_add would put the two in one event (either one
                     * first): the clustering's score and threshold decide */
    char *why;      /* with FIL_SIMILARITY_WHY, the evidence as a JSON object
                     * (shared entities and quotes, day gap, cosines);
                     * caller frees with fil_free. Else NULL. */
} fil_similarity_result;

#define FIL_SIMILARITY_WHY 1u

/* Counts the article's terms into the engine's document frequencies
 * without clustering it, so that similarity weighs words by how rare they
 * are in a corpus (a pair file, a background collection). fil_add does the
 * same for the articles it clusters. The engine also keeps what it read of
 * the article (at most 64 MiB in all, then forgotten), so that
 * fil_similarity of the same article, learned first, does not read it again:
 * the scores are the same either way. */
FIL_API int fil_learn(fil_engine *engine, const fil_article *article, fil_error *err);

/* Scores two articles with the engine's similarity model and its document
 * frequencies. FIL_ENOTFOUND when the engine has no model. The articles are
 * not added to the stream. */
FIL_API int fil_similarity(fil_engine *engine, const fil_article *a, const fil_article *b,
                           unsigned flags, fil_similarity_result *out, fil_error *err);

/* Fits a similarity model to n pairs (a[i], b[i]) with gold scores
 * gold[i * 5 + d] for d = overall, geography, entities, time, narrative,
 * and returns it as text (the format of data/similarity.weights), header
 * (comment lines, may be NULL) first. *model_text: caller frees with
 * fil_free. The engine's own model is not changed. */
FIL_API int fil_similarity_train(fil_engine *engine, const fil_article *a, const fil_article *b,
                                 const double *gold, size_t n, const char *header,
                                 char **model_text, fil_error *err);

/* Replaces the engine's similarity model by the one in model_text.
 * FIL_EPARSE when the text is not a model of this build's features. */
FIL_API int fil_similarity_use(fil_engine *engine, const char *model_text, fil_error *err);

/* ---------------------------------------------------------------------------
 * Entities
 * ------------------------------------------------------------------------- */

/* One person, place or organisation named in an article. */
typedef struct fil_entity {
    const char *canonical;       /* language-neutral key: "erdogan", "moscow" */
    const char *display;         /* the most frequent surface form ("Erdoğan") */
    const char *type;            /* static: "person", "place", "org" or "other" */
    const char *const *surfaces; /* distinct surface forms seen, at most 8 */
    size_t surface_count;
    uint32_t count;        /* mentions (demonyms such as "turc" included) */
    uint32_t first_offset; /* bytes into title, "\n", text (cleaned) */
} fil_entity;

/* Finds the entities of an article (rules and gazetteers:
 * src/features/entities.h), in order of first mention. The analysed text
 * is the cleaned title, a line break, then the cleaned text; lang is the
 * article's or the detected language (written when lang_out is not NULL).
 * *out is borrowed: valid until the next call on the engine. The first
 * call builds the gazetteer (a few milliseconds). */
FIL_API int fil_entities(fil_engine *engine, const fil_article *article, const fil_entity **out,
                         size_t *count, char lang_out[8], fil_error *err);

/* ---------------------------------------------------------------------------
 * Text tools (the engine's own pipeline, exposed for inspection)
 * ------------------------------------------------------------------------- */

/* Identifies the language of UTF-8 text: CLD2, backed by stopword counts for
 * short text. Writes an ISO 639-1 code or "und" into lang. */
FIL_API int fil_detect_language(fil_engine *engine, const char *text, size_t len, char lang[8]);

/* Called once per kept token: its folded form, its stem, and flags. */
#define FIL_TOKEN_CAPITALISED    1u /* starts with an upper-case letter */
#define FIL_TOKEN_SENTENCE_START 2u
#define FIL_TOKEN_NUMBER         4u
#define FIL_TOKEN_STOPWORD       8u
typedef void (*fil_token_fn)(void *ctx, const char *folded, const char *stem, unsigned flags);

/* Runs the tokenizer, folding and stemmer of lang (NULL: detected) over
 * text, including stopwords (flagged). */
FIL_API int fil_tokens(fil_engine *engine, const char *text, size_t len, const char *lang,
                       fil_token_fn fn, void *ctx);

/* ---------------------------------------------------------------------------
 * Dates and timelines
 * ------------------------------------------------------------------------- */

/* One date expression of an article (src/features/dates.h has the rules). */
typedef struct fil_date {
    uint32_t offset, len;                   /* the expression: bytes of the searched text */
    uint32_t sentence_offset, sentence_len; /* the sentence or clause holding it */
    char date[11];           /* YYYY-MM-DD, the first day of the period; "" unresolved */
    const char *granularity; /* "day", "week" (date: its Monday), "month", "year"; static */
    const char *kind;        /* "absolute", "weekday", "relative"; static */
} fil_date;

typedef struct fil_date_list {
    fil_date *dates; /* count items; caller frees with fil_free (NULL when none) */
    size_t count;
    const char *text;           /* what was searched: the article's text, or its title when it
                                 * has no text; borrowed from the article */
    char reference[11];         /* YYYY-MM-DD the dates were resolved against, or "" */
    const char *reference_from; /* "published", "text" (the first full date in it), or NULL;
                                 * static */
    uint32_t reference_offset;  /* reference_from "text": the byte offset of that date in text */
    int published_ignored;      /* 1: 'published' was given but is not ISO-8601 */
    char lang[8];               /* the language used, given or detected */
} fil_date_list;

/* Finds and resolves the date expressions of an article in fr, en, de, es
 * or it (other languages give none). The reference is the article's
 * published day, else the first full date of the text, else none: then
 * expressions that need one have date "". */
FIL_API int fil_dates(fil_engine *engine, const fil_article *article, fil_date_list *out,
                      fil_error *err);

/* Dated sentences of many articles merged: (date, what happened, sources),
 * sorted by date, then granularity (day first), then first appearance; two
 * sentences equal after folding (case, accents, punctuation, spacing) on
 * one date are one entry listing every source. */
typedef struct fil_timeline fil_timeline;

/* Caller frees with fil_timeline_free. NULL when memory runs out. */
FIL_API fil_timeline *fil_timeline_new(void);
/* Adds the resolved dates of one article (unresolved ones are skipped);
 * source names it in the entries (NULL: the id). Strings are copied. */
FIL_API int fil_timeline_add(fil_timeline *t, const char *id, const char *source,
                             const fil_date_list *dates, fil_error *err);
/* The timeline as a JSON array of {"date", "granularity", "what",
 * "sources", "articles"}; caller frees *out with fil_free. */
FIL_API int fil_timeline_json(const fil_timeline *t, char **out, size_t *len, fil_error *err);
FIL_API void fil_timeline_free(fil_timeline *t);

/* ---------------------------------------------------------------------------
 * Store: the stream and its stories in a SQLite database (WAL)
 * ------------------------------------------------------------------------- */
/*
 * A store owns an engine (with keep_articles and stories on) and a
 * database. Articles added become durable at fil_store_commit, in one
 * transaction per batch. Opening a store replays its articles, in arrival
 * order, through the engine, so the stream resumes with the decisions an
 * uninterrupted run would make; a replay that disagrees with the stored
 * decisions (another configuration or build) is FIL_ESTORE. Events,
 * storylines, entities, quotes and timelines are written to their tables
 * by fil_store_refresh. The fil_store_*_json readers return a JSON
 * document (docs/API.md gives each shape) that the caller frees with
 * fil_free. One store must not be used from two threads at once.
 */
typedef struct fil_store fil_store;

/* Called during replay with the articles replayed so far and in all. */
typedef void (*fil_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Opens or creates the database at path (migrating an older schema) and
 * replays it. cfg NULL means defaults. With FIL_STORE_READ_ONLY nothing is
 * replayed or written: only the fil_store_*_json readers work (not
 * fil_store_similar_json), and at once. Caller frees with fil_store_close. */
#define FIL_STORE_READ_ONLY 1u
FIL_API fil_store *fil_store_open(const char *path, const fil_config *cfg, unsigned flags,
                                  fil_progress_fn progress, void *ctx, fil_error *err);

/* Adds one article to the open batch. An id already stored is not added
 * again: *existing is set to 1 and out is the stored decision (out->id
 * then stays valid until the next call). Errors other than bad input
 * (FIL_EEMPTY...) leave the store unusable: close it and open it again. */
FIL_API int fil_store_add(fil_store *store, const fil_article *article, fil_assignment *out,
                          int *existing, fil_error *err);

/* Called by fil_store_add_jsonl for each non-blank line (1-based): with
 * err NULL and the decision when the line was stored (or already was),
 * else with err saying what was wrong with it and as NULL. */
typedef void (*fil_line_fn)(void *ctx, uint32_t line, const fil_assignment *as, int existing,
                            const fil_error *err);

/* Adds each line of a JSONL batch in memory (the record of the README)
 * with fil_store_add and commits. Bad lines are reported to fn and
 * skipped; the return is FIL_OK unless the store itself failed. */
FIL_API int fil_store_add_jsonl(fil_store *store, const char *data, size_t len, fil_line_fn fn,
                                void *ctx, fil_error *err);

/* Makes the open batch durable. */
FIL_API int fil_store_commit(fil_store *store, fil_error *err);

/* Commits, then rewrites the events and storylines that changed since the
 * last refresh (all = 1: every one whose description changed, which also
 * brings the growth scores of quiet events up to date). Does nothing when
 * no article came and all is 0. */
FIL_API int fil_store_refresh(fil_store *store, int all, fil_error *err);

/* Articles stored (committed or in the open batch). */
FIL_API uint64_t fil_store_article_count(const fil_store *store);

/* Committed articles that search does not find yet: the full-text index
 * is kept by a thread of lower priority, which trails ingest while the
 * cores are busy and catches up when they are not. Unlike the other
 * calls on a store, this one may come from any thread while the store is
 * open. */
FIL_API uint64_t fil_store_unindexed(fil_store *store);

/* The store's engine (for fil_similarity and the like); owned by the store. */
FIL_API fil_engine *fil_store_engine(fil_store *store);

/* Commits the open batch, refreshes (all) if articles came, and frees the
 * store. */
FIL_API int fil_store_close(fil_store *store, fil_error *err);

/* Filters and paging of the listing readers; NULL or 0 fields do not filter.
 * since and until are ISO-8601 times or days. sort: "last" (default),
 * "growth" or "size". limit 0 means 50; at most 500. */
typedef struct fil_query {
    const char *since, *until, *lang, *source, *entity, *text, *sort;
    uint32_t limit, offset;
} fil_query;

FIL_API int fil_store_events_json(fil_store *store, const fil_query *q, char **out, size_t *len,
                                  fil_error *err);
FIL_API int fil_store_storylines_json(fil_store *store, const fil_query *q, char **out, size_t *len,
                                      fil_error *err);
/* One event or storyline whole; FIL_ENOTFOUND when there is none. */
FIL_API int fil_store_event_json(fil_store *store, uint64_t id, char **out, size_t *len,
                                 fil_error *err);
FIL_API int fil_store_storyline_json(fil_store *store, uint64_t id, char **out, size_t *len,
                                     fil_error *err);
/* One article by id, with its event and copy; FIL_ENOTFOUND when none. */
FIL_API int fil_store_article_json(fil_store *store, const char *id, char **out, size_t *len,
                                   fil_error *err);
/* Articles matching q->text (words; every one must occur, accents
 * optional), best first, with snippets (matches wrapped in U+E000 and
 * U+E001). */
FIL_API int fil_store_search_json(fil_store *store, const fil_query *q, char **out, size_t *len,
                                  fil_error *err);
/* fil_similarity of two stored articles, with its evidence, as
 * {"a", "b", "overall", "geography", "entities", "time", "narrative",
 *  "same_event", "why"}; FIL_ENOTFOUND when either id is not stored. */
FIL_API int fil_store_similar_json(fil_store *store, const char *a, const char *b, char **out,
                                   size_t *len, fil_error *err);

/* ---------------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------------- */

/* B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of a predicted
 * clustering against gold labels: pred[i] and gold[i] label item i. */
FIL_API int fil_bcubed(const char *const *pred, const char *const *gold, size_t n,
                       double *precision, double *recall, double *f1);

#ifdef __cplusplus
}
#endif
#endif /* FIL_H */
