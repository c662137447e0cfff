/*
 * context.h - the invocation context, read from the headers of a /next answer.
 *
 * runtime-api.md §1.2: every /next answer carries the request id, the deadline and the invoked function ARN;
 * the trace id, client context, Cognito identity, tenant id and invocation id are optional. Header names are
 * case-insensitive, so they are matched with strncasecmp. A field is NULL when its header was absent.
 */
#ifndef LAMBDA_CONTEXT_H
#define LAMBDA_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lambda_context {
    char *request_id;           /* Lambda-Runtime-Aws-Request-Id */
    char *deadline;             /* Lambda-Runtime-Deadline-Ms, as sent */
    long long deadline_ms;      /* the same as a number (epoch milliseconds) ... */
    bool has_deadline;          /* ... when the header was present and a valid integer */
    char *invoked_function_arn; /* Lambda-Runtime-Invoked-Function-Arn */
    char *trace_id;             /* Lambda-Runtime-Trace-Id */
    char *client_context;       /* Lambda-Runtime-Client-Context (raw JSON string) */
    char *cognito_identity;     /* Lambda-Runtime-Cognito-Identity (raw JSON string) */
    char *tenant_id;            /* Lambda-Runtime-Aws-Tenant-Id */
    char *invocation_id;        /* Lambda-Runtime-Invocation-Id: echoed back on the answer (§1.8) */
} lambda_context;

/* Frees every field and zeroes the context; call it before each /next and once at the end. */
void context_reset(lambda_context *ctx);

/*
 * CURLOPT_HEADERFUNCTION callback: userdata is a lambda_context *. Each call gets one header line; a status
 * line ("HTTP/1.1 ...") resets the context, so only the headers of the final response are kept.
 */
size_t context_header_callback(char *line, size_t size, size_t count, void *userdata);

/* Milliseconds left until the deadline, from CLOCK_REALTIME (may be negative). Needs has_deadline. */
long long context_remaining_ms(const lambda_context *ctx);

#endif
