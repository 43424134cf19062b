/*
 * src/core/error.c -- error codes to text, and filling fil_error.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const struct {
    int code;
    const char *text;
} error_texts[] = {
    {FIL_OK, "no error"},
    {FIL_ENOMEM, "out of memory"},
    {FIL_EINVAL, "invalid argument"},
    {FIL_EIO, "input/output error"},
    {FIL_EPARSE, "malformed record"},
    {FIL_EEMPTY, "no title and no text"},
    {FIL_ETOOBIG, "record too large"},
    {FIL_EENCODING, "not UTF-8 text"},
    {FIL_ENOTFOUND, "not found"},
    {FIL_ELIMIT, "configured limit reached"},
    {FIL_EOF, "end of input"},
    {FIL_ESTORE, "database error"},
};

const char *fil_strerror(int code)
{
    for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++) {
        if (error_texts[i].code == code) {
            return error_texts[i].text;
        }
    }
    return "unknown error";
}

void fil_free(void *ptr)
{
    free(ptr);
}

int core_error_set(fil_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
