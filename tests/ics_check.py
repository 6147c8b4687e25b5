#!/usr/bin/env python3
"""Parses tendo's calendar with an independent RFC 5545 parser
(python3-icalendar) and checks what the unit test wrote: three all-day
events, their days, UIDs, and the escaped text round-tripping; and the
morning check's reminder - a floating 06:50, daily, with a display alarm."""
import datetime
import sys

try:
    import icalendar
except ImportError:
    print("python3-icalendar is not installed: skipped")
    sys.exit(77)

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
events = [c for c in cal.walk() if c.name == "VEVENT"]
assert len(events) == 4, len(events)
want = [("2026-11-30-plan@tendo", datetime.date(2026, 11, 30), datetime.date(2026, 12, 1)),
        ("2026-12-31-plan@tendo", datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)),
        ("2028-02-28-plan@tendo", datetime.date(2028, 2, 28), datetime.date(2028, 2, 29))]
for ev, (uid, start, end) in zip(events, want):
    assert str(ev["UID"]) == uid, ev["UID"]
    assert ev.decoded("DTSTART") == start, ev.decoded("DTSTART")
    assert ev.decoded("DTEND") == end, ev.decoded("DTEND")
desc = str(events[0]["DESCRIPTION"])
assert desc.startswith("Run: easy, 40 min / 7.5 km; strides: no\nRehab: heel drops"), desc
assert "a, b; c\\d ÄÖÜ ßéè " in desc, desc
assert desc.endswith("✓" * 32), desc
assert str(events[2]["SUMMARY"]) == "Bike 45 min, easy"
assert str(cal["X-WR-CALNAME"]) == "tendo plan"
rem = events[3]
assert str(rem["UID"]) == "morning-check@tendo"
start = rem.decoded("DTSTART")
assert start == datetime.datetime(2026, 11, 30, 6, 50) and start.tzinfo is None, start
assert rem.decoded("DTEND") == datetime.datetime(2026, 11, 30, 7, 5)
assert rem["RRULE"]["FREQ"] == ["DAILY"], rem["RRULE"]
alarms = [c for c in rem.walk() if c.name == "VALARM"]
assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
assert alarms[0].decoded("TRIGGER") == datetime.timedelta(0)
print("ics: 4 events (one a daily reminder with an alarm) parsed by "
      "python3-icalendar %s" % icalendar.__version__)
