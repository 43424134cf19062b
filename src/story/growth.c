/*
 * src/story/growth.c -- an event's growth score (growth.h).
 */
#include "story/growth.h"

#include <math.h>

#include "cluster/stream.h"

#define HOUR (60 * 60)
#define DAY  (24 * HOUR)

story_growth_result story_growth(const int64_t *times, size_t n, int64_t now, double stream_rate)
{
    story_growth_result g = {0, 0, 0};
    int64_t oldest = now;
    uint32_t before = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t t = times[i];
        if (t == CLUSTER_NO_TIME || t > now) {
            continue;
        }
        g.last_hour += t > now - HOUR;
        g.last_day += t > now - DAY;
        before += t <= now - DAY;
        oldest = t < oldest ? t : oldest;
    }
    if (!g.last_day) {
        return g;
    }
    /* days the event ran before the last one, at least one */
    double days_before = (double)(now - DAY - oldest) / DAY;
    double own = before ? before / (days_before > 1 ? days_before : 1) : 0;
    double expected = own > stream_rate ? own : stream_rate;
    g.score = g.last_day / (expected > 1 ? expected : 1);
    /* one in a day's share of the hour proves nothing: both sides + 1 */
    double hour_lift = (g.last_hour + 1.0) / (g.last_day / 24.0 + 1.0);
    if (hour_lift > 1) {
        g.score *= sqrt(hour_lift);
    }
    return g;
}
