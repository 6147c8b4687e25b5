#!/usr/bin/env bash
# tendo report: the HTML report through the real CLI - a generated diary
# with a flare-up, the page and every chart well-formed for xmllint, nothing
# pointing outside the file, the summary's figures, red flags, shoes,
# units, -o written atomically, stdout, help and bad arguments.
source "$(dirname "$0")/lib.sh" "$@"

run init
"$GEN_BIN" --end 2026-11-24 --weeks 16 > diary.csv
run import diary.csv
expect_status 0 "import the generated diary"
run shoe add "Ghost <15>" --start-km 120
expect_status 0 "a shoe"
run shoe add "Old Pegasus" --start-km 846
run check --morning 1 --side left --location insertion --date 2026-11-18
run assess dorsiflexion --left 9 --right 12 --date 2026-11-19
run check --morning 1 --stiffness 10 --flag night --date 2026-11-20
run assess heel-raise --left 18 --right 25 --date 2026-10-30
run assess heel-raise --left 23 --right 25 --date 2026-11-19
run assess visa-a --answers 5,5,5,5,4,4,4,10 --date 2026-10-30
run assess visa-a --answers 8,7,7,8,6,6,7,21 --date 2026-11-19
run log run --minutes 33 --km 6 --pain 5 --pain-after 4 --date 2026-11-23 --no-shoe
expect_status 0 "assessments"
before=$(db_hash)

run report -o report.html --weeks 12 --title "Sam & co"
expect_status 0 "report"
expect_err "wrote the report to report.html" "says where"
[ -s report.html ] && ok || bad "file" "report.html missing or empty"
ls .report.html* tendo-tmp* 2>/dev/null | grep -q . && bad "temp" "a temporary file was left" || ok
expect_eq "$(db_hash)" "$before" "a report stores nothing"

# well-formed: the whole page as XML, then each SVG on its own
xmllint --noout report.html 2> lint.err && ok || bad "xmllint page" "$(head -3 lint.err)"
awk '/<svg /{f=1; n++} f{print > ("chart" n ".svg")} /<\/svg>/{f=0}' report.html
charts=$(ls chart*.svg | wc -l)
expect_eq "$charts" 27 "nine charts, each laid out for three widths"
for f in chart*.svg; do
  xmllint --noout "$f" 2> lint.err && ok || bad "xmllint $f" "$(head -3 lint.err)"
  grep -q 'role="img"' "$f" && ok || bad "$f" "no role=img"
  grep -q '<title id=' "$f" && ok || bad "$f" "no title"
done
# offline: no scripts, no fetched resources, no URL but the SVG namespace
grep -Eo 'https?://[^"]*' report.html | sort -u > urls
expect_eq "$(cat urls)" "http://www.w3.org/2000/svg" "only the SVG namespace"
for bad_thing in '<script' 'src=' 'url(' '@import' '<link' '<iframe'; do
  grep -qF "$bad_thing" report.html && bad "offline" "has $bad_thing" || ok
done
grep -q '@media print' report.html && ok || bad "print" "no print CSS"
grep -q 'name="viewport"' report.html && ok || bad "phone" "no viewport"

# the summary
OUT=$(cat report.html)
expect_out "<title>tendo report Sam &amp; co 2026-11-24</title>" "title escaped"
expect_out "Clinician summary" "summary"
expect_out "Flare-ups in this period: 2026-" "the demo diary's flare-up"
expect_out "Red flags: <b>night</b> since 2026-11-20, <b>open</b>" "red flag"
expect_out "Ghost &lt;15&gt;" "shoe name escaped"
expect_out "Weekly load and morning pain" "load chart"
expect_out "Acute:chronic tendon load" "ACWR chart"
expect_out "Fitness, fatigue and form" "fitness chart"
expect_out "Morning pain and stiffness" "pain chart"
expect_out "Pain during and after runs" "session pain chart"
expect_out "Cadence and efficiency" "cadence chart"
expect_out "Rehab stage (seed protocol)" "rehab stage chart"
expect_out "Rehab adherence, weekly" "adherence chart"
expect_out "Heel-raise test, VISA-A and function" "assessment chart"
expect_out "does not diagnose" "no diagnosis"
# what a physio asks first
expect_out "Side: <b>left</b> (check of 2026-11-18); location: <b>insertion</b>" "side and location"
expect_out "Heel-raise test: left 23, right 25 raises on 2026-11-19, limb symmetry <b>92 %</b> (running needs 80 %); +20 points since 2026-10-30" "latest LSI and its change"
expect_out "Knee-to-wall dorsiflexion: left 9 cm, right 12 cm on 2026-11-19 (difference 3.0 cm: not yet back to the other side's)" "dorsiflexion"
expect_out "VISA-A: 42 (2026-10-30) &#8594; <b>70</b> (2026-11-19): +28, a meaningful change (10 points or more)" "VISA-A first to last"
expect_out "<td>33</td><td>6.00</td><td>5:30</td><td>-</td><td>-</td><td>-</td><td>5/10</td><td>4/10</td>" "pain logged with the run, in the sessions table"
expect_out "<li>Rehab: pain in the last sessions: " "rehab (no stage while a red flag is open)"
expect_out "pain in the last sessions: 2026-11-2" "rehab session pain"
expect_out "The next 7 days (tendo plan)" "the plan"
expect_out '<table id="sessions">' "the sessions table"
expect_out "Old Pegasus</td><td>846</td><td>0</td><td class=\"l\">in use - <b>past 600 km: time to retire it?</b>" "shoe retirement hint"
# nothing before the first day with data: the diary starts 16 weeks back,
# the page asked for 52 starts there
run report --weeks 52
first=$(sed -n 2p diary.csv | cut -d, -f1)
expect_out ">$first to 2026-11-24 (" "starts at the first day with data"
expect_out "Distances in km" "km"

run --units mi report --weeks 4
expect_status 0 "report to stdout"
expect_out "Distances in mi" "miles"
expect_out "<!DOCTYPE html>" "HTML on stdout"

run report --help
expect_status 0 "help"
expect_out "usage: tendo report" "usage"
run report --weeks 0
expect_status 2 "0 weeks"
expect_err "--weeks" "names the option"
run report --weeks 521
expect_status 2 "521 weeks"
run report extra
expect_status 1 "no arguments"
run report -o /nonexistent/dir/r.html
[ "$STATUS" -ne 0 ] && ok || bad "unwritable" "status 0"
finish
