/*
 * src/store/indexer.c -- the full-text index, kept by a thread of its own.
 *
 * Why a thread: indexing an article's words (FTS5, accents folded) costs
 * about as much as clustering it, and the two need not wait for each
 * other. The store's thread commits articles; this one, on its own SQLite
 * connection, indexes what is committed, in chunks of INDEX_CHUNK
 * articles, each chunk one transaction that also records how far the
 * index goes (state.fts_seq). So a crash leaves the index behind the
 * articles, never inconsistent with them, and the next open catches up.
 * Search sees an article once its chunk commits, a moment after the
 * article itself; closing the store waits until everything is indexed.
 *
 * The two connections take turns at SQLite's one write lock: the store
 * holds it only while it writes a batch's rows (ingest.c keeps them in
 * memory until the commit), this thread while it indexes a chunk. A
 * chunk is what has been committed, up to INDEX_CHUNK articles: when the
 * index falls behind, larger chunks cost less per article (FTS5 merges
 * fewer segments, the log is written less often; 20,000 articles took
 * 5.4 s of CPU in chunks of 500, 3.4 s in chunks of 5,000). But the
 * store's thread comes first: it says when it wants the lock
 * (store_indexer_yield), and this thread then ends its chunk after the
 * article it is indexing, commits, and starts no other until the store
 * has taken the lock. Indexing a chunk of 2,000 articles holds the lock
 * for half a second, and a server's batches waited for it at nearly every
 * commit, its client idle meanwhile: 3.7 s in all while 50,000 articles
 * were posted in batches of 500, 1.9 s once this thread gave way.
 *
 * This thread runs at a lower CPU priority (nice +INDEX_NICENESS, Linux
 * only; elsewhere it keeps the process's). When the cores are busy, as in
 * a server that ingests while it answers readers, the scheduler then
 * gives the store's and the server's threads the time first, and the
 * index trails the articles for a while (fil_store_unindexed says by how
 * much) instead of slowing their ingest: posting 10,000 articles to a
 * 100k-article server while wrk read from it went from about 3,150 to
 * 3,480 articles/s, in five alternating pairs of runs. When the cores
 * are idle the priority changes nothing.
 *
 * The index's commits are not synced (synchronous=NORMAL): a power cut
 * may lose the last chunks, with the seq that records them, so the index
 * is behind, never wrong, and the next open catches up; the store's
 * next commit syncs the log anyway.
 *
 * Shared with other threads, under the mutex: committed (articles up to
 * this seq are durable), indexed (written by this thread only, so it
 * reads it without the mutex; fil_store_unindexed reads it from any
 * thread), stop, and failure (the first error);
 * without it, store_waiting, an atomic flag this thread reads after each
 * article.
 */
#define _DEFAULT_SOURCE /* syscall(), for the thread's id */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "store/store.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define INDEX_CHUNK    2000
#define INDEX_NICENESS 10

struct store_indexer {
    sqlite3 *db;
    sqlite3_stmt *read_articles, *index_article, *save_seq;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int64_t indexed;          /* shared: articles up to this seq are indexed */
    int64_t committed;        /* shared: articles up to this seq are durable */
    int stop;                 /* shared: finish what is committed, then return */
    int failed;               /* shared: 1 after an error (message in failure) */
    atomic_int store_waiting; /* 1 while the store's thread waits for the lock */
    char failure[FIL_ERROR_SIZE];
};

/* Waits (a millisecond at a time) while the store's thread wants the
 * lock, so that it takes it before this thread's next chunk does. */
static void let_store_write(store_indexer *ix)
{
    struct timespec pause = {0, 1000000};
    while (atomic_load(&ix->store_waiting)) {
        nanosleep(&pause, NULL);
    }
}

/* Indexes the articles of seq in (indexed, upto] in order, until the
 * store's thread wants the lock. Returns the last seq indexed (upto when
 * it got there), or -1 on error. */
static int64_t index_articles(store_indexer *ix, int64_t upto)
{
    int64_t last = ix->indexed;
    sqlite3_stmt *read = ix->read_articles, *index = ix->index_article;
    sqlite3_reset(read);
    sqlite3_bind_int64(read, 1, ix->indexed);
    sqlite3_bind_int64(read, 2, upto);
    int step;
    while ((step = sqlite3_step(read)) == SQLITE_ROW) {
        sqlite3_reset(index);
        for (int column = 0; column < 3; column++) {
            sqlite3_bind_value(index, column + 1, sqlite3_column_value(read, column));
        }
        if (sqlite3_step(index) != SQLITE_DONE) {
            return -1;
        }
        last = sqlite3_column_int64(read, 0);
        if (atomic_load(&ix->store_waiting)) {
            sqlite3_reset(read);
            return last;
        }
    }
    sqlite3_reset(read);
    return step == SQLITE_DONE ? upto : -1;
}

/* One chunk: seq in (indexed, target], at most INDEX_CHUNK articles, one
 * transaction with the seq it reaches. */
static int index_chunk(store_indexer *ix, int64_t target)
{
    int64_t upto = target - ix->indexed > INDEX_CHUNK ? ix->indexed + INDEX_CHUNK : target;
    let_store_write(ix);
    int ok = sqlite3_exec(ix->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    int64_t reached = ok ? index_articles(ix, upto) : -1;
    ok = reached >= 0;
    sqlite3_reset(ix->save_seq);
    sqlite3_bind_int64(ix->save_seq, 1, reached);
    ok = ok && sqlite3_step(ix->save_seq) == SQLITE_DONE;
    ok = ok && sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        pthread_mutex_lock(&ix->lock);
        ix->failed = 1;
        snprintf(ix->failure, sizeof ix->failure, "database: indexing articles: %s",
                 sqlite3_errmsg(ix->db));
        pthread_mutex_unlock(&ix->lock);
        sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    pthread_mutex_lock(&ix->lock);
    ix->indexed = reached;
    pthread_mutex_unlock(&ix->lock);
    return 0;
}

/* Lowers this thread's priority (see the top comment). On Linux a
 * thread has its own niceness, set through its thread id; a failure
 * only leaves the priority as it was, so it is not an error. */
static void lower_priority(void)
{
#ifdef __linux__
    id_t thread = (id_t)syscall(SYS_gettid);
    (void)setpriority(PRIO_PROCESS, thread, getpriority(PRIO_PROCESS, thread) + INDEX_NICENESS);
#endif
}

static void *indexer_main(void *arg)
{
    store_indexer *ix = arg;
    lower_priority();
    for (;;) {
        pthread_mutex_lock(&ix->lock);
        while (!ix->stop && ix->committed <= ix->indexed) {
            pthread_cond_wait(&ix->wake, &ix->lock);
        }
        int64_t target = ix->committed;
        int stop = ix->stop;
        pthread_mutex_unlock(&ix->lock);
        if (target <= ix->indexed && stop) {
            return NULL;
        }
        if (target > ix->indexed && index_chunk(ix, target)) {
            return NULL;
        }
    }
}

static int indexer_prepare(store_indexer *ix, const char *path, fil_error *err)
{
    static const char read_sql[] =
        "SELECT seq, title, text FROM articles WHERE seq > ?1 AND seq <= ?2 ORDER BY seq";
    static const char index_sql[] =
        "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)";
    static const char save_sql[] =
        "INSERT OR REPLACE INTO state(key, value) VALUES ('fts_seq', ?1)";
    int opened = sqlite3_open_v2(path, &ix->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
    if (opened) {
        store_wait_when_busy(ix->db, 60000);
    }
    if (!opened || sqlite3_exec(ix->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) ||
        sqlite3_prepare_v2(ix->db, read_sql, -1, &ix->read_articles, NULL) ||
        sqlite3_prepare_v2(ix->db, index_sql, -1, &ix->index_article, NULL) ||
        sqlite3_prepare_v2(ix->db, save_sql, -1, &ix->save_seq, NULL)) {
        return core_error_set(err, FIL_ESTORE, "database: starting the indexer: %s",
                              ix->db ? sqlite3_errmsg(ix->db) : "cannot open");
    }
    sqlite3_stmt *st;
    int rc =
        sqlite3_prepare_v2(ix->db, "SELECT value FROM state WHERE key = 'fts_seq'", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        ix->indexed = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? FIL_OK : store_fail_db(ix->db, "reading the index's state", err);
}

static void indexer_free(store_indexer *ix)
{
    sqlite3_finalize(ix->read_articles);
    sqlite3_finalize(ix->index_article);
    sqlite3_finalize(ix->save_seq);
    sqlite3_close(ix->db);
    pthread_mutex_destroy(&ix->lock);
    pthread_cond_destroy(&ix->wake);
    free(ix);
}

int store_indexer_start(fil_store *s, const char *path, int64_t committed, fil_error *err)
{
    store_indexer *ix = core_calloc(1, sizeof *ix);
    if (!ix) {
        return core_error_set(err, FIL_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&ix->lock, NULL);
    pthread_cond_init(&ix->wake, NULL);
    ix->committed = committed;
    int rc = indexer_prepare(ix, path, err);
    if (!rc && pthread_create(&ix->thread, NULL, indexer_main, ix) != 0) {
        rc = core_error_set(err, FIL_ENOMEM, "cannot start the indexing thread");
    }
    if (rc) {
        indexer_free(ix);
        return rc;
    }
    s->indexer = ix;
    return FIL_OK;
}

int store_indexer_committed(fil_store *s, int64_t committed, fil_error *err)
{
    store_indexer *ix = s->indexer;
    pthread_mutex_lock(&ix->lock);
    ix->committed = committed;
    int failed = ix->failed;
    if (failed) {
        core_error_set(err, FIL_ESTORE, "%s", ix->failure);
    }
    pthread_cond_signal(&ix->wake);
    pthread_mutex_unlock(&ix->lock);
    return failed ? FIL_ESTORE : FIL_OK;
}

int64_t store_indexer_behind(fil_store *s)
{
    store_indexer *ix = s->indexer;
    if (!ix) {
        return 0;
    }
    pthread_mutex_lock(&ix->lock);
    int64_t behind = ix->committed - ix->indexed;
    pthread_mutex_unlock(&ix->lock);
    return behind;
}

void store_indexer_yield(fil_store *s, int waiting)
{
    if (s->indexer) {
        atomic_store(&s->indexer->store_waiting, waiting);
    }
}

int store_indexer_stop(fil_store *s, fil_error *err)
{
    store_indexer *ix = s->indexer;
    if (!ix) {
        return FIL_OK;
    }
    pthread_mutex_lock(&ix->lock);
    ix->stop = 1;
    pthread_cond_signal(&ix->wake);
    pthread_mutex_unlock(&ix->lock);
    pthread_join(ix->thread, NULL);
    int rc = ix->failed ? core_error_set(err, FIL_ESTORE, "%s", ix->failure) : FIL_OK;
    indexer_free(ix);
    s->indexer = NULL;
    return rc;
}
