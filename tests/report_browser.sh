#!/usr/bin/env bash
# The report in a real browser (tests/browser/report.mjs): the demo's data
# (a 12-week diary with a flare-up, its last two weeks of runs from watch
# files) and a 2-year diary
# (report of 104 weeks), each at 390 px and 1280 px. puppeteer-core comes
# from npm, pinned by tests/browser/package-lock.json, installed into the
# build tree; screenshots stay under BUILD/report-shots/. Exit 77
# (skipped) without node, npm or chromium.
# Usage: report_browser.sh TENDO GEN-DIARY BUILD
set -u
tendo=$(realpath "$1") gen=$(realpath "$2") build=$(realpath "$3")
src=$(cd "$(dirname "$0")" && pwd)
source "$src/browser/setup.sh"
W=$(mktemp -d /tmp/tendo-browser-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export TENDO_NOW=2026-11-24T08:00:00Z TZ=UTC
export TENDO_DB="$W/a.db"
# the demo's data: a diary whose last two weeks of runs come from watch files
"$tendo" -q init && "$gen" --end 2026-11-24 --weeks 12 --watch-from 2026-11-11 > a.csv &&
  "$(dirname "$gen")/tendo-gen-fit" --out watch --end 2026-11-24 --days 14 2>/dev/null &&
  "$tendo" -q import a.csv watch && "$tendo" -q report -o report-demo.html --weeks 12 --title "Demo runner" || exit 1
export TENDO_DB="$W/b.db"
"$tendo" -q init && "$gen" --end 2026-11-24 --weeks 104 --seed 5 > b.csv &&
  "$tendo" -q import b.csv && "$tendo" -q report -o report-2y.html --weeks 104 || exit 1
mkdir -p "$build/report-shots"
node "$dir/report.mjs" "$build/report-shots" report-demo.html report-2y.html
