/*
 * src/io/date.h -- ISO-8601 timestamps to seconds since the Unix epoch.
 *
 * Accepts: "YYYY-MM-DD", then optionally "T" or " " and "HH:MM", ":SS",
 *          ".fraction" (ignored), and a zone "Z", "+HH:MM", "+HHMM" or
 *          "+HH" (or "-"). No zone means UTC; that is not an error.
 * Rejects: anything else, including trailing text, month 13, day 32, and
 *          hour 24, with FIL_EPARSE.
 * Calendar: proleptic Gregorian (days_from_civil, after H. Hinnant's
 *          "chrono-compatible low-level date algorithms").
 */
#ifndef FIL_IO_DATE_H
#define FIL_IO_DATE_H

#include <stdint.h>

int io_parse_time(const char *text, int64_t *epoch_seconds);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t io_days_from_civil(int64_t year, unsigned month, unsigned day);

/* The date of a day count since 1970-01-01 (the inverse of the above). */
void io_civil_from_days(int64_t days, int *year, int *month, int *day);

/* The day (since 1970-01-01) that holds a time in seconds since the
 * epoch, rounding down before 1970 too. */
int64_t io_day_of_time(int64_t seconds);

/* "YYYY-MM-DD" of a day count since 1970-01-01; years outside 0-9999
 * are clamped to them. */
void io_format_day(int64_t days, char out[11]);

/* Days in month (1-12) of year, leap years counted. */
int io_days_in_month(int year, int month);

#endif
