/*
 * src/cli/cmd_pairs.c -- fil eval pairs (Pearson per language pair, with
 * cross-validation) and fil train pairs (fit data/similarity.weights).
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/pairs.h"

static const char eval_pairs_help[] =
    "usage: fil eval pairs [--cv K] [--model FILE] [--predictions OUT] FILE...\n"
    "\n"
    "Pearson r between predicted and gold similarity (SemEval-2022 Task 8 scale, 1 = very\n"
    "similar .. 4 = very dissimilar; r is the same against 5 - overall) per language pair and\n"
    "dimension. Every article of the files is first counted into the document frequencies.\n"
    "\n"
    "options:\n"
    "  --cv K             K-fold cross-validation (K from 2 to 100): the model is refitted on K-1\n"
    "                     folds and scores the held-out one; pairs sharing an article share a\n"
    "                     fold\n"
    "  --model FILE       score with the model in FILE instead of the built-in one\n"
    "  --predictions OUT  write each pair's scores as JSONL to OUT\n"
    "  -h, --help         this help\n"
    "\n"
    "examples:\n"
    "  fil eval pairs --cv 5 ../shared/data/pairs/semeval22_train.jsonl\n"
    "  fil eval pairs --model my.weights held_out_pairs.jsonl\n";

static const char train_pairs_help[] =
    "usage: fil train pairs [-o OUT] FILE...\n"
    "\n"
    "Fits the similarity model (boosted trees per dimension, src/cluster/similarity.h) to the\n"
    "gold scores of the pairs in FILE... and writes it to OUT (default: stdout), with the\n"
    "command in its header. Pairs lacking a gold dimension are left out.\n"
    "\n"
    "example:\n"
    "  fil train pairs ../shared/data/pairs/semeval22_train.jsonl -o data/similarity.weights\n";

typedef struct pair_job {
    cli_pair_set set;
    fil_engine *engine;
    double *predicted; /* set.count * CLI_DIMENSIONS */
    cli_stats stats;
} pair_job;

/* Reads the files, opens an engine and learns every article. Reports its
 * own failures on stderr; an unreadable file is reported and skipped. */
static int start_job(const char *cmd, char **paths, int count, pair_job *job)
{
    memset(job, 0, sizeof *job);
    job->stats.unit = "pairs";
    int rc = FIL_OK;
    for (int i = 0; !rc && i < count; i++) {
        rc = cli_read_pairs(cmd, paths[i], &job->set, &job->stats);
        rc = rc == FIL_EIO ? FIL_OK : rc; /* reported and counted; the other files go on */
    }
    fil_error err = {0, ""};
    job->engine = rc ? NULL : fil_open(NULL, &err);
    job->predicted = calloc(job->set.count * CLI_DIMENSIONS + 1, sizeof *job->predicted);
    if (!rc && (!job->engine || !job->predicted)) {
        rc = FIL_ENOMEM;
    }
    if (!rc && job->set.count == 0) {
        cli_error(cmd, "no pairs were read");
        return FIL_EINVAL;
    }
    rc = rc ? rc : cli_learn_pairs(job->engine, &job->set, &err);
    if (rc) {
        cli_error(cmd, "%s", err.message[0] ? err.message : fil_strerror(rc));
    }
    return rc;
}

static void end_job(pair_job *job)
{
    fil_close(job->engine);
    cli_pair_set_free(&job->set);
    free(job->predicted);
}

static int has_gold(const cli_pair *p)
{
    for (int d = 0; d < CLI_DIMENSIONS; d++) {
        if (isnan(p->gold[d])) {
            return 0;
        }
    }
    return 1;
}

/* Fits a model to the pairs with fold != held_out (all of them when
 * held_out < 0) that have every gold score. *model: caller frees. */
static int train_on(pair_job *job, const int *fold, int held_out, const char *header, char **model,
                    fil_error *err)
{
    size_t n = job->set.count;
    fil_article *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
    double *gold = malloc((n + 1) * CLI_DIMENSIONS * sizeof *gold);
    size_t m = 0;
    int rc = a && b && gold ? FIL_OK : FIL_ENOMEM;
    for (size_t i = 0; !rc && i < n; i++) {
        const cli_pair *p = &job->set.items[i];
        if ((held_out >= 0 && fold[i] == held_out) || !has_gold(p)) {
            continue;
        }
        a[m] = p->side[0];
        b[m] = p->side[1];
        memcpy(gold + m * CLI_DIMENSIONS, p->gold, sizeof p->gold);
        m++;
    }
    rc = rc ? rc : fil_similarity_train(job->engine, a, b, gold, m, header, model, err);
    free(a);
    free(b);
    free(gold);
    return rc;
}

/* Scores the pairs in fold `only` (every pair when only < 0). */
static int score(pair_job *job, const int *fold, int only, fil_error *err)
{
    for (size_t i = 0; i < job->set.count; i++) {
        if (only >= 0 && fold[i] != only) {
            continue;
        }
        const cli_pair *p = &job->set.items[i];
        fil_similarity_result r;
        int rc = fil_similarity(job->engine, &p->side[0], &p->side[1], 0, &r, err);
        if (rc) {
            return rc;
        }
        double *out = job->predicted + i * CLI_DIMENSIONS;
        out[0] = r.overall;
        out[1] = r.geography;
        out[2] = r.entities;
        out[3] = r.time;
        out[4] = r.narrative;
    }
    return FIL_OK;
}

static int cross_validate(pair_job *job, int k, int progress, fil_error *err)
{
    int *fold = malloc((job->set.count + 1) * sizeof *fold);
    int rc = fold ? cli_pair_folds(&job->set, k, fold) : FIL_ENOMEM;
    for (int f = 0; !rc && f < k; f++) {
        char *model = NULL;
        if (progress) {
            fprintf(stderr, "\rfil eval: fold %d of %d", f + 1, k);
        }
        rc = train_on(job, fold, f, NULL, &model, err);
        rc = rc ? rc : fil_similarity_use(job->engine, model, err);
        rc = rc ? rc : score(job, fold, f, err);
        fil_free(model);
    }
    if (progress) {
        fputc('\n', stderr);
    }
    free(fold);
    return rc;
}

/* ------------------------------------------------------------------------
 * Report
 * ---------------------------------------------------------------------- */

/* Pearson of dimension d over the pairs of one language pair (NULL: all)
 * that have gold for it; *n gets their count. */
static double pearson_of(const pair_job *job, const char *language_pair, int d, size_t *n)
{
    size_t count = job->set.count;
    double *x = malloc((count + 1) * sizeof *x), *y = malloc((count + 1) * sizeof *y);
    *n = 0;
    for (size_t i = 0; x && y && i < count; i++) {
        const cli_pair *p = &job->set.items[i];
        if (isnan(p->gold[d]) || (language_pair && strcmp(p->language_pair, language_pair))) {
            continue;
        }
        x[*n] = job->predicted[i * CLI_DIMENSIONS + d];
        y[*n] = p->gold[d];
        (*n)++;
    }
    double r = x && y ? cli_pearson(x, y, *n) : NAN;
    free(x);
    free(y);
    return r;
}

static void report_row(const pair_job *job, const char *language_pair)
{
    size_t n = 0, n_overall = 0;
    double r[CLI_DIMENSIONS];
    for (int d = 0; d < CLI_DIMENSIONS; d++) {
        r[d] = pearson_of(job, language_pair, d, d ? &n : &n_overall);
    }
    printf("%-10s %6zu", language_pair ? language_pair : "ALL", n_overall);
    for (int d = 0; d < CLI_DIMENSIONS; d++) {
        printf(" %10.3f", r[d]);
    }
    putchar('\n');
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One row for all pairs, then one per language pair, by name. */
static void report(const pair_job *job)
{
    printf("%-10s %6s", "languages", "pairs");
    for (int d = 0; d < CLI_DIMENSIONS; d++) {
        printf(" %10s", cli_dimension_names[d]);
    }
    putchar('\n');
    report_row(job, NULL);
    const char **names = malloc((job->set.count + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; names && i < job->set.count; i++) {
        if (job->set.items[i].language_pair[0]) {
            names[n++] = job->set.items[i].language_pair;
        }
    }
    qsort(names, n, sizeof *names, compare_strings);
    for (size_t i = 0; names && i < n; i++) {
        if (i == 0 || strcmp(names[i], names[i - 1])) {
            report_row(job, names[i]);
        }
    }
    free(names);
}

static int write_predictions(const pair_job *job, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        cli_error("eval", "%s: cannot write", path);
        return FIL_EIO;
    }
    for (size_t i = 0; i < job->set.count; i++) {
        const double *p = job->predicted + i * CLI_DIMENSIONS;
        fputs("{\"pair_id\":", f);
        cli_print_json_string(f, job->set.items[i].pair_id);
        for (int d = 0; d < CLI_DIMENSIONS; d++) {
            fprintf(f, ",\"%s\":%.4f", cli_dimension_names[d], p[d]);
        }
        fputs("}\n", f);
    }
    return fclose(f) ? FIL_EIO : FIL_OK;
}

/* ------------------------------------------------------------------------
 * Commands
 * ---------------------------------------------------------------------- */

/* The whole file at path, NUL-terminated; NULL when unreadable. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len;
    if (f && cli_read_stream(f, &text, &len) != FIL_OK) {
        text = NULL;
    }
    if (f) {
        fclose(f);
    }
    return text;
}

/* --cv K: K from 2 to 100, or -1 when it is not such a number. */
static int parse_folds(const char *s)
{
    unsigned long k;
    return cli_parse_count(s, 2, 100, &k) ? -1 : (int)k;
}

int cli_eval_pairs(int argc, char **argv)
{
    int folds = 0;
    const char *model_path = NULL, *predictions = NULL;
    enum { OPT_CV = 1000, OPT_MODEL, OPT_PREDICTIONS };
    const struct option longs[] = {
        {"cv", required_argument, NULL, OPT_CV},
        {"model", required_argument, NULL, OPT_MODEL},
        {"predictions", required_argument, NULL, OPT_PREDICTIONS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        switch (c) {
        case OPT_CV: folds = parse_folds(optarg); break;
        case OPT_MODEL: model_path = optarg; break;
        case OPT_PREDICTIONS: predictions = optarg; break;
        case 'h': fputs(eval_pairs_help, stdout); return CLI_EXIT_OK;
        default: fputs(eval_pairs_help, stderr); return CLI_EXIT_USAGE;
        }
    }
    if (folds < 0) {
        cli_error("eval", "--cv takes a number of folds from 2 to 100");
        return CLI_EXIT_USAGE;
    }
    if (optind >= argc || (folds && model_path)) {
        fputs(eval_pairs_help, stderr);
        return CLI_EXIT_USAGE;
    }
    pair_job job;
    fil_error err = {0, ""};
    int rc = start_job("eval", argv + optind, argc - optind, &job); /* reports its failures */
    char *text = !rc && model_path ? read_file(model_path) : NULL;
    if (!rc && model_path && !text) {
        cli_error("eval", "%s: cannot read", model_path);
        rc = FIL_EIO;
    } else if (!rc) {
        rc = text ? fil_similarity_use(job.engine, text, &err) : FIL_OK;
        rc = rc      ? rc
             : folds ? cross_validate(&job, folds, cli_want_progress(0), &err)
                     : score(&job, NULL, -1, &err);
        if (rc) {
            cli_error("eval", "%s", err.message[0] ? err.message : fil_strerror(rc));
        }
    }
    free(text);
    if (!rc) {
        if (folds) {
            printf("%d-fold cross-validation, folds by article; Pearson r:\n", folds);
        }
        report(&job);
        rc = predictions ? write_predictions(&job, predictions) : FIL_OK;
    }
    cli_print_summary("eval", &job.stats);
    int rejected = job.stats.rejected > 0 || job.stats.bad_files > 0;
    end_job(&job);
    return rc || rejected ? CLI_EXIT_DATA : CLI_EXIT_OK;
}

/* The model's header: what it is and the command that made it, cut with
 * " ..." when it would not fit; it always ends in a newline. */
static void write_header(int argc, char **argv, char *out, size_t size)
{
    static const char more[] = " ...\n";  /* ends a command line cut short */
    size_t room = size - sizeof more + 1; /* what the text may use before the ending */
    size_t n = (size_t)snprintf(out, room,
                                "# fil similarity model: boosted trees per dimension, on the "
                                "SemEval-2022 Task 8 scale.\n# made by: fil train pairs");
    for (int i = 1; i < argc && n < room; i++) {
        n += (size_t)snprintf(out + n, room - n, " %s", argv[i]);
    }
    if (n >= room) {
        n = room - 1;
        if ((unsigned char)out[n - 1] >= 0x80) { /* drop a last character maybe cut short */
            while (n > 1 && ((unsigned char)out[n - 1] & 0xc0) == 0x80) {
                n--;
            }
            n--; /* its first byte */
        }
        memcpy(out + n, more, sizeof more);
    } else {
        memcpy(out + n, "\n", 2);
    }
}

int cli_train_pairs(int argc, char **argv)
{
    const char *output = NULL;
    const struct option longs[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "ho:", longs, NULL)) != -1;) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'h': fputs(train_pairs_help, stdout); return CLI_EXIT_OK;
        default: fputs(train_pairs_help, stderr); return CLI_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(train_pairs_help, stderr);
        return CLI_EXIT_USAGE;
    }
    pair_job job;
    fil_error err = {0, ""};
    char header[1024], *model = NULL;
    write_header(argc, argv, header, sizeof header);
    int rc = start_job("train", argv + optind, argc - optind, &job); /* reports its failures */
    if (!rc && (rc = train_on(&job, NULL, -1, header, &model, &err)) != FIL_OK) {
        cli_error("train", "%s", err.message[0] ? err.message : fil_strerror(rc));
    } else if (!rc) {
        FILE *f = output ? fopen(output, "w") : stdout;
        rc = f && fputs(model, f) >= 0 ? FIL_OK : FIL_EIO;
        rc = f && f != stdout && fclose(f) ? FIL_EIO : rc;
        if (rc) {
            cli_error("train", "%s: cannot write", output ? output : "stdout");
        }
    }
    fil_free(model);
    cli_print_summary("train", &job.stats);
    int rejected = job.stats.rejected > 0 || job.stats.bad_files > 0;
    end_job(&job);
    return rc || rejected ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
