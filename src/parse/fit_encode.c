/*
 * parse/fit_encode.c - writes FIT activity and workout files (tendo/fit.h).
 *
 * One definition per message kind (local types 0-5), then the data in
 * file order: file_id, timer events, records, laps, sessions, activity.
 * Unknown values are written as the protocol's invalid values. With
 * TENDO_FIT_ENC_COMPRESSED_TS, records whose time is 0-31 s after the
 * previous timestamp use the one-byte compressed header instead of a
 * timestamp field; with TENDO_FIT_ENC_BIG_ENDIAN every definition says
 * big-endian and the data follows it. The tests use both to reach the
 * decoder's other paths.
 */
#include "tendo/fit.h"

#include <math.h>
#include <string.h>

struct enc {
    struct tendo_buf *b;
    int big;
};

static void put(struct enc *e, uint64_t v, unsigned n)
{
    uint8_t tmp[8];
    for (unsigned i = 0; i < n; i++)
        tmp[e->big ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
    tendo_buf_add(e->b, tmp, n);
}

/* A field of a definition: number, size, base type. */
struct fd {
    uint8_t num, size, base;
};

static void define(struct enc *e, int local, uint16_t global,
                   const struct fd *f, int n)
{
    tendo_buf_putc(e->b, (char)(0x40 | local));
    tendo_buf_putc(e->b, 0);
    tendo_buf_putc(e->b, (char)e->big);
    put(e, global, 2);
    tendo_buf_putc(e->b, (char)n);
    for (int i = 0; i < n; i++) {
        tendo_buf_putc(e->b, (char)f[i].num);
        tendo_buf_putc(e->b, (char)f[i].size);
        tendo_buf_putc(e->b, (char)f[i].base);
    }
}

static uint64_t u(double v, double scale, double offset, uint64_t invalid,
                  uint64_t max)
{
    double x;
    if (isnan(v))
        return invalid;
    x = round((v + offset) * scale);
    if (x < 0 || x >= (double)max)
        return invalid;
    return (uint64_t)x;
}

static uint32_t ft(int64_t t)
{
    if (t == INT64_MIN || t < TENDO_FIT_EPOCH ||
        t - TENDO_FIT_EPOCH >= 0xFFFFFFFFll)
        return 0xFFFFFFFFu;
    return (uint32_t)(t - TENDO_FIT_EPOCH);
}

static void cadence(double c, uint8_t *whole, uint8_t *frac)
{
    double w, f;
    if (isnan(c) || c < 0 || c >= 255) {
        *whole = 0xFF;
        *frac = 0xFF;
        return;
    }
    w = floor(c);
    f = round((c - w) * 128);
    if (f >= 128) {
        w += 1;
        f = 0;
    }
    *whole = (uint8_t)w;
    *frac = (uint8_t)f;
}

static const struct fd record_fields[] = {
    {253, 4, 0x86}, {0, 4, 0x85}, {1, 4, 0x85}, {5, 4, 0x86},
    {73, 4, 0x86},  {78, 4, 0x86}, {3, 1, 0x02}, {4, 1, 0x02},
    {53, 1, 0x02}, {13, 1, 0x01}};

static void record(struct enc *e, const struct tendo_fit_record *r,
                   int with_ts)
{
    uint8_t cw, cf;
    cadence(r->cadence, &cw, &cf);
    if (with_ts)
        put(e, ft(r->time), 4);
    put(e, r->lat == INT32_MAX ? 0x7FFFFFFFu : (uint32_t)r->lat, 4);
    put(e, r->lon == INT32_MAX ? 0x7FFFFFFFu : (uint32_t)r->lon, 4);
    put(e, u(r->distance_m, 100, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, u(r->speed_mps, 1000, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, u(r->altitude_m, 5, 500, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, r->hr < 0 || r->hr > 254 ? 0xFF : (uint8_t)r->hr, 1);
    put(e, cw, 1);
    put(e, cf, 1);
    put(e, r->temp_c > -128 && r->temp_c < 128 ? (uint8_t)(int8_t)r->temp_c
                                                : 0x7F,
        1);
}

static void summary(struct enc *e, const struct tendo_fit_summary *s, int lap)
{
    uint8_t cw, cf;
    cadence(s->avg_cadence, &cw, &cf);
    put(e, ft(s->timestamp), 4);
    put(e, ft(s->start), 4);
    put(e, u(s->elapsed_s, 1000, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, u(s->timer_s, 1000, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, u(s->distance_m, 100, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, u(s->ascent_m, 1, 0, 0xFFFF, 0xFFFF), 2);
    put(e, s->sport == TENDO_UNSET ? 0xFF : (uint8_t)s->sport, 1);
    put(e, s->sub_sport == TENDO_UNSET ? 0xFF : (uint8_t)s->sub_sport, 1);
    put(e, s->avg_hr == TENDO_UNSET ? 0xFF : (uint8_t)s->avg_hr, 1);
    put(e, s->max_hr == TENDO_UNSET ? 0xFF : (uint8_t)s->max_hr, 1);
    put(e, cw, 1);
    put(e, cf, 1);
    if (!lap) {
        put(e, s->feel == TENDO_UNSET ? 0xFF : (uint8_t)s->feel, 1);
        put(e, s->rpe == TENDO_UNSET ? 0xFF : (uint8_t)(s->rpe * 10), 1);
    }
}

/* file_id: local type 0 */
static void file_id_msg(struct enc *e, const struct tendo_fit_activity *a,
                        size_t name_len)
{
    struct fd fields[6] = {{0, 1, 0x00}, {1, 2, 0x84}, {2, 2, 0x84},
                           {3, 4, 0x8C}, {4, 4, 0x86},
                           {8, (uint8_t)(name_len + 1), 0x07}};
    define(e, 0, 0, fields, name_len ? 6 : 5);
    tendo_buf_putc(e->b, 0);
    put(e, a->file_type == TENDO_UNSET || a->file_type < 0
               ? 0xFF
               : (uint8_t)a->file_type,
        1);
    put(e, a->manufacturer == TENDO_UNSET ? 0xFFFF : (uint16_t)a->manufacturer,
        2);
    put(e, a->product == TENDO_UNSET ? 0xFFFF : (uint16_t)a->product, 2);
    put(e, a->serial, 4);
    put(e, ft(a->time_created), 4);
    if (name_len)
        tendo_buf_add(e->b, a->product_name, name_len + 1);
}

/* events: local type 1 */
static void event_msgs(struct enc *e, const struct tendo_fit_activity *a)
{
    static const struct fd fields[] = {{253, 4, 0x86}, {0, 1, 0x00},
                                       {1, 1, 0x00}};
    define(e, 1, 21, fields, 3);
    for (size_t i = 0; i < a->nevents; i++) {
        tendo_buf_putc(e->b, 1);
        put(e, ft(a->events[i].time), 4);
        put(e, a->events[i].event == TENDO_UNSET ? 0xFF
                                                 : (uint8_t)a->events[i].event,
            1);
        put(e, a->events[i].type == TENDO_UNSET ? 0xFF
                                                : (uint8_t)a->events[i].type,
            1);
    }
}

/* records: local type 2 with a timestamp field, or (compressed) local
 * type 3 without one; returns the last record's time */
static int64_t record_msgs(struct enc *e, const struct tendo_fit_activity *a,
                           int flags)
{
    uint32_t last = 0;
    int have_last = 0;
    int64_t end_time = INT64_MIN;
    define(e, 2, 20, record_fields, 10);
    define(e, 3, 20, record_fields + 1, 9);
    for (size_t i = 0; i < a->nrecords; i++) {
        const struct tendo_fit_record *r = &a->records[i];
        uint32_t t = ft(r->time);
        if ((flags & TENDO_FIT_ENC_COMPRESSED_TS) && have_last &&
            t != 0xFFFFFFFFu && t >= last && t - last < 32) {
            tendo_buf_putc(e->b, (char)(0x80 | 3 << 5 | (t & 0x1F)));
            record(e, r, 0);
        } else {
            tendo_buf_putc(e->b, 2);
            record(e, r, 1);
        }
        if (t != 0xFFFFFFFFu) {
            last = t;
            have_last = 1;
            end_time = r->time;
        }
    }
    return end_time;
}

/* laps (local type 4) and sessions (5); returns the end time */
static int64_t summary_msgs(struct enc *e, const struct tendo_fit_activity *a,
                            int64_t end_time)
{
    static const struct fd lap_fields[] = {
        {253, 4, 0x86}, {2, 4, 0x86}, {7, 4, 0x86}, {8, 4, 0x86},
        {9, 4, 0x86},   {21, 2, 0x84}, {25, 1, 0x00}, {39, 1, 0x00},
        {15, 1, 0x02},  {16, 1, 0x02}, {17, 1, 0x02}, {80, 1, 0x02}};
    static const struct fd session_fields[] = {
        {253, 4, 0x86}, {2, 4, 0x86}, {7, 4, 0x86},  {8, 4, 0x86},
        {9, 4, 0x86},   {22, 2, 0x84}, {5, 1, 0x00},  {6, 1, 0x00},
        {16, 1, 0x02},  {17, 1, 0x02}, {18, 1, 0x02}, {92, 1, 0x02},
        {192, 1, 0x02}, {193, 1, 0x02}};
    define(e, 4, 19, lap_fields, 12);
    for (size_t i = 0; i < a->nlaps; i++) {
        tendo_buf_putc(e->b, 4);
        summary(e, &a->laps[i], 1);
    }
    define(e, 5, 18, session_fields, 14);
    for (size_t i = 0; i < a->nsessions; i++) {
        tendo_buf_putc(e->b, 5);
        summary(e, &a->sessions[i], 0);
        if (a->sessions[i].timestamp != INT64_MIN)
            end_time = a->sessions[i].timestamp;
    }
    return end_time;
}

/* activity: local type 6 */
static void activity_msg(struct enc *e, const struct tendo_fit_activity *a,
                         int64_t end_time)
{
    static const struct fd fields[] = {
        {253, 4, 0x86}, {0, 4, 0x86}, {1, 2, 0x84}, {5, 4, 0x86}};
    double timer = 0;
    define(e, 6, 34, fields, 4);
    tendo_buf_putc(e->b, 6);
    for (size_t i = 0; i < a->nsessions; i++)
        if (!isnan(a->sessions[i].timer_s))
            timer += a->sessions[i].timer_s;
    put(e, ft(end_time), 4);
    put(e, u(timer, 1000, 0, 0xFFFFFFFFu, 0xFFFFFFFFu), 4);
    put(e, a->nsessions, 2);
    put(e,
        end_time == INT64_MIN || a->utc_offset_s == INT32_MIN
            ? 0xFFFFFFFFu
            : ft(end_time + a->utc_offset_s),
        4);
}

/* The file from `start` on: its data size and CRC in the header, then the
 * file CRC after the data. */
static int finish(struct tendo_buf *out, size_t start,
                  struct tendo_error *err)
{
    uint16_t crc;
    if (out->err)
        return tendo_fail(err, out->err, "cannot encode: %s",
                          tendo_strerror(out->err));
    {
        uint8_t *h = (uint8_t *)out->data + start;
        uint32_t data_size = (uint32_t)(out->len - start - 14);
        for (int i = 0; i < 4; i++)
            h[4 + i] = (uint8_t)(data_size >> (8 * i));
        crc = tendo_fit_crc(0, h, 12);
        h[12] = (uint8_t)crc;
        h[13] = (uint8_t)(crc >> 8);
        crc = tendo_fit_crc(0, h, out->len - start);
    }
    tendo_buf_putc(out, (char)(crc & 0xFF));
    tendo_buf_putc(out, (char)(crc >> 8));
    if (out->err)
        return tendo_fail(err, out->err, "cannot encode: %s",
                          tendo_strerror(out->err));
    return TENDO_OK;
}

int tendo_fit_encode(const struct tendo_fit_activity *a, int flags,
                     struct tendo_buf *out, struct tendo_error *err)
{
    struct enc e = {out, (flags & TENDO_FIT_ENC_BIG_ENDIAN) != 0};
    size_t start = out->len, name_len = strlen(a->product_name);
    uint8_t hdr[14] = {14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T'};
    int64_t end_time;

    if (name_len > 62)
        return tendo_fail(err, TENDO_EINVAL, "product name too long");
    tendo_buf_add(out, hdr, sizeof hdr);
    file_id_msg(&e, a, name_len);
    event_msgs(&e, a);
    end_time = record_msgs(&e, a, flags);
    end_time = summary_msgs(&e, a, end_time);
    activity_msg(&e, a, end_time);
    return finish(out, start, err);
}

/* ---- workouts ----------------------------------------------------------- */

void tendo_fit_step_init(struct tendo_fit_step *s)
{
    memset(s, 0, sizeof *s);
    s->duration_type = TENDO_FIT_DURATION_OPEN;
    s->target_type = TENDO_FIT_TARGET_OPEN;
    s->intensity = TENDO_UNSET;
    s->exercise_category = TENDO_UNSET;
    s->exercise_name = TENDO_UNSET;
    s->weight_kg = NAN;
}

void tendo_fit_workout_init(struct tendo_fit_workout *w)
{
    memset(w, 0, sizeof *w);
    w->sport = TENDO_UNSET;
    w->sub_sport = TENDO_UNSET;
    w->time_created = INT64_MIN;
}

/* a string field's bytes: the text and its NUL, in a field of `size` */
static void put_str(struct enc *e, const char *s, size_t size)
{
    size_t n = strlen(s);
    tendo_buf_add(e->b, s, n);
    for (size_t i = n; i < size; i++)
        tendo_buf_putc(e->b, 0);
}

static uint8_t enum8(int v)
{
    return v == TENDO_UNSET || v < 0 || v > 254 ? 0xFF : (uint8_t)v;
}

int tendo_fit_encode_workout(const struct tendo_fit_workout *w,
                             struct tendo_buf *out, struct tendo_error *err)
{
    struct enc e = {out, 0};
    size_t start = out->len, name = strlen(w->name) + 1, step_name = 1,
           notes = 1;
    uint8_t hdr[14] = {14, 0x20, 0x54, 0x08, 0, 0, 0, 0, '.', 'F', 'I', 'T'};
    if (!w->nsteps || w->nsteps > TENDO_FIT_WORKOUT_STEPS_MAX)
        return tendo_fail(err, TENDO_EINVAL, "a workout needs 1-%d steps",
                          TENDO_FIT_WORKOUT_STEPS_MAX);
    if (name > 48)
        return tendo_fail(err, TENDO_EINVAL, "workout name too long");
    for (size_t i = 0; i < w->nsteps; i++) {
        const struct tendo_fit_step *s = &w->steps[i];
        size_t n = strlen(s->name) + 1, k = strlen(s->notes) + 1;
        if (n > sizeof s->name || k > sizeof s->notes)
            return tendo_fail(err, TENDO_EINVAL, "step %zu: text too long", i);
        if (s->duration_type == TENDO_FIT_DURATION_REPEAT &&
            s->duration_value >= i)
            return tendo_fail(err, TENDO_EINVAL,
                              "step %zu repeats from step %u, not before it",
                              i, (unsigned)s->duration_value);
        step_name = n > step_name ? n : step_name;
        notes = k > notes ? k : notes;
    }
    tendo_buf_add(out, hdr, sizeof hdr);
    {
        static const struct fd fid[] = {{0, 1, 0x00}, {1, 2, 0x84},
                                        {2, 2, 0x84}, {3, 4, 0x8C},
                                        {4, 4, 0x86}};
        define(&e, 0, 0, fid, 5);
        tendo_buf_putc(out, 0);
        put(&e, TENDO_FIT_FILE_WORKOUT, 1);
        put(&e, 255, 2); /* manufacturer: development */
        put(&e, 0, 2);
        put(&e, w->serial, 4);
        put(&e, ft(w->time_created), 4);
    }
    {
        struct fd wk[] = {{4, 1, 0x00}, {11, 1, 0x00}, {6, 2, 0x84},
                          {8, (uint8_t)name, 0x07}};
        define(&e, 1, 26, wk, 4);
        tendo_buf_putc(out, 1);
        put(&e, enum8(w->sport), 1);
        put(&e, enum8(w->sub_sport), 1);
        put(&e, w->nsteps, 2);
        put_str(&e, w->name, name);
    }
    {
        struct fd st[] = {{254, 2, 0x84}, {0, (uint8_t)step_name, 0x07},
                          {1, 1, 0x00},   {2, 4, 0x86},
                          {3, 1, 0x00},   {4, 4, 0x86},
                          {5, 4, 0x86},   {6, 4, 0x86},
                          {7, 1, 0x00},   {8, (uint8_t)notes, 0x07},
                          {10, 2, 0x84},  {11, 2, 0x84},
                          {12, 2, 0x84}};
        define(&e, 2, 27, st, 13);
        for (size_t i = 0; i < w->nsteps; i++) {
            const struct tendo_fit_step *s = &w->steps[i];
            tendo_buf_putc(out, 2);
            put(&e, i, 2);
            put_str(&e, s->name, step_name);
            put(&e, enum8(s->duration_type), 1);
            put(&e, s->duration_type == TENDO_FIT_DURATION_OPEN
                        ? 0xFFFFFFFFu
                        : s->duration_value,
                4);
            put(&e, enum8(s->target_type), 1);
            put(&e, s->target_value, 4);
            put(&e, s->target_low ? s->target_low : 0xFFFFFFFFu, 4);
            put(&e, s->target_high ? s->target_high : 0xFFFFFFFFu, 4);
            put(&e, enum8(s->intensity), 1);
            put_str(&e, s->notes, notes);
            put(&e,
                s->exercise_category == TENDO_UNSET ||
                        s->exercise_category < 0 ||
                        s->exercise_category > 65534
                    ? 0xFFFF
                    : (uint16_t)s->exercise_category,
                2);
            put(&e,
                s->exercise_name == TENDO_UNSET || s->exercise_name < 0 ||
                        s->exercise_name > 65534
                    ? 0xFFFF
                    : (uint16_t)s->exercise_name,
                2);
            put(&e, u(s->weight_kg, 100, 0, 0xFFFF, 0xFFFF), 2);
        }
    }
    return finish(out, start, err);
}
