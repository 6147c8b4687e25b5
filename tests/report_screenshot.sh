#!/usr/bin/env bash
# The report rendered by headless Chromium: a generated diary with a
# flare-up, `tendo report`, a screenshot, and tests/png_nonblank.py to
# prove the page is not blank. Exit 77 (skipped) without chromium.
# Usage: report_screenshot.sh TENDO GEN-DIARY
set -u
tendo=$(realpath "$1") gen=$(realpath "$2")
src=$(cd "$(dirname "$0")" && pwd)
command -v chromium >/dev/null || { echo "chromium is not installed: skipped"; exit 77; }
W=$(mktemp -d /tmp/tendo-shot-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export TENDO_DB="$W/tendo.db" TENDO_NOW=2026-11-24T08:00:00Z TZ=UTC
"$tendo" -q init && "$gen" --end 2026-11-24 --weeks 16 > d.csv &&
  "$tendo" -q import d.csv && "$tendo" -q report -o report.html --weeks 12 || exit 1
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update \
  --disable-sync --user-data-dir="$W/profile" --window-size=800,1400 \
  --screenshot="$W/report.png" "file://$W/report.html" > chromium.log 2>&1
[ -s report.png ] || { echo "no screenshot"; tail -5 chromium.log; exit 1; }
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" "$src/png_nonblank.py" report.png
