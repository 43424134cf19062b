/*
 * src/core/error.h -- filling a fil_error.
 *
 * Promise: core_error_set writes code and a formatted message (cut to
 * FIL_ERROR_SIZE - 1 bytes) into err when err is not NULL, and returns
 * code, so a caller can write `return core_error_set(err, FIL_EIO, ...)`.
 */
#ifndef FIL_CORE_ERROR_H
#define FIL_CORE_ERROR_H

#include "fil.h"

int core_error_set(fil_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
