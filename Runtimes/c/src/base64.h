/*
 * base64.h - standard base64 (RFC 4648, with padding).
 *
 * Needed for the Lambda-Runtime-Function-Error-Body trailer of a streamed response (runtime-api.md §4).
 */
#ifndef LAMBDA_BASE64_H
#define LAMBDA_BASE64_H

#include <stddef.h>

/* Returns a newly allocated NUL-terminated encoding of the n bytes, or NULL when memory runs out. */
char *base64_encode(const void *bytes, size_t n);

#endif
