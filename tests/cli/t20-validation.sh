#!/usr/bin/env bash
# Every rejected input of issue 2 item 5: one clear line naming the field
# (and CSV line), the exit status of product.md, the database unchanged.
source "$(dirname "$0")/lib.sh" "$@"

run log run --minutes 30 >/dev/null   # a database with something in it
expect_status 0 setup

expect_rejected "pain 11"        2 "--pain '11' is out of range 0-10"   log run --minutes 30 --pain 11
expect_rejected "negative min"   2 "--minutes '-40' must not be negative" log run --minutes -40
expect_rejected "zero minutes"   2 "--minutes '0' must be more than 0"  log run --minutes 0
expect_rejected "unknown type"   2 "type 'swimm' is not one of run, pool-run, bike" log swimm --minutes 30
expect_rejected "bad date"       2 "--date '2026-02-30' is not a date (expected YYYY-MM-DD)" --date 2026-02-30 log run --minutes 30
expect_rejected "future date"    2 "--date '2027-01-01' is in the future" --date 2027-01-01 log run --minutes 30
expect_rejected "rpe text"       2 "--rpe 'hard' is not a whole number"  log run --minutes 30 --rpe hard
expect_rejected "km junk"        2 "--km '7km' is not a number"          log run --km 7km
expect_rejected "surface"        2 "--surface 'lava' is not one of road" log run --minutes 30 --surface lava
expect_rejected "unknown shoe"   2 "shoe 'Nope' is not known"            log run --minutes 30 --shoe Nope
expect_rejected "no duration"    1 "log needs --minutes or a distance"   log run
expect_rejected "check morning"  2 "--morning '12' is out of range 0-10" check --morning 12
expect_rejected "check side"     2 "--side 'up' is not one of left, right, both" check --side up
expect_rejected "check flag"     2 "--flags 'popp' is not one of pop"    check --flags popp
expect_rejected "rehab sets"     2 "--sets '0' is out of range 1-20"     rehab --sets 0
expect_rejected "rehab tempo"    2 "tempo 'slow' is not a tempo such as 3-1-1" rehab --tempo slow
expect_rejected "sleep"          2 "--sleep '25' is out of range 0-24"   wellness --sleep 25
expect_rejected "notes utf8"     2 "--notes"                             log run --minutes 30 --notes $'bad\xff'
expect_rejected "bad setting"    2 "max_hr '300' is out of range 100-230" config max_hr 300
expect_rejected "unknown key"    1 "unknown setting 'colour'"           config colour red
expect_rejected "bad units"      1 "--units 'yards' is not one of km, mi" --units yards list

# the diary CSV: the file and line and field, nothing written
csv() { printf "$2" > "$1"; }
csv pain.csv 'date,type,minutes,pain_during\n2026-11-20,run,30,2\n2026-11-21,run,30,11\n'
expect_rejected "csv pain 11"    2 "pain.csv:3: pain_during '11' is out of range 0-10" import pain.csv
csv neg.csv 'date,type,minutes\n2026-11-20,run,-40\n'
expect_rejected "csv negative"   2 "neg.csv:2: minutes '-40' must not be negative" import neg.csv
csv type.csv 'date,type,minutes\n2026-11-20,jog,40\n'
expect_rejected "csv type"       2 "type.csv:2: type 'jog' is not one of" import type.csv
csv date.csv 'date,type,minutes\n20/11/2026,run,40\n'
expect_rejected "csv bad date"   2 "date.csv:2: date '20/11/2026' is not a date" import date.csv
csv future.csv 'date,type,minutes\n2030-01-01,run,40\n'
expect_rejected "csv future"     2 "future.csv:2: date '2030-01-01' is in the future" import future.csv
csv column.csv 'date,type,minutes,pace\n2026-11-20,run,40,5:30\n'
expect_rejected "csv column"     2 "column.csv:1: unknown column 'pace'" import column.csv
csv quote.csv 'date,type,minutes,notes\n2026-11-20,run,40,ok\n2026-11-21,run,40,"unclosed\n'
expect_rejected "csv quoting"    2 "quote.csv:3: quoted field is not closed" import quote.csv
csv stray.csv 'date,type,minutes,notes\n2026-11-20,run,40,say "hi"\n'
expect_rejected "csv stray"      2 "stray.csv:2: stray quote" import stray.csv
printf 'date,type\n2026-11-20,run\0\n' > nul.csv
expect_rejected "csv binary"     2 "nul.csv:2: NUL byte" import nul.csv
expect_rejected "missing file"   2 "cannot open 'nope.csv'" import nope.csv

# a batch goes on: the good file lands, the bad one does not, status 2
csv good.csv 'date,type,minutes\n2026-11-20,run,41\n'
run import pain.csv good.csv
expect_status 2 "batch status"
expect_out "imported   good.csv: 1 sessions" "batch good file"
expect_err "rejected   pain.csv:3:" "batch bad file"
expect_out "2 files: 1 imported, 0 duplicate, 1 rejected" "batch summary"
finish
