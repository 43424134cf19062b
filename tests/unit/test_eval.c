/*
 * tests/unit/test_eval.c -- B-cubed against hand-computed values.
 */
#include "check.h"
#include "fil.h"

int main(void)
{
    double p, r, f;
    const char *gold[] = {"a", "a", "a", "b", "b"};
    const char *same[] = {"1", "1", "1", "2", "2"};
    fil_bcubed(same, gold, 5, &p, &r, &f);
    CHECK(p == 1 && r == 1 && f == 1, "a perfect clustering scores 1");

    const char *one[] = {"x", "x", "x", "x", "x"};
    fil_bcubed(one, gold, 5, &p, &r, &f);
    /* P: 3 items 3/5, 2 items 2/5 -> (9/5 + 4/5) / 5 = 13/25 */
    CHECK_NEAR(p, 13.0 / 25, 1e-12, "one big cluster: precision 13/25");
    CHECK_NEAR(r, 1.0, 1e-12, "one big cluster: recall 1");

    const char *singles[] = {"1", "2", "3", "4", "5"};
    fil_bcubed(singles, gold, 5, &p, &r, &f);
    /* R: 3 items 1/3, 2 items 1/2 -> (1 + 1) / 5 */
    CHECK_NEAR(r, 2.0 / 5, 1e-12, "all singletons: recall 2/5");
    CHECK_NEAR(f, 2 * 1 * 0.4 / 1.4, 1e-12, "F1 is the harmonic mean");

    const char *mixed[] = {"1", "1", "2", "2", "2"};
    fil_bcubed(mixed, gold, 5, &p, &r, &f);
    /* pred {0,1}: P 1,1; pred {2,3,4}: item2 1/3, items 3,4 2/3 -> P = (2 + 1/3 + 4/3)/5
     * gold a {0,1,2}: items 0,1 2/3, item 2 1/3; gold b: 1,1 -> R = (4/3 + 1/3 + 2)/5 */
    CHECK_NEAR(p, (2 + 1.0 / 3 + 4.0 / 3) / 5, 1e-12, "mixed precision");
    CHECK_NEAR(r, (4.0 / 3 + 1.0 / 3 + 2) / 5, 1e-12, "mixed recall");
    CHECK(fil_bcubed(mixed, gold, 0, &p, &r, &f) == FIL_EINVAL, "no items is an error");
    return check_summary("test_eval");
}
