#!/usr/bin/env bash
# bench/import.sh BUILD - GPX and TCX reading speed (in memory, through the
# same path inspect and import use) and a ten-year Strava bulk export
# imported into a fresh database. Not part of `make check`.
set -euo pipefail
build=${1:-build}
cmake --build "$build" --target bench_activity tendo tendo-gen-fit tendo-gen-strava >/dev/null
calc() { awk "BEGIN { print $* }"; }
[ -d "$build/archive-gpx" ] || "$build/tendo-gen-fit" --out "$build/archive-gpx" \
  --end 2026-11-24 --days 730 --seed 7 --format gpx 2>/dev/null
[ -d "$build/archive-tcx" ] || "$build/tendo-gen-fit" --out "$build/archive-tcx" \
  --end 2026-11-24 --days 730 --seed 7 --format tcx 2>/dev/null
echo "== GPX, two years of generated runs, in memory"
"$build/bench_activity" 5 "$build/archive-gpx"/*.gpx
echo "== TCX, the same runs"
"$build/bench_activity" 5 "$build/archive-tcx"/*.tcx
echo "== the same runs as FIT, for scale"
[ -d "$build/archive-fit2" ] || "$build/tendo-gen-fit" --out "$build/archive-fit2" \
  --end 2026-11-24 --days 730 --seed 7 2>/dev/null
"$build/bench_activity" 5 "$build/archive-fit2"/*.fit

echo "== a ten-year Strava export (.zip) into a fresh database"
[ -f "$build/strava-10y.zip" ] || "$build/tendo-gen-strava" \
  --out "$build/strava-10y.zip" --end 2026-11-24 --days 3653 --seed 11 2>/dev/null
size=$(stat -c %s "$build/strava-10y.zip")
best=""
for r in 1 2 3; do
  rm -f "$build/strava10.db"*
  t0=$(date +%s.%N)
  TENDO_DB="$build/strava10.db" TENDO_NOW=2026-11-24T12:00:00Z \
    "$build/tendo" -q import "$build/strava-10y.zip"
  t1=$(date +%s.%N)
  echo "run $r: $(calc "$t1 - $t0") s"
done
printf 'export %.1f MB; %s\n' "$(calc "$size / 1000000")" \
  "$(sqlite3 "$build/strava10.db" "SELECT count(*) || ' sessions, ' || sum(source = 'strava') || ' from activities.csv alone, ' || (SELECT count(*) FROM streams) || ' streams' FROM sessions")"
