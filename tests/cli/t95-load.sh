#!/usr/bin/env bash
# tendo load: weeks and days over the generated 12-week diary, JSON,
# units, and null (not 0) ratios before 35 days of history.
source "$(dirname "$0")/lib.sh" "$@"

"$GEN_BIN" --end 2026-11-24 > diary.csv
run import diary.csv
expect_status 0 import
run load
expect_status 0 "load weeks"
expect_out "week of      run min" "table header"
expect_out "today: ACWR" "today line"
run load --days --weeks 1
expect_status 0 "load days"
expect_out "2026-11-24" "today's row"
run --json load --weeks 13
expect_status 0 "load json"
echo "$OUT" > l.json
n=$(sqlite3 :memory: "SELECT json_array_length(readfile('l.json'), '\$.weeks')")
expect_eq "$n" 13 "13 weeks"
expect_eq "$(json_get l.json '$.units')" km "units"
expect_eq "$(json_get l.json '$.days[0].date')" 2026-08-31 "first day"
expect_eq "$(json_get l.json '$.days[0].acwr')" "" "no ratio on day 1 (null)"
expect_eq "$(json_get l.json '$.days[33].acwr')" "" "none on day 34"
[ -n "$(json_get l.json '$.days[34].acwr')" ] && ok || bad "ratio from day 35" "null"
expect_eq "$(json_get l.json '$.days[1].run_min')" 34.0 "a run's minutes"
expect_eq "$(json_get l.json '$.days[1].run_km')" 5.67 "its distance"
expect_eq "$(json_get l.json '$.days[2].tendon_load')" 0.0 "a bike ride: no tendon load"
[ "$(json_get l.json '$.days[2].training_load')" != 0.0 ] && ok || bad "a bike ride's training load" "0"
expect_eq "$(json_get l.json '$.weeks[0].ramp_pct')" "" "no ramp for the first week"
run --units mi --json load --weeks 1
echo "$OUT" > m.json
[ -n "$(json_get m.json '$.weeks[0].run_mi')" ] && ok || bad "miles key" "missing"
run load --weeks 0
expect_status 2 "bad --weeks"

# 14 days of steady running in a fresh diary: no ratio on any day of a
# 12-week range, and the report draws none (history starts with the data,
# not with the first day asked for)
export TENDO_DB="$WORK/short.db"
for d in $(seq 10 23); do
  run --date 2026-11-$d log run --minutes 40 --rpe 4
done
run --json load --weeks 12
expect_status 0 "load on two weeks"
echo "$OUT" > s.json
n=$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('s.json'), '\$.days') WHERE json_extract(value, '\$.acwr') IS NOT NULL OR json_extract(value, '\$.acwr_ewma') IS NOT NULL")
expect_eq "$n" 0 "no ratio on 14 days of data"
expect_eq "$(json_get s.json '$.days[78].run_min')" 0.0 "today: no run yet"
expect_eq "$(json_get s.json '$.days[77].run_min')" 40.0 "yesterday's run"
run report --weeks 12 -o r.html
expect_status 0 "report on two weeks"
pts=$(sed -n '/id="acwr"/,/<\/svg>/p' r.html | grep -c '<polyline' || true)
expect_eq "$pts" 0 "no ratio line in the report"
finish
