#!/usr/bin/env bash
# The workouts of `tendo plan --fit` read by an independent decoder
# (tests/fitparser/check.mjs: fit-file-parser from npm, pinned by
# tests/fitparser/package-lock.json, installed into BUILD/fitparser) and
# held against `tendo --json plan`: with heart-rate targets, with a pace
# band (the median easy pace worked out here from `tendo --json list`),
# and open. Exit 77 (skipped) without node and npm, or without a registry.
# Usage: workouts_check.sh TENDO GEN-DIARY BUILD
set -u
tendo=$(realpath "$1") gen=$(realpath "$2") build=$(realpath "$3")
src=$(cd "$(dirname "$0")" && pwd)
dir="$build/fitparser" pkg="$src/fitparser"
source "$src/npm_install.sh"
cp "$src/fitparser/check.mjs" "$dir/"
W=$(mktemp -d /tmp/tendo-workouts-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W" || exit 1
export TENDO_NOW=2026-11-24T08:00:00Z TZ=UTC TENDO_DB="$W/a.db"
"$tendo" -q init && "$gen" --end 2026-11-24 --weeks 10 > a.csv && "$tendo" -q import a.csv || exit 1
status=0
# open targets: the diary's runs carry RPEs of 5 or more too; with fewer
# than 3 easy runs in 28 days there is no pace band
easy=$("$tendo" --json list --what sessions --days 29 | python3 -c '
import json, sys, statistics, datetime
d = json.load(sys.stdin)
today = datetime.date(2026, 11, 24)
p = [s["minutes"] / (s["distance_m"] / 1000) for s in d["sessions"]
     if s["type"] == "run" and s["minutes"] and s["distance_m"]
     and (s["rpe"] is None or s["rpe"] < 5)
     and today - datetime.timedelta(days=28) <= datetime.date.fromisoformat(s["date"]) < today]
print(repr(statistics.median(p)) if len(p) >= 3 else "none")')
"$tendo" --json plan --weeks 3 --fit pace > plan-pace.json 2> pace.err || exit 1
if [ "$easy" = none ]; then
  node "$dir/check.mjs" plan-pace.json pace open || status=1
else
  node "$dir/check.mjs" plan-pace.json pace pace "$easy" || status=1
fi
"$tendo" -q config max_hr 188 && "$tendo" -q config rest_hr 52 || exit 1
"$tendo" --json plan --weeks 3 --fit hr > plan-hr.json 2> hr.err || exit 1
node "$dir/check.mjs" plan-hr.json hr hr 188 52 || status=1
# today's file is the plan's first day, byte for byte
"$tendo" -q today --fit today.fit || exit 1
first=$(python3 -c 'import json; d = json.load(open("plan-hr.json"))["days"][0]
print(d["date"] + "-" + ("run" if d["kind"] == "run" else d["cross_training"]["type"] if d["kind"] == "cross-train" else "rehab") + ".fit")')
cmp -s today.fit "hr/$first" || { echo "FAIL: today --fit differs from hr/$first"; status=1; }
exit $status
