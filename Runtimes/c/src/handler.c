/*
 * handler.c - helpers for handler_result (see handler.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "handler.h"

#include <stdlib.h>
#include <string.h>

bool handler_fail(handler_result *result, const char *type, const char *message) {
    handler_result_reset(result);
    result->kind = RESULT_ERROR;
    result->error_type = strdup(type);
    result->error_message = strdup(message);
    return false;
}

void handler_result_reset(handler_result *result) {
    buffer_free(&result->body);
    free(result->error_type);
    free(result->error_message);
    if (result->stream != NULL) {
        result->stream->release(result->stream);
    }
    memset(result, 0, sizeof *result);
}
