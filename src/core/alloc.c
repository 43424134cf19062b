/*
 * src/core/alloc.c -- allocation with a test-only failure switch; see alloc.h.
 */
#ifdef FIL_HAVE_MADV_HUGEPAGE
#define _DEFAULT_SOURCE /* madvise and MADV_HUGEPAGE are not POSIX */
#endif
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>
#ifdef FIL_HAVE_MADV_HUGEPAGE
#include <sys/mman.h>
#endif

#ifdef FIL_TEST
/* Test counter (STYLE.md allows these behind FIL_TEST): allocations left
 * before failing; -1 = unlimited. Not thread-safe, as tests are not. */
static long alloc_budget = -1;

void core_alloc_fail_after(long n)
{
    alloc_budget = n;
}

static int alloc_refused(void)
{
    if (alloc_budget < 0) {
        return 0;
    }
    if (alloc_budget == 0) {
        return 1;
    }
    alloc_budget--;
    return 0;
}
#else
static int alloc_refused(void)
{
    return 0;
}
#endif

void *core_malloc(size_t size)
{
    return alloc_refused() ? NULL : malloc(size);
}

void *core_calloc(size_t count, size_t size)
{
    return alloc_refused() ? NULL : calloc(count, size);
}

void *core_realloc(void *ptr, size_t size)
{
    return alloc_refused() ? NULL : realloc(ptr, size);
}

void *core_malloc_table(size_t size)
{
    if (size < CORE_HUGE_PAGE) {
        return core_malloc(size);
    }
    size_t rounded = (size + CORE_HUGE_PAGE - 1) & ~(CORE_HUGE_PAGE - 1);
    void *p = alloc_refused() || rounded < size ? NULL : aligned_alloc(CORE_HUGE_PAGE, rounded);
#ifdef FIL_HAVE_MADV_HUGEPAGE
    if (p) {
        madvise(p, rounded, MADV_HUGEPAGE); /* a hint: refused, the pages stay small */
    }
#endif
    return p;
}

void *core_calloc_table(size_t size)
{
    if (size < CORE_HUGE_PAGE) {
        return core_calloc(1, size);
    }
    void *p = core_malloc_table(size);
    if (p) {
        memset(p, 0, size);
    }
    return p;
}

char *core_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = core_malloc(n);
    if (p) {
        memcpy(p, s, n);
    }
    return p;
}
