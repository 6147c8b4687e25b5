/*
 * tests/unit/test_ics.c - the RFC 5545 writer: structure, CRLF, folding at
 * 75 octets without splitting UTF-8, TEXT escaping, all-day DTEND across
 * month and year ends, stable bytes, and refusing bad events.
 */
#include "harness.h"

/* unfolds `ics` (RFC 5545 §3.1) into `out` */
static void unfold(const char *ics, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = ics; *p && k + 1 < cap; p++) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 2;
            continue;
        }
        out[k++] = *p;
    }
    out[k] = '\0';
}

static void write_and_check(void **state)
{
    static char unfolded[1 << 16];
    struct tendo_buf b;
    struct tendo_error e = {0};
    const char *desc =
        "Run: easy, 40 min / 7.5 km; strides: no\nRehab: heel drops, step, "
        "3 x 12; tempo 3-1-1\nWhy: morning 1/10 — within limits; a, b; c\\d "
        "ÄÖÜ ßéè ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓";
    struct tendo_ics_event ev[4] = {
        {D("2026-11-30"), "2026-11-30-plan@tendo", "Run 40 min (easy)", desc,
         0, 0, 0, 0},
        {D("2026-12-31"), "2026-12-31-plan@tendo", "Rest", NULL, 0, 0, 0, 0},
        {D("2028-02-28"), "2028-02-28-plan@tendo", "Bike 45 min, easy", "",
         0, 0, 0, 0},
        /* the morning check's reminder: 06:50 every day, with an alarm */
        {D("2026-11-30"), "morning-check@tendo", "Morning check", NULL, 1,
         6 * 60 + 50, 1, 1},
    };
    char *line;
    size_t lines = 0;
    (void)state;
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_ics_write(&b, "tendo plan", ev, 4, 1795507200, &e),
                     TENDO_OK);
    /* every line ends in CRLF and is at most 75 octets; continuation lines
     * never start inside a UTF-8 sequence */
    for (const char *p = b.data; *p;) {
        const char *nl = strstr(p, "\r\n");
        assert_non_null(nl);
        assert_true(nl - p <= 75);
        if (*p == ' ')
            assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
        p = nl + 2;
        lines++;
    }
    assert_true(lines > 20);
    assert_true(strncmp(b.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
    assert_non_null(strstr(b.data, "END:VCALENDAR\r\n"));
    unfold(b.data, unfolded, sizeof unfolded);
    assert_non_null(strstr(unfolded, "UID:2026-11-30-plan@tendo\r\n"));
    assert_non_null(strstr(unfolded, "DTSTAMP:20261124T080000Z\r\n"));
    assert_non_null(strstr(unfolded, "DTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201\r\n"));
    assert_non_null(strstr(unfolded, "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
    assert_non_null(strstr(unfolded, "DTSTART;VALUE=DATE:20280228\r\nDTEND;VALUE=DATE:20280229\r\n"));
    assert_non_null(strstr(unfolded, "SUMMARY:Bike 45 min\\, easy\r\n"));
    /* a timed, daily event in floating local time, with its alarm */
    assert_non_null(strstr(unfolded,
                           "UID:morning-check@tendo\r\nDTSTAMP:20261124T080000Z"
                           "\r\nDTSTART:20261130T065000\r\nDTEND:20261130T070500"
                           "\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Morning check\r\n"
                           "TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY"
                           "\r\nTRIGGER:PT0M\r\nDESCRIPTION:Morning check\r\n"
                           "END:VALARM\r\nEND:VEVENT\r\n"));
    assert_non_null(strstr(unfolded,
                           "DESCRIPTION:Run: easy\\, 40 min / 7.5 km\\; "
                           "strides: no\\nRehab:"));
    assert_non_null(strstr(unfolded, "within limits\\; a\\, b\\; c\\\\d ÄÖÜ"));
    assert_non_null(strstr(unfolded, "✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓\r\n"));
    /* an empty description is left out */
    line = strstr(unfolded, "UID:2028-02-28-plan@tendo");
    assert_non_null(line);
    {
        const char *end = strstr(line, "END:VEVENT"), *d;
        assert_non_null(end);
        d = strstr(line, "DESCRIPTION");
        assert_true(!d || d > end);
    }
    /* for the independent check (tests/ics_check.py, python3-icalendar) */
    if (getenv("TENDO_ICS_OUT")) {
        FILE *f = fopen(getenv("TENDO_ICS_OUT"), "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
        assert_int_equal(fclose(f), 0);
    }
    /* the same input gives the same bytes */
    {
        struct tendo_buf c;
        tendo_buf_init(&c, 0);
        assert_int_equal(tendo_ics_write(&c, "tendo plan", ev, 4, 1795507200, &e),
                         TENDO_OK);
        assert_int_equal(c.len, b.len);
        assert_memory_equal(c.data, b.data, b.len);
        tendo_buf_release(&c);
    }
    tendo_buf_release(&b);
}

static void bad_events(void **state)
{
    struct tendo_buf b;
    struct tendo_error e = {0};
    struct tendo_ics_event ev = {D("2026-11-30"), "has space@tendo", "Run",
                                 NULL, 0, 0, 0, 0};
    (void)state;
    tendo_buf_init(&b, 0);
    assert_int_equal(tendo_ics_write(&b, NULL, &ev, 1, 0, &e), TENDO_EUSAGE);
    assert_error(&e, TENDO_EUSAGE, "UID");
    tendo_error_clear(&e);
    ev.uid = "";
    assert_int_equal(tendo_ics_write(&b, NULL, &ev, 1, 0, &e), TENDO_EUSAGE);
    tendo_error_clear(&e);
    ev.uid = "x@tendo";
    ev.timed = 1;
    ev.start_min = 1440; /* not a time of day */
    assert_int_equal(tendo_ics_write(&b, NULL, &ev, 1, 0, &e), TENDO_EUSAGE);
    assert_error(&e, TENDO_EUSAGE, "time of day");
    tendo_error_clear(&e);
    ev.timed = 0;
    ev.summary = NULL;
    assert_int_equal(tendo_ics_write(&b, NULL, &ev, 1, 0, &e), TENDO_EUSAGE);
    assert_int_equal(b.len, 0);   /* nothing written */
    /* a size cap on the buffer is an error, not a truncated calendar */
    tendo_error_clear(&e);
    ev.summary = "Run";
    tendo_buf_release(&b);
    tendo_buf_init(&b, 40);
    assert_int_equal(tendo_ics_write(&b, NULL, &ev, 1, 0, &e), TENDO_ELIMIT);
    tendo_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_and_check),
        cmocka_unit_test(bad_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
