/*
 * src/serve/cache.c -- answers to GET routes kept until the next refresh
 * (internal.h). A listing of events is the same bytes for every reader
 * until the writer refreshes the store, so the loop answers repeated
 * requests from memory instead of SQLite; routes.c clears the cache when
 * the writer's generation moves on.
 *
 * At most SERVE_CACHE_ENTRIES answers of at most SERVE_CACHE_MAX_BODY
 * bytes each are kept; when it is full the oldest entry goes. Lookups
 * compare a hash, then the key: the cache is small enough for a scan.
 */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/hash.h"
#include "serve/internal.h"

void serve_body_release(serve_body *body)
{
    if (body && --body->refs == 0) {
        free(body->data);
        free(body);
    }
}

static void drop_entry(serve_cache *c, size_t i)
{
    free(c->entries[i].key);
    serve_body_release(c->entries[i].body);
    c->entries[i].key = NULL;
    c->entries[i].body = NULL;
}

void serve_cache_clear(serve_cache *c)
{
    for (size_t i = 0; i < c->count; i++) {
        drop_entry(c, i);
    }
    c->count = 0;
    c->next_evicted = 0;
}

static uint64_t key_hash(const char *key)
{
    return core_hash(key, strlen(key), 0x63616368ULL);
}

serve_body *serve_cache_get(serve_cache *c, const char *key)
{
    uint64_t h = key_hash(key);
    for (size_t i = 0; i < c->count; i++) {
        if (c->entries[i].hash == h && strcmp(c->entries[i].key, key) == 0) {
            c->hits++;
            return c->entries[i].body;
        }
    }
    c->misses++;
    return NULL;
}

serve_body *serve_cache_put(serve_cache *c, const char *key, char *data, size_t len)
{
    serve_body *body = core_malloc(sizeof *body);
    if (!body) {
        free(data);
        return NULL;
    }
    *body = (serve_body){1, data, len};
    char *copy = len <= SERVE_CACHE_MAX_BODY ? core_strdup(key) : NULL;
    if (!copy) {
        return body; /* not kept: the caller's reference is the only one */
    }
    size_t i;
    if (c->count < SERVE_CACHE_ENTRIES) {
        i = c->count++;
    } else {
        i = c->next_evicted;
        drop_entry(c, i);
        c->next_evicted = (i + 1) % SERVE_CACHE_ENTRIES;
    }
    c->entries[i].hash = key_hash(key);
    c->entries[i].key = copy;
    c->entries[i].body = body;
    body->refs++;
    return body;
}
