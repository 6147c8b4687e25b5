#!/usr/bin/env python3
"""Reads a `tendo plan --ics` export with an independent RFC 5545 parser
(python3-icalendar): one all-day event per planned day, consecutive days
from FIRST, unique UIDs of the form DAY-plan@tendo, a summary that starts
with Run, Cross-train or Rest, a description naming the phase. Prints the
UIDs, one per line, for the caller to compare across exports.
Usage: plan_ics_check.py FILE FIRST-DAY DAYS"""
import datetime
import sys

try:
    import icalendar
except ImportError:
    print("python3-icalendar is not installed: skipped", file=sys.stderr)
    sys.exit(77)

path, first, days = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path, "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
events = [c for c in cal.walk() if c.name == "VEVENT"]
assert len(events) == days, (len(events), days)
day = datetime.date.fromisoformat(first)
uids = []
for ev in events:
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert start == day and end == day + datetime.timedelta(days=1), (start, day)
    uid = str(ev["UID"])
    assert uid == "%s-plan@tendo" % day.isoformat(), uid
    summary = str(ev["SUMMARY"])
    assert summary.split(" ")[0].rstrip(":") in ("Run", "Cross-train", "Rest"), summary
    assert "(" in str(ev["DESCRIPTION"]), ev["DESCRIPTION"]
    uids.append(uid)
    day += datetime.timedelta(days=1)
assert len(set(uids)) == len(uids)
assert str(cal["X-WR-CALNAME"]) == "tendo plan"
print("\n".join(uids))
