/*
 * src/cli/cmd_train.c -- fil train clusters: calibrate the event scorer's
 * weights and threshold on data with gold labels.
 *
 * Method: coordinate search. Starting from the current settings, each
 * parameter in turn is set to the value of its grid that maximises the
 * objective with the others fixed; CALIBRATION_ROUNDS passes are made.
 * The objective is the mean B-cubed F1 over the given data sets, each
 * clustered as its own stream. Cross-validation splits each set's gold
 * stories (not articles) into K folds by a hash of the label: the search
 * runs on K-1 folds and the chosen settings are scored on the held-out
 * fold, so no story is seen in both. The final settings come from a
 * search on everything.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/pairs.h"

#define CALIBRATION_ROUNDS 2
#define MAX_SETS           8

static const char train_help[] =
    "usage: fil train clusters --gold FIELD [options] FILE...\n"
    "\n"
    "Calibrates threshold, threshold_full, untimed_factor, weight_title, weight_entities,\n"
    "weight_time, time_sigma_days, weight_size, weight_phrases and centroid_terms\n"
    "(weight_text is the fixed unit) "
    "by coordinate search, maximising the mean B-cubed F1\n"
    "over the FILEs, each clustered as its own stream. With --folds K it first reports\n"
    "K-fold cross-validated F1 with folds over gold stories. Prints the settings, and\n"
    "writes them as a config file with -o.\n"
    "\n"
    "options:\n"
    "  --gold FIELD         gold label field (required)\n"
    "  --folds K            cross-validate over K folds of stories first (default 0: no)\n"
    "  --sort-by-time       cluster each file in order of 'published'\n"
    "  --untimed FILE       also use FILE with its times removed, as one more data set\n"
    "                       (repeatable): calibrates the untimed case from dated data\n"
    "  -o FILE              write the settings to FILE (e.g. "
    "data/cluster.weights)\n" CLI_PROGRESS_HELP CLI_ENGINE_OPTIONS_HELP
    "  -h, --help           this help\n"
    "\n"
    "example (the command behind data/cluster.weights):\n"
    "  fil train clusters --gold story --folds 5 --sort-by-time \\\n"
    "    ../shared/data/clusters/googlenews_fr_2019.dev.jsonl \\\n"
    "    ../shared/data/clusters/uci_news_aggregator_sample.dev.jsonl \\\n"
    "    ../shared/data/clusters/20minxd_val_defr.jsonl \\\n"
    "    examples/articles.jsonl --untimed examples/articles.jsonl -o data/cluster.weights\n";

/* The searched parameters and their grids. */
static const struct {
    const char *name;
    double values[32];
    int count;
} search_grid[] = {
    {"threshold",
     {0.05, 0.075, 0.10, 0.125, 0.15, 0.175, 0.20, 0.225, 0.25, 0.275, 0.30, 0.325,
      0.35, 0.375, 0.40, 0.425, 0.45, 0.475, 0.50, 0.55,  0.60, 0.65,  0.70},
     23},
    {"threshold_full",
     {0.02, 0.05, 0.075, 0.10, 0.125, 0.15, 0.175, 0.20, 0.225, 0.25, 0.275, 0.30, 0.35, 0.40, 0.45,
      0.50},
     16},
    {"untimed_factor", {1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3}, 8},
    {"weight_title", {0, 0.25, 0.5, 1, 2, 4}, 6},
    {"weight_entities", {0, 0.25, 0.5, 1, 2}, 5},
    {"weight_time", {0, 0.25, 0.5, 0.75, 0.9}, 5},
    {"time_sigma_days", {0.5, 1, 2, 3, 5}, 5},
    {"weight_size", {0, 0.05, 0.1, 0.2, 0.3, 0.5}, 6},
    {"weight_phrases", {0, 0.5, 1, 2, 4}, 5},
    {"centroid_terms", {100, 200, 300}, 3},
};
#define GRID_PARAMS (sizeof search_grid / sizeof search_grid[0])

/* Where the search starts, whatever the compiled defaults are, so that the
 * command in data/cluster.weights reproduces that file. --config and --set
 * override it. */
static const struct {
    const char *name;
    const char *value;
} search_start[] = {
    {"threshold", "0.3"},    {"threshold_full", "0.3"}, {"untimed_factor", "1"},
    {"weight_title", "1"},   {"weight_text", "1"},      {"weight_entities", "0.5"},
    {"weight_time", "0.5"},  {"time_sigma_days", "3"},  {"weight_size", "0"},
    {"weight_phrases", "0"}, {"centroid_terms", "100"},
};

/* One data set: its articles and their gold labels and folds. */
typedef struct train_set {
    const char *path;
    int untimed; /* 1: the file's published times were dropped */
    cli_article_set articles;
    char **gold; /* per article; NULL when it has none */
    int *fold;   /* per article */
} train_set;

typedef struct train_job {
    train_set sets[MAX_SETS];
    int set_count;
    int folds;
    cli_progress shown;           /* trials: settings tried, over all the sets */
    uint64_t trials, trial_total; /* done, to do */
} train_job;

/* Objective evaluations of one search: the start, then every grid value of
 * every parameter in each round. */
static uint64_t search_trials(void)
{
    uint64_t n = 0;
    for (size_t p = 0; p < GRID_PARAMS; p++) {
        n += (uint64_t)search_grid[p].count;
    }
    return 1 + CALIBRATION_ROUNDS * n;
}

static uint64_t label_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: stable folds on every platform */
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    }
    return h;
}

/* F1 of one set clustered with cfg, over the articles in (include == 1) or
 * out of (include == 0) fold `fold`; fold -1 takes every article. */
static double set_f1(const fil_config *cfg, const train_set *s, int fold, int include)
{
    fil_config c = *cfg;
    c.keep_articles = 0;
    fil_engine *engine = fil_open(&c, NULL);
    size_t n = s->articles.count, m = 0;
    char **pred = malloc((n + 1) * sizeof *pred);
    const char **gold = malloc((n + 1) * sizeof *gold);
    double p = 0, r = 0, f1 = 0;
    for (size_t i = 0; engine && pred && gold && i < n; i++) {
        int in = fold < 0 || (s->fold[i] == fold) == include;
        fil_assignment as;
        if (!in || !s->gold[i] || fil_add(engine, &s->articles.items[i].a, &as, NULL)) {
            continue;
        }
        pred[m] = malloc(24);
        if (!pred[m]) {
            break;
        }
        snprintf(pred[m], 24, "%llu", (unsigned long long)as.event);
        gold[m++] = s->gold[i];
    }
    if (m) {
        fil_bcubed((const char *const *)pred, gold, m, &p, &r, &f1);
    }
    for (size_t i = 0; i < m; i++) {
        free(pred[i]);
    }
    free(pred);
    free(gold);
    fil_close(engine);
    return f1;
}

static double objective(const fil_config *cfg, train_job *job, int fold, int include)
{
    double sum = 0;
    for (int i = 0; i < job->set_count; i++) {
        sum += set_f1(cfg, &job->sets[i], fold, include);
    }
    cli_progress_show(&job->shown, ++job->trials, job->trial_total);
    return sum / job->set_count;
}

/* Coordinate search from *cfg on the articles outside `held_out` (-1: all). */
static double search(fil_config *cfg, train_job *job, int held_out)
{
    double best = objective(cfg, job, held_out, 0);
    for (int round = 0; round < CALIBRATION_ROUNDS; round++) {
        for (size_t p = 0; p < GRID_PARAMS; p++) {
            for (int v = 0; v < search_grid[p].count; v++) {
                fil_config trial = *cfg;
                char value[32];
                snprintf(value, sizeof value, "%g", search_grid[p].values[v]);
                fil_config_set(&trial, search_grid[p].name, value, NULL);
                double f = objective(&trial, job, held_out, 0);
                if (f > best + 1e-9) {
                    best = f;
                    *cfg = trial;
                }
            }
        }
    }
    return best;
}

static int load_set(train_set *s, const char *path, int untimed, const char *gold_field, int folds,
                    int sort_by_time)
{
    s->path = path;
    s->untimed = untimed;
    cli_input in = {"train", (char **)&s->path, 1, 0};
    cli_stats stats = {0};
    int rc = cli_read_articles(&in, sort_by_time, &s->articles, &stats);
    size_t n = s->articles.count;
    s->gold = calloc(n + 1, sizeof *s->gold);
    s->fold = calloc(n + 1, sizeof *s->fold);
    if (rc || !s->gold || !s->fold) {
        return rc ? rc : FIL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        cJSON *extra = cJSON_Parse(
            s->articles.items[i].a.extra_json ? s->articles.items[i].a.extra_json : "{}");
        const char *g = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(extra, gold_field));
        s->gold[i] = g ? strdup(g) : NULL;
        s->fold[i] = g && folds > 0 ? (int)(label_hash(g) % (uint64_t)folds) : 0;
        cJSON_Delete(extra);
        if (untimed) {
            free((char *)s->articles.items[i].a.published);
            s->articles.items[i].a.published = NULL;
        }
    }
    return FIL_OK;
}

static void free_set(train_set *s)
{
    for (size_t i = 0; s->gold && i < s->articles.count; i++) {
        free(s->gold[i]);
    }
    free(s->gold);
    free(s->fold);
    cli_article_set_free(&s->articles);
}

/* Cross-validation: per fold, search on the rest, score the fold. */
static void cross_validate(const fil_config *start, train_job *job, double *cv_f1)
{
    for (int i = 0; i < job->set_count; i++) {
        cv_f1[i] = 0;
    }
    for (int k = 0; k < job->folds; k++) {
        fil_config cfg = *start;
        search(&cfg, job, k);
        cli_progress_end(&job->shown, job->trials, job->trial_total); /* ends its line */
        for (int i = 0; i < job->set_count; i++) {
            double f = set_f1(&cfg, &job->sets[i], k, 1);
            cv_f1[i] += f / job->folds;
            fprintf(stderr, "fil train: fold %d: %s%s F1=%.4f\n", k + 1,
                    job->sets[i].untimed ? "untimed " : "", job->sets[i].path, f);
        }
    }
}

static void write_settings(FILE *out, const fil_config *cfg, const train_job *job,
                           const double *cv_f1, const double *full_f1, int argc, char **argv)
{
    fprintf(out, "# fil event-clustering settings, calibrated by:\n#  "); /* argv[0]: "fil train" */
    for (int i = 0; i < argc; i++) {
        fprintf(out, " %s", argv[i]);
    }
    fprintf(out, "\n# B-cubed F1 with these settings on all the data (fitted on it):\n");
    for (int i = 0; i < job->set_count; i++) {
        fprintf(out, "#   %s%s: %.4f\n", job->sets[i].untimed ? "untimed " : "", job->sets[i].path,
                full_f1[i]);
    }
    if (job->folds > 0) {
        fprintf(out, "# %d-fold cross-validated F1, folds over gold stories:\n", job->folds);
        for (int i = 0; i < job->set_count; i++) {
            fprintf(out, "#   %s%s: %.4f\n", job->sets[i].untimed ? "untimed " : "",
                    job->sets[i].path, cv_f1[i]);
        }
    }
    fprintf(out,
            "threshold = %g\nthreshold_full = %g\nweight_title = %g\nweight_text = %g\n"
            "weight_entities = %g\nweight_time = %g\ntime_sigma_days = %g\n"
            "untimed_factor = %g\nweight_size = %g\nweight_phrases = %g\n"
            "centroid_terms = %u\n",
            cfg->threshold, cfg->threshold_full, cfg->weight_title, cfg->weight_text,
            cfg->weight_entities, cfg->weight_time, cfg->time_sigma_days, cfg->untimed_factor,
            cfg->weight_size, cfg->weight_phrases, cfg->centroid_terms);
}

/* Calibrates on the loaded sets, prints the settings and writes them to
 * output (when given). */
static int calibrate(const fil_config *start, train_job *job, const char *output, int argc,
                     char **argv)
{
    double cv_f1[MAX_SETS] = {0}, full_f1[MAX_SETS] = {0};
    fil_config cfg = *start;
    job->trial_total = search_trials() * (uint64_t)(job->folds > 1 ? job->folds + 1 : 1);
    if (job->folds > 1) {
        cross_validate(start, job, cv_f1);
    }
    search(&cfg, job, -1);
    cli_progress_end(&job->shown, job->trials, job->trial_total);
    for (int i = 0; i < job->set_count; i++) {
        full_f1[i] = set_f1(&cfg, &job->sets[i], -1, 1);
    }
    write_settings(stdout, &cfg, job, cv_f1, full_f1, argc, argv);
    if (!output) {
        return FIL_OK;
    }
    FILE *out = fopen(output, "w");
    if (!out) {
        cli_error("train", "%s: cannot write", output);
        return FIL_EIO;
    }
    write_settings(out, &cfg, job, cv_f1, full_f1, argc, argv);
    return fclose(out) == 0 ? FIL_OK : FIL_EIO;
}

typedef struct train_options {
    cli_engine_options eo;
    const char *gold, *output;
    const char *untimed[MAX_SETS];
    int sort_by_time, untimed_count, folds;
    int progress; /* --progress 1, --no-progress -1, neither 0 */
} train_options;

/* Parses the command line; returns -1 to go on, else the exit status. */
static int parse_train_options(int argc, char **argv, train_options *o)
{
    enum { OPT_GOLD = 1000, OPT_FOLDS, OPT_SORT, OPT_UNTIMED };
    struct option longs[CLI_ENGINE_OPTION_COUNT + 8] = {
        {"gold", required_argument, NULL, OPT_GOLD},
        {"folds", required_argument, NULL, OPT_FOLDS},
        {"sort-by-time", no_argument, NULL, OPT_SORT},
        {"untimed", required_argument, NULL, OPT_UNTIMED},
        CLI_PROGRESS_LONGS,
        {"help", no_argument, NULL, 'h'},
    };
    cli_engine_options_append(longs, 7);
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "ho:", longs, NULL);
        if (c == -1) {
            return -1;
        }
        switch (c) {
        case OPT_GOLD: o->gold = optarg; break;
        case OPT_FOLDS: {
            unsigned long folds;
            if (cli_parse_count(optarg, 0, 100, &folds) || folds == 1) {
                cli_error("train", "--folds takes 0 (no cross-validation) or 2 to 100, not '%s'",
                          optarg);
                return CLI_EXIT_USAGE;
            }
            o->folds = (int)folds;
            break;
        }
        case OPT_SORT: o->sort_by_time = 1; break;
        case CLI_OPT_PROGRESS: o->progress = 1; break;
        case CLI_OPT_NO_PROGRESS: o->progress = -1; break;
        case OPT_UNTIMED:
            if (o->untimed_count == MAX_SETS) {
                cli_error("train", "at most %d --untimed files", MAX_SETS);
                return CLI_EXIT_USAGE;
            }
            o->untimed[o->untimed_count++] = optarg;
            break;
        case 'o': o->output = optarg; break;
        case 'h': fputs(train_help, stdout); return CLI_EXIT_OK;
        default:
            if (cli_engine_options_parse(&o->eo, c, optarg, "train")) {
                fputs(train_help, stderr);
                return CLI_EXIT_USAGE;
            }
        }
    }
}

int cmd_train(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "pairs") == 0) {
        argv[1] = argv[0]; /* "fil train", for getopt's messages */
        return cli_train_pairs(argc - 1, argv + 1);
    }
    train_options o = {0};
    cli_engine_options_init(&o.eo);
    for (size_t i = 0; i < sizeof search_start / sizeof search_start[0]; i++) {
        fil_config_set(&o.eo.config, search_start[i].name, search_start[i].value, NULL);
    }
    int status = parse_train_options(argc, argv, &o);
    if (status >= 0) {
        return status;
    }
    int files = argc - optind - 1;
    if (!o.gold || files < 1 || files + o.untimed_count > MAX_SETS ||
        strcmp(argv[optind], "clusters") != 0) {
        fputs(train_help, stderr);
        return CLI_EXIT_USAGE;
    }
    train_job job = {.folds = o.folds};
    cli_progress_begin(&job.shown, "train", "trials", cli_want_progress(o.progress));
    int rc = FIL_OK;
    for (int i = 0; !rc && i < files + o.untimed_count; i++) {
        int is_untimed = i >= files;
        const char *path = is_untimed ? o.untimed[i - files] : argv[optind + 1 + i];
        rc = load_set(&job.sets[job.set_count++], path, is_untimed, o.gold, job.folds,
                      o.sort_by_time);
    }
    rc = rc ? rc : calibrate(&o.eo.config, &job, o.output, argc, argv);
    for (int i = 0; i < job.set_count; i++) {
        free_set(&job.sets[i]);
    }
    return rc ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
