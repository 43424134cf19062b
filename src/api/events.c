/*
 * src/api/events.c -- fil_events_json: the events of the stream described
 * (label, storyline, languages, sources, times, coverage, growth).
 *
 * What needs an event's centroid (its label, its storyline profile) is
 * taken when the event retires (engine_on_retire) or, for live events, at
 * output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "cluster/storyline.h"
#include "cluster/stream.h"
#include "core/alloc.h"
#include "core/array.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/prefetch.h"
#include "core/words.h"
#include "dedup/index.h"
#include "io/date.h"
#include "story/growth.h"
#include "story/label.h"
#include "story/sentences.h"
#include "story/summary.h"
#include "story/timeline.h"

/* Writes the event's label into out; needs its centroid, so it runs when
 * the event retires (the hook) or, for active events, at output. */
static int write_label(fil_engine *e, const cluster_event *ev, core_buf *out)
{
    size_t n = ev->size < STORY_LABEL_MAX_TITLES ? ev->size : STORY_LABEL_MAX_TITLES;
    const char **titles = core_arena_alloc(&e->label_scratch, (n + 1) * sizeof *titles);
    const char **langs = core_arena_alloc(&e->label_scratch, (n + 1) * sizeof *langs);
    if (!titles || !langs) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        titles[i] = e->articles[ev->members[i]].title;
        langs[i] = e->when[ev->members[i]].lang;
    }
    int rc = story_label(&e->features, ev, titles, langs, n, &e->label_scratch, out);
    core_arena_reset(&e->label_scratch);
    return rc;
}

/* Members are listed by time; untimed ones follow, by arrival. */
typedef struct member_sort {
    uint64_t arrival;
    int64_t time_s;
} member_sort;

static int compare_member_sort(const void *a, const void *b)
{
    const member_sort *x = a, *y = b;
    int tx = x->time_s != CLUSTER_NO_TIME, ty = y->time_s != CLUSTER_NO_TIME;
    if (tx != ty) {
        return ty - tx;
    }
    if (tx && x->time_s != y->time_s) {
        return x->time_s < y->time_s ? -1 : 1;
    }
    return (x->arrival > y->arrival) - (x->arrival < y->arrival);
}

/* The members of ev in time order, into *order (arena). */
static int members_by_time(fil_engine *e, const cluster_event *ev, core_arena *arena,
                           member_sort **order)
{
    *order = core_arena_alloc(arena, (ev->size + 1) * sizeof **order);
    if (!*order) {
        return FIL_ENOMEM;
    }
    for (uint32_t i = 0; i < ev->size; i++) {
        (*order)[i] = (member_sort){ev->members[i], e->when[ev->members[i]].time_s};
    }
    qsort(*order, ev->size, sizeof **order, compare_member_sort);
    return FIL_OK;
}

int engine_lead_wanted(const fil_engine *e, const cluster_event *ev, uint64_t arrival,
                       const char *lang, int64_t t)
{
    member_sort self = {arrival, t};
    uint32_t before = 0;
    uint32_t read =
        ev ? (ev->size < STORY_SUMMARY_ARTICLES * 4 ? ev->size : STORY_SUMMARY_ARTICLES * 4) : 0;
    /* the members' entries lie all over the array: their misses overlap */
    for (uint32_t i = 0; i < read; i++) {
        CORE_PREFETCH(&e->when[ev->members[i]]);
    }
    for (uint32_t i = 0; i < read; i++) {
        if (ev->members[i] == arrival) {
            continue;
        }
        const article_when *w = &e->when[ev->members[i]];
        member_sort other = {ev->members[i], w->time_s};
        before += strcmp(w->lang, lang) == 0 && compare_member_sort(&other, &self) < 0;
        if (before >= STORY_SUMMARY_ARTICLES) {
            return 0;
        }
    }
    return 1;
}

/* The language most members are written in; ties go to the founder's. */
static const char *main_language(fil_engine *e, const cluster_event *ev)
{
    const char *best = ev->lang;
    uint32_t best_count = 0;
    for (uint32_t i = 0; i < ev->size && i < STORY_SUMMARY_ARTICLES * 4; i++) {
        const char *lang = e->when[ev->members[i]].lang;
        uint32_t count = 0;
        for (uint32_t k = 0; k < ev->size && k < STORY_SUMMARY_ARTICLES * 4; k++) {
            count += strcmp(e->when[ev->members[k]].lang, lang) == 0;
        }
        if (count > best_count || (count == best_count && strcmp(lang, ev->lang) == 0)) {
            best = lang;
            best_count = count;
        }
    }
    return best;
}

/* The event's summary (story/summary.h) from the lead sentences of its
 * first STORY_SUMMARY_ARTICLES members in its main language. */
static int make_summary(fil_engine *e, const cluster_event *ev, char **summary)
{
    core_arena *arena = &e->label_scratch;
    member_sort *order;
    int rc = members_by_time(e, ev, arena, &order);
    story_candidate *c =
        core_arena_alloc(arena, (STORY_SUMMARY_ARTICLES * STORY_LEAD_SENTENCES + 1) * sizeof *c);
    if (rc || !c) {
        core_arena_reset(arena);
        return FIL_ENOMEM;
    }
    const char *lang = main_language(e, ev);
    size_t n = 0;
    for (uint32_t i = 0, used = 0; i < ev->size && used < STORY_SUMMARY_ARTICLES; i++) {
        const article_meta *m = &e->articles[order[i].arrival];
        if (!m->lead || strcmp(e->when[order[i].arrival].lang, lang) != 0) {
            continue;
        }
        used++;
        /* the lead holds a sentence a line (engine.c keep_lead), and
         * lead_keys a count (or ENGINE_NO_KEYS) then the keys of each */
        const char *line = m->lead;
        const uint32_t *keys = m->lead_keys;
        for (uint32_t k = 0; k < STORY_LEAD_SENTENCES && *line; k++) {
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            uint32_t count = *keys++;
            int known = count != ENGINE_NO_KEYS;
            c[n++] = (story_candidate){line, len, i, k, known ? keys : NULL, known ? count : 0};
            keys += known ? count : 0;
            line += len + (end != NULL);
        }
    }
    core_buf b;
    core_buf_init(&b, 0);
    rc = story_summary(&e->features, ev, lang, c, n, arena, &b);
    core_arena_reset(arena);
    *summary = rc ? NULL : core_buf_take(&b);
    core_buf_free(&b);
    return rc;
}

static event_note *note_of(fil_engine *e, uint64_t id)
{
    size_t old = e->note_capacity;
    if (core_array_reserve((void **)&e->notes, &e->note_capacity, id + 1, sizeof *e->notes, 256)) {
        return NULL;
    }
    memset(e->notes + old, 0, (e->note_capacity - old) * sizeof *e->notes);
    return &e->notes[id];
}

/* Takes (again) what output needs of ev's centroid: its storyline
 * profile and, with stories, its summary. */
static int take_note(fil_engine *e, const cluster_event *ev)
{
    event_note *note = note_of(e, ev->id);
    if (!note) {
        return FIL_ENOMEM;
    }
    cluster_profile_free(&note->profile);
    free(note->summary);
    note->summary = NULL;
    note->size = ev->size;
    int rc = cluster_profile_from_event(ev, &e->scratch, &note->profile);
    return rc || !e->cfg.stories ? rc : make_summary(e, ev, &note->summary);
}

void engine_free_notes(fil_engine *e)
{
    for (size_t i = 0; i < e->note_capacity; i++) {
        cluster_profile_free(&e->notes[i].profile);
        free(e->notes[i].summary);
    }
    free(e->notes);
    e->notes = NULL;
    e->note_capacity = 0;
    free(e->described.size);
    free(e->described.storyline);
    free(e->described.growth);
    memset(&e->described, 0, sizeof e->described);
    cluster_linker_free(e->linker);
    e->linker = NULL;
}

void engine_on_retire(void *ctx, cluster_event *ev)
{
    fil_engine *e = ctx;
    if (!e->cfg.keep_articles) {
        return;
    }
    take_note(e, ev); /* on failure, the output reports FIL_ENOMEM */
    /* the summary, taken, is the last reader of the members' leads: a
     * retired event's note is never taken again (refresh_notes) */
    for (uint32_t i = 0; i < ev->size; i++) {
        engine_forget_lead(&e->articles[ev->members[i]]);
    }
    if (ev->label) {
        return;
    }
    core_buf b;
    core_buf_init(&b, 0);
    if (write_label(e, ev, &b) == FIL_OK) {
        ev->label = core_buf_take(&b); /* on failure the label is made again at output */
    }
    core_buf_free(&b);
}

static int write_time(core_buf *b, const char *key, int64_t t)
{
    if (t == CLUSTER_NO_TIME) {
        return core_buf_printf(b, ",\"%s\":null", key);
    }
    int64_t days = io_day_of_time(t);
    int64_t secs = t - days * 86400;
    char day[11];
    io_format_day(days, day);
    return core_buf_printf(b, ",\"%s\":\"%sT%02lld:%02lld:%02lldZ\"", key, day,
                           (long long)(secs / 3600), (long long)(secs / 60 % 60),
                           (long long)(secs % 60));
}

static const char *meta_lang(const fil_engine *e, uint64_t arrival)
{
    return e->when[arrival].lang;
}

static const char *meta_source(const fil_engine *e, uint64_t arrival)
{
    return e->articles[arrival].source;
}

typedef struct value_count {
    const char *value;
    uint32_t count;
} value_count;

static int compare_counts(const void *a, const void *b)
{
    const value_count *x = a, *y = b;
    if (x->count != y->count) {
        return x->count < y->count ? 1 : -1;
    }
    return strcmp(x->value, y->value);
}

/* Appends ,"key":{"value":count,...} over the values of one field of
 * articles members[0..n), most frequent first, ties by name; articles
 * without a value are left out. The values are counted through a word
 * table (core/words.h): read from all over the pool, each is read once
 * there, where sorting them all read each many times. */
static int write_counts(fil_engine *e, core_buf *b, const char *key, const uint64_t *members,
                        size_t n_members, const char *(*get)(const fil_engine *, uint64_t))
{
    value_count *runs = core_arena_alloc(&e->scratch, (n_members + 1) * sizeof *runs);
    if (!runs) {
        return FIL_ENOMEM;
    }
    core_words seen; /* value -> its run's index + 1 */
    core_words_init(&seen);
    size_t n_runs = 0;
    for (size_t i = 0; i < n_members; i++) {
        const char *v = get(e, members[i]);
        if (!v || !*v) {
            continue;
        }
        uint32_t *run = core_words_put(&seen, v, strlen(v));
        if (!run) {
            core_words_free(&seen);
            return FIL_ENOMEM;
        }
        if (*run) {
            runs[*run - 1].count++;
        } else {
            runs[n_runs++] = (value_count){v, 1};
            *run = (uint32_t)n_runs;
        }
    }
    core_words_free(&seen);
    qsort(runs, n_runs, sizeof *runs, compare_counts);
    int rc = core_buf_printf(b, ",\"%s\":{", key);
    for (size_t i = 0; !rc && i < n_runs; i++) {
        rc = core_buf_append_str(b, i ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(b, runs[i].value);
        rc = rc ? rc : core_buf_printf(b, ":%u", runs[i].count);
    }
    return rc ? rc : core_buf_append_char(b, '}');
}

/* Appends ,"original_source":..., the source of the first member in time
 * order (order[0]), and ,"duplicates":[{id, of, kind}] for the members
 * that repeat another article, "of" naming its first publisher. */
static int write_coverage(fil_engine *e, const cluster_event *ev, const member_sort *order,
                          core_buf *b)
{
    const char *first = e->articles[order[0].arrival].source;
    int rc = core_buf_append_str(b, ",\"original_source\":");
    rc = rc ? rc : first ? core_buf_append_json_string(b, first) : core_buf_append_str(b, "null");
    rc = rc ? rc : core_buf_append_str(b, ",\"duplicates\":[");
    int written = 0;
    for (uint32_t i = 0; !rc && i < ev->size; i++) {
        uint32_t m = (uint32_t)order[i].arrival, root = dedup_index_root(e->dedup, m);
        if (root == m) {
            continue;
        }
        const dedup_record *r = dedup_index_record(e->dedup, m);
        rc = core_buf_append_str(b, written++ ? ",{\"id\":" : "{\"id\":");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[m].id);
        rc = rc ? rc : core_buf_append_str(b, ",\"of\":");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[root].id);
        rc =
            rc ? rc : core_buf_printf(b, ",\"kind\":\"%s\"}", dedup_kind_name((dedup_kind)r->kind));
    }
    return rc ? rc : core_buf_append_char(b, ']');
}

/* Appends ,"timeline":[...] from the dated sentences of the first
 * STORY_TIMELINE_ARTICLES of articles members[0..n) (in time order). */
static int write_timeline(fil_engine *e, const uint64_t *members, size_t n, core_buf *b)
{
    story_timeline *t = story_timeline_new();
    int rc = t ? FIL_OK : FIL_ENOMEM;
    for (size_t i = 0; !rc && i < n && i < STORY_TIMELINE_ARTICLES; i++) {
        const article_meta *m = &e->articles[members[i]];
        for (uint32_t k = 0; !rc && k < m->dated_count; k++) {
            const article_dated *d = &m->dated[k];
            char day[11];
            io_format_day(d->day, day);
            story_dated sd = {day,
                              d->granule,
                              d->what,
                              d->what_len,
                              d->skip_offset,
                              d->skip_len,
                              m->source ? m->source : m->id,
                              m->id};
            rc = story_timeline_add(t, &sd);
        }
    }
    rc = rc ? rc : core_buf_append_str(b, ",\"timeline\":");
    rc = rc ? rc : story_timeline_json(t, b);
    story_timeline_free(t);
    return rc;
}

/* Appends ,"entities":[...],"quotes":[...] over the first
 * STORY_TIMELINE_ARTICLES of articles members[0..n). */
static int write_entities_quotes(fil_engine *e, const uint64_t *members, size_t n, core_buf *b)
{
    n = n < STORY_TIMELINE_ARTICLES ? n : STORY_TIMELINE_ARTICLES;
    story_article *a = core_arena_alloc(&e->scratch, (n + 1) * sizeof *a);
    if (!a) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const article_meta *m = &e->articles[members[i]];
        a[i] = (story_article){m->id,           m->source, m->entities,
                               m->entity_count, m->quotes, m->quote_count};
    }
    int rc = core_buf_append_str(b, ",\"entities\":");
    rc = rc ? rc : story_entities_json(a, n, &e->scratch, b);
    rc = rc ? rc : core_buf_append_str(b, ",\"quotes\":");
    return rc ? rc : story_quotes_json(a, n, &e->scratch, b);
}

/* What every event's description needs of the whole stream. */
typedef struct events_context {
    uint32_t *storyline_of; /* by event id: its storyline's number, 0.. (malloc) */
    uint64_t *storyline_id; /* by storyline number: its id (malloc; see name_storylines) */
    uint64_t *by_time;      /* event ids by first time, as storylines were linked (malloc) */
    uint64_t *grouped;      /* stories: by_time grouped by storyline (malloc) */
    size_t *group_start;    /* where each storyline's group starts in grouped (malloc) */
    size_t storyline_count;
    int64_t now;        /* the newest published time, CLUSTER_NO_TIME if none */
    double stream_rate; /* articles of the last day per event that had one */
    /* stories: by event id, where the label made for it went in labels
     * (len 0: none made), so that its storyline takes it again (malloc;
     * filled by write_event through a const context: the arrays, not it,
     * change) */
    size_t *label_at, *label_len;
    core_buf *labels; /* stories: the labels written, one after another */
} events_context;

/* Room for an event's ,"growth":{...} text. */
#define GROWTH_TEXT_SIZE 160

/* The event's growth at cx->now (zeros when the stream has no time), as
 * printed in its description: ,"growth":{...} into text. times has room
 * for ev->size entries (the caller's scratch). */
static void format_growth(const fil_engine *e, const events_context *cx, const cluster_event *ev,
                          int64_t *times, char text[GROWTH_TEXT_SIZE])
{
    story_growth_result g = {0, 0, 0};
    if (cx->now != CLUSTER_NO_TIME) {
        for (uint32_t i = 0; i < ev->size; i++) {
            times[i] = e->when[ev->members[i]].time_s;
        }
        g = story_growth(times, ev->size, cx->now, cx->stream_rate);
    }
    snprintf(text, GROWTH_TEXT_SIZE,
             ",\"growth\":{\"last_hour\":%u,\"last_day\":%u,\"score\":%.3f}", g.last_hour,
             g.last_day, g.score);
}

static int write_growth(fil_engine *e, const events_context *cx, const cluster_event *ev,
                        core_buf *b)
{
    int64_t *times = core_arena_alloc(&e->scratch, (ev->size + 1) * sizeof *times);
    if (!times) {
        return FIL_ENOMEM;
    }
    char text[GROWTH_TEXT_SIZE];
    format_growth(e, cx, ev, times, text);
    return core_buf_append_str(b, text);
}

static int write_event(fil_engine *e, const events_context *cx, const cluster_event *ev,
                       core_buf *b)
{
    member_sort *order;
    if (members_by_time(e, ev, &e->scratch, &order)) {
        return FIL_ENOMEM;
    }
    int rc = core_buf_printf(
        b, "{\"id\":%llu,\"size\":%u,\"storyline\":%llu,\"label\":", (unsigned long long)ev->id,
        ev->size, (unsigned long long)cx->storyline_id[cx->storyline_of[ev->id]]);
    size_t label_at = b->len;
    rc = rc ? rc : ev->label ? core_buf_append_str(b, ev->label) : write_label(e, ev, b);
    /* a label made here is kept aside for the storyline (b may be handed
     * over before it); an event's own label is there already */
    if (!rc && cx->label_at && !ev->label) {
        cx->label_at[ev->id] = cx->labels->len;
        cx->label_len[ev->id] = b->len - label_at;
        rc = core_buf_append(cx->labels, b->data + label_at, b->len - label_at);
    }
    rc = rc ? rc : write_counts(e, b, "languages", ev->members, ev->size, meta_lang);
    rc = rc ? rc : write_counts(e, b, "sources", ev->members, ev->size, meta_source);
    rc = rc ? rc : write_time(b, "first", ev->oldest_s);
    rc = rc ? rc : write_time(b, "last", ev->newest_s);
    rc = rc ? rc : write_growth(e, cx, ev, b);
    const char *summary = e->notes[ev->id].summary;
    rc = rc || !summary ? rc : core_buf_append_str(b, ",\"summary\":");
    rc = rc || !summary ? rc : core_buf_append_str(b, summary);
    if (!rc && e->cfg.stories) {
        uint64_t *members = core_arena_alloc(&e->scratch, (ev->size + 1) * sizeof *members);
        for (uint32_t i = 0; members && i < ev->size; i++) {
            members[i] = order[i].arrival;
        }
        rc = members ? write_entities_quotes(e, members, ev->size, b) : FIL_ENOMEM;
        rc = rc ? rc : write_timeline(e, members, ev->size, b);
    }
    rc = rc ? rc : write_coverage(e, ev, order, b);
    rc = rc ? rc : core_buf_append_str(b, ",\"articles\":[");
    for (uint32_t i = 0; !rc && i < ev->size; i++) {
        rc = core_buf_append_str(b, i ? "," : "");
        rc = rc ? rc : core_buf_append_json_string(b, e->articles[order[i].arrival].id);
    }
    return rc ? rc : core_buf_append_str(b, "]}");
}

/* Events are linked into storylines by first time (untimed ones last),
 * then by id. */
typedef struct event_order {
    int64_t time_s;
    uint64_t id;
} event_order;

static int compare_event_order(const void *a, const void *b)
{
    const event_order *x = a, *y = b;
    member_sort mx = {x->id, x->time_s}, my = {y->id, y->time_s};
    return compare_member_sort(&mx, &my);
}

/* The notes of all events: kept ones for retired events and for live
 * events that have not grown since their note, fresh ones for the rest. */
static int refresh_notes(fil_engine *e, uint64_t n)
{
    for (uint64_t id = 0; id < n; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        int stale = ev && ev->slot != CLUSTER_RETIRED &&
                    (id >= e->note_capacity || !e->notes[id].profile.entities.terms ||
                     e->notes[id].size != ev->size);
        if (stale && take_note(e, ev)) {
            return FIL_ENOMEM;
        }
        if (id >= e->note_capacity || !e->notes[id].profile.entities.terms) {
            return FIL_ENOMEM; /* a retired event whose note could not be taken */
        }
    }
    return FIL_OK;
}

/* How many of the first events (in linking order) have retired: their
 * notes, and so their profiles, are final. An event that comes later
 * with an earlier time sorts before some of them; the linker sees that
 * from the keys and links again from a point before it. */
static size_t count_frozen(fil_engine *e, const event_order *order, uint64_t n)
{
    size_t frozen = 0;
    while (frozen < n) {
        const cluster_event *ev = cluster_stream_event(e->stream, order[frozen].id);
        if (ev && ev->slot != CLUSTER_RETIRED) {
            break;
        }
        frozen++;
    }
    return frozen;
}

/* cx->storyline_of: each event's storyline; cx->by_time: the event ids
 * in the order they were linked. The engine's linker starts at the last
 * of its kept points before which no event's profile changed, the frozen
 * point being after the events that had retired at the last description
 * (count_frozen). A profile's version is its note's size: an event only
 * gains members and its centroid changes only then, so a note taken at
 * the same size (again at retirement) holds the same profile. */
static int link_storylines(fil_engine *e, events_context *cx)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    if (!e->linker) {
        cluster_storyline_rule rule = {e->cfg.storyline_threshold, e->cfg.storyline_entity_weight,
                                       e->cfg.storyline_window_days};
        e->linker = cluster_linker_new(&rule);
    }
    event_order *order = core_malloc((n + 1) * sizeof *order);
    cluster_profile *sorted = core_malloc((n + 1) * sizeof *sorted);
    cluster_profile_key *keys = core_malloc((n + 1) * sizeof *keys);
    uint32_t *linked = core_malloc((n + 1) * sizeof *linked);
    cx->storyline_of = core_malloc((n + 1) * sizeof *cx->storyline_of);
    cx->by_time = core_malloc((n + 1) * sizeof *cx->by_time);
    int rc = e->linker && order && sorted && keys && linked && cx->storyline_of && cx->by_time
                 ? refresh_notes(e, n)
                 : FIL_ENOMEM;
    for (uint64_t id = 0; !rc && id < n; id++) {
        order[id] = (event_order){e->notes[id].profile.oldest_s, id};
    }
    if (!rc) {
        qsort(order, n, sizeof *order, compare_event_order);
        for (uint64_t i = 0; i < n; i++) {
            sorted[i] = e->notes[order[i].id].profile; /* shallow: the engine keeps them */
            keys[i] = (cluster_profile_key){order[i].id, e->notes[order[i].id].size};
            cx->by_time[i] = order[i].id;
        }
        rc = cluster_linker_run(e->linker, sorted, keys, n, count_frozen(e, order, n), linked,
                                &cx->storyline_count);
    }
    for (uint64_t i = 0; !rc && i < n; i++) {
        cx->storyline_of[order[i].id] = linked[i];
    }
    free(order);
    free(sorted);
    free(keys);
    free(linked);
    return rc;
}

/* A storyline's id is the id of its first event to arrive (the smallest).
 * Numbers follow the linking order, by time, so an event that comes late
 * with an early time numbers again every storyline after it; ids change
 * only when a storyline loses that event, and a page's address holds. */
static int name_storylines(fil_engine *e, events_context *cx)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    cx->storyline_id = core_malloc((cx->storyline_count + 1) * sizeof *cx->storyline_id);
    if (!cx->storyline_id) {
        return FIL_ENOMEM;
    }
    for (size_t sl = 0; sl < cx->storyline_count; sl++) {
        cx->storyline_id[sl] = UINT64_MAX;
    }
    for (uint64_t id = 0; id < n; id++) { /* ids ascend: the first seen is the smallest */
        uint64_t *name = &cx->storyline_id[cx->storyline_of[id]];
        *name = *name == UINT64_MAX ? id : *name;
    }
    return FIL_OK;
}

/* now: the newest published time; stream_rate: the articles of the day
 * before now over the events that had one (at least 1). */
static void measure_stream(fil_engine *e, events_context *cx)
{
    cx->now = CLUSTER_NO_TIME;
    for (size_t i = 0; i < e->article_count; i++) {
        int64_t t = e->when[i].time_s;
        cx->now = t != CLUSTER_NO_TIME && (cx->now == CLUSTER_NO_TIME || t > cx->now) ? t : cx->now;
    }
    uint64_t recent = 0, events = 0;
    for (uint64_t id = 0; cx->now != CLUSTER_NO_TIME && id < cluster_stream_event_count(e->stream);
         id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        uint64_t before = recent;
        for (uint32_t i = 0; ev && i < ev->size; i++) {
            int64_t t = e->when[ev->members[i]].time_s;
            recent += t != CLUSTER_NO_TIME && t > cx->now - 86400;
        }
        events += recent > before;
    }
    cx->stream_rate = events ? (double)recent / (double)events : 1;
}

/* cx->grouped: event ids grouped by storyline, each group in time order;
 * group sl is grouped[group_start[sl] .. group_start[sl + 1]). */
static int group_storylines(fil_engine *e, events_context *cx)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    cx->grouped = core_malloc((n + 1) * sizeof *cx->grouped);
    cx->group_start = core_calloc(cx->storyline_count + 2, sizeof *cx->group_start);
    if (!cx->grouped || !cx->group_start) {
        return FIL_ENOMEM;
    }
    for (uint64_t i = 0; i < n; i++) {
        cx->group_start[cx->storyline_of[i] + 2]++;
    }
    for (size_t sl = 2; sl < cx->storyline_count + 2; sl++) {
        cx->group_start[sl] += cx->group_start[sl - 1];
    }
    for (uint64_t i = 0; i < n; i++) { /* a stable counting sort of by_time */
        uint64_t id = cx->by_time[i];
        cx->grouped[cx->group_start[cx->storyline_of[id] + 1]++] = id;
    }
    return FIL_OK;
}

/* The entities, quotes and timeline of a storyline: from the first
 * STORY_TIMELINE_ARTICLES / 4 members (in time order) of each of its
 * events. */
static int write_storyline_story(fil_engine *e, const cluster_event *const *events, size_t n,
                                 core_buf *b)
{
    size_t per_event = STORY_TIMELINE_ARTICLES / 4, count = 0;
    uint64_t *members = core_arena_alloc(&e->scratch, (n * per_event + 1) * sizeof *members);
    for (size_t i = 0; members && i < n; i++) {
        member_sort *order;
        if (members_by_time(e, events[i], &e->scratch, &order)) {
            return FIL_ENOMEM;
        }
        for (uint32_t k = 0; k < events[i]->size && k < per_event; k++) {
            members[count++] = order[k].arrival;
        }
    }
    int rc = members ? write_entities_quotes(e, members, count, b) : FIL_ENOMEM;
    return rc ? rc : write_timeline(e, members, count, b);
}

/* The label of event ev, into b: as written for the event already (the
 * same label: the words' weights have not moved since), else made. */
static int write_label_again(fil_engine *e, const events_context *cx, const cluster_event *ev,
                             core_buf *b)
{
    if (ev->label) {
        return core_buf_append_str(b, ev->label);
    }
    if (!cx->label_len || !cx->label_len[ev->id]) {
        return write_label(e, ev, b);
    }
    return core_buf_append(b, cx->labels->data + cx->label_at[ev->id], cx->label_len[ev->id]);
}

/* A storyline: id, size (articles), label (that of its biggest event, the
 * earlier on a tie), languages, sources, first, last, events (ids in time
 * order). */
static int write_storyline(fil_engine *e, const events_context *cx, uint32_t sl, core_buf *b)
{
    size_t n = cx->group_start[sl + 1] - cx->group_start[sl], size = 0;
    const cluster_event **events = core_arena_alloc(&e->scratch, (n + 1) * sizeof *events);
    int rc = events ? FIL_OK : FIL_ENOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        events[i] = cluster_stream_event(e->stream, cx->grouped[cx->group_start[sl] + i]);
        rc = events[i] ? FIL_OK : FIL_ENOMEM; /* outputs need keep_articles: events stay */
    }
    const cluster_event *biggest = !rc && n ? events[0] : NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        size += events[i]->size;
        biggest = events[i]->size > biggest->size ? events[i] : biggest;
    }
    uint64_t *members = rc ? NULL : core_arena_alloc(&e->scratch, (size + 1) * sizeof *members);
    if (rc || !members || !biggest) {
        return FIL_ENOMEM; /* every storyline has an event */
    }
    int64_t first = CLUSTER_NO_TIME, last = CLUSTER_NO_TIME;
    for (size_t i = 0, m = 0; i < n; i++) {
        memcpy(members + m, events[i]->members, events[i]->size * sizeof *members);
        m += events[i]->size;
        first = events[i]->oldest_s != CLUSTER_NO_TIME &&
                        (first == CLUSTER_NO_TIME || events[i]->oldest_s < first)
                    ? events[i]->oldest_s
                    : first;
        last = events[i]->newest_s > last ? events[i]->newest_s : last;
    }
    rc = core_buf_printf(
        b, "{\"id\":%llu,\"size\":%zu,\"label\":", (unsigned long long)cx->storyline_id[sl], size);
    rc = rc ? rc : write_label_again(e, cx, biggest, b);
    rc = rc ? rc : write_counts(e, b, "languages", members, size, meta_lang);
    rc = rc ? rc : write_counts(e, b, "sources", members, size, meta_source);
    rc = rc ? rc : write_time(b, "first", first);
    rc = rc ? rc : write_time(b, "last", last);
    rc = rc || !e->cfg.stories ? rc : write_storyline_story(e, events, n, b);
    rc = rc ? rc : core_buf_append_str(b, ",\"events\":[");
    for (size_t i = 0; !rc && i < n; i++) {
        rc = core_buf_printf(b, "%s%llu", i ? "," : "", (unsigned long long)events[i]->id);
    }
    return rc ? rc : core_buf_append_str(b, "]}");
}

/* Which events and storylines to write: all, or (changed_only) those
 * that differ from the last description: an event that grew, moved to
 * another storyline, or whose growth reads differently now (the stream's
 * time went on: a quiet event's last day empties), and every storyline
 * that holds one (or lost one);
 * and the ids of storylines described before that are no more (links
 * merged them into others). */
typedef struct events_selection {
    int changed_only;
    uint64_t *growth;   /* by event id: hash of its growth text now (malloc) */
    uint8_t *event;     /* by event id: 1 to write it (malloc) */
    uint8_t *storyline; /* by storyline number: 1 to write it (malloc) */
    uint64_t *gone;     /* storyline ids no more (malloc) */
    size_t gone_count;
} events_selection;

#define NOT_A_STORYLINE UINT32_MAX
#define GONE_LISTED     (UINT32_MAX - 1)

/* The storyline an old id names now, through number_of (by event id: the
 * number of the storyline it names, or NOT_A_STORYLINE); an id that names
 * none any more is added to sel->gone once. */
static void mark_lost(uint32_t *number_of, uint64_t old, events_selection *sel)
{
    uint32_t number = number_of[old];
    if (number == NOT_A_STORYLINE) {
        number_of[old] = GONE_LISTED;
        sel->gone[sel->gone_count++] = old;
    } else if (number != GONE_LISTED) {
        sel->storyline[number] = 1;
    }
}

/* sel->growth: every event's growth text, hashed. */
static int hash_growth(fil_engine *e, const events_context *cx, events_selection *sel)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    uint32_t largest = 0;
    for (uint64_t id = 0; id < n; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        largest = ev && ev->size > largest ? ev->size : largest;
    }
    int64_t *times = core_malloc((largest + 1) * sizeof *times);
    sel->growth = core_calloc(n + 1, sizeof *sel->growth);
    for (uint64_t id = 0; times && sel->growth && id < n; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        char text[GROWTH_TEXT_SIZE];
        if (ev) {
            format_growth(e, cx, ev, times, text);
            sel->growth[id] = core_hash(text, strlen(text), 3);
        }
    }
    int rc = times && sel->growth ? FIL_OK : FIL_ENOMEM;
    free(times);
    return rc;
}

/* remember: the description will be remembered, growth and all. */
static int select_changed(fil_engine *e, const events_context *cx, int remember,
                          events_selection *sel)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    const events_described *d = &e->described;
    if ((sel->changed_only || remember) && hash_growth(e, cx, sel)) {
        return FIL_ENOMEM;
    }
    sel->event = core_calloc(n + 1, 1);
    sel->storyline = core_calloc(cx->storyline_count + 1, 1);
    sel->gone = core_malloc((d->count + 1) * sizeof *sel->gone);
    uint32_t *number_of = core_malloc((n + 1) * sizeof *number_of);
    if (!sel->event || !sel->storyline || !sel->gone || !number_of) {
        free(number_of);
        return FIL_ENOMEM;
    }
    for (uint64_t id = 0; id < n; id++) {
        number_of[id] = NOT_A_STORYLINE;
    }
    for (size_t sl = 0; sl < cx->storyline_count; sl++) {
        number_of[cx->storyline_id[sl]] = (uint32_t)sl;
    }
    for (uint64_t id = 0; id < n; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        uint32_t sl = cx->storyline_of[id];
        int known = id < d->count;
        int changed = !sel->changed_only || !known || !ev || d->size[id] != ev->size ||
                      d->storyline[id] != cx->storyline_id[sl] || d->growth[id] != sel->growth[id];
        sel->event[id] = (uint8_t)changed;
        sel->storyline[sl] |= (uint8_t)changed;
        if (changed && known) {
            mark_lost(number_of, d->storyline[id], sel); /* it lost this event */
        }
    }
    free(number_of);
    return FIL_OK;
}

/* Remembers what was just described (see events_described); takes
 * sel->growth. */
static int remember_described(fil_engine *e, const events_context *cx, events_selection *sel)
{
    uint64_t n = cluster_stream_event_count(e->stream);
    events_described *d = &e->described;
    free(d->growth);
    d->growth = sel->growth;
    sel->growth = NULL;
    uint32_t *size = core_realloc(d->size, (n + 1) * sizeof *size);
    if (size) {
        d->size = size;
    }
    uint64_t *storyline = size ? core_realloc(d->storyline, (n + 1) * sizeof *storyline) : NULL;
    if (!size || !storyline) {
        return FIL_ENOMEM;
    }
    d->storyline = storyline;
    for (uint64_t id = 0; id < n; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        size[id] = ev ? ev->size : 0;
        storyline[id] = cx->storyline_id[cx->storyline_of[id]];
    }
    d->count = (size_t)n;
    return FIL_OK;
}

/* ,"storylines_gone":[ids] */
static int write_gone(const events_selection *sel, core_buf *b)
{
    int rc = core_buf_append_str(b, ",\n\"storylines_gone\":[");
    for (size_t i = 0; !rc && i < sel->gone_count; i++) {
        rc = core_buf_printf(b, "%s%llu", i ? "," : "", (unsigned long long)sel->gone[i]);
    }
    return rc ? rc : core_buf_append_char(b, ']');
}

/* Where write_all hands its output over as it goes, or none (all of it
 * stays in the buffer). */
typedef struct events_sink {
    fil_write_fn write; /* NULL: none */
    void *ctx;
} events_sink;

/* Pieces of about this many bytes go to a sink. */
#define EVENTS_PIECE_BYTES (64 * 1024)

/* Hands b's bytes to the sink once they are a piece (all: whatever they
 * are) and empties b; FIL_EIO when the sink stops. Without a sink, b keeps
 * them. */
static int hand_over(const events_sink *sink, core_buf *b, int all)
{
    if (!sink->write || !b->len || (!all && b->len < EVENTS_PIECE_BYTES)) {
        return FIL_OK;
    }
    int stopped = sink->write(sink->ctx, b->data, b->len);
    core_buf_clear(b);
    return stopped ? FIL_EIO : FIL_OK;
}

/* The events as a JSON array; with storylines, {"events": [...],
 * "storylines": [...]} (and, changed_only after an earlier description,
 * "storylines_gone"), into b and, a piece at a time, to the sink. */
static int write_all(fil_engine *e, int storylines, int changed_only, const events_sink *sink,
                     core_buf *b)
{
    events_context cx = {0};
    core_buf labels;
    core_buf_init(&labels, 0);
    cx.labels = &labels;
    events_selection sel = {changed_only, NULL, NULL, NULL, NULL, 0};
    int described_before = e->described.size != NULL; /* else all is new: nothing is gone */
    measure_stream(e, &cx);
    int rc = link_storylines(e, &cx);
    rc = rc ? rc : name_storylines(e, &cx);
    rc = rc ? rc : select_changed(e, &cx, storylines, &sel);
    rc = rc ? rc : core_buf_append_str(b, storylines ? "{\"events\":[" : "[");
    size_t event_count = cluster_stream_event_count(e->stream);
    if (!rc && storylines) {
        cx.label_at = calloc(event_count + 1, sizeof *cx.label_at);
        cx.label_len = calloc(event_count + 1, sizeof *cx.label_len);
        rc = cx.label_at && cx.label_len ? FIL_OK : FIL_ENOMEM;
    }
    uint64_t written = 0;
    for (uint64_t id = 0; !rc && id < event_count; id++) {
        const cluster_event *ev = cluster_stream_event(e->stream, id);
        if (!ev || !sel.event[id]) {
            continue;
        }
        core_arena_reset(&e->scratch);
        rc = core_buf_append_str(b, written++ ? ",\n" : "\n");
        rc = rc ? rc : write_event(e, &cx, ev, b);
        rc = rc ? rc : hand_over(sink, b, 0);
    }
    rc = rc || !storylines ? rc : group_storylines(e, &cx);
    rc = rc || !storylines ? rc : core_buf_append_str(b, "\n],\n\"storylines\":[");
    written = 0;
    for (uint32_t sl = 0; !rc && storylines && sl < cx.storyline_count; sl++) {
        if (!sel.storyline[sl]) {
            continue;
        }
        core_arena_reset(&e->scratch);
        rc = core_buf_append_str(b, written++ ? ",\n" : "\n");
        rc = rc ? rc : write_storyline(e, &cx, sl, b);
        rc = rc ? rc : hand_over(sink, b, 0);
    }
    rc = rc || !changed_only ? rc : core_buf_append_str(b, "\n]");
    rc = rc || !changed_only || !described_before ? rc : write_gone(&sel, b);
    rc = rc ? rc : core_buf_append_str(b, changed_only ? "}\n" : storylines ? "\n]}\n" : "\n]\n");
    rc = rc || !storylines ? rc : remember_described(e, &cx, &sel);
    rc = rc ? rc : hand_over(sink, b, 1);
    core_buf_free(&labels);
    free(cx.label_at);
    free(cx.label_len);
    free(cx.storyline_of);
    free(cx.storyline_id);
    free(cx.by_time);
    free(cx.grouped);
    free(cx.group_start);
    free(sel.growth);
    free(sel.event);
    free(sel.storyline);
    free(sel.gone);
    return rc;
}

/* The description into b, handed to the sink as it goes when there is
 * one, else kept whole in b. */
static int events_output(fil_engine *e, int storylines, int changed_only, const events_sink *sink,
                         core_buf *b, fil_error *err)
{
    if (!e->cfg.keep_articles) {
        return core_error_set(err, FIL_EINVAL, "events need keep_articles = 1");
    }
    int rc = write_all(e, storylines, changed_only, sink, b);
    return rc ? core_error_set(err, rc, "events: %s",
                               rc == FIL_EIO ? "the output stopped" : fil_strerror(rc))
              : FIL_OK;
}

/* The description as one string: *out (malloc), *len bytes. */
static int events_json(fil_engine *e, int storylines, int changed_only, char **out, size_t *len,
                       fil_error *err)
{
    events_sink none = {NULL, NULL};
    core_buf b;
    core_buf_init(&b, 0);
    int rc = events_output(e, storylines, changed_only, &none, &b, err);
    *len = rc ? 0 : b.len;
    *out = rc ? NULL : core_buf_take(&b);
    core_buf_free(&b);
    return rc;
}

/* The description handed to write in pieces. */
static int events_write(fil_engine *e, int storylines, fil_write_fn write, void *ctx,
                        fil_error *err)
{
    events_sink sink = {write, ctx};
    core_buf b;
    core_buf_init(&b, 0);
    int rc = write ? events_output(e, storylines, 0, &sink, &b, err)
                   : core_error_set(err, FIL_EINVAL, "events: no write function");
    core_buf_free(&b);
    return rc;
}

int fil_events_json(fil_engine *e, char **out, size_t *len, fil_error *err)
{
    return events_json(e, 0, 0, out, len, err);
}

int fil_stories_json(fil_engine *e, char **out, size_t *len, fil_error *err)
{
    return events_json(e, 1, 0, out, len, err);
}

int fil_stories_changed_json(fil_engine *e, char **out, size_t *len, fil_error *err)
{
    return events_json(e, 1, 1, out, len, err);
}

int fil_events_write(fil_engine *e, fil_write_fn write, void *ctx, fil_error *err)
{
    return events_write(e, 0, write, ctx, err);
}

int fil_stories_write(fil_engine *e, fil_write_fn write, void *ctx, fil_error *err)
{
    return events_write(e, 1, write, ctx, err);
}
