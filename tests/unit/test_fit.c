/*
 * tests/unit/test_fit.c - the FIT codec: CRC, encode -> decode round trips
 * (plain, compressed timestamps, big-endian, both), summaries (single,
 * multisport, no session), refusal of non-activity files, and hostile
 * input: every truncation, byte flips, and every allocation failing.
 */
#include "harness.h"
#include "core/alloc.h"

#define T0 ((int64_t)1700000000) /* 2023-11-14T22:13:20Z */

/* A run: n one-second records with values on the FIT scales, laps every
 * 300 s, one session, start/stop events. */
static struct tendo_fit_activity *make_run(size_t n, int with_session)
{
    struct tendo_fit_activity *a = tendo_fit_new();
    struct tendo_fit_summary s, lap;
    struct tendo_fit_event ev = {T0, 0, 0};
    assert_non_null(a);
    a->file_type = TENDO_FIT_FILE_ACTIVITY;
    a->manufacturer = 1;
    a->product = 3113;
    a->serial = 3912345678u;
    a->time_created = T0;
    a->utc_offset_s = 3600;
    snprintf(a->product_name, sizeof a->product_name, "test watch");
    assert_int_equal(tendo_fit_add_event(a, &ev), 0);
    for (size_t i = 0; i < n; i++) {
        struct tendo_fit_record r;
        tendo_fit_record_init(&r);
        r.time = T0 + (int64_t)i + (i > n / 2 ? 40 : 0); /* a pause */
        r.distance_m = (double)i * 2.75;
        r.speed_mps = 2.75;
        r.altitude_m = 100.0 + (double)(i % 50) / 5.0;
        r.cadence = 84 + (double)(i % 3) / 128.0 * 32;
        r.hr = (int16_t)(120 + i % 40);
        r.lat = 600000000 + (int32_t)i * 30;
        r.lon = 100000000 - (int32_t)i * 20;
        r.temp_c = (int16_t)(18 - (int)(i % 30));
        if (i == 7) { /* a sample with gaps */
            r.hr = -1;
            r.lat = r.lon = INT32_MAX;
            r.cadence = NAN;
        }
        assert_int_equal(tendo_fit_add_record(a, &r), 0);
    }
    ev.time = T0 + (int64_t)n - 1 + 40;
    ev.type = 4;
    assert_int_equal(tendo_fit_add_event(a, &ev), 0);
    for (size_t i = 0; i < n; i += 300) {
        tendo_fit_summary_init(&lap);
        lap.start = T0 + (int64_t)i;
        lap.timestamp = lap.start + 300;
        lap.timer_s = 300;
        lap.elapsed_s = 300;
        lap.distance_m = 825.5;
        lap.avg_hr = 140;
        lap.sport = 1;
        assert_int_equal(tendo_fit_add_lap(a, &lap), 0);
    }
    if (with_session) {
        tendo_fit_summary_init(&s);
        s.start = T0;
        s.timestamp = T0 + (int64_t)n + 40;
        s.sport = 1;
        s.sub_sport = 3;
        s.elapsed_s = (double)n + 40.0;
        s.timer_s = (double)n - 0.125;
        s.distance_m = (double)(n - 1) * 2.75;
        s.avg_hr = 139;
        s.max_hr = 159;
        s.avg_cadence = 84.5;
        s.ascent_m = 42;
        s.rpe = 4;
        s.feel = 75;
        assert_int_equal(tendo_fit_add_session(a, &s), 0);
    }
    return a;
}

static void encode(const struct tendo_fit_activity *a, int flags,
                   struct tendo_buf *b)
{
    struct tendo_error e = {0};
    tendo_buf_init(b, 0);
    assert_int_equal(tendo_fit_encode(a, flags, b, &e), TENDO_OK);
}

#define SAME(x, y) (isnan((double)(x)) ? isnan((double)(y)) : fabs((x) - (y)) < 1e-6)

static uint16_t crc_bitwise(uint16_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++)
            crc = (uint16_t)((crc >> 1) ^ ((crc & 1) ? 0xA001 : 0));
    }
    return crc;
}

/* names from the current public profile, not numbers */
static void profile_names(void **state)
{
    (void)state;
    assert_string_equal(tendo_fit_sport_name(82), "snorkeling");
    assert_string_equal(tendo_fit_sport_name(84), "jump_rope");
    assert_string_equal(tendo_fit_sport_name(1), "running");
    assert_string_equal(tendo_fit_sub_sport_name(67), "ultra");
    assert_string_equal(tendo_fit_sub_sport_name(85), "padel");
    assert_string_equal(tendo_fit_sub_sport_name(47), "e_bike_mountain");
    assert_null(tendo_fit_sport_name(200));
}

static void crc(void **state)
{
    uint8_t buf[1000];
    (void)state;
    /* CRC-16/ARC check value */
    assert_int_equal(tendo_fit_crc(0, (const uint8_t *)"123456789", 9), 0xBB3D);
    /* the table-driven CRC equals the bitwise definition at every length
     * and alignment, and chains */
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 131 + 7);
    for (size_t off = 0; off < 9; off++)
        for (size_t n = 0; n + off <= sizeof buf; n += 37)
            assert_int_equal(tendo_fit_crc(0x1234, buf + off, n),
                             crc_bitwise(0x1234, buf + off, n));
    assert_int_equal(tendo_fit_crc(tendo_fit_crc(0, buf, 500), buf + 500, 500),
                     crc_bitwise(0, buf, 1000));
}

static void round_trip(void **state)
{
    static const int flags[] = {0, TENDO_FIT_ENC_COMPRESSED_TS,
                                TENDO_FIT_ENC_BIG_ENDIAN,
                                TENDO_FIT_ENC_COMPRESSED_TS |
                                    TENDO_FIT_ENC_BIG_ENDIAN};
    struct tendo_fit_activity *a = make_run(1200, 1);
    (void)state;
    for (size_t k = 0; k < 4; k++) {
        struct tendo_buf b;
        struct tendo_fit_activity *d;
        struct tendo_error e = {0};
        encode(a, flags[k], &b);
        assert_int_equal(tendo_fit_decode((const uint8_t *)b.data, b.len, &d,
                                          &e),
                         TENDO_OK);
        assert_string_equal(d->warnings.data, "");
        assert_int_equal(d->header_crc_ok, 1);
        assert_int_equal(d->file_crc_ok, 1);
        assert_int_equal(d->file_type, a->file_type);
        assert_int_equal(d->manufacturer, a->manufacturer);
        assert_int_equal(d->product, a->product);
        assert_int_equal(d->serial, a->serial);
        assert_true(d->time_created == a->time_created);
        assert_string_equal(d->product_name, a->product_name);
        assert_int_equal(d->utc_offset_s, a->utc_offset_s);
        assert_int_equal(d->nrecords, a->nrecords);
        for (size_t i = 0; i < a->nrecords; i++) {
            const struct tendo_fit_record *x = &a->records[i], *y = &d->records[i];
            if (x->time != y->time || x->hr != y->hr || x->lat != y->lat ||
                x->temp_c != y->temp_c ||
                x->lon != y->lon || !SAME(x->distance_m, y->distance_m) ||
                !SAME(x->speed_mps, y->speed_mps) ||
                !SAME(x->altitude_m, y->altitude_m) ||
                !SAME(x->cadence, y->cadence))
                fail_msg("flags %d: record %zu differs", flags[k], i);
        }
        assert_int_equal(d->nlaps, a->nlaps);
        assert_int_equal(d->nevents, a->nevents);
        assert_int_equal(d->events[1].type, 4);
        assert_int_equal(d->nsessions, 1);
        {
            const struct tendo_fit_summary *x = &a->sessions[0], *y = &d->sessions[0];
            assert_true(x->start == y->start && x->timestamp == y->timestamp);
            assert_int_equal(y->sport, 1);
            assert_int_equal(y->sub_sport, 3);
            assert_true(SAME(x->elapsed_s, y->elapsed_s));
            assert_true(SAME(x->timer_s, y->timer_s));
            assert_true(SAME(x->distance_m, y->distance_m));
            assert_int_equal(y->avg_hr, 139);
            assert_int_equal(y->max_hr, 159);
            assert_true(SAME(x->avg_cadence, y->avg_cadence));
            assert_true(SAME(x->ascent_m, y->ascent_m));
            assert_int_equal(y->rpe, 4);
            assert_int_equal(y->feel, 75);
        }
        /* the compressed form is smaller */
        if (flags[k] & TENDO_FIT_ENC_COMPRESSED_TS) {
            struct tendo_buf plain;
            encode(a, flags[k] & ~TENDO_FIT_ENC_COMPRESSED_TS, &plain);
            assert_true(b.len < plain.len);
            tendo_buf_release(&plain);
        }
        tendo_fit_free(d);
        tendo_buf_release(&b);
    }
    tendo_fit_free(a);
}

static void summaries(void **state)
{
    struct tendo_fit_activity *a = make_run(600, 1), *d;
    struct tendo_activity s;
    struct tendo_error e = {0};
    struct tendo_buf b;
    json_t *j;
    (void)state;
    encode(a, 0, &b);
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)b.data,
                                                b.len, "run.fit", &s, &d, &e),
                     0);
    assert_string_equal(s.total.sport, "running");
    assert_string_equal(s.total.sub_sport, "trail");
    assert_true(SAME(s.total.avg_cadence_spm, 169.0)); /* strides x 2 */
    assert_true(isnan(s.total.avg_cadence_rpm));
    assert_string_equal(s.device, "garmin test watch");
    assert_int_equal(s.rpe, 4);
    assert_int_equal(s.records, 600);
    assert_int_equal(s.laps, 2);
    j = tendo_activity_json(&s, "run.fit");
    assert_string_equal(json_string_value(json_object_get(j, "start_utc")),
                        "2023-11-14T22:13:20Z");
    assert_int_equal(json_integer_value(json_object_get(j, "utc_offset_s")),
                     3600);
    assert_true(json_is_null(json_object_get(j, "sessions")) ||
                !json_object_get(j, "sessions"));
    json_decref(j);
    tendo_activity_release(&s);
    tendo_fit_free(d);
    tendo_buf_release(&b);

    /* the same file without its session: derived from the records */
    a->nsessions = 0;
    encode(a, 0, &b);
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)b.data,
                                                b.len, "cut.fit", &s, NULL, &e),
                     0);
    assert_non_null(strstr(s.warnings.data, "no session message"));
    assert_true(SAME(s.total.elapsed_s, 639.0));
    assert_true(SAME(s.total.timer_s, 639.0)); /* start -> stop_all events */
    assert_true(SAME(s.total.distance_m, 599 * 2.75));
    tendo_activity_release(&s);
    tendo_buf_release(&b);

    /* a settings file is not an activity */
    a->file_type = 2;
    encode(a, 0, &b);
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)b.data,
                                                b.len, "s.fit", &s, NULL, &e),
                     TENDO_EUNSUPPORTED);
    assert_error(&e, TENDO_EUNSUPPORTED, "a FIT settings file, not an activity");
    assert_string_equal(e.file, "s.fit");
    tendo_buf_release(&b);
    tendo_fit_free(a);
}

static void multisport(void **state)
{
    struct tendo_fit_activity *a = make_run(900, 0);
    static const int sports[3] = {5, 3, 1};
    struct tendo_activity s;
    struct tendo_error e = {0};
    struct tendo_buf b;
    (void)state;
    for (int i = 0; i < 3; i++) {
        struct tendo_fit_summary x;
        tendo_fit_summary_init(&x);
        x.sport = sports[i];
        x.start = T0 + i * 300;
        x.timer_s = x.elapsed_s = 300;
        x.distance_m = 100.0 * (i + 1);
        x.avg_hr = 100 + 20 * i;
        x.max_hr = 150 + i;
        x.avg_cadence = 80;
        assert_int_equal(tendo_fit_add_session(a, &x), 0);
    }
    encode(a, 0, &b);
    assert_int_equal(tendo_activity_read_memory((const uint8_t *)b.data,
                                                b.len, "tri.fit", &s, NULL, &e),
                     0);
    assert_string_equal(s.total.sport, "multisport");
    assert_int_equal(s.nlegs, 3);
    assert_string_equal(s.legs[0].sport, "swimming");
    assert_string_equal(s.legs[2].sport, "running");
    assert_true(SAME(s.total.distance_m, 600));
    assert_true(SAME(s.total.timer_s, 900));
    assert_int_equal(s.total.avg_hr, 120); /* timer-weighted */
    assert_int_equal(s.total.max_hr, 152);
    assert_true(SAME(s.legs[2].avg_cadence_spm, 160));
    assert_true(SAME(s.legs[0].avg_cadence_rpm, 80));
    tendo_activity_release(&s);
    tendo_buf_release(&b);
    tendo_fit_free(a);
}

static void truncated_at_every_byte(void **state)
{
    struct tendo_fit_activity *a = make_run(120, 1), *d;
    struct tendo_buf b;
    (void)state;
    encode(a, TENDO_FIT_ENC_COMPRESSED_TS, &b);
    for (size_t cut = 0; cut < b.len; cut++) {
        struct tendo_error e = {0};
        uint8_t *copy = malloc(cut ? cut : 1); /* exact size for ASan */
        int rc;
        memcpy(copy, b.data, cut);
        rc = tendo_fit_decode(copy, cut, &d, &e);
        if (rc == TENDO_OK)
            fail_msg("cut at %zu of %zu decoded", cut, b.len);
        assert_true(rc == TENDO_ETRUNCATED || rc == TENDO_EFORMAT);
        assert_true(e.msg[0] != '\0');
        assert_true(e.has_offset);
        assert_null(d);
        free(copy);
    }
    tendo_buf_release(&b);
    tendo_fit_free(a);
}

static void flipped_bytes(void **state)
{
    struct tendo_fit_activity *a = make_run(60, 1), *d;
    struct tendo_buf b;
    static const uint8_t masks[] = {0x01, 0x80, 0xFF, 0x40};
    size_t ok = 0, refused = 0;
    (void)state;
    encode(a, 0, &b);
    for (size_t i = 0; i < b.len; i++) {
        for (size_t m = 0; m < sizeof masks; m++) {
            struct tendo_error e = {0};
            uint8_t *copy = malloc(b.len);
            int rc;
            memcpy(copy, b.data, b.len);
            copy[i] ^= masks[m];
            rc = tendo_fit_decode(copy, b.len, &d, &e);
            if (rc == TENDO_OK) {
                ok++;
                assert_true(d->nrecords <= 60 * 2);
                tendo_fit_free(d);
            } else {
                refused++;
                assert_true(e.msg[0] != '\0');
            }
            free(copy);
        }
    }
    /* most flips only spoil a value or a CRC (a warning) */
    assert_true(ok > 0);
    assert_true(ok + refused == b.len * sizeof masks);
    tendo_buf_release(&b);
    tendo_fit_free(a);
}

static void allocation_failures(void **state)
{
    struct tendo_fit_activity *a = make_run(300, 1), *d;
    struct tendo_buf b;
    long n;
    (void)state;
    encode(a, 0, &b);
    for (n = 0; n < 200; n++) {
        struct tendo_error e = {0};
        struct tendo_activity s;
        int rc;
        tendo_alloc_fail_after(n);
        rc = tendo_activity_read_memory((const uint8_t *)b.data, b.len, "x.fit",
                                        &s, &d, &e);
        tendo_alloc_fail_after(-1);
        if (rc == TENDO_OK) {
            tendo_activity_release(&s);
            tendo_fit_free(d);
            break;
        }
        assert_int_equal(rc, TENDO_ENOMEM);
    }
    assert_true(n > 1 && n < 200);
    tendo_buf_release(&b);
    tendo_fit_free(a);
}

static void not_fit(void **state)
{
    struct tendo_fit_activity *d;
    struct tendo_error e = {0};
    uint8_t junk[64] = "this is not a FIT file, just text";
    (void)state;
    assert_int_equal(tendo_fit_decode(junk, sizeof junk, &d, &e),
                     TENDO_EFORMAT);
    assert_error(&e, TENDO_EFORMAT, "not a FIT file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(profile_names),
        cmocka_unit_test(crc),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(summaries),
        cmocka_unit_test(multisport),
        cmocka_unit_test(truncated_at_every_byte),
        cmocka_unit_test(flipped_bytes),
        cmocka_unit_test(allocation_failures),
        cmocka_unit_test(not_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
