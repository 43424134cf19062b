/*
 * src/core/alloc.h -- the library's allocator: malloc and friends, with a
 * failure switch for tests.
 *
 * Promise: core_malloc, core_calloc, core_realloc and core_strdup behave as
 * their C counterparts; memory they return is released with free(). In a
 * FIL_TEST build, core_alloc_fail_after(n) makes every call after the next
 * n fail (return NULL) until it is called again with -1, so tests can run
 * each error path (SQLite's and Lua's test builds do the same).
 * Memory from third-party libraries (cJSON, utf8proc, libstemmer) does not
 * come through here.
 */
#ifndef FIL_CORE_ALLOC_H
#define FIL_CORE_ALLOC_H

#include <stddef.h>

void *core_malloc(size_t size);
void *core_calloc(size_t count, size_t size);
void *core_realloc(void *ptr, size_t size);
char *core_strdup(const char *s);

/* Like core_calloc(1, size), for a big table read at random (the word
 * cache, hash maps): from CORE_HUGE_PAGE bytes on, aligned to that and,
 * where the system offers it (FIL_HAVE_MADV_HUGEPAGE), backed by huge
 * pages, so that lookups and prefetches into it do not also miss the TLB.
 * Released with free(). */
#define CORE_HUGE_PAGE ((size_t)2 << 20)
void *core_calloc_table(size_t size);

/* core_calloc_table without the zeroing, for memory written before it is
 * read (arena chunks): a page is then first touched when it is used, not
 * all at once up front. Released with free(). */
void *core_malloc_table(size_t size);

#ifdef FIL_TEST
/* n >= 0: allow n more allocations, then fail; -1: never fail. */
void core_alloc_fail_after(long n);
#endif

#endif
