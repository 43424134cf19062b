/*
 * src/api/dates.c -- fil_dates and fil_timeline_*: the public face of
 * features/dates.h and story/timeline.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "features/dates.h"
#include "io/date.h"
#include "story/timeline.h"
#include "text/langid.h"

static const char *const granularity_names[] = {"day", "week", "month", "year"};
static const char *const kind_names[] = {"absolute", "weekday", "relative"};

static void format_day(int64_t day, char out[11])
{
    if (day == FEATURES_DATE_UNRESOLVED) {
        out[0] = '\0';
    } else {
        io_format_day(day, out);
    }
}

/* The published day, or FEATURES_DATE_UNRESOLVED. */
static int64_t published_day(const fil_article *a, int *ignored)
{
    int64_t t = engine_article_time(a, ignored);
    if (t == CLUSTER_NO_TIME) {
        return FEATURES_DATE_UNRESOLVED;
    }
    return io_day_of_time(t);
}

static int copy_dates(const features_date *d, size_t n, fil_date_list *out)
{
    out->dates = n ? core_malloc(n * sizeof *out->dates) : NULL;
    if (n && !out->dates) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        fil_date *o = &out->dates[i];
        o->offset = d[i].offset;
        o->len = d[i].len;
        o->sentence_offset = d[i].sentence_offset;
        o->sentence_len = d[i].sentence_len;
        format_day(d[i].day, o->date);
        o->granularity = granularity_names[d[i].granule & 3];
        o->kind = kind_names[d[i].kind % 3];
    }
    out->count = n;
    return FIL_OK;
}

int fil_dates(fil_engine *e, const fil_article *a, fil_date_list *out, fil_error *err)
{
    memset(out, 0, sizeof *out);
    core_arena_reset(&e->scratch);
    const char *text = a->text && *a->text ? a->text : a->title ? a->title : "";
    size_t len = strlen(text);
    out->text = text;
    engine_normalise_lang(a->lang, out->lang);
    if (!out->lang[0]) {
        text_detect_language(e->stopwords, text, len, &e->scratch, out->lang);
    }
    int64_t given = published_day(a, &out->published_ignored);
    features_date *d;
    size_t n;
    features_date_ref ref;
    int rc =
        features_find_dates(e->date_words, text, len, out->lang, given, &e->scratch, &d, &n, &ref);
    rc = rc ? rc : copy_dates(d, n, out);
    if (rc) {
        return core_error_set(err, rc, "%s: out of memory finding dates", a->id ? a->id : "-");
    }
    format_day(ref.day, out->reference);
    out->reference_offset = ref.span_offset;
    out->reference_from = ref.from == FEATURES_REF_GIVEN  ? "published"
                          : ref.from == FEATURES_REF_TEXT ? "text"
                                                          : NULL;
    return FIL_OK;
}

struct fil_timeline {
    story_timeline *t;
};

fil_timeline *fil_timeline_new(void)
{
    fil_timeline *t = core_malloc(sizeof *t);
    if (t) {
        t->t = story_timeline_new();
    }
    if (t && !t->t) {
        free(t);
        return NULL;
    }
    return t;
}

static int granule_of(const char *name)
{
    for (int g = 0; g < 4; g++) {
        if (strcmp(name, granularity_names[g]) == 0) {
            return g;
        }
    }
    return 0;
}

int fil_timeline_add(fil_timeline *t, const char *id, const char *source,
                     const fil_date_list *dates, fil_error *err)
{
    for (size_t i = 0; i < dates->count; i++) {
        const fil_date *d = &dates->dates[i];
        if (!d->date[0]) {
            continue;
        }
        story_dated sd = {d->date,
                          granule_of(d->granularity),
                          dates->text + d->sentence_offset,
                          d->sentence_len,
                          d->offset - d->sentence_offset,
                          d->len,
                          source,
                          id ? id : ""};
        if (d->offset < d->sentence_offset) {
            sd.skip_offset = sd.skip_len = 0;
        }
        if (story_timeline_add(t->t, &sd)) {
            return core_error_set(err, FIL_ENOMEM, "%s: out of memory building the timeline",
                                  id ? id : "-");
        }
    }
    return FIL_OK;
}

int fil_timeline_json(const fil_timeline *t, char **out, size_t *len, fil_error *err)
{
    core_buf b;
    core_buf_init(&b, 0);
    int rc = story_timeline_json(t->t, &b);
    if (rc) {
        core_buf_free(&b);
        return core_error_set(err, rc, "out of memory writing the timeline");
    }
    *len = b.len;
    *out = core_buf_take(&b);
    return FIL_OK;
}

void fil_timeline_free(fil_timeline *t)
{
    if (t) {
        story_timeline_free(t->t);
        free(t);
    }
}
