#!/usr/bin/env bash
# Watch files: inspect and import of FIT and .fit.gz made by tendo's own
# encoder; duplicates; and, when ../shared is beside the project, the real
# files from other devices.
source "$(dirname "$0")/lib.sh" "$@"
GENFIT="$(dirname "$GEN_BIN")/tendo-gen-fit"

"$GENFIT" --out watch --end 2026-11-24 --days 14 --gzip-every 3 2>/dev/null
expect_eq "$(ls watch | wc -l)" 8 "generated runs"
expect_eq "$(ls watch | grep -c '\.gz$')" 2 "some gzipped"

run inspect watch/run-2026-11-24.fit
expect_status 0 inspect; expect_out "running/generic 2026-11-24T06:30:00Z" inspect
expect_out "garmin fr945" "inspect device"
run --json inspect watch/run-2026-11-21.fit.gz watch/run-2026-11-24.fit
expect_status 0 "inspect json"
printf '%s\n' "$OUT" | sed -n 1p > i1.json
expect_eq "$(json_get i1.json '$.sport')" running "json sport"
expect_eq "$(json_get i1.json '$.records')" 4201 "json records"
expect_eq "$(json_get i1.json '$.timer_s')" 4200.0 "json timer"
expect_eq "$(json_get i1.json '$.utc_offset_s')" 3600 "json offset"
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('i1.json'), '\$.warnings')")" 0 "no warnings"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 2 "one line per file"
[ ! -e "$TENDO_DB" ] && ok || bad "inspect stores nothing" "database exists"

printf 'not a fit file at all' > junk.fit
head -c 3000 watch/run-2026-11-24.fit > cut.fit
run --json inspect cut.fit junk.fit
expect_status 2 "inspect bad files"
printf '%s\n' "$OUT" | sed -n 1p > c1.json
expect_eq "$(json_get c1.json '$.file')" cut.fit "error object file"
expect_eq "$(json_get c1.json '$.offset')" 3000 "error offset"
expect_out "promises" "says it was cut short"

run import watch
expect_status 0 "import folder"
expect_out "imported   watch/run-2026-11-24.fit: session #8: run 2026-11-24, " "import line"
expect_out "8 files: 8 imported, 0 duplicate, 0 rejected" "import summary"
run import watch
expect_out "8 files: 0 imported, 0 duplicate, 0 rejected, 8 known (-v lists them)" "re-import"
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 1 "known files are counted, not listed"
before=$(db_hash)
run import cut.fit junk.fit
expect_status 2 "bad files rejected"
expect_err "cut.fit: offset 3000: the file ends after 3000 bytes" "truncated file message"
expect_eq "$(db_hash)" "$before" "rejections change nothing"
run --json list --what sessions --from 2026-11-24
printf '%s\n' "$OUT" > l.json
expect_eq "$(json_get l.json '$.sessions[0].source')" fit "source"
expect_eq "$(json_get l.json '$.sessions[0].device')" "garmin fr945" "device"
expect_eq "$(json_get l.json '$.sessions[0].utc_offset_s')" 3600 "offset"
expect_eq "$(sqlite3 "$TENDO_DB" 'SELECT count(*), sum(samples) > 10000 FROM streams')" "8|1" "streams stored"
run log run --minutes 30 --date 2026-11-23
run export
expect_out "2026-11-24,run," "exported"

# the real files, when the shared data sits beside the project
SHARED="$(dirname "$TENDO_SRC")/shared/data/activities"
if [ -d "$SHARED/fit" ]; then
  export TENDO_DB="$WORK/real.db"
  run import "$SHARED/fit"
  expect_status 2 "real files: some are not activities"
  expect_out "65 files: 62 imported, 1 duplicate, 2 rejected" "real files summary"
  expect_err "sram-Settings.fit: a FIT settings file, not an activity" "settings refused"
  expect_out "sportslib-run-6909950168.fit (session #" "same run from another file"
  run import "$SHARED/fit"
  expect_status 0 "real files again: nothing new failed"
  expect_out "65 files: 0 imported, 0 duplicate, 0 rejected, 63 known, 2 rejected before (-v lists them; --force tries them again)" "real files again"
  expect_eq "$ERR" "" "real files again: the refusals are not repeated"
else
  echo "skipping the real files: no $SHARED"
fi
finish
