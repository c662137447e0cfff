/*
 * context.c - fills the invocation context from /next response headers (see context.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "context.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void context_reset(lambda_context *ctx) {
    free(ctx->request_id);
    free(ctx->deadline);
    free(ctx->invoked_function_arn);
    free(ctx->trace_id);
    free(ctx->client_context);
    free(ctx->cognito_identity);
    free(ctx->tenant_id);
    free(ctx->invocation_id);
    memset(ctx, 0, sizeof *ctx);
}

/* Replaces *field with a copy of value (a repeated header keeps its last value). */
static void store(char **field, const char *value, size_t len) {
    free(*field);
    *field = strndup(value, len);
}

static void parse_deadline(lambda_context *ctx) {
    if (ctx->deadline == NULL || ctx->deadline[0] == '\0') {
        ctx->has_deadline = false;
        return;
    }
    char *end = NULL;
    errno = 0;
    long long value = strtoll(ctx->deadline, &end, 10);
    ctx->has_deadline = errno == 0 && *end == '\0';
    ctx->deadline_ms = ctx->has_deadline ? value : 0;
}

size_t context_header_callback(char *line, size_t size, size_t count, void *userdata) {
    lambda_context *ctx = userdata;
    size_t len = size * count;
    if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        context_reset(ctx); /* a new response starts (e.g. after "100 Continue") */
        return len;
    }
    const char *colon = memchr(line, ':', len);
    if (colon == NULL) {
        return len; /* the empty line that ends the headers */
    }
    size_t name_len = (size_t)(colon - line);
    const char *value = colon + 1;
    const char *end = line + len;
    while (value < end && (*value == ' ' || *value == '\t')) {
        value++;
    }
    while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    size_t value_len = (size_t)(end - value);

    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        {"Lambda-Runtime-Aws-Request-Id", offsetof(lambda_context, request_id)},
        {"Lambda-Runtime-Deadline-Ms", offsetof(lambda_context, deadline)},
        {"Lambda-Runtime-Invoked-Function-Arn", offsetof(lambda_context, invoked_function_arn)},
        {"Lambda-Runtime-Trace-Id", offsetof(lambda_context, trace_id)},
        {"Lambda-Runtime-Client-Context", offsetof(lambda_context, client_context)},
        {"Lambda-Runtime-Cognito-Identity", offsetof(lambda_context, cognito_identity)},
        {"Lambda-Runtime-Aws-Tenant-Id", offsetof(lambda_context, tenant_id)},
        {"Lambda-Runtime-Invocation-Id", offsetof(lambda_context, invocation_id)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (strlen(fields[i].name) == name_len && strncasecmp(line, fields[i].name, name_len) == 0) {
            store((char **)((char *)ctx + fields[i].offset), value, value_len);
            if (fields[i].offset == offsetof(lambda_context, deadline)) {
                parse_deadline(ctx);
            }
            break;
        }
    }
    return len;
}

long long context_remaining_ms(const lambda_context *ctx) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long now_ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    return ctx->deadline_ms - now_ms;
}
