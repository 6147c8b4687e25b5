/*
 * core/base64.h - RFC 4648 base64 (standard alphabet, padded), for the
 * streams in the JSON backup.
 */
#ifndef TENDO_CORE_BASE64_H
#define TENDO_CORE_BASE64_H

#include <stddef.h>
#include <stdint.h>
#include "tendo/buf.h"

/* Appends the base64 text of n bytes to out. */
void base64_encode(const void *data, size_t n, struct tendo_buf *out);
/* Decodes (s, n) - padded, no blanks - appending the bytes to out.
 * Returns 0, or -1 for text that is not canonical base64 (then *bad
 * receives the offset of the first wrong character). */
int base64_decode(const char *s, size_t n, struct tendo_buf *out,
                  size_t *bad);

#endif
