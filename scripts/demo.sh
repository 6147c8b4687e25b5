#!/usr/bin/env bash
# `make demo`: a fresh database under the build folder, filled with a
# generated 12-week diary of a runner whose Achilles flares up in week 7,
# then what tendo shows about it.
set -euo pipefail
build=${1:-build}
demo="$build/demo"
tendo="$build/tendo"
rm -rf "$demo"
mkdir -p "$demo"
export TENDO_DB="$demo/tendo.db"
today=$(date +%Y-%m-%d)

echo "== generating a 12-week diary ending $today ($demo/diary.csv)"
"$build/tendo-gen-diary" --end "$today" > "$demo/diary.csv"
echo "== tendo import $demo/diary.csv"
"$tendo" import "$demo/diary.csv"
echo
echo "== tendo shoe list"
"$tendo" shoe list
echo
echo "== tendo list --days 7"
"$tendo" list --days 7
echo
"$tendo" export --json -o "$demo/export.json"
"$tendo" export --csv -o "$demo/export.csv"
echo "== wrote $demo/export.json and $demo/export.csv; the database is $TENDO_DB"
echo "   try: TENDO_DB=$TENDO_DB $tendo list --from $(date -d '-6 weeks' +%Y-%m-%d) --days 14"
