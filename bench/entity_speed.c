/*
 * bench/entity_speed.c -- what entity finding costs next to tokenising.
 *
 * usage: entity_speed ARTICLES.jsonl load|tokens|entities
 *
 * Reads the title and text of every article into memory (cJSON), builds
 * the gazetteer, then does one thing to each article: nothing (load),
 * text_tokenize (tokens), or features_find_entities (entities, which
 * tokenises too). The user CPU time of the three runs gives the cost of
 * entity finding alone: entities - tokens, against tokens - load:
 *
 *   for m in load tokens entities; do /usr/bin/time -f "$m %U" \
 *     build/release/entity_speed s.jsonl $m; done
 *
 * Prints the number of tokens or entities found, so that the work is not
 * optimised away.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "features/entities.h"
#include "text/stopwords.h"
#include "text/tokenize.h"

typedef struct corpus {
    char **texts; /* title, a line break, text; each malloc'd */
    size_t count, capacity;
} corpus;

static char *article_text(const char *line)
{
    cJSON *j = cJSON_Parse(line);
    const char *title = cJSON_GetStringValue(cJSON_GetObjectItem(j, "title"));
    const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(j, "text"));
    size_t a = title ? strlen(title) : 0, b = text ? strlen(text) : 0;
    char *s = malloc(a + b + 2);
    if (s) {
        memcpy(s, title ? title : "", a);
        s[a] = '\n';
        memcpy(s + a + 1, text ? text : "", b);
        s[a + b + 1] = 0;
    }
    cJSON_Delete(j);
    return s;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        if (c->count == c->capacity) {
            c->capacity = c->capacity ? 2 * c->capacity : 1024;
            char **t = realloc(c->texts, c->capacity * sizeof *t);
            if (!t) {
                break;
            }
            c->texts = t;
        }
        char *s = article_text(line);
        if (s) {
            c->texts[c->count++] = s;
        }
    }
    free(line);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    corpus c = {NULL, 0, 0};
    if (argc != 3 || load(argv[1], &c)) {
        fprintf(stderr, "usage: entity_speed ARTICLES.jsonl load|tokens|entities\n");
        return 2;
    }
    int rc;
    size_t bad_line, found = 0;
    features_gazetteer *g = features_gazetteer_new(&rc, &bad_line);
    text_stopwords *sw = text_stopwords_new();
    core_arena arena;
    core_arena_init(&arena, 1 << 20, 0);
    for (size_t i = 0; g && sw && i < c.count; i++) {
        core_arena_reset(&arena);
        size_t n = 0, len = strlen(c.texts[i]);
        if (strcmp(argv[2], "tokens") == 0) {
            text_token *tok;
            text_tokenize(c.texts[i], len, 100000, &arena, &tok, &n);
        } else if (strcmp(argv[2], "entities") == 0) {
            features_entity *e;
            features_find_entities(g, sw, "en", c.texts[i], len, 100000, &arena, &e, &n);
        }
        found += n;
        free(c.texts[i]);
    }
    printf("%zu articles, %zu %s\n", c.count, found, argv[2]);
    core_arena_free(&arena);
    text_stopwords_free(sw);
    features_gazetteer_free(g);
    free(c.texts);
    return 0;
}
