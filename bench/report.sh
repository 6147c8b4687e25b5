#!/usr/bin/env bash
# bench/report.sh BUILD - the report on a 20-year daily diary (1,040
# weeks of the generated diary: a run most days, a check, rehab and sleep
# every day): in-process (bench_report: reading the history, the advice,
# the report of 52 and 520 weeks) and as whole commands (`tendo report
# --weeks 52|520`, `tendo today`), median of 11. Not part of `make check`.
set -euo pipefail
build=${1:-build}
cmake --build "$build" --target bench_report tendo tendo-gen-diary >/dev/null
export TZ=UTC TENDO_NOW=2026-11-24T08:00:00Z TENDO_DB="$build/diary-20y.db"
if [ ! -f "$TENDO_DB" ]; then
  "$build/tendo-gen-diary" --end 2026-11-24 --weeks 1040 > "$build/diary-20y.csv"
  "$build/tendo" -q import "$build/diary-20y.csv"
fi
echo "== in-process, $TENDO_DB"
"$build/bench_report" "$TENDO_DB" 11 52 520
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
whole() {
  for r in $(seq 11); do
    t0=$(date +%s%N)
    "$build/tendo" -q "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | median
}
echo "== whole commands, median of 11 (microseconds)"
w52=$(whole report --weeks 52 -o "$build/report-52.html")
w520=$(whole report --weeks 520 -o "$build/report-520.html")
today=$(whole today)
echo "tendo report --weeks 52    $w52 us"
echo "tendo report --weeks 520   $w520 us   ($(awk "BEGIN { printf \"%.2f\", $w520 / $w52 }") x the 52 weeks)"
echo "tendo today                $today us"
