/*
 * src/cli/cmd_extract.c -- fil extract: the articles in web pages, feeds
 * and any other input fil reads, as JSON.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"

static const char extract_help[] =
    "usage: fil extract [--jsonl] [--progress] [files or directories...]   (stdin when none)\n"
    "\n"
    "Reads web pages (the article body is found by text and link density and the\n"
    "page's block structure; title, time, author, language, canonical url and site\n"
    "from its metadata), RSS 2.0, Atom and RDF feeds (one article per item), JSONL\n"
    "and plain text, any of them gzip-compressed; the kind of each file is told by\n"
    "its content. Writes each article as a JSON object with the fields id, title,\n"
    "text (paragraphs separated by \\n), published, author, lang, url, source (and\n"
    "item, its number in a feed); absent fields are left out.\n"
    "\n"
    "  --jsonl              one article per line (the input format of the other commands);\n"
    "                       without it, one object for one article, else an "
    "array\n" CLI_PROGRESS_HELP "\n"
    "Pages over 16 MiB, gzip files inflating past their ceiling, binary files and\n"
    "broken records are reported with their file name and skipped; the run goes on.\n"
    "\n"
    "examples:\n"
    "  fil extract page.html > article.json\n"
    "  fil extract --jsonl pages/*.html.gz feeds/ > articles.jsonl\n";

typedef struct extract_ctx {
    FILE *out; /* where each object goes */
    int jsonl; /* 1: one object per line */
    unsigned long long count;
    cli_stats *stats;
} extract_ctx;

static void print_field(FILE *out, int *first, const char *name, const char *value)
{
    if (!value) {
        return;
    }
    fprintf(out, "%s\"%s\":", *first ? "" : ",", name);
    cli_print_json_string(out, value);
    *first = 0;
}

/* Warns about a time that is not ISO-8601; the article is kept. */
static void check_time(const fil_article *a, cli_stats *stats)
{
    int64_t t;
    if (a->published && fil_parse_time(a->published, &t) != FIL_OK) {
        char place[512];
        cli_article_place(a, place, sizeof place);
        cli_error("extract", "%s: published '%s' is not an ISO-8601 time; kept as written", place,
                  a->published);
        stats->times_ignored++;
    }
}

static int print_article(void *ctx, const fil_article *a, fil_error *err)
{
    (void)err;
    extract_ctx *x = ctx;
    check_time(a, x->stats);
    if (!x->jsonl && x->count > 0) {
        fputc(',', x->out);
    }
    int first = 1;
    fputc('{', x->out);
    print_field(x->out, &first, "id", a->id);
    print_field(x->out, &first, "title", a->title);
    print_field(x->out, &first, "text", a->text);
    print_field(x->out, &first, "published", a->published);
    print_field(x->out, &first, "author", a->author);
    print_field(x->out, &first, "lang", a->lang);
    print_field(x->out, &first, "url", a->url);
    print_field(x->out, &first, "source", a->source);
    if (a->item) {
        fprintf(x->out, ",\"item\":%u", a->item);
    }
    fputs(x->jsonl ? "}\n" : "}", x->out);
    x->count++;
    return FIL_OK;
}

/* Returns -1 to go on, else the exit status. *progress: --progress 1,
 * --no-progress -1. */
static int parse_args(int argc, char **argv, int *jsonl, int *progress)
{
    struct option longs[] = {{"jsonl", no_argument, NULL, 'j'},
                             CLI_PROGRESS_LONGS,
                             {"help", no_argument, NULL, 'h'},
                             {NULL, 0, NULL, 0}};
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "jh", longs, NULL);
        switch (c) {
        case -1: return -1;
        case 'j': *jsonl = 1; break;
        case CLI_OPT_PROGRESS: *progress = 1; break;
        case CLI_OPT_NO_PROGRESS: *progress = -1; break;
        case 'h': fputs(extract_help, stdout); return CLI_EXIT_OK;
        default: fputs(extract_help, stderr); return CLI_EXIT_USAGE;
        }
    }
}

/* Without --jsonl the objects are gathered first: one article prints as an
 * object, several as an array. */
int cmd_extract(int argc, char **argv)
{
    int jsonl = 0, progress = 0;
    int done = parse_args(argc, argv, &jsonl, &progress);
    if (done >= 0) {
        return done;
    }
    cli_stats stats = {0};
    char *held = NULL;
    size_t held_len = 0;
    extract_ctx x = {jsonl ? stdout : open_memstream(&held, &held_len), jsonl, 0, &stats};
    if (!x.out) {
        cli_error("extract", "out of memory");
        return CLI_EXIT_DATA;
    }
    cli_input in = {"extract", argv + optind, argc - optind, cli_want_progress(progress)};
    int rc = cli_for_each_article(&in, print_article, &x, &stats);
    if (!jsonl) {
        fclose(x.out);
        printf(x.count == 1 ? "%s\n" : "[%s]\n", held ? held : "");
        free(held);
    }
    cli_print_summary("extract", &stats);
    return rc || stats.rejected || stats.bad_files ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
