/*
 * src/cli/pairs.c -- pair files, folds and Pearson; fil eval pairs and
 * fil train pairs. See pairs.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/pairs.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cli_dimension_names[CLI_DIMENSIONS] = {"overall", "geography", "entities", "time",
                                                         "narrative"};

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

/* The string of obj's field, taken out of the parsed tree rather than
 * copied (every title and text: 3.8 MB for the SemEval pairs); NULL when
 * the field is absent or not a string. cJSON allocated it with malloc,
 * its default hook (fil sets no other), so the caller frees it with free;
 * cJSON_Delete skips the NULL left in its place. */
static char *take_string(cJSON *obj, const char *field)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, field);
    char *s = cJSON_IsString(item) ? item->valuestring : NULL;
    if (s) {
        item->valuestring = NULL;
    }
    return s;
}

static void free_article(fil_article *a)
{
    free((char *)a->id);
    free((char *)a->url);
    free((char *)a->source);
    free((char *)a->lang);
    free((char *)a->published);
    free((char *)a->title);
    free((char *)a->text);
    memset(a, 0, sizeof *a);
}

/* Fills a from the article object obj; lang_field names the pair's
 * fallback language ("lang1"). Returns a message for a side that is not
 * an article, or NULL. */
static const char *read_side(cJSON *pair, const char *name, const char *lang_field, fil_article *a)
{
    cJSON *obj = cJSON_GetObjectItemCaseSensitive(pair, name);
    if (!cJSON_IsObject(obj)) {
        return "has no article";
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    char number[32];
    if (cJSON_IsNumber(id)) {
        snprintf(number, sizeof number, "%.0f", id->valuedouble);
    }
    a->id = cJSON_IsNumber(id) ? strdup(number) : take_string(obj, "id");
    a->url = take_string(obj, "url");
    a->source = take_string(obj, "source");
    a->lang = take_string(obj, "lang");
    a->lang = a->lang ? a->lang : take_string(pair, lang_field);
    a->published = take_string(obj, "published");
    a->title = take_string(obj, "title");
    a->text = take_string(obj, "text");
    int has_words = (a->title && *a->title) || (a->text && *a->text);
    return has_words ? NULL : "has neither title nor text";
}

static void read_gold(const cJSON *pair, double gold[CLI_DIMENSIONS])
{
    for (int d = 0; d < CLI_DIMENSIONS; d++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(pair, cli_dimension_names[d]);
        gold[d] = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    }
}

static void name_language_pair(const cli_pair *p, char out[24])
{
    const char *a = p->side[0].lang, *b = p->side[1].lang;
    if (a && b && strlen(a) < 10 && strlen(b) < 10) {
        snprintf(out, 24, "%s-%s", a, b);
    } else {
        out[0] = '\0';
    }
}

/* Parses one line into p; on failure reports it and returns 1. */
static int read_pair(const char *cmd, const char *path, unsigned line_no, const char *line,
                     cli_pair *p)
{
    memset(p, 0, sizeof *p);
    cJSON *obj = cJSON_Parse(line);
    const char *why = cJSON_IsObject(obj) ? NULL : "not a JSON object";
    const char *side = "a";
    why = why ? why : read_side(obj, "a", "lang1", &p->side[0]);
    if (!why) {
        side = "b";
        why = read_side(obj, "b", "lang2", &p->side[1]);
    }
    if (why) {
        if (cJSON_IsObject(obj)) {
            cli_error(cmd, "%s:%u: side '%s' %s, skipped", path, line_no, side, why);
        } else {
            cli_error(cmd, "%s:%u: %s, skipped", path, line_no, why);
        }
        cJSON_Delete(obj);
        free_article(&p->side[0]);
        free_article(&p->side[1]);
        return 1;
    }
    read_gold(obj, p->gold);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "pair_id");
    char fallback[32];
    snprintf(fallback, sizeof fallback, "line %u", line_no);
    p->pair_id = strdup(cJSON_IsString(id) ? id->valuestring : fallback);
    name_language_pair(p, p->language_pair);
    cJSON_Delete(obj);
    return 0;
}

static int push_pair(cli_pair_set *set, const cli_pair *p)
{
    if (cli_reserve((void **)&set->items, &set->capacity, set->count, sizeof *set->items)) {
        return FIL_ENOMEM;
    }
    set->items[set->count++] = *p;
    return FIL_OK;
}

int cli_read_pairs(const char *cmd, const char *path, cli_pair_set *set, cli_stats *stats)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        cli_error(cmd, "%s: cannot open", path);
        stats->bad_files++;
        return FIL_EIO;
    }
    char *line = NULL;
    size_t size = 0;
    unsigned line_no = 0;
    int rc = FIL_OK;
    while (!rc && getline(&line, &size, f) >= 0) {
        line_no++;
        if (strspn(line, " \t\r\n") == strlen(line)) {
            continue;
        }
        cli_pair p;
        if (read_pair(cmd, path, line_no, line, &p)) {
            stats->rejected++;
            continue;
        }
        rc = push_pair(set, &p);
        stats->accepted += !rc;
    }
    free(line);
    if (f != stdin) {
        fclose(f);
    }
    return rc;
}

void cli_pair_set_free(cli_pair_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free_article(&set->items[i].side[0]);
        free_article(&set->items[i].side[1]);
        free(set->items[i].pair_id);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}

/* ------------------------------------------------------------------------
 * Articles by id: learning them once, and folds that keep them apart
 * ---------------------------------------------------------------------- */

typedef struct side_ref {
    const char *id; /* NULL: an article without id, equal to no other */
    size_t pair;
    int side;
} side_ref;

static int compare_side_refs(const void *a, const void *b)
{
    const side_ref *x = a, *y = b;
    if (x->id && y->id) {
        int c = strcmp(x->id, y->id);
        if (c) {
            return c;
        }
    } else if (x->id || y->id) {
        return x->id ? -1 : 1;
    }
    if (x->pair != y->pair) {
        return x->pair < y->pair ? -1 : 1;
    }
    return x->side - y->side;
}

/* Every side of every pair, sorted by id (then pair, side); caller frees. */
static side_ref *sorted_sides(const cli_pair_set *set)
{
    side_ref *refs = malloc((2 * set->count + 1) * sizeof *refs);
    if (!refs) {
        return NULL;
    }
    for (size_t i = 0; i < set->count; i++) {
        for (int s = 0; s < 2; s++) {
            const char *id = set->items[i].side[s].id;
            refs[2 * i + (size_t)s] = (side_ref){id && *id ? id : NULL, i, s};
        }
    }
    qsort(refs, 2 * set->count, sizeof *refs, compare_side_refs);
    return refs;
}

static int same_article(const side_ref *x, const side_ref *y)
{
    return x->id && y->id && strcmp(x->id, y->id) == 0;
}

int cli_learn_pairs(fil_engine *engine, const cli_pair_set *set, fil_error *err)
{
    side_ref *refs = sorted_sides(set);
    if (!refs) {
        return FIL_ENOMEM;
    }
    int rc = FIL_OK;
    for (size_t i = 0; !rc && i < 2 * set->count; i++) {
        if (i == 0 || !same_article(&refs[i - 1], &refs[i])) {
            rc = fil_learn(engine, &set->items[refs[i].pair].side[refs[i].side], err);
        }
    }
    free(refs);
    return rc;
}

static size_t find_root(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

int cli_pair_folds(const cli_pair_set *set, int k, int *fold)
{
    side_ref *refs = sorted_sides(set);
    size_t *parent = malloc((set->count + 1) * sizeof *parent);
    if (!refs || !parent) {
        free(refs);
        free(parent);
        return FIL_ENOMEM;
    }
    for (size_t i = 0; i < set->count; i++) {
        parent[i] = i;
        fold[i] = -1;
    }
    for (size_t i = 1; i < 2 * set->count; i++) {
        if (same_article(&refs[i - 1], &refs[i])) {
            size_t a = find_root(parent, refs[i - 1].pair), b = find_root(parent, refs[i].pair);
            parent[a > b ? a : b] = a < b ? a : b; /* the earliest pair is the root */
        }
    }
    int next = 0;
    for (size_t i = 0; i < set->count; i++) {
        size_t root = find_root(parent, i);
        if (fold[root] < 0) {
            fold[root] = next++ % k;
        }
        fold[i] = fold[root];
    }
    free(refs);
    free(parent);
    return FIL_OK;
}

double cli_pearson(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i] / (double)n;
        my += y[i] / (double)n;
    }
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return n > 1 && sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}
