#!/usr/bin/env bash
# bench/same-day.sh BUILD - a diary CSV with 1,000,000 rows on one date
# (the documented row limit), imported into a fresh database, then a copy
# with one row changed imported again (every other row already stored).
# Rows of a day are compared with a per-day set of what was stored
# (src/import/seen.c), so this is linear; comparing each row with the
# database was quadratic (20,000 rows took 27 s). Not part of make check.
set -euo pipefail
build=${1:-build}
cmake --build "$build" --target tendo >/dev/null
csv="$build/sameday-1m.csv"
[ -f "$csv" ] || awk 'BEGIN {
  print "date,type,minutes,notes,rehab_sets,rehab_reps"
  for (i = 0; i < 1000000; i++)
    printf "2026-11-20,run,%d,r%d,3,%d\n", 30 + i % 7, i, 1 + i % 15 }' > "$csv"
sed '2s/r0,/r0 again,/' "$csv" > "$build/sameday-1m-b.csv"
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk "BEGIN { printf \"%.2f\", $t1 - $t0 }"; }
for r in 1 2 3; do
  rm -f "$build/sameday.db"*
  a=$(TENDO_DB="$build/sameday.db" TENDO_NOW=2026-11-24T12:00:00Z secs "$build/tendo" -q import "$csv")
  b=$(TENDO_DB="$build/sameday.db" TENDO_NOW=2026-11-24T12:00:00Z secs "$build/tendo" -q import "$build/sameday-1m-b.csv")
  echo "run $r: 1,000,000 rows on one date: fresh $a s, again (all but one stored) $b s"
done
