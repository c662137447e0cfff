/*
 * main.c - the runtime loop of the C reference runtime for AWS Lambda (lambdaspec).
 *
 * Init: find the handler named by _HANDLER and run its init hook; on failure report /runtime/init/error and
 * exit 1 (runtime-api.md §1.5). Then forever: GET /next, set _X_AMZN_TRACE_ID, run the handler, and POST its
 * response, error or stream for the exact request id (§1.2-§1.4, §4). A /next that answers non-200 ends the
 * process; one cut off without an answer is retried a few times. Nothing else happens before the first
 * /next, to keep the cold start short.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handler.h"
#include "probe.h"
#include "runtime_api.h"

#define LOG_PREFIX "[bootstrap-c] "

/* /next attempts in a row that may end without an answer before the runtime gives up, and the pause between. */
#define MAX_BROKEN_NEXT 3
#define BROKEN_NEXT_PAUSE_MS 20

static void pause_ms(long ms) {
    struct timespec left = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
}

/* The functions compiled into this runtime; _HANDLER picks one. */
static const handler handlers[] = {
    {"probe", probe_init, probe_invoke},
};

/* The handler named by _HANDLER (the only one when _HANDLER is unset), or NULL. */
static const handler *find_handler(const char *name) {
    if (name == NULL || name[0] == '\0') {
        return &handlers[0];
    }
    for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
        if (strcmp(handlers[i].name, name) == 0) {
            return &handlers[i];
        }
    }
    return NULL;
}

/* §1.2: the handler sees the invocation's trace header, and never the previous invocation's. */
static void set_trace_id(const lambda_context *ctx) {
    if (ctx->trace_id != NULL) {
        setenv("_X_AMZN_TRACE_ID", ctx->trace_id, 1);
    } else {
        unsetenv("_X_AMZN_TRACE_ID");
    }
}

/*
 * What to do after an answer was posted. 4xx (stale id, already answered, too large) concerns this invocation
 * only: log (done by runtime_api) and keep serving. 5xx means the platform is in a non-recoverable state: exit.
 * No status at all (connection lost) is left to the next /next, which exits if the API is really gone.
 */
static void check_status(long status) {
    if (status >= 500) {
        fprintf(stderr, LOG_PREFIX "the Runtime API reported a platform error; exiting\n");
        exit(1);
    }
}

static void post_result(runtime_api *api, const lambda_context *ctx, handler_result *result) {
    long status = 0;
    switch (result->kind) {
    case RESULT_RESPONSE:
        status = runtime_api_post_response(api, ctx, result->content_type, result->body.data, result->body.len);
        if (status == 413) {
            /* §1.3: the body was refused as too large; report the invocation as failed with the usual type. */
            char message[160];
            snprintf(message, sizeof message,
                     "Response payload size (%zu bytes) exceeded maximum allowed payload size (6291556 bytes).",
                     result->body.len);
            status = runtime_api_post_error(api, ctx, "Function.ResponseSizeTooLarge", message);
        }
        break;
    case RESULT_ERROR:
        status = runtime_api_post_error(api, ctx, result->error_type ? result->error_type : "Runtime.Unknown",
                                        result->error_message ? result->error_message : "");
        break;
    case RESULT_STREAM:
        status = runtime_api_post_stream(api, ctx, result->stream);
        break;
    }
    check_status(status);
}

int main(void) {
    const char *address = getenv("AWS_LAMBDA_RUNTIME_API");
    if (address == NULL || address[0] == '\0') {
        fprintf(stderr, LOG_PREFIX "AWS_LAMBDA_RUNTIME_API is not set\n");
        return 1;
    }
    runtime_api api;
    if (!runtime_api_open(&api, address)) {
        return 1;
    }

    handler_result result = {0};
    const handler *function = find_handler(getenv("_HANDLER"));
    if (function == NULL) {
        handler_fail(&result, "Runtime.NoSuchHandler", getenv("_HANDLER"));
    }
    if (function == NULL || !function->init(&result)) {
        runtime_api_post_error(&api, NULL, result.error_type ? result.error_type : "Runtime.Unknown",
                               result.error_message ? result.error_message : "");
        handler_result_reset(&result);
        runtime_api_close(&api);
        return 1;
    }

    lambda_context ctx = {0};
    buffer event = {0};
    int broken = 0;
    for (;;) {
        next_outcome outcome = runtime_api_next(&api, &ctx, &event);
        if (outcome == NEXT_BROKEN && ++broken < MAX_BROKEN_NEXT) {
            pause_ms(BROKEN_NEXT_PAUSE_MS); /* a dropped connection: poll again on a new one */
            continue;
        }
        if (outcome != NEXT_EVENT) {
            break;
        }
        broken = 0;
        set_trace_id(&ctx);
        function->invoke(event.data != NULL ? event.data : "", event.len, &ctx, &result);
        post_result(&api, &ctx, &result);
        handler_result_reset(&result);
    }
    /* The platform is gone or in a non-recoverable state (§1.2). */
    context_reset(&ctx);
    buffer_free(&event);
    runtime_api_close(&api);
    return 1;
}
