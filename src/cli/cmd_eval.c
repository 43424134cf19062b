/*
 * src/cli/cmd_eval.c -- fil eval clusters: B-cubed against gold labels,
 * and the grouping itself when asked (or when there is no gold).
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/pairs.h"

static const char eval_help[] =
    "usage: fil eval clusters [--gold FIELD] [--pred FIELD] [options] FILE [PRED_FILE]\n"
    "\n"
    "B-cubed precision, recall and F1 (Bagga & Baldwin 1998; the same figures as\n"
    "../shared/tools/metrics.py) of a clustering against the gold label in FIELD.\n"
    "  - FILE and PRED_FILE: gold from FILE, predicted label from PRED_FILE (field --pred,\n"
    "    default 'event', e.g. the output of 'fil cluster --assignments'), joined by id;\n"
    "  - FILE alone, whose records carry the --pred field: both from FILE;\n"
    "  - FILE alone, articles without it: fil clusters them first (engine options apply).\n"
    "Without --gold, or with --show, the grouping is printed: each event with its articles.\n"
    "\n"
    "options:\n"
    "  --gold FIELD         gold label field (e.g. story)\n"
    "  --pred FIELD         predicted label field (default: event)\n"
    "  --show               print the grouping\n"
    "  --sort-by-time       when clustering: in order of 'published'\n" CLI_PROGRESS_HELP
        CLI_ENGINE_OPTIONS_HELP "  -h, --help           this help\n"
    "\n"
    "examples:\n"
    "  fil eval clusters --gold story examples/articles.jsonl\n"
    "  fil cluster --assignments data.jsonl > pred.jsonl && fil eval clusters --gold story "
    "data.jsonl pred.jsonl\n"
    "  fil eval clusters ../shared/data/seeds/\n";

/* One evaluated item: owned copies. */
typedef struct item {
    char *id, *gold, *pred, *title;
} item;

typedef struct item_list {
    item *items;
    size_t count, capacity;
} item_list;

static int push_item(item_list *l, const char *id, const char *gold, const char *pred,
                     const char *title)
{
    if (cli_reserve((void **)&l->items, &l->capacity, l->count, sizeof *l->items)) {
        return FIL_ENOMEM;
    }
    item *it = &l->items[l->count++];
    it->id = strdup(id ? id : "");
    it->gold = gold ? strdup(gold) : NULL;
    it->pred = pred ? strdup(pred) : NULL;
    it->title = title ? strdup(title) : NULL;
    return FIL_OK;
}

static void free_items(item_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].id);
        free(l->items[i].gold);
        free(l->items[i].pred);
        free(l->items[i].title);
    }
    free(l->items);
}

/* A field of a JSON object as text (strings as they are, numbers printed). */
static char *field_text(const cJSON *obj, const char *field, char *buf, size_t size)
{
    const cJSON *v = field ? cJSON_GetObjectItemCaseSensitive(obj, field) : NULL;
    if (cJSON_IsString(v)) {
        return v->valuestring;
    }
    if (cJSON_IsNumber(v)) {
        snprintf(buf, size, "%.17g", v->valuedouble);
        return buf;
    }
    return NULL;
}

typedef struct label_fields {
    const char *gold, *pred;
    item_list *out;
} label_fields;

static int read_label_line(void *ctx, const cJSON *obj, const char *path, unsigned line)
{
    (void)path, (void)line;
    const label_fields *lf = ctx;
    char b1[32], b2[32], b3[32];
    const char *title = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, "title"));
    return push_item(lf->out, field_text(obj, "id", b1, sizeof b1),
                     field_text(obj, lf->gold, b2, sizeof b2),
                     field_text(obj, lf->pred, b3, sizeof b3), title);
}

/* Reads id, gold and pred fields of every line of a JSONL file. */
static int read_labels(const char *path, const char *gold, const char *pred, item_list *out)
{
    label_fields lf = {gold, pred, out};
    return cli_for_each_json_line("eval", path, read_label_line, &lf);
}

/* ------------------------------------------------------------------------
 * Clustering the articles first
 * ---------------------------------------------------------------------- */

typedef struct eval_run {
    fil_engine *engine;
    const char *gold;
    item_list *items;
    cli_stats *stats;
} eval_run;

static int on_article(void *ctx, const fil_article *a, fil_error *err)
{
    eval_run *run = ctx;
    fil_assignment as;
    int rc = fil_add(run->engine, a, &as, err);
    if (rc) {
        return rc;
    }
    cli_note_assignment("eval", a, &as, run->stats);
    char pred[32], buf[32];
    snprintf(pred, sizeof pred, "%llu", (unsigned long long)as.event);
    cJSON *extra = a->extra_json ? cJSON_Parse(a->extra_json) : NULL;
    const char *gold = field_text(extra, run->gold, buf, sizeof buf);
    rc = push_item(run->items, as.id, gold, pred, a->title);
    cJSON_Delete(extra);
    return rc;
}

static int cluster_items(const cli_engine_options *eo, char *path, const char *gold,
                         int sort_by_time, int progress, item_list *items)
{
    fil_error err = {0, ""};
    fil_config cfg = eo->config;
    cfg.keep_articles = 0;
    fil_engine *engine = fil_open(&cfg, &err);
    if (!engine) {
        cli_error("eval", "%s", err.message);
        return FIL_ENOMEM;
    }
    cli_stats stats = {0};
    eval_run run = {engine, gold, items, &stats};
    cli_input in = {"eval", &path, 1, progress};
    int rc = sort_by_time ? cli_for_each_article_by_time(&in, on_article, &run, &stats)
                          : cli_for_each_article(&in, on_article, &run, &stats);
    if (stats.rejected || stats.bad_files || stats.times_ignored) {
        cli_print_summary("eval", &stats);
    }
    fil_close(engine);
    return rc;
}

/* ------------------------------------------------------------------------
 * Joining and scoring
 * ---------------------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
    return strcmp(((const item *)a)->id, ((const item *)b)->id);
}

/* Fills each gold item's pred from the item with the same id in preds. */
static void join_by_id(item_list *golds, item_list *preds)
{
    qsort(preds->items, preds->count, sizeof *preds->items, by_id);
    for (size_t i = 0; i < golds->count; i++) {
        item key = {golds->items[i].id, NULL, NULL, NULL};
        item *hit = bsearch(&key, preds->items, preds->count, sizeof *preds->items, by_id);
        free(golds->items[i].pred);
        golds->items[i].pred = hit && hit->pred ? strdup(hit->pred) : NULL;
    }
}

static int compare_strings(const void *a, const void *b);

static size_t distinct(const char **labels, size_t n)
{
    const char **copy = malloc((n + 1) * sizeof *copy);
    if (!copy) {
        return 0;
    }
    memcpy(copy, labels, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, compare_strings);
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        d += i == 0 || strcmp(copy[i], copy[i - 1]) != 0;
    }
    free(copy);
    return d;
}

static int report_bcubed(const item_list *l)
{
    const char **pred = malloc((l->count + 1) * sizeof *pred);
    const char **gold = malloc((l->count + 1) * sizeof *gold);
    size_t n = 0, missing = 0;
    for (size_t i = 0; pred && gold && i < l->count; i++) {
        if (l->items[i].gold && l->items[i].pred) {
            pred[n] = l->items[i].pred;
            gold[n++] = l->items[i].gold;
        } else {
            missing++;
        }
    }
    double p, r, f1;
    int rc = pred && gold ? fil_bcubed(pred, gold, n, &p, &r, &f1) : FIL_ENOMEM;
    if (rc == FIL_OK) {
        printf("B-cubed P=%.4f R=%.4f F1=%.4f items=%zu clusters=%zu gold=%zu\n", p, r, f1, n,
               distinct(pred, n), distinct(gold, n));
    } else {
        cli_error("eval", "no item has both a gold and a predicted label");
    }
    if (missing) {
        cli_error("eval", "%zu items without a gold or predicted label were left out", missing);
    }
    free(pred);
    free(gold);
    return rc;
}

static int by_pred_then_order(const void *a, const void *b)
{
    const item *x = *(item *const *)a, *y = *(item *const *)b;
    int c = strcmp(x->pred ? x->pred : "", y->pred ? y->pred : "");
    return c ? c : (x > y) - (x < y);
}

static const char *pred_of(const item *it)
{
    return it->pred ? it->pred : "";
}

typedef struct group {
    size_t start, end; /* [start, end) in the pred-sorted order */
    const item *first; /* its member that comes first in the input */
} group;

static int by_first_member(const void *a, const void *b)
{
    const item *x = ((const group *)a)->first, *y = ((const group *)b)->first;
    return (x > y) - (x < y);
}

/* Prints each predicted group, in order of first appearance of its label. */
static void show_grouping(const item_list *l)
{
    const item **order = malloc((l->count + 1) * sizeof *order);
    group *groups = malloc((l->count + 1) * sizeof *groups);
    size_t n_groups = 0;
    for (size_t i = 0; order && groups && i < l->count; i++) {
        order[i] = &l->items[i];
    }
    if (!order || !groups) {
        free(order);
        free(groups);
        return;
    }
    qsort(order, l->count, sizeof *order, by_pred_then_order);
    for (size_t i = 0; i < l->count; i++) {
        if (i == 0 || strcmp(pred_of(order[i]), pred_of(order[i - 1])) != 0) {
            groups[n_groups++] = (group){i, i, order[i]};
        }
        groups[n_groups - 1].end = i + 1;
    }
    qsort(groups, n_groups, sizeof *groups, by_first_member);
    for (size_t g = 0; g < n_groups; g++) {
        printf("event %s (%zu):\n", pred_of(order[groups[g].start]),
               groups[g].end - groups[g].start);
        for (size_t k = groups[g].start; k < groups[g].end; k++) {
            printf("  %-24s %s%s%.70s\n", order[k]->id, order[k]->gold ? order[k]->gold : "",
                   order[k]->gold ? "  " : "", order[k]->title ? order[k]->title : "");
        }
    }
    free(order);
    free(groups);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when the first record of path is a JSON object holding field. */
static int file_is_labelled(const char *path, const char *field)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t size = 0;
    int labelled = 0;
    while (f && getline(&line, &size, f) >= 0) {
        if (strspn(line, " \t\r\n") == strlen(line)) {
            continue;
        }
        cJSON *obj = cJSON_Parse(line);
        labelled = cJSON_GetObjectItemCaseSensitive(obj, field) != NULL;
        cJSON_Delete(obj);
        break;
    }
    free(line);
    if (f) {
        fclose(f);
    }
    return labelled;
}

int cmd_eval(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } kinds[] = {{"pairs", cli_eval_pairs},
                 {"dates", cli_eval_dates},
                 {"entities", cli_eval_entities},
                 {"dedup", cli_eval_dedup}};
    for (size_t i = 0; argc > 1 && i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(argv[1], kinds[i].name) == 0) {
            argv[1] = argv[0]; /* "fil eval", for getopt's messages */
            return kinds[i].run(argc - 1, argv + 1);
        }
    }
    cli_engine_options eo;
    cli_engine_options_init(&eo);
    const char *gold = NULL, *pred = "event";
    int show = 0, sort_by_time = 0, progress = 0;
    enum { OPT_GOLD = 1000, OPT_PRED, OPT_SHOW, OPT_SORT };
    struct option longs[CLI_ENGINE_OPTION_COUNT + 8] = {
        {"gold", required_argument, NULL, OPT_GOLD},
        {"pred", required_argument, NULL, OPT_PRED},
        {"show", no_argument, NULL, OPT_SHOW},
        {"sort-by-time", no_argument, NULL, OPT_SORT},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
    };
    cli_engine_options_append(longs, 7);
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "h", longs, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_GOLD: gold = optarg; break;
        case OPT_PRED: pred = optarg; break;
        case OPT_SHOW: show = 1; break;
        case OPT_SORT: sort_by_time = 1; break;
        case CLI_OPT_PROGRESS: progress = 1; break;
        case CLI_OPT_NO_PROGRESS: progress = -1; break;
        case 'h': fputs(eval_help, stdout); return CLI_EXIT_OK;
        default:
            if (cli_engine_options_parse(&eo, c, optarg, "eval")) {
                fputs(eval_help, stderr);
                return CLI_EXIT_USAGE;
            }
        }
    }
    int files = argc - optind - 1;
    if (files < 1 || files > 2 || strcmp(argv[optind], "clusters") != 0) {
        fputs(eval_help, stderr);
        return CLI_EXIT_USAGE;
    }
    char *path = argv[optind + 1];
    item_list items = {0}, preds = {0};
    int rc;
    if (files == 2) {
        rc = read_labels(path, gold, NULL, &items);
        rc = rc ? rc : read_labels(argv[optind + 2], NULL, pred, &preds);
        if (!rc) {
            join_by_id(&items, &preds);
        }
    } else {
        rc = file_is_labelled(path, pred) ? read_labels(path, gold, pred, &items)
                                          : cluster_items(&eo, path, gold, sort_by_time,
                                                          cli_want_progress(progress), &items);
    }
    if (!rc && (show || !gold)) {
        show_grouping(&items);
    }
    if (!rc && gold) {
        rc = report_bcubed(&items);
    }
    free_items(&items);
    free_items(&preds);
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
