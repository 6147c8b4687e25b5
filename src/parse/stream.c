/*
 * parse/stream.c - delta + zigzag varint coding of record streams.
 */
#include "parse/stream.h"
#include "core/alloc.h"

#include <math.h>
#include <string.h>

enum {
    F_DIST = 1, F_HR = 2, F_CAD = 4, F_ALT = 8, F_SPEED = 16, F_POS = 32,
    F_TEMP = 64, F_NOTIME = 128
};

/* Writers over a buffer reserved up front: no per-byte checks. */
static uint8_t *put_varint(uint8_t *o, uint64_t v)
{
    while (v > 0x7F) {
        *o++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *o++ = (uint8_t)v;
    return o;
}

static uint8_t *put_delta(uint8_t *o, int64_t now, int64_t *prev)
{
    int64_t d = (int64_t)((uint64_t)now - (uint64_t)*prev);
    *prev = now;
    return put_varint(o, ((uint64_t)d << 1) ^ (uint64_t)(d >> 63));
}

/* v * scale rounded to the nearest integer; values are bounded by the
 * FIT scales they came from, far inside int64 */
static int64_t q(double v, double scale)
{
    double x = v * scale;
    return (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
}

/* Worst case per sample: the flag byte and ten 10-byte varints. */
#define MAX_SAMPLE 101

void stream_encode(const struct tendo_fit_record *r, size_t n,
                   struct tendo_buf *out)
{
    int64_t t = 0, dist = 0, hr = 0, cad = 0, alt = 0, spd = 0, lat = 0,
            lon = 0, temp = 0;
    uint8_t *o, *base;
    size_t start = out->len;
    if (n > (SIZE_MAX - 32) / MAX_SAMPLE) {
        out->err = TENDO_ELIMIT;
        return;
    }
    /* reserve the worst case once, then write straight into it */
    if (tendo_buf_reserve(out, 32 + n * MAX_SAMPLE))
        return;
    base = o = (uint8_t *)out->data + start;
    memcpy(o, "TS1", 3);
    o += 3;
    o = put_varint(o, n);
    for (size_t i = 0; i < n; i++)
        if (r[i].time != INT64_MIN) {
            t = r[i].time;
            break;
        }
    o = put_varint(o, (uint64_t)t);
    for (size_t i = 0; i < n; i++) {
        const struct tendo_fit_record *x = &r[i];
        uint8_t f = 0;
        if (!isnan(x->distance_m))
            f |= F_DIST;
        if (x->hr >= 0)
            f |= F_HR;
        if (!isnan(x->cadence))
            f |= F_CAD;
        if (!isnan(x->altitude_m))
            f |= F_ALT;
        if (!isnan(x->speed_mps))
            f |= F_SPEED;
        if (x->lat != INT32_MAX && x->lon != INT32_MAX)
            f |= F_POS;
        if (x->temp_c != INT16_MIN)
            f |= F_TEMP;
        if (x->time == INT64_MIN)
            f |= F_NOTIME;
        *o++ = f;
        if (!(f & F_NOTIME))
            o = put_delta(o, x->time, &t);
        if (f & F_DIST)
            o = put_delta(o, q(x->distance_m, 100), &dist);
        if (f & F_HR)
            o = put_delta(o, x->hr, &hr);
        if (f & F_CAD)
            o = put_delta(o, q(x->cadence, 128), &cad);
        if (f & F_ALT)
            o = put_delta(o, q(x->altitude_m, 5), &alt);
        if (f & F_SPEED)
            o = put_delta(o, q(x->speed_mps, 1000), &spd);
        if (f & F_POS) {
            o = put_delta(o, x->lat, &lat);
            o = put_delta(o, x->lon, &lon);
        }
        if (f & F_TEMP)
            o = put_delta(o, x->temp_c, &temp);
    }
    out->len = start + (size_t)(o - base);
    out->data[out->len] = '\0';
}

struct rd {
    const uint8_t *p, *end;
};

static int get_varint(struct rd *r, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        uint8_t b;
        if (r->p >= r->end)
            return 0;
        b = *r->p++;
        x |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return 1;
        }
    }
    return 0;
}

static int get_delta(struct rd *r, int64_t *prev)
{
    uint64_t z;
    if (!get_varint(r, &z))
        return 0;
    *prev = (int64_t)((uint64_t)*prev + (uint64_t)((int64_t)(z >> 1) ^
                                                   -(int64_t)(z & 1)));
    return 1;
}

int stream_decode(const uint8_t *p, size_t len, struct tendo_fit_record **out,
                  size_t *n)
{
    struct rd r = {p, p + len};
    uint64_t count, start;
    int64_t t, dist = 0, hr = 0, cad = 0, alt = 0, spd = 0, lat = 0, lon = 0,
            temp = 0;
    struct tendo_fit_record *v;

    *out = NULL;
    *n = 0;
    if (len < 3 || memcmp(p, "TS1", 3) != 0)
        return TENDO_EFORMAT;
    r.p += 3;
    if (!get_varint(&r, &count) || !get_varint(&r, &start))
        return TENDO_EFORMAT;
    if (count > TENDO_FIT_MAX_RECORDS || count > len)
        return TENDO_ELIMIT;
    t = (int64_t)start;
    if (!(v = tendo_calloc(count ? count : 1, sizeof *v)))
        return TENDO_ENOMEM;
    for (uint64_t i = 0; i < count; i++) {
        struct tendo_fit_record *x = &v[i];
        uint8_t f;
        int ok = 1;
        tendo_fit_record_init(x);
        if (r.p >= r.end) {
            tendo_free(v);
            return TENDO_EFORMAT;
        }
        f = *r.p++;
        if (!(f & F_NOTIME)) {
            ok &= get_delta(&r, &t);
            x->time = t;
        }
        if (f & F_DIST) {
            ok &= get_delta(&r, &dist);
            x->distance_m = (double)dist / 100.0;
        }
        if (f & F_HR) {
            ok &= get_delta(&r, &hr);
            x->hr = (int16_t)hr;
        }
        if (f & F_CAD) {
            ok &= get_delta(&r, &cad);
            x->cadence = (double)cad / 128.0;
        }
        if (f & F_ALT) {
            ok &= get_delta(&r, &alt);
            x->altitude_m = (double)alt / 5.0;
        }
        if (f & F_SPEED) {
            ok &= get_delta(&r, &spd);
            x->speed_mps = (double)spd / 1000.0;
        }
        if (f & F_POS) {
            ok &= get_delta(&r, &lat);
            ok &= get_delta(&r, &lon);
            x->lat = (int32_t)lat;
            x->lon = (int32_t)lon;
        }
        if (f & F_TEMP) {
            ok &= get_delta(&r, &temp);
            x->temp_c = temp > -32768 && temp < 32768 ? (int16_t)temp
                                                      : INT16_MIN;
        }
        if (!ok) {
            tendo_free(v);
            return TENDO_EFORMAT;
        }
    }
    *out = v;
    *n = (size_t)count;
    return TENDO_OK;
}
