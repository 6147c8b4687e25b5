/*
 * core/base64.c - RFC 4648 base64, standard alphabet with padding.
 * Decoding is strict (canonical text only: the pad bits must be zero), so
 * every stream has exactly one text and export -> import -> export keeps
 * its bytes.
 */
#include "core/base64.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const void *data, size_t n, struct tendo_buf *out)
{
    const uint8_t *p = data;
    char *o;
    size_t i = 0;
    if (tendo_buf_reserve(out, (n + 2) / 3 * 4 + 1) != 0)
        return;
    o = out->data + out->len;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = '=';
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

static int value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int base64_decode(const char *s, size_t n, struct tendo_buf *out,
                  size_t *bad)
{
    uint8_t *o;
    size_t i;
    *bad = n;
    if (n % 4) {
        *bad = n - n % 4;
        return -1;
    }
    if (tendo_buf_reserve(out, n / 4 * 3 + 1) != 0)
        return -1;
    o = (uint8_t *)out->data + out->len;
    for (i = 0; i < n; i += 4) {
        int v[4], pad = 0;
        for (int k = 0; k < 4; k++) {
            v[k] = value(s[i + k]);
            if (v[k] < 0) {
                /* '=' only as the last one or two of the last group */
                if (s[i + k] == '=' && i + 4 == n && k >= 2 &&
                    (k == 3 || s[i + 3] == '=')) {
                    v[k] = 0;
                    pad++;
                    continue;
                }
                *bad = i + k;
                return -1;
            }
            if (pad) {
                *bad = i + k;
                return -1;
            }
        }
        /* canonical: the bits the padding drops must be zero */
        if ((pad == 1 && (v[2] & 3)) || (pad == 2 && (v[1] & 15))) {
            *bad = i + 3 - (size_t)pad;
            return -1;
        }
        *o++ = (uint8_t)(v[0] << 2 | v[1] >> 4);
        if (pad < 2)
            *o++ = (uint8_t)((v[1] & 15) << 4 | v[2] >> 2);
        if (pad < 1)
            *o++ = (uint8_t)((v[2] & 3) << 6 | v[3]);
    }
    out->len = (size_t)((char *)o - out->data);
    out->data[out->len] = '\0';
    return 0;
}
