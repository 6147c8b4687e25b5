/*
 * core/text.h - small text helpers shared by the parsers and writers.
 */
#ifndef TENDO_CORE_TEXT_H
#define TENDO_CORE_TEXT_H

#include <stddef.h>

/* Narrows (s, n) to exclude leading and trailing blanks (space, tab). */
void text_trim(const char **s, size_t *n);
/* True when the n bytes are valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t n);
/* ASCII case-insensitive equality of (a, n) with the NUL-terminated b. */
int text_ieq(const char *a, size_t n, const char *b);
/* Copies at most cap-1 bytes of (s, n) and a NUL into out. For messages:
 * control bytes become '?'. */
char *text_quote(const char *s, size_t n, char *out, size_t cap);

#endif
