#!/usr/bin/env bash
# The generated 12-week diary: import, duplicates, export -> import ->
# export byte-identical, JSON export, folders, JSON lines.
source "$(dirname "$0")/lib.sh" "$@"

"$GEN_BIN" --end 2026-11-24 > diary.csv
expect_eq "$(head -1 diary.csv)" "date,type,minutes,km,rpe,surface,shoe,pain_during,pain_after,pain_morning,stiffness_min,sleep_h,rehab_sets,rehab_reps,rehab_load_kg,rehab_exercise,rehab_surface,rehab_tempo,rehab_pain,notes" "generator header"
expect_eq "$(wc -l < diary.csv)" 87 "generator: 86 days"
"$GEN_BIN" --end 2026-11-24 > again.csv
cmp -s diary.csv again.csv && ok || bad "generator deterministic" "two runs differ"

run import diary.csv
expect_status 0 import
expect_out "imported   diary.csv: 61 sessions (#1-#61), 86 checks, 74 rehab, 86 wellness" "import counts"
run import diary.csv
expect_status 0 "duplicate"; expect_out "duplicate  diary.csv (imported before)" duplicate
cp diary.csv renamed.csv
run import renamed.csv
expect_out "duplicate" "duplicate by content, not name"

run export --csv -o one.csv
expect_status 0 export
TENDO_DB="$WORK/fresh.db" "$TENDO_BIN" import one.csv > /dev/null
expect_eq "$?" 0 "import the export"
TENDO_DB="$WORK/fresh.db" "$TENDO_BIN" export > two.csv
cmp -s one.csv two.csv && ok || bad "export -> import -> export" "$(diff one.csv two.csv | head -5)"
expect_eq "$(grep -c ',run,' one.csv)" "$(grep -c ',run,' diary.csv)" "every run exported"

run export --from 2026-11-20 --to 2026-11-21
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" 3 "date range: header + 2 days"

run export --json -o all.json
expect_eq "$(json_valid all.json)" 1 "json export valid"
expect_eq "$(json_get all.json '$.schema')" 6 "json schema"
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('all.json'), '\$.sessions')")" 61 "json sessions"
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('all.json'), '\$.shoes')")" 3 "json shoes"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT morning FROM checks WHERE date = '2026-10-16'")" 5 "the flare's morning"

# a folder, recursively, with --json lines; non-CSV files are left alone
mkdir -p box/a/b
printf 'date,sleep_h\n2026-11-01,7\n' > box/a/sleep.csv
printf 'date,sleep_h\n2026-11-02,8\n' > box/a/b/more.CSV
printf 'date,sleep_h\n2026-11-03,25\n' > box/bad.csv
echo "not for us" > box/readme.txt
run --json import box
expect_status 2 "folder with a bad file"
printf '%s\n' "$OUT" > lines.jsonl
expect_eq "$(wc -l < lines.jsonl)" 4 "three files and a summary"
for i in 1 2 3 4; do sed -n "${i}p" lines.jsonl > "line$i.json"; done
expect_eq "$(json_get line1.json '$.file')" "box/a/b/more.CSV" "depth first, sorted"
expect_eq "$(json_get line3.json '$.line')" 2 "rejected line"
expect_eq "$(json_get line3.json '$.field')" sleep_h "rejected field"
expect_eq "$(json_get line4.json '$.summary.rejected')" 1 "summary"
run import box/readme.txt
expect_status 2 "explicit unknown file"; expect_err "not a file tendo can import" "unknown format"
finish
