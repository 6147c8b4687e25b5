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

watch_from=$(date -d '-13 days' +%Y-%m-%d)
echo "== generating a 12-week diary ending $today ($demo/diary.csv);"
echo "   from $watch_from the runner's runs come from a watch instead"
"$build/tendo-gen-diary" --end "$today" --watch-from "$watch_from" > "$demo/diary.csv"
echo "== tendo import $demo/diary.csv"
"$tendo" import "$demo/diary.csv"
echo
echo "== two weeks of watch files from tendo's own FIT encoder ($demo/watch)"
"$build/tendo-gen-fit" --out "$demo/watch" --end "$today" --days 14 --gzip-every 3
"$tendo" inspect "$(ls "$demo/watch"/*.fit | tail -1)"
echo "== tendo shoe default 'Ghost 15'   (imported runs get it)"
"$tendo" shoe default "Ghost 15"
echo "== tendo import $demo/watch"
"$tendo" import "$demo/watch"
echo "== tendo import $demo/watch   (again: nothing changes)"
"$tendo" -q import "$demo/watch" && "$tendo" import "$demo/watch" | tail -1
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
echo
echo "== tendo plan --ics $demo/plan.ics --fit $demo/workouts"
echo "   (the next two weeks, also as a calendar, and each session as a FIT"
echo "   workout for a watch: copy them to its GARMIN/NewFiles folder)"
"$tendo" plan --ics "$demo/plan.ics" --fit "$demo/workouts"
echo
echo "== tendo report -o $demo/report.html   (for the coach or physio: open it in a browser)"
"$tendo" report -o "$demo/report.html" --weeks 16
echo
echo "== tendo today   (what to do today, and why)"
"$tendo" today
echo
echo "The report for the demo athlete: $(realpath "$demo/report.html")"
echo "Workouts for a watch: $(realpath "$demo/workouts")/"
