#!/usr/bin/env bash
# Help, version, usage errors, init, log, edit, list, JSON output.
source "$(dirname "$0")/lib.sh" "$@"

run --version;              expect_status 0 version; expect_out "tendo 0." version
run --help;                 expect_status 0 help; expect_out "Commands:" help
for cmd in init config import log edit check rehab wellness shoe list export; do
  run "$cmd" --help
  expect_status 0 "$cmd --help"
  expect_out "usage: tendo $cmd" "$cmd --help"
done
run;                        expect_status 1 "no command"
run frobnicate;             expect_status 1 "unknown command"; expect_err "unknown command 'frobnicate'" "unknown command"
run log run --minutes 30 --bogus; expect_status 1 "unknown option"; expect_err "unknown option '--bogus'" "unknown option"
run log run --minutes;      expect_status 1 "missing value"; expect_err "option '--minutes' needs a value" "missing value"
run list;                   expect_status 2 "no database yet"; expect_err "no database at" "no database yet"
[ ! -e "$TENDO_DB" ] && ok || bad "read commands create nothing" "database exists"

run init;                   expect_status 0 init; expect_out "schema v6" init
run init;                   expect_status 0 "init again"
run --json init;            expect_status 0 "init json"; expect_out '"schema":6' "init json"

run log run --minutes 40 --km 7.5 --rpe 4 --pain 2 --surface trail --notes "easy, felt ok"
expect_status 0 "log run"; expect_out "logged #1 2026-11-24 run 40 min 7.50 km RPE 4 pain 2/10 on trail" "log run"
run --date 2026-11-20 log bike --minutes 60 --rpe 3
expect_status 0 "log bike on a date"; expect_out "#2 2026-11-20 bike 60 min" "log bike"
run log swim --mi 1 --json
expect_status 0 "log json"; echo "$OUT" > s.json
expect_eq "$(json_get s.json '$.distance_m')" "1609.344" "miles to metres"
expect_eq "$(json_get s.json '$.minutes')" "" "unknown minutes are null"

run edit 1 --rpe 5 --clear pain --notes "changed my mind"
expect_status 0 edit; expect_out "#1 2026-11-24 run 40 min 7.50 km RPE 5 on trail \"changed my mind\"" edit
run edit 99 --rpe 3;        expect_status 2 "edit unknown"; expect_err "no session with id 99" "edit unknown"
run edit 1;                 expect_status 1 "edit nothing"

run list --days 3
expect_status 0 list; expect_out "#1 2026-11-24 run" list; expect_no_out "#2 " "list range"
run --units mi list --from 2026-11-01 --json
expect_status 0 "list json"; echo "$OUT" > l.json
expect_eq "$(json_valid l.json)" 1 "list json valid"
expect_eq "$(json_get l.json '$.units')" mi "list units"
expect_eq "$(json_get l.json '$.sessions[0].type')" bike "list order"
expect_eq "$(json_get l.json '$.sessions[1].distance')" 4.66 "distance in miles"
expect_eq "$(json_get l.json '$.sessions[1].pain_during')" "" "cleared pain is null"
run list --what sessions --from 2026-11-21
expect_status 0 "list what"; expect_no_out "checks:" "list what"
run list --from 2026-11-25 --to 2026-11-20
expect_status 2 "list from after to"
finish
