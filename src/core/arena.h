/*
 * src/core/arena.h -- bump allocator for per-article scratch memory.
 *
 * Promise: core_arena_alloc hands out aligned blocks from chunks that grow
 * as needed; core_arena_reset makes all of them reusable at once without
 * returning memory to the system, so an engine that processes a stream
 * reaches a steady state with no allocation per article.
 * Memory:  the arena owns every block it hands out; nothing allocated here
 *          may be stored in a long-lived structure. core_arena_free releases
 *          all chunks. Total size is capped (cap_bytes); past it, NULL.
 * Threads: none shared; one arena per engine.
 */
#ifndef FIL_CORE_ARENA_H
#define FIL_CORE_ARENA_H

#include <stddef.h>

typedef struct core_arena_chunk core_arena_chunk;

typedef struct core_arena {
    core_arena_chunk *head; /* chunk being filled; NULL before first use */
    size_t chunk_bytes;     /* size of a new regular chunk */
    size_t used_bytes;      /* bytes handed out since the last reset */
    size_t cap_bytes;       /* ceiling on used_bytes; 0 = none */
} core_arena;

void core_arena_init(core_arena *arena, size_t chunk_bytes, size_t cap_bytes);

/* Returns size bytes aligned for any type, or NULL when the cap is reached
 * or memory runs out. Borrowed until the next reset. */
void *core_arena_alloc(core_arena *arena, size_t size);

/* Copies len bytes and a NUL. Borrowed until the next reset. */
char *core_arena_strndup(core_arena *arena, const char *s, size_t len);

/* Forgets every block; keeps the largest chunk for reuse. */
void core_arena_reset(core_arena *arena);

void core_arena_free(core_arena *arena);

#endif
