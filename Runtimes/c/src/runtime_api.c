/*
 * runtime_api.c - the Lambda Runtime API calls over libcurl (see runtime_api.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "runtime_api.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"

#define LOG_PREFIX "[bootstrap-c] "
#define USER_AGENT "lambdaspec-c-reference/1.0"

/* CURLOPT_WRITEFUNCTION: collects a response body into a buffer (userdata). */
static size_t write_to_buffer(char *data, size_t size, size_t count, void *userdata) {
    return buffer_append(userdata, data, size * count) ? size * count : 0;
}

/* CURLOPT_HEADERFUNCTION for posts: the headers of an answer to a post carry nothing we need. */
static size_t ignore_header(char *line, size_t size, size_t count, void *userdata) {
    (void)line;
    (void)userdata;
    return size * count;
}

/* Options every handle needs: no proxy from the environment, no signals, and no timeout at all. */
static void set_common_options(CURL *curl, char *error_buffer) {
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");
    curl_easy_setopt(curl, CURLOPT_USERAGENT, USER_AGENT);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
}

bool runtime_api_open(runtime_api *api, const char *address) {
    memset(api, 0, sizeof *api);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || (api->curl = curl_easy_init()) == NULL) {
        fprintf(stderr, LOG_PREFIX "cannot initialise libcurl\n");
        return false;
    }
    size_t size = strlen(address) + sizeof "http:///2018-06-01/runtime";
    api->base_url = malloc(size);
    if (api->base_url == NULL) {
        return false;
    }
    snprintf(api->base_url, size, "http://%s/2018-06-01/runtime", address);
    set_common_options(api->curl, api->curl_error);
    return true;
}

void runtime_api_close(runtime_api *api) {
    curl_easy_cleanup(api->curl);
    free(api->base_url);
    buffer_free(&api->reply);
    curl_global_cleanup();
}

/* Returns a malloc'd URL: base_url + "/invocation/" + id + suffix (the id exactly as received), or init/error. */
static char *answer_url(const runtime_api *api, const lambda_context *ctx, const char *suffix) {
    buffer url = {0};
    buffer_append_str(&url, api->base_url);
    if (ctx == NULL) {
        buffer_append_str(&url, "/init/error");
    } else {
        buffer_append_str(&url, "/invocation/");
        buffer_append_str(&url, ctx->request_id);
        buffer_append_str(&url, suffix);
    }
    return url.data;
}

/* Appends "name: value", with control characters replaced so a value can never break the header block. */
static struct curl_slist *add_header(struct curl_slist *list, const char *name, const char *value) {
    buffer line = {0};
    buffer_append_str(&line, name);
    buffer_append_str(&line, ": ");
    size_t start = line.len;
    buffer_append_str(&line, value);
    for (size_t i = start; line.data != NULL && i < line.len; i++) {
        if ((unsigned char)line.data[i] < 0x20 || line.data[i] == 0x7f) {
            line.data[i] = ' ';
        }
    }
    struct curl_slist *result = line.data != NULL ? curl_slist_append(list, line.data) : list;
    buffer_free(&line);
    return result;
}

/* Headers shared by every answer: "Expect:" stops libcurl from waiting for "100 Continue" on big bodies. */
static struct curl_slist *answer_headers(const lambda_context *ctx, const char *content_type) {
    struct curl_slist *list = add_header(NULL, "Content-Type", content_type);
    list = curl_slist_append(list, "Expect:");
    if (ctx != NULL && ctx->invocation_id != NULL) {
        list = add_header(list, "Lambda-Runtime-Invocation-Id", ctx->invocation_id);
    }
    return list;
}

/* How much of a reply to log: at most 300 bytes, without the trailing newline. */
static int shown_length(const buffer *reply) {
    size_t len = reply->len > 300 ? 300 : reply->len;
    while (len > 0 && (reply->data[len - 1] == '\n' || reply->data[len - 1] == '\r')) {
        len--;
    }
    return (int)len;
}

/* Logs a failed transfer or an answer that is not 2xx, with the start of the server's reply. */
static void log_answer(const char *url, CURLcode code, long status, const char *curl_error, const buffer *reply) {
    if (code != CURLE_OK && status == 0) {
        fprintf(stderr, LOG_PREFIX "POST %s failed: %s\n", url, curl_error[0] ? curl_error : curl_easy_strerror(code));
    } else if (status < 200 || status > 299) {
        fprintf(stderr, LOG_PREFIX "POST %s answered %ld: %.*s\n", url, status, shown_length(reply),
                reply->data != NULL ? reply->data : "");
    }
}

/* Status of the last transfer on curl, or 0 when no response arrived. */
static long response_status(CURL *curl) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

next_outcome runtime_api_next(runtime_api *api, lambda_context *ctx, buffer *event) {
    context_reset(ctx);
    buffer_clear(event);
    buffer url = {0};
    buffer_append_str(&url, api->base_url);
    buffer_append_str(&url, "/invocation/next");

    CURL *curl = api->curl;
    api->curl_error[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url.data);
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_buffer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, event);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, context_header_callback);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, ctx);
    CURLcode code = curl_easy_perform(curl);
    long status = response_status(curl);
    buffer_free(&url);

    if (code != CURLE_OK) {
        fprintf(stderr, LOG_PREFIX "GET /next failed: %s\n",
                api->curl_error[0] ? api->curl_error : curl_easy_strerror(code));
        return NEXT_BROKEN;
    }
    if (status != 200) {
        fprintf(stderr, LOG_PREFIX "GET /next answered %ld: %.*s\n", status, shown_length(event),
                event->data != NULL ? event->data : "");
        return NEXT_FATAL;
    }
    if (ctx->request_id == NULL || ctx->request_id[0] == '\0') {
        fprintf(stderr, LOG_PREFIX "GET /next answered without Lambda-Runtime-Aws-Request-Id\n");
        return NEXT_FATAL;
    }
    return NEXT_EVENT;
}

/* POSTs a buffered body on the keep-alive handle; frees headers. */
static long post(runtime_api *api, const char *url, struct curl_slist *headers, const char *body, size_t len) {
    CURL *curl = api->curl;
    buffer_clear(&api->reply);
    api->curl_error[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body != NULL ? body : "");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_buffer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &api->reply);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, ignore_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, NULL);
    CURLcode code = curl_easy_perform(curl);
    /* A server may answer 413 before reading the whole body; then the status counts, not the send error. */
    long status = response_status(curl);
    log_answer(url, code, status, api->curl_error, &api->reply);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, NULL);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    return status;
}

long runtime_api_post_response(runtime_api *api, const lambda_context *ctx, const char *content_type,
                               const char *body, size_t len) {
    char *url = answer_url(api, ctx, "/response");
    long status = post(api, url, answer_headers(ctx, content_type), body, len);
    free(url);
    return status;
}

/* Returns a json-c object {"errorType": type, "errorMessage": message}; release with json_object_put. */
static json_object *error_object(const char *error_type, const char *error_message) {
    json_object *object = json_object_new_object();
    json_object_object_add(object, "errorType", json_object_new_string(error_type));
    json_object_object_add(object, "errorMessage", json_object_new_string(error_message));
    return object;
}

long runtime_api_post_error(runtime_api *api, const lambda_context *ctx, const char *error_type,
                            const char *error_message) {
    json_object *object = error_object(error_type, error_message);
    size_t len = 0;
    const char *body = json_object_to_json_string_length(object, JSON_C_TO_STRING_PLAIN, &len);
    struct curl_slist *headers = answer_headers(ctx, "application/json");
    headers = add_header(headers, "Lambda-Runtime-Function-Error-Type", error_type);
    char *url = answer_url(api, ctx, "/error");
    long status = post(api, url, headers, body, len);
    free(url);
    json_object_put(object);
    return status;
}

/* State of one streamed POST, shared by the read and trailer callbacks. */
typedef struct stream_upload {
    response_stream *stream;
    const char *pending; /* the rest of the current chunk */
    size_t pending_len;
    bool finished;
} stream_upload;

/*
 * CURLOPT_READFUNCTION: with "Transfer-Encoding: chunked", libcurl sends each non-empty return as one HTTP
 * chunk (a chunk larger than libcurl's upload buffer, 64 KiB by default, is split). Returning 0 ends the body.
 * The function's next_chunk may block (the probe sleeps between chunks): the previous chunk is already sent.
 */
static size_t stream_read(char *dest, size_t size, size_t count, void *userdata) {
    stream_upload *upload = userdata;
    while (upload->pending_len == 0) { /* an empty chunk cannot be sent: it would end the body */
        if (upload->finished || !upload->stream->next_chunk(upload->stream, &upload->pending, &upload->pending_len)) {
            upload->finished = true;
            return 0;
        }
    }
    size_t n = upload->pending_len < size * count ? upload->pending_len : size * count;
    memcpy(dest, upload->pending, n);
    upload->pending += n;
    upload->pending_len -= n;
    return n;
}

/* CURLOPT_TRAILERFUNCTION: called after the last chunk; adds the error trailers when the stream failed. */
static int stream_trailers(struct curl_slist **list, void *userdata) {
    stream_upload *upload = userdata;
    const char *error_type = NULL;
    const char *error_message = NULL;
    upload->stream->failure(upload->stream, &error_type, &error_message);
    if (error_type == NULL) {
        return CURL_TRAILERFUNC_OK;
    }
    json_object *object = error_object(error_type, error_message != NULL ? error_message : "");
    size_t len = 0;
    const char *json = json_object_to_json_string_length(object, JSON_C_TO_STRING_PLAIN, &len);
    char *encoded = base64_encode(json, len);
    *list = add_header(*list, "Lambda-Runtime-Function-Error-Type", error_type);
    if (encoded != NULL) {
        *list = add_header(*list, "Lambda-Runtime-Function-Error-Body", encoded);
    }
    free(encoded);
    json_object_put(object);
    return CURL_TRAILERFUNC_OK; /* libcurl frees the list */
}

long runtime_api_post_stream(runtime_api *api, const lambda_context *ctx, response_stream *stream) {
    /* A handle of its own: cleaning it up closes the connection, as §4 requires after a streamed response. */
    CURL *curl = curl_easy_init();
    if (curl == NULL) {
        return 0;
    }
    char error_buffer[CURL_ERROR_SIZE] = "";
    set_common_options(curl, error_buffer);
    stream_upload upload = {.stream = stream};
    struct curl_slist *headers = answer_headers(ctx, stream->content_type);
    headers = curl_slist_append(headers, "Lambda-Runtime-Function-Response-Mode: streaming");
    headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
    headers = curl_slist_append(headers,
                                "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body");
    char *url = answer_url(api, ctx, "/response");
    buffer_clear(&api->reply);

    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, stream_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_TRAILERFUNCTION, stream_trailers);
    curl_easy_setopt(curl, CURLOPT_TRAILERDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_buffer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &api->reply);
    CURLcode code = curl_easy_perform(curl);
    long status = response_status(curl);
    log_answer(url, code, status, error_buffer, &api->reply);

    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    free(url);
    return status;
}
