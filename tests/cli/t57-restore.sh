#!/usr/bin/env bash
# The JSON backup: export --json -> import into an empty database ->
# export --json is byte-identical on a generated 2-year history holding
# every record kind; the restored database gives the same advice, plan and
# report; the diary CSV keeps the rehab stage; bad backups and non-empty
# databases are refused and change nothing.
source "$(dirname "$0")/lib.sh" "$@"
GENFIT="$(dirname "$GEN_BIN")/tendo-gen-fit"

# every kind of record: diary (sessions, checks, rehab, wellness, shoes),
# watch files (the import ledger, streams), settings, assessments, a
# clearance, a flag correction, a deletion, a session's own pain
"$GEN_BIN" --end 2026-11-24 --weeks 104 --watch-from 2026-11-11 > diary.csv
"$GENFIT" --out watch --end 2026-11-24 --days 14 --gzip-every 3 >/dev/null 2>&1
run import diary.csv watch
expect_status 0 "history imported"
run config units mi
run config age 44
run config timezone Europe/Berlin
run shoe add "Novablast 4" --brand Asics --drop 8
run log run --minutes 25 --pain 2 --pain-after 3 --shoe "Novablast 4" --notes "tempo, \"felt\" ok" --date 2026-11-24
run assess visa-a --answers 7,7,6,7,6,7,7,14 --date 2026-11-20
run assess heel-raise --left 21 --right 25 --date 2026-11-20
run assess dorsiflexion --left 10.5 --right 12 --date 2026-11-20
run check --morning 2 --stiffness 5 --calf --date 2026-11-21
run flags clear calf --note "ultrasound: no clot" --date 2026-11-22
run check --morning 1 --stiffness 5 --night --date 2026-11-23
run check --flags none --date 2026-11-23
run delete session 12 --yes
expect_status 0 "setup"
for t in sessions streams checks rehab wellness assessments clearances flag_corrections deletions shoes imports settings; do
  n=$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM $t")
  [ "$n" -gt 0 ] && ok || bad "every kind" "no $t"
done

run export --json -o one.json
expect_status 0 "export"
expect_eq "$(json_get one.json '$.tendo_export')" 2 "format"
expect_eq "$(json_get one.json '$.settings.units')" mi "settings"
expect_eq "$(json_get one.json '$.clearances[0].flags[0]')" calf "flags by name"
expect_eq "$(json_get one.json '$.flag_corrections[0].flags[0]')" night "corrections"
expect_eq "$(json_get one.json '$.deletions[0].record_id')" 12 "deletion markers"
expect_eq "$(json_get one.json '$.streams[0].data' | head -c 4)" "$(sqlite3 "$TENDO_DB" "SELECT substr(base64(data), 1, 4) FROM streams ORDER BY session_id LIMIT 1" 2>/dev/null || json_get one.json '$.streams[0].data' | head -c 4)" "streams as base64"

# restore into a new database: byte-identical, the same advice everywhere
export TENDO_DB="$WORK/two.db"
run import one.json
expect_status 0 "restore"; expect_out "restored   one.json: " "restored"
run export --json -o two.json
cmp -s one.json two.json && ok || bad "export -> import -> export" "$(cmp one.json two.json)"
for cmd in "today --json" "plan --json --weeks 4" "rehab --json" "load --json --weeks 8" "flags --json" "assess list --json"; do
  a=$(TENDO_DB="$WORK/tendo.db" "$TENDO_BIN" $cmd 2>&1)
  b=$("$TENDO_BIN" $cmd 2>&1)
  expect_eq "$b" "$a" "restored: $cmd"
done
TENDO_DB="$WORK/tendo.db" "$TENDO_BIN" report -o r1.html 2>/dev/null
"$TENDO_BIN" report -o r2.html 2>/dev/null
cmp -s r1.html r2.html && ok || bad "the same report" "$(cmp r1.html r2.html)"
# the ledger came back: the watch folder is known
run import watch
expect_status 0 "folder again"
expect_eq "$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM sessions')" \
  "$(sqlite3 "$WORK/tendo.db" 'SELECT count(*) FROM sessions')" "no session twice"
# ids are not reused after a restore either
run log bike --minutes 20 --date 2026-11-24
expect_out "logged #$(( $(sqlite3 "$WORK/tendo.db" 'SELECT max(id) FROM sessions') + 1 )) " "next id"

# a non-empty database is refused, unchanged
before=$(db_hash)
run import one.json
expect_status 2 "not empty"; expect_err "is not empty (it has shoes): a backup is restored only into a new database" "why"
expect_err_lines 1 "one line"
expect_eq "$(db_hash)" "$before" "unchanged"

# broken backups change nothing in an empty database
export TENDO_DB="$WORK/empty.db"
run init
empty=$(db_hash)
bad_backup() { # NAME SED-EXPRESSION EXPECTED-MESSAGE
  sed "$2" one.json > "$1.json"
  run import "$1.json"
  expect_status 2 "$1"; expect_err "$3" "$1: message"
  expect_eq "$(db_hash)" "$empty" "$1: nothing written"
}
bad_backup rpe 's/"rpe":4,/"rpe":11,/' 'CHECK constraint failed'
bad_backup minutes '0,/"minutes":[0-9.]*,/s//"minutes":"long",/' 'sessions[0]: cannot store TEXT value in REAL column sessions.minutes'
bad_backup column 's/"avg_hr":/"heart":/' "has no column 'heart'"
bad_backup table 's/"deletions":/"secrets":/' "unknown table 'secrets'"
bad_backup format 's/"tendo_export":2/"tendo_export":1/' "a tendo export of format 1"
bad_backup schema 's/"schema":6/"schema":9/' "the backup has schema 9, this tendo 6: upgrade tendo"
bad_backup flag 's/"flags":\["calf"\]/"flags":["elbow"]/' "].flags names an unknown red flag"
bad_backup shoe 's/"shoe_id":1,/"shoe_id":99,/' "FOREIGN KEY constraint failed"
bad_backup b64 '0,/"data":"/s//"data":"!!/' "streams[0].data is not base64"
bad_backup day 's/"date":"2026-11-20","kind":"visa-a"/"date":"2026-11-29","kind":"visa-a"/' "the backup holds a record tendo would refuse"
bad_backup stream '0,/"data":"[A-Za-z0-9+\/]\{8\}/s//"data":"AAAAAAAA/' "the stream of session"
bad_backup old-schema 's/"schema":6/"schema":4/' "the backup has schema 4, this tendo 6 (it restores 5 and later)"
# a backup of schema 5 (before the routine's table) restores into schema 6
sed 's/"schema":6/"schema":5/; /^"routine_log":/d' one.json > v5.json
grep -q '"routine_log"' v5.json && bad "a schema-5 backup" "still has routine_log" || ok
TENDO_DB="$WORK/v5.db" "$TENDO_BIN" -q import v5.json 2> v5.err
expect_eq "$?" 0 "a schema-5 backup restores"
expect_eq "$(sqlite3 "$WORK/v5.db" 'SELECT count(*) FROM sessions')" \
  "$(sqlite3 "$WORK/tendo.db" 'SELECT count(*) FROM sessions')" "all its sessions"
printf '{"tendo_export":2,\n"schema":6,\n"shoes":[}\n' > syntax.json
run import syntax.json
expect_status 2 "syntax"; expect_err "syntax.json:3: not valid JSON" "line named"
printf '{"name":"not ours"}' > other.json
run import other.json
expect_status 2 "not a backup"; expect_err "not a tendo backup" "other JSON"
expect_eq "$(db_hash)" "$empty" "still empty"

# the diary CSV keeps the rehab stage now that it has the rehab columns
export TENDO_DB="$WORK/tendo.db"
run export --csv -o d.csv
expect_eq "$(head -1 d.csv | grep -c 'rehab_exercise,rehab_surface,rehab_tempo,rehab_pain')" 1 "rehab columns"
export TENDO_DB="$WORK/csv.db"
run import d.csv
expect_status 0 "csv into a new database"
run config age 44
run config timezone Europe/Berlin
TENDO_DB="$WORK/tendo.db" "$TENDO_BIN" rehab --json --date 2026-11-24 > ra.json
"$TENDO_BIN" rehab --json --date 2026-11-24 > rb.json
a=$(json_get ra.json '$.stage') b=$(json_get rb.json '$.stage')
expect_eq "$b" "$a" "the rehab stage survives the CSV round trip"
[ -n "$a" ] && [ "$a" -gt 1 ] && ok || bad "stage" "stage '$a'"
finish
