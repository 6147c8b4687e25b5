#!/usr/bin/env bash
# tendo delete: every kind, by id and by day; asking on a terminal, --yes
# otherwise; markers; ids never reused; no orphans; refusals change nothing.
source "$(dirname "$0")/lib.sh" "$@"

run shoe add Peg --default
run shoe add Spare
run log run --minutes 45 --rpe 4 --date 2026-11-20
run log run --minutes 30 --date 2026-11-21
run log bike --minutes 40 --date 2026-11-21
run check --morning 2 --stiffness 5 --date 2026-11-21
run check --morning 3 --stiffness 5 --calf --date 2026-11-22
run wellness --sleep 7 --date 2026-11-21
run rehab --exercise heel-drop --sets 3 --reps 15 --pain 1 --date 2026-11-21
run assess heel-raise --left 20 --right 22 --date 2026-11-21
expect_status 0 "setup"

# without a terminal and without --yes: refused, nothing changes
before=$(db_hash)
run delete session 1
expect_status 1 "no --yes"; expect_err "not deleting without --yes" "why"
expect_err_lines 1 "one line"
expect_eq "$(db_hash)" "$before" "refusal changes nothing"
run delete session 99 --yes
expect_status 2 "no such id"; expect_err "no session #99" "names it"
expect_eq "$(db_hash)" "$before" "unknown id changes nothing"
run delete sock 1 --yes
expect_status 1 "unknown kind"; expect_err "KIND 'sock' is not one of session, check" "lists kinds"
run delete check 3 --yes
expect_status 1 "check by id"; expect_err "one per day" "per day"
run delete session 1 --date 2026-11-20 --yes
expect_status 1 "id and date"
run delete session x1 --yes
expect_status 1 "bad id"
expect_eq "$(db_hash)" "$before" "usage errors change nothing"

# by id, with what was deleted
run delete session 1 --yes
expect_status 0 "delete by id"
expect_out "deleted session #1 (2026-11-20): run, 45 min, logged by hand" "what"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT kind, record_id, date FROM deletions")" "session|1|2026-11-20" "marker"

# every session of a day, --json
run --json delete session --date 2026-11-21 --yes
expect_status 0 "by day"
echo "$OUT" > d.json
expect_eq "$(json_get d.json '$.deleted[0].id')" 2 "first of the day"
expect_eq "$(json_get d.json '$.deleted[1].what')" "bike, 40 min, logged by hand" "second"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions")" 0 "sessions gone"

# ids are never used twice
run log run --minutes 20 --date 2026-11-23
expect_out "logged #4 " "next id after the deleted ones"

# a check's red flags stay on record as a correction
run delete check --date 2026-11-22 --yes
expect_out "deleted check of 2026-11-22: morning 3/10, stiffness 5 min, red flags" "check"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT flags FROM flag_corrections WHERE date = '2026-11-22'")" 32 "calf kept on record"
run today --date 2026-11-23
expect_no_out "red_flag_calf" "the deleted flag is gone from the advice"

run delete wellness --date 2026-11-21 --yes
expect_out "deleted wellness of 2026-11-21: sleep 7 h" "wellness"
run delete rehab 1 --yes
expect_out "deleted rehab #1 (2026-11-21): heel-drop 3x15" "rehab"
run delete assessment --date 2026-11-21 --yes
expect_out "deleted assessment #1 (2026-11-21): heel-raise left 20, right 22" "assessment"
run delete wellness --date 2026-11-21 --yes
expect_status 2 "already gone"; expect_err "no wellness on 2026-11-21" "per day"

# a shoe with runs is retired, one without is deleted
run delete shoe Peg --yes
expect_status 0 "shoe with runs"
expect_out "retired shoe #1: Peg (1 runs) (a shoe with runs is retired, not deleted)" "retired"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT retired, is_default FROM shoes WHERE id = 1")" "2026-11-24|0" "retired, no longer default"
run delete shoe 2 --yes
expect_out "deleted shoe #2 (-): Spare (0 runs)" "shoe without runs"
run delete shoe Nope --yes
expect_status 2 "unknown shoe"

# clearances
run check --morning 1 --stiffness 5 --night --date 2026-11-23
run flags clear night --date 2026-11-24 --note "GP: fine"
run delete clearance 1 --yes
expect_out "deleted clearance #1 (2026-11-24): clearance of red flags (GP: fine)" "clearance"
run today
expect_out "red_flag_night" "the flag is open again"

# on a terminal: it lists and asks; no means nothing
if command -v script >/dev/null 2>&1; then
  before=$(db_hash)
  printf 'n\n' | script -qec "$TENDO_BIN delete session 4" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out) ERR=
  expect_out "session #4 of 2026-11-23: run, 20 min, logged by hand" "lists it"
  expect_out "Delete it? [y/N]" "asks"
  expect_out "nothing deleted" "no"
  expect_eq "$(db_hash)" "$before" "answered no"
  printf 'y\n' | script -qec "$TENDO_BIN delete session 4" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out)
  expect_out "deleted session #4" "yes"
fi

# no orphans, and the markers say what went
expect_eq "$(sqlite3 "$TENDO_DB" "PRAGMA foreign_key_check" | wc -l)" 0 "no orphans"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT group_concat(kind, ',') FROM (SELECT kind FROM deletions ORDER BY id)")" \
  "session,session,session,check,wellness,rehab,assessment,shoe,clearance$([ -x "$(command -v script)" ] && echo ,session)" "markers"

run delete --help
expect_status 0 help; expect_out "usage: tendo delete KIND ID" help
finish
