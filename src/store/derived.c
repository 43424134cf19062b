/*
 * src/store/derived.c -- the engine's description of its events and
 * storylines (fil_stories_json) written to the tables queries read.
 *
 * Each event and storyline is stored whole (json), in short form for
 * listings (list_json: without entities, quotes, timeline, duplicates and
 * articles), and in the rows filters use. A refresh asks the engine for
 * what changed since its last description (fil_stories_changed_json), so
 * its cost follows the batch, not the stream; a full one (all) describes
 * everything again, bringing every growth score up to date, and writes
 * only descriptions whose hash differs from the stored one.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/array.h"
#include "core/error.h"
#include "core/hash.h"
#include "store/store.h"

/* The statements of one refresh, in the order of derived_sql. */
enum {
    EV_UPSERT,
    EV_CLEAR_LANG,
    EV_CLEAR_SOURCE,
    EV_CLEAR_ENTITY,
    EV_CLEAR_QUOTE,
    EV_CLEAR_TIMELINE,
    EV_LANG,
    EV_SOURCE,
    EV_ENTITY,
    EV_QUOTE,
    EV_TIMELINE,
    SL_UPSERT,
    SL_CLEAR_EVENTS,
    SL_EVENT,
    SL_DROP,
    DERIVED_STATEMENTS
};

static const char *const derived_sql[DERIVED_STATEMENTS] = {
    "INSERT OR REPLACE INTO events(id, storyline, size, first, last, growth, list_json, json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "DELETE FROM event_languages WHERE event = ?1",
    "DELETE FROM event_sources WHERE event = ?1",
    "DELETE FROM entities WHERE event = ?1",
    "DELETE FROM quotes WHERE event = ?1",
    "DELETE FROM timeline WHERE event = ?1",
    "INSERT OR REPLACE INTO event_languages(event, lang, articles) VALUES (?1, ?2, ?3)",
    "INSERT OR REPLACE INTO event_sources(event, source, articles) VALUES (?1, ?2, ?3)",
    "INSERT OR REPLACE INTO entities(event, canonical, name, type, articles, mentions)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT OR REPLACE INTO quotes(event, n, text, speaker, articles, sources)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT OR REPLACE INTO timeline(event, n, day, granularity, what, sources, articles)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT OR REPLACE INTO storylines(id, size, first, last, list_json, json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "DELETE FROM storyline_events WHERE storyline = ?1",
    "INSERT OR REPLACE INTO storyline_events(storyline, event) VALUES (?1, ?2)",
    "DELETE FROM storylines WHERE id = ?1",
};

typedef struct derived_run {
    fil_store *store;
    sqlite3_stmt *st[DERIVED_STATEMENTS];
    fil_error *err;
    int64_t *listed; /* ids of the storylines written (malloc) */
    size_t listed_count, listed_capacity;
} derived_run;

/* Binds the values (text, integer or real by cJSON type; NULL for a
 * missing item) from column 2 on, after the owner id in column 1, and
 * runs the statement. Arrays and objects are bound as their JSON. */
static int run_row(derived_run *r, int which, int64_t owner, const cJSON *const *values, int n)
{
    sqlite3_stmt *st = r->st[which];
    char *texts[8] = {0};
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, owner);
    for (int i = 0; i < n && i < 8; i++) {
        const cJSON *v = values[i];
        if (cJSON_IsString(v)) {
            sqlite3_bind_text(st, i + 2, v->valuestring, -1, SQLITE_STATIC);
        } else if (cJSON_IsNumber(v)) {
            sqlite3_bind_double(st, i + 2, v->valuedouble);
        } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
            texts[i] = cJSON_PrintUnformatted(v);
            sqlite3_bind_text(st, i + 2, texts[i], -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_null(st, i + 2);
        }
    }
    int step = sqlite3_step(st);
    for (int i = 0; i < 8; i++) {
        cJSON_free(texts[i]);
    }
    return step == SQLITE_DONE ? FIL_OK : store_fail(r->store, "writing events", r->err);
}

static const cJSON *item(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

/* Rows of {name: count} (languages, sources). */
static int write_counts(derived_run *r, int which, int64_t owner, const cJSON *counts)
{
    int rc = FIL_OK;
    for (const cJSON *c = counts ? counts->child : NULL; !rc && c; c = c->next) {
        cJSON key = {0};
        key.type = cJSON_String;
        key.valuestring = c->string;
        const cJSON *values[] = {&key, c};
        rc = run_row(r, which, owner, values, 2);
    }
    return rc;
}

/* One row per item of list, its fields named by names; quotes and
 * timeline entries get their place in the list as column 2. */
static int write_list(derived_run *r, int which, int64_t owner, const cJSON *list,
                      const char *const *names, int n, int numbered)
{
    int rc = FIL_OK, place = 0;
    for (const cJSON *x = list ? list->child : NULL; !rc && x; x = x->next) {
        const cJSON *values[8];
        cJSON number = {0};
        number.type = cJSON_Number;
        number.valuedouble = place++;
        int k = 0;
        if (numbered) {
            values[k++] = &number;
        }
        for (int i = 0; i < n && k < 8; i++) {
            values[k++] = item(x, names[i]);
        }
        rc = run_row(r, which, owner, values, k);
    }
    return rc;
}

static int bind_time(sqlite3_stmt *st, int column, const cJSON *t)
{
    int64_t seconds;
    if (cJSON_IsString(t) && fil_parse_time(t->valuestring, &seconds) == FIL_OK) {
        return sqlite3_bind_int64(st, column, seconds);
    }
    return sqlite3_bind_null(st, column);
}

/* The JSON of obj without the named members (obj is left as it was). */
static char *print_without(cJSON *obj, const char *const *names, int n)
{
    cJSON *detached[8] = {0};
    for (int i = 0; i < n && i < 8; i++) {
        detached[i] = cJSON_DetachItemFromObjectCaseSensitive(obj, names[i]);
    }
    char *text = cJSON_PrintUnformatted(obj);
    for (int i = 0; i < n && i < 8; i++) {
        if (detached[i]) {
            cJSON_AddItemToObject(obj, names[i], detached[i]);
        }
    }
    return text;
}

int store_record_hash(uint64_t **hashes, size_t *count, uint64_t id, uint64_t h, int *changed)
{
    if (id >= *count) {
        size_t n = (size_t)id + 1 + *count;
        uint64_t *grown = core_realloc(*hashes, n * sizeof *grown);
        if (!grown) {
            return FIL_ENOMEM;
        }
        memset(grown + *count, 0, (n - *count) * sizeof *grown);
        *hashes = grown;
        *count = n;
    }
    h |= 1; /* 0 means "none stored" */
    *changed = (*hashes)[id] != h;
    (*hashes)[id] = h;
    return FIL_OK;
}

uint64_t store_description_hash(const char *json, size_t len)
{
    return core_hash(json, len, 7);
}

/* A hash of a parsed JSON value: types, names, strings and numbers, in
 * order. */
static uint64_t hash_json(const cJSON *v, uint64_t h)
{
    for (; v; v = v->next) {
        h = core_hash(&v->type, sizeof v->type, h);
        h = v->string ? core_hash(v->string, strlen(v->string), h) : h;
        h = v->valuestring ? core_hash(v->valuestring, strlen(v->valuestring), h) : h;
        h = cJSON_IsNumber(v) ? core_hash(&v->valuedouble, sizeof v->valuedouble, h) : h;
        h = hash_json(v->child, h);
    }
    return h;
}

static int write_event_parts(derived_run *r, int64_t id, const cJSON *ev)
{
    static const char *const entity_fields[] = {"canonical", "name", "type", "articles",
                                                "mentions"};
    static const char *const quote_fields[] = {"text", "speaker", "articles", "sources"};
    static const char *const timeline_fields[] = {"date", "granularity", "what", "sources",
                                                  "articles"};
    int rc = FIL_OK;
    for (int which = EV_CLEAR_LANG; !rc && which <= EV_CLEAR_TIMELINE; which++) {
        rc = run_row(r, which, id, NULL, 0);
    }
    rc = rc ? rc : write_counts(r, EV_LANG, id, item(ev, "languages"));
    rc = rc ? rc : write_counts(r, EV_SOURCE, id, item(ev, "sources"));
    rc = rc ? rc : write_list(r, EV_ENTITY, id, item(ev, "entities"), entity_fields, 5, 0);
    rc = rc ? rc : write_list(r, EV_QUOTE, id, item(ev, "quotes"), quote_fields, 4, 1);
    return rc ? rc : write_list(r, EV_TIMELINE, id, item(ev, "timeline"), timeline_fields, 5, 1);
}

/* The rows of an event's parts are written again only when the parts
 * changed: many events described again changed only their growth or
 * their storyline. The parts' hashes are not stored, so they are learnt
 * as events are described: write 0 says that the event's description,
 * parts and all, is the one stored, and records the hash of its parts
 * if none is known (the first refresh after an open describes every
 * event), so that a later change of its growth or storyline alone does
 * not write its parts again, as it did for every event described again
 * after an open. */
static int write_event_rows(derived_run *r, int64_t id, const cJSON *ev, int write)
{
    static const char *const parts[] = {"languages", "sources", "entities", "quotes", "timeline"};
    fil_store *s = r->store;
    if (!write && (uint64_t)id < s->part_hash_count && s->part_hashes[id]) {
        return FIL_OK; /* known already */
    }
    uint64_t h = 5;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const cJSON *part = item(ev, parts[i]);
        h = part ? hash_json(part->child, core_hash(parts[i], strlen(parts[i]), h)) : h;
    }
    int changed = 1;
    if (store_record_hash(&s->part_hashes, &s->part_hash_count, (uint64_t)id, h, &changed)) {
        return core_error_set(r->err, FIL_ENOMEM, "out of memory describing events");
    }
    return write && changed ? write_event_parts(r, id, ev) : FIL_OK;
}

static int write_event(derived_run *r, cJSON *ev)
{
    static const char *const long_parts[] = {"entities", "quotes", "timeline", "duplicates",
                                             "articles"};
    fil_store *s = r->store;
    int64_t id = (int64_t)cJSON_GetNumberValue(item(ev, "id"));
    char *json = print_without(ev, long_parts + 4, 1); /* articles come from the table */
    char *list_json = print_without(ev, long_parts, 5);
    int changed = 0;
    int rc = json && list_json && id >= 0 &&
                     !store_record_hash(&s->event_hashes, &s->event_hash_count, (uint64_t)id,
                                        store_description_hash(json, strlen(json)), &changed)
                 ? FIL_OK
                 : core_error_set(r->err, FIL_ENOMEM, "out of memory describing events");
    if (!rc && changed) {
        sqlite3_stmt *st = r->st[EV_UPSERT];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)cJSON_GetNumberValue(item(ev, "storyline")));
        sqlite3_bind_int64(st, 3, (int64_t)cJSON_GetNumberValue(item(ev, "size")));
        bind_time(st, 4, item(ev, "first"));
        bind_time(st, 5, item(ev, "last"));
        sqlite3_bind_double(st, 6, cJSON_GetNumberValue(item(item(ev, "growth"), "score")));
        sqlite3_bind_text(st, 7, list_json, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, json, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? FIL_OK : store_fail(s, "writing an event", r->err);
    }
    rc = rc ? rc : write_event_rows(r, id, ev, changed);
    cJSON_free(json);
    cJSON_free(list_json);
    return rc;
}

static int write_storyline(derived_run *r, cJSON *sl)
{
    static const char *const long_parts[] = {"entities", "quotes", "timeline"};
    fil_store *s = r->store;
    int64_t id = (int64_t)cJSON_GetNumberValue(item(sl, "id"));
    char *json = cJSON_PrintUnformatted(sl);
    char *list_json = print_without(sl, long_parts, 3);
    int changed = 0;
    int rc =
        json && list_json && id >= 0 &&
                !store_record_hash(&s->storyline_hashes, &s->storyline_hash_count, (uint64_t)id,
                                   store_description_hash(json, strlen(json)), &changed)
            ? FIL_OK
            : core_error_set(r->err, FIL_ENOMEM, "out of memory describing storylines");
    if (!rc && changed) {
        sqlite3_stmt *st = r->st[SL_UPSERT];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)cJSON_GetNumberValue(item(sl, "size")));
        bind_time(st, 3, item(sl, "first"));
        bind_time(st, 4, item(sl, "last"));
        sqlite3_bind_text(st, 5, list_json, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, json, -1, SQLITE_STATIC);
        rc =
            sqlite3_step(st) == SQLITE_DONE ? FIL_OK : store_fail(s, "writing a storyline", r->err);
        rc = rc ? rc : run_row(r, SL_CLEAR_EVENTS, id, NULL, 0);
        for (const cJSON *e = item(sl, "events") ? item(sl, "events")->child : NULL; !rc && e;
             e = e->next) {
            const cJSON *values[] = {e};
            rc = run_row(r, SL_EVENT, id, values, 1);
        }
    }
    cJSON_free(json);
    cJSON_free(list_json);
    return rc;
}

/* Storyline id is no more (links merged it into another). */
static int drop_storyline(derived_run *r, int64_t id)
{
    int rc = run_row(r, SL_DROP, id, NULL, 0);
    rc = rc ? rc : run_row(r, SL_CLEAR_EVENTS, id, NULL, 0);
    if (!rc && (uint64_t)id < r->store->storyline_hash_count) {
        r->store->storyline_hashes[id] = 0;
    }
    return rc;
}

static int compare_ids(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* After a full description: every stored storyline it did not list
 * (listed: n ids, sorted here) is no more. The stored ids are read first,
 * then dropped. */
static int drop_unlisted(derived_run *r, int64_t *listed, size_t n)
{
    size_t stored = 0, capacity = 64;
    int64_t *unlisted = core_malloc(capacity * sizeof *unlisted);
    sqlite3_stmt *st = NULL;
    int rc = unlisted ? FIL_OK : core_error_set(r->err, FIL_ENOMEM, "out of memory");
    if (!rc && n > 1) {
        qsort(listed, n, sizeof *listed, compare_ids);
    }
    if (!rc && sqlite3_prepare_v2(r->store->db, "SELECT id FROM storylines", -1, &st, NULL)) {
        rc = store_fail(r->store, "reading storylines", r->err);
    }
    while (!rc && sqlite3_step(st) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (n && bsearch(&id, listed, n, sizeof *listed, compare_ids)) {
            continue;
        }
        if (core_array_reserve((void **)&unlisted, &capacity, stored + 1, sizeof *unlisted, 64)) {
            rc = core_error_set(r->err, FIL_ENOMEM, "out of memory");
        } else {
            unlisted[stored++] = id;
        }
    }
    sqlite3_finalize(st);
    for (size_t i = 0; !rc && i < stored; i++) {
        rc = drop_storyline(r, unlisted[i]);
    }
    free(unlisted);
    return rc;
}

/* ------------------------------------------------------------------------
 * Reading the description a piece at a time
 *
 * A description holds every event (a full one, at 100k articles, some
 * hundreds of MB as a tree of cJSON nodes). Its members are found by
 * scanning the text, and each event and storyline is parsed, written and
 * freed on its own: memory follows the largest element, and the nodes of
 * one are reused by the next.
 * ---------------------------------------------------------------------- */

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
        p++;
    }
    return p;
}

/* Past the end of the JSON value that starts at p; end when it runs out.
 * The text is the engine's own, well formed: only strings and nesting
 * are followed, and a number or word ends at the first byte that cannot
 * be in it. */
static const char *value_end(const char *p, const char *end)
{
    int depth = 0;
    for (; p < end; p++) {
        if (*p == '"') {
            for (p++; p < end && *p != '"'; p++) {
                p += *p == '\\' && p + 1 < end; /* an escaped byte, '"' too */
            }
            if (p == end) {
                return end; /* a string cut short */
            }
            if (depth == 0) {
                return p + 1;
            }
        } else if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (depth == 0) {
                return p; /* it ends a number or word */
            }
            if (--depth == 0) {
                return p + 1;
            }
        } else if (depth == 0 && strchr(",: \n\r\t", *p)) {
            return p;
        }
    }
    return end;
}

typedef int (*element_fn)(derived_run *r, cJSON *element);

/* Parses each element of the array that starts at `at` on its own and
 * hands it to fn, until fn fails. *stop: past the array. */
static int each_element(derived_run *r, const char *at, const char *end, element_fn fn,
                        const char **stop)
{
    const char *p = at < end && *at == '[' ? skip_space(at + 1, end) : end;
    int rc = FIL_OK;
    while (!rc && p < end && *p != ']') {
        const char *element_end = value_end(p, end);
        cJSON *element = cJSON_ParseWithLength(p, (size_t)(element_end - p));
        rc = element ? fn(r, element)
                     : core_error_set(r->err, FIL_ENOMEM, "out of memory reading events");
        cJSON_Delete(element);
        p = skip_space(element_end, end);
        p = p < end && *p == ',' ? skip_space(p + 1, end) : p;
    }
    *stop = p < end ? p + 1 : end;
    return rc;
}

/* Writes a storyline and keeps its id, for drop_unlisted. */
static int write_listed_storyline(derived_run *r, cJSON *sl)
{
    if (core_array_reserve((void **)&r->listed, &r->listed_capacity, r->listed_count + 1,
                           sizeof *r->listed, 256)) {
        return core_error_set(r->err, FIL_ENOMEM, "out of memory");
    }
    r->listed[r->listed_count++] = (int64_t)cJSON_GetNumberValue(item(sl, "id"));
    return write_storyline(r, sl);
}

/* Drops the storylines of the array that starts at `at` (ids). */
static int drop_gone(derived_run *r, const char *at, const char *stop)
{
    cJSON *gone = cJSON_ParseWithLength(at, (size_t)(stop - at));
    int rc = gone ? FIL_OK : core_error_set(r->err, FIL_ENOMEM, "out of memory reading events");
    for (const cJSON *id = gone ? gone->child : NULL; !rc && id; id = id->next) {
        rc = drop_storyline(r, (int64_t)cJSON_GetNumberValue(id));
    }
    cJSON_Delete(gone);
    return rc;
}

/* 1 when the key that starts at key (its opening quote) and ends at
 * key_end (past its closing quote) is name. */
static int key_is(const char *key, const char *key_end, const char *name)
{
    size_t n = strlen(name);
    return (size_t)(key_end - key) == n + 2 && memcmp(key + 1, name, n) == 0;
}

/* One pass over the description's members, in the order the engine
 * writes them: the events, the storylines, then the storylines that are
 * no more. Those are listed ("storylines_gone") after a description of
 * the changes; after a full one, every stored storyline it does not hold
 * is gone. */
static int write_stories(derived_run *r, const char *json, size_t len)
{
    const char *end = json + len, *p = skip_space(json, end);
    int rc = FIL_OK, listed_gone = 0;
    p = p < end && *p == '{' ? skip_space(p + 1, end) : end;
    while (!rc && p < end && *p == '"') {
        const char *key = p, *key_end = value_end(p, end), *stop;
        p = skip_space(key_end, end);
        p = p < end && *p == ':' ? skip_space(p + 1, end) : end;
        if (key_is(key, key_end, "events")) {
            rc = each_element(r, p, end, write_event, &stop);
        } else if (key_is(key, key_end, "storylines")) {
            rc = each_element(r, p, end, write_listed_storyline, &stop);
        } else {
            int gone = key_is(key, key_end, "storylines_gone");
            stop = value_end(p, end);
            listed_gone |= gone;
            rc = gone ? drop_gone(r, p, stop) : FIL_OK;
        }
        p = skip_space(stop, end);
        p = p < end && *p == ',' ? skip_space(p + 1, end) : end;
    }
    return rc || listed_gone ? rc : drop_unlisted(r, r->listed, r->listed_count);
}

int store_derived_write(fil_store *s, int all, fil_error *err)
{
    derived_run r = {.store = s, .err = err};
    char *json = NULL;
    size_t len = 0;
    int rc = all ? fil_stories_json(s->engine, &json, &len, err)
                 : fil_stories_changed_json(s->engine, &json, &len, err);
    for (int i = 0; !rc && i < DERIVED_STATEMENTS; i++) {
        if (sqlite3_prepare_v2(s->db, derived_sql[i], -1, &r.st[i], NULL)) {
            rc = store_fail(s, "preparing event statements", err);
        }
    }
    rc = rc ? rc : write_stories(&r, json, len);
    for (int i = 0; i < DERIVED_STATEMENTS; i++) {
        sqlite3_finalize(r.st[i]);
    }
    fil_free(json);
    free(r.listed);
    return rc;
}
