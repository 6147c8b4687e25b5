#!/usr/bin/env bash
# The plan on the watch: `plan --fit DIR` and `today --fit FILE` write FIT
# workouts that tendo's own decoder reads back (`inspect --json`) as the
# plan - the minutes exactly, the strides, the targets, the rehab sets;
# today's file is the plan's first day; bad folders are refused. And the
# morning reminder: the reminder_time setting (HH:MM) adds a daily timed
# event with an alarm to `plan --ics` and to the server's calendar, the
# same bytes from both. (The independent decoder: workouts:fit-file-parser.)
source "$(dirname "$0")/lib.sh" "$@"

"$GEN_BIN" --end 2026-11-24 --weeks 10 > diary.csv
run import diary.csv
expect_status 0 "import"
run config max_hr 186
run config rest_hr 48

run --json plan --weeks 2 --fit wk
expect_status 0 "plan --fit"
printf '%s\n' "$OUT" > plan.json
[[ "$ERR" == *"workout files in wk (copy them to the watch's GARMIN/NewFiles folder"* ]] && ok || bad "says where they go" "$ERR"
n=$(ls wk | wc -l)
[ "$n" -ge 8 ] && ok || bad "a file per session" "$n files: $(ls wk)"
run --json inspect wk/*.fit
expect_status 0 "inspect the workouts"
printf '%s\n' "$OUT" > inspect.jsonl
python3 - plan.json inspect.jsonl > check.out 2>&1 <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
docs = {d["file"].split("/")[-1]: d for d in map(json.loads, open(sys.argv[2]))}
hrr = 186 - 48
band = {"easy": (round(48 + .5 * hrr), round(48 + .7 * hrr)),
        "long": (round(48 + .5 * hrr), round(48 + .7 * hrr)),
        "moderate": (round(48 + .7 * hrr), round(48 + .8 * hrr))}
fails = []
def want(cond, what):
    if not cond:
        fails.append(what)
runs = 0
for day in plan["days"]:
    if day["kind"] == "run":
        r, name = day["run"], day["date"] + "-run.fit"
        d = docs.get(name)
        want(d is not None, name + " missing")
        if not d:
            continue
        runs += 1
        want(d["format"] == "fit-workout" and d["sport"] == "running", name + " kind")
        want(d["name"] == "%s %s %d min" % (day["date"], r["intensity"], r["minutes"]), name + " name " + d["name"])
        want(d["seconds"] == r["minutes"] * 60, "%s: %s s, plan %d min" % (name, d["seconds"], r["minutes"]))
        main = [s for s in d["steps"] if s["intensity"] == "active"][0]
        lo, hi = band[r["intensity"]]
        want(main["target"] == {"type": "heart_rate", "low_bpm": lo, "high_bpm": hi}, name + " target %s" % main["target"])
        reps = [s for s in d["steps"] if s["duration"]["type"] == "repeat"]
        want(bool(reps) == r["strides"], name + " strides")
        want(str(r["minutes"]) in main["notes"], name + " notes " + main["notes"])
    if day.get("rehab") and day["rehab"]["exercise"] in ("heel-drop", "heel-raise", "single-leg-raise", "bent-knee-drop", "seated-raise"):
        name = day["date"] + "-rehab.fit"
        d = docs.get(name)
        want(d is not None, name + " missing")
        if d:
            rh = day["rehab"]
            want(d["steps"][0]["duration"] == {"type": "reps", "reps": rh["reps"]}, name + " reps")
            want(d["steps"][-1]["duration"]["times"] == rh["sets"], name + " sets")
            want(d["steps"][0]["exercise"]["category"] == 1, name + " a calf raise")
            want(d["seconds"] is None, name + " has no total time")
    if day["kind"] == "rest":
        want(day["date"] + "-run.fit" not in docs, day["date"] + ": a rest day with a run")
want(runs >= 3, "runs: %d" % runs)
print("\n".join(fails) if fails else "ok %d runs" % runs)
PY
grep -q "^ok " check.out && ok || bad "the files read back as the plan" "$(cat check.out)"

# today --fit: the plan's first day, the same bytes
run today --fit today.fit
expect_status 0 "today --fit"
first=$(python3 -c 'import json; d = json.load(open("plan.json"))["days"][0]
print(d["date"] + "-" + ("run" if d["kind"] == "run" else d["cross_training"]["type"] if d["kind"] == "cross-train" else "rehab") + ".fit")')
cmp -s today.fit "wk/$first" && ok || bad "today's file is the plan's first day" "$first"
# writing again replaces the files (the same serials: the watch updates)
run plan --weeks 2 --fit wk
expect_status 0 "plan --fit again"
expect_eq "$(ls wk | wc -l)" "$n" "the same files"
expect_rejected "a file where the folder goes" 2 "is not a folder" plan --fit diary.csv
expect_rejected "a folder that cannot be made" 3 "cannot make the folder" plan --fit /proc/tendo-no/x
expect_rejected "--fit needs a value" 1 "option '--fit' needs a value" plan --fit

# a suspected rupture (a pop): no exercise of the leg - no workout to write
run check --pop
run today --fit flag.fit
[ "$STATUS" -eq 2 ] && [[ "$ERR" == *"nothing to put on a watch today"* ]] && [ ! -e flag.fit ] && ok || bad "red flag: no workout" "$ERR"
run check --flags none

# the morning reminder
expect_rejected "a bad reminder time" 2 "reminder_time '25:00' is not a time of day" config reminder_time 25:00
run config reminder_time 6:45
expect_status 0 "reminder_time"
expect_eq "$(run config reminder_time; echo "$OUT")" "06:45" "stored as HH:MM"
run plan --weeks 4 --ics plan.ics
expect_status 0 "plan --ics with the reminder"
python3 - plan.ics > ics.out 2>&1 <<'PY'
import datetime, sys
try:
    import icalendar
except ImportError:
    print("ok (python3-icalendar missing)"); sys.exit(0)
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = [e for e in cal.walk("VEVENT") if str(e["UID"]) == "morning-check@tendo"]
assert len(ev) == 1, len(ev)
e = ev[0]
assert e.decoded("DTSTART") == datetime.datetime(2026, 11, 24, 6, 45), e.decoded("DTSTART")
assert e["RRULE"]["FREQ"] == ["DAILY"]
al = [a for a in e.walk("VALARM")]
assert len(al) == 1 and str(al[0]["ACTION"]) == "DISPLAY"
days = [x for x in cal.walk("VEVENT") if str(x["UID"]).endswith("-plan@tendo")]
assert len(days) >= 7, len(days)
print("ok", len(days))
PY
grep -q "^ok" ics.out && ok || bad "the reminder in the .ics" "$(cat ics.out)"
# the server's calendar: the same bytes (the same library call)
"$TENDO_BIN" serve --listen 127.0.0.1:0 2> serve.err &
pid=$!
for _ in $(seq 200); do grep -q "serving http" serve.err && break; sleep 0.05; done
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.err | head -1)
python3 -c "
import urllib.request
r = urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:$port/plan.ics'), timeout=10)
open('served.ics', 'wb').write(r.read())"
kill -TERM "$pid"; wait "$pid"
cmp -s served.ics plan.ics && ok || bad "the server's calendar is plan --ics" "$(diff <(tr -d '\r' < served.ics) <(tr -d '\r' < plan.ics) | head -5)"
run config --unset reminder_time
run plan --weeks 1 --ics plain.ics
grep -q "morning-check" plain.ics && bad "reminder off: none" "found" || ok
sanitizer_check_files serve.err
finish
