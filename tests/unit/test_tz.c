/*
 * tests/unit/test_tz.c - time zones as loaded objects (core/tz.c): worked
 * cases, POSIX rules, TZif files written here (v1, v2 with a footer rule,
 * hostile ones), and every zone file of this machine against the C
 * library's own localtime_r at random instants (skipped where the machine
 * has no zoneinfo). TENDO_TZ_SEEDS=DIR writes the generated files there
 * (fuzz seeds).
 */
#include "harness.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

static int64_t T(const char *s)
{
    int64_t t;
    if (tendo_utc_parse(s, &t))
        fail_msg("bad test instant %s", s);
    return t;
}

static int have_zoneinfo(void)
{
    struct stat st;
    return stat("/usr/share/zoneinfo/Europe/Berlin", &st) == 0;
}

static void worked_cases(void **state)
{
    struct tendo_error e = {0};
    tendo_tz *z;
    tendo_day day;
    int32_t off;
    (void)state;
    /* UTC needs no file */
    assert_int_equal(tendo_tz_load("UTC", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, T("2026-07-01T12:00:00Z")), 0);
    tendo_tz_free(z);
    assert_int_equal(tendo_tz_offset(NULL, 0), 0);
    assert_string_equal(tendo_tz_name(NULL), "UTC");
    if (!have_zoneinfo())
        skip();
    assert_int_equal(tendo_tz_load("Europe/Berlin", &z, &e), TENDO_OK);
    assert_string_equal(tendo_tz_name(z), "Europe/Berlin");
    assert_int_equal(tendo_tz_local(z, T("2026-11-23T23:30:00Z"), &day, &off,
                                    &e),
                     TENDO_OK);
    assert_int_equal(day, D("2026-11-24"));
    assert_int_equal(off, 3600);
    /* summer time, and its edges (last Sunday of March, 01:00 UTC) */
    assert_int_equal(tendo_tz_local(z, T("2026-07-01T22:30:00Z"), &day, &off,
                                    &e),
                     TENDO_OK);
    assert_int_equal(day, D("2026-07-02"));
    assert_int_equal(off, 7200);
    assert_int_equal(tendo_tz_offset(z, T("2026-03-29T00:59:59Z")), 3600);
    assert_int_equal(tendo_tz_offset(z, T("2026-03-29T01:00:00Z")), 7200);
    assert_int_equal(tendo_tz_offset(z, T("2026-10-25T00:59:59Z")), 7200);
    assert_int_equal(tendo_tz_offset(z, T("2026-10-25T01:00:00Z")), 3600);
    /* after the file's last transition the footer rule decides */
    assert_int_equal(tendo_tz_offset(z, T("2090-07-01T12:00:00Z")), 7200);
    assert_int_equal(tendo_tz_offset(z, T("2090-12-01T12:00:00Z")), 3600);
    /* out of range */
    assert_int_equal(tendo_tz_local(z, INT64_MAX, &day, &off, &e),
                     TENDO_ERANGE);
    tendo_tz_free(z);
    tendo_error_clear(&e);

    assert_int_equal(tendo_tz_load(":America/New_York", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_local(z, T("2026-11-23T23:30:00Z"), &day, &off,
                                    &e),
                     TENDO_OK);
    assert_int_equal(day, D("2026-11-23"));
    assert_int_equal(off, -18000);
    tendo_tz_free(z);
    /* southern hemisphere: summer in January */
    assert_int_equal(tendo_tz_load("Australia/Sydney", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, T("2026-01-15T00:00:00Z")), 39600);
    assert_int_equal(tendo_tz_offset(z, T("2026-07-15T00:00:00Z")), 36000);
    tendo_tz_free(z);

    /* names */
    assert_int_equal(tendo_tz_load("Mars/Base", &z, &e), TENDO_EINVAL);
    assert_null(z);
    assert_error(&e, TENDO_EINVAL, "not known");
    tendo_error_clear(&e);
    assert_int_equal(tendo_tz_load("../../etc/passwd", &z, &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    assert_int_equal(tendo_tz_valid("UTC", &e), TENDO_OK);
    assert_int_equal(tendo_tz_valid("Europe/Berlin", &e), TENDO_OK);
    assert_int_equal(tendo_tz_valid("Mars/Base", &e), TENDO_EINVAL);
    assert_error(&e, TENDO_EINVAL, "not known");
    tendo_error_clear(&e);
    assert_int_equal(tendo_tz_valid("../../etc/passwd", &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    assert_int_equal(tendo_tz_valid("", &e), TENDO_EINVAL);
    tendo_error_clear(&e);
    /* a rule is a zone for $TZ, not an IANA name for the setting */
    assert_int_equal(tendo_tz_valid("CET-1CEST,M3.5.0,M10.5.0/3", &e),
                     TENDO_EINVAL);
    tendo_error_clear(&e);
    /* the environment is left alone */
    setenv("TZ", "UTC", 1);
    assert_int_equal(tendo_tz_load("Asia/Kolkata", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, T("2026-01-01T00:00:00Z")), 19800);
    tendo_tz_free(z);
    assert_string_equal(getenv("TZ"), "UTC");
}

static void posix_rules(void **state)
{
    struct tendo_error e = {0};
    tendo_tz *z;
    static const struct {
        const char *rule, *when;
        int32_t off;
    } cases[] = {
        {"CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T00:59:59Z", 3600},
        {"CET-1CEST,M3.5.0,M10.5.0/3", "2026-03-29T01:00:00Z", 7200},
        {"CET-1CEST,M3.5.0,M10.5.0/3", "2026-10-25T01:00:00Z", 3600},
        {"EST5EDT", "2026-07-01T12:00:00Z", -14400},     /* US rule assumed */
        {"EST5EDT", "2026-01-01T12:00:00Z", -18000},
        {"EST5EDT,M3.2.0,M11.1.0", "2026-03-08T06:59:59Z", -18000},
        {"EST5EDT,M3.2.0,M11.1.0", "2026-03-08T07:00:00Z", -14400},
        {"<+0330>-3:30", "2026-05-01T00:00:00Z", 12600},
        {"<-03>3", "2026-05-01T00:00:00Z", -10800},
        {"NZST-12NZDT,M9.5.0,M4.1.0/3", "2026-01-10T00:00:00Z", 46800},
        {"NZST-12NZDT,M9.5.0,M4.1.0/3", "2026-06-10T00:00:00Z", 43200},
        {"XXX-2YYY,J60/0,J300/0", "2026-03-01T00:00:00Z", 10800},  /* J60 = 1 Mar */
        {"XXX-2YYY,J60/0,J300/0", "2026-02-28T12:00:00Z", 7200},
        {"XXX-2YYY,59/0,299/0", "2028-02-29T00:00:00Z", 10800},  /* n counts 29 Feb */
        {"XXX-2YYY,59/0,299/0", "2028-02-28T12:00:00Z", 7200},
        {"IST-1GMT0,M10.5.0,M3.5.0/1", "2026-01-10T12:00:00Z", 0},  /* negative DST */
        {"IST-1GMT0,M10.5.0,M3.5.0/1", "2026-07-10T12:00:00Z", 3600},
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2026-07-10T12:00:00Z", -3600},
        {"EST5EDT,0/0,J365/25", "2026-07-10T12:00:00Z", -14400},  /* all year */
    };
    static const char *const bad[] = {
        "", "C", "CE", "CET", "CET-", "CET-25", "CET-1CEST,", "CET-1CEST,M3",
        "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
        "CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,J0,J5", "CET-1CEST,366,1",
        "CET-1CEST,M3.5.0,M10.5.0/168", "<+03", "<>3", "CET-1CEST,M3.5.0",
        "CET-1:60", "CET-1CEST,M3.5.0,M10.5.0x"};
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (tendo_tz_rule(cases[i].rule, &z, &e))
            fail_msg("%s: %s", cases[i].rule, e.msg);
        if (tendo_tz_offset(z, T(cases[i].when)) != cases[i].off)
            fail_msg("%s at %s: %d, want %d", cases[i].rule, cases[i].when,
                     tendo_tz_offset(z, T(cases[i].when)), cases[i].off);
        tendo_tz_free(z);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        z = (tendo_tz *)&e;
        if (tendo_tz_rule(bad[i], &z, &e) != TENDO_EINVAL || z)
            fail_msg("rule '%s' accepted", bad[i]);
        tendo_error_clear(&e);
    }
    /* a rule is also taken by name (as $TZ holds it) */
    assert_int_equal(tendo_tz_load("CET-1CEST,M3.5.0,M10.5.0/3", &z, &e),
                     TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, T("2026-07-01T00:00:00Z")), 7200);
    tendo_tz_free(z);
}

/* ---- a TZif writer, for files no machine has ---- */

struct tzbuf {
    unsigned char b[4096];
    size_t n;
};

static void put(struct tzbuf *t, const void *p, size_t n)
{
    if (!n)
        return;
    memcpy(t->b + t->n, p, n);
    t->n += n;
}
static void put32(struct tzbuf *t, int64_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(t, x, 4);
}
static void put64(struct tzbuf *t, int64_t v)
{
    put32(t, v >> 32);
    put32(t, v & 0xffffffff);
}

/* version 1 or 2 file: transitions at `tr` with types `ty`, types of
 * offsets `off`; v2 gets `footer` */
static void write_tzif(struct tzbuf *t, int version, const int64_t *tr,
                       const unsigned char *ty, size_t ntr,
                       const int32_t *off, size_t noff, const char *footer)
{
    t->n = 0;
    for (int pass = 0; pass < (version >= 2 ? 2 : 1); pass++) {
        size_t ts = pass ? 8 : 4;
        put(t, "TZif", 4);
        put(t, version >= 2 ? "2" : "\0", 1);
        put(t, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15);
        put32(t, 0);                    /* isutcnt */
        put32(t, 0);                    /* isstdcnt */
        put32(t, 0);                    /* leapcnt */
        put32(t, (int64_t)ntr);
        put32(t, (int64_t)noff);
        put32(t, 4);                    /* charcnt: "ZZZ\0" */
        for (size_t i = 0; i < ntr; i++)
            ts == 8 ? put64(t, tr[i]) : put32(t, tr[i]);
        put(t, ty, ntr);
        for (size_t i = 0; i < noff; i++) {
            unsigned char x[2] = {0, 0};
            put32(t, off[i]);
            put(t, x, 2);
        }
        put(t, "ZZZ", 4);
    }
    if (version >= 2) {
        put(t, "\n", 1);
        put(t, footer, strlen(footer));
        put(t, "\n", 1);
    }
}

static void seed(const struct tzbuf *t, const char *name)
{
    const char *dir = getenv("TENDO_TZ_SEEDS");
    char path[512];
    FILE *f;
    if (!dir)
        return;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if ((f = fopen(path, "wb"))) {
        fwrite(t->b, 1, t->n, f);
        fclose(f);
    }
}

static void tzif_files(void **state)
{
    static const int64_t tr[] = {-1000000, 0, 1000000000};
    static const unsigned char ty[] = {1, 2, 1};
    static const int32_t off[] = {-3600, 3600, 7200};
    struct tzbuf t;
    struct tendo_error e = {0};
    tendo_tz *z;
    (void)state;
    /* v1: type 0 before the first transition, the last type after it */
    write_tzif(&t, 1, tr, ty, 3, off, 3, "");
    seed(&t, "v1");
    assert_int_equal(tendo_tz_parse(t.b, t.n, "v1", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, -2000000), -3600);
    assert_int_equal(tendo_tz_offset(z, -1000000), 3600);
    assert_int_equal(tendo_tz_offset(z, -1), 3600);
    assert_int_equal(tendo_tz_offset(z, 0), 7200);
    assert_int_equal(tendo_tz_offset(z, 999999999), 7200);
    assert_int_equal(tendo_tz_offset(z, 1000000000), 3600);
    assert_int_equal(tendo_tz_offset(z, INT64_MAX / 2), 3600);
    tendo_tz_free(z);
    /* v2 with a footer: the rule after the last transition */
    write_tzif(&t, 2, tr, ty, 3, off, 3, "CET-1CEST,M3.5.0,M10.5.0/3");
    seed(&t, "v2");
    assert_int_equal(tendo_tz_parse(t.b, t.n, "v2", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, 0), 7200);
    assert_int_equal(tendo_tz_offset(z, T("2030-01-15T00:00:00Z")), 3600);
    assert_int_equal(tendo_tz_offset(z, T("2030-07-15T00:00:00Z")), 7200);
    tendo_tz_free(z);
    /* v2 with an empty footer: the last type stays */
    write_tzif(&t, 2, tr, ty, 3, off, 3, "");
    seed(&t, "v2-empty-footer");
    assert_int_equal(tendo_tz_parse(t.b, t.n, "x", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, T("2030-07-15T00:00:00Z")), 3600);
    tendo_tz_free(z);
    /* no transitions at all: one type */
    write_tzif(&t, 2, NULL, NULL, 0, off + 1, 1, "<+01>-1");
    seed(&t, "fixed");
    assert_int_equal(tendo_tz_parse(t.b, t.n, "x", &z, &e), TENDO_OK);
    assert_int_equal(tendo_tz_offset(z, 12345), 3600);
    tendo_tz_free(z);

    /* hostile: every truncation fails cleanly, never reads past the end */
    write_tzif(&t, 2, tr, ty, 3, off, 3, "CET-1CEST,M3.5.0,M10.5.0/3");
    for (size_t n = 0; n < t.n; n++) {
        unsigned char *copy = malloc(n ? n : 1);
        memcpy(copy, t.b, n);
        if (tendo_tz_parse(copy, n, "cut", &z, &e) == TENDO_OK)
            fail_msg("a file cut at %zu bytes was read", n);
        assert_null(z);
        tendo_error_clear(&e);
        free(copy);
    }
    /* out-of-order transitions, a bad type index, a bad footer */
    {
        static const int64_t back[] = {10, 5};
        static const unsigned char ty2[] = {0, 1}, ty9[] = {0, 9};
        write_tzif(&t, 1, back, ty2, 2, off, 2, "");
        assert_int_equal(tendo_tz_parse(t.b, t.n, "x", &z, &e),
                         TENDO_EFORMAT);
        tendo_error_clear(&e);
        write_tzif(&t, 1, tr, ty9, 2, off, 2, "");
        assert_int_equal(tendo_tz_parse(t.b, t.n, "x", &z, &e),
                         TENDO_EFORMAT);
        tendo_error_clear(&e);
        write_tzif(&t, 2, tr, ty, 3, off, 3, "CET-1CEST,M3");
        assert_int_equal(tendo_tz_parse(t.b, t.n, "x", &z, &e),
                         TENDO_EFORMAT);
        assert_error(&e, TENDO_EFORMAT, "footer");
        tendo_error_clear(&e);
        assert_int_equal(tendo_tz_parse("TZjf", 4, "x", &z, &e),
                         TENDO_EFORMAT);
        tendo_error_clear(&e);
    }
    /* byte flips anywhere: read or refused, never a crash */
    write_tzif(&t, 2, tr, ty, 3, off, 3, "CET-1CEST,M3.5.0,M10.5.0/3");
    for (size_t i = 0; i < t.n; i++)
        for (int m = 1; m < 256; m <<= 1) {
            t.b[i] ^= (unsigned char)m;
            if (tendo_tz_parse(t.b, t.n, "flip", &z, &e) == TENDO_OK) {
                (void)tendo_tz_offset(z, 0);
                (void)tendo_tz_offset(z, T("2050-06-01T00:00:00Z"));
                tendo_tz_free(z);
            }
            tendo_error_clear(&e);
            t.b[i] ^= (unsigned char)m;
        }
}

/* ---- every zone of this machine against the C library ---- */

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static int compare_zone(const char *name, int samples)
{
    struct tendo_error e = {0};
    tendo_tz *z;
    int bad = 0;
    if (tendo_tz_load(name, &z, &e)) {
        fail_msg("%s: %s", name, e.msg);
        return 1;
    }
    setenv("TZ", name, 1);
    tzset();
    for (int i = 0; i < samples; i++) {
        /* 1900 .. 2100, and the edges of the file's last transitions */
        int64_t t = -2208988800LL + (int64_t)(next() % 6311433600ULL);
        time_t tt = (time_t)t;
        struct tm tm;
        tendo_day day;
        int32_t off;
        localtime_r(&tt, &tm);
        tendo_tz_local(z, t, &day, &off, &e);
        if (off != tm.tm_gmtoff ||
            day != tendo_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
                                      tm.tm_mday)) {
            char s[21];
            print_message("%s at %s: offset %d, libc %ld\n", name,
                          tendo_utc_format(t, s), off, tm.tm_gmtoff);
            bad++;
            break;
        }
    }
    tendo_tz_free(z);
    return bad;
}

static int walk(const char *root, const char *rel, int *zones)
{
    char path[1024];
    DIR *d;
    struct dirent *de;
    int bad = 0;
    snprintf(path, sizeof path, "%s/%s", root, rel);
    if (!(d = opendir(path)))
        return 0;
    while ((de = readdir(d))) {
        char sub[512], full[1536];
        struct stat st;
        unsigned char magic[4];
        FILE *f;
        if (de->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        /* right/: leap seconds, which tendo skips and libc counts */
        if (!strcmp(sub, "right") || !strcmp(sub, "posix") ||
            !strcmp(sub, "Factory"))
            continue;
        snprintf(full, sizeof full, "%s/%s", root, sub);
        if (lstat(full, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            bad += walk(root, sub, zones);
            continue;
        }
        if (!(f = fopen(full, "rb")))
            continue;
        if (fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4)) {
            bad += compare_zone(sub, 300);
            (*zones)++;
        }
        fclose(f);
    }
    closedir(d);
    return bad;
}

static void against_libc(void **state)
{
    int zones = 0, bad;
    (void)state;
    if (!have_zoneinfo())
        skip();
    bad = walk("/usr/share/zoneinfo", "", &zones);
    print_message("%d zones x 300 instants compared with localtime_r\n",
                  zones);
    setenv("TZ", "UTC", 1);
    tzset();
    assert_true(zones > 300);
    assert_int_equal(bad, 0);
}

static void random_rules_against_libc(void **state)
{
    int bad = 0;
    (void)state;
    for (int i = 0; i < 2000; i++) {
        char rule[128];
        struct tendo_error e = {0};
        tendo_tz *z;
        int so = (int)(next() % 25) - 12, dd = (int)(next() % 3);
        int m1 = 1 + (int)(next() % 12), w1 = 1 + (int)(next() % 5),
            d1 = (int)(next() % 7), h1 = (int)(next() % 24);
        int m2 = 1 + (int)(next() % 12), w2 = 1 + (int)(next() % 5),
            d2 = (int)(next() % 7), h2 = (int)(next() % 24);
        if (m1 == m2)
            continue;
        snprintf(rule, sizeof rule, "AAA%dBBB%d,M%d.%d.%d/%d,M%d.%d.%d/%d",
                 so, so - dd, m1, w1, d1, h1, m2, w2, d2, h2);
        if (tendo_tz_rule(rule, &z, &e))
            fail_msg("%s: %s", rule, e.msg);
        setenv("TZ", rule, 1);
        tzset();
        for (int k = 0; k < 50; k++) {
            int64_t t = 946684800LL + (int64_t)(next() % 1577836800ULL);
            time_t tt = (time_t)t;
            struct tm tm;
            localtime_r(&tt, &tm);
            if (tendo_tz_offset(z, t) != tm.tm_gmtoff) {
                char s[21];
                print_message("%s at %s: %d, libc %ld\n", rule,
                              tendo_utc_format(t, s), tendo_tz_offset(z, t),
                              tm.tm_gmtoff);
                bad++;
                break;
            }
        }
        tendo_tz_free(z);
    }
    setenv("TZ", "UTC", 1);
    tzset();
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_cases),
        cmocka_unit_test(posix_rules),
        cmocka_unit_test(tzif_files),
        cmocka_unit_test(against_libc),
        cmocka_unit_test(random_rules_against_libc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
