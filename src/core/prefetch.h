/*
 * src/core/prefetch.h -- a hint to fetch memory before it is read.
 *
 * Promise: CORE_PREFETCH(p) asks the CPU to bring the cache line of p in
 * and changes nothing else: p need not be valid, nothing is read. Batches
 * of lookups into tables larger than the caches (word cache, df, index)
 * issue it a few items ahead, so that their misses overlap instead of
 * queueing. Without __builtin_prefetch (FIL_HAVE_BUILTIN_PREFETCH, set by
 * CMake) it compiles to nothing.
 */
#ifndef FIL_CORE_PREFETCH_H
#define FIL_CORE_PREFETCH_H

#ifdef FIL_HAVE_BUILTIN_PREFETCH
#define CORE_PREFETCH(p) __builtin_prefetch(p)
#else
#define CORE_PREFETCH(p) ((void)(p))
#endif

/* How many items ahead a batch prefetches: far enough to hide a miss to
 * memory (~100 ns) behind the work on the items between, near enough that
 * the lines are still in L1 when their turn comes. */
#define CORE_PREFETCH_AHEAD 8

#endif
