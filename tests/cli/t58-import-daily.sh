#!/usr/bin/env bash
# The daily watch-folder import: a run logged by hand merges with its
# watch file (and a Strava row with its file), known files are counted
# not listed, a rejected file is reported once, a deleted session stays
# deleted until --force, new sessions show their ids, and imported runs
# get the shoe in use on their day.
source "$(dirname "$0")/lib.sh" "$@"
GENFIT="$(dirname "$GEN_BIN")/tendo-gen-fit"
"$GENFIT" --out w --end 2026-11-24 --days 14 2>/dev/null
expect_eq "$(ls w | wc -l)" 8 "generated runs"

# --- the shoe in use, from its first-use date --------------------------
run init
run shoe add "Ghost 15" --since 2026-11-15 --default
expect_status 0 "shoe add --since"
expect_rejected "--since with list" 1 "go with 'shoe add'" shoe list --since 2026-11-15

# --- a run logged by hand, then its watch file -------------------------
run log run --date 2026-11-17 --minutes 45 --rpe 6 --pain 2 --notes "hilly loop" --no-shoe
expect_status 0 "logged by hand"
run log run --date 2026-11-19 --minutes 20 --rpe 3
expect_status 0 "a shorter run the same day as a longer watch run"
run import w
expect_status 0 "folder import"
expect_out "imported   w/run-2026-11-17.fit: merged with #1: run 2026-11-17, 50 min, 8.69 km" "merged with the hand-logged run"
expect_out "imported   w/run-2026-11-12.fit: session #3: run 2026-11-12" "new session with its id"
expect_out "imported   w/run-2026-11-19.fit: session #" "20 min by hand is not the 45 min watch run"
expect_out "8 files: 8 imported, 0 duplicate, 0 rejected" "summary"
run --json list --what sessions --from 2026-11-17 --to 2026-11-17
echo "$OUT" > m.json
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('m.json'), '\$.sessions')")" 1 "one session, not two"
expect_eq "$(json_get m.json '$.sessions[0].id')" 1 "the hand-logged id stays"
expect_eq "$(json_get m.json '$.sessions[0].source')" fit "recorded data from the file"
expect_eq "$(json_get m.json '$.sessions[0].device')" "garmin fr945" "device from the file"
expect_eq "$(json_get m.json '$.sessions[0].avg_hr')" 141 "heart rate from the file"
expect_eq "$(json_get m.json '$.sessions[0].rpe')" 6 "RPE kept"
expect_eq "$(json_get m.json '$.sessions[0].pain_during')" 2 "pain kept"
expect_eq "$(json_get m.json '$.sessions[0].notes')" "hilly loop" "notes kept"
expect_eq "$(json_get m.json '$.sessions[0].shoe')" "" "no shoe stays no shoe"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions")" 9 "8 files + 1 short run"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM streams WHERE session_id = 1")" 1 "the stream joins the merged session"
# shoes: none before the first-use date, the default from it on
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions WHERE date < '2026-11-15' AND shoe_id IS NOT NULL")" 0 "no shoe before --since"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions s JOIN shoes h ON h.id = s.shoe_id WHERE s.date >= '2026-11-15' AND s.source = 'fit' AND s.id <> 1 AND h.name = 'Ghost 15'")" 5 "the shoe in use from --since"

# --- the next day: nothing new, nothing listed -------------------------
run import w
expect_status 0 "daily import"
expect_eq "$OUT" "8 files: 0 imported, 0 duplicate, 0 rejected, 8 known (-v lists them)" "known counted, not listed"
run -v import w
expect_out "duplicate  w/run-2026-11-24.fit (imported before)" "-v lists known files"
run --json import w
printf '%s\n' "$OUT" | tail -1 > s.json
expect_eq "$(json_get s.json '$.summary.known')" 8 "json summary known"
expect_eq "$(json_get s.json '$.summary.imported')" 0 "json summary imported"
run --json import w/run-2026-11-24.fit
printf '%s\n' "$OUT" | head -1 > f.json
expect_eq "$(json_get f.json '$.known')" 1 "json file known"
expect_eq "$(json_get f.json '$.status')" duplicate "a named known file is reported"

# --- a file that cannot be read: reported once, then counted ----------
printf 'not a fit file at all' > w/junk.fit
before=$(db_hash); rej=$(ledger_rejections)
run import w
expect_status 2 "a new bad file fails"
expect_err "rejected   w/junk.fit:" "reported the first time"
expect_eq "$(db_hash)" "$before" "the refusal changes nothing but the ledger"
expect_eq "$(ledger_rejections)" "$((rej + 1))" "exactly one ledger row for the refusal"
run import w
expect_status 0 "nothing new failed"
expect_eq "$ERR" "" "not reported again"
expect_out "9 files: 0 imported, 0 duplicate, 0 rejected, 8 known, 1 rejected before (-v lists them; --force tries them again)" "counted"
run -v import w
expect_err "w/junk.fit: " "-v shows it again"
expect_err "(rejected before; 'tendo import --force' tries again)" "-v says why"
run import w/junk.fit
expect_status 2 "a named bad file still fails"
expect_err "rejected   w/junk.fit: " "named: reported"
run import --force w/junk.fit
expect_status 2 "--force reads it again"
expect_err "junk.fit" "--force: the real reason"
if printf '%s\n' "$ERR" | grep -q "rejected before"; then bad "--force" "$ERR"; else ok; fi
expect_eq "$(ledger_rejections)" "$((rej + 1))" "still one ledger row for it"
rm w/junk.fit

# --- delete an imported session: it stays deleted until --force -------
run delete session 9 --yes
expect_status 0 "delete the 11-24 run"
run import w
expect_status 0 "folder after delete"
expect_out "8 known" "the deleted run is not brought back"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions WHERE date = '2026-11-24'")" 0 "still deleted"
run import --force w/run-2026-11-24.fit
expect_status 0 "--force brings it back"
expect_out "imported   w/run-2026-11-24.fit: session #10: run 2026-11-24" "with a new id"
run import --force w/run-2026-11-22.fit
expect_status 0 "--force on a stored run"
expect_out "duplicate  w/run-2026-11-22.fit (session #" "--force still finds the stored run"

# --- a Strava row without a file merges with a run logged by hand, then
#     the watch file of it merges with that ---------------------------
export TENDO_DB="$WORK/strava.db"
mkdir -p strava
{
  echo "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Moving Time,Distance"
  echo "77,\"Nov 19, 2026, 6:30:00 AM\",Tempo,Run,,2700,8.9"
} > strava/activities.csv
run log run --date 2026-11-19 --minutes 44 --rpe 7 --pain 1 --notes "by hand"
run import strava
expect_status 0 "strava row"
expect_out "imported   activities.csv row 2 (Tempo): merged with #1: run 2026-11-19 from activities.csv alone" "row merged with the hand-logged run"
run import strava
expect_out "1 file: 0 imported, 0 duplicate, 0 rejected, 1 known (-v lists them)" "the row is known next time"
run import w/run-2026-11-19.fit
expect_status 0 "the row's watch file"
expect_out "imported   w/run-2026-11-19.fit: merged with #1: run 2026-11-19" "file merged with the row's session"
run --json list --what sessions
echo "$OUT" > st.json
expect_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('st.json'), '\$.sessions')")" 1 "one session from three sources"
expect_eq "$(json_get st.json '$.sessions[0].source')" fit "the file's data"
expect_eq "$(json_get st.json '$.sessions[0].rpe')" 7 "RPE entered by hand kept"
expect_eq "$(json_get st.json '$.sessions[0].notes')" "by hand" "notes kept"
expect_eq "$(json_get st.json '$.sessions[0].pain_during')" 1 "pain kept"
finish
