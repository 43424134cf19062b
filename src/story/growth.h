/*
 * src/story/growth.h -- how fast an event is growing now.
 *
 * Promise: story_growth measures an event at stream time `now` (the newest
 * published time seen):
 *  - last_hour, last_day: its articles published in (now - 1 h, now] and
 *    (now - 24 h, now];
 *  - score: last_day against the larger of two expectations,
 *      own:    the event's articles per day before the last day, over the
 *              days it had been running (0 for an event born today);
 *      stream: the stream's articles of the last day over the events that
 *              had one (what a typical live event gets in a day);
 *    so an event born in a burst scores high against the stream, and an
 *    old event that suddenly takes off scores high against its own past,
 *    while a big steady event scores about 1. An hour that holds more than
 *    its share of the day lifts the score by the square root of
 *    (last_hour + 1) / (last_day / 24 + 1) (the + 1 so that a single
 *    article in the hour proves little), so of two bursts the one still
 *    going ranks first.
 * Untimed articles take no part; an event with none timed scores 0.
 * Input: the members' times (seconds, CLUSTER_NO_TIME for untimed).
 * Memory and errors: none.
 */
#ifndef FIL_STORY_GROWTH_H
#define FIL_STORY_GROWTH_H

#include <stddef.h>
#include <stdint.h>

typedef struct story_growth_result {
    uint32_t last_hour, last_day;
    double score;
} story_growth_result;

/* stream_rate: articles of the last day per event that had one (>= 1). */
story_growth_result story_growth(const int64_t *times, size_t n, int64_t now, double stream_rate);

#endif
