/*
 * tests/unit/test_story.c -- what story/ makes of an event: its growth.
 */
#include <stdint.h>

#include "check.h"
#include "cluster/stream.h"
#include "story/growth.h"

#define HOUR (int64_t)3600
#define DAY  (24 * HOUR)

static void test_growth(void)
{
    int64_t now = 100 * DAY;
    /* a new event: 6 articles spread over the last day, stream rate 2 */
    int64_t burst[6];
    for (int i = 0; i < 6; i++) {
        burst[i] = now - 23 * HOUR + i * 4 * HOUR; /* the last at now - 3 h */
    }
    story_growth_result g = story_growth(burst, 6, now, 2.0);
    CHECK(g.last_day == 6 && g.last_hour == 0, "six in the day, none in the last hour");
    CHECK_NEAR(g.score, 3.0, 1e-9, "a new event against the stream: 6 / 2");

    /* a steady event: 10 a day for 5 days, then 10 in the last day */
    int64_t steady[60];
    for (int i = 0; i < 60; i++) {
        steady[i] = now - 6 * DAY + 1 + (int64_t)i * (6 * DAY - 2) / 59;
    }
    g = story_growth(steady, 60, now, 2.0);
    CHECK(g.last_day == 10, "ten in the last day");
    CHECK(g.score > 0.8 && g.score < 1.3, "a steady event scores about 1 against its own past");

    /* the same burst packed into the last hour ranks above the spread one */
    int64_t packed[6];
    for (int i = 0; i < 6; i++) {
        packed[i] = now - i * 60;
    }
    g = story_growth(packed, 6, now, 2.0);
    CHECK(g.last_hour == 6, "six in the last hour");
    CHECK_NEAR(g.score, 3.0 * sqrt(7.0 / 1.25), 1e-9,
               "a burst still going is lifted by sqrt((6 + 1) / (6 / 24 + 1))");

    int64_t old[2] = {now - 10 * DAY, now - 9 * DAY};
    g = story_growth(old, 2, now, 2.0);
    CHECK(g.last_day == 0 && g.score == 0, "nothing lately: growth 0");

    int64_t untimed[2] = {CLUSTER_NO_TIME, CLUSTER_NO_TIME};
    g = story_growth(untimed, 2, now, 2.0);
    CHECK(g.last_day == 0 && g.score == 0, "untimed articles take no part");
}

int main(void)
{
    test_growth();
    return check_summary("test_story");
}
