/*
 * src/story/aggregate.c -- entities and quotes merged over articles
 * (aggregate.h).
 */
#include "story/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/sort.h"
#include "features/entities.h"

/* One entity or quote of one article, flattened for sorting. */
typedef struct item {
    uint32_t article, index; /* the article's place, and the item's place in it */
} item;

typedef struct group {
    /* quotes: a run of the sorted items; entities: the first item, and
     * how many there are */
    size_t first, count;
    uint32_t articles, mentions;
    size_t best;           /* the item that names the group */
    const char *canonical; /* entities: the group's name */
} group;

/* An item with what reading it needs: the articles (qsort, which sorts
 * the quotes, has no context) and an entity's name with its hash, so that
 * names (read from all over the pool, cache misses) are compared only
 * when their hashes are equal. */
typedef struct sorted_item {
    item it;
    const story_article *articles;
    const char *canonical; /* entities: the entity's canonical name; quotes: NULL */
    uint32_t name_hash;    /* entities: story_name_hash of canonical */
} sorted_item;

uint32_t story_name_hash(const char *canonical)
{
    return (uint32_t)core_hash(canonical, strlen(canonical), 0);
}

const char *story_entity_display(const story_entity *e)
{
    return e->names + strlen(e->names) + 1;
}

static const story_entity *entity_of(const sorted_item *s)
{
    return &s->articles[s->it.article].entities[s->it.index];
}

static const story_quote *quote_of(const sorted_item *s)
{
    return &s->articles[s->it.article].quotes[s->it.index];
}

static int compare_order(const item *x, const item *y)
{
    if (x->article != y->article) {
        return x->article < y->article ? -1 : 1;
    }
    return (x->index > y->index) - (x->index < y->index);
}

static int compare_quote_items(const void *a, const void *b)
{
    const sorted_item *x = a, *y = b;
    uint32_t kx = quote_of(x)->key, ky = quote_of(y)->key;
    return kx != ky ? (kx < ky ? -1 : 1) : compare_order(&x->it, &y->it);
}

/* Flattens the entities (quotes: 1) of all articles into *out, in article
 * order (quotes: sorted by key, then so), with room for as many groups in
 * *groups. */
static int flatten(const story_article *a, size_t n, int quotes, core_arena *scratch,
                   sorted_item **out, size_t *count, group **groups)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += quotes ? a[i].quote_count : a[i].entity_count;
    }
    *out = core_arena_alloc(scratch, (total + 1) * sizeof **out);
    *groups = core_arena_alloc(scratch, (total + 1) * sizeof **groups);
    if (!*out || !*groups) {
        return FIL_ENOMEM;
    }
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t m = quotes ? a[i].quote_count : a[i].entity_count;
        for (size_t k = 0; k < m; k++) {
            const story_entity *e = quotes ? NULL : &a[i].entities[k];
            (*out)[(*count)++] = (sorted_item){
                {(uint32_t)i, (uint32_t)k}, a, e ? e->names : NULL, e ? e->canonical_hash : 0};
        }
    }
    if (quotes) {
        qsort(*out, *count, sizeof **out, compare_quote_items);
    }
    return FIL_OK;
}

/* ------------------------------------------------------------------------
 * Entities
 * ---------------------------------------------------------------------- */

static int compare_entity_groups(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->articles != y->articles) {
        return x->articles < y->articles ? 1 : -1;
    }
    if (x->mentions != y->mentions) {
        return x->mentions < y->mentions ? 1 : -1;
    }
    return strcmp(x->canonical, y->canonical); /* ties by name */
}

/* An entity's spellings in a group (an item that writes each) and how
 * many of its articles wrote each, with their mentions. A name is seldom
 * written more than two or three ways ("Barcelona", "Barcelone",
 * "Barcellona"); when ENTITY_SPELLINGS are held, a new one takes the
 * place of the least written if only one article wrote that, and is
 * otherwise left uncounted. */
#define ENTITY_SPELLINGS 4

typedef struct spellings {
    size_t item[ENTITY_SPELLINGS];
    uint32_t articles[ENTITY_SPELLINGS], mentions[ENTITY_SPELLINGS];
    uint32_t count;
} spellings;

static void spellings_add(spellings *sp, const sorted_item *s, size_t i)
{
    const story_entity *e = entity_of(&s[i]);
    const char *display = story_entity_display(e);
    uint32_t k = 0;
    while (k < sp->count &&
           strcmp(story_entity_display(entity_of(&s[sp->item[k]])), display) != 0) {
        k++;
    }
    int fresh = k == sp->count;
    if (k == ENTITY_SPELLINGS) { /* all held: the least written, if one article wrote it */
        k = 0;
        for (uint32_t j = 1; j < ENTITY_SPELLINGS; j++) {
            k = sp->articles[j] < sp->articles[k] ? j : k;
        }
        if (sp->articles[k] > 1) {
            return;
        }
    }
    if (fresh) {
        sp->item[k] = i;
        sp->articles[k] = sp->mentions[k] = 0;
        sp->count += sp->count < ENTITY_SPELLINGS;
    }
    sp->articles[k]++; /* an article lists an entity once */
    sp->mentions[k] += e->count;
}

/* An item of the spelling most articles wrote (then the most mentioned,
 * then the first written: items are in article order). */
static size_t spellings_most_used(const spellings *sp)
{
    uint32_t best = 0;
    for (uint32_t k = 1; k < sp->count; k++) {
        uint32_t a = sp->articles[k], b = sp->articles[best];
        uint32_t m = sp->mentions[k], n = sp->mentions[best];
        if (a > b || (a == b && (m > n || (m == n && sp->item[k] < sp->item[best])))) {
            best = k;
        }
    }
    return sp->item[best];
}

/* The group of item s[i], made when it is the first of its name. table:
 * mask + 1 slots, each 0 or a group's index + 1, placed by its name's
 * hash (open addressing). Not a core_map: that keys the hash alone, and
 * two names of one hash must stay two groups; this table lives in the
 * scratch arena too. */
static group *entity_group(const sorted_item *s, size_t i, uint32_t *table, size_t mask, group *g,
                           size_t *groups)
{
    size_t slot = s[i].name_hash & mask;
    for (; table[slot]; slot = (slot + 1) & mask) {
        group *cur = &g[table[slot] - 1];
        if (s[cur->first].name_hash == s[i].name_hash &&
            strcmp(cur->canonical, s[i].canonical) == 0) {
            return cur;
        }
    }
    group *made = &g[(*groups)++];
    *made = (group){i, 0, 0, 0, i, s[i].canonical};
    table[slot] = (uint32_t)*groups;
    return made;
}

int story_entities_json(const story_article *articles, size_t n, core_arena *scratch, core_buf *out)
{
    sorted_item *s;
    group *g;
    size_t count, groups = 0, slots = 16;
    if (flatten(articles, n, 0, scratch, &s, &count, &g)) {
        return FIL_ENOMEM;
    }
    while (slots < 2 * count) {
        slots *= 2;
    }
    uint32_t *table = core_arena_alloc(scratch, slots * sizeof *table);
    spellings *sp = core_arena_alloc(scratch, (count + 1) * sizeof *sp); /* by group */
    if (!table || !sp) {
        return FIL_ENOMEM;
    }
    memset(table, 0, slots * sizeof *table);
    /* items in article order: a group's best is the earlier on a tie */
    for (size_t i = 0; i < count; i++) {
        size_t made = groups;
        group *cur = entity_group(s, i, table, slots - 1, g, &groups);
        if (groups > made) {
            sp[made].count = 0;
        }
        cur->count++;
        cur->articles++; /* an article lists an entity once */
        cur->mentions += entity_of(&s[i])->count;
        cur->best = entity_of(&s[i])->count > entity_of(&s[cur->best])->count ? i : cur->best;
        spellings_add(&sp[cur - g], s, i);
    }
    size_t top[STORY_TOP_ENTITIES];
    size_t shown =
        core_first_k(g, groups, sizeof *g, STORY_TOP_ENTITIES, compare_entity_groups, top);
    int rc = core_buf_append_char(out, '[');
    for (size_t i = 0; !rc && i < shown; i++) {
        const group *gi = &g[top[i]];
        const story_entity *e = entity_of(&s[gi->best]);
        const story_entity *spelled = entity_of(&s[spellings_most_used(&sp[top[i]])]);
        rc = core_buf_append_str(out, i ? ",{\"name\":" : "{\"name\":");
        rc = rc ? rc : core_buf_append_json_string(out, story_entity_display(spelled));
        rc = rc ? rc : core_buf_append_str(out, ",\"canonical\":");
        rc = rc ? rc : core_buf_append_json_string(out, e->names);
        rc = rc ? rc : core_buf_append_str(out, ",\"type\":\"");
        rc = rc ? rc : core_buf_append_str(out, features_entity_type_name(e->type));
        rc = rc ? rc : core_buf_append_str(out, "\",\"articles\":");
        rc = rc ? rc : core_buf_append_uint(out, gi->articles);
        rc = rc ? rc : core_buf_append_str(out, ",\"mentions\":");
        rc = rc ? rc : core_buf_append_uint(out, gi->mentions);
        rc = rc ? rc : core_buf_append_char(out, '}');
    }
    return rc ? rc : core_buf_append_char(out, ']');
}

/* ------------------------------------------------------------------------
 * Quotes
 * ---------------------------------------------------------------------- */

static int compare_quote_groups(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->articles != y->articles) {
        return x->articles < y->articles ? 1 : -1;
    }
    return (x->best > y->best) - (x->best < y->best); /* best: first appearance, in order */
}

/* The speaker most of the group's articles name, or NULL. */
static const char *group_speaker(const sorted_item *s, const group *g)
{
    const char *best = NULL;
    size_t best_votes = 0;
    for (size_t i = g->first; i < g->first + g->count; i++) {
        const char *who = quote_of(&s[i])->speaker_canonical;
        size_t votes = 0;
        for (size_t k = g->first; who && k < g->first + g->count; k++) {
            const char *other = quote_of(&s[k])->speaker_canonical;
            votes += other && strcmp(other, who) == 0;
        }
        if (votes > best_votes) {
            best_votes = votes;
            best = quote_of(&s[i])->speaker;
        }
    }
    return best;
}

/* Appends the group's article ids (field "articles") or their sources,
 * each once, in article order. */
static int write_carriers(const sorted_item *s, const group *g, int sources, core_buf *out)
{
    int rc = core_buf_append_str(out, sources ? ",\"sources\":[" : ",\"articles\":[");
    size_t written = 0;
    for (size_t i = g->first; !rc && i < g->first + g->count; i++) {
        const story_article *a = &s[i].articles[s[i].it.article];
        const char *v = sources ? a->source : a->id;
        int seen = !v;
        for (size_t k = g->first; !seen && k < i; k++) {
            const story_article *b = &s[k].articles[s[k].it.article];
            const char *w = sources ? b->source : b->id;
            seen = w && strcmp(v, w) == 0;
        }
        if (!seen) {
            rc = core_buf_append_str(out, written++ ? "," : "");
            rc = rc ? rc : core_buf_append_json_string(out, v);
        }
    }
    return rc ? rc : core_buf_append_char(out, ']');
}

int story_quotes_json(const story_article *articles, size_t n, core_arena *scratch, core_buf *out)
{
    sorted_item *s;
    group *g;
    size_t count, groups = 0;
    if (flatten(articles, n, 1, scratch, &s, &count, &g)) {
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        if (!i || quote_of(&s[i])->key != quote_of(&s[i - 1])->key) {
            g[groups++] = (group){i, 0, 0, 0, i, NULL};
        }
        group *cur = &g[groups - 1];
        cur->articles += !cur->count || s[i].it.article != s[i - 1].it.article;
        cur->count++;
    }
    size_t top[STORY_TOP_QUOTES];
    size_t shown = core_first_k(g, groups, sizeof *g, STORY_TOP_QUOTES, compare_quote_groups, top);
    int rc = core_buf_append_char(out, '[');
    for (size_t i = 0; !rc && i < shown; i++) {
        const group *gi = &g[top[i]];
        const story_quote *q = quote_of(&s[gi->first]);
        const char *speaker = group_speaker(s, gi);
        rc = core_buf_append_str(out, i ? ",{\"text\":" : "{\"text\":");
        rc = rc ? rc : core_buf_append_json_stringn(out, q->text, q->len);
        rc = rc ? rc : core_buf_append_str(out, ",\"speaker\":");
        rc = rc        ? rc
             : speaker ? core_buf_append_json_string(out, speaker)
                       : core_buf_append_str(out, "null");
        rc = rc ? rc : write_carriers(s, gi, 0, out);
        rc = rc ? rc : write_carriers(s, gi, 1, out);
        rc = rc ? rc : core_buf_append_char(out, '}');
    }
    return rc ? rc : core_buf_append_char(out, ']');
}
