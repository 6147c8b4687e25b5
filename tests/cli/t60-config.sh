#!/usr/bin/env bash
# Settings, units, and days in the athlete's time zone.
source "$(dirname "$0")/lib.sh" "$@"

run config
expect_status 2 "no database"
run init >/dev/null
run config
expect_status 0 config; expect_out "units           = km  (default)" "defaults listed"
run config units mi
expect_status 0 set; expect_out "units = mi" set
run config units
expect_eq "$OUT" mi "get"
run --json config
echo "$OUT" > c.json
expect_eq "$(json_get c.json '$.units.value')" mi "json value"
expect_eq "$(json_get c.json '$.units.default')" 0 "json default flag"
expect_eq "$(json_get c.json '$.ramp.value')" 10 "ramp default"
run config --unset units
expect_out "units = km" unset
run config ramp 7.50
expect_out "ramp = 7.5" "normalised"
run config timezone Mars/Base
expect_status 2 "bad zone"; expect_err "time zone 'Mars/Base' is not known" "bad zone"

# days in the athlete's zone: 23:30 UTC on the 23rd is the 24th in Berlin
export TENDO_NOW=2026-11-23T23:30:00Z
run log run --minutes 30
expect_out "2026-11-23 run" "UTC day"
run config timezone Europe/Berlin
run log run --minutes 31
expect_out "2026-11-24 run" "Berlin day"
run --date 2026-11-25 log run --minutes 32
expect_status 0 "tomorrow allowed (zones)"
run --date 2026-11-26 log run --minutes 32
expect_status 2 "two days ahead is the future"
export TENDO_NOW=bogus
run list
expect_status 1 "bad TENDO_NOW"
finish
