/*
 * src/cli/cmd_dates.c -- fil dates: the date expressions of articles,
 * resolved, as JSON lines (or merged into one timeline); and fil eval
 * dates: precision and recall against a gold file.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char dates_help[] =
    "usage: fil dates [--published ISO] [--lang CODE] [--timeline] [FILE|-]...\n"
    "\n"
    "Finds the date expressions of each article (fr, en, de, es, it): absolute (\"le 5 mars\",\n"
    "\"March 5, 2020\", \"5. März\", \"el 5 de marzo\", 2020-03-05), weekdays (\"mardi\", \"on\n"
    "Friday\") and relative ones (\"hier\", \"last week\", \"vor drei Tagen\"), and resolves them\n"
    "against the article's 'published' day, else the first full date of its text.\n"
    "Prints one JSON line per expression: id, text, offset and len (bytes of the article's\n"
    "text), date (YYYY-MM-DD, the first day of the period; null when it cannot be\n"
    "resolved), granularity (day, week, month, year), kind (absolute, weekday, relative),\n"
    "reference, reference_from (published, text or null; for text, reference_offset is\n"
    "where that date stands) and the sentence holding it.\n"
    "\n"
    "options:\n"
    "  --published ISO   resolve against this day for every article (overrides 'published')\n"
    "  --lang CODE       language of every article (default: the record's, else detected)\n"
    "  --timeline        print one merged timeline (JSON array of date, granularity, what,\n"
    "                    sources, articles) instead of the lines\n"
    "  -h, --help        this help\n"
    "\n"
    "examples:\n"
    "  fil dates --published 2020-03-04 ../shared/data/seeds/000_78ab9e17c838fcba.txt\n"
    "  echo 'The port reopened on Friday, two days after the strike.' | fil dates "
    "--published 2026-02-09 --lang en\n"
    "  fil dates --timeline examples/articles.jsonl\n";

typedef struct dates_run {
    fil_engine *engine;
    const char *published;  /* --published, or NULL */
    const char *lang;       /* --lang, or NULL */
    fil_timeline *timeline; /* --timeline, else NULL */
    cli_stats *stats;
} dates_run;

/* Prints n bytes of s as a JSON string. */
static void print_json_span(const char *s, size_t n)
{
    char *copy = strndup(s, n);
    cli_print_json_string(stdout, copy ? copy : "");
    free(copy);
}

static void print_date(const fil_article *a, const fil_date_list *l, const fil_date *d)
{
    fputs("{\"id\":", stdout);
    if (a->id) {
        cli_print_json_string(stdout, a->id);
    } else {
        fputs("null", stdout);
    }
    fputs(",\"text\":", stdout);
    print_json_span(l->text + d->offset, d->len);
    printf(",\"offset\":%u,\"len\":%u,\"date\":", d->offset, d->len);
    printf(d->date[0] ? "\"%s\"" : "null", d->date);
    printf(",\"granularity\":\"%s\",\"kind\":\"%s\",\"reference\":", d->granularity, d->kind);
    printf(l->reference[0] ? "\"%s\"" : "null", l->reference);
    printf(",\"reference_from\":");
    printf(l->reference_from ? "\"%s\"" : "null", l->reference_from ? l->reference_from : "");
    if (l->reference_from && strcmp(l->reference_from, "text") == 0) {
        printf(",\"reference_offset\":%u", l->reference_offset);
    }
    fputs(",\"sentence\":", stdout);
    print_json_span(l->text + d->sentence_offset, d->sentence_len);
    fputs("}\n", stdout);
}

/* The article with the command line's overrides. */
static fil_article overridden(const dates_run *run, const fil_article *a)
{
    fil_article b = *a;
    b.published = run->published ? run->published : a->published;
    b.lang = run->lang ? run->lang : a->lang;
    return b;
}

static int dates_one(void *ctx, const fil_article *a, fil_error *err)
{
    dates_run *run = ctx;
    fil_article b = overridden(run, a);
    fil_date_list l;
    int rc = fil_dates(run->engine, &b, &l, err);
    if (rc) {
        return rc;
    }
    if (l.published_ignored) {
        run->stats->times_ignored++;
        cli_error("dates", "%s:%u: published '%s' is not an ISO-8601 time; ignored",
                  a->origin ? a->origin : "-", a->line, b.published);
    }
    if (run->timeline) {
        rc = fil_timeline_add(run->timeline, a->id, a->source, &l, err);
    }
    for (size_t i = 0; !run->timeline && i < l.count; i++) {
        print_date(a, &l, &l.dates[i]);
    }
    fil_free(l.dates);
    return rc;
}

static int print_timeline(const fil_timeline *t)
{
    char *json;
    size_t len;
    fil_error err = {0, ""};
    if (fil_timeline_json(t, &json, &len, &err)) {
        cli_error("dates", "%s", err.message);
        return CLI_EXIT_DATA;
    }
    fwrite(json, 1, len, stdout);
    fil_free(json);
    return CLI_EXIT_OK;
}

/* Parses the options of fil dates; returns -1 to go on, else an exit code. */
static int parse_dates_options(int argc, char **argv, dates_run *run, int *timeline)
{
    enum { OPT_PUBLISHED = 1000, OPT_LANG, OPT_TIMELINE };
    struct option longs[] = {{"published", required_argument, NULL, OPT_PUBLISHED},
                             {"lang", required_argument, NULL, OPT_LANG},
                             {"timeline", no_argument, NULL, OPT_TIMELINE},
                             {"help", no_argument, NULL, 'h'},
                             {NULL, 0, NULL, 0}};
    optind = 1;
    for (int c = getopt_long(argc, argv, "h", longs, NULL); c != -1;
         c = getopt_long(argc, argv, "h", longs, NULL)) {
        int64_t t;
        if (c == OPT_PUBLISHED && fil_parse_time(optarg, &t) == FIL_OK) {
            run->published = optarg;
        } else if (c == OPT_LANG) {
            run->lang = optarg;
        } else if (c == OPT_TIMELINE) {
            *timeline = 1;
        } else {
            if (c == OPT_PUBLISHED) {
                cli_error("dates", "--published '%s' is not an ISO-8601 date", optarg);
            }
            fputs(dates_help, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        }
    }
    return -1;
}

int cmd_dates(int argc, char **argv)
{
    cli_stats stats = {0};
    dates_run run = {NULL, NULL, NULL, NULL, &stats};
    int timeline = 0;
    int exit_code = parse_dates_options(argc, argv, &run, &timeline);
    if (exit_code >= 0) {
        return exit_code;
    }
    fil_error err = {0, ""};
    run.engine = fil_open(NULL, &err);
    run.timeline = timeline ? fil_timeline_new() : NULL;
    if (!run.engine || (timeline && !run.timeline)) {
        cli_error("dates", "%s", run.engine ? "out of memory" : err.message);
        fil_close(run.engine);
        return CLI_EXIT_DATA;
    }
    cli_input in = {"dates", argv + optind, argc - optind, 0};
    int rc = cli_for_each_article(&in, dates_one, &run, &stats);
    exit_code = rc || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
    if (!rc && run.timeline && print_timeline(run.timeline)) {
        exit_code = CLI_EXIT_DATA;
    }
    cli_print_summary("dates", &stats);
    fil_timeline_free(run.timeline);
    fil_close(run.engine);
    return exit_code;
}

/* ---------------------------------------------------------------------------
 * fil eval dates
 * ------------------------------------------------------------------------- */

static const char eval_dates_help[] =
    "usage: fil eval dates --gold GOLD [--misses] ARTICLES...\n"
    "\n"
    "Precision and recall of the resolved dates of fil dates against a gold file: one\n"
    "JSON line per article, {\"id\": ..., \"dates\": [{\"text\": ..., \"date\": ...}]}, where\n"
    "date is YYYY-MM-DD (a day, or the Monday of a week), YYYY-MM (a month), YYYY (a\n"
    "year), or null (an expression the text gives no way to resolve; not scored).\n"
    "Scored: the set of (article id, resolved date) pairs, for the articles of GOLD only;\n"
    "an expression repeated with the same date counts once. Spans are not compared.\n"
    "\n"
    "options:\n"
    "  --gold FILE   the gold dates\n"
    "  --misses      list the gold dates missed and the dates found that gold lacks\n"
    "\n"
    "example:\n"
    "  fil eval dates --gold examples/gold/dates.jsonl examples/articles.jsonl\n";

/* The set of date keys of one article, each with what gave it (the gold
 * text, or the span found). */
typedef struct date_key_item {
    char key[11];
    char *text; /* owned */
} date_key_item;

typedef struct key_set {
    date_key_item *items;
    size_t count, capacity;
} key_set;

typedef struct gold_article {
    char *id;
    key_set gold, found;
    int seen; /* the article was among ARTICLES */
} gold_article;

typedef struct eval_run {
    fil_engine *engine;
    gold_article *items;
    size_t count, capacity;
    size_t unresolved_gold;
} eval_run;

static int key_set_has(const key_set *s, const char *key)
{
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->items[i].key, key) == 0) {
            return 1;
        }
    }
    return 0;
}

static int key_set_add(key_set *s, const char *key, const char *text, size_t text_len)
{
    if (key_set_has(s, key)) {
        return FIL_OK;
    }
    if (cli_reserve((void **)&s->items, &s->capacity, s->count, sizeof *s->items)) {
        return FIL_ENOMEM;
    }
    date_key_item *it = &s->items[s->count++];
    snprintf(it->key, sizeof it->key, "%s", key);
    it->text = strndup(text, text_len);
    return FIL_OK;
}

static void key_set_free(key_set *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].text);
    }
    free(s->items);
}

/* A found date as the gold writes it: the day, YYYY-MM or YYYY. */
static void date_key(const fil_date *d, char key[11])
{
    size_t n = strcmp(d->granularity, "month") == 0  ? 7
               : strcmp(d->granularity, "year") == 0 ? 4
                                                     : 10;
    snprintf(key, 11, "%.*s", (int)n, d->date);
}

static int read_gold_line(void *ctx, const cJSON *obj, const char *path, unsigned no)
{
    eval_run *run = ctx;
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, "id"));
    const cJSON *dates = cJSON_GetObjectItemCaseSensitive(obj, "dates");
    if (!id || !cJSON_IsArray(dates)) {
        cli_error("eval", "%s:%u: no \"id\" or no \"dates\" array, skipped", path, no);
        return FIL_OK;
    }
    if (cli_reserve((void **)&run->items, &run->capacity, run->count, sizeof *run->items)) {
        return FIL_ENOMEM;
    }
    gold_article *g = &run->items[run->count++];
    memset(g, 0, sizeof *g);
    g->id = strdup(id);
    const cJSON *d;
    cJSON_ArrayForEach(d, dates)
    {
        const char *date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "date"));
        const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d, "text"));
        if (!date) {
            run->unresolved_gold++;
            continue;
        }
        if (key_set_add(&g->gold, date, text ? text : "", text ? strlen(text) : 0)) {
            return FIL_ENOMEM;
        }
    }
    return FIL_OK;
}

static int read_gold(eval_run *run, const char *path)
{
    return cli_for_each_json_line("eval", path, read_gold_line, run);
}

static int eval_one(void *ctx, const fil_article *a, fil_error *err)
{
    eval_run *run = ctx;
    gold_article *g = NULL;
    for (size_t i = 0; a->id && i < run->count && !g; i++) {
        g = strcmp(run->items[i].id, a->id) == 0 ? &run->items[i] : NULL;
    }
    if (!g || g->seen) {
        return FIL_OK;
    }
    g->seen = 1;
    fil_date_list l;
    int rc = fil_dates(run->engine, a, &l, err);
    for (size_t i = 0; !rc && i < l.count; i++) {
        char key[11];
        date_key(&l.dates[i], key);
        if (key[0]) {
            rc = key_set_add(&g->found, key, l.text + l.dates[i].offset, l.dates[i].len);
        }
    }
    fil_free(l.dates);
    return rc;
}

/* Keys of a missing from b, as "miss" or "extra" lines. */
static size_t list_difference(const char *id, const key_set *a, const key_set *b, const char *what,
                              int print)
{
    size_t n = 0;
    for (size_t i = 0; i < a->count; i++) {
        if (!key_set_has(b, a->items[i].key)) {
            n++;
            if (print) {
                printf("%s\t%s\t%s\t%s\n", what, id, a->items[i].key,
                       a->items[i].text ? a->items[i].text : "");
            }
        }
    }
    return n;
}

static void report_dates(const eval_run *run, int misses)
{
    size_t gold = 0, found = 0, missed = 0, articles = 0;
    for (size_t i = 0; i < run->count; i++) {
        const gold_article *g = &run->items[i];
        if (!g->seen) {
            cli_error("eval", "gold article %s is not among the articles, not scored", g->id);
            continue;
        }
        articles++;
        gold += g->gold.count;
        found += g->found.count;
        missed += list_difference(g->id, &g->gold, &g->found, "miss", misses);
        list_difference(g->id, &g->found, &g->gold, "extra", misses);
    }
    size_t tp = gold - missed;
    double p = found ? (double)tp / (double)found : 0, r = gold ? (double)tp / (double)gold : 0;
    printf("dates P=%.4f R=%.4f F1=%.4f articles=%zu gold=%zu found=%zu correct=%zu "
           "unresolved_gold=%zu\n",
           p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, articles, gold, found, tp,
           run->unresolved_gold);
}

int cli_eval_dates(int argc, char **argv)
{
    const char *gold = NULL;
    int misses = 0;
    enum { OPT_GOLD = 1000, OPT_MISSES };
    struct option longs[] = {{"gold", required_argument, NULL, OPT_GOLD},
                             {"misses", no_argument, NULL, OPT_MISSES},
                             {"help", no_argument, NULL, 'h'},
                             {NULL, 0, NULL, 0}};
    optind = 1;
    for (int c = getopt_long(argc, argv, "h", longs, NULL); c != -1;
         c = getopt_long(argc, argv, "h", longs, NULL)) {
        if (c == OPT_GOLD) {
            gold = optarg;
        } else if (c == OPT_MISSES) {
            misses = 1;
        } else {
            fputs(eval_dates_help, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        }
    }
    if (!gold || optind >= argc) {
        fputs(eval_dates_help, stderr);
        return CLI_EXIT_USAGE;
    }
    fil_error err = {0, ""};
    eval_run run = {fil_open(NULL, &err), NULL, 0, 0, 0};
    int rc = run.engine ? read_gold(&run, gold) : FIL_ENOMEM;
    cli_stats stats = {0};
    cli_input in = {"eval", argv + optind, argc - optind, 0};
    rc = rc ? rc : cli_for_each_article(&in, eval_one, &run, &stats);
    if (!rc) {
        report_dates(&run, misses);
    }
    for (size_t i = 0; i < run.count; i++) {
        free(run.items[i].id);
        key_set_free(&run.items[i].gold);
        key_set_free(&run.items[i].found);
    }
    free(run.items);
    fil_close(run.engine);
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
