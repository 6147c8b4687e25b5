#!/usr/bin/env bash
# Shoes: add, default for runs, distance from sessions, retire, hints.
source "$(dirname "$0")/lib.sh" "$@"

run shoe list
expect_status 2 "no database yet"
run shoe add "Ghost 15" --brand Brooks --drop 12 --start-km 550 --default
expect_status 0 "add"; expect_out "added shoe 'Ghost 15' (default for runs)" add
run shoe add "ghost 15"
expect_status 2 "duplicate name"; expect_err "shoe 'Ghost 15' exists already" "duplicate name"
run shoe add Pegasus --start-mi 10
expect_status 0 "add in miles"
run log run --minutes 60 --km 12
expect_status 0 "run gets the default"; expect_out "in Ghost 15" "default shoe"
run log run --minutes 30 --km 6 --no-shoe
expect_no_out " in " "--no-shoe"
run log bike --minutes 30 --km 15
expect_no_out " in " "bikes get no shoe"
run log run --minutes 20 --km 4 --shoe pegasus
expect_out "in Pegasus" "named shoe, any case"
run shoe list
expect_status 0 list
expect_out "Ghost 15                562.0 km    1 run  " "distance = start + sessions"
expect_no_out "time to retire" "no retire hint yet"
run --json shoe list
echo "$OUT" > s.json
expect_eq "$(json_get s.json '$.shoes[0].name')" "Ghost 15" "json order"
expect_eq "$(json_get s.json '$.shoes[0].drop_mm')" 12.0 "drop"
expect_eq "$(json_get s.json '$.shoes[1].distance_m')" 20093.44 "miles start"
expect_eq "$(json_get s.json '$.shoes[0].retire_suggested')" 0 "not yet"
run log run --minutes 200 --km 40
run --json shoe list
echo "$OUT" > s2.json
expect_eq "$(json_get s2.json '$.shoes[0].retire_suggested')" 1 "past 600 km"
run shoe list
expect_out "[past 600 km: time to retire it?]" "retire hint"
run shoe default Pegasus
expect_status 0 default; expect_out "shoe 'Pegasus' is now the default" default
run shoe retire "Ghost 15"
expect_status 0 retire; expect_out "retired shoe 'Ghost 15' after 602.0 km" retire
run shoe list
expect_out "[retired 2026-11-24]" "retired shown"
expect_out "rotating two or more pairs" "rotation hint with one active pair"
run shoe retire "Ghost 15"
expect_status 2 "retire twice"
run shoe default "Ghost 15"
expect_status 2 "retired cannot be default"; expect_err "is retired" "retired default"
run shoe frob x
expect_status 1 "unknown subcommand"
run shoe list --drop 3
expect_status 1 "add-only option"
run --units mi shoe list
expect_out "374.1 mi" "shoe list in miles"

# clinical.md §10: a switch to a lower-drop shoe while symptoms are up
export TENDO_DB="$WORK/drop.db"
run shoe add Trainer --drop 10
run shoe add Racer --drop 4
for d in 01 03 05 07 09 11 13 15 17; do
  run log run --minutes 40 --km 8 --shoe Trainer --date 2026-11-$d
done
for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19; do
  run check --morning 2 --stiffness 5 --date 2026-11-$d
done
run log run --minutes 40 --km 8 --shoe Racer --date 2026-11-19
run log run --minutes 40 --km 8 --shoe Racer --date 2026-11-21
run check --morning 3 --stiffness 5 --date 2026-11-20
run check --morning 3 --stiffness 5 --date 2026-11-21
run check --morning 3 --stiffness 5 --date 2026-11-22
run today --date 2026-11-22
expect_out "Your last run was in Racer (4 mm drop), 6 mm lower than your usual 10 mm" "shoe drop named"
expect_out "[shoe_drop]" "shoe drop code"
finish
