/*
 * src/cli/cmd_entities.c -- fil entities: the people, places and
 * organisations of each article as JSON lines; and fil eval entities:
 * precision and recall of (article id, canonical entity) against a gold
 * file.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char entities_help[] =
    "usage: fil entities [--progress] [FILE|DIR|-]...   (stdin when none)\n"
    "\n"
    "Prints one JSON line per article: its id, language and entities in order of first\n"
    "mention, each {canonical, display, type, count, first, surfaces}. canonical is the\n"
    "same in every language and spelling (\"Erdoğan\", \"Erdogan\" -> \"erdogan\"; \"Moscou\",\n"
    "\"Moskau\" -> \"moscow\"); type is person, place, org or other; count includes\n"
    "demonyms (\"turc\" mentions Turkey); first is the byte offset of the first mention in\n"
    "the cleaned title, a line break, then the cleaned text. The rules and gazetteers\n"
    "are described in src/features/entities.h.\n"
    "\n"
    "options:\n" CLI_PROGRESS_HELP "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil entities ../shared/data/seeds/\n"
    "  echo 'Le président turc Recep Tayyip Erdogan a reçu M. Lavrov à Ankara.' | fil entities\n";

static const char eval_entities_help[] =
    "usage: fil eval entities --gold GOLD.jsonl [--list] ARTICLES...\n"
    "\n"
    "Runs fil entities over ARTICLES and scores the pairs (article id, canonical entity)\n"
    "of the articles GOLD names against it. GOLD has one line per article:\n"
    "  {\"id\": \"ex-001\", \"entities\": [{\"canonical\": \"rotterdam\", \"type\": \"place\"}, "
    "...]}\n"
    "--list also prints each miss and each spurious entity.\n"
    "\n"
    "example:\n"
    "  fil eval entities --gold examples/gold/entities.jsonl examples/articles.jsonl\n";

typedef struct entities_run {
    fil_engine *engine;
    cJSON *gold; /* id -> array of canonical strings; NULL when printing */
    int list;    /* --list */
    size_t found, gold_total, correct, articles;
} entities_run;

static void print_entity(const fil_entity *e)
{
    fputs("{\"canonical\":", stdout);
    cli_print_json_string(stdout, e->canonical);
    fputs(",\"display\":", stdout);
    cli_print_json_string(stdout, e->display);
    printf(",\"type\":\"%s\",\"count\":%u,\"first\":%u,\"surfaces\":[", e->type, e->count,
           e->first_offset);
    for (size_t k = 0; k < e->surface_count; k++) {
        fputs(k ? "," : "", stdout);
        cli_print_json_string(stdout, e->surfaces[k]);
    }
    fputs("]}", stdout);
}

static int print_article(void *ctx, const fil_article *a, fil_error *err)
{
    entities_run *run = ctx;
    const fil_entity *e;
    size_t n;
    char lang[8];
    int rc = fil_entities(run->engine, a, &e, &n, lang, err);
    if (rc) {
        return rc;
    }
    fputs("{\"id\":", stdout);
    cli_print_json_string(stdout, a->id ? a->id : "");
    printf(",\"lang\":\"%s\",\"entities\":[", lang);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? "," : "", stdout);
        print_entity(&e[i]);
    }
    fputs("]}\n", stdout);
    return FIL_OK;
}

static int has_name(const cJSON *names, const char *name)
{
    const cJSON *g;
    cJSON_ArrayForEach(g, names)
    {
        if (cJSON_IsString(g) && strcmp(g->valuestring, name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Index of the gold entity (an array of its names) that name is one of,
 * or -1. */
static int gold_index(const cJSON *gold, const char *name)
{
    int i = 0;
    const cJSON *names;
    cJSON_ArrayForEach(names, gold)
    {
        if (has_name(names, name)) {
            return i;
        }
        i++;
    }
    return -1;
}

/* Scores one article: a found entity is right when it names a gold entity
 * not named by an earlier one (two entities found for one gold entity:
 * the second is spurious). */
static void score_found(entities_run *run, const char *id, const cJSON *gold, const fil_entity *e,
                        size_t n, unsigned char *hit)
{
    for (size_t i = 0; i < n; i++) {
        int g = gold_index(gold, e[i].canonical);
        int ok = g >= 0 && !hit[g];
        if (ok) {
            hit[g] = 1;
        }
        run->found++;
        run->correct += (size_t)ok;
        if (!ok && run->list) {
            printf("spurious %s %s (%s)\n", id, e[i].canonical, e[i].type);
        }
    }
}

static int score_article(void *ctx, const fil_article *a, fil_error *err)
{
    entities_run *run = ctx;
    const cJSON *gold = a->id ? cJSON_GetObjectItemCaseSensitive(run->gold, a->id) : NULL;
    if (!gold) {
        return FIL_OK;
    }
    const fil_entity *e;
    size_t n;
    int rc = fil_entities(run->engine, a, &e, &n, NULL, err);
    int total = cJSON_GetArraySize(gold);
    unsigned char *hit = calloc((size_t)total + 1, 1);
    if (rc || !hit) {
        free(hit);
        return rc ? rc : FIL_ENOMEM;
    }
    run->articles++;
    run->gold_total += (size_t)total;
    score_found(run, a->id, gold, e, n, hit);
    for (int g = 0; g < total && run->list; g++) {
        if (!hit[g]) {
            printf("missed %s %s\n", a->id,
                   cJSON_GetArrayItem(cJSON_GetArrayItem(gold, g), 0)->valuestring);
        }
    }
    free(hit);
    return FIL_OK;
}

/* The names of one gold entity: canonical, then its aliases. */
static cJSON *gold_names(const cJSON *e)
{
    const char *c = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "canonical"));
    if (!c) {
        return NULL;
    }
    cJSON *names = cJSON_CreateArray();
    cJSON_AddItemToArray(names, cJSON_CreateString(c));
    const cJSON *alias;
    cJSON_ArrayForEach(alias, cJSON_GetObjectItemCaseSensitive(e, "aliases"))
    {
        if (cJSON_IsString(alias)) {
            cJSON_AddItemToArray(names, cJSON_CreateString(alias->valuestring));
        }
    }
    return names;
}

/* Adds one gold line {"id", "entities": [{"canonical", "aliases"}...]}. */
static int gold_line(cJSON *gold, const char *line, const char *path, size_t number)
{
    cJSON *rec = cJSON_Parse(line);
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "id"));
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(rec, "entities");
    if (!id || !cJSON_IsArray(list)) {
        cli_error("eval", "%s:%zu: not {\"id\", \"entities\": [...]}", path, number);
        cJSON_Delete(rec);
        return 1;
    }
    cJSON *entities = cJSON_CreateArray();
    const cJSON *e;
    int bad = 0;
    cJSON_ArrayForEach(e, list)
    {
        cJSON *names = gold_names(e);
        if (names) {
            cJSON_AddItemToArray(entities, names);
        } else {
            cli_error("eval", "%s:%zu: an entity without canonical", path, number);
            bad = 1;
        }
    }
    cJSON_AddItemToObject(gold, id, entities);
    cJSON_Delete(rec);
    return bad;
}

static cJSON *read_gold(const char *path, int *bad)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cli_error("eval", "%s: cannot open", path);
        return NULL;
    }
    cJSON *gold = cJSON_CreateObject();
    char *line = NULL;
    size_t cap = 0, number = 0;
    while (getline(&line, &cap, f) > 0) {
        number++;
        if (line[strspn(line, " \t\r\n")]) {
            *bad |= gold_line(gold, line, path, number);
        }
    }
    free(line);
    fclose(f);
    return gold;
}

static int open_engine(const char *cmd, entities_run *run)
{
    fil_error err = {0, ""};
    run->engine = fil_open(NULL, &err);
    if (!run->engine) {
        cli_error(cmd, "%s", err.message);
    }
    return run->engine ? FIL_OK : FIL_ENOMEM;
}

int cli_eval_entities(int argc, char **argv)
{
    const char *gold_path = NULL;
    entities_run run = {0};
    const struct option longs[] = {{"gold", required_argument, NULL, 'g'},
                                   {"list", no_argument, NULL, 'l'},
                                   {"help", no_argument, NULL, 'h'},
                                   {NULL, 0, NULL, 0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "g:lh", longs, NULL)) != -1;) {
        if (c == 'g') {
            gold_path = optarg;
        } else if (c == 'l') {
            run.list = 1;
        } else {
            fputs(eval_entities_help, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        }
    }
    if (!gold_path || optind >= argc) {
        fputs(eval_entities_help, stderr);
        return CLI_EXIT_USAGE;
    }
    int bad = 0;
    run.gold = read_gold(gold_path, &bad);
    if (!run.gold || open_engine("eval", &run)) {
        cJSON_Delete(run.gold);
        return CLI_EXIT_DATA;
    }
    cli_stats stats = {0};
    cli_input in = {"eval", argv + optind, argc - optind, 0};
    int rc = cli_for_each_article(&in, score_article, &run, &stats);
    double p = run.found ? (double)run.correct / (double)run.found : 0;
    double r = run.gold_total ? (double)run.correct / (double)run.gold_total : 0;
    printf("entities: %zu articles, %zu gold, %zu found, %zu right: precision %.3f recall %.3f "
           "F1 %.3f\n",
           run.articles, run.gold_total, run.found, run.correct, p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0);
    fil_close(run.engine);
    cJSON_Delete(run.gold);
    return rc || bad || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}

int cmd_entities(int argc, char **argv)
{
    const struct option longs[] = {
        CLI_PROGRESS_LONGS, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int progress = 0;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        if (c == CLI_OPT_PROGRESS || c == CLI_OPT_NO_PROGRESS) {
            progress = c == CLI_OPT_PROGRESS ? 1 : -1;
        } else {
            fputs(entities_help, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        }
    }
    int only_stdin = optind + 1 == argc && strcmp(argv[optind], "-") == 0;
    entities_run run = {0};
    if (open_engine("entities", &run)) {
        return CLI_EXIT_DATA;
    }
    cli_stats stats = {0};
    cli_input in = {"entities", only_stdin ? NULL : argv + optind, only_stdin ? 0 : argc - optind,
                    cli_want_progress(progress)};
    int rc = cli_for_each_article(&in, print_article, &run, &stats);
    cli_print_summary("entities", &stats);
    fil_close(run.engine);
    return rc || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
