/*
 * tendo/buf.h - the growable byte buffer every writer uses.
 *
 * Invariants: `data` is never NULL and always NUL-terminated; `len` bytes are
 * in use; the buffer never grows beyond `max` bytes (0 = no limit). Appends
 * return nothing: the first failure (out of memory, over `max`) is recorded
 * in `err` and every later append is ignored, so a writer checks once at the
 * end (SQLite's sqlite3_str). The buffer owns `data`; tendo_buf_detach()
 * hands it to the caller, who then frees it with free(3).
 */
#ifndef TENDO_BUF_H
#define TENDO_BUF_H

#include <stdarg.h>
#include "common.h"

struct tendo_buf {
    char *data;   /* never NULL, NUL-terminated */
    size_t len;   /* bytes in use, excluding the NUL */
    size_t alloc; /* bytes allocated; 0 while `data` is the static "" */
    size_t max;   /* size cap in bytes, 0 for none */
    int err;      /* sticky enum tendo_err, TENDO_OK while fine */
};

/* Initialises an empty buffer (no allocation). `max` caps its length. */
TENDO_API void tendo_buf_init(struct tendo_buf *b, size_t max);
/* Frees the contents and re-initialises, keeping `max`. NULL is a no-op. */
TENDO_API void tendo_buf_release(struct tendo_buf *b);
/* Empties the buffer and clears the error, keeping its memory. */
TENDO_API void tendo_buf_reset(struct tendo_buf *b);
/* Returns the bytes (caller frees with free(3)), or NULL if the buffer
 * failed or on out of memory; the buffer is re-initialised either way. */
TENDO_API char *tendo_buf_detach(struct tendo_buf *b, size_t *len);

/* Makes room for `n` more bytes (len unchanged), so a writer can fill
 * data + len directly and then advance len itself. Returns TENDO_OK or the
 * buffer's (sticky) error. */
TENDO_API int tendo_buf_reserve(struct tendo_buf *b, size_t n);
TENDO_API void tendo_buf_add(struct tendo_buf *b, const void *p, size_t n);
TENDO_API void tendo_buf_puts(struct tendo_buf *b, const char *s);
TENDO_API void tendo_buf_putc(struct tendo_buf *b, char c);
TENDO_API void tendo_buf_printf(struct tendo_buf *b, const char *fmt, ...)
    TENDO_PRINTF(2, 3);
TENDO_API void tendo_buf_vprintf(struct tendo_buf *b, const char *fmt,
                                 va_list ap) TENDO_VPRINTF(2);

#endif
