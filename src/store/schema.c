/*
 * src/store/schema.c -- the tables of a fil database, and the migrations
 * that bring an older database to the current version.
 *
 * The version lives in SQLite's user_version. migrations[v] takes a
 * database from version v to v + 1, inside one transaction with the
 * version bump, so a crash leaves either version. Add a step at the end
 * of the list; never edit a step that has shipped.
 */
#include <stdio.h>

#include "core/error.h"
#include "store/store.h"

/* Version 0 -> 1: the first schema.
 * - articles: the log of the stream. seq is arrival order; record is the
 *   article as it came (JSON) less its title and text, which have their
 *   own columns (replay reads them together, store.h STORE_RECORD_SQL);
 *   the other columns are what queries filter and show. event, score, is_new, lang and the copy
 *   columns are the engine's decision at arrival (the memberships).
 * - articles_fts: titles and texts, accents folded (FTS5, external content),
 *   indexed up to the seq that state holds as fts_seq (indexer.c).
 * - state: the store's own counters, by key.
 * - copies: who copied or rewrote whom, by article id.
 * - events, storylines: each one's JSON as the engine describes it, with
 *   the columns queries sort and filter on; list_json is the short form.
 * - storyline_events, event_languages, event_sources, entities, quotes and
 *   timeline: the parts of those descriptions that queries filter on or
 *   that other tools may want as rows. */
static const char schema_v1[] =
    "CREATE TABLE articles("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record TEXT NOT NULL,"
    " url TEXT, source TEXT, lang TEXT, published INTEGER, published_text TEXT,"
    " title TEXT, text TEXT, event INTEGER NOT NULL, score REAL NOT NULL,"
    " is_new INTEGER NOT NULL, duplicate_of TEXT, kind TEXT, containment REAL);"
    "CREATE INDEX articles_by_event ON articles(event);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',"
    " content_rowid='seq', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE copies(article TEXT PRIMARY KEY, original TEXT NOT NULL,"
    " kind TEXT NOT NULL, containment REAL NOT NULL);"
    "CREATE INDEX copies_by_original ON copies(original);"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, storyline INTEGER, size INTEGER NOT NULL,"
    " first INTEGER, last INTEGER, growth REAL NOT NULL, list_json TEXT NOT NULL,"
    " json TEXT NOT NULL);"
    "CREATE INDEX events_by_last ON events(last);"
    "CREATE INDEX events_by_growth ON events(growth, last);"
    "CREATE INDEX events_by_size ON events(size, last);"

    "CREATE TABLE event_languages(event INTEGER, lang TEXT, articles INTEGER,"
    " PRIMARY KEY(event, lang)) WITHOUT ROWID;"
    "CREATE INDEX event_languages_by_lang ON event_languages(lang);"
    "CREATE TABLE event_sources(event INTEGER, source TEXT, articles INTEGER,"
    " PRIMARY KEY(event, source)) WITHOUT ROWID;"
    "CREATE INDEX event_sources_by_source ON event_sources(source);"
    "CREATE TABLE entities(event INTEGER, canonical TEXT, name TEXT, type TEXT,"
    " articles INTEGER, mentions INTEGER, PRIMARY KEY(event, canonical, name)) WITHOUT ROWID;"
    "CREATE INDEX entities_by_canonical ON entities(canonical);"
    "CREATE INDEX entities_by_name ON entities(name);"
    "CREATE TABLE quotes(event INTEGER, n INTEGER, text TEXT, speaker TEXT,"
    " articles TEXT, sources TEXT, PRIMARY KEY(event, n)) WITHOUT ROWID;"
    "CREATE TABLE timeline(event INTEGER, n INTEGER, day TEXT, granularity TEXT, what TEXT,"
    " sources TEXT, articles TEXT, PRIMARY KEY(event, n)) WITHOUT ROWID;"
    "CREATE TABLE storylines(id INTEGER PRIMARY KEY, size INTEGER NOT NULL, first INTEGER,"
    " last INTEGER, list_json TEXT NOT NULL, json TEXT NOT NULL);"
    "CREATE INDEX storylines_by_last ON storylines(last);"
    "CREATE TABLE storyline_events(storyline INTEGER, event INTEGER,"
    " PRIMARY KEY(storyline, event)) WITHOUT ROWID;"
    "CREATE INDEX storyline_events_by_event ON storyline_events(event);"
    "CREATE TABLE state(key TEXT PRIMARY KEY, value INTEGER);";

/* Version 1 -> 2: the full-text index keeps up to 16 MiB of pending
 * words in memory before it writes them as a segment (FTS5's hashsize;
 * 1 MiB by default). A chunk of the indexer (a batch or more of 3 KB
 * articles) then goes to disk as one segment rather than several, so
 * FTS5 merges less: indexing 20,000 articles in chunks of 500 took 18%
 * less CPU (4.5 -> 3.7 s, mean of five alternating runs). */
static const char schema_v2[] =
    "INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);";

static const char *const migrations[] = {schema_v1, schema_v2};

static int read_version(fil_store *s, int *version, fil_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        return store_fail(s, "reading the schema version", err);
    }
    int rc = sqlite3_step(st);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? FIL_OK : store_fail(s, "reading the schema version", err);
}

int store_schema_migrate(fil_store *s, fil_error *err)
{
    int version, steps = (int)(sizeof migrations / sizeof migrations[0]);
    _Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
                   "one migration per schema version");
    int rc = read_version(s, &version, err);
    if (!rc && version > steps) {
        return core_error_set(err, FIL_ESTORE,
                              "database schema version %d is newer than this fil (%d)", version,
                              steps);
    }
    for (; !rc && version < steps; version++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", version + 1);
        rc = store_exec(s, "BEGIN IMMEDIATE", err);
        rc = rc ? rc : store_exec(s, migrations[version], err);
        rc = rc ? rc : store_exec(s, bump, err);
        rc = rc ? rc : store_exec(s, "COMMIT", err);
        if (rc) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    return rc;
}
