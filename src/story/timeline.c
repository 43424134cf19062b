/*
 * src/story/timeline.c -- merged timelines; see timeline.h.
 */
#include "story/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/array.h"
#include "core/hash.h"
#include "core/map.h"
#include "core/utf8.h"
#include "fil.h"
#include "text/normalize.h"

typedef struct name_list {
    const char **items; /* in the timeline's strings */
    size_t count, capacity;
} name_list;

typedef struct entry {
    char date[11];
    int granule;
    const char *what; /* in the timeline's strings */
    size_t order;     /* place of first appearance */
    name_list sources, articles;
} entry;

struct story_timeline {
    entry *entries;
    size_t count, capacity;
    core_map index;     /* key of (date, granule, folded sentence) -> entry index + 1 */
    core_arena scratch; /* folding, reset per add */
    core_arena strings; /* the entries' sentences and names, freed with the timeline */
};

static const char *const granule_names[] = {"day", "week", "month", "year"};

story_timeline *story_timeline_new(void)
{
    story_timeline *t = core_calloc(1, sizeof *t);
    if (t) {
        core_map_init(&t->index, 0);
        core_arena_init(&t->scratch, 16384, 0);
        core_arena_init(&t->strings, 16384, 0);
    }
    return t;
}

void story_timeline_free(story_timeline *t)
{
    if (!t) {
        return;
    }
    for (size_t i = 0; i < t->count; i++) {
        free(t->entries[i].sources.items);
        free(t->entries[i].articles.items);
    }
    free(t->entries);
    core_map_free(&t->index);
    core_arena_free(&t->scratch);
    core_arena_free(&t->strings);
    free(t);
}

size_t story_timeline_count(const story_timeline *t)
{
    return t->count;
}

/* Adds s (a copy in t's strings) unless the list has it already. */
static int name_list_add(story_timeline *t, name_list *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++) {
        if (strcmp(l->items[i], s) == 0) {
            return FIL_OK;
        }
    }
    const char *copy = core_arena_strndup(&t->strings, s, strlen(s));
    if (!copy ||
        core_array_reserve((void **)&l->items, &l->capacity, l->count + 1, sizeof *l->items, 4)) {
        return FIL_ENOMEM;
    }
    l->items[l->count++] = copy;
    return FIL_OK;
}

/* Letters and digits of the folded sentence, date expression left out,
 * runs of anything else as one space. */
static uint64_t sentence_key(story_timeline *t, const story_dated *d)
{
    core_arena_reset(&t->scratch);
    size_t skip_end = d->skip_offset + d->skip_len;
    size_t n = d->what_len - (skip_end <= d->what_len ? d->skip_len : 0);
    char *joined = core_arena_alloc(&t->scratch, n + 2);
    size_t folded_len = 0;
    char *folded = NULL;
    if (joined && skip_end <= d->what_len) {
        memcpy(joined, d->what, d->skip_offset);
        joined[d->skip_offset] = ' ';
        memcpy(joined + d->skip_offset + 1, d->what + skip_end, d->what_len - skip_end);
        folded = text_fold(joined, n + 1, TEXT_FOLD_STRIP_ACCENTS, &t->scratch, &folded_len);
    }
    if (!folded) { /* invalid UTF-8 or no room: compare the bytes as they are */
        folded = (char *)d->what;
        folded_len = d->what_len;
    }
    uint64_t h = core_hash(d->date, strlen(d->date), (uint64_t)d->granule + 1);
    char word[64];
    size_t w = 0;
    for (size_t i = 0; i <= folded_len; i++) {
        unsigned char c = i < folded_len ? (unsigned char)folded[i] : ' ';
        int keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (keep && w < sizeof word) {
            word[w++] = (char)c;
        } else if (!keep && w > 0) {
            h = core_hash(word, w, h);
            w = 0;
        }
    }
    return h;
}

static int new_entry(story_timeline *t, const story_dated *d, uint64_t key)
{
    if (core_array_reserve((void **)&t->entries, &t->capacity, t->count + 1, sizeof *t->entries,
                           64)) {
        return FIL_ENOMEM;
    }
    size_t n = d->what_len;
    if (n > STORY_TIMELINE_WHAT_BYTES) {
        n = core_utf8_boundary(d->what, STORY_TIMELINE_WHAT_BYTES);
    }
    entry *e = &t->entries[t->count];
    memset(e, 0, sizeof *e);
    e->what = core_arena_strndup(&t->strings, d->what, n);
    if (!e->what || core_map_put(&t->index, key, t->count + 1)) {
        return FIL_ENOMEM;
    }
    snprintf(e->date, sizeof e->date, "%s", d->date);
    e->granule = d->granule;
    e->order = t->count++;
    return FIL_OK;
}

/* 1 when the date expression of d writes its year: four digits in a row
 * ("mars 2020", "en 2019"), not inferred from the reference ("en mayo"). */
static int writes_year(const story_dated *d)
{
    size_t run = 0;
    for (size_t i = d->skip_offset; i < d->skip_offset + d->skip_len && i < d->what_len; i++) {
        run = d->what[i] >= '0' && d->what[i] <= '9' ? run + 1 : 0;
        if (run == 4) {
            return 1;
        }
    }
    return 0;
}

int story_timeline_add(story_timeline *t, const story_dated *d)
{
    if (d->granule >= 2 && !writes_year(d)) {
        return FIL_OK; /* a month or year alone places nothing on a timeline */
    }
    uint64_t key = sentence_key(t, d);
    uint64_t *at = core_map_get(&t->index, key);
    if (!at) {
        int rc = new_entry(t, d, key);
        if (rc) {
            return rc;
        }
        at = core_map_get(&t->index, key);
    }
    entry *e = &t->entries[*at - 1];
    if (name_list_add(t, &e->sources, d->source ? d->source : d->article)) {
        return FIL_ENOMEM;
    }
    return name_list_add(t, &e->articles, d->article);
}

static int by_date(const void *pa, const void *pb)
{
    const entry *a = *(const entry *const *)pa, *b = *(const entry *const *)pb;
    int c = strcmp(a->date, b->date);
    if (c) {
        return c;
    }
    if (a->granule != b->granule) {
        return a->granule < b->granule ? -1 : 1;
    }
    return a->order < b->order ? -1 : a->order > b->order;
}

static int append_names(core_buf *out, const char *field, const name_list *l)
{
    int rc = core_buf_append_str(out, ",\"");
    rc = rc ? rc : core_buf_append_str(out, field);
    rc = rc ? rc : core_buf_append_str(out, "\":[");
    for (size_t i = 0; !rc && i < l->count; i++) {
        rc = core_buf_append_str(out, i ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(out, l->items[i]);
    }
    return rc ? rc : core_buf_append_char(out, ']');
}

static int append_entry(core_buf *out, const entry *e, int first)
{
    int rc = core_buf_append_str(out, first ? "\n {\"date\":\"" : ",\n {\"date\":\"");
    rc = rc ? rc : core_buf_append_str(out, e->date);
    rc = rc ? rc : core_buf_append_str(out, "\",\"granularity\":\"");
    rc = rc ? rc : core_buf_append_str(out, granule_names[e->granule & 3]);
    rc = rc ? rc : core_buf_append_str(out, "\",\"what\":");
    rc = rc ? rc : core_buf_append_json_string(out, e->what);
    rc = rc ? rc : append_names(out, "sources", &e->sources);
    rc = rc ? rc : append_names(out, "articles", &e->articles);
    return rc ? rc : core_buf_append_char(out, '}');
}

int story_timeline_json(const story_timeline *t, core_buf *out)
{
    const entry **order = core_malloc((t->count ? t->count : 1) * sizeof *order);
    if (!order) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < t->count; i++) {
        order[i] = &t->entries[i];
    }
    qsort(order, t->count, sizeof *order, by_date);
    int rc = core_buf_append_char(out, '[');
    for (size_t i = 0; !rc && i < t->count; i++) {
        rc = append_entry(out, order[i], i == 0);
    }
    rc = rc ? rc : core_buf_append_str(out, t->count ? "\n]\n" : "]\n");
    free(order);
    return rc;
}
