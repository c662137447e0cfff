/*
 * runtime_api.h - the Lambda Runtime API calls (runtime-api.md §1 and §4), over libcurl.
 *
 * One easy handle is reused for /next and the buffered answers, so they share one keep-alive connection.
 * A streamed answer uses its own handle, whose connection is closed when the stream ends (§4).
 * The post functions return the HTTP status, or 0 when no response was received.
 */
#ifndef LAMBDA_RUNTIME_API_H
#define LAMBDA_RUNTIME_API_H

#include <curl/curl.h>

#include "buffer.h"
#include "context.h"
#include "handler.h"

typedef struct runtime_api {
    CURL *curl;        /* the keep-alive handle */
    char *base_url;    /* "http://<AWS_LAMBDA_RUNTIME_API>/2018-06-01/runtime" */
    buffer reply;      /* body of the last answer to a post, for diagnostics */
    char curl_error[CURL_ERROR_SIZE];
} runtime_api;

/* Prepares the client for the host:port in AWS_LAMBDA_RUNTIME_API; returns false on failure (logged). */
bool runtime_api_open(runtime_api *api, const char *address);

void runtime_api_close(runtime_api *api);

typedef enum {
    NEXT_EVENT,  /* 200: ctx and event are filled */
    NEXT_BROKEN, /* no complete answer (connection refused, dropped or cut mid-body): trying again may work */
    NEXT_FATAL,  /* any other status, or no request id: the runtime must exit (§1.2: "Non-recoverable") */
} next_outcome;

/* GET /invocation/next with no timeout. Resets ctx and clears event first; failures are logged. */
next_outcome runtime_api_next(runtime_api *api, lambda_context *ctx, buffer *event);

/* POST /invocation/{id}/response with a buffered body. */
long runtime_api_post_response(runtime_api *api, const lambda_context *ctx, const char *content_type,
                               const char *body, size_t len);

/* POST /invocation/{id}/error, or /init/error when ctx is NULL, with {"errorType","errorMessage"}. */
long runtime_api_post_error(runtime_api *api, const lambda_context *ctx, const char *error_type,
                            const char *error_message);

/* POST /invocation/{id}/response in streaming mode: one HTTP chunk per stream chunk, error trailers at the end. */
long runtime_api_post_stream(runtime_api *api, const lambda_context *ctx, response_stream *stream);

#endif
