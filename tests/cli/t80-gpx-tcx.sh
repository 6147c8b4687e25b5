#!/usr/bin/env bash
# GPX and TCX: inspect and import of files made by tendo's generator, the
# same runs from FIT, GPX and TCX stored once, and refusals.
source "$(dirname "$0")/lib.sh" "$@"
GENFIT="$(dirname "$GEN_BIN")/tendo-gen-fit"

"$GENFIT" --out fit --end 2026-11-24 --days 7 --seed 3 2>/dev/null
"$GENFIT" --out gpx --end 2026-11-24 --days 7 --seed 3 --format gpx 2>/dev/null
"$GENFIT" --out tcx --end 2026-11-24 --days 7 --seed 3 --format tcx 2>/dev/null
expect_eq "$(ls gpx | wc -l)" 4 "generated GPX"
gzip -k gpx/run-2026-11-24.gpx

run --json inspect gpx/run-2026-11-22.gpx
expect_status 0 "inspect gpx"
echo "$OUT" > i.json
expect_eq "$(json_get i.json '$.format')" gpx "format"
expect_eq "$(json_get i.json '$.sport')" running "sport from <type>"
expect_eq "$(json_get i.json '$.device')" tendo-gen-fit "creator"
run inspect gpx/run-2026-11-24.gpx.gz
expect_status 0 "inspect gpx.gz"; expect_out "gpx, " "gz format"

run import fit
expect_out "4 files: 4 imported" "fit first"
run import gpx
expect_status 0 "gpx after fit"
expect_out "5 files: 0 imported, 5 duplicate, 0 rejected" "the same runs from GPX are duplicates"
expect_out "starting within 60 s" "why"
run import tcx
expect_out "4 files: 0 imported, 4 duplicate, 0 rejected" "the same runs from TCX too"
run --json inspect tcx/run-2026-11-24.tcx
echo "$OUT" > t.json
expect_eq "$(json_get t.json '$.format')" tcx "tcx format"
expect_eq "$(json_get t.json '$.sport')" running "tcx sport"

export TENDO_DB="$WORK/gpx-first.db"
run import gpx/run-2026-11-21.gpx
expect_out "imported   gpx/run-2026-11-21.gpx: session #1: run 2026-11-21" "gpx import"
run --json list --what sessions --from 2026-11-21 --to 2026-11-21
echo "$OUT" > l.json
expect_eq "$(json_get l.json '$.sessions[0].source')" gpx "source gpx"

# TCX notes become the session's notes
export TENDO_DB="$WORK/notes.db"
cat > notes.tcx <<'XML'
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2026-11-20T07:00:00Z</Id>
<Lap StartTime="2026-11-20T07:00:00Z"><TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>
<Track><Trackpoint><Time>2026-11-20T07:00:00Z</Time></Trackpoint><Trackpoint><Time>2026-11-20T07:30:00Z</Time></Trackpoint></Track></Lap>
<Notes>  Achilles a bit stiff at the start  </Notes></Activity></Activities></TrainingCenterDatabase>
XML
run import notes.tcx
expect_status 0 "tcx with notes"
run --json list --what sessions --from 2026-11-20 --to 2026-11-20
echo "$OUT" > n.json
expect_eq "$(json_get n.json '$.sessions[0].notes')" "Achilles a bit stiff at the start" "notes kept"

# the richer source wins: a FIT replaces a GPX copy of the same run, and
# what the athlete entered on it stays
export TENDO_DB="$WORK/richer.db"
run import gpx/run-2026-11-24.gpx
run edit 1 --rpe 6 --pain 2 --notes "felt heavy"
run import fit/run-2026-11-24.fit
expect_status 0 "fit after gpx"
expect_out "imported   fit/run-2026-11-24.fit: merged with #1: run 2026-11-24" "replaced"
run --json list --what sessions --from 2026-11-24
echo "$OUT" > r.json
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('r.json'), '\$.sessions')")" 1 "still one session"
expect_eq "$(json_get r.json '$.sessions[0].source')" fit "now from the FIT"
expect_eq "$(json_get r.json '$.sessions[0].device')" "garmin fr945" "FIT's device"
expect_eq "$(json_get r.json '$.sessions[0].rpe')" 6 "RPE kept"
expect_eq "$(json_get r.json '$.sessions[0].pain_during')" 2 "pain kept"
expect_eq "$(json_get r.json '$.sessions[0].notes')" "felt heavy" "notes kept"
run import tcx/run-2026-11-24.tcx
expect_out "duplicate" "a poorer source after the FIT is a duplicate"

printf '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]><gpx>&x;</gpx>' > xxe.gpx
printf '<gpx><rte><rtept lat="1" lon="2"/></rte></gpx>' > route.gpx
printf '<gpx><trk><trkseg><trkpt lat="1" lon="2">' > cut.gpx
printf '<TrainingCenterDatabase><Courses><Course/></Courses></TrainingCenterDatabase>' > course.tcx
before=$(db_hash)
run import xxe.gpx route.gpx cut.gpx course.tcx
expect_status 2 "refusals"
expect_err "xxe.gpx: offset" "xxe named"
expect_err "DOCTYPE" "xxe refused"
expect_err "route.gpx: no track with timed points" "route refused"
expect_err "cut.gpx:1: not well-formed XML" "cut refused"
expect_err "course.tcx: a TCX course (a planned route), not an activity" "course refused"
expect_eq "$(db_hash)" "$before" "nothing written"
finish
