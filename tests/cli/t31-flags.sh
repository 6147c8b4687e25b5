#!/usr/bin/env bash
# tendo flags: red flags stay open until a clinician has seen the athlete
# (clinical.md §2), through the real binary: check, today, plan, flags,
# flags clear, list, export, the report.
source "$(dirname "$0")/lib.sh" "$@"

# three weeks of calm running
for d in $(seq 1 21); do
  day=$(date -d "2026-10-31 +$d days" +%Y-%m-%d)
  run check --morning 1 --stiffness 5 --date "$day"
  [ $((d % 2)) -eq 0 ] && run log run --minutes 40 --km 8 --rpe 3 --date "$day"
done

# the calf flag on Sunday; Monday's check has no flag
run check --morning 1 --stiffness 5 --calf --date 2026-11-22
expect_status 0 "check with a flag"
expect_err "red flag recorded (calf): no running until a clinician has seen you" "says so"
run check --morning 1 --stiffness 5 --date 2026-11-23
run today --date 2026-11-23
expect_out "SEE A CLINICIAN" "still see a clinician the next day"
expect_out "Red flag: calf since 2026-11-22, open until a clinician has seen you" "open flag shown"
expect_out "Red flag since 2026-11-22: calf swelling" "since when"
expect_out "tendo flags clear calf" "how to clear it"
expect_no_out "Instead:" "no cross-training with calf"
run --json plan --date 2026-11-23 --weeks 1
echo "$OUT" > plan.json
expect_eq "$(json_get plan.json '$.level')" see-clinician "the plan agrees"
expect_eq "$(sqlite3 :memory: "SELECT count(*) FROM json_each(json_extract(readfile('plan.json'), '\$.days')) WHERE json_extract(value, '\$.kind') = 'run'")" 0 "no run planned"

run flags --date 2026-11-23
expect_status 0 flags
expect_out "calf             since 2026-11-22 (2 days)" "open since"
run --json flags --date 2026-11-23
echo "$OUT" > flags.json
expect_eq "$(json_get flags.json '$.open[0].flag')" calf "json open flag"
expect_eq "$(json_get flags.json '$.open[0].since')" 2026-11-22 "json since"

# clearing: bad names, flags not open, then the real one
run flags clear bogus
expect_status 1 "unknown flag"
expect_err "'bogus' is not a red flag" "unknown flag message"
run flags clear sharp
expect_status 1 "sharp is not a red flag"
before=$(db_hash)
run flags clear pop --date 2026-11-23
expect_status 2 "pop is not open"
expect_err "pop is not open on 2026-11-23 (open: calf)" "names the open ones"
expect_eq "$(db_hash)" "$before" "nothing written"
run flags clear calf --date 2026-11-24 --note 'ultrasound: no clot'
expect_status 0 "clear"
expect_out 'cleared on 2026-11-24: calf - "ultrasound: no clot"' "clear output"
run check --morning 1 --stiffness 5
run today
expect_no_out "SEE A CLINICIAN" "cleared: the usual rules"
expect_out "[flag_cleared]" "the clearance is shown"
expect_out 'Cleared:  calf (since 2026-11-22) on 2026-11-24 - "ultrasound: no clot"' "today shows the note"
run --json today; echo "$OUT" > t.json
expect_eq "$(json_get t.json '$.red_flags[0].note')" "ultrasound: no clot" "today json: the note"
run flags
expect_out "No red flag is open on 2026-11-24." "none open"
expect_out 'cleared 2026-11-24 - "ultrasound: no clot"' "cleared with its note"
run list --what flags --days 3
expect_out 'cleared by a clinician: calf - "ultrasound: no clot"' "list shows the clearance"
run --json list --what flags
echo "$OUT" > list.json
expect_eq "$(json_get list.json '$.clearances[0].note')" "ultrasound: no clot" "list json"
run flags clear all
expect_status 2 "nothing open to clear"
expect_err "no red flag is open on 2026-11-24" "clear all with none open"

# a flag entered by mistake is corrected, not cleared, and kept on record
run check --morning 1 --stiffness 5 --night --date 2026-11-20
run today --date 2026-11-21
expect_out "[red_flag_night]" "night open"
run check --flags none --date 2026-11-20
expect_err "a correction of a mistake, kept on record" "correction explained"
run today --date 2026-11-21
expect_no_out "[red_flag_night]" "corrected away"
run list --what flags --from 2026-11-01
expect_out "2026-11-20 flags taken off the check (entered by mistake, corrected 2026-11-24): night" "correction listed"
run export --json -o all.json
expect_eq "$(json_get all.json '$.clearances[0].flags[0]')" calf "export: clearances"
expect_eq "$(json_get all.json '$.flag_corrections[0].flags[0]')" night "export: corrections"

# morning-high is opened by the mornings, not entered
run check --flags morning-high
expect_status 2 "morning-high cannot be entered"
expect_err "morning-high is opened by the mornings" "why"

# the report names the flag, when it opened and its clearance
run report -o r.html
OUT=$(cat r.html)
expect_out "<b>calf</b> since 2026-11-22, cleared by a clinician on 2026-11-24 (&ldquo;ultrasound: no clot&rdquo;)" "report"

run flags --help
expect_status 0 help
expect_out "usage: tendo flags" "help"
run flags extra
expect_status 1 "bad argument"
run flags --note x
expect_status 1 "--note without clear"
finish
