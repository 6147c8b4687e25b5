#!/usr/bin/env bash
# Strava bulk exports: the zip and the unpacked folder, metadata from
# activities.csv, rows without files, duplicates, and hostile rows.
source "$(dirname "$0")/lib.sh" "$@"
GENSTRAVA="$(dirname "$GEN_BIN")/tendo-gen-strava"

"$GENSTRAVA" --out export.zip --end 2026-11-24 --days 14 2>/dev/null
"$GENSTRAVA" --out unpacked --end 2026-11-24 --days 14 2>/dev/null
expect_eq "$(ls unpacked/activities | wc -l)" 8 "files in the export"

run import export.zip
expect_status 0 "zip import"
expect_out "12 files: 12 imported, 0 duplicate, 0 rejected" "every row"
expect_out "imported   activities.csv row 2 (Commute): session #1: bike 2026-11-11 from activities.csv alone" "row without a file"
expect_out "imported   activities/" "rows with files"
run --json list --what sessions --from 2026-11-21 --to 2026-11-21
echo "$OUT" > l.json
expect_eq "$(json_get l.json '$.sessions[0].notes')" "Long run" "name -> notes"
expect_eq "$(json_get l.json '$.sessions[0].rpe')" 6 "perceived exertion -> RPE"
expect_eq "$(json_get l.json '$.sessions[0].shoe')" "Pegasus 40" "gear -> shoe"
expect_eq "$(json_get l.json '$.sessions[0].source')" gpx "the file's format"
run --json list --what sessions --from 2026-11-13 --to 2026-11-13
echo "$OUT" > g.json
expect_eq "$(json_get g.json '$.sessions[0].type')" strength "Weight Training -> strength"
expect_eq "$(json_get g.json '$.sessions[0].source')" strava "from the CSV"
expect_eq "$(json_get g.json '$.sessions[0].minutes')" 40.0 "moving time"

run import unpacked
expect_status 0 "the folder again"
expect_out "12 files: 0 imported, 0 duplicate, 0 rejected, 12 known (-v lists them)" "nothing twice"

# hostile rows in an unpacked export: each refused, the others still land
mkdir -p bad/activities
cp unpacked/activities/*.gpx bad/activities/
gpx=$(ls bad/activities | head -1)
{
  echo "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Moving Time,Distance"
  echo "1,\"Nov 20, 2026, 6:30:00 AM\",Escape,Run,../../etc/passwd,600,2"
  echo "2,\"Nov 20, 2026, 7:30:00 AM\",Missing,Run,activities/none.fit,600,2"
  echo "3,\"Nov 20, 2026, 8:30:00 AM\",Good,Run,activities/$gpx,600,2"
  echo "4,\"Nov 32, 2026, 8:30:00 AM\",Bad date,Run,,600,2"
} > bad/activities.csv
export TENDO_DB="$WORK/bad.db"
run import bad
expect_status 2 "hostile export"
expect_err "'../../etc/passwd' would leave the export" "path escape refused"
expect_err "cannot open 'bad/activities/none.fit'" "missing file refused"
expect_err "activities.csv:5: Activity Date 'Nov 32, 2026, 8:30:00 AM' is not a date" "bad date with line"
expect_out "imported   activities/$gpx" "the good row lands"
printf 'not a zip at all' > fake.zip
run import fake.zip
expect_status 2 "not a zip"
expect_err "fake.zip" "named"
expect_err "is not a readable zip" "why"
finish
