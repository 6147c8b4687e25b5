#!/usr/bin/env bash
# bench/fit.sh BUILD - FIT decoding and import speed, tendo against two
# peers measured in the same run (docs/benchmarks.md):
#   - fit-file-parser 6.1.2 (MIT, npm; pinned by tests/fitparser/
#     package-lock.json, installed into BUILD/fitparser as the tests do),
#     in-process, the same files already in memory;
#   - gpsbabel 1.8.0 (Debian), one process per file, as it has no library.
# Generates (once) a 14-year archive of ~3,000 runs and a 10-year one of
# ~2,100 with tendo's own encoder. Not part of `make check`.
set -euo pipefail
build=${1:-build}
shared="$(cd "$(dirname "$0")/.." && pwd)/../shared/data/activities/fit"
runs=${RUNS:-5}

cmake --build "$build" --target bench_fit tendo tendo-gen-fit >/dev/null
[ -d "$build/archive" ] || "$build/tendo-gen-fit" --out "$build/archive" \
  --end 2026-11-24 --days 5200 --seed 7
[ -d "$build/archive10" ] || "$build/tendo-gen-fit" --out "$build/archive10" \
  --end 2026-11-24 --days 3653 --seed 11
lock="$(dirname "$0")/../tests/fitparser"
mkdir -p "$build/fitparser"
if ! cmp -s "$lock/package-lock.json" "$build/fitparser/package-lock.json" ||
   [ ! -d "$build/fitparser/node_modules/fit-file-parser" ]; then
  cp "$lock/package.json" "$lock/package-lock.json" "$build/fitparser/"
  (cd "$build/fitparser" && npm ci --ignore-scripts --no-audit --no-fund \
     --loglevel=error)
fi
cp "$(dirname "$0")/fit-file-parser.mjs" "$build/fitparser/"
node=(node "$build/fitparser/fit-file-parser.mjs")

echo "== in-process decoding of the generated archive (files in memory)"
"$build/bench_fit" "$runs" "$build/archive"
"${node[@]}" 1 "$build/archive"

largest=()
if [ -d "$shared" ]; then
  for f in big_activity.fit sportslib-tri-4623204522.fit 14211916346_ACTIVITY.fit; do
    largest+=("$shared/$f")
  done
  echo "== in-process decoding of the largest real files"
  "$build/bench_fit" 21 "${largest[@]}"
  "${node[@]}" 5 "${largest[@]}"
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
calc() { awk "BEGIN { print $* }"; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); calc "$t1 - $t0"; }

echo "== one process per file: gpsbabel vs tendo inspect (200 archive files)"
mapfile -t sample < <(ls "$build/archive"/*.fit | head -200)
bytes=$(cat "${sample[@]}" | wc -c)
for tool in gpsbabel tendo; do
  t=$(for r in 1 2 3; do
        t0=$(date +%s.%N)
        for f in "${sample[@]}"; do
          if [ $tool = gpsbabel ]; then gpsbabel -i garmin_fit -f "$f" -o unicsv -F /dev/null
          else "$build/tendo" inspect "$f" >/dev/null; fi
        done
        t1=$(date +%s.%N); calc "$t1 - $t0"
      done | median)
  printf '%-9s 200 files, %.1f MB: median %.3f s, %.1f MB/s\n' "$tool" \
    "$(calc "$bytes / 1000000")" "$t" "$(calc "$bytes / 1000000 / $t")"
done
if [ ${#largest[@]} -gt 0 ]; then
  echo "== one process per large real file (startup amortised)"
  lb=$(cat "${largest[@]}" | wc -c)
  for tool in gpsbabel tendo; do
    t=$(for r in 1 2 3 4 5; do
          t0=$(date +%s.%N)
          for f in "${largest[@]}"; do
            if [ $tool = gpsbabel ]; then gpsbabel -i garmin_fit -f "$f" -o unicsv -F /dev/null
            else "$build/tendo" inspect "$f" >/dev/null; fi
          done
          t1=$(date +%s.%N); calc "$t1 - $t0"
        done | median)
    printf '%-9s 3 files, %.1f MB: median %.3f s, %.1f MB/s\n' "$tool" \
      "$(calc "$lb / 1000000")" "$t" "$(calc "$lb / 1000000 / $t")"
  done
fi

echo "== ten years into a fresh database vs decoding the same files"
n10=$(ls "$build/archive10" | wc -l)
dec=$(for r in 1 2 3; do secs "$build/tendo" inspect "$build/archive10"/*.fit; done | median)
imp=$(for r in 1 2 3; do
        rm -f "$build/bench10.db"*
        TENDO_DB="$build/bench10.db" secs "$build/tendo" -q import "$build/archive10"
      done | median)
printf 'decode (tendo inspect, %d files): median %.3f s\n' "$n10" "$dec"
printf 'import (tendo import, fresh db):  median %.3f s (%.1fx decoding), database %s\n' \
  "$imp" "$(calc "$imp / $dec")" "$(du -h "$build/bench10.db" | cut -f1)"
sqlite3 "$build/bench10.db" \
  "SELECT printf('streams: %d sessions, %d samples, %.1f MB, %.1f bytes/sample', count(*), sum(samples), sum(length(data))/1e6, 1.0*sum(length(data))/sum(samples)) FROM streams"
