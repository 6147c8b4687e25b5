/*
 * parse/gz.c - gzip decompression into memory with a size cap.
 */
#include "parse/gz.h"
#include "core/alloc.h"

#include <string.h>
#include <zlib.h>

int gz_is_gzip(const uint8_t *data, size_t len)
{
    return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

int gz_inflate(const uint8_t *data, size_t len, size_t max, uint8_t **out,
               size_t *out_len, struct tendo_error *err)
{
    z_stream z;
    size_t cap = len * 4 + 4096, used = 0;
    uint8_t *buf;
    int zr;

    *out = NULL;
    *out_len = 0;
    if (cap > max)
        cap = max;
    if (!(buf = tendo_malloc(cap + 1)))
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) {
        tendo_free(buf);
        return tendo_fail(err, TENDO_ENOMEM, "cannot start zlib");
    }
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    for (;;) {
        if (used == cap) {
            uint8_t *p;
            size_t ncap = cap * 2 > max ? max : cap * 2;
            if (cap >= max) {
                inflateEnd(&z);
                tendo_free(buf);
                return tendo_fail(err, TENDO_ELIMIT,
                                  "decompresses to more than %zu bytes", max);
            }
            if (!(p = tendo_realloc(buf, ncap + 1))) {
                inflateEnd(&z);
                tendo_free(buf);
                return tendo_fail(err, TENDO_ENOMEM, "out of memory");
            }
            buf = p;
            cap = ncap;
        }
        z.next_out = buf + used;
        z.avail_out = (uInt)(cap - used > UINT32_MAX ? UINT32_MAX : cap - used);
        zr = inflate(&z, Z_NO_FLUSH);
        used = (size_t)(z.next_out - buf);
        if (zr == Z_STREAM_END) {
            /* another member follows? read it too */
            if (z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
                if (inflateReset(&z) != Z_OK)
                    break;
                continue;
            }
            break;
        }
        if (zr == Z_BUF_ERROR && z.avail_in == 0) {
            inflateEnd(&z);
            tendo_free(buf);
            tendo_error_offset(err, len);
            return tendo_fail(err, TENDO_ETRUNCATED,
                              "the gzip data ends early (cut short?)");
        }
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            size_t at = (size_t)(z.next_in - data);
            inflateEnd(&z);
            tendo_free(buf);
            tendo_error_offset(err, at);
            return tendo_fail(err, TENDO_EFORMAT, "corrupt gzip data: %s",
                              z.msg ? z.msg : "inflate failed");
        }
    }
    inflateEnd(&z);
    buf[used] = 0;
    *out = buf;
    *out_len = used;
    return TENDO_OK;
}
