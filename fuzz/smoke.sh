#!/usr/bin/env bash
# Runs one libFuzzer binary briefly over the committed corpus (read-only:
# new inputs go to a temporary folder). Used by `make check` so every
# target really fuzzes on each run; long campaigns: fuzz/run.sh.
set -euo pipefail
bin=$1 corpus=$2 seconds=${3:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# crashers go to the temporary folder too; on failure, print the input
status=0
"$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix="$tmp/" -print_final_stats=1 "$tmp" "$corpus" \
  > "$tmp.log" 2>&1 || status=$?
tail -n 40 "$tmp.log"
for a in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-*; do
  [ -e "$a" ] && { echo "== failing input $a (base64):"; base64 "$a" | head -40; }
done
rm -f "$tmp.log"
exit $status
