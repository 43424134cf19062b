/*
 * src/cli/cmd_story.c -- fil story: one event or storyline of a
 * `fil cluster --stories` output, told for a person to read.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char story_help[] =
    "usage: fil story [--storyline] [--json] ID [STORIES.json|-]   (stdin when no file)\n"
    "\n"
    "Tells one event (or, with --storyline, one storyline) of the output of\n"
    "`fil cluster --stories`: its label, time span, size, languages and sources, summary,\n"
    "entities, quotes with their speakers and outlets, timeline, first reporter, copies\n"
    "and rewrites, and its articles (a storyline: its events). --json prints the story's\n"
    "JSON object instead.\n"
    "\n"
    "examples:\n"
    "  fil cluster --stories examples/articles.jsonl > stories.json\n"
    "  fil story 0 stories.json\n"
    "  fil story --storyline 0 --json stories.json\n";

static const char *text_of(const cJSON *object, const char *key)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
    return s ? s : "";
}

static double number_of(const cJSON *object, const char *key)
{
    return cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* "name (count), ..." over an object of counts, or a list of strings. */
static void print_list(const char *heading, const cJSON *items)
{
    printf("%s", heading);
    const cJSON *item;
    int i = 0;
    cJSON_ArrayForEach(item, items)
    {
        if (cJSON_IsString(item)) {
            printf("%s%s", i++ ? ", " : "", item->valuestring);
        } else if (cJSON_IsNumber(item)) {
            printf("%s%s (%g)", i++ ? ", " : "", item->string, item->valuedouble);
        }
    }
    printf("%s\n", i ? "" : "none");
}

static void print_quotes(const cJSON *quotes)
{
    const cJSON *q;
    cJSON_ArrayForEach(q, quotes)
    {
        const char *speaker = text_of(q, "speaker");
        printf("  \"%s\" -- %s\n", text_of(q, "text"), *speaker ? speaker : "speaker unknown");
        const cJSON *sources = cJSON_GetObjectItemCaseSensitive(q, "sources");
        print_list("      carried by: ", cJSON_GetArraySize(sources)
                                             ? sources
                                             : cJSON_GetObjectItemCaseSensitive(q, "articles"));
    }
}

static void print_story(const cJSON *s, int storyline)
{
    const cJSON *label = cJSON_GetObjectItemCaseSensitive(s, "label");
    printf("%s %g: %s\n", storyline ? "Storyline" : "Event", number_of(s, "id"),
           text_of(label, "title"));
    if (*text_of(s, "first")) {
        printf("%s to %s, ", text_of(s, "first"), text_of(s, "last"));
    } else {
        printf("undated, ");
    }
    printf("%g articles", number_of(s, "size"));
    if (!storyline) {
        printf(", storyline %g", number_of(s, "storyline"));
    }
    putchar('\n');
    print_list("Languages: ", cJSON_GetObjectItemCaseSensitive(s, "languages"));
    print_list("Sources: ", cJSON_GetObjectItemCaseSensitive(s, "sources"));
    const cJSON *item;
    if (cJSON_GetObjectItemCaseSensitive(s, "summary")) {
        printf("\nSummary:\n");
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s, "summary"))
        {
            printf("  %s\n", cJSON_GetStringValue(item));
        }
    }
    printf("\nEntities: ");
    int i = 0;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s, "entities"))
    {
        printf("%s%s (%s, %g articles)", i++ ? ", " : "", text_of(item, "name"),
               text_of(item, "type"), number_of(item, "articles"));
    }
    printf("\n\nQuotes:\n");
    print_quotes(cJSON_GetObjectItemCaseSensitive(s, "quotes"));
    printf("\nTimeline:\n");
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s, "timeline"))
    {
        printf("  %s  %s\n", text_of(item, "date"), text_of(item, "what"));
    }
    if (!storyline) {
        const char *first = text_of(s, "original_source");
        printf("\nFirst reported by: %s\n", *first ? first : "unknown");
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s, "duplicates"))
        {
            printf("  %s is a %s of %s\n", text_of(item, "id"), text_of(item, "kind"),
                   text_of(item, "of"));
        }
    }
    const cJSON *members = cJSON_GetObjectItemCaseSensitive(s, storyline ? "events" : "articles");
    printf("\n%s", storyline ? "Events: " : "");
    if (storyline) {
        cJSON_ArrayForEach(item, members)
        {
            printf("%g ", item->valuedouble);
        }
        putchar('\n');
    } else {
        print_list("Articles: ", members);
    }
}

/* The story whose id is id in the stories document, or NULL. */
static const cJSON *find_story(const cJSON *doc, int storyline, double id)
{
    const cJSON *s;
    cJSON_ArrayForEach(s,
                       cJSON_GetObjectItemCaseSensitive(doc, storyline ? "storylines" : "events"))
    {
        if (number_of(s, "id") == id) {
            return s;
        }
    }
    return NULL;
}

int cmd_story(int argc, char **argv)
{
    int storyline = 0, json = 0;
    enum { OPT_STORYLINE = 1000, OPT_JSON };
    const struct option longs[] = {
        {"storyline", no_argument, NULL, OPT_STORYLINE},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", longs, NULL)) != -1;) {
        switch (c) {
        case OPT_STORYLINE: storyline = 1; break;
        case OPT_JSON: json = 1; break;
        case 'h': fputs(story_help, stdout); return CLI_EXIT_OK;
        default: fputs(story_help, stderr); return CLI_EXIT_USAGE;
        }
    }
    unsigned long id;
    if (optind >= argc || argc - optind > 2 ||
        cli_parse_count(argv[optind], 0, 4000000000UL, &id)) {
        cli_error("story", "give the id of one story (a number), then the stories file");
        fputs(story_help, stderr);
        return CLI_EXIT_USAGE;
    }
    const char *path = argc - optind == 2 ? argv[optind + 1] : "-";
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *text = NULL;
    size_t len = 0;
    if (!f || cli_read_stream(f, &text, &len)) {
        cli_error("story", "%s: cannot read", path);
        if (f && f != stdin) {
            fclose(f);
        }
        return CLI_EXIT_DATA;
    }
    if (f != stdin) {
        fclose(f);
    }
    cJSON *doc = cJSON_ParseWithLength(text, len);
    free(text);
    const cJSON *s = cJSON_IsObject(doc) ? find_story(doc, storyline, (double)id) : NULL;
    int rc = CLI_EXIT_OK;
    if (!cJSON_IsObject(doc)) {
        cli_error("story", "%s: not the output of fil cluster --stories", path);
        rc = CLI_EXIT_DATA;
    } else if (!s) {
        cli_error("story", "%s: no %s %lu", path, storyline ? "storyline" : "event", id);
        rc = CLI_EXIT_DATA;
    } else if (json) {
        char *out = cJSON_Print(s);
        puts(out ? out : "null");
        cJSON_free(out);
    } else {
        print_story(s, storyline);
    }
    cJSON_Delete(doc);
    return rc;
}
