/*
 * handler.h - the contract between the runtime loop and function code.
 *
 * A function is a name (matched against _HANDLER), an init hook run once before the first /next, and an
 * invoke hook run per event. The invoke hook fills a handler_result: a buffered response body, an error,
 * or a response_stream the runtime pulls chunks from while it streams them to /response (runtime-api.md §4).
 * The runtime is byte-oriented: it never parses the event; JSON is the function's business.
 */
#ifndef LAMBDA_HANDLER_H
#define LAMBDA_HANDLER_H

#include <stdbool.h>
#include <stddef.h>

#include "buffer.h"
#include "context.h"

typedef struct response_stream response_stream;

/* A streamed response. The function embeds this as the first member of its own state struct. */
struct response_stream {
    const char *content_type;
    /* Sets the next chunk (valid until the next call) and returns true, or returns false at the end. */
    bool (*next_chunk)(response_stream *self, const char **data, size_t *len);
    /* After next_chunk returned false: the error to report in the trailers, or NULLs for success. */
    void (*failure)(response_stream *self, const char **error_type, const char **error_message);
    /* Frees the stream. */
    void (*release)(response_stream *self);
};

typedef enum { RESULT_RESPONSE, RESULT_ERROR, RESULT_STREAM } result_kind;

typedef struct handler_result {
    result_kind kind;
    buffer body;              /* RESULT_RESPONSE: the response payload */
    const char *content_type; /* RESULT_RESPONSE: a static string, e.g. "application/json" */
    char *error_type;         /* RESULT_ERROR: malloc'd */
    char *error_message;      /* RESULT_ERROR: malloc'd */
    response_stream *stream;  /* RESULT_STREAM */
} handler_result;

typedef struct handler {
    const char *name;
    /* Returns true when ready; false after filling result as RESULT_ERROR (reported on /runtime/init/error). */
    bool (*init)(handler_result *result);
    /* Handles one event (the raw /next body). */
    void (*invoke)(const char *event, size_t len, const lambda_context *ctx, handler_result *result);
} handler;

/* Makes result a RESULT_ERROR with copies of type and message (returns false for use in init). */
bool handler_fail(handler_result *result, const char *type, const char *message);

/* Frees what the result holds and zeroes it, ready for the next invocation. */
void handler_result_reset(handler_result *result);

#endif
