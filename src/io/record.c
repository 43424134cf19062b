/*
 * src/io/record.c -- JSONL and plain-text records; see record.h.
 */
#include "io/record.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"

/* Fields the engine reads, and where they go. Every other field passes
 * through in extra_json. */
static const struct {
    const char *name;
    size_t offset;
} known_fields[] = {
    {"id", offsetof(fil_article, id)},          {"url", offsetof(fil_article, url)},
    {"source", offsetof(fil_article, source)},  {"lang", offsetof(fil_article, lang)},
    {"language", offsetof(fil_article, lang)},  {"published", offsetof(fil_article, published)},
    {"time", offsetof(fil_article, published)}, {"date", offsetof(fil_article, published)},
    {"title", offsetof(fil_article, title)},    {"text", offsetof(fil_article, text)},
};

void io_record_init(io_record *rec)
{
    memset(rec, 0, sizeof *rec);
    core_buf_init(&rec->repaired, 0);
    core_buf_init(&rec->derived, 0);
}

static void record_reset(io_record *rec)
{
    cJSON_Delete(rec->json);
    rec->json = NULL;
    free(rec->extra);
    rec->extra = NULL;
    core_buf_clear(&rec->repaired);
    core_buf_clear(&rec->derived);
    memset(&rec->article, 0, sizeof rec->article);
}

void io_record_free(io_record *rec)
{
    record_reset(rec);
    core_buf_free(&rec->repaired);
    core_buf_free(&rec->derived);
}

/* Text or binary? A NUL byte, or invalid UTF-8 in more than 1 byte in 16,
 * means the bytes were never text; fewer errors are damage worth repairing. */
static int looks_binary(const char *s, size_t n)
{
    if (memchr(s, '\0', n)) {
        return 1;
    }
    size_t limit = n / 16 + 1;
    return core_utf8_count_invalid(s, n, limit) >= limit;
}

static int known_field_index(const char *name)
{
    for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++) {
        if (strcmp(known_fields[i].name, name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* Points the article's fields at the object's strings; moves every other
 * field into rec->extra. A numeric id becomes text in rec->derived. When a
 * name repeats, its last value counts, as in most JSON readers (before
 * 2026-12-04 the numeric ids of one line were run together: "id":1,
 * "id":2 gave "12"; found by fuzz/fuzz_jsonl.c). */
static int take_fields(io_record *rec)
{
    cJSON *extra = cJSON_CreateObject();
    if (!extra) {
        return FIL_ENOMEM;
    }
    int rc = FIL_OK;
    cJSON *item = rec->json->child;
    while (item && !rc) {
        cJSON *next = item->next;
        int k = known_field_index(item->string ? item->string : "");
        const char **slot =
            k >= 0 ? (const char **)((char *)&rec->article + known_fields[k].offset) : NULL;
        if (k == 0 && (cJSON_IsString(item) || cJSON_IsNumber(item))) {
            core_buf_clear(&rec->derived); /* an earlier numeric id is overridden */
        }
        if (slot && cJSON_IsString(item)) {
            *slot = item->valuestring;
        } else if (slot && k == 0 && cJSON_IsNumber(item)) {
            rc = core_buf_printf(&rec->derived, "%.0f", item->valuedouble);
            *slot = NULL; /* set below, once derived stops moving */
        } else if (!slot) {
            cJSON *moved = cJSON_DetachItemViaPointer(rec->json, item);
            if (!cJSON_AddItemToObject(extra, moved->string, moved)) {
                cJSON_Delete(moved);
            }
        }
        item = next;
    }
    if (rec->derived.len) {
        rec->article.id = rec->derived.data;
    }
    if (extra->child && !rc) {
        rec->extra = cJSON_PrintUnformatted(extra);
        rc = rec->extra ? FIL_OK : FIL_ENOMEM;
    }
    cJSON_Delete(extra);
    rec->article.extra_json = rec->extra;
    return rc;
}

static int is_blank(const char *s)
{
    if (!s) {
        return 1;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        s++;
    }
    return *s == '\0';
}

static int check_not_empty(const io_record *rec, fil_error *err)
{
    if (is_blank(rec->article.title) && is_blank(rec->article.text)) {
        return core_error_set(err, FIL_EEMPTY, "no title and no text");
    }
    return FIL_OK;
}

int io_record_parse_json(io_record *rec, const char *line, size_t len, fil_error *err)
{
    record_reset(rec);
    if (looks_binary(line, len)) {
        return core_error_set(err, FIL_EENCODING, "binary data, not UTF-8 text");
    }
    int rc = core_utf8_repair(line, len, &rec->repaired, &rec->article.repaired);
    if (rc) {
        return core_error_set(err, rc, "%s", fil_strerror(rc));
    }
    const char *end = NULL;
    rec->json = cJSON_ParseWithLengthOpts(rec->repaired.data, rec->repaired.len, &end, 0);
    if (!rec->json) {
        size_t at = end ? (size_t)(end - rec->repaired.data) : 0;
        return core_error_set(err, FIL_EPARSE, "invalid JSON near byte %zu", at + 1);
    }
    if (!cJSON_IsObject(rec->json)) {
        return core_error_set(err, FIL_EPARSE, "not a JSON object");
    }
    rc = take_fields(rec);
    if (rc) {
        return core_error_set(err, rc, "%s", fil_strerror(rc));
    }
    return check_not_empty(rec, err);
}

int io_record_parse_text(io_record *rec, const char *id, const char *body, size_t len,
                         fil_error *err)
{
    record_reset(rec);
    if (looks_binary(body, len)) {
        return core_error_set(err, FIL_EENCODING, "binary data, not UTF-8 text");
    }
    core_buf *b = &rec->derived;
    int rc = core_buf_append_str(b, id);
    rc = rc ? rc : core_buf_append_char(b, '\0');
    rc = rc ? rc : core_utf8_repair(body, len, b, &rec->article.repaired);
    if (rc) {
        return core_error_set(err, rc, "%s", fil_strerror(rc));
    }
    /* Split in place: id\0title\0text. The title is the first non-empty line. */
    char *title = b->data + strlen(id) + 1;
    title += strspn(title, " \t\r\n");
    char *nl = strchr(title, '\n');
    char *text = nl ? nl + 1 : title + strlen(title);
    if (nl) {
        *nl = '\0';
        if (nl > title && nl[-1] == '\r') {
            nl[-1] = '\0';
        }
    }
    rec->article.id = b->data;
    rec->article.title = title;
    rec->article.text = text;
    return check_not_empty(rec, err);
}

int io_record_from_page(io_record *rec, const char *id, const markup_page *page, fil_error *err)
{
    record_reset(rec);
    if (id) {
        int rc = core_buf_append_str(&rec->derived, id);
        if (rc) {
            return core_error_set(err, rc, "%s", fil_strerror(rc));
        }
        rec->article.id = rec->derived.data;
    }
    fil_article *a = &rec->article;
    a->title = page->title;
    a->text = page->text;
    a->published = page->published;
    a->author = page->author;
    a->lang = page->lang;
    a->url = page->url;
    a->source = page->source;
    return check_not_empty(rec, err);
}
