#!/usr/bin/env bash
# The routine around the heel drops (docs/clinical.md §7a) where a runner
# meets it: `today` (a line; -v every exercise), --json, the plan's days and
# its .ics, the server's today page - one definition (the advice's); the
# gate when a red flag rules exercise out. And the weekly function
# check-in: stored as an assessment, trended, refused when out of range,
# through the backup and the API like the other kinds.
source "$(dirname "$0")/lib.sh" "$@"

"$GEN_BIN" --end 2026-11-24 --weeks 8 > diary.csv
run import diary.csv
expect_status 0 "import"

run today
[[ "$OUT" == *"Routine:  "*"mobility today"* ]] && ok || bad "today shows the routine" "$OUT"
[[ "$OUT" == *"(-v: the exercises)"* ]] && ok || bad "a hint to -v" "$OUT"
run -v today
[[ "$OUT" == *"knee to the wall, heel down (ankle bend): 2 x 10 each side"* ]] && ok || bad "-v: the exercises and doses" "$OUT"
# the doses are settings
run config mobility_sets 3
run config hold_seconds 45
run -v today
[[ "$OUT" == *"knee to the wall, heel down (ankle bend): 3 x 10 each side"* ]] && ok || bad "mobility_sets 3" "$OUT"
expect_rejected "a dose out of range" 2 "calf_sets '9' is out of range 1-6" config calf_sets 9
run config --unset mobility_sets
run --json today
printf '%s\n' "$OUT" > today.json
blocks=$(python3 -c 'import json; print(" ".join(b["block"] for b in json.load(open("today.json"))["routine"]["blocks"]))')
[[ " $blocks " == *" mobility "* ]] && ok || bad "JSON blocks" "$blocks"
run --json plan --weeks 1 --ics plan.ics
printf '%s\n' "$OUT" > plan.json
first=$(python3 -c 'import json; print(" ".join(json.load(open("plan.json"))["days"][0]["routine"]))')
expect_eq "$first" "$blocks" "the plan's first day has today's blocks"
python3 -c '
import json
days = json.load(open("plan.json"))["days"]
assert all("mobility" in d["routine"] for d in days), "mobility daily"
assert all(("warm-up" in d["routine"]) == (d["kind"] == "run" or (d["rehab"] is not None and d["rehab"]["load_kg"] != 0)) for d in days[1:]), "warm-up before runs and loaded rehab"
print("ok")' > plan.out 2>&1
grep -q "^ok$" plan.out && ok || bad "the plan's days carry their blocks" "$(cat plan.out)"
tr -d '\r' < plan.ics | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' > plan.unfolded
grep -q "Routine: .*mobility" plan.unfolded && ok || bad "the .ics says the routine" "$(grep -m2 Routine plan.unfolded)"

# a suspected rupture: no block at all, and why
run check --pop
run --json today
printf '%s\n' "$OUT" > pop.json
python3 -c 'import json; r = json.load(open("pop.json"))["routine"]; assert r["blocks"] == [] and "red flag" in r["gate"], r; print("ok")' > pop.out 2>&1
grep -q "^ok$" pop.out && ok || bad "pop: no routine, the gate said" "$(cat pop.out)"
run today
[[ "$OUT" == *"Routine:  none today (a red flag rules out exercising the leg"* ]] && ok || bad "pop: today says none" "$OUT"
run check --flags none

# the server's today page: the same blocks
"$TENDO_BIN" serve --listen 127.0.0.1:0 2> serve.err &
pid=$!
for _ in $(seq 200); do grep -q "serving http" serve.err && break; sleep 0.05; done
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.err | head -1)
python3 - "$port" > page.out 2>&1 <<'PY'
import json, re, sys, urllib.request
port = sys.argv[1]
def get(p):
    return urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{p}"), timeout=10).read()
page = get("/").decode()
plan = get("/plan").decode()
print("plan-routine" if 'class="routine">routine: ' in plan else "plan without routine")
doc = json.loads(get("/api/today"))
want = [b["block"] for b in doc["routine"]["blocks"]]
got = re.findall(r'data-block="([a-z-]+)"', page)
print("ok" if got == want and want else "page %s, api %s" % (got, want))
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/assessment",
    data=json.dumps({"kind": "function", "answers": "6,7,5"}).encode(),
    headers={"Content-Type": "application/json"}, method="POST")
r = json.loads(urllib.request.urlopen(req, timeout=10).read())
print("api", r["kind"], r["score"], r["stairs"], r["recovery"])
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/routine",
    data=json.dumps({"blocks": ["warm-up"], "pain": 2, "date": "2026-11-22"}).encode(),
    headers={"Content-Type": "application/json"}, method="POST")
resp = urllib.request.urlopen(req, timeout=10)
r = json.loads(resp.read())
print("routine", resp.status, r["done"][0]["block"], r["done"][0]["pain"], r["done"][0]["date"])
PY
kill -TERM "$pid"; wait "$pid"
grep -q "^ok$" page.out && ok || bad "the server's page shows the advice's blocks" "$(cat page.out)"
grep -q "^plan-routine$" page.out && ok || bad "the server's plan shows the days' routine" "$(cat page.out)"
grep -q "^api function 60.0 6 5$" page.out && ok || bad "the function check-in through the API" "$(cat page.out)"
grep -q "^routine 201 warm-up 2 2026-11-22$" page.out && ok || bad "a block done through the API" "$(cat page.out)"

# the weekly function check-in
run assess function --answers 7,8,6
expect_status 0 "function check-in"
[[ "$OUT" == "function 2026-11-24: 70/100 (stairs 7, daily tasks 8, recovery 6; 10 = no trouble)" ]] && ok || bad "its line" "$OUT"
expect_rejected "a rating over 10" 2 "daily tasks '11' is out of range 0-10" assess function --answers 7,11,6
expect_rejected "two ratings" 2 "needs 3 ratings" assess function --answers 7,8
expect_rejected "left and right are not for it" 1 "function takes --answers only" assess function --left 3 --right 4
run --date 2026-11-17 assess function --answers 5,5,5
run assess list --weeks 2
[[ "$OUT" == *"+20 since the first function score in this range"* ]] && ok || bad "its trend" "$OUT"
# logging the routine: all of the day's blocks, or some, with pain
run rehab --done all --pain 1
expect_status 0 "rehab --done all"
[[ "$OUT" == "done 2026-11-24: "*"mobility (#"*"; pain 1/10" ]] && ok || bad "the day's blocks logged" "$OUT"
run --date 2026-11-23 --json rehab --done mobility,warm-up
printf '%s\n' "$OUT" > done.json
python3 -c 'import json; d = json.load(open("done.json"))["done"]; assert [x["block"] for x in d] == ["mobility", "warm-up"] and d[0]["date"] == "2026-11-23" and d[0]["pain"] is None, d; print("ok")' > done.out 2>&1
grep -q "^ok$" done.out && ok || bad "--json: the blocks done" "$(cat done.out)"
expect_rejected "an unknown block" 2 "block 'nap' is not one of warm-up, mobility" rehab --done nap
expect_rejected "a block twice" 1 "block mobility is named twice" rehab --done mobility,mobility
expect_rejected "--done with a dose" 1 "--done takes --pain only" rehab --done all --sets 3
run rehab --done mobility --pain 3
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*), max(pain) FROM routine_log WHERE date = '2026-11-24' AND block = 'mobility'")" "1|3" "logged again: one row, the new pain"

# the report: the routine, the function trend, the ankle bend back or not
run assess dorsiflexion --left 9 --right 10.5
run report -o report.html
grep -q "Routine today: [a-z]" report.html && ok || bad "the report's routine" "$(grep -o 'Routine today[^<]*' report.html)"
grep -q "Function (stairs, daily tasks, recovery): <b>70</b>/100 on 2026-11-24; +20 since 2026-11-17" report.html && ok || bad "the report's function trend" "$(grep -o 'Function (stairs.\{0,80\}' report.html)"
grep -q "difference 1.5 cm: back to the other side" report.html && ok || bad "dorsiflexion back to the other side's" "$(grep -o 'Knee-to-wall[^<]*' report.html)"
grep -q "function check-in, 0-100" report.html && ok || bad "the function series in the chart" "missing"
xmllint --noout report.html 2>/dev/null && ok || bad "the report stays well-formed" "xmllint"
grep -q '<table id="routine">' report.html && ok || bad "the report's adherence table" "missing"
grep -q 'id="routine-adherence' report.html && ok || bad "the report's adherence chart" "missing"
python3 - report.html > adh.out 2>&1 <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rows = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>(.*?)</tr>", t.split('<table id="routine">')[1].split("</table>")[0])
last = dict(zip(["warm-up", "mobility", "evening-mobility", "calf-complex", "isometric"], re.findall(r"<td>([^<]*)</td>", rows[-1][1])))
# the week of 2026-11-23: mobility done both days it was due
print("ok" if rows[-1][0] == "2026-11-23" and last["mobility"] == "2/2" else "rows %s" % (rows[-1],))
PY
grep -q "^ok$" adh.out && ok || bad "adherence: mobility 2 of 2 days" "$(cat adh.out)"
# through the backup and back
run export --json -o backup.json
expect_status 0 "export"
TENDO_DB="$WORK/restored.db" "$TENDO_BIN" -q import backup.json 2> restore.err
expect_eq "$?" 0 "restore"
TENDO_DB="$WORK/restored.db" "$TENDO_BIN" --json assess list --weeks 2 > restored.json
run --json assess list --weeks 2
printf '%s\n' "$OUT" > original.json
cmp -s restored.json original.json && ok || bad "the function check-ins survive the backup" "$(diff restored.json original.json | head -3)"
expect_eq "$(sqlite3 "$WORK/restored.db" 'SELECT count(*) FROM routine_log')" "$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM routine_log')" "the routine's rows survive the backup"
run delete routine --date 2026-11-23 --yes
expect_status 0 "delete the routine of a day"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM routine_log WHERE date = '2026-11-23'")" 0 "gone"
id=$(python3 -c 'import json; print([a["id"] for a in json.load(open("original.json")) if a["kind"] == "function"][0])')
run delete assessment "$id" --yes
expect_status 0 "delete a function check-in"
sanitizer_check_files serve.err
finish
