/*
 * src/store/ingest.c -- opening a store, replaying its log through the
 * engine, adding articles in batches, closing. See store.h for the
 * promise; fil.h for the calls.
 *
 * Durability: WAL with synchronous=FULL, so a committed batch survives a
 * power cut as well as a killed process. A batch is one transaction: its
 * articles and their copies go in together (their full-text rows follow
 * on the indexer's thread, indexer.c). The engine takes each article at
 * once; its row waits in memory (store_pending) until the commit, so the
 * write lock is held while rows are written, not while the engine works.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/array.h"
#include "core/hash.h"
#include "core/map.h"
#include "io/record.h"
#include "store/store.h"

int store_fail_db(sqlite3 *db, const char *what, fil_error *err)
{
    return core_error_set(err, FIL_ESTORE, "database: %s: %s", what, sqlite3_errmsg(db));
}

int store_fail(fil_store *s, const char *what, fil_error *err)
{
    return store_fail_db(s->db, what, err);
}

int store_exec(fil_store *s, const char *sql, fil_error *err)
{
    char *message = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &message) == SQLITE_OK) {
        return FIL_OK;
    }
    int rc = core_error_set(err, FIL_ESTORE, "database: %s", message ? message : "error");
    sqlite3_free(message);
    return rc;
}

static int prepare_statements(fil_store *s, fil_error *err)
{
    static const char *const sql[] = {
        "SELECT event, score, is_new, lang, duplicate_of, kind, containment, id"
        " FROM articles WHERE id = ?1",
        "INSERT INTO articles(seq, id, record, url, source, lang, published, published_text,"
        " title, text, event, score, is_new, duplicate_of, kind, containment)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        "INSERT OR REPLACE INTO copies(article, original, kind, containment)"
        " VALUES (?1, ?2, ?3, ?4)",
    };
    sqlite3_stmt **slots[] = {&s->st.find_article, &s->st.insert_article, &s->st.insert_copy};
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, slots[i], NULL)) {
            return store_fail(s, "preparing statements", err);
        }
    }
    return FIL_OK;
}

/* The article as a JSON record, as the reader would give it back, less
 * its title and text (they have their own columns; STORE_RECORD_SQL puts
 * them back): the known fields as given (the id as fil_add settles it),
 * then the extra ones. Appended to b, with its NUL. */
static int append_record(core_buf *b, const fil_article *a, const char *id)
{
    const char *names[] = {"url", "source", "lang", "published"};
    const char *values[] = {a->url, a->source, a->lang, a->published};
    int rc = core_buf_append_str(b, "{\"id\":");
    rc = rc ? rc : core_buf_append_json_string(b, id);
    for (size_t i = 0; !rc && i < sizeof names / sizeof names[0]; i++) {
        if (values[i]) {
            rc = core_buf_printf(b, ",\"%s\":", names[i]);
            rc = rc ? rc : core_buf_append_json_string(b, values[i]);
        }
    }
    if (!rc && a->extra_json && strlen(a->extra_json) > 2) { /* members after its '{' */
        rc = core_buf_printf(b, ",%s", a->extra_json + 1);
    } else {
        rc = rc ? rc : core_buf_append_char(b, '}');
    }
    return rc ? rc : core_buf_append_char(b, '\0');
}

/* The source as fil_add reads it: given, else the host of the url. */
static const char *source_of(const fil_article *a, char *host, size_t size)
{
    if (a->source && *a->source) {
        return a->source;
    }
    const char *start = a->url ? strstr(a->url, "://") : NULL;
    if (!start) {
        return NULL;
    }
    start += 3;
    size_t n = strcspn(start, "/:?#");
    if (n == 0 || n >= size) {
        return NULL;
    }
    memcpy(host, start, n);
    host[n] = '\0';
    return host;
}

/* ------------------------------------------------------------------------
 * Pending rows: a batch's articles wait in memory for its commit
 * ---------------------------------------------------------------------- */

static uint64_t id_key(const char *id)
{
    return core_hash(id, strlen(id), 11);
}

/* Copies the article and its assignment into a pending row. */
static int pending_push(fil_store *s, const fil_article *a, const fil_assignment *as)
{
    store_pending *p = &s->pending;
    if (core_array_reserve((void **)&p->rows, &p->capacity, p->count + 1, sizeof *p->rows, 64)) {
        return FIL_ENOMEM;
    }
    char host[256];
    const char *texts[STORE_ROW_TEXTS] = {
        [STORE_ROW_ID] = as->id,
        [STORE_ROW_URL] = a->url,
        [STORE_ROW_SOURCE] = source_of(a, host, sizeof host),
        [STORE_ROW_LANG] = as->lang,
        [STORE_ROW_PUBLISHED] = a->published,
        [STORE_ROW_TITLE] = a->title,
        [STORE_ROW_TEXT] = a->text,
        [STORE_ROW_DUPLICATE_OF] = as->duplicate_kind ? as->duplicate_of_id : NULL,
    };
    store_row *row = &p->rows[p->count];
    *row = (store_row){(int64_t)s->article_count + 1,
                       0,
                       p->bytes.len,
                       0,
                       0,
                       as->event,
                       as->score,
                       as->containment,
                       as->is_new,
                       as->duplicate_kind};
    row->timed = a->published && !as->time_ignored &&
                 fil_parse_time(a->published, &row->published) == FIL_OK;
    int rc = FIL_OK;
    for (int i = 0; !rc && i < STORE_ROW_TEXTS; i++) {
        if (i == STORE_ROW_RECORD) {
            rc = append_record(&p->bytes, a, as->id);
        } else if (texts[i]) {
            rc = core_buf_append(&p->bytes, texts[i], strlen(texts[i]) + 1);
        }
        row->present |= (i == STORE_ROW_RECORD || texts[i]) ? 1u << i : 0;
    }
    rc = rc ? rc : core_map_put(&p->ids, id_key(as->id), p->count + 1);
    if (rc) {
        p->bytes.len = row->strings;
        return rc;
    }
    p->count++;
    return FIL_OK;
}

/* The row's strings, in the order of store_row_text; NULL where absent. */
static void row_texts(const store_pending *p, const store_row *row,
                      const char *texts[STORE_ROW_TEXTS])
{
    const char *at = p->bytes.data + row->strings;
    for (int i = 0; i < STORE_ROW_TEXTS; i++) {
        texts[i] = row->present & (1u << i) ? at : NULL;
        at += texts[i] ? strlen(texts[i]) + 1 : 0;
    }
}

static void bind_text_or_null(sqlite3_stmt *st, int column, const char *text)
{
    if (text) {
        sqlite3_bind_text(st, column, text, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, column);
    }
}

static int insert_row(fil_store *s, const store_row *row, fil_error *err)
{
    const char *t[STORE_ROW_TEXTS];
    row_texts(&s->pending, row, t);
    sqlite3_stmt *st = s->st.insert_article;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, row->seq);
    for (int i = STORE_ROW_ID; i <= STORE_ROW_TEXT; i++) { /* columns 2 to 10 but 7 */
        bind_text_or_null(st, i < STORE_ROW_PUBLISHED ? i + 2 : i + 3, t[i]);
    }
    if (row->timed) {
        sqlite3_bind_int64(st, 7, row->published);
    } else {
        sqlite3_bind_null(st, 7);
    }
    sqlite3_bind_int64(st, 11, (int64_t)row->event);
    sqlite3_bind_double(st, 12, row->score);
    sqlite3_bind_int(st, 13, row->is_new);
    bind_text_or_null(st, 14, t[STORE_ROW_DUPLICATE_OF]);
    bind_text_or_null(st, 15, row->kind);
    if (row->kind) {
        sqlite3_bind_double(st, 16, row->containment);
    } else {
        sqlite3_bind_null(st, 16);
    }
    if (sqlite3_step(st) != SQLITE_DONE) {
        return store_fail(s, "storing an article", err);
    }
    if (row->kind && t[STORE_ROW_DUPLICATE_OF]) {
        st = s->st.insert_copy;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, t[STORE_ROW_ID], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, t[STORE_ROW_DUPLICATE_OF], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, row->kind, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 4, row->containment);
        if (sqlite3_step(st) != SQLITE_DONE) {
            return store_fail(s, "storing a copy", err);
        }
    }
    return FIL_OK;
}

/* Writes the pending rows into the batch's transaction, opened here if it
 * is not yet, and forgets them. */
static int write_pending(fil_store *s, fil_error *err)
{
    store_pending *p = &s->pending;
    if (!s->in_batch) {
        int rc = store_begin_write(s, err);
        if (rc) {
            return rc;
        }
        s->in_batch = 1;
    }
    for (size_t i = 0; i < p->count; i++) {
        int rc = insert_row(s, &p->rows[i], err);
        if (rc) {
            return rc;
        }
    }
    p->count = 0;
    core_buf_clear(&p->bytes);
    core_map_free(&p->ids);
    core_map_init(&p->ids, 0);
    return FIL_OK;
}

/* Copies the found article's id and original into s->scratch for out. */
static int keep_found_ids(fil_store *s, const char *id, const char *of, fil_assignment *out,
                          fil_error *err)
{
    core_buf_clear(&s->scratch);
    int rc = core_buf_append(&s->scratch, id, strlen(id) + 1);
    rc = rc || !of ? rc : core_buf_append(&s->scratch, of, strlen(of) + 1);
    if (rc) {
        return core_error_set(err, FIL_ENOMEM, "article %s: out of memory", id);
    }
    out->id = s->scratch.data;
    out->duplicate_of_id = of ? s->scratch.data + strlen(id) + 1 : NULL;
    return 1;
}

/* The decision for a pending article, as find_article gives it. */
static int find_pending(fil_store *s, const char *id, fil_assignment *out, fil_error *err)
{
    const uint64_t *slot = core_map_get(&s->pending.ids, id_key(id));
    const char *t[STORE_ROW_TEXTS];
    const store_row *row = slot ? &s->pending.rows[*slot - 1] : NULL;
    if (row) {
        row_texts(&s->pending, row, t);
    }
    if (!row || strcmp(t[STORE_ROW_ID], id) != 0) {
        return 0;
    }
    memset(out, 0, sizeof *out);
    out->event = row->event;
    out->score = row->score;
    out->is_new = row->is_new;
    snprintf(out->lang, sizeof out->lang, "%s", t[STORE_ROW_LANG]);
    out->duplicate_of = -1;
    out->containment = row->containment;
    out->duplicate_kind = row->kind;
    return keep_found_ids(s, id, t[STORE_ROW_DUPLICATE_OF], out, err);
}

/* The stored decision for id into out, if there is one: 1 found, 0 not,
 * or an error. out's strings live in s->scratch until the next call. */
static int find_article(fil_store *s, const char *id, fil_assignment *out, fil_error *err)
{
    int pending = find_pending(s, id, out, err);
    if (pending) {
        return pending;
    }
    sqlite3_stmt *st = s->st.find_article;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        return 0;
    }
    if (step != SQLITE_ROW) {
        return store_fail(s, "looking up an article", err);
    }
    memset(out, 0, sizeof *out);
    out->event = (uint64_t)sqlite3_column_int64(st, 0);
    out->score = sqlite3_column_double(st, 1);
    out->is_new = sqlite3_column_int(st, 2);
    snprintf(out->lang, sizeof out->lang, "%s", (const char *)sqlite3_column_text(st, 3));
    out->duplicate_of = -1;
    out->containment = sqlite3_column_double(st, 6);
    const char *kind = (const char *)sqlite3_column_text(st, 5);
    out->duplicate_kind = !kind ? NULL : strcmp(kind, "copy") == 0 ? "copy" : "rewrite";
    int rc = keep_found_ids(s, id, (const char *)sqlite3_column_text(st, 4), out, err);
    sqlite3_reset(st); /* ends its read: a read left open would keep the next write from
                        * taking the lock once the indexer has written */
    return rc;
}

/* The engine takes the article at once; its row waits for the commit, so
 * the write lock (shared with the indexer) is held only while rows are
 * written, not while articles are analysed. Rows past
 * STORE_PENDING_BYTES are written early, into the batch's transaction. */
int fil_store_add(fil_store *s, const fil_article *a, fil_assignment *out, int *existing,
                  fil_error *err)
{
    char derived[FIL_ID_SIZE];
    const char *id = fil_article_id(a, derived);
    if (!s->engine) {
        return core_error_set(err, FIL_EINVAL, "the store is read-only");
    }
    int found = find_article(s, id, out, err);
    *existing = found == 1;
    if (found) {
        return found < 0 ? found : FIL_OK;
    }
    int rc = fil_add(s->engine, a, out, err);
    if (rc) {
        return rc;
    }
    if (pending_push(s, a, out)) {
        return core_error_set(err, FIL_ENOMEM, "article %s: out of memory", out->id);
    }
    s->article_count++;
    s->dirty = 1;
    return s->pending.bytes.len > STORE_PENDING_BYTES ? write_pending(s, err) : FIL_OK;
}

/* One line of a batch: reported to fn; FIL_OK unless the store failed. */
static int add_line(fil_store *s, io_record *rec, const char *line, size_t n, uint32_t number,
                    fil_line_fn fn, void *ctx, fil_error *err)
{
    fil_error line_err = {0, ""};
    fil_assignment as;
    int existing = 0;
    int rc = io_record_parse_json(rec, line, n, &line_err);
    if (rc) {
        fn(ctx, number, NULL, 0, &line_err);
        return FIL_OK;
    }
    rc = fil_store_add(s, &rec->article, &as, &existing, &line_err);
    if (rc == FIL_EEMPTY || rc == FIL_EPARSE || rc == FIL_EENCODING) {
        fn(ctx, number, NULL, 0, &line_err);
        return FIL_OK;
    }
    if (rc) {
        return core_error_set(err, rc, "line %u: %s", number, line_err.message);
    }
    fn(ctx, number, &as, existing, NULL);
    return FIL_OK;
}

int fil_store_add_jsonl(fil_store *s, const char *data, size_t len, fil_line_fn fn, void *ctx,
                        fil_error *err)
{
    io_record rec;
    io_record_init(&rec);
    int rc = FIL_OK;
    uint32_t number = 0;
    for (size_t at = 0; !rc && at < len;) {
        const char *end = memchr(data + at, '\n', len - at);
        size_t n = end ? (size_t)(end - (data + at)) : len - at;
        const char *line = data + at;
        at += n + (end != NULL);
        number++;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) {
            n--;
        }
        rc = n ? add_line(s, &rec, line, n, number, fn, ctx, err) : FIL_OK;
    }
    io_record_free(&rec);
    return rc ? rc : fil_store_commit(s, err);
}

int fil_store_commit(fil_store *s, fil_error *err)
{
    if (!s->in_batch && !s->pending.count) {
        return FIL_OK;
    }
    int rc = write_pending(s, err);
    rc = rc ? rc : store_exec(s, "COMMIT", err);
    s->in_batch = rc != FIL_OK;
    return rc ? rc : store_indexer_committed(s, (int64_t)s->article_count, err);
}

/* Marks n description hashes as "none stored" (hashes may be NULL when
 * nothing was described yet). */
static void forget_hashes(uint64_t *hashes, size_t n)
{
    if (hashes) {
        memset(hashes, 0, n * sizeof *hashes);
    }
}

int fil_store_refresh(fil_store *s, int all, fil_error *err)
{
    if (!s->dirty && !all) {
        return FIL_OK;
    }
    all |= s->stale_all;
    int rc = fil_store_commit(s, err);
    rc = rc ? rc : store_begin_write(s, err);
    rc = rc ? rc : store_derived_write(s, all, err);
    rc = rc ? rc : store_exec(s, "COMMIT", err);
    if (rc) { /* rolled back: neither the hashes nor the engine's memory of
               * what it described can be trusted any more */
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        forget_hashes(s->event_hashes, s->event_hash_count);
        forget_hashes(s->part_hashes, s->part_hash_count);
        forget_hashes(s->storyline_hashes, s->storyline_hash_count);
    }
    s->stale_all = rc != FIL_OK;
    s->dirty = rc != FIL_OK;
    return rc;
}

/* ------------------------------------------------------------------------
 * Opening: the database, then the engine rebuilt from the log
 * ---------------------------------------------------------------------- */

/* The busy handler of the store's connections: a writer that finds the
 * write lock taken (by the indexer's chunk, or the other way round) tries
 * again every millisecond, up to about timeout milliseconds. SQLite's own
 * handler (sqlite3_busy_timeout) backs off to sleeps of 100 ms, so a
 * waiter slept on for tens of milliseconds after the lock was free, at
 * almost every batch of a busy server. */
static int retry_every_millisecond(void *timeout, int count)
{
    if (count >= (int)(intptr_t)timeout) {
        return 0;
    }
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
    return 1;
}

void store_wait_when_busy(sqlite3 *db, int timeout)
{
    sqlite3_busy_handler(db, retry_every_millisecond, (void *)(intptr_t)timeout);
}

int store_begin_write(fil_store *s, fil_error *err)
{
    store_indexer_yield(s, 1);
    int rc = store_exec(s, "BEGIN IMMEDIATE", err);
    store_indexer_yield(s, 0);
    return rc;
}

static int open_database(fil_store *s, const char *path, unsigned flags, fil_error *err)
{
    int mode = flags & FIL_STORE_READ_ONLY ? SQLITE_OPEN_READONLY
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, mode, NULL)) {
        return core_error_set(err, FIL_ESTORE, "%s: %s", path,
                              s->db ? sqlite3_errmsg(s->db) : "cannot open");
    }
    store_wait_when_busy(s->db, 5000);
    if (flags & FIL_STORE_READ_ONLY) {
        return FIL_OK;
    }
    int rc = store_exec(s,
                        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                        " PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;",
                        err);
    rc = rc ? rc : store_schema_migrate(s, err);
    return rc ? rc : prepare_statements(s, err);
}

/* The hashes of the stored event and storyline JSON, so that the first
 * refresh rewrites only what changed. */
static int load_hashes(fil_store *s, const char *sql, uint64_t **hashes, size_t *count,
                       fil_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) {
        return store_fail(s, "reading stored descriptions", err);
    }
    int step, changed, rc = FIL_OK;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        uint64_t h = store_description_hash((const char *)sqlite3_column_text(st, 1),
                                            (size_t)sqlite3_column_bytes(st, 1));
        rc = store_record_hash(hashes, count, (uint64_t)sqlite3_column_int64(st, 0), h, &changed);
    }
    sqlite3_finalize(st);
    if (rc) {
        return core_error_set(err, FIL_ENOMEM, "out of memory");
    }
    return step == SQLITE_DONE ? FIL_OK : store_fail(s, "reading stored descriptions", err);
}

static uint64_t count_rows(fil_store *s, const char *sql)
{
    sqlite3_stmt *st;
    uint64_t n = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        n = (uint64_t)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

/* One stored article through the engine; its event must be the stored one. */
static int replay_one(fil_store *s, io_record *rec, sqlite3_stmt *st, fil_error *err)
{
    const char *record = (const char *)sqlite3_column_text(st, 0);
    uint64_t stored = (uint64_t)sqlite3_column_int64(st, 1);
    fil_assignment as;
    int rc = io_record_parse_json(rec, record, (size_t)sqlite3_column_bytes(st, 0), err);
    rc = rc ? rc : fil_add(s->engine, &rec->article, &as, err);
    if (rc) {
        return core_error_set(err, FIL_ESTORE, "replaying stored article %llu: %s",
                              (unsigned long long)s->article_count + 1, err ? err->message : "");
    }
    if (as.event != stored) {
        return core_error_set(err, FIL_ESTORE,
                              "replaying article %s: the engine now puts it in event %llu, the "
                              "database says %llu (was the database made with another "
                              "configuration or build of fil?)",
                              as.id, (unsigned long long)as.event, (unsigned long long)stored);
    }
    s->article_count++;
    return FIL_OK;
}

static int replay(fil_store *s, fil_progress_fn progress, void *ctx, fil_error *err)
{
    uint64_t total = count_rows(s, "SELECT count(*) FROM articles");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " STORE_RECORD_SQL ", event FROM articles ORDER BY seq",
                           -1, &st, NULL)) {
        return store_fail(s, "reading the stored articles", err);
    }
    io_record rec;
    io_record_init(&rec);
    int rc = FIL_OK, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = replay_one(s, &rec, st, err);
        if (progress && (s->article_count % 1000 == 0 || s->article_count == total)) {
            progress(ctx, s->article_count, total);
        }
    }
    rc = rc ? rc : step == SQLITE_DONE ? FIL_OK : store_fail(s, "reading the articles", err);
    io_record_free(&rec);
    sqlite3_finalize(st);
    return rc;
}

fil_store *fil_store_open(const char *path, const fil_config *cfg, unsigned flags,
                          fil_progress_fn progress, void *ctx, fil_error *err)
{
    fil_store *s = core_calloc(1, sizeof *s);
    if (!s) {
        core_error_set(err, FIL_ENOMEM, "out of memory");
        return NULL;
    }
    fil_config engine_cfg;
    if (cfg) {
        engine_cfg = *cfg;
    } else {
        fil_config_default(&engine_cfg);
    }
    engine_cfg.keep_articles = 1;
    engine_cfg.stories = 1;
    core_buf_init(&s->scratch, 0);
    core_buf_init(&s->pending.bytes, 0);
    core_map_init(&s->pending.ids, 0);
    int rc = open_database(s, path, flags, err);
    if (!rc && (flags & FIL_STORE_READ_ONLY)) {
        return s;
    }
    s->engine = rc ? NULL : fil_open(&engine_cfg, err);
    rc = rc ? rc : s->engine ? FIL_OK : err ? err->code : FIL_ENOMEM;
    rc = rc ? rc : replay(s, progress, ctx, err);
    rc = rc ? rc
            : load_hashes(s, "SELECT id, json FROM events", &s->event_hashes, &s->event_hash_count,
                          err);
    rc = rc ? rc
            : load_hashes(s, "SELECT id, json FROM storylines", &s->storyline_hashes,
                          &s->storyline_hash_count, err);
    rc = rc ? rc : store_indexer_start(s, path, (int64_t)s->article_count, err);
    if (rc) {
        fil_store_close(s, NULL);
        return NULL;
    }
    /* a crash between a batch and its refresh leaves the tables behind */
    s->dirty = count_rows(s, "SELECT count(*) FROM events") < fil_event_count(s->engine) ||
               s->article_count != count_rows(s, "SELECT coalesce(sum(size), 0) FROM events");
    return s;
}

uint64_t fil_store_article_count(const fil_store *s)
{
    return s->article_count;
}

uint64_t fil_store_unindexed(fil_store *s)
{
    int64_t behind = store_indexer_behind(s);
    return behind > 0 ? (uint64_t)behind : 0;
}

fil_engine *fil_store_engine(fil_store *s)
{
    return s->engine;
}

int fil_store_close(fil_store *s, fil_error *err)
{
    if (!s) {
        return FIL_OK;
    }
    int rc = s->db && s->engine && s->dirty ? fil_store_refresh(s, 1, err) : FIL_OK;
    int stopped = store_indexer_stop(s, rc ? NULL : err);
    rc = rc ? rc : stopped;
    sqlite3_stmt *statements[] = {s->st.find_article, s->st.insert_article, s->st.insert_copy};
    for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
        sqlite3_finalize(statements[i]);
    }
    if (s->in_batch) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    sqlite3_close(s->db);
    fil_close(s->engine);
    core_buf_free(&s->scratch);
    core_buf_free(&s->pending.bytes);
    core_map_free(&s->pending.ids);
    free(s->pending.rows);
    free(s->event_hashes);
    free(s->part_hashes);
    free(s->storyline_hashes);
    free(s);
    return rc;
}
