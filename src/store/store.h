/*
 * src/store/store.h -- the SQLite store's state, shared by the files of
 * store/ (schema.c: tables and migrations; ingest.c: opening, replay,
 * adding and committing articles; derived.c: events, storylines and their
 * stories written from the engine; query.c: what the API reads).
 * Callers see fil.h only.
 *
 * Promise: the articles table is the log of the stream, in arrival order
 * (seq). The engine's clustering state is a function of that log: opening
 * a store replays it through a fresh engine, and checks that every
 * article lands in the event the table says it did, so a restart resumes
 * the stream with the same decisions as an uninterrupted run. Articles
 * become durable in batches, one transaction each (fil_store_commit); a
 * crash loses at most the uncommitted batch, never part of one. The
 * full-text index follows the committed articles on a thread of its own
 * (indexer.c), and catches up on open after a crash.
 * Derived tables (events, storylines, entities, quotes, timeline) are
 * rewritten from the engine by fil_store_refresh, only where they changed.
 */
#ifndef FIL_STORE_H
#define FIL_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/map.h"
#include "fil.h"

#define STORE_SCHEMA_VERSION 2

/* An articles row's whole record (JSON, as fil_add took it): the record
 * column keeps the other fields, title and text are put back. */
#define STORE_RECORD_SQL "json_set(record, '$.title', title, '$.text', text)"

/* The prepared statements of the ingest path, made once. */
typedef struct store_statements {
    sqlite3_stmt *find_article;   /* event, score, is_new, lang, duplicate_of, kind by id */
    sqlite3_stmt *insert_article; /* one row of articles */
    sqlite3_stmt *insert_copy;    /* one row of copies */
} store_statements;

/* A batch's rows wait in memory until its commit, or until they pass
 * this many bytes (then they go into the batch's open transaction). */
#ifdef FIL_TEST
#define STORE_PENDING_BYTES 4096u /* so that tests write early too */
#else
#define STORE_PENDING_BYTES (32u << 20)
#endif

/* The strings of a pending row, in the order they are kept. */
enum store_row_text {
    STORE_ROW_ID,
    STORE_ROW_RECORD,
    STORE_ROW_URL,
    STORE_ROW_SOURCE,
    STORE_ROW_LANG,
    STORE_ROW_PUBLISHED, /* as given */
    STORE_ROW_TITLE,
    STORE_ROW_TEXT,
    STORE_ROW_DUPLICATE_OF,
    STORE_ROW_TEXTS
};

/* An articles row (and its copies row) waiting for the commit. Its
 * strings follow one another in store_pending.bytes from offset strings,
 * each with its NUL; bit i of present is set when string i is given (a
 * NULL column otherwise). */
typedef struct store_row {
    int64_t seq;
    int64_t published; /* seconds, when timed */
    size_t strings;
    unsigned present;
    int timed;
    uint64_t event;
    double score;
    double containment;
    int is_new;
    const char *kind; /* "copy", "rewrite" (static) or NULL */
} store_row;

/* The rows of the batch not yet written, and their ids (hash of the id to
 * row index + 1), so that an id repeated inside a batch is found. */
typedef struct store_pending {
    store_row *rows;
    size_t count, capacity;
    core_buf bytes;
    core_map ids;
} store_pending;

/* The thread that keeps the full-text index (indexer.c). */
typedef struct store_indexer store_indexer;

struct fil_store {
    sqlite3 *db;
    fil_engine *engine;
    store_statements st;
    int in_batch;                /* 1 while a batch's transaction is open */
    store_pending pending;       /* the batch's rows not yet written */
    uint64_t article_count;      /* articles stored (committed, written or pending) */
    uint64_t *event_hashes;      /* by event id: hash of its stored JSON (0: none yet) */
    size_t event_hash_count;     /* entries in event_hashes */
    uint64_t *part_hashes;       /* by event id: hash of the parts written as rows
                                  * (languages, sources, entities, quotes,
                                  * timeline); 0: unknown (not kept on disk) */
    size_t part_hash_count;      /* entries in part_hashes */
    uint64_t *storyline_hashes;  /* by storyline id, as above */
    size_t storyline_hash_count; /* entries in storyline_hashes */
    int dirty;                   /* 1 when articles came since the last refresh */
    int stale_all;               /* 1 when only a full refresh can be trusted */
    core_buf scratch;            /* the record JSON of the article being stored */
    store_indexer *indexer;      /* the full-text index's thread; NULL when read-only */
};

/* Runs SQL text (no results wanted); FIL_ESTORE with SQLite's message. */
int store_exec(fil_store *s, const char *sql, fil_error *err);

/* BEGIN IMMEDIATE, with the indexer asked to give the lock up first. */
int store_begin_write(fil_store *s, fil_error *err);

/* FIL_ESTORE with the database's message after a failed call. */
int store_fail(fil_store *s, const char *what, fil_error *err);
int store_fail_db(sqlite3 *db, const char *what, fil_error *err);

/* Makes db retry, every millisecond for up to about timeout ms, a
 * statement that finds the database locked (ingest.c). */
void store_wait_when_busy(sqlite3 *db, int timeout);

/* Starts the indexing thread on its own connection to path; articles up
 * to seq committed are durable. */
int store_indexer_start(fil_store *s, const char *path, int64_t committed, fil_error *err);

/* Tells the indexer that articles up to seq committed are durable.
 * FIL_ESTORE when it has failed (err says why). */
int store_indexer_committed(fil_store *s, int64_t committed, fil_error *err);

/* Committed articles not yet indexed; 0 without an indexer. */
int64_t store_indexer_behind(fil_store *s);

/* Says that the store's thread waits (1) or no longer waits (0) for the
 * write lock: the indexer ends its chunk early and lets it go first. */
void store_indexer_yield(fil_store *s, int waiting);

/* Waits until every committed article is indexed, then stops the thread. */
int store_indexer_stop(fil_store *s, fil_error *err);

/* Creates the tables of a new database or migrates an older one to
 * STORE_SCHEMA_VERSION. A newer version than this build knows is
 * FIL_ESTORE. */
int store_schema_migrate(fil_store *s, fil_error *err);

/* Writes the events and storylines that changed since the last call (all:
 * every one the engine describes, where it differs from what is stored)
 * (derived.c). */
int store_derived_write(fil_store *s, int all, fil_error *err);

/* The hash the store keeps of a stored description (events.json,
 * storylines.json), so that a refresh writes only what changed. */
uint64_t store_description_hash(const char *json, size_t len);

/* Records h (never 0 once recorded: 0 means none) as the hash of object id
 * in *hashes, growing it (zeroed) as needed; *changed is 1 when it
 * differs from the hash recorded before. FIL_ENOMEM when it cannot grow. */
int store_record_hash(uint64_t **hashes, size_t *count, uint64_t id, uint64_t h, int *changed);

#endif
