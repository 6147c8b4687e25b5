/*
 * tendo/ics.h - RFC 5545 iCalendar writing for the week plan: one all-day
 * event per planned day.
 *
 * Writes into a caller's tendo_buf (tendo/buf.h); the caller owns it. Lines
 * end in CRLF and are folded at 75 octets without splitting a UTF-8
 * character; TEXT values are escaped (backslash, semicolon, comma,
 * newline). UIDs are the caller's and should be stable (e.g. the day and a
 * per-database id), so a re-export updates events in a calendar app rather
 * than duplicating them. Errors: TENDO_EUSAGE for a bad event, TENDO_ENOMEM
 * or TENDO_ELIMIT from the buffer.
 */
#ifndef TENDO_ICS_H
#define TENDO_ICS_H

#include "buf.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "plan.h"

struct tendo_ics_event {
    tendo_day date;              /* the all-day event's day (the first) */
    const char *uid;             /* stable, unique, non-empty, ASCII */
    const char *summary;         /* one line */
    const char *description;     /* may hold newlines; NULL for none */
    /* zero for an all-day event; else: */
    int timed;                   /* at start_min, a floating local time
                                    (the device's own zone), 15 minutes */
    int start_min;               /* minutes after midnight, 0-1439 */
    int daily;                   /* repeats every day (RRULE:FREQ=DAILY) */
    int alarm;                   /* a VALARM (display) at its start */
};

/* Writes a VCALENDAR with the events. `stamp_utc` (seconds since 1970)
 * becomes every event's DTSTAMP - pass the export time, or a fixed value
 * for byte-stable output. */
TENDO_API int tendo_ics_write(struct tendo_buf *out, const char *calname,
                              const struct tendo_ics_event *ev, size_t n,
                              int64_t stamp_utc, struct tendo_error *err);

/* The plan's days as words (`tendo plan`, its .ics, the server's plan
 * page and calendar feed): "Run 40 min easy (7.0 km) + strides",
 * "Cross-train: bike 45 min", "Rest"; the rehab "heel-drop 3x12, flat,
 * tempo 3-1-1, +2.5 kg". `units` is an enum tendo_units. */
TENDO_API void tendo_plan_day_summary(const struct tendo_plan_day *d,
                                      int units, char *out, size_t n);
TENDO_API void tendo_plan_day_rehab_text(const struct tendo_plan_day *d,
                                         char *out, size_t n);

/* The plan as a VCALENDAR, one all-day event a day, UIDs by day (so a
 * calendar that re-reads it updates its events): the summary, phase,
 * surface, rehab and note, and the day it was planned on. With
 * `reminder_min` 0-1439 (the reminder_time setting; -1 none) also a
 * "Morning check" at that local time every day from the plan's first,
 * with an alarm. */
TENDO_API int tendo_plan_ics(struct tendo_buf *out, const struct tendo_plan *p,
                             int units, tendo_day planned_on,
                             int reminder_min, int64_t stamp_utc,
                             struct tendo_error *err);

#endif
