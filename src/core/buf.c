/*
 * core/buf.c - the growable, NUL-terminated, size-capped byte buffer.
 */
#include "tendo/buf.h"
#include "tendo/error.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void tendo_buf_init(struct tendo_buf *b, size_t max)
{
    b->data = empty;
    b->len = 0;
    b->alloc = 0;
    b->max = max;
    b->err = TENDO_OK;
}

void tendo_buf_release(struct tendo_buf *b)
{
    if (!b)
        return;
    if (b->alloc)
        tendo_free(b->data);
    tendo_buf_init(b, b->max);
}

void tendo_buf_reset(struct tendo_buf *b)
{
    b->len = 0;
    b->data[0] = '\0';
    b->err = TENDO_OK;
}

char *tendo_buf_detach(struct tendo_buf *b, size_t *len)
{
    char *p = NULL;
    if (b->err == TENDO_OK) {
        p = b->alloc ? b->data : tendo_strndup("", 0);
        if (p && len)
            *len = b->len;
    } else if (b->alloc) {
        tendo_free(b->data);
    }
    tendo_buf_init(b, b->max);
    return p;
}

/* Makes room for `extra` more bytes plus the NUL. */
static int grow(struct tendo_buf *b, size_t extra)
{
    size_t need, want;
    char *p;
    if (b->err)
        return 0;
    if (extra > SIZE_MAX - b->len - 1 ||
        (b->max && b->len + extra > b->max)) {
        b->err = TENDO_ELIMIT;
        return 0;
    }
    need = b->len + extra + 1;
    if (need <= b->alloc)
        return 1;
    want = b->alloc ? b->alloc : 64;
    while (want < need)
        want = want > SIZE_MAX / 2 ? need : want * 2;
    p = tendo_realloc(b->alloc ? b->data : NULL, want);
    if (!p) {
        b->err = TENDO_ENOMEM;
        return 0;
    }
    if (!b->alloc)
        p[0] = '\0';
    b->data = p;
    b->alloc = want;
    return 1;
}

int tendo_buf_reserve(struct tendo_buf *b, size_t n)
{
    return grow(b, n) ? TENDO_OK : b->err;
}

void tendo_buf_add(struct tendo_buf *b, const void *p, size_t n)
{
    if (!n || !grow(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void tendo_buf_puts(struct tendo_buf *b, const char *s)
{
    tendo_buf_add(b, s, strlen(s));
}

void tendo_buf_putc(struct tendo_buf *b, char c)
{
    tendo_buf_add(b, &c, 1);
}

void tendo_buf_vprintf(struct tendo_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    char small[256];
    if (b->err)
        return;
    va_copy(cp, ap);
    n = vsnprintf(small, sizeof small, fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->err = TENDO_EINVAL;
        return;
    }
    if ((size_t)n < sizeof small) {
        tendo_buf_add(b, small, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void tendo_buf_printf(struct tendo_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tendo_buf_vprintf(b, fmt, ap);
    va_end(ap);
}
