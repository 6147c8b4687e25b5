#!/usr/bin/env bash
# tendo today: the advice through the real CLI - a calm history, a missing
# check, a flare-up, a red flag, --json exactly as product.md §5.2, units,
# --date, help and bad arguments.
source "$(dirname "$0")/lib.sh" "$@"

run init
expect_status 0 init
# five weeks: a 40-minute run every other day, quiet mornings
for i in $(seq 35 -1 1); do
  d=$(date -u -d "2026-11-10 -$i days" +%F)
  [ $((i % 2)) -eq 0 ] && run log run --minutes 40 --km 8 --date "$d"
  run check --morning 1 --stiffness 10 --date "$d"
done
expect_status 0 "history"

run today --date 2026-11-10
expect_status 0 "today without a check"
expect_out "MAINTAIN" "no check: conservative"
expect_out "[no_check_today]" "asks for the check"
expect_out "now: tendo check" "next check is now"
expect_out "does not diagnose" "says it supports, not diagnoses"

run check --morning 1 --stiffness 10 --date 2026-11-10
run --json today --date 2026-11-10
expect_status 0 "today json"
echo "$OUT" > a.json
expect_eq "$(json_get a.json '$.date')" 2026-11-10 "date"
expect_eq "$(json_get a.json '$.level')" progress "7+ good days: progress"
expect_eq "$(json_get a.json '$.run.allowed')" 1 "run allowed"
expect_eq "$(json_get a.json '$.run.max_minutes')" 44.0 "typical 40 + 10 %"
expect_eq "$(json_get a.json '$.run.max_km')" 8.8 "km from the median pace"
expect_eq "$(json_get a.json '$.run.intensity')" moderate "intensity"
expect_eq "$(json_get a.json '$.rehab.exercise')" heel-raise "protocol stage 1 without rehab logged"
expect_eq "$(json_get a.json '$.rehab.stage')" 1 "rehab stage"
expect_eq "$(json_get a.json '$.rehab.progress')" hold "rehab decision"
expect_eq "$(json_get a.json '$.reasons[0].code')" good_days "reason code"
expect_eq "$(json_get a.json '$.next_check')" 2026-11-11 "next check"
expect_eq "$(json_get a.json '$.flare.step')" none "no flare"
for k in date level run cross_training rehab reasons next_check; do
  [ -n "$(sqlite3 :memory: "SELECT json_type(readfile('a.json'), '\$.$k')")" ] \
    && ok || bad "key $k" "missing"
done

# the rehab protocol is a setting; logged sessions are the stage's state
run config protocol alfredson
for d in 2026-11-03 2026-11-06 2026-11-08; do
  run rehab --exercise heel-drop --surface step --sets 3 --reps 15 --pain 0 --date "$d"
done
run --json today --date 2026-11-10
echo "$OUT" > p.json
expect_eq "$(json_get p.json '$.rehab.stage')" 2 "alfredson: pain-free sessions add load"
expect_eq "$(json_get p.json '$.rehab.load_kg')" 5.0 "+5 kg"
expect_eq "$(json_get p.json '$.rehab.progress')" advance "advance"
run today --date 2026-11-10
expect_out "Rehab:    stage 2 of 2" "rehab stage on the screen"
expect_out "[rehab_advance]" "rehab reason"
run config --unset protocol

run --units mi --json today --date 2026-11-10
echo "$OUT" > m.json
expect_eq "$(json_get m.json '$.run.max_mi')" 5.5 "miles beside km"

# a flare-up: morning 4 from a baseline of 1 -> pause, stored in the replay
run check --morning 4 --stiffness 20 --date 2026-11-11
run today --date 2026-11-11
expect_status 0 "flare day"
expect_out "PAUSE" "flare pauses running"
expect_out "[flare_morning_up]" "flare reason"
expect_out "Run:      none today" "no run"
expect_out "bike 40 min or pool-run 40 min" "cross-training keeps the minutes"
expect_out "Flare-up: step pause since 2026-11-11 (your usual run before it: 40 min)" "flare line"
# two settled mornings later: reassess, then re-entry at 50 %
run check --morning 1 --stiffness 10 --date 2026-11-12
run --json today --date 2026-11-12
echo "$OUT" > r.json
expect_eq "$(json_get r.json '$.flare.step')" reassess "reassess after 24 h"
expect_eq "$(json_get r.json '$.flare.since')" 2026-11-11 "flare start"
run check --morning 1 --stiffness 10 --date 2026-11-13
run check --morning 1 --stiffness 10 --date 2026-11-14
run --json today --date 2026-11-14
echo "$OUT" > e.json
expect_eq "$(json_get e.json '$.flare.step')" re-enter-1 "re-entry after 2 good mornings"
expect_eq "$(json_get e.json '$.level')" reduce "re-entry is reduce"
expect_eq "$(json_get e.json '$.run.max_minutes')" 20.0 "50 % of the pre-flare run"

# a red flag overrides everything
run check --morning 0 --stiffness 5 --night --date 2026-11-15
run today --date 2026-11-15
expect_out "SEE A CLINICIAN" "red flag"
expect_out "[red_flag_night]" "names the flag"
run --json today --date 2026-11-15
echo "$OUT" > f.json
expect_eq "$(json_get f.json '$.rehab')" "" "no loaded rehab (null)"
expect_eq "$(json_get f.json '$.run.allowed')" 0 "no run"

run today --help
expect_status 0 help
expect_out "usage: tendo today" "help text"
run today extra
expect_status 1 "no arguments"
run today --date 2026-13-01
expect_status 2 "bad date"
finish
