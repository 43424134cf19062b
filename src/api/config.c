/*
 * src/api/config.c -- fil_config defaults, and "key = value" files over them.
 *
 * The scoring defaults are the calibrated values of data/cluster.weights,
 * which records the command that produced them (fil train clusters) and
 * the F1 they reach; tests/e2e/calibration.sh checks that the two agree.
 * A config file or --set overrides any of them.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/config.h"
#include "core/error.h"
#include "fil.h"

static const fil_config config_defaults = {
    .threshold = 0.125,
    .threshold_full = 0.1,
    .weight_title = 4.0,
    .weight_text = 1.0,
    .weight_entities = 2.0,
    .weight_phrases = 4.0,
    .weight_time = 0.9,
    .time_sigma_days = 2.0,
    .untimed_factor = 0.6,
    .weight_size = 0.05,
    .window_days = 7.0,
    .window_articles = 100000,
    .dedup_window = 50000,
    .centroid_terms = 100,
    .lookup_terms = 12,
    .max_postings = 300,
    .max_candidates = 12,
    .max_article_bytes = 1u << 20,
    .max_tokens = 20000,
    .storyline_threshold = 0.15, /* see cluster/storyline.h for how these were chosen */
    .storyline_entity_weight = 0.7,
    .storyline_window_days = 42,
    .boilerplate_min_count = 3,
    .keep_articles = 1,
    .stories = 0,
};

typedef enum { FIELD_DOUBLE, FIELD_U32, FIELD_INT } field_type;

/* Every settable field: name, type, place, and the accepted range. */
static const struct {
    const char *name;
    field_type type;
    size_t offset;
    double min, max;
} config_fields[] = {
    {"threshold", FIELD_DOUBLE, offsetof(fil_config, threshold), 0, 1},
    {"threshold_full", FIELD_DOUBLE, offsetof(fil_config, threshold_full), 0, 1},
    {"weight_title", FIELD_DOUBLE, offsetof(fil_config, weight_title), 0, 100},
    {"weight_text", FIELD_DOUBLE, offsetof(fil_config, weight_text), 0, 100},
    {"weight_entities", FIELD_DOUBLE, offsetof(fil_config, weight_entities), 0, 100},
    {"weight_phrases", FIELD_DOUBLE, offsetof(fil_config, weight_phrases), 0, 100},
    {"weight_time", FIELD_DOUBLE, offsetof(fil_config, weight_time), 0, 1},
    {"time_sigma_days", FIELD_DOUBLE, offsetof(fil_config, time_sigma_days), 0, 3650},
    {"untimed_factor", FIELD_DOUBLE, offsetof(fil_config, untimed_factor), 0, 1},
    {"weight_size", FIELD_DOUBLE, offsetof(fil_config, weight_size), 0, 10},
    {"window_days", FIELD_DOUBLE, offsetof(fil_config, window_days), 0, 36500},
    {"window_articles", FIELD_U32, offsetof(fil_config, window_articles), 1, 4e9},
    {"dedup_window", FIELD_U32, offsetof(fil_config, dedup_window), 1, 1e8},
    {"centroid_terms", FIELD_U32, offsetof(fil_config, centroid_terms), 1, 100000},
    {"lookup_terms", FIELD_U32, offsetof(fil_config, lookup_terms), 1, 100000},
    {"max_postings", FIELD_U32, offsetof(fil_config, max_postings), 1, 4e9},
    {"max_candidates", FIELD_U32, offsetof(fil_config, max_candidates), 1, 100000},
    {"max_article_bytes", FIELD_U32, offsetof(fil_config, max_article_bytes), 64, 1 << 30},
    {"max_tokens", FIELD_U32, offsetof(fil_config, max_tokens), 1, 1e8},
    {"storyline_threshold", FIELD_DOUBLE, offsetof(fil_config, storyline_threshold), 0, 1},
    {"storyline_entity_weight", FIELD_DOUBLE, offsetof(fil_config, storyline_entity_weight), 0, 1},
    {"storyline_window_days", FIELD_DOUBLE, offsetof(fil_config, storyline_window_days), 0, 36500},
    {"boilerplate_min_count", FIELD_U32, offsetof(fil_config, boilerplate_min_count), 0, 1e6},
    {"keep_articles", FIELD_INT, offsetof(fil_config, keep_articles), 0, 1},
    {"stories", FIELD_INT, offsetof(fil_config, stories), 0, 1},
};

void fil_config_default(fil_config *cfg)
{
    *cfg = config_defaults;
}

int fil_config_set(fil_config *cfg, const char *key, const char *value, fil_error *err)
{
    for (size_t i = 0; i < sizeof config_fields / sizeof config_fields[0]; i++) {
        if (strcmp(config_fields[i].name, key) != 0) {
            continue;
        }
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        while (*end == ' ' || *end == '\t') {
            end++;
        }
        if (end == value || *end || errno || !isfinite(v) || v < config_fields[i].min ||
            v > config_fields[i].max) {
            return core_error_set(err, FIL_EINVAL, "%s: '%s' is not a number in [%g, %g]", key,
                                  value, config_fields[i].min, config_fields[i].max);
        }
        char *field = (char *)cfg + config_fields[i].offset;
        if (config_fields[i].type == FIELD_DOUBLE) {
            *(double *)field = v;
        } else if (config_fields[i].type == FIELD_U32) {
            *(uint32_t *)field = (uint32_t)v;
        } else {
            *(int *)field = (int)v;
        }
        return FIL_OK;
    }
    return core_error_set(err, FIL_EINVAL, "unknown setting '%s'", key);
}

/* The value of a field as a double, whatever its type. */
static double field_value(const fil_config *cfg, size_t i)
{
    const char *field = (const char *)cfg + config_fields[i].offset;
    switch (config_fields[i].type) {
    case FIELD_DOUBLE: return *(const double *)field;
    case FIELD_U32: return *(const uint32_t *)field;
    default: return *(const int *)field;
    }
}

int config_check(const fil_config *cfg, fil_error *err)
{
    for (size_t i = 0; i < sizeof config_fields / sizeof config_fields[0]; i++) {
        double v = field_value(cfg, i);
        if (!(v >= config_fields[i].min && v <= config_fields[i].max)) {
            return core_error_set(err, FIL_EINVAL, "config: %s = %g is not in [%g, %g]",
                                  config_fields[i].name, v, config_fields[i].min,
                                  config_fields[i].max);
        }
    }
    return FIL_OK;
}

/* Trims blanks at both ends, in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) {
        s[--n] = '\0';
    }
    return s;
}

int fil_config_load(fil_config *cfg, const char *path, fil_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return core_error_set(err, FIL_EIO, "%s: %s", path, strerror(errno));
    }
    char line[1024];
    unsigned no = 0;
    int rc = FIL_OK;
    while (!rc && fgets(line, sizeof line, f)) {
        no++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
        }
        char *s = trim(line);
        if (!*s) {
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = core_error_set(err, FIL_EINVAL, "%s:%u: expected 'key = value'", path, no);
            break;
        }
        *eq = '\0';
        fil_error e;
        rc = fil_config_set(cfg, trim(s), trim(eq + 1), &e);
        if (rc) {
            core_error_set(err, rc, "%s:%u: %s", path, no, e.message);
        }
    }
    fclose(f);
    return rc;
}
