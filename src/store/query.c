/*
 * src/store/query.c -- what the API reads: events, storylines, articles,
 * full-text search and pair similarity, each as one JSON document (shapes
 * in docs/API.md).
 *
 * SQLite builds the JSON (json_object, json_group_array) from the stored
 * descriptions, so a listing costs one statement. Every user value is a
 * bound parameter, never SQL text; a search query is turned into FTS5
 * strings, one per word, so its syntax cannot be injected either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "io/record.h"
#include "text/normalize.h"
#include "store/store.h"

#define QUERY_DEFAULT_LIMIT 50
#define QUERY_MAX_LIMIT     500
#define QUERY_MAX_BINDS     12

/* Values bound to ?1, ?2... in order: text (NULL for an integer) or an
 * integer. */
typedef struct query_binds {
    const char *text[QUERY_MAX_BINDS];
    int64_t number[QUERY_MAX_BINDS];
    int count;
} query_binds;

static int bind_text(query_binds *b, const char *text)
{
    b->text[b->count] = text;
    return ++b->count;
}

static int bind_number(query_binds *b, int64_t n)
{
    b->text[b->count] = NULL;
    b->number[b->count] = n;
    return ++b->count;
}

/* Runs sql with binds; the first column of its one row (JSON text) into
 * a malloc'd *out. No row is FIL_ENOTFOUND; a NULL value too. */
static int query_text(fil_store *s, const char *sql, const query_binds *b, char **out, size_t *len,
                      fil_error *err)
{
    sqlite3_stmt *st;
    *out = NULL;
    *len = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) {
        return store_fail(s, "preparing a query", err);
    }
    for (int i = 0; i < b->count; i++) {
        if (b->text[i]) {
            sqlite3_bind_text(st, i + 1, b->text[i], -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_int64(st, i + 1, b->number[i]);
        }
    }
    int step = sqlite3_step(st), rc = FIL_OK;
    if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
        size_t n = (size_t)sqlite3_column_bytes(st, 0);
        *out = malloc(n + 1);
        if (*out) {
            memcpy(*out, sqlite3_column_text(st, 0), n);
            (*out)[n] = '\0';
            *len = n;
        }
        rc = *out ? FIL_OK : core_error_set(err, FIL_ENOMEM, "out of memory");
    } else if (step == SQLITE_ROW || step == SQLITE_DONE) {
        rc = core_error_set(err, FIL_ENOTFOUND, "not found");
    } else if (sqlite3_errcode(s->db) == SQLITE_ERROR) { /* e.g. a bad FTS5 query */
        rc = core_error_set(err, FIL_EINVAL, "query: %s", sqlite3_errmsg(s->db));
    } else {
        rc = store_fail(s, "query", err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The words of text as FTS5 strings ("word" "other"), all required. An
 * empty query is FIL_EINVAL. */
static int fts_query(const char *text, core_buf *out, fil_error *err)
{
    core_buf_clear(out);
    int rc = FIL_OK, words = 0;
    for (const char *p = text; !rc && p && *p;) {
        p += strspn(p, " \t\r\n");
        size_t n = strcspn(p, " \t\r\n");
        if (n == 0) {
            break;
        }
        rc = core_buf_append_str(out, words++ ? " \"" : "\"");
        for (size_t i = 0; !rc && i < n; i++) {
            rc = core_buf_append(out, p[i] == '"' ? "\"\"" : p + i, p[i] == '"' ? 2 : 1);
        }
        rc = rc ? rc : core_buf_append_char(out, '"');
        p += n;
    }
    rc = rc ? rc : core_buf_append_char(out, '\0');
    if (rc) {
        return core_error_set(err, FIL_ENOMEM, "out of memory");
    }
    return words ? FIL_OK : core_error_set(err, FIL_EINVAL, "the search query has no words");
}

/* A time parameter in seconds; a bare day as until means its end. */
static int query_time(const char *name, const char *text, int end_of_day, int64_t *t,
                      fil_error *err)
{
    if (fil_parse_time(text, t) != FIL_OK) {
        return core_error_set(err, FIL_EINVAL, "%s: '%s' is not an ISO-8601 time or day", name,
                              text);
    }
    *t += end_of_day && strlen(text) == 10 ? 86399 : 0;
    return FIL_OK;
}

/* An entity as the engine keys it (features/entities.h): folded, accents
 * stripped, words joined by one space ("Côte-d’Or" -> "cote d or"), into
 * out (NUL-terminated). FIL_EINVAL when text is not UTF-8. */
static int entity_key(const char *text, core_buf *out, fil_error *err)
{
    core_arena arena;
    core_arena_init(&arena, 4096, 1 << 20);
    size_t n;
    char *folded = text_fold(text, strlen(text), TEXT_FOLD_STRIP_ACCENTS, &arena, &n);
    int rc = folded ? FIL_OK : core_error_set(err, FIL_EINVAL, "entity: not UTF-8 text");
    core_buf_clear(out);
    for (size_t i = 0; !rc && i < n; i++) {
        unsigned char c = (unsigned char)folded[i];
        int word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
        if (word) {
            rc = core_buf_append_char(out, (char)c);
        } else if (out->len && out->data[out->len - 1] != ' ') {
            rc = core_buf_append_char(out, ' ');
        }
    }
    if (!rc && out->len && out->data[out->len - 1] == ' ') {
        out->len--;
    }
    rc = rc ? rc : core_buf_append_char(out, '\0');
    core_arena_free(&arena);
    return rc == FIL_ENOMEM ? core_error_set(err, rc, "out of memory") : rc;
}

static int add_clause(core_buf *where, const char *clause)
{
    int rc = core_buf_append_str(where, where->len ? " AND " : " WHERE ");
    return rc ? rc : core_buf_append_str(where, clause);
}

/* The WHERE clause over events (alias e) for q, its values in b; the FTS
 * query text lives in fts, the entity's key in key. */
static int event_filter(const fil_query *q, core_buf *where, core_buf *fts, core_buf *key,
                        query_binds *b, int64_t times[2], fil_error *err)
{
    int rc = FIL_OK;
    char clause[256];
    if (q->since && *q->since) {
        rc = query_time("since", q->since, 0, &times[0], err);
        snprintf(clause, sizeof clause, "e.last >= ?%d", bind_number(b, times[0]));
        rc = rc ? rc : add_clause(where, clause);
    }
    if (!rc && q->until && *q->until) {
        rc = query_time("until", q->until, 1, &times[1], err);
        snprintf(clause, sizeof clause, "e.first <= ?%d", bind_number(b, times[1]));
        rc = rc ? rc : add_clause(where, clause);
    }
    if (!rc && q->lang && *q->lang) {
        snprintf(clause, sizeof clause,
                 "e.id IN (SELECT event FROM event_languages WHERE lang = ?%d)",
                 bind_text(b, q->lang));
        rc = add_clause(where, clause);
    }
    if (!rc && q->source && *q->source) {
        snprintf(clause, sizeof clause,
                 "e.id IN (SELECT event FROM event_sources WHERE source = ?%d)",
                 bind_text(b, q->source));
        rc = add_clause(where, clause);
    }
    if (!rc && q->entity && *q->entity) {
        rc = entity_key(q->entity, key, err);
        int k = bind_text(b, q->entity), canonical = rc ? 0 : bind_text(b, key->data);
        snprintf(clause, sizeof clause,
                 "e.id IN (SELECT event FROM entities WHERE canonical = ?%d OR name = ?%d)",
                 canonical, k);
        rc = rc ? rc : add_clause(where, clause);
    }
    if (!rc && q->text && *q->text) {
        rc = fts_query(q->text, fts, err);
        snprintf(clause, sizeof clause,
                 "e.id IN (SELECT event FROM articles WHERE seq IN"
                 " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?%d))",
                 bind_text(b, fts->data));
        rc = rc ? rc : add_clause(where, clause);
    }
    return rc == FIL_ENOMEM ? core_error_set(err, rc, "out of memory") : rc;
}

/* The page size asked for, within its bounds. */
static uint32_t page_limit(const fil_query *q)
{
    return q->limit == 0                ? QUERY_DEFAULT_LIMIT
           : q->limit > QUERY_MAX_LIMIT ? QUERY_MAX_LIMIT
                                        : q->limit;
}

/* The event or storyline listing (kind: "events" or "storylines"). */
static int list_json(fil_store *s, const fil_query *q, const char *kind, char **out, size_t *len,
                     fil_error *err)
{
    core_buf where, fts, key, sql;
    *out = NULL;
    *len = 0;
    core_buf_init(&where, 0);
    core_buf_init(&fts, 0);
    core_buf_init(&key, 0);
    core_buf_init(&sql, 0);
    query_binds b = {0};
    int64_t times[2];
    int storylines = strcmp(kind, "storylines") == 0;
    const char *sort = q->sort && *q->sort ? q->sort : "last";
    int rc = strcmp(sort, "last") && strcmp(sort, "size") && (storylines || strcmp(sort, "growth"))
                 ? core_error_set(err, FIL_EINVAL, "sort: '%s' is not last, growth or size", sort)
                 : event_filter(q, &where, &fts, &key, &b, times, err);
    uint32_t limit = page_limit(q);
    /* the rows listed: events (e) themselves, or storylines (x) with an
     * event that passes the filter. A descending order puts NULLs last. */
    const char *row = storylines ? "x" : "e";
    const char *key_order = strcmp(sort, "growth") == 0 ? "growth DESC, %s.last"
                            : strcmp(sort, "size") == 0 ? "size DESC, %s.last"
                                                        : "last";
    core_buf from;
    core_buf_init(&from, 0);
    int built = storylines ? core_buf_printf(&from,
                                             "storylines x WHERE x.id IN (SELECT se.storyline"
                                             " FROM storyline_events se JOIN events e ON"
                                             " e.id = se.event%s)",
                                             where.len ? where.data : "")
                           : core_buf_printf(&from, "events e%s", where.len ? where.data : "");
    char order[64];
    snprintf(order, sizeof order, key_order, row);
    if (!rc && !built) {
        int limit_at = bind_number(&b, limit), offset_at = bind_number(&b, q->offset);
        rc = core_buf_printf(
            &sql,
            /* the stored JSON is joined as text: parsing it again would cost
             * more than the query */
            "SELECT '{\"total\":' || (SELECT count(*) FROM %s) || ',\"offset\":' || ?%d ||"
            " ',\"limit\":' || ?%d || ',\"%s\":[' || coalesce((SELECT group_concat(list_json,"
            " ',') FROM (SELECT %s.list_json FROM %s ORDER BY %s.%s DESC, %s.id DESC"
            " LIMIT ?%d OFFSET ?%d)), '') || ']}'",
            from.data, offset_at, limit_at, kind, row, from.data, row, order, row, limit_at,
            offset_at);
        rc = rc ? core_error_set(err, FIL_ENOMEM, "out of memory")
                : query_text(s, sql.data, &b, out, len, err);
    }
    rc = rc || !built ? rc : core_error_set(err, FIL_ENOMEM, "out of memory");
    core_buf_free(&from);
    core_buf_free(&where);
    core_buf_free(&fts);
    core_buf_free(&key);
    core_buf_free(&sql);
    return rc;
}

/* One object by id (text_id, or number_id when text_id is NULL); none is
 * FIL_ENOTFOUND with "no <what> <id>". */
static int query_by_id(fil_store *s, const char *sql, const char *what, const char *text_id,
                       int64_t number_id, char **out, size_t *len, fil_error *err)
{
    query_binds b = {0};
    if (text_id) {
        bind_text(&b, text_id);
    } else {
        bind_number(&b, number_id);
    }
    int rc = query_text(s, sql, &b, out, len, err);
    if (rc != FIL_ENOTFOUND) {
        return rc;
    }
    return text_id ? core_error_set(err, rc, "no %s '%s'", what, text_id)
                   : core_error_set(err, rc, "no %s %lld", what, (long long)number_id);
}

int fil_store_events_json(fil_store *s, const fil_query *q, char **out, size_t *len, fil_error *err)
{
    return list_json(s, q, "events", out, len, err);
}

int fil_store_storylines_json(fil_store *s, const fil_query *q, char **out, size_t *len,
                              fil_error *err)
{
    return list_json(s, q, "storylines", out, len, err);
}

/* The fields of an article in an event's list (a: the articles row). */
#define ARTICLE_ITEM                                                                               \
    "json_object('id', a.id, 'title', a.title, 'source', a.source, 'lang', a.lang,"                \
    " 'published', a.published_text, 'url', a.url, 'duplicate_of', a.duplicate_of, 'kind',"        \
    " a.kind)"

int fil_store_event_json(fil_store *s, uint64_t id, char **out, size_t *len, fil_error *err)
{
    static const char sql[] =
        "SELECT json_set(json, '$.articles', (SELECT json_group_array(json(item)) FROM"
        " (SELECT " ARTICLE_ITEM " AS item FROM articles a WHERE a.event = ?1"
        " ORDER BY a.published IS NULL, a.published, a.seq)))"
        " FROM events WHERE id = ?1";
    return query_by_id(s, sql, "event", NULL, (int64_t)id, out, len, err);
}

int fil_store_storyline_json(fil_store *s, uint64_t id, char **out, size_t *len, fil_error *err)
{
    static const char sql[] =
        "SELECT json_set(json, '$.events', (SELECT json_group_array(json(list_json)) FROM"
        " (SELECT e.list_json FROM storyline_events se JOIN events e ON e.id = se.event"
        " WHERE se.storyline = ?1 ORDER BY e.first NULLS LAST, e.id)))"
        " FROM storylines WHERE id = ?1";
    return query_by_id(s, sql, "storyline", NULL, (int64_t)id, out, len, err);
}

int fil_store_article_json(fil_store *s, const char *id, char **out, size_t *len, fil_error *err)
{
    static const char sql[] =
        "SELECT json_object('id', a.id, 'url', a.url, 'source', a.source, 'lang', a.lang,"
        " 'published', a.published_text, 'title', a.title, 'text', a.text, 'event', a.event,"
        " 'storyline', (SELECT storyline FROM events WHERE id = a.event), 'score', a.score,"
        " 'duplicate_of', a.duplicate_of, 'kind', a.kind, 'containment', a.containment)"
        " FROM articles a WHERE a.id = ?1";
    return query_by_id(s, sql, "article", id, 0, out, len, err);
}

int fil_store_search_json(fil_store *s, const fil_query *q, char **out, size_t *len, fil_error *err)
{
    static const char sql[] =
        "SELECT json_object('total', (SELECT count(*) FROM articles_fts WHERE articles_fts"
        " MATCH ?1), 'offset', ?3, 'limit', ?2, 'results', (SELECT json_group_array("
        "json_object('id', a.id, 'title', a.title, 'source', a.source, 'lang', a.lang,"
        " 'published', a.published_text, 'event', a.event, 'snippet', m.snip)) FROM"
        " (SELECT rowid, snippet(articles_fts, -1, char(57344), char(57345), '…', 16) AS snip"
        " FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2 OFFSET ?3) m"
        " JOIN articles a ON a.seq = m.rowid))";
    core_buf fts;
    core_buf_init(&fts, 0);
    query_binds b = {0};
    *out = NULL;
    *len = 0;
    int rc = fts_query(q->text, &fts, err);
    uint32_t limit = page_limit(q);
    if (!rc) {
        bind_text(&b, fts.data);
        bind_number(&b, limit);
        bind_number(&b, q->offset);
        rc = query_text(s, sql, &b, out, len, err);
    }
    core_buf_free(&fts);
    return rc;
}

/* The stored record of id parsed into rec. */
static int load_article(fil_store *s, const char *id, io_record *rec, fil_error *err)
{
    char *record;
    size_t n;
    int rc = query_by_id(s, "SELECT " STORE_RECORD_SQL " FROM articles WHERE id = ?1", "article",
                         id, 0, &record, &n, err);
    if (rc) {
        return rc;
    }
    rc = io_record_parse_json(rec, record, n, err);
    free(record);
    return rc;
}

static int write_similarity(core_buf *out, const char *a, const char *b,
                            const fil_similarity_result *r)
{
    int rc = core_buf_append_str(out, "{\"a\":");
    rc = rc ? rc : core_buf_append_json_string(out, a);
    rc = rc ? rc : core_buf_append_str(out, ",\"b\":");
    rc = rc ? rc : core_buf_append_json_string(out, b);
    rc = rc ? rc
            : core_buf_printf(out,
                              ",\"overall\":%.3f,\"geography\":%.3f,\"entities\":%.3f,"
                              "\"time\":%.3f,\"narrative\":%.3f,\"same_event\":%s,\"why\":%s}",
                              r->overall, r->geography, r->entities, r->time, r->narrative,
                              r->same_event ? "true" : "false", r->why ? r->why : "{}");
    return rc ? rc : core_buf_append_char(out, '\0');
}

int fil_store_similar_json(fil_store *s, const char *a, const char *b, char **out, size_t *len,
                           fil_error *err)
{
    io_record ra, rb;
    io_record_init(&ra);
    io_record_init(&rb);
    fil_similarity_result r = {0};
    core_buf text;
    core_buf_init(&text, 0);
    int rc = s->engine ? FIL_OK : core_error_set(err, FIL_EINVAL, "the store is read-only");
    rc = rc ? rc : load_article(s, a, &ra, err);
    rc = rc ? rc : load_article(s, b, &rb, err);
    rc = rc ? rc : fil_similarity(s->engine, &ra.article, &rb.article, FIL_SIMILARITY_WHY, &r, err);
    if (!rc && write_similarity(&text, a, b, &r)) {
        rc = core_error_set(err, FIL_ENOMEM, "out of memory");
    }
    *len = rc ? 0 : text.len - 1;
    *out = rc ? NULL : core_buf_take(&text);
    core_buf_free(&text);
    fil_free(r.why);
    io_record_free(&ra);
    io_record_free(&rb);
    return rc;
}
