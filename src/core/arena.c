/*
 * src/core/arena.c -- chunked bump allocator; see arena.h.
 */
#include "core/arena.h"
#include "core/alloc.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct core_arena_chunk {
    core_arena_chunk *next;
    size_t size; /* usable bytes in data[] */
    size_t used; /* bytes taken from data[] */
    alignas(max_align_t) unsigned char data[];
};

void core_arena_init(core_arena *arena, size_t chunk_bytes, size_t cap_bytes)
{
    arena->head = NULL;
    arena->chunk_bytes = chunk_bytes ? chunk_bytes : 64 * 1024;
    arena->used_bytes = 0;
    arena->cap_bytes = cap_bytes;
}

/* A chunk of size usable bytes. From CORE_HUGE_PAGE bytes on, it is
 * rounded up to whole huge pages (all of them usable) and comes from
 * core_malloc_table, which asks for huge pages and leaves them unwritten
 * (a page is first touched when the arena hands it out): an arena that
 * keeps what it is given (fil_learn's memo) then takes one page fault per
 * 2 MiB, not 512. */
static core_arena_chunk *chunk_new(size_t size)
{
    size_t bytes = sizeof(core_arena_chunk) + size;
    if (bytes < size) {
        return NULL;
    }
    size_t huge = (bytes + CORE_HUGE_PAGE - 1) & ~(CORE_HUGE_PAGE - 1);
    core_arena_chunk *c = bytes < CORE_HUGE_PAGE ? core_malloc(bytes)
                          : huge < bytes         ? NULL
                                                 : core_malloc_table(huge);
    if (!c) {
        return NULL;
    }
    size = bytes < CORE_HUGE_PAGE ? size : huge - sizeof *c;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void *core_arena_alloc(core_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t need = (size + align - 1) & ~(align - 1);
    if (need < size || (arena->cap_bytes && arena->used_bytes + need > arena->cap_bytes)) {
        return NULL;
    }
    core_arena_chunk *c = arena->head;
    if (!c || c->size - c->used < need) {
        size_t size_new = need > arena->chunk_bytes ? need : arena->chunk_bytes;
        core_arena_chunk *fresh = chunk_new(size_new);
        if (!fresh) {
            return NULL;
        }
        fresh->next = c;
        arena->head = fresh;
        c = fresh;
    }
    void *p = c->data + c->used;
    c->used += need;
    arena->used_bytes += need;
    return p;
}

char *core_arena_strndup(core_arena *arena, const char *s, size_t len)
{
    char *p = core_arena_alloc(arena, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void core_arena_reset(core_arena *arena)
{
    /* Keep the biggest chunk: after a few articles it fits a whole article,
     * so the steady state allocates nothing. */
    core_arena_chunk *keep = NULL;
    core_arena_chunk *c = arena->head;
    while (c) {
        core_arena_chunk *next = c->next;
        if (!keep || c->size > keep->size) {
            free(keep);
            keep = c;
        } else {
            free(c);
        }
        c = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
        if (keep->size < arena->chunk_bytes * 64) {
            /* grow the regular chunk size toward the working set */
            arena->chunk_bytes = keep->size;
        }
    }
    arena->head = keep;
    arena->used_bytes = 0;
}

void core_arena_free(core_arena *arena)
{
    core_arena_chunk *c = arena->head;
    while (c) {
        core_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena->head = NULL;
    arena->used_bytes = 0;
}
