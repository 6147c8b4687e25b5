/*
 * parse/fit.c - the FIT decoder (tendo/fit.h).
 *
 * A FIT file is a 12- or 14-byte header (size, protocol and profile
 * versions, data size, ".FIT", optional header CRC), a stream of messages,
 * and a CRC-16 of everything before it. Messages are either definitions
 * (which global message a local type 0-15 means, its fields' numbers,
 * sizes and base types, its byte order, developer fields) or data messages
 * laid out as their definition says. A compressed-timestamp header packs
 * a local type 0-3 and a 5-bit time offset into the header byte. Several
 * FIT files may follow one another ("chained").
 *
 * Every read is checked against the end of the buffer. Unknown messages
 * and fields are skipped by their defined size.
 */
#include "tendo/fit.h"
#include "core/text.h"
#include "core/alloc.h"
#include "parse/fit_crc_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_FIELDS 255

/* The record fields the fast path reads. */
enum {
    R_TS, R_LAT, R_LON, R_ALT, R_EALT, R_HR, R_CAD, R_FRAC, R_DIST, R_SPEED,
    R_ESPEED, R_CSD, R_TEMP, R_COUNT
};

/* A record definition's decoding plan, built once per definition: for
 * each field tendo reads, where it is (-1: absent), its size, signedness
 * and invalid value. Decoding a record is then straight-line code with one
 * well-predicted branch per field. */
struct plan {
    int32_t at[R_COUNT];
    uint32_t inv[R_COUNT];
    uint8_t sz[R_COUNT];
    uint8_t sg[R_COUNT];
};

struct fdef {
    int valid;
    int big;                 /* architecture: 1 = big-endian */
    uint16_t global;         /* global message number */
    uint8_t nfields;
    uint32_t size;           /* bytes of a data message, dev fields too */
    struct {
        uint8_t num, size, base;
        uint32_t off;
    } f[MAX_FIELDS];
    struct plan plan;        /* record messages: how to decode them */
};

struct dec {
    const uint8_t *p;
    size_t len;
    struct tendo_fit_activity *a;
    struct tendo_error *err;
    struct fdef defs[16];
    uint32_t last_ts;        /* last timestamp seen (FIT seconds) */
    int have_ts;
    uint32_t csd_last;       /* compressed distance: last 12-bit value */
    int csd_have;
    uint64_t csd_accum;      /* accumulated distance in 1/16 m */
};

/* Base types, by their low 5 bits: size in bytes, signedness, kind and
 * the invalid value. */
enum { K_INT, K_FLOAT, K_STRING, K_BYTES };
static const struct {
    uint8_t size, is_signed, kind;
    uint64_t invalid;
} base_types[17] = {
    {1, 0, K_INT, 0xFF},                  /* 0 enum */
    {1, 1, K_INT, 0x7F},                  /* 1 sint8 */
    {1, 0, K_INT, 0xFF},                  /* 2 uint8 */
    {2, 1, K_INT, 0x7FFF},                /* 3 sint16 */
    {2, 0, K_INT, 0xFFFF},                /* 4 uint16 */
    {4, 1, K_INT, 0x7FFFFFFF},            /* 5 sint32 */
    {4, 0, K_INT, 0xFFFFFFFF},            /* 6 uint32 */
    {1, 0, K_STRING, 0},                  /* 7 string */
    {4, 0, K_FLOAT, 0xFFFFFFFF},          /* 8 float32 */
    {8, 0, K_FLOAT, UINT64_MAX},          /* 9 float64 */
    {1, 0, K_INT, 0},                     /* 10 uint8z */
    {2, 0, K_INT, 0},                     /* 11 uint16z */
    {4, 0, K_INT, 0},                     /* 12 uint32z */
    {1, 0, K_BYTES, 0xFF},                /* 13 byte */
    {8, 1, K_INT, 0x7FFFFFFFFFFFFFFFull}, /* 14 sint64 */
    {8, 0, K_INT, UINT64_MAX},            /* 15 uint64 */
    {8, 0, K_INT, 0},                     /* 16 uint64z */
};

uint16_t tendo_fit_crc(uint16_t crc, const uint8_t *p, size_t n)
{
    /* CRC-16 with the reflected polynomial 0xA001, as FIT defines it,
     * eight bytes per step (slice-by-8), then byte by byte */
    const uint16_t(*t)[256] = fit_crc_table;
    while (n >= 8) {
        crc = (uint16_t)(t[7][(p[0] ^ crc) & 0xFF] ^
                         t[6][(p[1] ^ (crc >> 8)) & 0xFF] ^ t[5][p[2]] ^
                         t[4][p[3]] ^ t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^
                         t[0][p[7]]);
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (uint16_t)((crc >> 8) ^ t[0][(crc ^ *p++) & 0xFF]);
    return crc;
}

static uint64_t rd(const uint8_t *p, unsigned n, int big)
{
    uint64_t v = 0;
    if (big)
        for (unsigned i = 0; i < n; i++)
            v = v << 8 | p[i];
    else
        for (unsigned i = n; i-- > 0;)
            v = v << 8 | p[i];
    return v;
}

static void warn(struct dec *d, const char *fmt, ...) TENDO_PRINTF(2, 3);
static void warn(struct dec *d, const char *fmt, ...)
{
    va_list ap;
    struct tendo_buf *w = &d->a->warnings;
    if (w->len > 4000)
        return; /* enough said */
    if (w->len)
        tendo_buf_putc(w, '\n');
    va_start(ap, fmt);
    tendo_buf_vprintf(w, fmt, ap);
    va_end(ap);
}

/* The first element of field i of a data message as a number; 0 if the
 * field holds its type's invalid value or is not numeric. */
static int num(const struct fdef *df, int i, const uint8_t *msg, double *out)
{
    unsigned bt = df->f[i].base & 0x1F;
    unsigned size;
    uint64_t v;
    if (bt > 16)
        return 0;
    size = base_types[bt].size;
    if (df->f[i].size < size || base_types[bt].kind == K_STRING ||
        base_types[bt].kind == K_BYTES)
        return 0;
    v = rd(msg + df->f[i].off, size, df->big);
    if (v == base_types[bt].invalid)
        return 0;
    if (base_types[bt].kind == K_FLOAT) {
        if (size == 4) {
            uint32_t u = (uint32_t)v;
            float f;
            memcpy(&f, &u, 4);
            *out = f;
        } else {
            memcpy(out, &v, 8);
        }
        return isfinite(*out);
    }
    if (base_types[bt].is_signed) {
        unsigned shift = 64 - 8 * size;
        *out = (double)((int64_t)(v << shift) >> shift);
    } else {
        *out = (double)v;
    }
    /* every field tendo reads fits 32 bits; anything else is damage */
    return *out >= -2147483648.0 && *out <= 4294967295.0;
}

/* num() limited to [lo, hi], so conversions to narrower integers are
 * defined whatever a damaged file holds. */
static int num_in(const struct fdef *df, int i, const uint8_t *msg,
                  double lo, double hi, double *out)
{
    return num(df, i, msg, out) && *out >= lo && *out <= hi;
}

#define U8 0, 255
#define U16 0, 65535
#define U32 0, 4294967295.0
#define S32 -2147483648.0, 2147483647.0

static int64_t fit_time(double v)
{
    return (int64_t)v + TENDO_FIT_EPOCH;
}

/* Makes room for one more element; `want` is the capacity to start with. */
static int grow(void **arr, size_t n, size_t *cap, size_t elem,
                size_t cap_limit, size_t want)
{
    void *p;
    size_t ncap;
    if (n >= cap_limit)
        return TENDO_ELIMIT;
    if (n < *cap)
        return TENDO_OK;
    ncap = *cap ? *cap * 2 : (want > 16 ? want : 16);
    if (ncap > cap_limit)
        ncap = cap_limit;
    if (!(p = tendo_realloc(*arr, ncap * elem)))
        return TENDO_ENOMEM;
    *arr = p;
    *cap = ncap;
    return TENDO_OK;
}

void tendo_fit_record_init(struct tendo_fit_record *r)
{
    r->time = INT64_MIN;
    r->distance_m = r->speed_mps = r->altitude_m = r->cadence = NAN;
    r->lat = r->lon = INT32_MAX;
    r->hr = -1;
    r->temp_c = INT16_MIN;
}

void tendo_fit_summary_init(struct tendo_fit_summary *s)
{
    s->start = s->timestamp = INT64_MIN;
    s->sport = s->sub_sport = TENDO_UNSET;
    s->elapsed_s = s->timer_s = s->distance_m = s->avg_cadence =
        s->ascent_m = NAN;
    s->avg_hr = s->max_hr = s->rpe = s->feel = TENDO_UNSET;
    s->notes[0] = '\0';
}

/* The four appenders differ only in their array. */
#define FIT_APPENDER(name, type, arr, n, cap, limit)                        \
    int name(struct tendo_fit_activity *a, const type *x)                   \
    {                                                                       \
        int rc = grow((void **)&a->arr, a->n, &a->cap, sizeof *a->arr,     \
                      (limit), 0);                                          \
        if (rc)                                                             \
            return rc;                                                      \
        a->arr[a->n++] = *x;                                                \
        return TENDO_OK;                                                    \
    }

FIT_APPENDER(tendo_fit_add_record, struct tendo_fit_record, records, nrecords,
             cap_records, TENDO_FIT_MAX_RECORDS)
FIT_APPENDER(tendo_fit_add_session, struct tendo_fit_summary, sessions,
             nsessions, cap_sessions, TENDO_FIT_MAX_SUMMARIES)
FIT_APPENDER(tendo_fit_add_lap, struct tendo_fit_summary, laps, nlaps,
             cap_laps, TENDO_FIT_MAX_SUMMARIES)
FIT_APPENDER(tendo_fit_add_event, struct tendo_fit_event, events, nevents,
             cap_events, TENDO_FIT_MAX_SUMMARIES)

struct tendo_fit_activity *tendo_fit_new(void)
{
    struct tendo_fit_activity *a = tendo_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->file_type = a->manufacturer = a->product = TENDO_UNSET;
    a->sport_msg = a->sub_sport_msg = TENDO_UNSET;
    a->time_created = INT64_MIN;
    a->utc_offset_s = INT32_MIN;
    a->header_crc_ok = a->file_crc_ok = -1;
    tendo_buf_init(&a->warnings, 8192);
    return a;
}

void tendo_fit_free(struct tendo_fit_activity *a)
{
    if (!a)
        return;
    tendo_free(a->sessions);
    tendo_free(a->laps);
    tendo_free(a->records);
    tendo_free(a->events);
    tendo_free(a->workout);
    tendo_buf_release(&a->warnings);
    tendo_free(a);
}

/* ---- one data message per global message kind -------------------------- */

/* Builds the plan of a record definition: the fields tendo reads, each
 * an integer of its base type's size (anything else is skipped by size,
 * as unknown fields are). */
static void plan_record(struct fdef *df)
{
    struct plan *pl = &df->plan;
    for (int k = 0; k < R_COUNT; k++)
        pl->at[k] = -1;
    for (int i = 0; i < df->nfields; i++) {
        unsigned bt = df->f[i].base & 0x1F;
        int k;
        switch (df->f[i].num) {
        case 253: k = R_TS; break;
        case 0: k = R_LAT; break;
        case 1: k = R_LON; break;
        case 2: k = R_ALT; break;
        case 78: k = R_EALT; break;
        case 3: k = R_HR; break;
        case 4: k = R_CAD; break;
        case 53: k = R_FRAC; break;
        case 5: k = R_DIST; break;
        case 6: k = R_SPEED; break;
        case 73: k = R_ESPEED; break;
        case 8: k = R_CSD; break;
        case 13: k = R_TEMP; break;
        default: continue;
        }
        if (k == R_CSD) {
            if (df->f[i].size < 3)
                continue;
            pl->sz[k] = 3;
            pl->inv[k] = 0xFFFFFF;
            pl->sg[k] = 0;
        } else {
            if (bt > 16 || base_types[bt].kind != K_INT ||
                base_types[bt].size > 4 ||
                df->f[i].size != base_types[bt].size)
                continue;
            pl->sz[k] = base_types[bt].size;
            pl->inv[k] = (uint32_t)base_types[bt].invalid;
            pl->sg[k] = base_types[bt].is_signed;
        }
        pl->at[k] = (int32_t)df->f[i].off;
    }
}

static inline uint32_t ld(const uint8_t *p, unsigned size, int big)
{
    switch (size) {
    case 1:
        return p[0];
    case 2:
        return big ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
    case 3:
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    default:
        return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                         (uint32_t)p[2] << 8 | p[3]
                   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
                         (uint32_t)p[1] << 8 | p[0];
    }
}

/* Reads field k of a record into v; false if absent or invalid. */
#define GET(k)                                                            \
    (pl->at[k] >= 0 &&                                                    \
     (v = ld(m + pl->at[k], pl->sz[k], big)) != pl->inv[k])

static int32_t sext(uint32_t v, unsigned size, int is_signed)
{
    if (!is_signed)
        return v > INT32_MAX ? INT32_MAX : (int32_t)v;
    return size == 4 ? (int32_t)v : size == 2 ? (int16_t)v : (int8_t)v;
}

/* A record through its definition's plan: the hot path of every file. */
static int on_record_fast(struct dec *d, const struct fdef *df,
                          const uint8_t *m, int64_t ts)
{
    struct tendo_fit_activity *a = d->a;
    const struct plan *pl = &df->plan;
    struct tendo_fit_record *r;
    const int big = df->big;
    uint32_t v;
    /* the first record reserves room for as many as the file can hold */
    size_t want = d->len / (df->size + 1) + 1;
    int rc = grow((void **)&a->records, a->nrecords, &a->cap_records,
                  sizeof *a->records, TENDO_FIT_MAX_RECORDS,
                  want < (1u << 20) ? want : (1u << 20));
    if (rc)
        return rc;
    r = &a->records[a->nrecords];
    r->time = ts;
    r->distance_m = r->speed_mps = r->altitude_m = r->cadence = NAN;
    r->lat = r->lon = INT32_MAX;
    r->hr = -1;
    r->temp_c = INT16_MIN;
    if (GET(R_TS)) {
        r->time = (int64_t)v + TENDO_FIT_EPOCH;
        d->last_ts = v;
        d->have_ts = 1;
    }
    if (GET(R_LAT))
        r->lat = sext(v, pl->sz[R_LAT], pl->sg[R_LAT]);
    if (GET(R_LON))
        r->lon = sext(v, pl->sz[R_LON], pl->sg[R_LON]);
    if (GET(R_EALT))
        r->altitude_m = v * 0.2 - 500.0;
    else if (GET(R_ALT))
        r->altitude_m = v * 0.2 - 500.0;
    if (GET(R_HR))
        r->hr = v <= 255 ? (int16_t)v : -1;
    if (GET(R_CAD)) {
        uint32_t whole = v;
        r->cadence = (double)whole;
        if (GET(R_FRAC))
            r->cadence += v * (1.0 / 128.0);
    }
    if (GET(R_DIST))
        r->distance_m = v * 0.01;
    if (GET(R_TEMP)) {
        int32_t c = sext(v, pl->sz[R_TEMP], pl->sg[R_TEMP]);
        if (c > -100 && c < 100)
            r->temp_c = (int16_t)c;
    }
    if (GET(R_ESPEED))
        r->speed_mps = v * 0.001;
    else if (GET(R_SPEED))
        r->speed_mps = v * 0.001;
    if (GET(R_CSD)) {
        /* compressed speed (12 bits, 1/100 m/s) and distance (12 bits,
         * 1/16 m, rolling over: accumulate the differences) */
        uint32_t d12 = v >> 12 & 0xFFF;
        if (isnan(r->speed_mps))
            r->speed_mps = (v & 0xFFF) * 0.01;
        if (d->csd_have)
            d->csd_accum += (d12 - d->csd_last) & 0xFFF;
        else
            d->csd_accum = d12;
        d->csd_last = d12;
        d->csd_have = 1;
        r->distance_m = (double)d->csd_accum / 16.0;
    }
    a->nrecords++;
    return TENDO_OK;
}

#undef GET

static void on_summary(const struct fdef *df, const uint8_t *m, int lap,
                       struct tendo_fit_summary *s)
{
    double v, cad = NAN, frac = 0;
    tendo_fit_summary_init(s);
    for (int i = 0; i < df->nfields; i++) {
        int n = df->f[i].num;
        if (!num_in(df, i, m, U32, &v))
            continue;
        if (v > 255 && n != 253 && n != 2 && n != 7 && n != 8 && n != 9 &&
            n != (lap ? 21 : 22))
            continue; /* the one-byte fields: damage */
        if (n == 253)
            s->timestamp = fit_time(v);
        else if (n == 2)
            s->start = fit_time(v);
        else if (n == 7)
            s->elapsed_s = v / 1000.0;
        else if (n == 8)
            s->timer_s = v / 1000.0;
        else if (n == 9)
            s->distance_m = v / 100.0;
        else if (!lap && n == 5)
            s->sport = (int)v;
        else if (!lap && n == 6)
            s->sub_sport = (int)v;
        else if (lap && n == 25)
            s->sport = (int)v;
        else if (lap && n == 39)
            s->sub_sport = (int)v;
        else if (n == (lap ? 15 : 16))
            s->avg_hr = (int)v;
        else if (n == (lap ? 16 : 17))
            s->max_hr = (int)v;
        else if (n == (lap ? 17 : 18))
            cad = v;
        else if (n == (lap ? 80 : 92))
            frac = v / 128.0;
        else if (n == (lap ? 21 : 22))
            s->ascent_m = v;
        else if (!lap && n == 192)
            s->feel = (int)v;
        else if (!lap && n == 193 && v <= 100)
            s->rpe = (int)lround(v / 10.0);
    }
    if (!isnan(cad))
        s->avg_cadence = cad + frac;
}

/* A string field into out[n]: printable bytes up to its NUL, others '?' */
static void str_field(const struct fdef *df, int i, const uint8_t *m,
                      char *out, size_t n)
{
    const uint8_t *p = m + df->f[i].off;
    size_t k = 0;
    while (k < df->f[i].size && k + 1 < n && p[k]) {
        out[k] = (p[k] >= 0x20 && p[k] != 0x7f) ? (char)p[k] : '?';
        k++;
    }
    out[k] = '\0';
    if (!text_utf8_valid(out, k)) /* cut mid-character, or not UTF-8 */
        for (size_t j = 0; j < k; j++)
            if ((unsigned char)out[j] >= 0x80)
                out[j] = '?';
}

static struct tendo_fit_workout *workout_of(struct tendo_fit_activity *a)
{
    if (!a->workout && (a->workout = tendo_malloc(sizeof *a->workout)))
        tendo_fit_workout_init(a->workout);
    return a->workout;
}

/* workout (26) and workout_step (27): the values as the file holds them */
static int on_workout(struct dec *d, const struct fdef *df, const uint8_t *m)
{
    struct tendo_fit_workout *w = workout_of(d->a);
    struct tendo_fit_step *st;
    double v;
    if (!w)
        return TENDO_ENOMEM;
    if (df->global == 26) {
        for (int i = 0; i < df->nfields; i++) {
            int n = df->f[i].num;
            if (n == 8 && df->f[i].base == 7)
                str_field(df, i, m, w->name, sizeof w->name);
            else if (n == 4 && num_in(df, i, m, U8, &v))
                w->sport = (int)v;
            else if (n == 11 && num_in(df, i, m, U8, &v))
                w->sub_sport = (int)v;
        }
        return TENDO_OK;
    }
    if (w->nsteps == TENDO_FIT_WORKOUT_STEPS_MAX) {
        if (w->nsteps++ == TENDO_FIT_WORKOUT_STEPS_MAX)
            warn(d, "more than %d workout steps: the rest are skipped",
                 TENDO_FIT_WORKOUT_STEPS_MAX);
        w->nsteps = TENDO_FIT_WORKOUT_STEPS_MAX;
        return TENDO_OK;
    }
    st = &w->steps[w->nsteps++];
    tendo_fit_step_init(st);
    for (int i = 0; i < df->nfields; i++) {
        int n = df->f[i].num;
        if ((n == 0 || n == 8) && df->f[i].base == 7) {
            if (n == 0)
                str_field(df, i, m, st->name, sizeof st->name);
            else
                str_field(df, i, m, st->notes, sizeof st->notes);
            continue;
        }
        if (!num_in(df, i, m, U32, &v))
            continue;
        switch (n) {
        case 1: if (v <= 255) st->duration_type = (int)v; break;
        case 2: st->duration_value = (uint32_t)v; break;
        case 3: if (v <= 255) st->target_type = (int)v; break;
        case 4: st->target_value = (uint32_t)v; break;
        case 5: st->target_low = (uint32_t)v; break;
        case 6: st->target_high = (uint32_t)v; break;
        case 7: if (v <= 255) st->intensity = (int)v; break;
        case 10: if (v <= 65535) st->exercise_category = (int)v; break;
        case 11: if (v <= 65535) st->exercise_name = (int)v; break;
        case 12: if (v <= 65535) st->weight_kg = v / 100.0; break;
        default: break;
        }
    }
    return TENDO_OK;
}

static int on_data(struct dec *d, const struct fdef *df, const uint8_t *m,
                   int64_t ts)
{
    struct tendo_fit_activity *a = d->a;
    double v;
    if (df->global == 20) /* records: the compiled plan */
        return on_record_fast(d, df, m, ts);
    /* every message's timestamp (field 253) feeds compressed headers */
    for (int i = 0; i < df->nfields; i++) {
        if (df->f[i].num == 253 && num_in(df, i, m, U32, &v)) {
            d->last_ts = (uint32_t)v;
            d->have_ts = 1;
        }
    }
    switch (df->global) {
    case 0: /* file_id */
        if (a->file_type != TENDO_UNSET)
            break; /* the first one counts */
        for (int i = 0; i < df->nfields; i++) {
            int n = df->f[i].num;
            if (n == 8 && df->f[i].base == 7) {
                size_t k = 0;
                const uint8_t *s = m + df->f[i].off;
                while (k < df->f[i].size && k + 1 < sizeof a->product_name &&
                       s[k]) {
                    a->product_name[k] = (s[k] >= 0x20 && s[k] != 0x7f)
                                             ? (char)s[k]
                                             : '?';
                    k++;
                }
                a->product_name[k] = '\0';
                continue;
            }
            if (!num_in(df, i, m, U32, &v))
                continue;
            if (n == 0 && v <= 255)
                a->file_type = (int)v;
            else if (n == 1 && v <= 65535)
                a->manufacturer = (int)v;
            else if (n == 2 && v <= 65535)
                a->product = (int)v;
            else if (n == 3)
                a->serial = (uint32_t)v;
            else if (n == 4)
                a->time_created = fit_time(v);
        }
        if (a->file_type == TENDO_UNSET)
            a->file_type = -1; /* a file_id without a type */
        break;
    case 18: { /* session */
        struct tendo_fit_summary s;
        on_summary(df, m, 0, &s);
        return tendo_fit_add_session(a, &s);
    }
    case 19: { /* lap */
        struct tendo_fit_summary s;
        on_summary(df, m, 1, &s);
        return tendo_fit_add_lap(a, &s);
    }
    case 21: { /* event */
        struct tendo_fit_event e = {ts, TENDO_UNSET, TENDO_UNSET};
        for (int i = 0; i < df->nfields; i++) {
            if (!num_in(df, i, m, U32, &v))
                continue;
            if (df->f[i].num == 253)
                e.time = fit_time(v);
            else if (df->f[i].num == 0 && v <= 255)
                e.event = (int)v;
            else if (df->f[i].num == 1 && v <= 255)
                e.type = (int)v;
        }
        if (e.event == 0) /* timer events only */
            return tendo_fit_add_event(a, &e);
        break;
    }
    case 34: { /* activity: local_timestamp - timestamp = UTC offset */
        double t = NAN, local = NAN;
        for (int i = 0; i < df->nfields; i++) {
            if (df->f[i].num == 253 && num_in(df, i, m, U32, &v))
                t = v;
            else if (df->f[i].num == 5 && num_in(df, i, m, U32, &v))
                local = v;
        }
        if (!isnan(t) && !isnan(local) && fabs(local - t) <= 16 * 3600)
            a->utc_offset_s = (int32_t)(local - t);
        break;
    }
    case 12: /* sport */
        for (int i = 0; i < df->nfields; i++) {
            if (df->f[i].num == 0 && num_in(df, i, m, U8, &v))
                a->sport_msg = (int)v;
            else if (df->f[i].num == 1 && num_in(df, i, m, U8, &v))
                a->sub_sport_msg = (int)v;
        }
        break;
    case 23: { /* device_info: the creator (index 0) names the device when
                * file_id does not */
        double idx = NAN, man = NAN, prod = NAN;
        for (int i = 0; i < df->nfields; i++) {
            if (df->f[i].num == 0 && num_in(df, i, m, U8, &v))
                idx = v;
            else if (df->f[i].num == 2 && num_in(df, i, m, U16, &v))
                man = v;
            else if (df->f[i].num == 4 && num_in(df, i, m, U16, &v))
                prod = v;
        }
        if (idx == 0 && a->manufacturer == TENDO_UNSET && !isnan(man)) {
            a->manufacturer = (int)man;
            if (!isnan(prod))
                a->product = (int)prod;
        }
        break;
    }
    case 26: /* workout */
    case 27: /* workout_step */
        return on_workout(d, df, m);
    case 207: /* developer_data_id */
        a->developer_data_ids++;
        break;
    default:
        break;
    }
    return TENDO_OK;
}

/* ---- the message stream ------------------------------------------------ */

/* Why decoding stopped, for the warning or the error. */
struct stop {
    size_t offset;
    char why[160];
};

/* Decodes the messages in [pos, end). Returns TENDO_OK, or an error that
 * is fatal (out of memory, over a limit); corruption fills *stop and
 * returns TENDO_EFORMAT. `slack` bytes after `end` (the CRC) may hold the
 * tail of the last message. */
static int messages(struct dec *d, size_t pos, size_t end, size_t slack,
                    struct stop *stop)
{
    const uint8_t *p = d->p;
    int rc;
    while (pos < end) {
        uint8_t h = p[pos];
        size_t start = pos;
        if ((h & 0xC0) == 0x40) {
            /* definition message */
            struct fdef *df = &d->defs[h & 0x0F];
            size_t need = 6;
            uint8_t nf;
            uint32_t size = 0;
            if (start + need > end + slack)
                goto short_msg;
            if (p[start + 2] > 1) {
                stop->offset = start;
                snprintf(stop->why, sizeof stop->why,
                         "definition with unknown byte order %u",
                         p[start + 2]);
                return TENDO_EFORMAT;
            }
            nf = p[start + 5];
            need += 3u * nf;
            if (start + need > end + slack)
                goto short_msg;
            df->valid = 0;
            df->big = p[start + 2];
            df->global = (uint16_t)rd(p + start + 3, 2, df->big);
            df->nfields = nf;
            for (unsigned i = 0; i < nf; i++) {
                const uint8_t *fd = p + start + 6 + 3 * i;
                df->f[i].num = fd[0];
                df->f[i].size = fd[1];
                df->f[i].base = fd[2];
                df->f[i].off = size;
                size += fd[1];
            }
            if (h & 0x20) {
                /* developer fields: skipped by their size */
                unsigned ndev;
                if (start + need + 1 > end + slack)
                    goto short_msg;
                ndev = p[start + need];
                need += 1 + 3u * ndev;
                if (start + need > end + slack)
                    goto short_msg;
                for (unsigned i = 0; i < ndev; i++)
                    size += p[start + need - 3u * ndev + 3 * i + 1];
            }
            df->size = size;
            df->valid = 1;
            if (df->global == 20)
                plan_record(df);
            pos = start + need;
        } else {
            /* a data message; with the compressed-timestamp header (bit 7)
             * the local type is 0-3 and a 5-bit time offset rides along */
            int compressed = (h & 0x80) != 0;
            int local = compressed ? (h >> 5) & 3 : h & 0x0F;
            struct fdef *df = &d->defs[local];
            int64_t ts = INT64_MIN;
            if (!df->valid) {
                stop->offset = start;
                snprintf(stop->why, sizeof stop->why,
                         "%smessage for undefined local type %d",
                         compressed ? "compressed-timestamp " : "data ",
                         local);
                return TENDO_EFORMAT;
            }
            if (start + 1 + df->size > end + slack) {
                stop->offset = start;
                snprintf(stop->why, sizeof stop->why,
                         "message runs past the end of the data");
                return TENDO_ETRUNCATED;
            }
            if (compressed) {
                uint32_t off = h & 0x1F;
                uint32_t t = (d->last_ts & ~0x1Fu) + off;
                if (off < (d->last_ts & 0x1F))
                    t += 0x20;
                if (d->have_ts) {
                    d->last_ts = t;
                    ts = fit_time(t);
                }
            }
            if ((rc = on_data(d, df, p + start + 1, ts)))
                return rc;
            pos = start + 1 + df->size;
        }
        if (pos > end) {
            /* the last message ran into the CRC bytes: keep it, stop */
            stop->offset = start;
            snprintf(stop->why, sizeof stop->why,
                     "the last message runs into the file CRC");
            return TENDO_EINVAL;
        }
        continue;
    short_msg:
        stop->offset = start;
        snprintf(stop->why, sizeof stop->why,
                 "definition runs past the end of the data");
        return TENDO_ETRUNCATED;
    }
    return TENDO_OK;
}

/* Decodes one FIT file starting at `at`; sets *next to the byte after it.
 * `first` is false for chained files, whose problems are only warnings. */
static int one_file(struct dec *d, size_t at, int first, size_t *next)
{
    const uint8_t *p = d->p + at;
    size_t avail = d->len - at, hsize, data_size, end;
    struct stop stop = {0, ""};
    int rc;

    if (avail < 12 || p[0] < 12 || memcmp(p + 8, ".FIT", 4) != 0) {
        tendo_error_offset(d->err, at);
        return tendo_fail(d->err, TENDO_EFORMAT,
                          "not a FIT file (no '.FIT' header)");
    }
    hsize = p[0];
    if (hsize > avail) {
        tendo_error_offset(d->err, at);
        return tendo_fail(d->err, TENDO_ETRUNCATED,
                          "the file ends inside its %zu-byte header", hsize);
    }
    data_size = (size_t)rd(p + 4, 4, 0);
    if (hsize >= 14) {
        uint16_t want = (uint16_t)rd(p + 12, 2, 0);
        if (want != 0) {
            int ok = tendo_fit_crc(0, p, 12) == want;
            if (first)
                d->a->header_crc_ok = ok;
            if (!ok)
                warn(d, "header CRC does not match (data read anyway)");
        }
    }
    if (data_size == 0 && avail >= hsize + 2) {
        /* some writers stream and never fill the size in */
        data_size = avail - hsize - 2;
        warn(d, "header gives no data size; reading to the end of the file");
    }
    if (hsize + data_size + 2 > avail) {
        tendo_error_offset(d->err, at + avail);
        return tendo_fail(d->err, TENDO_ETRUNCATED,
                          "the file ends after %zu bytes but its header "
                          "promises %zu (cut short?)",
                          at + avail, at + hsize + data_size + 2);
    }
    end = hsize + data_size;
    {
        uint16_t want = (uint16_t)rd(p + end, 2, 0);
        int ok = tendo_fit_crc(0, p, end) == want;
        if (first)
            d->a->file_crc_ok = ok;
        if (!ok)
            warn(d, "file CRC does not match (data read anyway)");
    }
    memset(d->defs, 0, sizeof d->defs);
    rc = messages(d, at + hsize, at + end, 2, &stop);
    if (rc == TENDO_ENOMEM || rc == TENDO_ELIMIT) {
        tendo_error_offset(d->err, stop.offset);
        return tendo_fail(d->err, rc, rc == TENDO_ENOMEM
                                          ? "out of memory"
                                          : "more records or laps than "
                                            "tendo accepts in one file");
    }
    if (rc == TENDO_EINVAL)
        warn(d, "byte %zu: %s (kept)", stop.offset, stop.why);
    else if (rc)
        warn(d, "byte %zu: %s; what came before is kept", stop.offset,
             stop.why);
    if (rc && first && !d->a->nrecords && !d->a->nsessions) {
        tendo_error_offset(d->err, stop.offset);
        return tendo_fail(d->err, rc == TENDO_ETRUNCATED ? TENDO_ETRUNCATED
                                                         : TENDO_EFORMAT,
                          "%s", stop.why);
    }
    *next = at + end + 2;
    return TENDO_OK;
}

int tendo_fit_decode(const uint8_t *data, size_t len,
                     struct tendo_fit_activity **out, struct tendo_error *err)
{
    struct dec *d;
    size_t at = 0, next = 0;
    int rc;

    *out = NULL;
    d = tendo_calloc(1, sizeof *d);
    if (!d)
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    d->p = data;
    d->len = len;
    d->err = err;
    if (!(d->a = tendo_fit_new())) {
        tendo_free(d);
        return tendo_fail(err, TENDO_ENOMEM, "out of memory");
    }
    if ((rc = one_file(d, 0, 1, &next)))
        goto fail;
    /* chained FIT files (a heart-rate strap's swim data, ...) */
    while (next < len) {
        at = next;
        if (len - at >= 12 && memcmp(data + at + 8, ".FIT", 4) == 0) {
            struct tendo_error ignore = {0};
            d->err = &ignore;
            rc = one_file(d, at, 0, &next);
            d->err = err;
            if (rc == TENDO_ENOMEM || rc == TENDO_ELIMIT) {
                tendo_fail(err, rc, "%s", ignore.msg);
                goto fail;
            }
            if (rc) {
                warn(d, "byte %zu: chained FIT file not read: %s", at,
                     ignore.msg);
                break;
            }
            d->a->chained++;
        } else {
            warn(d, "%zu bytes after the FIT data ignored", len - at);
            break;
        }
    }
    d->a->bytes_used = next < len ? next : len;
    if (d->a->workout) { /* its file_id is the workout's */
        d->a->workout->serial = d->a->serial;
        d->a->workout->time_created = d->a->time_created;
    }
    if (d->a->warnings.err) {
        rc = tendo_fail(err, TENDO_ENOMEM, "out of memory");
        goto fail;
    }
    *out = d->a;
    tendo_free(d);
    return TENDO_OK;
fail:
    tendo_fit_free(d->a);
    tendo_free(d);
    return rc;
}
