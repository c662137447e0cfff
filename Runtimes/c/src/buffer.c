/*
 * buffer.c - a growable byte buffer (see buffer.h).
 */
#include "buffer.h"

#include <stdlib.h>
#include <string.h>

bool buffer_append(buffer *b, const void *bytes, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *data = realloc(b->data, cap);
        if (data == NULL) {
            return false;
        }
        b->data = data;
        b->cap = cap;
    }
    if (n > 0) {
        memcpy(b->data + b->len, bytes, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool buffer_append_str(buffer *b, const char *s) {
    return buffer_append(b, s, strlen(s));
}

void buffer_clear(buffer *b) {
    b->len = 0;
    if (b->data != NULL) {
        b->data[0] = '\0';
    }
}

void buffer_free(buffer *b) {
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}
