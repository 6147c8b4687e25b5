/*
 * src/report/ics.c - RFC 5545 writer (tendo/ics.h). Content lines are
 * built whole, then folded: a line longer than 75 octets continues on the
 * next after CRLF and one space (§3.1), never inside a UTF-8 sequence.
 */
#include "tendo/ics.h"

#include <string.h>

/* appends one content line, folded, with CRLF */
static void line(struct tendo_buf *out, const char *s, size_t n)
{
    size_t width = 75;   /* octets on the first line; 74 after the space */
    while (n > width) {
        size_t cut = width;
        /* back up to the start of a UTF-8 character */
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == 0)    /* not UTF-8 after all: cut where it fits */
            cut = width;
        tendo_buf_add(out, s, cut);
        tendo_buf_add(out, "\r\n ", 3);
        s += cut;
        n -= cut;
        width = 74;
    }
    tendo_buf_add(out, s, n);
    tendo_buf_add(out, "\r\n", 2);
}

/* NAME:escaped TEXT (§3.3.11) */
static void text_line(struct tendo_buf *out, struct tendo_buf *tmp,
                      const char *name, const char *v)
{
    tendo_buf_reset(tmp);
    tendo_buf_puts(tmp, name);
    tendo_buf_putc(tmp, ':');
    for (; *v; v++) {
        switch (*v) {
        case '\\': tendo_buf_add(tmp, "\\\\", 2); break;
        case ';': tendo_buf_add(tmp, "\\;", 2); break;
        case ',': tendo_buf_add(tmp, "\\,", 2); break;
        case '\n': tendo_buf_add(tmp, "\\n", 2); break;
        case '\r': break;
        default:
            /* other control characters are not allowed in TEXT */
            if ((unsigned char)*v >= 0x20 && *v != 0x7f)
                tendo_buf_putc(tmp, *v);
        }
    }
    line(out, tmp->data, tmp->len);
}

static void ymd(tendo_day d, char out[9])
{
    int y, m, dd;
    tendo_day_to_ymd(d, &y, &m, &dd);
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = (char)('0' + m / 10);
    out[5] = (char)('0' + m % 10);
    out[6] = (char)('0' + dd / 10);
    out[7] = (char)('0' + dd % 10);
    out[8] = '\0';
}

int tendo_ics_write(struct tendo_buf *out, const char *calname,
                    const struct tendo_ics_event *ev, size_t n,
                    int64_t stamp_utc, struct tendo_error *err)
{
    struct tendo_buf tmp;
    char stamp[21], st[17], a[9], b[9];
    int rc;

    for (size_t i = 0; i < n; i++) {
        const char *u = ev[i].uid;
        if (!u || !*u || !ev[i].summary || ev[i].date == TENDO_DAY_NONE ||
            ev[i].date < TENDO_DAY_MIN || ev[i].date > 2932896)
            return tendo_fail(err, TENDO_EUSAGE,
                              "calendar event %zu lacks a day, UID or summary",
                              i + 1);
        if (ev[i].timed && (ev[i].start_min < 0 || ev[i].start_min > 1439))
            return tendo_fail(err, TENDO_EUSAGE,
                              "calendar event %zu: a time of day 0-1439 "
                              "minutes",
                              i + 1);
        for (; *u; u++)
            if ((unsigned char)*u <= 0x20 || (unsigned char)*u >= 0x7f)
                return tendo_fail(err, TENDO_EUSAGE,
                                  "calendar event %zu: UID must be printable "
                                  "ASCII without spaces",
                                  i + 1);
    }
    /* 2026-11-24T08:00:00Z -> 20261124T080000Z */
    tendo_utc_format(stamp_utc, stamp);
    {
        size_t k = 0;
        for (const char *p = stamp; *p && k < sizeof st - 1; p++)
            if (*p != '-' && *p != ':')
                st[k++] = *p;
        st[k] = '\0';
    }
    tendo_buf_init(&tmp, 0);
    line(out, "BEGIN:VCALENDAR", 15);
    line(out, "VERSION:2.0", 11);
    line(out, "PRODID:-//tendo//tendo " TENDO_VERSION_STRING "//EN", strlen("PRODID:-//tendo//tendo " TENDO_VERSION_STRING "//EN"));
    line(out, "CALSCALE:GREGORIAN", 18);
    line(out, "METHOD:PUBLISH", 14);
    if (calname && *calname)
        text_line(out, &tmp, "X-WR-CALNAME", calname);
    for (size_t i = 0; i < n; i++) {
        ymd(ev[i].date, a);
        ymd(ev[i].date + 1, b);   /* DTEND is exclusive for all-day events */
        line(out, "BEGIN:VEVENT", 12);
        tendo_buf_reset(&tmp);
        tendo_buf_printf(&tmp, "UID:%s", ev[i].uid);
        line(out, tmp.data, tmp.len);
        tendo_buf_reset(&tmp);
        tendo_buf_printf(&tmp, "DTSTAMP:%s", st);
        line(out, tmp.data, tmp.len);
        tendo_buf_reset(&tmp);
        if (ev[i].timed) {
            /* a floating local time: the reminder rings at 07:00 wherever
             * the phone is */
            int h = ev[i].start_min / 60, m = ev[i].start_min % 60;
            int e = ev[i].start_min + 15;
            tendo_buf_printf(&tmp, "DTSTART:%sT%02d%02d00", a, h, m);
            line(out, tmp.data, tmp.len);
            tendo_buf_reset(&tmp);
            if (e < 1440)
                tendo_buf_printf(&tmp, "DTEND:%sT%02d%02d00", a, e / 60,
                                 e % 60);
            else
                tendo_buf_printf(&tmp, "DTEND:%sT235900", a);
        } else {
            tendo_buf_printf(&tmp, "DTSTART;VALUE=DATE:%s", a);
            line(out, tmp.data, tmp.len);
            tendo_buf_reset(&tmp);
            tendo_buf_printf(&tmp, "DTEND;VALUE=DATE:%s", b);
        }
        line(out, tmp.data, tmp.len);
        if (ev[i].daily)
            line(out, "RRULE:FREQ=DAILY", 16);
        text_line(out, &tmp, "SUMMARY", ev[i].summary);
        if (ev[i].description && *ev[i].description)
            text_line(out, &tmp, "DESCRIPTION", ev[i].description);
        line(out, "TRANSP:TRANSPARENT", 18);
        if (ev[i].alarm) {
            line(out, "BEGIN:VALARM", 12);
            line(out, "ACTION:DISPLAY", 14);
            line(out, "TRIGGER:PT0M", 12);
            text_line(out, &tmp, "DESCRIPTION", ev[i].summary);
            line(out, "END:VALARM", 10);
        }
        line(out, "END:VEVENT", 10);
    }
    line(out, "END:VCALENDAR", 13);
    rc = tmp.err ? tmp.err : out->err;
    tendo_buf_release(&tmp);
    if (rc)
        return tendo_fail(err, rc, "cannot write the calendar: %s",
                          tendo_strerror(rc));
    return TENDO_OK;
}
