/*
 * buffer.h - a growable byte buffer.
 *
 * Used for event bodies read from /next (up to ~6 MB) and for response bodies built by the handler.
 * The data is always followed by a NUL byte so it can be printed, but it may contain NULs itself.
 */
#ifndef LAMBDA_BUFFER_H
#define LAMBDA_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct buffer {
    char *data;  /* NULL until the first append */
    size_t len;  /* bytes in use, not counting the trailing NUL */
    size_t cap;  /* bytes allocated */
} buffer;

/* Appends n bytes; returns false (buffer unchanged) when memory runs out. */
bool buffer_append(buffer *b, const void *bytes, size_t n);

/* Appends a NUL-terminated string. */
bool buffer_append_str(buffer *b, const char *s);

/* Empties the buffer but keeps its memory for the next use. */
void buffer_clear(buffer *b);

/* Releases the memory; the buffer is empty and reusable afterwards. */
void buffer_free(buffer *b);

#endif
