/*
 * tests/unit/check.h -- the smallest test harness that does the job.
 *
 * CHECK(cond, what) records one check; a failure prints the file, line and
 * what was expected. check_summary() prints "N passed, N failed" (the line
 * CI reads) and returns the exit status.
 */
#ifndef FIL_TEST_CHECK_H
#define FIL_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct check_counts {
    int passed, failed;
} check_counts;

static check_counts check_counts_now;

#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_counts_now.passed++;                                                             \
        } else {                                                                                   \
            check_counts_now.failed++;                                                             \
            fprintf(stderr, "%s:%d: FAILED: %s  [%s]\n", __FILE__, __LINE__, what, #cond);         \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want, what)                                                                 \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        int ok_ = g_ && strcmp(g_, w_) == 0;                                                       \
        CHECK(ok_, what);                                                                          \
        if (!ok_) {                                                                                \
            fprintf(stderr, "    got '%s', want '%s'\n", g_ ? g_ : "(null)", w_);                  \
        }                                                                                          \
    } while (0)

#define CHECK_NEAR(got, want, eps, what) CHECK(fabs((double)(got) - (double)(want)) <= (eps), what)

static int check_summary(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_counts_now.passed, check_counts_now.failed);
    return check_counts_now.failed ? 1 : 0;
}

#endif
