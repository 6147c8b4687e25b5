/*
 * serve/form.h - a request body as named fields: a form
 * (application/x-www-form-urlencoded, decoded in place) or a JSON object
 * (numbers as their text, true as "1", false and null left out, arrays as
 * the same field repeated). `fn` receives each field (name and value with
 * their lengths; a value may hold NUL bytes); a non-zero return stops the
 * walk and is returned. Pure: no I/O; fuzzed by fuzz/fuzz_form.c.
 */
#ifndef TENDO_SERVE_FORM_H
#define TENDO_SERVE_FORM_H

#include <stddef.h>

typedef int (*form_field_fn)(void *ctx, const char *name, size_t nlen,
                             const char *value, size_t vlen);

int form_parse_urlencoded(char *data, size_t len, form_field_fn fn,
                          void *ctx);
/* 0, the return of `fn`, or -1 with `msg` saying why the JSON is not an
 * object of such values. */
int form_parse_json(const char *data, size_t len, form_field_fn fn,
                    void *ctx, char *msg, size_t msgn);

#endif
