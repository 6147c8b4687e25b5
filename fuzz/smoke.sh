#!/usr/bin/env bash
# Runs one libFuzzer binary briefly over the committed corpus (read-only:
# new inputs go to a temporary folder). Used by `make check` so every
# target really fuzzes on each run; long campaigns: fuzz/run.sh.
set -euo pipefail
bin=$1 corpus=$2 seconds=${3:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
  -print_final_stats=1 "$tmp" "$corpus" 2>&1 | tail -n 12
