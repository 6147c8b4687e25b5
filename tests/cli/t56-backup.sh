#!/usr/bin/env bash
# tendo backup FILE: a consistent copy while other commands write; whole
# or nothing; never onto the database itself.
source "$(dirname "$0")/lib.sh" "$@"

for d in 01 02 03 04 05 06 07 08 09 10; do
  run log run --minutes 30 --date 2026-11-$d
done
run backup one.db
expect_status 0 "backup"; expect_out "to one.db" "says where"
expect_eq "$(sqlite3 one.db 'PRAGMA integrity_check')" ok "integrity"
expect_eq "$(sqlite3 one.db 'PRAGMA journal_mode')" delete "one file, no WAL beside it"
expect_eq "$(sqlite3 one.db 'SELECT count(*) FROM sessions')" 10 "every session"
TENDO_DB=one.db "$TENDO_BIN" list --from 2026-11-01 > l.txt
expect_eq "$(grep -c ' run 30 min' l.txt)" 10 "the copy is a tendo database"

# while another process writes: every copy is consistent
( for i in $(seq 1 40); do "$TENDO_BIN" log run --minutes 20 --date 2026-11-20 >/dev/null; done ) &
writer=$!
n=0
for i in 1 2 3 4 5 6; do
  run backup "b$i.db"
  [ "$STATUS" -eq 0 ] && [ "$(sqlite3 "b$i.db" 'PRAGMA integrity_check')" = ok ] && n=$((n + 1))
done
wait $writer
expect_eq "$n" 6 "six consistent copies while writing"
expect_eq "$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM sessions')" 50 "the writer was not stopped"
last=$(sqlite3 b6.db 'SELECT count(*) FROM sessions')
[ "$last" -ge 10 ] && [ "$last" -le 50 ] && ok || bad "snapshot" "$last sessions"

run --json backup one.db
expect_status 0 "replace a backup"
echo "$OUT" > b.json
expect_eq "$(json_get b.json '$.schema')" 6 "json"
run backup "$TENDO_DB"
expect_status 1 "not onto itself"; expect_err "is the database itself" "why"
mkdir adir
run backup adir
expect_status 3 "a folder"; expect_err "is not a regular file" "folder"
run backup /nonexistent/x.db
expect_status 3 "unwritable"; expect_err "cannot create '/nonexistent/x.db.tmp-" "why"
expect_eq "$(ls | grep -c 'tmp-')" 0 "no temporary file left"
run backup
expect_status 1 "no file"
TENDO_DB="$WORK/none.db" "$TENDO_BIN" backup x.db 2>/dev/null
expect_eq "$?" 2 "no database"
finish
