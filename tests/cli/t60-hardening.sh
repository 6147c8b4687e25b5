#!/usr/bin/env bash
# Hardening (issue 16): a diary with many rows on one date imports in
# linear time, a FIFO never hangs an import, outputs never follow a
# planted link and are private, a Strava folder's symlinks are not
# followed, CSV cells are not formulas, a writer waits for another, a
# full disk stops an import with exit 3, read-only commands work on a
# database the user may not write and never create one.
source "$(dirname "$0")/lib.sh" "$@"
GENFIT="$(dirname "$GEN_BIN")/tendo-gen-fit"

# --- 1. many rows on one date: linear (quadratic took minutes here) -----
{
  echo "date,type,minutes,notes,rehab_sets,rehab_reps"
  for ((i = 0; i < 50000; i++)); do echo "2026-11-20,run,$((30 + i % 7)),r$i,3,$((1 + i % 15))"; done
} > sameday.csv
timeout 120 "$TENDO_BIN" import sameday.csv > /dev/null 2>&1
expect_eq "$?" 0 "50,000 rows on one date import (well within 120 s)"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions WHERE date = '2026-11-20'")" 50000 "every session"
sed -i '2s/r0,/r0 again,/' sameday.csv
timeout 120 "$TENDO_BIN" import sameday.csv > same.out 2>&1
expect_eq "$?" 0 "again, every row but one already stored"
grep -q "1 sessions (#50001-#50001), 0 checks, 0 rehab, 0 wellness (99999 already stored)" same.out && ok || bad "already stored" "$(cat same.out)"

# --- 2. a FIFO does not hang the import ---------------------------------
export TENDO_DB="$WORK/fifo.db"
mkfifo run.gpx
timeout 20 "$TENDO_BIN" import run.gpx > fifo.out 2> fifo.err
expect_eq "$?" 2 "a FIFO is refused, not waited on"
grep -q "run.gpx' is not a regular file" fifo.err && ok || bad "fifo message" "$(cat fifo.err)"
mkdir -p exp/activities
mkfifo exp/activities/1.gpx
"$GENFIT" --out gen --end 2026-11-20 --days 3 --format gpx 2>/dev/null
cp "$(ls gen/*.gpx | head -1)" exp/activities/2.gpx
{
  echo "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Moving Time,Distance"
  echo "1,\"Nov 18, 2026, 6:30:00 AM\",Fifo,Run,activities/1.gpx,600,2"
  echo "2,\"Nov 19, 2026, 6:30:00 AM\",Good,Run,activities/2.gpx,600,2"
} > exp/activities.csv
timeout 20 "$TENDO_BIN" import exp > fifo.out 2> fifo.err
expect_eq "$?" 2 "a FIFO in a Strava folder is refused, not waited on"
grep -q "activities/1.gpx' is not a regular file" fifo.err && ok || bad "fifo in export" "$(cat fifo.err)"
grep -q "imported   activities/2.gpx" fifo.out && ok || bad "the other row lands" "$(cat fifo.out)"

# --- 5. a Strava folder's symbolic links are not followed ---------------
mkdir -p outside
cp "$(ls gen/*.gpx | tail -1)" outside/secret.gpx
rm exp/activities/1.gpx
ln -s "$WORK/outside/secret.gpx" exp/activities/1.gpx
export TENDO_DB="$WORK/link.db"
run import exp
expect_status 2 "a symlink in an export"
expect_err "activities/1.gpx' leads out of the export through a symbolic link (refused)" "not followed"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions WHERE notes = 'Fifo'")" 0 "nothing read through it"
mkdir -p exp2/activities && cp exp/activities/2.gpx exp2/activities/ && ln -s "$WORK/exp/activities.csv" exp2/activities.csv
run import exp2
expect_status 2 "activities.csv itself a symlink"
expect_err "symbolic link" "refused"

# --- 3, 4. outputs: private, exclusive temp files, links replaced -------
export TENDO_DB="$WORK/priv/deep/tendo.db"
umask 022
run log run --minutes 30 --notes "=HYPERLINK(\"http://evil\",\"x\")"
expect_status 0 "log into a new folder"
expect_eq "$(stat -c %a "$WORK/priv")" 700 "new folders 0700"
expect_eq "$(stat -c %a "$WORK/priv/deep")" 700 "every new folder"
expect_eq "$(stat -c %a "$TENDO_DB")" 600 "the database 0600 under umask 022"
python3 - "$TENDO_DB" <<'PY' && ok || bad "wal and shm" "not 0600"
import os, sqlite3, stat, sys
db = sys.argv[1]
c = sqlite3.connect(db); c.execute("SELECT count(*) FROM sessions").fetchall()
for suffix in ("-wal", "-shm"):
    m = stat.S_IMODE(os.stat(db + suffix).st_mode)
    assert m == 0o600, (suffix, oct(m))
c.close()
PY
run report -o report.html
run plan --ics plan.ics
run export -o diary.csv
run backup backup.db
for f in report.html plan.ics diary.csv backup.db; do
  expect_eq "$(stat -c %a $f)" 600 "$f is 0600"
done
printf 'old\n' > kept.csv && chmod 640 kept.csv
run export -o kept.csv
expect_eq "$(stat -c %a kept.csv)" 640 "an existing output keeps its mode"
ln -s "$WORK/victim.txt" linked.csv
run export -o linked.csv
expect_status 0 "a link at the output path"
[ ! -e "$WORK/victim.txt" ] && ok || bad "link followed" "victim written"
[ -f linked.csv ] && [ ! -L linked.csv ] && ok || bad "link" "not replaced by the file"
expect_eq "$(ls | grep -c 'tmp')" 0 "no temporary files left"

# --- 6. CSV cells that would be formulas ---------------------------------
grep -q "'=HYPERLINK" diary.csv && ok || bad "formula" "not defused: $(tail -1 diary.csv)"
export TENDO_DB="$WORK/round.db"
run import diary.csv
run export -o again.csv
cmp -s diary.csv again.csv && ok || bad "round trip" "$(diff diary.csv again.csv)"
run --json list --what sessions --from 2026-11-24
echo "$OUT" > n.json
expect_eq "$(json_get n.json '$.sessions[0].notes')" '=HYPERLINK("http://evil","x")' "the notes come back as typed"

# --- 7. a writer waits for another --------------------------------------
export TENDO_DB="$WORK/lock.db"
run init
python3 -c "
import sqlite3, time
c = sqlite3.connect('$TENDO_DB', isolation_level=None)
c.execute('BEGIN IMMEDIATE'); open('$WORK/locked', 'w').close()
time.sleep(2); c.execute('COMMIT')" &
while [ ! -e "$WORK/locked" ]; do sleep 0.05; done
if command -v script >/dev/null 2>&1; then
  script -qec "$TENDO_BIN log run --minutes 25" /dev/null > lock.out 2>&1
  grep -q "waiting for another tendo command to finish writing" lock.out && ok || bad "waiting said" "$(cat lock.out)"
  grep -q "logged #1" lock.out && ok || bad "then logged" "$(cat lock.out)"
fi
wait
python3 -c "
import sqlite3, time
c = sqlite3.connect('$TENDO_DB', isolation_level=None)
c.execute('BEGIN IMMEDIATE'); open('$WORK/locked2', 'w').close()
time.sleep(2); c.execute('COMMIT')" &
while [ ! -e "$WORK/locked2" ]; do sleep 0.05; done
run import diary.csv
wait
expect_status 0 "an import waits, it does not reject the file"
expect_out "1 file: 1 imported" "imported after the wait"

# --- 8. a full disk stops the import: exit 3, nothing half-written -------
"$GENFIT" --out watch --end 2026-11-20 --days 120 2>/dev/null
export TENDO_DB="$WORK/full.db"
run init
( trap '' XFSZ; ulimit -f 3000; exec "$TENDO_BIN" import watch ) > full.out 2> full.err
expect_eq "$?" 3 "a full disk is a storage error"
expect_eq "$(grep -c . full.err)" 1 "one line"
grep -q "while importing watch/run-.*: stopped there with [0-9]* files imported; nothing of it was written" full.err && ok || bad "full message" "$(cat full.err)"
grep -q "rejected" full.out full.err && bad "no file called rejected" "$(cat full.out)" || ok
expect_eq "$(sqlite3 "$TENDO_DB" 'PRAGMA integrity_check')" ok "integrity"
n=$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM sessions')
expect_eq "$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM imports')" "$n" "no half-written file"
run import watch
expect_status 0 "the same import then succeeds"
expect_eq "$(sqlite3 "$TENDO_DB" 'SELECT count(*) FROM sessions')" "$(ls watch | wc -l)" "every run once"

# --- 9. read-only: a database the user may not write -------------------
ro=$(mktemp -d /tmp/tendo-ro-XXXXXX)
trap 'rm -rf "$WORK" "$ro"' EXIT
cp "$WORK/round.db" "$ro/tendo.db"
if [ "$(id -u)" -eq 0 ]; then
  chmod 755 "$ro"; chmod 644 "$ro/tendo.db"
  as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
  chmod 555 "$ro"; chmod 444 "$ro/tendo.db"
  as_reader() { "$@"; }
fi
before=$(sha256sum "$ro/tendo.db")
for cmd in "today" "list" "load" "plan" "export" "assess" "flags" "rehab" "shoe list" "config"; do
  # shellcheck disable=SC2086
  as_reader env TENDO_DB="$ro/tendo.db" "$TENDO_BIN" $cmd > ro.out 2> ro.err
  expect_eq "$?" 0 "read-only: $cmd works"
done
as_reader env TENDO_DB="$ro/tendo.db" "$TENDO_BIN" log run --minutes 20 > ro.out 2> ro.err
expect_eq "$?" 3 "read-only: a write is a storage error"
grep -q "is read-only for you" ro.err && ok || bad "read-only message" "$(cat ro.err)"
expect_eq "$(sha256sum "$ro/tendo.db")" "$before" "the file unchanged"
expect_eq "$(ls "$ro")" "tendo.db" "nothing created beside it"
# an older schema it may not upgrade
chmod u+w "$ro" "$ro/tendo.db" 2>/dev/null
sqlite3 "$ro/tendo.db" "UPDATE schema_version SET version = 4"
[ "$(id -u)" -eq 0 ] || chmod 444 "$ro/tendo.db"
as_reader env TENDO_DB="$ro/tendo.db" "$TENDO_BIN" today > ro.out 2> ro.err
expect_eq "$?" 3 "an older schema it may not upgrade: exit 3"
grep -q "has schema version 4 and needs upgrading, which you may not do: run 'tendo init' as its owner" ro.err && ok || bad "upgrade message" "$(cat ro.err)"
# an empty file: refused, not written
: > empty.db
export TENDO_DB="$WORK/empty.db"
for cmd in today list report; do
  run $cmd
  expect_status 2 "$cmd on an empty file"
done
expect_err "is empty: not a tendo database yet (run 'tendo init' to make one)" "why"
expect_eq "$(stat -c %s empty.db)" 0 "the empty file stays empty"
export TENDO_DB="$WORK/none.db"
run today
expect_status 2 "no database: read-only commands create none"
[ ! -e none.db ] && ok || bad "created" "none.db"
# --- 10. the report is well-formed whatever the input -----------------
export TENDO_DB="$WORK/round.db"
expect_rejected "a control character in the title" 2 "--title 'a?b' contains a control character" report -o t.html --title $'a\x01b'
expect_rejected "invalid UTF-8 in the title" 2 "is not valid UTF-8" report -o t.html --title $'Ann \xff'
expect_rejected "a shoe name on two lines" 2 "is not one line (no line breaks or tabs in a name)" shoe add $'Peg\nasus'
printf 'date,type,minutes,shoe\n2026-11-20,run,30,"Peg\nasus"\n' > twoline.csv
expect_rejected "a diary shoe on two lines" 2 "twoline.csv:2: shoe name" import twoline.csv
run report -o titled.html --title "Ann & <Bob>"
expect_status 0 "a title with markup characters"
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout titled.html 2>xml.err && ok || bad "well-formed" "$(head -3 xml.err)"
fi

# --- 11. smaller -------------------------------------------------------
"$GENFIT" --out crc --end 2026-11-20 --days 2 2>/dev/null
f=$(ls crc/*.fit | head -1)
python3 -c "import sys; d=bytearray(open(sys.argv[1],'rb').read()); d[-1]^=0xff; open(sys.argv[1],'wb').write(d)" "$f"
export TENDO_DB="$WORK/crc.db"
run -v import "$f"
expect_status 0 "a CRC mismatch still imports"
expect_err "warning    $f: file CRC does not match (data read anyway)" "-v shows the reader's warning"
printf 'just some text\n' > notes.txt
run import notes.txt
expect_err "not a file tendo can import (FIT, GPX, TCX, their .gz, a Strava export .zip, a diary CSV" "the formats named"
# a zip entry whose stated size is smaller than its data: damaged
python3 - "$(ls gen/*.gpx | head -1)" <<'PY'
import struct, sys, zipfile
gpx = open(sys.argv[1], 'rb').read()
with zipfile.ZipFile('under.zip', 'w', zipfile.ZIP_STORED) as z:
    z.writestr('activities.csv', 'Activity ID,Activity Date,Activity Name,Activity Type,Filename\n'
               '1,"Nov 19, 2026, 6:30:00 AM",Run,Run,activities/1.gpx\n')
    z.writestr('activities/1.gpx', gpx)
d = bytearray(open('under.zip', 'rb').read())
n = len(gpx) - 100
for sig, off_c, off_u in ((b'PK\x03\x04', 18, 22), (b'PK\x01\x02', 20, 24)):
    p = 0
    while (p := d.find(sig, p)) >= 0:
        name_len = struct.unpack_from('<H', d, p + (26 if sig == b'PK\x03\x04' else 28))[0]
        name_at = p + (30 if sig == b'PK\x03\x04' else 46)
        if d[name_at:name_at + name_len] == b'activities/1.gpx':
            struct.pack_into('<I', d, p + off_c, n)
            struct.pack_into('<I', d, p + off_u, n)
        p += 4
open('under.zip', 'wb').write(d)
PY
export TENDO_DB="$WORK/under.db"
run import under.zip
expect_status 2 "an understated zip entry"
expect_err "'activities/1.gpx' in the archive is damaged" "damaged, not 'not well-formed'"
# an unknown TZ is said, not accepted silently
TZ=Mars/Olympus_Mons "$TENDO_BIN" list >/dev/null 2>tz.err
expect_eq "$?" 0 "an unknown TZ: still works, in UTC"
grep -q "tendo: warning: TZ 'Mars/Olympus_Mons' is not a time zone tendo can read: days are in UTC" tz.err && ok || bad "TZ warning" "$(cat tz.err)"
finish
