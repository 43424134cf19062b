/*
 * src/cli/cmd_cluster.c -- fil cluster: articles in, events (or one
 * assignment per article) out.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char cluster_help[] =
    "usage: fil cluster [options] [files or directories...]   (stdin when none)\n"
    "\n"
    "Groups articles into events in one pass, in input order, and prints the events as a\n"
    "JSON array: id, size, storyline, label {title, terms}, languages, sources, first, last,\n"
    "growth {last_hour, last_day, score}, original_source, duplicates, articles (ids in\n"
    "time order).\n"
    "\n"
    "options:\n"
    "  --assignments        print one JSON line per article instead:\n"
    "                       {id, event, score, lang, ...extra input fields}; keeps no per-article\n"
    "                       state, so memory stays bounded on endless streams\n"
    "  --sort-by-time       read everything first and cluster in order of 'published'\n"
    "                       (stable; untimed articles come last, in input "
    "order)\n"
    "  --stories            print {\"events\": [...], \"storylines\": [...]}: events also carry\n"
    "                       a summary (3-5 of their own sentences), entities, quotes with\n"
    "                       speakers and the articles and sources that carried them, and a\n"
    "                       timeline of dated sentences; storylines carry id, size, label,\n"
    "                       languages, sources, first, last, entities, quotes, timeline and\n"
    "                       their events\n"
    "  --top N              print only the N fastest-growing events, fastest first\n"
    "                       (growth.score: the last day's articles against the event's\n"
    "                       own past and the stream's rate; see "
    "src/story/growth.h)\n" CLI_ENGINE_OPTIONS_HELP CLI_PROGRESS_HELP
    "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil cluster examples/articles.jsonl > events.json\n"
    "  fil cluster --assignments --window-days 7 < stream.jsonl > assignments.jsonl\n"
    "  fil cluster --top 5 examples/articles.jsonl\n"
    "  fil cluster --stories examples/articles.jsonl > stories.json\n"
    "  fil cluster ../shared/data/seeds/\n";

typedef struct cluster_run {
    fil_engine *engine;
    int assignments;
    cli_stats *stats;
} cluster_run;

static void print_assignment(const fil_assignment *as, const fil_article *a)
{
    fputs("{\"id\":", stdout);
    cli_print_json_string(stdout, as->id);
    printf(",\"event\":%llu,\"score\":%.4f,\"lang\":\"%s\"", (unsigned long long)as->event,
           as->score, as->lang);
    if (as->duplicate_kind) {
        printf(",\"duplicate_kind\":\"%s\",\"containment\":%.3f", as->duplicate_kind,
               as->containment);
        if (as->duplicate_of_id) {
            fputs(",\"duplicate_of\":", stdout);
            cli_print_json_string(stdout, as->duplicate_of_id);
        } else { /* ids are not kept in this mode: the first publisher's place in the input */
            printf(",\"duplicate_of_index\":%lld", (long long)as->duplicate_of);
        }
    }
    /* extra fields pass through: the object's members after its '{' */
    if (a->extra_json && strlen(a->extra_json) > 2) {
        printf(",%s", a->extra_json + 1);
    } else {
        fputc('}', stdout);
    }
    fputc('\n', stdout);
}

/* ------------------------------------------------------------------------
 * --top N: the events ranked by growth
 * ---------------------------------------------------------------------- */

static double growth_score(const cJSON *event)
{
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(event, "growth");
    return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(g, "score"));
}

/* Fastest growth first; ties by the newer last article, then by id. */
static int compare_growth(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    double gx = growth_score(x), gy = growth_score(y);
    if (gx != gy) {
        return gx < gy ? 1 : -1;
    }
    const char *lx = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "last"));
    const char *ly = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(y, "last"));
    int c = lx && ly ? strcmp(ly, lx) : (lx != NULL) - (ly != NULL);
    if (c) {
        return c < 0 ? -1 : 1;
    }
    double ix = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "id"));
    double iy = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(y, "id"));
    return (ix > iy) - (ix < iy);
}

/* Prints the top n events of json (an events array, or the stories
 * object's "events") as an array, one event per line. CLI_EXIT_DATA when
 * memory runs out. */
static int print_top(const char *json, size_t len, unsigned long n)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    cJSON *all = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "events") : root;
    int count = cJSON_GetArraySize(all);
    cJSON **events = malloc((size_t)(count + 1) * sizeof *events);
    if (!all || !events) {
        cJSON_Delete(root);
        free(events);
        cli_error("cluster", "out of memory ranking the events");
        return CLI_EXIT_DATA;
    }
    int i = 0;
    for (cJSON *ev = all->child; ev; ev = ev->next) {
        events[i++] = ev;
    }
    qsort(events, (size_t)count, sizeof *events, compare_growth);
    fputc('[', stdout);
    for (i = 0; i < count && (unsigned long)i < n; i++) {
        char *text = cJSON_PrintUnformatted(events[i]);
        printf("%s\n%s", i ? "," : "", text ? text : "null");
        cJSON_free(text);
    }
    fputs("\n]\n", stdout);
    free(events);
    cJSON_Delete(root);
    return CLI_EXIT_OK;
}

static int on_article(void *ctx, const fil_article *a, fil_error *err)
{
    cluster_run *run = ctx;
    fil_assignment as;
    int rc = fil_add(run->engine, a, &as, err);
    if (rc == FIL_OK) {
        cli_note_assignment("cluster", a, &as, run->stats);
    }
    if (rc == FIL_OK && run->assignments) {
        print_assignment(&as, a);
    }
    return rc;
}

/* fil_*_write's sink: standard output. */
static int write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) != len;
}

/* The events (stories: and storylines) to standard output as they are
 * made. CLI_EXIT_DATA, said, when they cannot be. */
static int describe(fil_engine *engine, int stories)
{
    fil_error err = {0, ""};
    int rc = stories ? fil_stories_write(engine, write_stdout, NULL, &err)
                     : fil_events_write(engine, write_stdout, NULL, &err);
    if (rc == FIL_EIO) {
        cli_error("cluster", "cannot write output: %s", strerror(errno));
    } else if (rc) {
        cli_error("cluster", "%s", err.message);
    }
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}

/* --top: the description is read whole, then the fastest-growing events
 * printed. CLI_EXIT_DATA, said, when they cannot be. */
static int describe_top(fil_engine *engine, int stories, unsigned long top)
{
    fil_error err = {0, ""};
    char *json;
    size_t len;
    int rc = stories ? fil_stories_json(engine, &json, &len, &err)
                     : fil_events_json(engine, &json, &len, &err);
    if (rc) {
        cli_error("cluster", "%s", err.message);
        return CLI_EXIT_DATA;
    }
    rc = print_top(json, len, top);
    fil_free(json);
    return rc;
}

int cmd_cluster(int argc, char **argv)
{
    cli_engine_options eo;
    cli_engine_options_init(&eo);
    int assignments = 0, sort_by_time = 0, progress = 0, stories = 0;
    unsigned long top = 0;
    enum { OPT_ASSIGN = 1000, OPT_SORT, OPT_TOP, OPT_STORIES };
    struct option longs[CLI_ENGINE_OPTION_COUNT + 8] = {
        {"stories", no_argument, NULL, OPT_STORIES},
        {"assignments", no_argument, NULL, OPT_ASSIGN},
        {"sort-by-time", no_argument, NULL, OPT_SORT},
        {"top", required_argument, NULL, OPT_TOP},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
    };
    cli_engine_options_append(longs, 7);
    int c;
    optind = 1;
    for (;;) {
        c = getopt_long(argc, argv, "h", longs, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_ASSIGN: assignments = 1; break;
        case OPT_SORT: sort_by_time = 1; break;
        case OPT_STORIES: stories = 1; break;
        case OPT_TOP:
            if (cli_parse_count(optarg, 1, 1000000000, &top)) {
                cli_error("cluster", "--top takes a count from 1 to 1000000000");
                return CLI_EXIT_USAGE;
            }
            break;
        case CLI_OPT_PROGRESS: progress = 1; break;
        case CLI_OPT_NO_PROGRESS: progress = -1; break;
        case 'h': fputs(cluster_help, stdout); return CLI_EXIT_OK;
        default:
            if (cli_engine_options_parse(&eo, c, optarg, "cluster")) {
                fputs(cluster_help, stderr);
                return CLI_EXIT_USAGE;
            }
        }
    }
    if (assignments && (top || stories)) {
        cli_error("cluster", "--%s describes events; it cannot go with --assignments",
                  top ? "top" : "stories");
        return CLI_EXIT_USAGE;
    }
    eo.config.stories |= stories;
    if (assignments) {
        eo.config.keep_articles = 0;
    }
    fil_error err = {0, ""};
    fil_engine *engine = fil_open(&eo.config, &err);
    if (!engine) {
        cli_error("cluster", "%s", err.message);
        return CLI_EXIT_DATA;
    }
    cli_stats stats = {0};
    cluster_run run = {engine, assignments, &stats};
    cli_input in = {"cluster", argv + optind, argc - optind, cli_want_progress(progress)};
    int rc = sort_by_time ? cli_for_each_article_by_time(&in, on_article, &run, &stats)
                          : cli_for_each_article(&in, on_article, &run, &stats);
    if (!rc && !assignments) {
        rc = top ? describe_top(engine, stories, top) : describe(engine, stories);
    }
    cli_print_summary("cluster", &stats);
    fil_close(engine);
    if (fflush(stdout) != 0) {
        cli_error("cluster", "cannot write output");
        return CLI_EXIT_DATA;
    }
    return rc || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
