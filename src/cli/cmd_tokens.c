/*
 * src/cli/cmd_tokens.c -- fil tokens: what the text pipeline makes of text.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char tokens_help[] =
    "usage: fil tokens [--lang CODE] [files...]   (stdin when none)\n"
    "\n"
    "Prints one token per line: the folded word (NFKC, case folded, elisions dropped),\n"
    "its stem as fil indexes it (Snowball, accents stripped), and flags:\n"
    "  C capitalised, S sentence start, N number, - stopword.\n"
    "Without --lang the language is detected from the whole input.\n"
    "\n"
    "examples:\n"
    "  echo \"L'armée turque est entrée à Idlib le 27 février.\" | fil tokens --lang fr\n"
    "  fil tokens --lang de article.txt\n";

static void print_token(void *ctx, const char *folded, const char *stem, unsigned flags)
{
    (void)ctx;
    printf("%s\t%s\t%s%s%s%s\n", folded, stem, flags & FIL_TOKEN_CAPITALISED ? "C" : "",
           flags & FIL_TOKEN_SENTENCE_START ? "S" : "", flags & FIL_TOKEN_NUMBER ? "N" : "",
           flags & FIL_TOKEN_STOPWORD ? "-" : "");
}

int cmd_tokens(int argc, char **argv)
{
    const char *lang = NULL;
    struct option longs[] = {{"lang", required_argument, NULL, 'l'},
                             {"help", no_argument, NULL, 'h'},
                             {NULL, 0, NULL, 0}};
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "l:h", longs, NULL);
        if (c == -1) {
            break;
        }
        if (c == 'l') {
            lang = optarg;
        } else {
            fputs(tokens_help, c == 'h' ? stdout : stderr);
            return c == 'h' ? CLI_EXIT_OK : CLI_EXIT_USAGE;
        }
    }
    fil_error err = {0, ""};
    fil_engine *engine = fil_open(NULL, &err);
    if (!engine) {
        cli_error("tokens", "%s", err.message);
        return CLI_EXIT_DATA;
    }
    int bad = 0;
    for (int i = optind; i < argc || i == optind; i++) {
        FILE *f = i < argc ? fopen(argv[i], "rb") : stdin;
        if (!f) {
            cli_error("tokens", "%s: cannot open", argv[i]);
            bad = 1;
            continue;
        }
        char *text;
        size_t len;
        if (cli_read_stream(f, &text, &len) == FIL_OK) {
            fil_tokens(engine, text, len, lang, print_token, NULL);
        }
        free(text);
        if (f != stdin) {
            fclose(f);
        }
        if (i >= argc) {
            break;
        }
    }
    fil_close(engine);
    return bad ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
