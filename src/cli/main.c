/*
 * src/cli/main.c -- the fil command: dispatch to one subcommand per file
 * (cmd_<name>.c), as curl's tool_*.c split its program by concern.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *example;
} commands[] = {
    {"cluster", cmd_cluster, "group articles into events and storylines (JSON out)",
     "fil cluster examples/articles.jsonl > events.json"},
    {"dedup", cmd_dedup, "copies and rewrites, and who published first (JSONL out)",
     "fil dedup < stream.jsonl > lineage.jsonl"},
    {"entities", cmd_entities, "people, places and organisations of each article (JSONL out)",
     "fil entities ../shared/data/seeds/"},
    {"eval", cmd_eval, "B-cubed P/R/F1 of a clustering against a gold field",
     "fil eval clusters --gold story examples/articles.jsonl"},
    {"extract", cmd_extract, "the article of web pages and the items of feeds (JSON out)",
     "fil extract --jsonl pages/*.html.gz feeds/ > articles.jsonl"},
    {"ingest", cmd_ingest, "add articles to a SQLite store (resumable; events, stories)",
     "fil ingest --db news.db examples/articles.jsonl"},
    {"search", cmd_search, "full-text search of a store's articles (JSON out)",
     "fil search --db news.db \"Idlib cessez-le-feu\""},
    {"serve", cmd_serve, "HTTP JSON API and web page over a store (docs/API.md)",
     "fil serve --db news.db --port 8080"},
    {"similar", cmd_similar, "how alike two articles are (SemEval-2022 scale), and why",
     "fil similar a.json b.json"},
    {"story", cmd_story, "one event or storyline of fil cluster --stories, to read",
     "fil story 0 stories.json"},
    {"train", cmd_train, "calibrate clustering weights and threshold on gold data",
     "fil train clusters --gold story --folds 5 a.jsonl b.jsonl -o data/cluster.weights"},
    {"dates", cmd_dates, "dates in articles, resolved (JSONL out), or a merged timeline",
     "fil dates --published 2020-03-04 article.txt"},
    {"langid", cmd_langid, "language of each line or article", "fil langid < text.txt"},
    {"tokens", cmd_tokens, "normalised, stemmed tokens (debugging aid)",
     "echo \"L'armée turque à Idlib\" | fil tokens --lang fr"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "fil %s -- a news story engine\n\n"
            "usage: fil <command> [options] [files...]\n\n"
            "Input: JSONL articles ({\"id\",\"url\",\"source\",\"lang\",\"published\",\"title\","
            "\"text\"}, only title or text required),\n"
            "web pages (the article is extracted), RSS 2.0, Atom and RDF feeds (one article per\n"
            "item), plain text articles (first line is the title), any of them gzipped;\n"
            "directories of them, or stdin. Each file's kind is told by its content.\n\n"
            "commands:\n",
            FIL_VERSION);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fprintf(out, "  %-8s %s\n           e.g. %s\n", commands[i].name, commands[i].summary,
                commands[i].example);
    }
    fprintf(out, "\n'fil <command> --help' gives a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("fil %s\n", FIL_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            char name[32]; /* getopt's own messages start with it: "fil eval: option ..." */
            snprintf(name, sizeof name, "fil %s", commands[i].name);
            argv[1] = name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "fil: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return CLI_EXIT_USAGE;
}
