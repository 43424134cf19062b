/*
 * src/api/config.h -- checks on a fil_config (the rest is public: fil.h).
 *
 * Promise: config_check returns FIL_OK when every field lies in the range
 * fil_config_set accepts, else FIL_EINVAL naming the first field that does
 * not. fil_open calls it, so a caller who fills the struct by hand gets the
 * same guarantees as one who uses fil_config_set.
 */
#ifndef FIL_API_CONFIG_H
#define FIL_API_CONFIG_H

#include "fil.h"

int config_check(const fil_config *cfg, fil_error *err);

#endif
