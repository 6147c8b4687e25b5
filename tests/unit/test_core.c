/*
 * tests/unit/test_core.c - errors, buffer, days and time zones, SHA-256,
 * value parsers and record validation (src/core/).
 */
#include "harness.h"
#include "core/alloc.h"
#include "core/base64.h"
#include "core/sha256.h"
#include "core/text.h"

/* ---- errors ---- */

static void error_first_failure_wins(void **state)
{
    struct tendo_error e = {0};
    char line[600];
    (void)state;
    assert_int_equal(tendo_fail(&e, TENDO_ERANGE, "pain %d", 11), TENDO_ERANGE);
    assert_int_equal(tendo_fail(&e, TENDO_EIO, "later"), TENDO_EIO);
    assert_error(&e, TENDO_ERANGE, "pain 11");
    tendo_error_where(&e, "diary.csv", 14, "pain_during");
    tendo_error_where(&e, "other.csv", 99, "x");
    assert_string_equal(e.file, "diary.csv");
    assert_int_equal(e.line, 14);
    assert_string_equal(e.field, "pain_during");
    assert_string_equal(tendo_error_format(&e, line, sizeof line),
                        "diary.csv:14: pain 11");
    tendo_error_clear(&e);
    assert_int_equal(e.code, TENDO_OK);
    tendo_fail(&e, TENDO_EFORMAT, "bad header");
    tendo_error_where(&e, "x.fit", 0, NULL);
    tendo_error_offset(&e, 4711);
    assert_string_equal(tendo_error_format(&e, line, sizeof line),
                        "x.fit: offset 4711: bad header");
    assert_int_equal(tendo_fail(NULL, TENDO_EDB, "ignored"), TENDO_EDB);
}

static void error_strings(void **state)
{
    (void)state;
    for (int c = 0; c < TENDO_ERR_LAST; c++) {
        assert_non_null(tendo_strerror(c));
        assert_string_not_equal(tendo_strerror(c), "unknown error");
    }
    assert_string_equal(tendo_strerror(-1), "unknown error");
    assert_string_equal(tendo_strerror(TENDO_ERR_LAST), "unknown error");
}

/* ---- buffer ---- */

static void buf_grows_and_stays_terminated(void **state)
{
    struct tendo_buf b;
    char *p;
    size_t n;
    (void)state;
    tendo_buf_init(&b, 0);
    assert_string_equal(b.data, "");
    for (int i = 0; i < 1000; i++)
        tendo_buf_printf(&b, "%d,", i);
    assert_int_equal(b.err, TENDO_OK);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "0,1,2,", 6);
    tendo_buf_reset(&b);
    tendo_buf_puts(&b, "abc");
    tendo_buf_putc(&b, 'd');
    tendo_buf_printf(&b, "%0300d", 7); /* longer than the small buffer */
    assert_int_equal(b.len, 304);
    p = tendo_buf_detach(&b, &n);
    assert_int_equal(n, 304);
    assert_memory_equal(p, "abcd000", 7);
    free(p);
    assert_int_equal(b.len, 0);
    tendo_buf_release(&b);
    tendo_buf_release(NULL);
}

static void buf_cap_is_sticky(void **state)
{
    struct tendo_buf b;
    (void)state;
    tendo_buf_init(&b, 8);
    tendo_buf_puts(&b, "12345");
    tendo_buf_puts(&b, "6789");
    assert_int_equal(b.err, TENDO_ELIMIT);
    tendo_buf_puts(&b, "x");
    assert_string_equal(b.data, "12345");
    assert_null(tendo_buf_detach(&b, NULL));
    tendo_buf_release(&b);
}

static void buf_out_of_memory_is_sticky(void **state)
{
    struct tendo_buf b;
    (void)state;
    tendo_buf_init(&b, 0);
    tendo_alloc_fail_after(0);
    tendo_buf_puts(&b, "hello");
    tendo_alloc_fail_after(-1);
    assert_int_equal(b.err, TENDO_ENOMEM);
    tendo_buf_puts(&b, "world");
    assert_int_equal(b.len, 0);
    tendo_buf_release(&b);
}

/* ---- days ---- */

static void days_round_trip(void **state)
{
    (void)state;
    /* every day from 1970 to 2100 */
    for (tendo_day d = 0; d < 47482; d++) {
        int y, m, dd;
        tendo_day_to_ymd(d, &y, &m, &dd);
        assert_int_equal(tendo_day_from_ymd(y, m, dd), d);
    }
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2); /* leap */
    assert_int_equal(D("1900-03-01") - D("1900-02-28"), 1);
    assert_int_equal(tendo_day_weekday(D("2026-11-24")), 1); /* Tuesday */
    assert_int_equal(tendo_day_weekday(D("1970-01-01")), 3);
    assert_int_equal(tendo_day_week_start(D("2026-11-29")), D("2026-11-23"));
    assert_int_equal(tendo_day_week_start(D("2026-11-23")), D("2026-11-23"));
}

static void days_parse_strictly(void **state)
{
    tendo_day d;
    char out[TENDO_DAY_STRLEN];
    static const char *const bad[] = {
        "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-1",
        "26-01-01",   "2026/01/01", "2026-01-32", "2026-04-31", "2026-01-01x",
        "",           "abcd-ef-gh", " 2026-01-01"};
    (void)state;
    assert_int_equal(tendo_day_parse("2024-02-29", 10, &d), TENDO_OK);
    assert_string_equal(tendo_day_format(d, out), "2024-02-29");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(tendo_day_parse(bad[i], strlen(bad[i]), &d),
                         TENDO_EINVAL);
}

static void utc_round_trip(void **state)
{
    int64_t t;
    char out[21];
    (void)state;
    assert_int_equal(tendo_utc_parse("2021-03-04T06:12:00Z", &t), TENDO_OK);
    assert_string_equal(tendo_utc_format(t, out), "2021-03-04T06:12:00Z");
    assert_int_equal(tendo_utc_parse("2021-03-04T07:12:00+01:00", &t),
                     TENDO_OK);
    assert_string_equal(tendo_utc_format(t, out), "2021-03-04T06:12:00Z");
    assert_int_equal(tendo_utc_parse("2021-03-04 06:12:00Z", &t),
                     TENDO_EINVAL);
    assert_string_equal(tendo_utc_format(-1, out), "1969-12-31T23:59:59Z");
}

/* ---- SHA-256 (FIPS 180-4 examples) ---- */

static void sha256_vectors_once(void);

static void sha256_vectors(void **state)
{
    char a[65], b[65];
    uint8_t buf[300];
    (void)state;
    /* both the portable code and (where the CPU has it) SHA-NI */
    sha256_portable_only(1);
    sha256_vectors_once();
    sha256_portable_only(0);
    sha256_vectors_once();
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7 + 3);
    for (size_t n = 0; n <= sizeof buf; n += 13) {
        sha256_portable_only(1);
        sha256_hex(buf, n, a);
        sha256_portable_only(0);
        sha256_hex(buf, n, b);
        assert_string_equal(a, b);
    }
}

static void sha256_vectors_once(void)
{
    char hex[65];
    struct sha256 c;
    uint8_t d[32], chunk[997];
    size_t left = 1000000;
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"
                             "a495991b7852b855");
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9c"
                             "b410ff61f20015ad");
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
               hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167"
                             "f6ecedd419db06c1");
    memset(chunk, 'a', sizeof chunk);
    sha256_init(&c);
    while (left) {
        size_t n = left < sizeof chunk ? left : sizeof chunk;
        sha256_update(&c, chunk, n);
        left -= n;
    }
    sha256_final(&c, d);
    assert_int_equal(d[0], 0xcd);
    assert_int_equal(d[1], 0xc7);
    assert_int_equal(d[31], 0xd0);
}

/* ---- value parsers ---- */

static void parse_ints(void **state)
{
    struct tendo_error e = {0};
    int v = -1;
    (void)state;
    assert_int_equal(tendo_parse_int(" 7 ", 3, 0, 10, "pain", &v, &e), 0);
    assert_int_equal(v, 7);
    assert_int_equal(tendo_parse_int("11", 2, 0, 10, "pain_during", &v, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "pain_during '11' is out of range 0-10");
    assert_string_equal(e.field, "pain_during");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_int("-3", 2, 0, 10, "--pain", &v, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "--pain '-3' must not be negative");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_int("4.5", 3, 0, 10, "rpe", &v, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "rpe '4.5' is not a whole number");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_int("99999999999999999999", 20, 0, 10, "x",
                                     &v, &e),
                     TENDO_ERANGE);
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_int("", 0, 0, 10, "x", &v, &e), TENDO_EINVAL);
    assert_int_equal(v, 7); /* untouched on failure */
}

static void parse_reals(void **state)
{
    struct tendo_error e = {0};
    double v = 0;
    static const char *const bad[] = {"1e3", "nan", "inf", "0x10", "1,5",
                                      "",    ".",   "-",   "5..1", "7km"};
    (void)state;
    assert_int_equal(tendo_parse_real("7.5", 3, 0, 100, "km", &v, &e), 0);
    assert_true(v == 7.5);
    assert_int_equal(tendo_parse_real(".5", 2, 0, 100, "km", &v, &e), 0);
    assert_true(v == 0.5);
    assert_int_equal(tendo_parse_real("-0", 2, 0, 100, "km", &v, &e), 0);
    assert_false(signbit(v));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tendo_error_clear(&e);
        assert_int_equal(tendo_parse_real(bad[i], strlen(bad[i]), 0, 1e6,
                                          "minutes", &v, &e),
                         TENDO_EINVAL);
        assert_error(&e, TENDO_EINVAL, "is not a number");
    }
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_real("-40", 3, 0, 1440, "minutes", &v, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "minutes '-40' must not be negative");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_real("2000", 4, 0, 1440, "minutes", &v, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "out of range 0-1440");
}

static void parse_enums_days_text(void **state)
{
    struct tendo_error e = {0};
    int i;
    tendo_day d;
    char out[16];
    (void)state;
    assert_int_equal(tendo_parse_enum("Bike", 4, tendo_session_types, "type",
                                      &i, &e),
                     0);
    assert_string_equal(tendo_session_types[i], "bike");
    assert_int_equal(tendo_parse_enum("swimm", 5, tendo_session_types, "type",
                                      &i, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "type 'swimm' is not one of run, pool-run");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_day("2026-11-25", 10, TODAY, "date", &d, &e),
                     0); /* tomorrow: allowed (time zones) */
    assert_int_equal(tendo_parse_day("2026-11-26", 10, TODAY, "date", &d, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "date '2026-11-26' is in the future");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_day("1969-12-31", 10, TODAY, "date", &d, &e),
                     TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "before 1970-01-01");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_day("24/11/2026", 10, TODAY, "date", &d, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "expected YYYY-MM-DD");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_text("  héllo ", 9, 15, "notes", out, &e), 0);
    assert_string_equal(out, "héllo");
    assert_int_equal(tendo_parse_text("a\x01", 2, 15, "notes", out, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "control character");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_text("\xc3\x28", 2, 15, "notes", out, &e),
                     TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "UTF-8");
    tendo_error_clear(&e);
    assert_int_equal(tendo_parse_text("0123456789abcdefg", 17, 15, "shoe", out,
                                      &e),
                     TENDO_ERANGE);
}

static void utf8_validation(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("plain", 5));
    assert_true(text_utf8_valid("\xe2\x89\xa4", 3));          /* ≤ */
    assert_true(text_utf8_valid("\xf0\x9f\x8f\x83", 4));      /* runner */
    assert_false(text_utf8_valid("\xc0\xaf", 2));             /* overlong */
    assert_false(text_utf8_valid("\xed\xa0\x80", 3));         /* surrogate */
    assert_false(text_utf8_valid("\xf4\x90\x80\x80", 4));     /* > U+10FFFF */
    assert_false(text_utf8_valid("\xe2\x89", 2));             /* cut short */
}

static void format_reals(void **state)
{
    char out[32];
    static const double vals[] = {0, 1, 7.5, 0.1, 40.123, 1e-7, 123456789.25,
                                  1e20, -2.5};
    (void)state;
    assert_string_equal(tendo_format_real(7.5, out), "7.5");
    assert_string_equal(tendo_format_real(0.1, out), "0.1");
    assert_string_equal(tendo_format_real(40, out), "40");
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        tendo_format_real(vals[i], out);
        assert_null(strchr(out, 'e'));
    }
}

/* ---- records ---- */

static void validate_records(void **state)
{
    struct tendo_error e = {0};
    struct tendo_session s;
    struct tendo_check c;
    struct tendo_rehab r;
    struct tendo_wellness w;
    (void)state;
    tendo_session_init(&s);
    s.date = TODAY;
    snprintf(s.type, sizeof s.type, "run");
    assert_int_equal(tendo_session_validate(&s, TODAY, &e), TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "needs minutes or a distance");
    tendo_error_clear(&e);
    s.minutes = 0;
    assert_int_equal(tendo_session_validate(&s, TODAY, &e), TENDO_ERANGE);
    tendo_error_clear(&e);
    s.minutes = 40;
    assert_int_equal(tendo_session_validate(&s, TODAY, &e), TENDO_OK);
    s.date = TODAY + 30;
    assert_int_equal(tendo_session_validate(&s, TODAY, &e), TENDO_ERANGE);
    assert_error(&e, TENDO_ERANGE, "in the future");
    tendo_error_clear(&e);
    s.date = TODAY;
    snprintf(s.surface, sizeof s.surface, "lava");
    assert_int_equal(tendo_session_validate(&s, TODAY, &e), TENDO_EINVAL);
    assert_string_equal(e.field, "surface");
    tendo_error_clear(&e);

    tendo_check_init(&c);
    assert_true(tendo_check_is_empty(&c));
    c.date = TODAY;
    c.morning = 11;
    assert_int_equal(tendo_check_validate(&c, TODAY, &e), TENDO_ERANGE);
    tendo_error_clear(&e);
    c.morning = 3;
    c.flags = 1u << 9;
    assert_int_equal(tendo_check_validate(&c, TODAY, &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    c.flags = TENDO_FLAG_POP;
    assert_int_equal(tendo_check_validate(&c, TODAY, &e), TENDO_OK);

    tendo_rehab_init(&r);
    r.date = TODAY;
    snprintf(r.exercise, sizeof r.exercise, "heel-drop");
    r.sets = 3;
    assert_int_equal(tendo_rehab_validate(&r, TODAY, &e), TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "needs both sets and reps");
    tendo_error_clear(&e);
    r.reps = 12;
    snprintf(r.tempo, sizeof r.tempo, "3-1-1");
    assert_int_equal(tendo_rehab_validate(&r, TODAY, &e), TENDO_OK);
    snprintf(r.tempo, sizeof r.tempo, "slow");
    assert_int_equal(tendo_rehab_validate(&r, TODAY, &e), TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "tempo");
    tendo_error_clear(&e);

    tendo_wellness_init(&w);
    assert_true(tendo_wellness_is_empty(&w));
    w.date = TODAY;
    w.sleep_h = 25;
    assert_int_equal(tendo_wellness_validate(&w, TODAY, &e), TENDO_ERANGE);
}

/* RFC 4648 section 10 vectors, every length's round trip, and strict
 * decoding (one text per byte string). */
static void base64_vectors(void **state)
{
    static const char *const plain[] = {"", "f", "fo", "foo", "foob",
                                        "fooba", "foobar"};
    static const char *const text[] = {"", "Zg==", "Zm8=", "Zm9v",
                                       "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    static const char *const bad[] = {"Zg=", "Zh==", "Zm9=", "Z===", "Zg==Zg==",
                                      "Zm 9v", "Zm9v\n", "=Zg=", "Zm=v"};
    struct tendo_buf b;
    uint8_t bytes[256];
    size_t at;
    (void)state;
    tendo_buf_init(&b, 0);
    for (size_t i = 0; i < 7; i++) {
        tendo_buf_reset(&b);
        base64_encode(plain[i], strlen(plain[i]), &b);
        assert_string_equal(b.data, text[i]);
        tendo_buf_reset(&b);
        assert_int_equal(base64_decode(text[i], strlen(text[i]), &b, &at), 0);
        assert_int_equal(b.len, strlen(plain[i]));
        assert_memory_equal(b.data, plain[i], b.len);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tendo_buf_reset(&b);
        assert_int_equal(base64_decode(bad[i], strlen(bad[i]), &b, &at), -1);
        assert_true(at < strlen(bad[i]));
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof bytes; n++) {
        struct tendo_buf t;
        tendo_buf_init(&t, 0);
        tendo_buf_reset(&b);
        base64_encode(bytes, n, &b);
        assert_int_equal(base64_decode(b.data, b.len, &t, &at), 0);
        assert_int_equal(t.len, n);
        assert_memory_equal(t.data, bytes, n);
        tendo_buf_release(&t);
    }
    tendo_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_first_failure_wins),
        cmocka_unit_test(error_strings),
        cmocka_unit_test(buf_grows_and_stays_terminated),
        cmocka_unit_test(buf_cap_is_sticky),
        cmocka_unit_test(buf_out_of_memory_is_sticky),
        cmocka_unit_test(days_round_trip),
        cmocka_unit_test(days_parse_strictly),
        cmocka_unit_test(utc_round_trip),
        cmocka_unit_test(sha256_vectors),
        cmocka_unit_test(parse_ints),
        cmocka_unit_test(parse_reals),
        cmocka_unit_test(parse_enums_days_text),
        cmocka_unit_test(utf8_validation),
        cmocka_unit_test(format_reals),
        cmocka_unit_test(validate_records),
        cmocka_unit_test(base64_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
