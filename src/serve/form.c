/*
 * serve/form.c - request bodies as named fields (serve/form.h).
 */
#include "serve/form.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int hexval(int ch)
{
    return isdigit(ch) ? ch - '0' : tolower(ch) - 'a' + 10;
}

/* decodes from..to in place ('+' a blank, %XX a byte); the new length */
static size_t decode(char *from, const char *to)
{
    char *w = from;
    for (const char *q = from; q < to; q++) {
        if (*q == '+') {
            *w++ = ' ';
        } else if (*q == '%' && to - q > 2 && isxdigit((unsigned char)q[1]) &&
                   isxdigit((unsigned char)q[2])) {
            *w++ = (char)(hexval((unsigned char)q[1]) * 16 +
                          hexval((unsigned char)q[2]));
            q += 2;
        } else {
            *w++ = *q;
        }
    }
    return (size_t)(w - from);
}

int form_parse_urlencoded(char *data, size_t len, form_field_fn fn,
                          void *ctx)
{
    char *p = data, *end = data + len;
    while (p && p < end) {
        char *amp = memchr(p, '&', (size_t)(end - p));
        char *stop = amp ? amp : end;
        char *eq = memchr(p, '=', (size_t)(stop - p));
        if (eq) { /* a part without '=' is no field */
            size_t nlen = decode(p, eq), vlen = decode(eq + 1, stop);
            int rc = fn(ctx, p, nlen, eq + 1, vlen);
            if (rc)
                return rc;
        }
        p = amp ? amp + 1 : NULL;
    }
    return 0;
}

static int json_value(const char *k, json_t *v, form_field_fn fn, void *ctx,
                      int depth)
{
    char txt[64];
    if (json_is_string(v))
        return fn(ctx, k, strlen(k), json_string_value(v),
                  json_string_length(v));
    if (json_is_integer(v))
        snprintf(txt, sizeof txt, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
    else if (json_is_real(v))
        snprintf(txt, sizeof txt, "%.17g", json_real_value(v));
    else if (json_is_true(v))
        snprintf(txt, sizeof txt, "1");
    else if (json_is_false(v) || json_is_null(v))
        return 0; /* not given */
    else if (json_is_array(v) && depth == 0) {
        json_t *x;
        size_t i;
        json_array_foreach(v, i, x) {
            int rc = json_value(k, x, fn, ctx, 1);
            if (rc)
                return rc;
        }
        return 0;
    } else
        return -1; /* an object, or a list in a list */
    return fn(ctx, k, strlen(k), txt, strlen(txt));
}

int form_parse_json(const char *data, size_t len, form_field_fn fn,
                    void *ctx, char *msg, size_t msgn)
{
    json_error_t je;
    json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je), *v;
    const char *k;
    int rc = 0;
    if (!json_is_object(doc)) {
        snprintf(msg, msgn, "the body is not a JSON object%s%s",
                 doc ? "" : ": ", doc ? "" : je.text);
        json_decref(doc);
        return -1;
    }
    json_object_foreach(doc, k, v) {
        if ((rc = json_value(k, v, fn, ctx, 0))) {
            if (rc == -1)
                snprintf(msg, msgn,
                         "'%.60s' is not a value tendo takes (a string, a "
                         "number, true, or a list of them)",
                         k);
            break;
        }
    }
    json_decref(doc);
    return rc;
}
