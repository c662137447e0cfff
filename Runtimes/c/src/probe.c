/*
 * probe.c - the lambdaspec probe function (see probe.h and PROBE.md), using json-c.
 *
 * Each op is a small function that reads its fields from the event and fills the handler_result.
 */
#define _POSIX_C_SOURCE 200809L
#include "probe.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* json-c's default nesting limit is 32; echo payloads may nest deeper. */
#define MAX_JSON_DEPTH 4096

/* A process-global counter: survives warm invocations, starts again in a fresh process. */
static long long invocation_counter = 0;

static void sleep_ms(long long ms) {
    if (ms <= 0) {
        return;
    }
    struct timespec left = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
}

/* The event's field name as a string, or fallback when it is absent or null. */
static const char *string_field(json_object *event, const char *name, const char *fallback) {
    json_object *value = NULL;
    if (!json_object_object_get_ex(event, name, &value) || value == NULL) {
        return fallback;
    }
    return json_object_get_string(value);
}

static long long int_field(json_object *event, const char *name) {
    json_object *value = NULL;
    json_object_object_get_ex(event, name, &value);
    return json_object_get_int64(value); /* 0 when absent */
}

/* Serializes value as the response body and releases it. */
static void respond_json(handler_result *result, json_object *value) {
    size_t len = 0;
    const char *json = json_object_to_json_string_length(
        value, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
    result->kind = RESULT_RESPONSE;
    result->content_type = "application/json";
    buffer_append(&result->body, json, len);
    json_object_put(value);
}

/* Responds {key: value}; takes ownership of value (NULL means JSON null). */
static void respond_pair(handler_result *result, const char *key, json_object *value) {
    json_object *object = json_object_new_object();
    json_object_object_add(object, key, value);
    respond_json(result, object);
}

static json_object *string_or_null(const char *s) {
    return s != NULL ? json_object_new_string(s) : NULL;
}

static void tmp_path(buffer *path, const char *name) {
    const char *dir = getenv("TMPDIR");
    buffer_append_str(path, dir != NULL && dir[0] != '\0' ? dir : "/tmp");
    buffer_append_str(path, "/");
    buffer_append_str(path, name);
}

static void op_echo(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    json_object *payload = NULL;
    json_object_object_get_ex(event, "payload", &payload);
    respond_json(result, json_object_get(payload));
}

static void op_context(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)event;
    json_object *object = json_object_new_object();
    json_object_object_add(object, "requestId", string_or_null(ctx->request_id));
    json_object_object_add(object, "deadlineMs", ctx->has_deadline ? json_object_new_int64(ctx->deadline_ms) : NULL);
    json_object_object_add(object, "invokedFunctionArn", string_or_null(ctx->invoked_function_arn));
    json_object_object_add(object, "traceId", string_or_null(getenv("_X_AMZN_TRACE_ID")));
    json_object_object_add(object, "clientContext", string_or_null(ctx->client_context));
    json_object_object_add(object, "cognitoIdentity", string_or_null(ctx->cognito_identity));
    json_object_object_add(object, "tenantId", string_or_null(ctx->tenant_id));
    json_object_object_add(object, "remainingMs",
                           ctx->has_deadline ? json_object_new_int64(context_remaining_ms(ctx)) : NULL);
    respond_json(result, object);
}

static void op_env(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    json_object *names = NULL;
    json_object_object_get_ex(event, "names", &names);
    json_object *object = json_object_new_object();
    size_t count = json_object_is_type(names, json_type_array) ? json_object_array_length(names) : 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = json_object_get_string(json_object_array_get_idx(names, i));
        if (name != NULL) {
            json_object_object_add(object, name, string_or_null(getenv(name)));
        }
    }
    respond_json(result, object);
}

static void op_error(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    handler_fail(result, string_field(event, "errorType", "Probe.Error"), string_field(event, "errorMessage", ""));
}

static void op_sleep(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    long long ms = int_field(event, "ms");
    sleep_ms(ms);
    respond_pair(result, "slept", json_object_new_int64(ms));
}

static void op_counter(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)event;
    (void)ctx;
    respond_pair(result, "count", json_object_new_int64(++invocation_counter));
}

static void op_tmp_write(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    json_object *data = NULL;
    json_object_object_get_ex(event, "data", &data);
    buffer path = {0};
    tmp_path(&path, string_field(event, "name", ""));
    FILE *file = fopen(path.data, "wb");
    bool written = file != NULL;
    if (file != NULL) {
        written = fwrite(json_object_get_string(data), 1, (size_t)json_object_get_string_len(data), file) ==
                  (size_t)json_object_get_string_len(data);
        written = fclose(file) == 0 && written;
    }
    if (written) {
        respond_pair(result, "written", json_object_new_boolean(1));
    } else {
        handler_fail(result, "Probe.TmpWriteFailed", path.data);
    }
    buffer_free(&path);
}

/* Writes `mb` MiB of zeros to /tmp/<name>; on failure removes the partial file and fails with the errno text. */
static void op_tmp_fill(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    json_object *mb_field = NULL;
    json_object_object_get_ex(event, "mb", &mb_field);
    int64_t mb = json_object_get_int64(mb_field);
    buffer path = {0};
    tmp_path(&path, string_field(event, "name", ""));
    static char chunk[1 << 20];
    FILE *file = fopen(path.data, "wb");
    int failure = file == NULL ? errno : 0;
    for (int64_t written = 0; file != NULL && failure == 0 && written < mb; written++) {
        if (fwrite(chunk, 1, sizeof chunk, file) != sizeof chunk) failure = errno;
    }
    if (file != NULL && fclose(file) != 0 && failure == 0) failure = errno;
    if (failure == 0) {
        respond_pair(result, "filled", json_object_new_int64(mb));
    } else {
        unlink(path.data);
        char message[512];
        snprintf(message, sizeof message, "cannot write %lld MB to %s: %s", (long long)mb, path.data, strerror(failure));
        handler_fail(result, "Probe.TmpFull", message);
    }
    buffer_free(&path);
}

/* The working directory the handler runs in. */
static void op_cwd(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)event;
    (void)ctx;
    char directory[4096];
    if (getcwd(directory, sizeof directory) == NULL) {
        handler_fail(result, "Probe.CwdFailed", strerror(errno));
        return;
    }
    respond_pair(result, "cwd", json_object_new_string(directory));
}

/* Allocates `mb` MiB, writes every byte so the pages are really resident, and frees it on return. */
static void op_allocate(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    json_object *mb_field = NULL;
    json_object_object_get_ex(event, "mb", &mb_field);
    int64_t mb = json_object_get_int64(mb_field);
    size_t bytes = (size_t)(mb > 0 ? mb : 0) << 20;
    volatile char *block = malloc(bytes > 0 ? bytes : 1);
    if (block == NULL) {
        handler_fail(result, "Probe.AllocationFailed", "malloc returned NULL");
        return;
    }
    for (size_t index = 0; index < bytes; index += 4096) block[index] = 'x';
    free((void *)block);
    respond_pair(result, "allocated", json_object_new_int64(mb));
}

static void op_tmp_read(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    buffer path = {0};
    tmp_path(&path, string_field(event, "name", ""));
    FILE *file = fopen(path.data, "rb");
    buffer_free(&path);
    if (file == NULL) {
        respond_pair(result, "data", NULL);
        return;
    }
    buffer content = {0};
    buffer_append(&content, "", 0);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, file)) > 0) {
        buffer_append(&content, chunk, n);
    }
    fclose(file);
    respond_pair(result, "data", json_object_new_string_len(content.data, (int)content.len));
    buffer_free(&content);
}

static void op_log(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    FILE *stream = strcmp(string_field(event, "stream", "stdout"), "stderr") == 0 ? stderr : stdout;
    fprintf(stream, "%s\n", string_field(event, "message", ""));
    fflush(stream);
    respond_pair(result, "logged", json_object_new_boolean(1));
}

static void op_exit(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    (void)result;
    exit((int)int_field(event, "code"));
}

static void op_crash(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)event;
    (void)ctx;
    (void)result;
    abort();
}

static void op_large(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    long long bytes = int_field(event, "bytes");
    char block[4096];
    memset(block, 'x', sizeof block);
    result->kind = RESULT_RESPONSE;
    result->content_type = "application/json";
    buffer_append(&result->body, "\"", 1);
    for (long long left = bytes; left > 0; left -= (long long)sizeof block) {
        buffer_append(&result->body, block, left < (long long)sizeof block ? (size_t)left : sizeof block);
    }
    buffer_append(&result->body, "\"", 1);
}

/* The streamed response of the "stream" op: the event's chunks, delayMs apart, then an optional failure. */
typedef struct probe_stream {
    response_stream base; /* first member: a response_stream * points at the probe_stream */
    json_object *event;   /* a reference that keeps chunks and fail alive */
    json_object *chunks;
    size_t next_index;
    long long delay_ms;
} probe_stream;

static bool probe_stream_next(response_stream *self, const char **data, size_t *len) {
    probe_stream *stream = (probe_stream *)self;
    if (!json_object_is_type(stream->chunks, json_type_array) ||
        stream->next_index >= json_object_array_length(stream->chunks)) {
        return false;
    }
    if (stream->next_index > 0) {
        sleep_ms(stream->delay_ms);
    }
    json_object *chunk = json_object_array_get_idx(stream->chunks, stream->next_index++);
    *data = json_object_get_string(chunk); /* a non-string element is sent as its JSON text */
    if (json_object_is_type(chunk, json_type_string)) {
        *len = (size_t)json_object_get_string_len(chunk);
    } else {
        *len = *data != NULL ? strlen(*data) : 0;
    }
    return true;
}

static void probe_stream_failure(response_stream *self, const char **error_type, const char **error_message) {
    probe_stream *stream = (probe_stream *)self;
    json_object *fail = NULL;
    if (json_object_object_get_ex(stream->event, "fail", &fail) && json_object_is_type(fail, json_type_object)) {
        *error_type = string_field(fail, "errorType", "Probe.StreamFailed");
        *error_message = string_field(fail, "errorMessage", "");
    }
}

static void probe_stream_release(response_stream *self) {
    probe_stream *stream = (probe_stream *)self;
    json_object_put(stream->event);
    free(stream);
}

static void op_stream(json_object *event, const lambda_context *ctx, handler_result *result) {
    (void)ctx;
    probe_stream *stream = calloc(1, sizeof *stream);
    if (stream == NULL) {
        handler_fail(result, "Probe.OutOfMemory", "cannot allocate the stream");
        return;
    }
    stream->base.content_type = "application/octet-stream";
    stream->base.next_chunk = probe_stream_next;
    stream->base.failure = probe_stream_failure;
    stream->base.release = probe_stream_release;
    stream->event = json_object_get(event);
    json_object_object_get_ex(event, "chunks", &stream->chunks);
    stream->delay_ms = int_field(event, "delayMs");
    result->kind = RESULT_STREAM;
    result->stream = &stream->base;
}

static const struct {
    const char *name;
    void (*run)(json_object *event, const lambda_context *ctx, handler_result *result);
} ops[] = {
    {"echo", op_echo},   {"context", op_context},     {"env", op_env},           {"error", op_error},
    {"sleep", op_sleep}, {"counter", op_counter},     {"tmp-write", op_tmp_write}, {"tmp-read", op_tmp_read},
    {"tmp-fill", op_tmp_fill}, {"allocate", op_allocate}, {"cwd", op_cwd},
    {"log", op_log},     {"exit", op_exit},           {"crash", op_crash},       {"large", op_large},
    {"stream", op_stream},
};

bool probe_init(handler_result *result) {
    const char *value = getenv("PROBE_INIT_SLEEP_MS");
    if (value != NULL) {
        sleep_ms(atoll(value));
    }
    value = getenv("PROBE_INIT_EXIT");
    if (value != NULL) {
        exit(atoi(value));
    }
    value = getenv("PROBE_INIT_FAIL");
    if (value != NULL) {
        return handler_fail(result, "Probe.InitFailed", value);
    }
    return true;
}

void probe_invoke(const char *event_bytes, size_t len, const lambda_context *ctx, handler_result *result) {
    json_tokener *tokener = json_tokener_new_ex(MAX_JSON_DEPTH);
    if (tokener == NULL) {
        handler_fail(result, "Probe.OutOfMemory", "cannot allocate a JSON parser");
        return;
    }
    json_object *event = json_tokener_parse_ex(tokener, event_bytes, (int)len);
    enum json_tokener_error parse_error = json_tokener_get_error(tokener);
    size_t parsed = json_tokener_get_parse_end(tokener);
    json_tokener_free(tokener);
    while (parsed < len && strchr(" \t\r\n", event_bytes[parsed]) != NULL) {
        parsed++;
    }
    if (parse_error != json_tokener_success || parsed != len) {
        json_object_put(event);
        handler_fail(result, "Probe.InvalidEvent",
                     parse_error != json_tokener_success ? json_tokener_error_desc(parse_error) : "trailing data");
        return;
    }

    const char *op = json_object_is_type(event, json_type_object) ? string_field(event, "op", "") : "";
    size_t i = 0;
    while (i < sizeof ops / sizeof ops[0] && strcmp(ops[i].name, op) != 0) {
        i++;
    }
    if (i < sizeof ops / sizeof ops[0]) {
        ops[i].run(event, ctx, result);
    } else {
        char message[256];
        snprintf(message, sizeof message, "unknown op: %.200s", op);
        handler_fail(result, "Probe.UnknownOp", message);
    }
    json_object_put(event);
}
